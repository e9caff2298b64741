"""The audit history (and the access log, and addenda) refuse changes in the database
itself, beneath the ORM's refusals: see `rehabana.migration_ops.append_only`."""

from django.db import migrations

from rehabana.migration_ops import append_only


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_base_manager_refuses_bulk_writes")]

    operations = [
        append_only(
            "plans_historicalrehabplan",
            "plans_historicalstage",
            "plans_historicalallocation",
            "plans_historicalgoal",
            "plans_historicalplanrevision",
            "plans_historicalstagetransition",
        )
    ]
