"""Loading a therapy session or an assessment for a user: the one road from a URL's id to
the record."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from delivery.models import Assessment, TherapySession
from patients.access_log import AccessKind, record_access
from patients.models import CareTeamMember
from staff.access import require
from staff.models import User
from staff.permissions import Action, Scope, scope


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


def get_assessment_for_user(user, pk: int, *, log: bool) -> Assessment:
    """404 unless ``user`` may read the assessment (outsiders learn nothing).

    ``log``: the page shows the result, so the access log gets a line (kind "Outcome
    results", the assessment's id as the object).
    """
    assessment = get_object_or_404(
        Assessment.objects.visible_to(user).select_related(
            "patient", "measure", "assessed_by", "corrected_by", "session"
        ),
        pk=pk,
    )
    if log:
        record_access(user=user, patient=assessment.patient, kind=AccessKind.RESULTS, object_id=pk)
    return assessment


def assessment_correction_refusal(user: User, assessment: Assessment) -> str:
    """Why ``user`` may not correct ``assessment`` ("" when they may): the assessor or a
    physician, either of them still allowed to record results for the patient."""
    if (
        not Assessment.objects.scoped(user, Action.ASSESSMENT_RECORD)
        .filter(pk=assessment.pk)
        .exists()
    ):
        return "Your role does not record results for this patient."
    if user.pk != assessment.assessed_by_id and not user.is_physician:
        return "A result is corrected by the clinician who recorded it, or by a physician."
    return ""


def booking_discipline(user: User) -> str | None:
    """The one discipline ``user`` may book, where the permission table narrows booking to
    it (None: any discipline)."""
    reach = scope(user, Action.SESSION_SCHEDULE)
    return user.discipline_id if reach in (Scope.OWN_DISCIPLINE, Scope.OWN) else None


def booking_refusal(user: User, *, patient_id: int, discipline_id: str, therapist: User) -> str:
    """Why the permission table does not let ``user`` book this session ("" when it does)."""
    reach = scope(user, Action.SESSION_SCHEDULE)
    if reach is Scope.NONE:
        return "Your role does not book sessions."
    if reach is Scope.ALL:
        return ""
    if not CareTeamMember.objects.active().filter(patient_id=patient_id, staff=user).exists():
        return "You book sessions for patients on your care team only."
    if reach is not Scope.CARE_TEAM and discipline_id != user.discipline_id:
        return "You book sessions of your own discipline only."
    if reach is Scope.OWN and therapist.pk != user.pk:
        return "You book your own sessions only."
    return ""
