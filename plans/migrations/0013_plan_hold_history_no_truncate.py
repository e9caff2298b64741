"""A plan hold's history is kept forever like the rest of the audit trail: PostgreSQL
refuses TRUNCATE of it outside the flush command's maintenance (see delivery.0007)."""

from django.db import migrations

from rehabana.migration_ops import no_truncate


class Migration(migrations.Migration):
    dependencies = [("plans", "0012_plan_holds")]

    operations = [no_truncate("plans_historicalplanhold")]
