from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("account/", include("accounts.urls")),
    path("famiglie/<int:pk>/valutazioni/", include("assessments.urls")),
    path("famiglie/", include("families.urls")),
    path("registro-accessi/", include("audit.urls")),
    path("admin/", admin.site.urls),
]
