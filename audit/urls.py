from django.urls import path

from . import views

urlpatterns = [
    path("", views.audit_log, name="audit_log"),
    path("avvisi/<int:pk>/verificato/", views.alert_reviewed, name="audit_alert_reviewed"),
]
