"""Response rules for every signed-in page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


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
