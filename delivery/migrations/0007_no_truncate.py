"""PostgreSQL refuses TRUNCATE of the tables kept forever (the audit history, the access
log, addenda, sessions and a signed note's links) unless the session setting
``rehabana.maintenance`` is on, which only the ``flush`` command turns on
(``patients/guards.py``). SQLite has no TRUNCATE."""

from django.db import migrations

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

FUNCTION = """
CREATE OR REPLACE FUNCTION rehabana_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('rehabana.maintenance', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is kept forever: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table in TABLES:
            cursor.execute(
                f"CREATE TRIGGER rehabana_no_truncate_{table} BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION rehabana_refuse_truncate();"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS rehabana_no_truncate_{table} ON {table};")
        cursor.execute("DROP FUNCTION IF EXISTS rehabana_refuse_truncate();")


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0006_signed_link_update_guard"),
        ("patients", "0007_append_only_history"),
        ("plans", "0008_append_only_history"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
