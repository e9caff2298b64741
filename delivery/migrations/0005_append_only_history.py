"""The audit history (and the access log, and addenda) refuse changes in the database
itself, beneath the ORM's refusals: see `rehabana.migration_ops.append_only`."""

from django.db import migrations

from rehabana.migration_ops import append_only


class Migration(migrations.Migration):
    dependencies = [("delivery", "0004_base_manager_refuses_bulk_writes")]

    operations = [
        append_only(
            "plans_historicaltherapysession",
            "delivery_historicaltherapysession_techniques",
            "delivery_historicaltherapysession_goals_addressed",
            "plans_historicaladdendum",
            "plans_historicalassessment",
            "plans_addendum",
        )
    ]
