"""Sign-in protection (django-axes), shaped for a clinic behind a reverse proxy.

A wrong password locks the pair of account and address it came from, so nobody can lock a
colleague out from elsewhere; an address that fails across many accounts (password
spraying) is locked too, at a much higher count, so that the typos of one ward's shared
computer never lock the clinic.
"""

import ipaddress
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The address the request came from: ``REMOTE_ADDR``, or behind
    ``TRUSTED_PROXY_COUNT`` proxies the address the outermost of them saw.

    Each proxy appends the address it heard from to ``X-Forwarded-For``; only the entries
    our own proxies wrote can be trusted, counted from the right (a client may send any
    header it likes, which lands on the left).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _recent(**filters):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since, **filters)


def address_failures(address: str) -> int:
    """Failed sign-ins from ``address`` within the cool-off, whatever the accounts."""
    return _recent(ip_address=address).aggregate(total=Sum("failures_since_start"))["total"] or 0


class SignInLockHandler(AxesDatabaseHandler):
    """axes' database handler with a second, higher limit for an address alone."""

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.address_locked(request)

    @staticmethod
    def address_locked(request) -> bool:
        address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        return address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # axes marks a request locked out when the pair reaches its limit; the address
        # limit is ours, so the failure that reaches it (or a try while it holds) is marked
        # here, and the middleware answers with the lock page.
        super().user_login_failed(sender, credentials, request, **kwargs)
        already = request is None or getattr(request, "axes_locked_out", False)
        if not already and self.address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The lock page: which lock, and when it lifts by itself."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    username = get_client_username(request, credentials) or ""
    pair = _recent(ip_address=address, username=username)
    pair_failures = pair.aggregate(total=Sum("failures_since_start"))["total"] or 0
    account_locked = pair_failures >= settings.AXES_FAILURE_LIMIT
    attempts = pair if account_locked else _recent(ip_address=address)
    last: datetime | None = attempts.aggregate(last=Max("attempt_time"))["last"]
    context = {
        "account_locked": account_locked,
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "until": (last or timezone.now()) + settings.AXES_COOLOFF_TIME,
    }
    return render(request, "staff/locked_out.html", context, status=429)
