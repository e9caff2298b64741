"""The signed-note guard of plans.0002 and plans.0004, extended to UPDATE of the link rows:
moving a technique or goal link of another session onto a signed note (or off it) is an
edit of that note, refused like inserting or deleting one."""

from django.db import migrations

from rehabana.migration_ops import sql_by_vendor

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


NAMES = {table: f"rehabana_signed_link_update_{table}" for table in LINKS}


class Migration(migrations.Migration):
    dependencies = [("delivery", "0005_append_only_history")]

    operations = [
        sql_by_vendor(
            {
                "postgresql": [
                    POSTGRES_FUNCTION,
                    *(
                        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW "
                        "EXECUTE FUNCTION rehabana_refuse_signed_link_update();"
                        for table, name in NAMES.items()
                    ),
                ],
                "sqlite": [
                    f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
                    "WHEN EXISTS (SELECT 1 FROM plans_therapysession "
                    "WHERE id IN (OLD.therapysession_id, NEW.therapysession_id) "
                    "AND signed_at IS NOT NULL) "
                    "BEGIN SELECT RAISE(ABORT, 'a signed note''s links cannot change'); END;"
                    for table, name in NAMES.items()
                ],
            },
            {
                "postgresql": [
                    *(
                        f"DROP TRIGGER IF EXISTS {name} ON {table};"
                        for table, name in NAMES.items()
                    ),
                    "DROP FUNCTION IF EXISTS rehabana_refuse_signed_link_update();",
                ],
                "sqlite": [f"DROP TRIGGER IF EXISTS {name};" for name in NAMES.values()],
            },
        )
    ]
