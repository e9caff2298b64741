"""The signed-note guard of plans.0002 and plans.0004, extended to UPDATE of the link rows:
moving a technique or goal link of another session onto a signed note (or off it) is an
edit of that note, refused like inserting or deleting one."""

from django.db import migrations

LINKS = ("plans_therapysession_techniques", "plans_therapysession_goals_addressed")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION rehabana_refuse_signed_link_update() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM plans_therapysession
               WHERE id IN (OLD.therapysession_id, NEW.therapysession_id)
               AND signed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'a signed note''s links cannot change; add an addendum'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
        for table in LINKS:
            name = f"rehabana_signed_link_update_{table}"
            if vendor == "postgresql":
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW "
                    "EXECUTE FUNCTION rehabana_refuse_signed_link_update();"
                )
            elif vendor == "sqlite":
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
                    "WHEN EXISTS (SELECT 1 FROM plans_therapysession "
                    "WHERE id IN (OLD.therapysession_id, NEW.therapysession_id) "
                    "AND signed_at IS NOT NULL) "
                    "BEGIN SELECT RAISE(ABORT, 'a signed note''s links cannot change'); END;"
                )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        for table in LINKS:
            name = f"rehabana_signed_link_update_{table}"
            if vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            elif vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name};")
        if vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS rehabana_refuse_signed_link_update();")


class Migration(migrations.Migration):
    dependencies = [("delivery", "0005_append_only_history")]

    operations = [migrations.RunPython(forwards, backwards)]
