from simple_history.admin import SimpleHistoryAdmin


class ClinicalAdmin(SimpleHistoryAdmin):
    """Clinical records in the admin: full history, never a delete button or action.

    Without the delete permission Django also drops the "delete selected" action.
    """

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline:
    """An inline that shows existing rows and allows neither edits nor deletes."""

    extra = 0
    can_delete = False

    def has_delete_permission(self, request, obj=None):
        return False
