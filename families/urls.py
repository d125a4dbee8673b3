from django.urls import path

from . import views

urlpatterns = [
    path("", views.family_list, name="family_list"),
    path("nuova/", views.family_create, name="family_create"),
    path("nuova/riga-componente/", views.person_row, name="family_person_row"),
    path("doppioni/", views.duplicate_list, name="duplicate_list"),
    path("doppioni/<int:a>-<int:b>/", views.duplicate_merge, name="duplicate_merge"),
    path("doppioni/<int:a>-<int:b>/non-doppione/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("<int:pk>/modifica/", views.family_edit, name="family_edit"),
    path("<int:pk>/percorso/", views.family_transition, name="family_transition"),
    path("<int:pk>/componenti/nuovo/", views.person_add, name="person_add"),
    path("<int:pk>/componenti/<int:person_pk>/modifica/", views.person_edit, name="person_edit"),
    path("<int:pk>/consensi/nuovo/", views.consent_add, name="consent_add"),
    path("<int:pk>/consensi/<int:consent_pk>/revoca/", views.consent_revoke, name="consent_revoke"),
    path("<int:pk>/consensi/<int:consent_pk>/documento/", views.consent_document, name="consent_document"),
]
