from django.contrib.auth.views import PasswordChangeView

from staff.passwords import ThrottledPasswordChangeForm


class ThrottledPasswordChangeView(PasswordChangeView):
    """Django's password change (it keeps this session and ends every other one), with the
    old-password check throttled like sign-in."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}
