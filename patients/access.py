from django.shortcuts import get_object_or_404

from patients.models import Patient
from staff.access import require
from staff.permissions import Action


def get_patient_for_user(user, pk: int, action: Action = Action.PATIENT_READ) -> Patient:
    """The patient if ``user`` may reach them: 403 when the role may not do ``action``
    at all, 404 when the patient is outside the user's scope."""
    require(user, action)
    return get_object_or_404(Patient.objects.scoped(user, action), pk=pk)
