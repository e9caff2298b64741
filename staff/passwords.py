"""Password rules beyond Django's, and the password change held to the sign-in lock."""

import re

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

# Letters that must be left once the user's names are taken out of a password.
LETTERS_BEYOND_NAMES = 4


class NotMadeOfNamesValidator:
    """Refuses a password that is the user's names with digits or signs around them
    ("Ritika Bose 1"): Django's similarity check compares the whole password with each name
    and lets such a mix through."""

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        letters = re.sub(r"[^a-z]", "", password.lower())
        for name in self._name_parts(user):
            letters = letters.replace(name, "")
        if len(letters) < LETTERS_BEYOND_NAMES:
            raise ValidationError(
                "This password is made of your names; add words of your own.",
                code="password_made_of_names",
            )

    @staticmethod
    def _name_parts(user) -> list[str]:
        raw = " ".join(
            str(getattr(user, field, "") or "")
            for field in ("first_name", "last_name", "username", "email")
        )
        parts = {part for part in re.split(r"[^a-z]+", raw.lower()) if len(part) >= 3}
        return sorted(parts, key=len, reverse=True)  # the longest first: "bose" before "bos"

    def get_help_text(self) -> str:
        return "Your password can't be made of your names."


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old-password check counts as a sign-in attempt: wrong guesses are logged and
    lock the account from this address like wrong sign-ins do."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        credentials = {"username": self.user.get_username()}
        if not AxesProxyHandler.is_allowed(self.request, credentials):
            self.request.axes_locked_out = True  # the middleware answers with the lock page
            self.request.axes_credentials = credentials
            raise ValidationError("Too many wrong passwords.", code="locked")
        old_password = self.cleaned_data["old_password"]
        if not self.user.check_password(old_password):
            user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
