"""Error pages that say what happened in a clinician's words."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

# How long a browser is asked to wait before trying again while the database restarts.
RETRY_AFTER_SECONDS = 15


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. A lost database connection is no bug: during a restart or a failover
    the request rolled back whole, so say that and ask for a retry (503), rather than the
    generic error page. Django reconnects on the next request (CONN_HEALTH_CHECKS)."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # Rendered without the request: its context would read the session from the
        # database that is down.
        body = render_to_string("503.html")
        return HttpResponse(body, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return defaults.server_error(request)
