"""Cross-family pages, under /interventi/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_week, name="interventions_my_week"),
    path("registra/", views.visit_quick, name="interventions_visit_quick"),
    path("famiglie/", views.family_overview, name="interventions_overview"),
]
urlpatterns += [
    path("budget/", views.budget_page, name="interventions_budget"),
    path("budget/nuovo/", views.budget_edit, name="interventions_budget_create"),
    path("budget/<int:pk>/modifica/", views.budget_edit, name="interventions_budget_edit"),
    path("budget/export.csv", views.budget_export, {"fmt": "csv"}, name="interventions_budget_csv"),
    path("budget/export.xlsx", views.budget_export, {"fmt": "xlsx"}, name="interventions_budget_xlsx"),
]
urlpatterns += [
    path("gruppi/", views.group_list, name="interventions_groups"),
    path("gruppi/nuovo/", views.group_create, name="interventions_group_create"),
    path("gruppi/<int:group_pk>/", views.group_detail, name="interventions_group_detail"),
    path("gruppi/<int:group_pk>/iscrivi/", views.group_enrol, name="interventions_group_enrol"),
    path("gruppi/<int:group_pk>/incontri/<int:numero>/", views.meeting_edit, name="interventions_meeting"),
]
urlpatterns += [
    path("calendario/", views.operator_calendar, name="interventions_calendar"),
    path("calendario/feed/", views.calendar_feed, name="interventions_calendar_feed"),
    path("ical/<str:token>.ics", views.ical_feed, name="interventions_ical"),
]
