"""Counting the queries of a page, for the tests that prove a page's cost is constant."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """How many queries one GET of ``url`` makes (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
