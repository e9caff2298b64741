"""One open lead physician per patient (issue 14, bug 6).

Before the constraint: where a patient has more than one open lead-physician membership,
the earliest started stays lead and the others become physicians of the team (nobody
loses access), each with a history row saying why. A conditional unique index: SQLite
adds it without rebuilding the table (the history table and its trigger are untouched).
"""

from django.db import migrations, models
from django.utils import timezone

REASON = "One lead physician per patient: now a physician of the team (migration)"


def demote_extra_leads(apps, schema_editor):
    Member = apps.get_model("patients", "CareTeamMember")
    HistoricalMember = apps.get_model("patients", "HistoricalCareTeamMember")
    fields = [field.attname for field in Member._meta.concrete_fields]
    seen = set()
    leads = Member.objects.filter(team_role="lead_physician", end_date__isnull=True)
    for member in leads.order_by("patient_id", "start_date", "pk"):
        if member.patient_id not in seen:
            seen.add(member.patient_id)
            continue
        member.team_role = "physician"
        member.save(update_fields=["team_role"])
        HistoricalMember.objects.create(
            **{name: getattr(member, name) for name in fields},
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0010_diagnosis_resolved_error"),
    ]

    operations = [
        migrations.RunPython(demote_extra_leads, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="careteammember",
            constraint=models.UniqueConstraint(
                condition=models.Q(("end_date__isnull", True), ("team_role", "lead_physician")),
                fields=("patient",),
                name="careteam_one_lead_physician",
                violation_error_message="The patient already has a lead physician.",
            ),
        ),
    ]
