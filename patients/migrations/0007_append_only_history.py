"""The audit history (and the access log, and addenda) refuse changes in the database
itself, beneath the ORM's refusals: see `rehabana.migration_ops.append_only`."""

from django.db import migrations

from rehabana.migration_ops import append_only


class Migration(migrations.Migration):
    dependencies = [("patients", "0006_base_manager_refuses_bulk_writes")]

    operations = [
        append_only(
            "patients_historicalpatient",
            "patients_historicaldiagnosis",
            "patients_historicalcareteammember",
            "audit_accessrecord",
        )
    ]
