"""Loading a therapy session for a user: the one road from a URL's id to a session."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from delivery.models import TherapySession
from patients.access_log import AccessKind, record_access
from staff.access import require
from staff.permissions import Action


def get_session_for_user(
    user, pk: int, action: Action | None = None, *, log: bool
) -> TherapySession:
    """404 unless ``user`` may see the session; then 403 unless it is theirs to ``action``.

    ``log``: the page shows the session, so the access log gets a line (no default).
    """
    session = get_object_or_404(
        TherapySession.objects.visible_to(user).select_related(
            "patient", "plan", "stage", "discipline", "therapist", "signed_by"
        ),
        pk=pk,
    )
    if action is not None:
        require(user, action)
        if not TherapySession.objects.scoped(user, action).filter(pk=pk).exists():
            raise PermissionDenied("This session is not yours to log.")
    if log:
        record_access(
            user=user, patient=session.patient, kind=AccessKind.SESSION, object_id=session.pk
        )
    return session
