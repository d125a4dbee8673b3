from django.urls import path

from . import views

urlpatterns = [
    path("", views.job_list, name="export_list"),
    path("<int:pk>/scarica/", views.job_download, name="export_download"),
]
