from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_detail, name="plan_detail"),
    path("nuovo/", views.plan_create, name="plan_create"),
    path("modifica/", views.plan_edit, name="plan_edit"),
    path("versioni/<int:numero>/", views.plan_version, name="plan_version"),
    path("risultati/nuovo/", views.goal_add, name="plan_goal_add"),
    path("risultati/<int:goal_pk>/modifica/", views.goal_edit, name="plan_goal_edit"),
    path("risultati/<int:goal_pk>/azioni/nuova/", views.action_add, name="plan_action_add"),
    path("azioni/<int:action_pk>/modifica/", views.action_edit, name="plan_action_edit"),
    path("accordo/", views.agreement_add, name="plan_agreement_add"),
    path("verifica/", views.review_add, name="plan_review_add"),
    path("nuova-versione/", views.plan_replan, name="plan_replan"),
    path("pdf/", views.plan_pdf, name="plan_pdf"),
    path("risultati/<int:goal_pk>/traduzione/", views.goal_translation, name="plan_goal_translation"),
    path("azioni/<int:action_pk>/traduzione/", views.action_translation, name="plan_action_translation"),
    path("traduzioni/<int:translation_pk>/conferma/", views.translation_confirm, name="plan_translation_confirm"),
]
