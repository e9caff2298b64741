"""Person authentication: lockout, password strength, session expiry, sign-out everywhere."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "correct-horse-battery-staple-7"


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- lockout (django-axes) -----------------------------------------------------------------


def test_repeated_failures_lock_the_account_with_a_clear_message(client, physician):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, physician.username, "wrong").status_code == 200
    locked = sign_in(client, physician.username, "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Account locked" in page and physician.username in page
    assert f"{settings.AXES_FAILURE_LIMIT} failed sign-ins" in page
    assert "administrator" in page
    # Even the right password is refused while locked: guessing it later does not help.
    assert sign_in(client, physician.username).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lock_holds_only_for_the_address_it_came_from(client, physician, therapist):
    """Five wrong passwords for a colleague from one computer lock that pair only: the
    colleague still signs in from their own computer (nobody can lock anyone out)."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, physician.username, "wrong")
    assert sign_in(client, physician.username).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.9.9.9"), physician.username).status_code == 302
    # Nor does it lock the other accounts of that computer.
    assert sign_in(client, therapist.username).status_code == 302


def test_failures_across_many_accounts_lock_the_address_at_a_higher_count(settings, physician):
    """Password spraying: one address failing on many accounts is locked, but only at
    LOGIN_ADDRESS_FAILURE_LIMIT, far above a ward's typos."""
    from tests.factories import TherapistFactory

    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    sprayer = Client(REMOTE_ADDR="10.6.6.6")
    for therapist in TherapistFactory.create_batch(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(sprayer, therapist.username, "Summer2026!")
    # Seven accounts, one failure each: below the address limit, nothing is locked.
    assert sign_in(sprayer, physician.username).status_code == 302
    sign_in(Client(REMOTE_ADDR="10.6.6.6"), TherapistFactory().username, "Summer2026!")
    locked = sign_in(Client(REMOTE_ADDR="10.6.6.6"), physician.username)
    assert locked.status_code == 429
    assert "Sign-in locked for this address" in locked.content.decode()
    assert sign_in(Client(REMOTE_ADDR="10.7.7.7"), physician.username).status_code == 302


def test_the_lock_page_says_when_the_lock_lifts(client, physician):
    moment = timezone.make_aware(timezone.datetime(2026, 11, 27, 10, 5))
    with time_machine.travel(moment, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, physician.username, "wrong")
        page = sign_in(client, physician.username).content.decode()
    lifts = timezone.localtime(moment + settings.AXES_COOLOFF_TIME)
    assert f"lifts by itself at <strong>{lifts:%H:%M}</strong>" in page


def test_behind_a_proxy_the_client_address_comes_from_the_trusted_hop(settings, physician):
    """Behind the production proxy every request has the proxy's REMOTE_ADDR: the lock
    must follow the client the proxy saw, and what a client writes into the header
    itself (left of the proxy's entry) is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    typist = Client(**proxy, HTTP_X_FORWARDED_FOR="192.168.5.20")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(typist, physician.username, "wrong")
    assert sign_in(typist, physician.username).status_code == 429
    colleague = Client(**proxy, HTTP_X_FORWARDED_FOR="192.168.5.21")
    assert sign_in(colleague, physician.username).status_code == 302
    # A forged left-hand entry does not move the typist to a fresh address.
    forged = Client(**proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 192.168.5.20")
    assert sign_in(forged, physician.username).status_code == 429


def test_fewer_failures_than_the_limit_then_success_resets_the_count(client, physician):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, physician.username, "wrong")
    assert sign_in(client, physician.username).status_code == 302
    other = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(other, physician.username, "wrong")
    assert sign_in(other, physician.username).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, physician):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, physician.username, "wrong")
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later):
        assert sign_in(client, physician.username).status_code == 302


def test_an_administrator_unlocks_the_account(client, login, physician, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, physician.username, "wrong")
    attempt = AccessAttempt.objects.get(username=physician.username)
    admin = login(admin_user)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert physician.username in listing.content.decode()
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "unlock", "_selected_action": [attempt.pk]},
    )
    assert response.status_code == 302
    assert sign_in(client, physician.username).status_code == 302


# --- passwords -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-1A", "too short"),
        ("password1234", "too common"),
        ("948372615048", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(login, physician, password, message):
    client = login(physician)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    physician.refresh_from_db()
    assert physician.check_password(PASSWORD)


def test_a_password_like_the_username_is_refused(login, physician):
    similar = physician.username + "x"
    response = login(physician).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": similar, "new_password2": similar},
    )
    assert "too similar" in response.content.decode()


def test_changing_the_password_signs_out_every_other_session(physician):
    here, elsewhere = Client(), Client()
    assert sign_in(here, physician.username).status_code == 302
    assert sign_in(elsewhere, physician.username).status_code == 302
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert here.get(reverse("home")).status_code == 200
    stale = elsewhere.get(reverse("home"))
    assert stale.status_code == 302 and stale.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["physician", "therapist", "reception", "admin"])
def test_every_role_may_change_their_password(login, people, role):
    assert login(people[role]).get(reverse("password_change")).status_code == 200


def test_password_pages_need_sign_in_and_refuse_other_methods(client, login, physician):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert login(physician).put(reverse("password_change")).status_code == 405


# --- session expiry ------------------------------------------------------------------------


def test_a_session_expires_after_the_idle_timeout(physician):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, physician.username)
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(start + idle - timedelta(minutes=1), tick=False):
        assert client.get(reverse("home")).status_code == 200  # activity renews the session
    with time_machine.travel(start + 2 * idle - timedelta(minutes=2), tick=False):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + 3 * idle, tick=False):
        response = client.get(reverse("home"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_idle_timeout_defaults_to_fifteen_minutes():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_the_session_cookie_ends_with_the_browser(client, physician):
    response = sign_in(client, physician.username)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]


def test_sign_in_logs_cannot_be_edited_or_deleted_in_the_admin(client, login, admin_user):
    from axes.models import AccessFailureLog, AccessLog

    sign_in(client, admin_user.username)
    sign_in(Client(), admin_user.username, "wrong")
    admin = login(admin_user)
    for model, row in ((AccessLog, AccessLog.objects.first()),
                       (AccessFailureLog, AccessFailureLog.objects.first())):  # fmt: skip
        assert row is not None, model
        info = model._meta.app_label, model._meta.model_name
        assert admin.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
        delete = reverse("admin:{}_{}_delete".format(*info), args=[row.pk])
        assert admin.post(delete, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=row.pk).exists()


def test_an_over_long_username_is_a_form_error_not_a_server_error(client):
    """Found by the form fuzzer on PostgreSQL: a 300-character username reached
    django-axes, whose 255-character column refused it (a 500)."""
    from axes.models import AccessFailureLog

    response = sign_in(client, "x" * 300, "whatever")
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessFailureLog.objects.exists()  # authenticate() was never reached


# --- the password change, held to the same rules ----------------------------------------------


def test_a_password_made_of_the_users_names_is_refused(login, people):
    psychologist = people["therapist"]
    psychologist.first_name, psychologist.last_name = "Ritika", "Bose"
    psychologist.save()
    for weak in ("Ritika Bose 1", "bose.ritika-2026!", "RitikaBose#99"):
        response = login(psychologist).post(
            reverse("password_change"),
            {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
        )
        assert "made of your names" in response.content.decode(), weak
    psychologist.refresh_from_db()
    assert psychologist.check_password(PASSWORD)


def test_a_password_with_words_of_ones_own_is_accepted(login, physician):
    strong = f"{physician.first_name} likes mango lassi 7"
    response = login(physician).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert response.status_code == 302


def test_guessing_the_old_password_is_throttled_and_logged(login, physician):
    """Thirty wrong guesses of the old password went unnoticed: each is now a failed
    sign-in in the log, and the limit locks the account from this address."""
    from axes.models import AccessFailureLog

    client = login(physician)
    guess = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("password_change"), {"old_password": f"g{attempt}", **guess})
        assert response.status_code == 200
    locked = client.post(reverse("password_change"), {"old_password": "last-guess", **guess})
    assert locked.status_code == 429
    assert AccessFailureLog.objects.filter(username=physician.username).count() >= 5
    # Even the right old password is refused while the lock holds.
    right = client.post(reverse("password_change"), {"old_password": PASSWORD, **guess})
    assert right.status_code == 429
    physician.refresh_from_db()
    assert physician.check_password(PASSWORD)
