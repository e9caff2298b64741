"""Response rules for every signed-in page, and what a page is told of the idle timeout."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_EXPIRED = "Your session expired; sign in again."


class NoStoreWhenSignedIn:
    """Pages for a signed-in user hold patient data: no browser or proxy keeps a copy
    (a shared clinic computer's cache would show a chart to the next person)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-store, no-cache, must-revalidate, private
        return response


class LoginRequired(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, which knows an expired session and htmx.

    A request that still carries a session cookie but no signed-in user comes from a
    session that expired (idle timeout, or signed out elsewhere): the login page says so.
    An htmx request gets ``HX-Redirect`` to the login page, with the page it came from
    (``HX-Current-URL``) as ``next``, so htmx loads the login page as a page instead of
    swapping it into a fragment of the old one.
    """

    def handle_no_permission(self, request, view_func):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            messages.warning(request, SESSION_EXPIRED)
        if request.headers.get("HX-Request") != "true":
            return super().handle_no_permission(request, view_func)
        login_url = resolve_url(self.get_login_url(view_func))
        back = request.get_full_path()
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        if current.path and url_has_allowed_host_and_scheme(
            request.headers["HX-Current-URL"],
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            back = current.path + (f"?{current.query}" if current.query else "")
        target = redirect_to_login(back, login_url, self.get_redirect_field_name(view_func))
        return HttpResponse(status=401, headers={"HX-Redirect": target["Location"]})


def session_timing(request: HttpRequest) -> dict:
    """Context for ``base.html``: how long this page's session lasts without another request
    (``SESSION_COOKIE_AGE``, an idle timeout) and how early the page warns."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    total = settings.SESSION_COOKIE_AGE
    return {
        "session_seconds": total,
        "session_warning_seconds": min(settings.SESSION_WARNING_SECONDS, total),
    }
