"""Per-family pages, under /famiglie/<pk>/interventi/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.family_interventions, name="interventions_family"),
    path("nuovo/", views.visit_add, name="interventions_visit_add"),
    path("assegnazioni/nuova/", views.assignment_add, name="interventions_assignment_add"),
    path("calendario/", views.family_calendar, name="interventions_family_calendar"),
]
