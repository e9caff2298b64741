from django.contrib import admin

from audit.models import AccessRecord


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """The access log, for reading only: no add, no edit, no delete."""

    list_display = ["at", "user", "patient", "kind", "object_id"]
    list_filter = ["kind", "user__role", ("at", admin.DateFieldListFilter)]
    search_fields = ["patient__mrn", "user__username", "user__last_name"]
    list_select_related = ["user", "patient"]
    date_hierarchy = "at"
    show_full_result_count = False  # a count of a log that only grows is a slow query

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
