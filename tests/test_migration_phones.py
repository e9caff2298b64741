"""The data migration that stores every valid phone number in E.164 (issue 14, bug 2)."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from patients.models import Patient

BEFORE = [("patients", "0008_diagnosis_onset_time_known")]
AFTER = [("patients", "0009_phones_e164")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_existing_numbers_become_e164_and_unparseable_ones_stay():
    old = migrate(BEFORE)
    OldPatient = old.get_model("patients", "Patient")
    typed = {
        "RH900001": ("98311 22334", "+91 98765 43210"),
        "RH900002": ("+919831122334", ""),
        "RH900003": ("09831122334", "12ab"),
        "RH900004": ("12345678", ""),
    }
    for mrn, (phone, emergency) in typed.items():
        OldPatient.objects.create(
            mrn=mrn, given_name="A", family_name=mrn, date_of_birth=date(1960, 1, 1),
            sex="female", phone=phone, emergency_contact_phone=emergency,
        )  # fmt: skip

    migrate(AFTER)
    stored = {
        p.mrn: (p.phone, p.emergency_contact_phone, p.version)
        for p in Patient.objects.filter(mrn__in=typed)
    }
    assert stored == {
        "RH900001": ("+919831122334", "+919876543210", 2),
        "RH900002": ("+919831122334", "", 1),
        "RH900003": ("+919831122334", "12ab", 2),
        "RH900004": ("12345678", "", 1),  # not a valid number: left as it was
    }
    changed = Patient.objects.get(mrn="RH900001")
    (record,) = changed.history.all()
    assert record.version == 2 and record.phone == "+919831122334"
    assert "E.164" in record.history_change_reason
    # Registered twice in two forms: the duplicate check now finds the other.
    assert (
        Patient.objects.same_contact(
            phone="98311 22334", date_of_birth=date(1960, 1, 1), exclude_pk=changed.pk
        ).count()
        == 2
    )
