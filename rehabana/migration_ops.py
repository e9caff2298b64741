"""Helpers for migrations: moving models between apps, and database triggers."""

from django.db import migrations


def move_content_types(from_label: str, to_label: str, models: tuple[str, ...]):
    """A reversible RunPython that gives moved models' content types their new app label.

    The content type keeps its id, so the admin's log entries and the permissions that point
    at it follow the model. One the new label already has (created by an earlier migrate)
    gives way to the old one, which carries that history.
    """

    def move(source: str, target: str):
        def run(apps, schema_editor):
            content_type = apps.get_model("contenttypes", "ContentType")
            for model in models:
                old = content_type.objects.filter(app_label=source, model=model).first()
                if old is None:
                    continue
                content_type.objects.filter(app_label=target, model=model).delete()
                old.app_label = target
                old.save(update_fields=["app_label"])

        return run

    return migrations.RunPython(move(from_label, to_label), move(to_label, from_label))


def sql_by_vendor(
    forwards: dict[str, list[str]], backwards: dict[str, list[str]]
) -> migrations.RunPython:
    """A reversible RunPython running each database vendor's own statements (triggers are
    written differently for PostgreSQL and SQLite); a vendor without statements runs none.

    A plain cursor: PL/pgSQL bodies hold '%' placeholders of their own.
    """

    def run(statements_by_vendor: dict[str, list[str]]):
        def apply(apps, schema_editor):
            statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
            with schema_editor.connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

        return apply

    return migrations.RunPython(run(forwards), run(backwards))


APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION rehabana_refuse_append_only_change()
RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql;
"""


def append_only(*tables: str) -> migrations.RunPython:
    """Make ``tables`` append-only in the database itself.

    PostgreSQL refuses UPDATE and DELETE of any row. SQLite refuses UPDATE only: the test
    harness empties tables with DELETE there (PostgreSQL's TRUNCATE fires no row trigger),
    and SQLite has no session setting a trigger could read to let that one client through.
    """
    names = {table: f"rehabana_append_only_{table}" for table in tables}
    return sql_by_vendor(
        {
            "postgresql": [
                APPEND_ONLY_FUNCTION,
                *(
                    f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION rehabana_refuse_append_only_change();"
                    for table, name in names.items()
                ),
            ],
            "sqlite": [
                f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} BEGIN "
                f"SELECT RAISE(ABORT, '{table} rows are append-only: UPDATE refused'); END;"
                for table, name in names.items()
            ],
        },
        {
            "postgresql": [
                f"DROP TRIGGER IF EXISTS {name} ON {table};" for table, name in names.items()
            ],
            "sqlite": [f"DROP TRIGGER IF EXISTS {name};" for name in names.values()],
        },
    )


REFUSE_TRUNCATE_FUNCTION = """
CREATE OR REPLACE FUNCTION rehabana_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('rehabana.maintenance', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is kept forever: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql;
"""


def no_truncate(*tables: str) -> migrations.RunPython:
    """PostgreSQL refuses TRUNCATE of ``tables`` unless the session setting
    ``rehabana.maintenance`` is on (only the ``flush`` command turns it on; see
    ``patients/guards.py``). SQLite has no TRUNCATE. ``delivery.0007_no_truncate``
    declares the same function; re-declaring it lets each migration stand alone."""
    return sql_by_vendor(
        {
            "postgresql": [
                REFUSE_TRUNCATE_FUNCTION,
                *(
                    f"CREATE TRIGGER rehabana_no_truncate_{table} BEFORE TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION rehabana_refuse_truncate();"
                    for table in tables
                ),
            ]
        },
        {
            "postgresql": [
                f"DROP TRIGGER IF EXISTS rehabana_no_truncate_{table} ON {table};"
                for table in tables
            ]
        },
    )
