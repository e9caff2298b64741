"""Database helpers for tests: the queries of a page (whose cost must be constant), and
whether the database itself refuses a statement."""

from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """How many queries one GET of ``url`` makes (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def refused_by_database(sql: str, params: list | None = None) -> bool:
    """Whether the database refuses ``sql`` (a trigger or a constraint), rolled back alone."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:  # IntegrityError included
        return True
    return False
