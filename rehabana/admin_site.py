"""The admin site: it offers no delete anywhere.

Clinical rows are never deleted; reference rows in use are retired (``is_active`` off);
staff are deactivated. A delete button whose refusal then lists "related objects" reads as
if plans would go with it, so the admin offers none: every model admin registered here
answers ``has_delete_permission`` False (inline rows too) and the site has no "delete
selected" action. ``rehabana.apps.ClinicAdminConfig`` makes this the default site, so
``admin.site`` and ``@admin.register`` use it.
"""

from django.contrib import admin


class NoDeleteAdmin:
    """Mixed in ahead of each registered model admin (and each of its inlines)."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            inline.has_delete_permission = lambda request, obj=None: False
            inline.can_delete = False
        return inlines


class ClinicAdminSite(admin.AdminSite):
    site_header = "Rehabana administration"
    site_title = "Rehabana admin"

    def __init__(self, name="admin"):
        super().__init__(name)
        self.disable_action("delete_selected")

    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, NoDeleteAdmin):
            base = type(base.__name__, (NoDeleteAdmin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, base, **options)
