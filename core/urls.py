from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("implementazioni/", views.cohort_list, name="cohort_list"),
    # The family page composes the apps: its panels come from families.panels.
    path("famiglie/<int:pk>/", views.family_page, name="family_detail"),
]
