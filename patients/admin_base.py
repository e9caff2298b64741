from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from rehabana.history_admin import SafeHistoryAdmin


class ClinicalAdmin(SafeHistoryAdmin):
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


def at_most_one(key, message: str) -> type[BaseInlineFormSet]:
    """An inline formset refusing two rows that a conditional unique constraint allows once.

    Django checks such constraints form by form against the database, so two new rows
    saved together would only meet the constraint as an IntegrityError. ``key`` maps a
    row's cleaned data to what must be unique, or None when the row is not concerned.
    """

    class AtMostOneFormSet(BaseInlineFormSet):
        def clean(self):
            super().clean()
            seen = set()
            for form in self.forms:
                data = getattr(form, "cleaned_data", None)
                if not data or data.get("DELETE"):
                    continue
                value = key(data)
                if value is None:
                    continue
                if value in seen:
                    raise ValidationError(message)
                seen.add(value)

    return AtMostOneFormSet


class ReadOnlyAdmin(ClinicalAdmin):
    """Records that are final once written: the admin lists and shows them, nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)
