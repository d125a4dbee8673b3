from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicators, name="indicators"),
    path("esportazione-ricerca/", views.research_export, name="research_export"),
    path("cruscotto/", views.dashboard, name="reporting_dashboard"),
    path("territorio/", views.territorio, name="territorio"),
    path("rendicontazione/", views.rendicontazione, name="rendicontazione"),
    path("sintesi-annuale/", views.sintesi_annuale, name="sintesi_annuale"),
    path("sintesi-annuale.pdf", views.sintesi_annuale_pdf, name="sintesi_annuale_pdf"),
    path("rendicontazione.xlsx", views.rendicontazione_download, {"fmt": "xlsx"}, name="rendicontazione_xlsx"),
    path("rendicontazione.pdf", views.rendicontazione_download, {"fmt": "pdf"}, name="rendicontazione_pdf"),
]
