"""Helpers for migrations that move models between apps."""

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


def append_only(*tables: str):
    """A reversible RunPython that makes ``tables`` append-only in the database itself.

    PostgreSQL refuses UPDATE and DELETE of any row. SQLite refuses UPDATE only: the test
    harness empties tables with DELETE there (PostgreSQL's TRUNCATE fires no row trigger),
    and SQLite has no session setting a trigger could read to let that one client through.
    """

    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        with schema_editor.connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute(
                    """
                    CREATE OR REPLACE FUNCTION rehabana_refuse_append_only_change()
                    RETURNS trigger AS $$
                    BEGIN
                        RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
                            USING ERRCODE = 'integrity_constraint_violation';
                    END $$ LANGUAGE plpgsql;
                    """
                )
            for table in tables:
                name = f"rehabana_append_only_{table}"
                if vendor == "postgresql":
                    cursor.execute(
                        f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
                        "FOR EACH ROW EXECUTE FUNCTION rehabana_refuse_append_only_change();"
                    )
                elif vendor == "sqlite":
                    cursor.execute(
                        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} BEGIN "
                        f"SELECT RAISE(ABORT, '{table} rows are append-only: UPDATE refused'); END;"
                    )

    def drop(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        with schema_editor.connection.cursor() as cursor:
            for table in tables:
                name = f"rehabana_append_only_{table}"
                if vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
                elif vendor == "sqlite":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name};")

    return migrations.RunPython(create, drop)
