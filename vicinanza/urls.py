"""The register and the pairings, under /vicinanza/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.register_list, name="vicinanza_register"),
    path("nuovo/", views.sostenitore_create, name="vicinanza_create"),
    path("miei/", views.my_pairings, name="vicinanza_mine"),
    path("<int:pk>/", views.sostenitore_detail, name="vicinanza_detail"),
    path("<int:pk>/modifica/", views.sostenitore_edit, name="vicinanza_edit"),
    path("abbinamenti/<int:pk>/", views.pairing_detail, name="vicinanza_pairing"),
    path("abbinamenti/<int:pk>/accordo/", views.pairing_agree, name="vicinanza_pairing_agree"),
    path("abbinamenti/<int:pk>/verifica/", views.pairing_review, name="vicinanza_pairing_review"),
    path("abbinamenti/<int:pk>/conclusione/", views.pairing_close, name="vicinanza_pairing_close"),
    path("abbinamenti/<int:pk>/attivita/", views.activity_add, name="vicinanza_activity_add"),
]
