"""The database guard of 0002, extended to the goals a signed note addressed."""

from django.db import migrations

from rehabana.migration_ops import sql_by_vendor

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION rehabana_refuse_signed_goal_link_change() RETURNS trigger AS $$
    DECLARE session_id bigint;
    BEGIN
        IF TG_OP = 'DELETE' THEN session_id := OLD.therapysession_id;
        ELSE session_id := NEW.therapysession_id; END IF;
        IF EXISTS (SELECT 1 FROM plans_therapysession
                   WHERE id = session_id AND signed_at IS NOT NULL) THEN
            RAISE EXCEPTION 'therapy session % is signed; its goals cannot change',
                session_id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER rehabana_signed_goal_link_guard
    BEFORE INSERT OR DELETE ON plans_therapysession_goals_addressed
    FOR EACH ROW EXECUTE FUNCTION rehabana_refuse_signed_goal_link_change();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS rehabana_signed_goal_link_guard"
    " ON plans_therapysession_goals_addressed;",
    "DROP FUNCTION IF EXISTS rehabana_refuse_signed_goal_link_change();",
]
SQLITE = [
    """
    CREATE TRIGGER rehabana_signed_goal_link_guard
    BEFORE INSERT ON plans_therapysession_goals_addressed
    WHEN EXISTS (SELECT 1 FROM plans_therapysession
                 WHERE id = NEW.therapysession_id AND signed_at IS NOT NULL)
    BEGIN
        SELECT RAISE(ABORT, 'therapy session is signed; its goals cannot change');
    END;
    """,
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS rehabana_signed_goal_link_guard;"]


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_session_goals_addressed")]

    operations = [
        sql_by_vendor(
            {"postgresql": POSTGRES, "sqlite": SQLITE},
            {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE},
        )
    ]
