"""A database guard for signed notes, beneath the model layer.

``TherapySession.save()`` and the queryset already refuse to change a signed session;
these triggers make the database refuse too, whatever client writes to it (a raw SQL
session, a future bug). PostgreSQL also refuses deletes; SQLite, the development
database, guards updates only because Django's test flush deletes rows there (PostgreSQL
flushes with TRUNCATE, which row triggers do not see).
"""

from django.db import migrations

from rehabana.migration_ops import sql_by_vendor

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION rehabana_refuse_signed_session_change() RETURNS trigger AS $$
    BEGIN
        IF OLD.signed_at IS NOT NULL THEN
            RAISE EXCEPTION 'therapy session % is signed and cannot change; add an addendum',
                OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER rehabana_signed_session_guard
    BEFORE UPDATE OR DELETE ON plans_therapysession
    FOR EACH ROW EXECUTE FUNCTION rehabana_refuse_signed_session_change();
    """,
    """
    CREATE OR REPLACE FUNCTION rehabana_refuse_signed_technique_change() RETURNS trigger AS $$
    DECLARE session_id bigint;
    BEGIN
        IF TG_OP = 'DELETE' THEN session_id := OLD.therapysession_id;
        ELSE session_id := NEW.therapysession_id; END IF;
        IF EXISTS (SELECT 1 FROM plans_therapysession
                   WHERE id = session_id AND signed_at IS NOT NULL) THEN
            RAISE EXCEPTION 'therapy session % is signed; its techniques cannot change',
                session_id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER rehabana_signed_technique_guard
    BEFORE INSERT OR DELETE ON plans_therapysession_techniques
    FOR EACH ROW EXECUTE FUNCTION rehabana_refuse_signed_technique_change();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS rehabana_signed_technique_guard ON plans_therapysession_techniques;",
    "DROP FUNCTION IF EXISTS rehabana_refuse_signed_technique_change();",
    "DROP TRIGGER IF EXISTS rehabana_signed_session_guard ON plans_therapysession;",
    "DROP FUNCTION IF EXISTS rehabana_refuse_signed_session_change();",
]

SQLITE = [
    """
    CREATE TRIGGER rehabana_signed_session_guard
    BEFORE UPDATE ON plans_therapysession
    WHEN OLD.signed_at IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, 'therapy session is signed and cannot change; add an addendum');
    END;
    """,
    """
    CREATE TRIGGER rehabana_signed_technique_guard
    BEFORE INSERT ON plans_therapysession_techniques
    WHEN EXISTS (SELECT 1 FROM plans_therapysession
                 WHERE id = NEW.therapysession_id AND signed_at IS NOT NULL)
    BEGIN
        SELECT RAISE(ABORT, 'therapy session is signed; its techniques cannot change');
    END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS rehabana_signed_technique_guard;",
    "DROP TRIGGER IF EXISTS rehabana_signed_session_guard;",
]


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        sql_by_vendor(
            {"postgresql": POSTGRES, "sqlite": SQLITE},
            {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE},
        )
    ]
