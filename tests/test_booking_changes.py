"""Reception (and the physician, and a therapist for their own bookings) cancel a booking
with its coded reason, move it, and check the patient in; the row stays in the record."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delivery.balance_data import session_facts
from delivery.models import TherapySession
from delivery.services import cancel_session, check_in, reschedule_session
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(days=7)  # next week


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
        hour=hour, minute=minute
    )


@pytest.fixture
def booking(plan, therapist, monday):
    return SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10), minutes=45)


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- cancel ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "side"), [("clinic_cancelled", "clinic"), ("patient_unwell", "patient")]
)
def test_reception_cancels_a_booking_in_place(login, reception, booking, code, side):
    response = login(reception).post(
        reverse("session_cancel", args=[booking.pk]),
        {"absence_code": code, "version": booking.version, "who": "therapist"}, **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.templates[0].name == "delivery/partials/booking.html"
    page = response.content.decode()
    assert f'id="booking-{booking.pk}"' in page and "Cancelled" in page
    assert "Cancel the session" not in page  # nothing left to change
    booking.refresh_from_db()
    assert booking.attendance == "cancelled" and booking.absence_code == code
    assert booking.absence_side == side
    # Not deleted: in the history (who cancelled), and in adherence as a missed session.
    latest = booking.history.first()
    assert latest.history_user == reception and latest.attendance == "cancelled"
    assert booking.history.count() == 2
    facts = session_facts([booking.plan_id])[booking.plan_id]
    assert [(f.attendance, f.absence) for f in facts] == [("cancelled", code)]


def test_other_needs_words_and_the_refusal_shows_in_the_line(login, reception, booking):
    response = login(reception).post(
        reverse("session_cancel", args=[booking.pk]), {"absence_code": "other"}, **HTMX
    )
    assert "Describe the reason." in response.content.decode()
    booking.refresh_from_db()
    assert booking.attendance == "scheduled"


def test_a_logged_session_is_not_cancelled(therapist, reception, plan):
    session = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=30)
    with pytest.raises(ValidationError, match="only a booking still scheduled"):
        cancel_session(session=session, by=reception, absence_code="clinic_cancelled")


def test_without_htmx_the_form_comes_back_to_the_page(login, reception, booking, plan):
    week = reverse("patient_week", args=[plan.patient.pk]) + "?week=2026-01-05"
    response = login(reception).post(
        reverse("session_cancel", args=[booking.pk]),
        {"absence_code": "transport", "next": week},
    )
    assert response.status_code == 302 and response.url == week
    evil = login(reception).post(
        reverse("session_cancel", args=[booking.pk]),
        {"absence_code": "transport", "next": "https://evil.example/"},
    )
    assert evil.url == reverse("session_detail", args=[booking.pk])


# --- move -----------------------------------------------------------------------------------


def test_reception_moves_a_booking_keeping_the_row_and_its_history(
    login, reception, booking, monday
):
    response = login(reception).post(
        reverse("session_reschedule", args=[booking.pk]),
        {"start": local(at(monday, 15)), "version": booking.version}, **HTMX,
    )  # fmt: skip
    assert response.status_code == 200 and "15:00" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == at(monday, 15) and booking.attendance == "scheduled"
    assert TherapySession.objects.count() == 1
    assert [h.start for h in booking.history.order_by("history_date")] == [
        at(monday, 10), at(monday, 15),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "hour", "message"),
    [
        (0, 9, "The therapist is busy 08:30–09:30."),  # onto another session
        (0, 3, "Outside opening hours"),
        (6, 10, "closed on Sundays"),
    ],
)
def test_a_move_is_checked_as_a_booking(
    login, reception, booking, plan, therapist, monday, day, hour, message
):
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 8, 30), minutes=60)
    response = login(reception).post(
        reverse("session_reschedule", args=[booking.pk]),
        {"start": local(at(monday + timedelta(day), hour))}, **HTMX,
    )  # fmt: skip
    assert message in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == at(monday, 10)


def test_a_move_into_the_past_or_a_held_day_is_refused(reception, booking, plan, monday):
    from tests.factories import PlanHoldFactory

    with pytest.raises(ValidationError, match="into the past"):
        reschedule_session(session=booking, by=reception,
                           start=timezone.now() - timedelta(hours=1))  # fmt: skip
    PlanHoldFactory(plan=plan, starts_on=monday + timedelta(1), ends_on=monday + timedelta(2))
    with pytest.raises(ValidationError, match="held that day"):
        reschedule_session(session=booking, by=reception, start=at(monday + timedelta(1), 10))


def test_a_stale_move_is_refused(login, reception, booking, monday):
    version = booking.version
    reschedule_session(session=booking, by=reception, start=at(monday, 12))
    response = login(reception).post(
        reverse("session_reschedule", args=[booking.pk]),
        {"start": local(at(monday, 15)), "version": version}, **HTMX,
    )  # fmt: skip
    assert "Someone changed this booking meanwhile" in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == at(monday, 12)


# --- check-in -------------------------------------------------------------------------------


def test_check_in_today(login, reception, plan, therapist):
    today = SessionFactory(plan=plan, therapist=therapist,
                           start=timezone.localtime().replace(hour=10, minute=0))  # fmt: skip
    response = login(reception).post(
        reverse("session_check_in", args=[today.pk]), {"version": today.version}, **HTMX
    )
    assert response.status_code == 200 and "arrived" in response.content.decode()
    today.refresh_from_db()
    assert today.arrived_at is not None and today.attendance == "scheduled"
    with pytest.raises(ValidationError, match="was checked in at"):
        check_in(session=today, by=reception)
    with pytest.raises(ValidationError, match="has arrived"):
        reschedule_session(session=today, by=reception, start=today.start + timedelta(days=7))


def test_check_in_is_on_the_day(reception, booking):
    with pytest.raises(ValidationError, match="on the day of the session"):
        check_in(session=booking, by=reception)


# --- who ------------------------------------------------------------------------------------


def test_a_therapist_changes_their_own_bookings_only(
    login, therapist, ot_therapist, plan, booking, monday
):
    client = login(therapist)
    moved = client.post(reverse("session_reschedule", args=[booking.pk]),
                        {"start": local(at(monday, 11))}, **HTMX)  # fmt: skip
    assert moved.status_code == 200
    booking.refresh_from_db()
    assert booking.start == at(monday, 11)
    colleague = SessionFactory(plan=plan, therapist=ot_therapist, discipline_id="OT",
                               start=at(monday, 14))  # fmt: skip
    for name, data in (
        ("session_cancel", {"absence_code": "clinic_cancelled"}),
        ("session_reschedule", {"start": local(at(monday, 16))}),
        ("session_check_in", {}),
    ):
        assert client.post(reverse(name, args=[colleague.pk]), data).status_code == 403
    with pytest.raises(ValidationError, match="not yours to change"):
        cancel_session(session=colleague, by=therapist, absence_code="clinic_cancelled")


@pytest.mark.parametrize(
    ("role", "status"),
    [("physician", 200), ("admin", 200), ("reception", 200), ("therapist", 200),
     ("ot_therapist", 403), ("outsider", 404)],
)  # fmt: skip
def test_who_cancels(login, people, booking, role, status):
    response = login(people[role]).post(
        reverse("session_cancel", args=[booking.pk]), {"absence_code": "clinic_cancelled"}, **HTMX
    )
    assert response.status_code == status
    booking.refresh_from_db()
    assert (booking.attendance == "cancelled") is (status == 200)


@pytest.mark.parametrize("name", ["session_cancel", "session_reschedule", "session_check_in"])
def test_outsiders_get_404_and_a_get_is_405(login, outsider, reception, booking, name):
    url = reverse(name, args=[booking.pk])
    assert login(outsider).post(url, {}).status_code == 404
    assert login(reception).get(url).status_code == 405


# --- the week pages -------------------------------------------------------------------------


def test_the_weeks_offer_the_buttons_to_who_may_use_them(
    login, reception, therapist, ot_therapist, plan, booking, monday
):
    week = {"week": monday.isoformat()}
    page = login(reception).get(reverse("patient_week", args=[plan.patient.pk]), week)
    html = page.content.decode()
    assert reverse("session_cancel", args=[booking.pk]) in html
    assert reverse("session_reschedule", args=[booking.pk]) in html
    assert reverse("session_check_in", args=[booking.pk]) not in html  # not today
    own = login(therapist).get(reverse("therapist_week", args=[therapist.pk]), week)
    assert reverse("session_cancel", args=[booking.pk]) in own.content.decode()
    other = login(ot_therapist).get(reverse("patient_week", args=[plan.patient.pk]), week)
    assert reverse("session_cancel", args=[booking.pk]) not in other.content.decode()


def test_the_buttons_cost_no_query_per_session(login, reception, therapist, plan, monday):
    client = login(reception)
    url = reverse("therapist_week", args=[therapist.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"week": monday.isoformat()}).status_code == 200
        return len(captured)

    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 9))
    before = count()
    for day in range(6):
        for hour in (11, 13, 15):
            SessionFactory(plan=plan, therapist=therapist,
                           start=at(monday + timedelta(days=day), hour))  # fmt: skip
    assert count() == before


def test_a_change_answers_in_constant_queries(login, reception, plan, therapist, booking, monday):
    """A move's queries do not grow with the therapist's or the patient's other sessions."""
    client = login(reception)

    def count(hour) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(reverse("session_reschedule", args=[booking.pk]),
                                   {"start": local(at(monday, hour))}, **HTMX)  # fmt: skip
        assert "error" not in response.content.decode() and response.status_code == 200
        return len(captured)

    before = count(12)
    for day in range(-1, 2):
        for hour in (9, 14, 16):
            SessionFactory(plan=plan, therapist=therapist,
                           start=at(monday + timedelta(days=day), hour))  # fmt: skip
    assert count(11) == before
