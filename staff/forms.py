from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the username's length enforced.

    Django sets the username field's ``max_length`` after the field is built, so no
    length validator runs and any length reaches ``authenticate()``, where django-axes
    records it in a 255-character column: PostgreSQL then fails the request (found by
    the form fuzzer). An over-long name is a form error instead, like any wrong name.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
