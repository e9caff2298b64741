from django.contrib.admin.apps import AdminConfig


class ClinicAdminConfig(AdminConfig):
    """Django's admin with the clinic's site (no deletes): ``rehabana.admin_site``."""

    default_site = "rehabana.admin_site.ClinicAdminSite"
