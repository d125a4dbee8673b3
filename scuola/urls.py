"""Per-family pages, under /famiglie/<pk>/scuola/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.school_page, name="scuola_family"),
    path("frequenza/nuova/", views.frequenza_edit, name="scuola_frequenza_add"),
    path("frequenza/<int:frequenza_pk>/", views.frequenza_edit, name="scuola_frequenza_edit"),
    path("incontri/nuovo/", views.meeting_add, name="scuola_meeting_add"),
    path("incontri/<int:meeting_pk>/esito/", views.meeting_outcome, name="scuola_meeting_outcome"),
]
