from django.urls import path

from . import views

urlpatterns = [
    path("", views.caseload, name="network_caseload"),
    path("dati/", views.network_counts, name="network_counts"),
    path("servizi/", views.service_list, name="service_list"),
    path("servizi/nuovo/", views.service_create, name="service_create"),
    path("servizi/<int:pk>/", views.service_detail, name="service_detail"),
    path("servizi/<int:pk>/modifica/", views.service_edit, name="service_edit"),
    path("contatti/", views.intake_list, name="intake_list"),
    path("contatti/nuovo/", views.intake_create, name="intake_create"),
    path("contatti/<int:pk>/", views.intake_detail, name="intake_detail"),
    path("contatti/<int:pk>/modifica/", views.intake_edit, name="intake_edit"),
    path("contatti/<int:pk>/famiglia/", views.intake_convert, name="intake_convert"),
    path("contatti/<int:pk>/invii/nuovo/", views.referral_create, name="referral_create"),
    path("invii/", views.referral_list, name="referral_list"),
    path("invii/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("protocolli/", views.protocol_list, name="protocol_list"),
    path("protocolli/nuovo/", views.protocol_create, name="protocol_create"),
    path("protocolli/<int:pk>/", views.protocol_detail, name="protocol_detail"),
    path("protocolli/<int:pk>/documento/", views.protocol_document, name="protocol_document"),
]
