from django.urls import path

from . import views

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/link/", views.survey_links, name="survey_links"),
    path("<int:pk>/relazione/", views.survey_report, name="survey_report"),
]
