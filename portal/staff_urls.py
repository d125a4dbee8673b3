from django.urls import path

from . import views

# The équipe's side of the portal, under /famiglie/<pk>/portale/.
urlpatterns = [
    path("", views.portal_staff, name="portal_staff"),
    path("invito/", views.portal_staff_invite, name="portal_staff_invite"),
    path("messaggi/", views.portal_staff_message, name="portal_staff_message"),
    path("sintesi/", views.portal_staff_summary, name="portal_staff_summary"),
]
