"""The top of the dependency order: every app owns its URLs; this file only includes them."""

from django.contrib import admin
from django.urls import include, path

handler500 = "rehabana.errors.server_error"

admin.site.site_header = "Rehabana administration"
admin.site.site_title = "Rehabana admin"

urlpatterns = [
    path("", include("staff.urls")),
    path("patients/", include("patients.urls")),
    path("", include("plans.urls")),
    path("", include("delivery.urls")),
    path("", include("desk.urls")),
    path("admin/", admin.site.urls),
]
