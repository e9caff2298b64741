"""Loading a patient for a user: the one road from a URL's id to a patient."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from patients.access_log import AccessKind, record_access
from patients.models import Patient
from staff.access import require
from staff.permissions import Action


def opened(request: HttpRequest) -> bool:
    """Whether the request opens its page, which the access log records: a GET. A POST
    records nothing (its page was logged when it opened; a refused POST shows it again)."""
    return request.method == "GET"


def on_get(request: HttpRequest, kind: AccessKind) -> AccessKind | None:
    """The access-log kind of a page, when ``request`` opens it."""
    return kind if opened(request) else None


def can_open_patient(user, patient_id: int) -> bool:
    """Whether ``get_patient_for_user`` lets ``user`` open this patient (the chart), for a
    page that links to it: one query. A therapist keeps their own session after leaving
    the care team, not the chart, so such a page names the patient without the link."""
    return Patient.objects.visible_to(user).filter(pk=patient_id).exists()


def get_patient_for_user(
    user, pk: int, action: Action = Action.PATIENT_READ, *, log: AccessKind | None
) -> Patient:
    """The patient if ``user`` may see them (404 otherwise: outsiders learn nothing), then
    403 when the user's role may read but not do ``action``.

    ``log`` names what the page shows of the patient, for the access log; it has no default
    so that every view says whether it opens the record (None: it shows nothing of it).
    """
    patient = get_object_or_404(Patient.objects.visible_to(user), pk=pk)
    require(user, action)
    if log is not None:
        record_access(user=user, patient=patient, kind=log)
    return patient
