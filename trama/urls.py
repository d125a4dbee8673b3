from django.contrib import admin
from django.urls import include, path

from assessments import views as assessment_views
from quality import views as quality_views

urlpatterns = [
    path("", include("core.urls")),
    path("account/", include("accounts.urls")),
    path("famiglie/<int:pk>/valutazioni/", include("assessments.urls")),
    path("famiglie/<int:pk>/progetto/", include("plans.urls")),
    path("famiglie/<int:pk>/interventi/", include("interventions.family_urls")),
    path("interventi/", include("interventions.urls")),
    path("famiglie/<int:pk>/scuola/", include("scuola.urls")),
    path("famiglie/<int:pk>/vicinanza/", include("vicinanza.family_urls")),
    path("vicinanza/", include("vicinanza.urls")),
    path("esportazioni/", include("exports.urls")),
    path("famiglie/<int:pk>/privacy/", include("privacy.family_urls")),
    path("privacy/", include("privacy.urls")),
    path("registri/", include("registri.urls")),
    path("famiglie/<int:pk>/portale/", include("portal.staff_urls")),
    path("famiglia/", include("portal.urls")),
    path("famiglie/", include("families.urls")),
    path("rete/", include("network.urls")),
    path("registro-accessi/", include("audit.urls")),
    path("indicatori/", include("reporting.urls")),
    path("governance/", include("governance.urls")),
    path("qualita/", include("quality.urls")),
    path("q/<str:token>/", quality_views.survey_public, name="survey_public"),
    path("api/v1/", include("api.urls")),
    path("strumenti/", assessment_views.instrument_list, name="instrument_list"),
    path("admin/", admin.site.urls),
]
