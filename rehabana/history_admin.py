"""django-simple-history's admin, held to the admin's own rules.

simple-history 3.13 saves a POSTed "revert" form after checking only that the user may
view or change (``SIMPLE_HISTORY_REVERT_DISABLED`` just hides the button), so a record
the admin shows read-only could be rewritten from an old version; and ids that are not
keys reach the database and answer a server error.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from rehabana.fields import KEY_RANGE


class SafeHistoryAdmin(SimpleHistoryAdmin):
    def _is_key(self, raw: str) -> bool:
        try:
            value = self.model._meta.pk.to_python(unquote(raw))
        except ValidationError:
            return False
        return not isinstance(value, int) or value in KEY_RANGE

    def history_view(self, request, object_id, extra_context=None):
        if not self._is_key(object_id):
            raise Http404("No such record.")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (self._is_key(object_id) and version_id.isdigit() and int(version_id) in KEY_RANGE):
            raise Http404("No such version.")
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None:
                raise Http404("No such record.")
            if not self.has_change_permission(request, current):
                raise PermissionDenied("This record is read-only here; it is not reverted.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, obj)
