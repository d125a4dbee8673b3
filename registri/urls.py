from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("modello.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/colonne/", views.import_mapping, name="import_mapping"),
    path("<int:pk>/conferma/", views.import_confirm, name="import_confirm"),
]
