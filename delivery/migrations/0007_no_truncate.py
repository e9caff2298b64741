"""PostgreSQL refuses TRUNCATE of the tables kept forever (the audit history, the access
log, addenda, sessions and a signed note's links) unless the session setting
``rehabana.maintenance`` is on, which only the ``flush`` command turns on
(``patients/guards.py``). SQLite has no TRUNCATE."""

from django.db import migrations

from rehabana.migration_ops import REFUSE_TRUNCATE_FUNCTION, sql_by_vendor

TABLES = (
    "patients_historicalpatient", "patients_historicaldiagnosis",
    "patients_historicalcareteammember", "audit_accessrecord",
    "plans_historicalrehabplan", "plans_historicalstage", "plans_historicalallocation",
    "plans_historicalgoal", "plans_historicalplanrevision", "plans_historicalstagetransition",
    "plans_historicaltherapysession", "delivery_historicaltherapysession_techniques",
    "delivery_historicaltherapysession_goals_addressed", "plans_historicaladdendum",
    "plans_historicalassessment", "plans_addendum", "plans_therapysession",
    "plans_therapysession_techniques", "plans_therapysession_goals_addressed",
)  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0006_signed_link_update_guard"),
        ("patients", "0007_append_only_history"),
        ("plans", "0008_append_only_history"),
    ]

    operations = [
        sql_by_vendor(
            {
                "postgresql": [
                    REFUSE_TRUNCATE_FUNCTION,
                    *(
                        f"CREATE TRIGGER rehabana_no_truncate_{table} BEFORE TRUNCATE ON {table} "
                        "FOR EACH STATEMENT EXECUTE FUNCTION rehabana_refuse_truncate();"
                        for table in TABLES
                    ),
                ]
            },
            {
                "postgresql": [
                    # The function stays: later migrations' triggers (other apps, not
                    # necessarily unapplied first) call it, and it refuses nothing alone.
                    *(
                        f"DROP TRIGGER IF EXISTS rehabana_no_truncate_{table} ON {table};"
                        for table in TABLES
                    ),
                ]
            },
        )
    ]
