from django.urls import path

from . import views

# Under /famiglie/<pk>/privacy/.
family_urlpatterns = [
    path("", views.privacy_family, name="privacy_family"),
    path("dati.json", views.privacy_export, {"fmt": "json"}, name="privacy_export_json"),
    path("dati.pdf", views.privacy_export, {"fmt": "pdf"}, name="privacy_export_pdf"),
    path("modifiche/", views.privacy_history, name="privacy_history"),
    path("blocco/", views.privacy_hold, name="privacy_hold"),
    path("cancellazione/", views.privacy_erase, name="privacy_erase"),
]

# Under /privacy/.
urlpatterns = [
    path("consensi/", views.consent_register, name="consent_register"),
]
