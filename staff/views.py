from django.conf import settings
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from staff.passwords import ThrottledPasswordChangeForm


class ThrottledPasswordChangeView(PasswordChangeView):
    """Django's password change (it keeps this session and ends every other one), with the
    old-password check throttled like sign-in."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


@require_POST
def keep_alive(request: HttpRequest) -> JsonResponse:
    """The "Stay signed in" button: any signed-in request restarts the idle timeout (the session is
    saved on every request); this one does nothing else and says how long it now lasts.
    Signed out or expired, the login middleware answers instead."""
    request.session.modified = True
    return JsonResponse({"expires_in": settings.SESSION_COOKIE_AGE})
