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
# deleted. The admin deletes nothing (rehabana.admin_site); an administrator unlocks an
# account with the "Unlock" action on its access attempts instead.
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


class _UnlockableAttempts(axes_admin.AccessAttemptAdmin):
    actions = [*axes_admin.AccessAttemptAdmin.actions, "unlock"]

    @admin.action(description="Unlock: clear the failed sign-ins of the selected attempts")
    def unlock(self, request, queryset):
        # An access attempt is django-axes's counter of failures, no record of ours: the
        # failures themselves stay in the access failure log.
        count, _ = queryset.delete()
        self.message_user(request, f"Unlocked: {count} failed-sign-in counter(s) cleared.")


if admin.site.is_registered(axes_models.AccessAttempt):
    admin.site.unregister(axes_models.AccessAttempt)
admin.site.register(axes_models.AccessAttempt, _UnlockableAttempts)
