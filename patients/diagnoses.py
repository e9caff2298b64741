"""Correcting a diagnosis: edit, resolve, mark entered in error, make primary; recording
its baseline severity.

Each validates, then writes in ``transaction.atomic()`` with the patient's diagnoses locked,
so two physicians cannot make two primaries. Every change is a history version with its
reason (django-simple-history's change reason); nothing is deleted. A diagnosis entered in
error drops out of every list and of the primary choice (``DiagnosisQuerySet.valid``) and
stays in the history.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from patients.models import (
    SEVERITY_FIELDS,
    Diagnosis,
    DiagnosisSeverity,
    DiagnosisStatus,
)
from rehabana.dates import day_text
from staff.models import User
from staff.permissions import Action, can


def _locked(diagnosis: Diagnosis, by: User) -> Diagnosis:
    if not can(by, Action.DIAGNOSIS_CORRECT):
        raise ValidationError("Only a physician corrects a diagnosis.")
    # Lock every diagnosis of the patient: the primary one may change hands.
    rows = {
        d.pk: d for d in Diagnosis.objects.select_for_update().filter(patient=diagnosis.patient_id)
    }
    current = rows[diagnosis.pk]
    if current.status == DiagnosisStatus.ENTERED_IN_ERROR:
        raise ValidationError("This diagnosis was entered in error; it is not changed again.")
    return current


def _save(diagnosis: Diagnosis, reason: str) -> Diagnosis:
    diagnosis.full_clean()
    diagnosis._change_reason = reason[:100]  # simple-history's change reason (100 chars)
    diagnosis.save()
    return diagnosis


@transaction.atomic
def correct(*, diagnosis: Diagnosis, by: User, reason: str) -> Diagnosis:
    """Save the corrected fields already set on ``diagnosis`` (condition, onset, notes)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say what is corrected and why."})
    current = _locked(diagnosis, by)
    diagnosis.status, diagnosis.is_primary = current.status, current.is_primary
    return _save(diagnosis, f"Corrected: {reason.strip()}")


@transaction.atomic
def resolve(*, diagnosis: Diagnosis, by: User, on: date) -> Diagnosis:
    """The condition resolved on ``on``: it stays in the list, marked resolved."""
    diagnosis = _locked(diagnosis, by)
    if diagnosis.status == DiagnosisStatus.RESOLVED:
        raise ValidationError("This diagnosis is already resolved.")
    diagnosis.status, diagnosis.resolved_on = DiagnosisStatus.RESOLVED, on
    return _save(diagnosis, f"Resolved on {day_text(on)}")


@transaction.atomic
def enter_in_error(*, diagnosis: Diagnosis, by: User, reason: str) -> Diagnosis:
    """The diagnosis was never right: out of every list and of the primary choice."""
    diagnosis = _locked(diagnosis, by)
    diagnosis.status, diagnosis.error_reason = DiagnosisStatus.ENTERED_IN_ERROR, reason.strip()
    diagnosis.is_primary = False
    return _save(diagnosis, f"Entered in error: {reason.strip()}")


@transaction.atomic
def make_primary(*, diagnosis: Diagnosis, by: User) -> Diagnosis:
    """``diagnosis`` becomes the patient's one primary diagnosis (the other one is not)."""
    diagnosis = _locked(diagnosis, by)
    if diagnosis.status != DiagnosisStatus.ACTIVE:
        raise ValidationError("Only an active diagnosis is made primary.")
    if diagnosis.is_primary:
        return diagnosis
    # The old primary first: the database allows one primary per patient at any moment.
    for other in Diagnosis.objects.filter(patient=diagnosis.patient_id, is_primary=True):
        other.is_primary = False
        _save(other, f"Primary diagnosis is now {diagnosis.condition.name}")
    diagnosis.is_primary = True
    return _save(diagnosis, "Made primary")


@transaction.atomic
def record_severity(
    *, diagnosis: Diagnosis, by: User, values: dict, reason: str = ""
) -> DiagnosisSeverity:
    """Record or correct the baseline severity of ``diagnosis``: only its condition group's
    fields are kept (the others emptied). A first record needs no reason; a correction
    does, and the history keeps it with every earlier version."""
    diagnosis = _locked(diagnosis, by)
    group = diagnosis.severity_group
    if group is None:
        raise ValidationError(
            f"{diagnosis.condition.name} has no baseline severity to record "
            "(stroke, spinal cord injury and brain injury have)."
        )
    record = DiagnosisSeverity.objects.filter(diagnosis=diagnosis).first()
    if record is not None and not reason.strip():
        # Also when someone recorded one since this form opened: nothing is overwritten.
        raise ValidationError(
            {"reason": "A baseline severity is recorded already: say what is corrected and why."}
        )
    record = record or DiagnosisSeverity(diagnosis=diagnosis)
    record.group = group
    record.assessed_on = values["assessed_on"]
    for names in SEVERITY_FIELDS.values():
        for name in names:
            setattr(record, name, values.get(name) if name in SEVERITY_FIELDS[group] else None)
    record.full_clean()
    record._change_reason = (f"Corrected: {reason.strip()}" if reason.strip() else "Recorded")[:100]
    record.save()
    return record
