from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse

from patients.access import opened
from patients.access_log import AccessKind, record_access
from patients.models import Patient
from rehabana.history_admin import SafeHistoryAdmin


def patient_of(obj) -> Patient | None:
    """The patient a clinical record belongs to, by its queryset's ``patient_lookup``."""
    lookup = getattr(type(obj)._default_manager._queryset_class, "patient_lookup", "patient")
    if lookup == "pk":
        return obj
    for name in lookup.split("__"):
        obj = getattr(obj, name, None)
    return obj


class AccessLoggedAdmin:
    """The admin's pages that show patient data write the access log like the app's do:
    one line per opened record, and one clinic-wide line (no patient) per list."""

    access_kind = AccessKind.ADMIN

    def _log_list(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if opened(request) and response.status_code == 200:
            record_access(user=request.user, patient=None, kind=self.access_kind)
        return response

    def _log_record(self, request: HttpRequest, object_id, response: HttpResponse):
        if opened(request) and response.status_code == 200 and object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                record_access(
                    user=request.user, patient=patient_of(obj), kind=self.access_kind,
                    object_id=obj.pk,
                )  # fmt: skip
        return response

    def changelist_view(self, request, extra_context=None):
        return self._log_list(request, super().changelist_view(request, extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        return self._log_record(request, object_id, response)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        return self._log_record(request, object_id, response)


class ClinicalAdmin(AccessLoggedAdmin, SafeHistoryAdmin):
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
