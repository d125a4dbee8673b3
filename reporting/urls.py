from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("esportazione-ricerca/", views.research_export, name="research_export"),
    path("rendicontazione/", views.rendicontazione, name="rendicontazione"),
    path("rendicontazione.xlsx", views.rendicontazione_download, {"fmt": "xlsx"}, name="rendicontazione_xlsx"),
    path("rendicontazione.pdf", views.rendicontazione_download, {"fmt": "pdf"}, name="rendicontazione_pdf"),
]
