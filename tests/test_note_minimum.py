"""A signed attended note holds the clinic's minimum; attendance is logged from the start."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from delivery.models import SOAP_FIELDS, TherapySession
from delivery.services import log_session, sign_note
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def logged(session, **fields):
    return log_session(
        session=session, by=session.therapist, expected_version=session.version,
        fields={"attendance": "attended", "minutes": 30, **fields}, techniques=[], goals=[],
    )  # fmt: skip


def test_the_default_minimum_is_assessment_and_plan():
    assert django_settings.REHABANA_NOTE_MINIMUM == ("assessment", "plan")
    assert all(TherapySession._meta.get_field(SOAP_FIELDS[part]) for part in SOAP_FIELDS)


def test_an_empty_note_cannot_be_signed(login, therapist, plan):
    session = logged(SessionFactory(plan=plan, therapist=therapist))
    response = login(therapist).post(reverse("session_sign", args=[session.pk]), follow=True)
    assert (
        "The note cannot be signed without its assessment and plan: the clinic&#x27;s minimum "
        "for a signed note is the assessment, plan and minutes."
    ) in response.content.decode()
    session.refresh_from_db()
    assert not session.is_signed


def test_the_message_names_only_what_is_missing(therapist, plan):
    session = logged(SessionFactory(plan=plan, therapist=therapist), assessment="Steadier.",
                     plan_note="   ")  # fmt: skip
    with pytest.raises(ValidationError, match="without its plan:"):
        sign_note(session=session, by=therapist)
    session = logged(session, plan_note="Stairs next.")
    assert sign_note(session=session, by=therapist).is_signed


def test_the_minimum_is_a_setting(therapist, plan, settings):
    settings.REHABANA_NOTE_MINIMUM = ("subjective", "objective", "assessment", "plan")
    session = logged(SessionFactory(plan=plan, therapist=therapist), assessment="A",
                     plan_note="P")  # fmt: skip
    with pytest.raises(ValidationError, match="without its subjective and objective:"):
        sign_note(session=session, by=therapist)


def test_a_missed_session_is_signed_without_a_note(therapist, plan):
    session = log_session(
        session=SessionFactory(plan=plan, therapist=therapist), by=therapist,
        expected_version=1, techniques=[], goals=[],
        fields={"attendance": "no_show", "absence_code": "transport", "minutes": 45},
    )  # fmt: skip
    assert sign_note(session=session, by=therapist).is_signed


def test_an_unknown_part_stops_start_up(monkeypatch):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "rehabana.settings", "NOTE_MINIMUM": "assessment,plna",
             "PATH": ""},
        capture_output=True, text=True, cwd=django_settings.BASE_DIR, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "NOTE_MINIMUM names plna" in result.stderr


# --- logging opens at the booked start -------------------------------------------------------


def test_a_session_starting_in_twenty_minutes_cannot_be_logged_attended(therapist, plan):
    """Logging used to open 30 minutes ahead; it opens at the booked start."""
    session = SessionFactory(plan=plan, therapist=therapist,
                             start=timezone.now() + timedelta(minutes=20))  # fmt: skip
    with pytest.raises(ValidationError, match="logging opens at its booked start"):
        logged(session)
    with pytest.raises(ValidationError, match="has not started yet"):
        logged(session, start=timezone.now() - timedelta(minutes=30))  # moved back: still refused
    session.refresh_from_db()
    assert session.attendance == "scheduled"


def test_a_session_is_cancelled_ahead_of_time(therapist, plan):
    session = SessionFactory(plan=plan, therapist=therapist,
                             start=timezone.now() + timedelta(days=2))  # fmt: skip
    session = log_session(
        session=session, by=therapist, expected_version=1, techniques=[], goals=[],
        fields={"attendance": "cancelled", "absence_code": "patient_unwell"},
    )  # fmt: skip
    assert session.attendance == "cancelled"


def test_the_model_refuses_a_future_session_logged_attended(therapist, plan):
    session = SessionFactory.build(plan=plan, patient=plan.patient, therapist=therapist,
                                   attendance="attended",
                                   start=timezone.now() + timedelta(hours=3))  # fmt: skip
    with pytest.raises(ValidationError, match="has not started yet"):
        session.full_clean()
