from django.urls import path, re_path

from .docs import ApiDocs, OpenApiJson, OpenApiYaml
from .exceptions import not_found
from .resources import activities, assessments, families, persons, plans, referrals

urlpatterns = [
    path("openapi.json", OpenApiJson.as_view(), name="api_openapi"),
    path("openapi.yaml", OpenApiYaml.as_view(), name="api_openapi_yaml"),
    path("docs/", ApiDocs.as_view(), name="api_docs"),
    path("families/", families.FamilyList.as_view(), name="api_family_list"),
    path("families/<int:pk>/", families.FamilyDetail.as_view(), name="api_family_detail"),
    path("families/<int:pk>/transition/", families.FamilyTransition.as_view(), name="api_family_transition"),
    path("families/<int:pk>/assessments/", assessments.FamilyAssessments.as_view(), name="api_family_assessments"),
    path("families/<int:pk>/plan/", plans.FamilyPlan.as_view(), name="api_family_plan"),
    path("families/<int:pk>/persons/", persons.FamilyPersons.as_view(), name="api_family_persons"),
    path("families/<int:pk>/activities/", activities.FamilyActivities.as_view(), name="api_family_activities"),
    path("referrals/", referrals.ReferralList.as_view(), name="api_referral_list"),
    path("referrals/<int:pk>/status/", referrals.ReferralStatus.as_view(), name="api_referral_status"),
    path("families/<int:pk>/plan/goals/", plans.PlanGoals.as_view(), name="api_plan_goals"),
    path("families/<int:pk>/plan/actions/<int:action_pk>/status/", plans.PlanActionStatus.as_view(),
         name="api_plan_action_status"),
    # Last: any other address under /api/v1/ (a negative id, a typo) answers the API's JSON 404, not a page.
    re_path(r"^", not_found),
]
