from django.urls import path

from . import views

# The family portal, under /famiglia/.
urlpatterns = [
    path("", views.portal_home, name="portal_home"),
    path("accesso/", views.portal_login, name="portal_login"),
    path("uscita/", views.portal_logout, name="portal_logout"),
    path("lingua/", views.portal_language, name="portal_language"),
    path("invito/<str:token>/", views.portal_invitation, name="portal_invitation"),
    path("progetto/", views.portal_plan, name="portal_plan"),
    path("progetto/risposta/", views.portal_plan_answer, name="portal_plan_answer"),
    path("il-nostro-punto-di-vista/", views.portal_view, name="portal_view"),
    path("messaggi/", views.portal_messages, name="portal_messages"),
    path("appuntamenti/", views.portal_appointments, name="portal_appointments"),
    path("valutazioni/", views.portal_assessments, name="portal_assessments"),
    path("questionario/", views.portal_questionnaire, name="portal_questionnaire"),
    path("valutazioni/<int:pk>/", views.portal_assessment, name="portal_assessment"),
]
