from django.shortcuts import get_object_or_404

from patients.models import Patient
from staff.access import require
from staff.permissions import Action


def get_patient_for_user(user, pk: int, action: Action = Action.PATIENT_READ) -> Patient:
    """The patient if ``user`` may see them (404 otherwise: outsiders learn nothing), then
    403 when the user's role may read but not do ``action``."""
    patient = get_object_or_404(Patient.objects.visible_to(user), pk=pk)
    require(user, action)
    return patient
