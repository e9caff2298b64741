"""The one sanctioned road past the database's guards: maintenance on PostgreSQL.

Tables kept forever refuse TRUNCATE in the database unless the session setting
``rehabana.maintenance`` is on. Only the ``flush`` command (the test harness empties the
database with it) turns it on, for its own connection and its own run; no view can, and
a test holds that no request runs with it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

MAINTENANCE_SETTING = "rehabana.maintenance"


@contextmanager
def database_maintenance(connection: BaseDatabaseWrapper) -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield  # SQLite has no TRUNCATE, and no session setting a trigger could read
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', false)", [MAINTENANCE_SETTING])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', false)", [MAINTENANCE_SETTING])


def maintenance_is_on(connection: BaseDatabaseWrapper) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [MAINTENANCE_SETTING])
        return cursor.fetchone()[0] == "on"
