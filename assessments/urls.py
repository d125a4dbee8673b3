from django.urls import path

from . import views

urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("<int:rid>/", views.assessment_detail, name="assessment_detail"),
    path("<int:rid>/correzione/", views.assessment_correct, name="assessment_correct"),
    path("<int:rid>/condivisione/", views.assessment_share, name="assessment_share"),
    path("mondo-del-bambino/<int:person_pk>/", views.mondo_del_bambino, name="mondo_del_bambino"),
]
