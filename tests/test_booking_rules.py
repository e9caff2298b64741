"""The clash rule and the clinic's hours hold on every road that writes a session: the
model's ``full_clean`` (so the admin's form), the services, the pages."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from delivery.models import TherapySession
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(days=7)  # next week


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
        hour=hour, minute=minute
    )


def admin_add(client, plan, therapist, start, minutes=45, discipline="PT"):
    local = timezone.localtime(start)
    return client.post(
        reverse("admin:delivery_therapysession_add"),
        {
            "patient": plan.patient.pk,
            "plan": plan.pk,
            "discipline": discipline,
            "therapist": therapist.pk,
            "start_0": f"{local:%Y-%m-%d}",
            "start_1": f"{local:%H:%M}",
            "minutes": str(minutes),
            "addenda-TOTAL_FORMS": "0",
            "addenda-INITIAL_FORMS": "0",
        },
    )


def booking(plan, therapist, start, minutes=45, **fields):
    return TherapySession(
        patient=plan.patient, plan=plan, discipline_id=therapist.discipline_id,
        therapist=therapist, start=start, minutes=minutes, **fields,
    )  # fmt: skip


# --- the admin ------------------------------------------------------------------------------


def test_the_admin_adds_a_session_inside_the_rules(login, admin_user, plan, therapist, monday):
    response = admin_add(login(admin_user), plan, therapist, at(monday, 10))
    assert response.status_code == 302
    assert TherapySession.objects.get().start == at(monday, 10)


def test_the_admin_cannot_double_book_a_therapist(login, admin_user, plan, therapist, monday):
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10), minutes=45)
    response = admin_add(login(admin_user), plan, therapist, at(monday, 10, 30))
    assert response.status_code == 200
    page = response.content.decode()
    assert "errornote" in page and "The therapist is busy 10:00–10:45." in page
    assert TherapySession.objects.count() == 1


def test_the_admin_cannot_put_a_patient_in_two_sessions(
    login, admin_user, plan, therapist, ot_therapist, monday
):
    SessionFactory(plan=plan, therapist=ot_therapist, discipline_id="OT", start=at(monday, 11))
    response = admin_add(login(admin_user), plan, therapist, at(monday, 11, 15))
    assert "The patient is in another session 11:00–11:45 (OT)." in response.content.decode()
    assert TherapySession.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "hour", "message"),
    [(0, 3, "Outside opening hours"), (6, 10, "closed on Sundays"), (0, 18, "Outside opening")],
)
def test_the_admin_cannot_book_in_the_night_or_on_a_closed_day(
    login, admin_user, plan, therapist, monday, day, hour, message
):
    response = admin_add(login(admin_user), plan, therapist, at(monday + timedelta(day), hour), 90)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TherapySession.objects.exists()


def test_the_admin_moving_a_booking_onto_another_is_refused(
    login, admin_user, plan, therapist, monday
):
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 9), minutes=60)
    moved = SessionFactory(plan=plan, therapist=therapist, start=at(monday, 14), minutes=45)
    local = timezone.localtime(at(monday, 9, 30))
    response = login(admin_user).post(
        reverse("admin:delivery_therapysession_change", args=[moved.pk]),
        {
            "patient": plan.patient.pk, "plan": plan.pk, "discipline": "PT",
            "therapist": therapist.pk, "start_0": f"{local:%Y-%m-%d}",
            "start_1": f"{local:%H:%M}", "minutes": "45",
            "addenda-TOTAL_FORMS": "0", "addenda-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert "The therapist is busy 09:00–10:00." in response.content.decode()
    moved.refresh_from_db()
    assert moved.start == at(monday, 14)


# --- full_clean -----------------------------------------------------------------------------


def test_full_clean_refuses_a_clash_and_the_night(plan, therapist, monday):
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10), minutes=45)
    with pytest.raises(ValidationError, match="The therapist is busy 10:00–10:45"):
        booking(plan, therapist, at(monday, 10, 15)).full_clean()
    with pytest.raises(ValidationError, match="Outside opening hours"):
        booking(plan, therapist, at(monday, 3)).full_clean()
    booking(plan, therapist, at(monday, 10, 45)).full_clean()  # back to back is fine


def test_missed_sessions_leave_their_slot_free(plan, therapist, monday):
    for attendance, code in (("cancelled", "clinic_cancelled"), ("no_show", "transport")):
        SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10), minutes=45,
                       attendance=attendance, absence_code=code, absence_reason="x")  # fmt: skip
    booking(plan, therapist, at(monday, 10)).full_clean()
    # A cancelled session overlapping a booking is no clash either.
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 12), minutes=45)
    booking(plan, therapist, at(monday, 12), attendance="cancelled",
            absence_code="patient_unwell").full_clean()  # fmt: skip


def test_a_past_session_is_logged_as_it_ran_outside_hours_but_not_on_another(plan, therapist):
    """Logging what happened: the clash rule holds, the opening hours do not (a session
    that ran past closing time is recorded as it ran)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    late = booking(plan, therapist, at(yesterday, 19, 30), 30, attendance="attended")
    late.full_clean()
    late.save()
    with pytest.raises(ValidationError, match="The therapist is busy 19:30–20:00"):
        booking(plan, therapist, at(yesterday, 19, 45), 30, attendance="attended").full_clean()


def test_a_booking_made_before_a_holiday_can_still_be_cancelled(plan, therapist, monday):
    """The hours are checked when a booking is made or moved, not on every later save."""
    from reference.models import Holiday

    session = booking(plan, therapist, at(monday, 10))
    session.full_clean()
    session.save()
    Holiday.objects.create(date=monday, name="Diwali")
    session = TherapySession.objects.get(pk=session.pk)
    session.attendance, session.absence_code = "cancelled", "clinic_cancelled"
    session.full_clean()
    session.start = at(monday, 11)
    with pytest.raises(ValidationError, match="holiday"):
        session.attendance, session.absence_code, session.absence_reason = "scheduled", None, ""
        session.full_clean()


def test_reviving_a_missed_session_onto_a_taken_slot_is_refused(plan, therapist, monday):
    missed = SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10),
                            attendance="cancelled", absence_code="patient_unwell",
                            absence_reason="Unwell")  # fmt: skip
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10))
    missed = TherapySession.objects.get(pk=missed.pk)
    missed.attendance, missed.absence_code, missed.absence_reason = "scheduled", None, ""
    with pytest.raises(ValidationError, match="The therapist is busy"):
        missed.full_clean()


def test_reception_cannot_book_at_three_in_the_morning(login, reception, therapist, plan, monday):
    """Issue 13 closed the reception road already; this holds it."""
    response = login(reception).post(
        reverse("patient_week", args=[plan.patient.pk]),
        {"discipline": "PT", "therapist": therapist.pk, "minutes": 45,
         "start": f"{monday:%Y-%m-%d}T03:00"},
    )  # fmt: skip
    assert "Outside opening hours" in response.content.decode()
    assert not TherapySession.objects.exists()
