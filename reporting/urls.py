from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("esportazione-ricerca/", views.research_export, name="research_export"),
]
