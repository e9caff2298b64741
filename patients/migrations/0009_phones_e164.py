"""Phone numbers to E.164 (``+919831122334``), however they were typed.

Numbers without a country code are read in ``settings.PHONE_REGION`` (India). A number
that is not valid is left as it is (a person checks it when the record is next edited:
the form refuses it). Each changed patient gets a new version and a history row saying
why, so the change history shows it and an edit open meanwhile gets a conflict.
"""

import phonenumbers
from django.conf import settings
from django.db import migrations
from django.utils import timezone

REASON = "Phone numbers normalised to E.164 (migration)"


def e164(raw: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise(apps, schema_editor):
    Patient = apps.get_model("patients", "Patient")
    HistoricalPatient = apps.get_model("patients", "HistoricalPatient")
    fields = [field.attname for field in Patient._meta.concrete_fields]
    now = timezone.now()
    for patient in Patient.objects.order_by("pk").iterator():
        changed = []
        for name in ("phone", "emergency_contact_phone"):
            value = getattr(patient, name)
            number = e164(value) if value else None
            if number is not None and number != value:
                setattr(patient, name, number)
                changed.append(name)
        if not changed:
            continue
        # The model state keeps VersionedMixin as a base: this save bumps the version.
        patient.save(update_fields=changed)
        HistoricalPatient.objects.create(
            **{name: getattr(patient, name) for name in fields},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0008_diagnosis_onset_time_known"),
    ]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
