from axes import admin as axes_admin
from axes import models as axes_models
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from rehabana.history_admin import SafeHistoryAdmin
from staff.models import User


@admin.register(User)
class UserAdmin(SafeHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "discipline", "is_active"]
    list_filter = ["role", "discipline", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "registration_number"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Clinic role", {"fields": ("role", "discipline", "registration_number", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "role", "discipline", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    # Staff who authored clinical records stay on file; deactivate them instead.
    def has_delete_permission(self, request, obj=None):
        return False


# django-axes's sign-in logs are part of the audit trail: readable, never edited or
# deleted. (Its "access attempts" stay deletable: deleting one is how an administrator
# unlocks an account.)
class _ReadOnlyLog:
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for _model, _base in (
    (axes_models.AccessLog, axes_admin.AccessLogAdmin),
    (axes_models.AccessFailureLog, axes_admin.AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, type(_base.__name__, (_ReadOnlyLog, _base), {}))
