from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import more, views

urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(), name="api_openapi"),
    path("families/", views.FamilyList.as_view(), name="api_family_list"),
    path("families/<int:pk>/", views.FamilyDetail.as_view(), name="api_family_detail"),
    path("families/<int:pk>/transition/", views.FamilyTransition.as_view(), name="api_family_transition"),
    path("families/<int:pk>/assessments/", views.FamilyAssessments.as_view(), name="api_family_assessments"),
    path("families/<int:pk>/plan/", views.FamilyPlan.as_view(), name="api_family_plan"),
    path("families/<int:pk>/persons/", more.FamilyPersons.as_view(), name="api_family_persons"),
    path("families/<int:pk>/activities/", more.FamilyActivities.as_view(), name="api_family_activities"),
    path("referrals/", more.ReferralList.as_view(), name="api_referral_list"),
    path("referrals/<int:pk>/status/", more.ReferralStatus.as_view(), name="api_referral_status"),
    path("families/<int:pk>/plan/goals/", more.PlanGoals.as_view(), name="api_plan_goals"),
    path("families/<int:pk>/plan/actions/<int:action_pk>/status/", more.PlanActionStatus.as_view(),
         name="api_plan_action_status"),
]
