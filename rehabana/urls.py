from django.contrib import admin
from django.urls import include, path

from plans import views as plan_views

admin.site.site_header = "Rehabana administration"
admin.site.site_title = "Rehabana admin"

urlpatterns = [
    path("", include("staff.urls")),
    path("patients/", include("patients.urls")),
    path("patients/", include("audit.urls")),
    path("plans/", include("plans.urls")),
    path("sessions/", include("plans.session_urls")),
    path("clinic/", plan_views.clinic_overview, name="clinic_overview"),
    path("admin/", admin.site.urls),
]
