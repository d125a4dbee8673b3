from django.urls import path

from . import views

urlpatterns = [
    path("", views.body_list, name="governance"),
    path("organismi/<int:pk>/", views.body_detail, name="body_detail"),
    path("riunioni/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("riunioni/<int:pk>/foglio-firme/", views.meeting_signin_sheet, name="meeting_signin_sheet"),
    path("azioni/<int:pk>/fatto/", views.followup_done, name="followup_done"),
]
