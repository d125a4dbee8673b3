"""Per-family pages, under /famiglie/<pk>/vicinanza/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.family_page, name="vicinanza_family"),
    path("proponi/", views.propose, name="vicinanza_propose"),
]
