"""Booking sessions, refusing clashes, a week from the plan, week views."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delivery.models import TherapySession
from plans.models import StageStatus
from tests.factories import AllocationFactory, SessionFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(days=7)  # next week


@pytest.fixture
def current_stage(plan):
    stage = StageFactory(
        plan=plan, order=1, status=StageStatus.CURRENT,
        actual_start=timezone.localdate() - timedelta(days=3),
    )  # fmt: skip
    AllocationFactory(stage=stage, discipline_id="PT", sessions_per_week=3, minutes_per_session=45)
    AllocationFactory(stage=stage, discipline_id="OT", sessions_per_week=2, minutes_per_session=60)
    return stage


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
        hour=hour, minute=minute
    )


def book(client, patient, therapist, start, minutes=45, discipline="PT"):
    return client.post(
        reverse("patient_week", args=[patient.pk]),
        {
            "discipline": discipline,
            "therapist": therapist.pk,
            "start": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
            "minutes": minutes,
        },
    )


def test_reception_books_a_session(login, reception, therapist, plan, monday):
    response = book(login(reception), plan.patient, therapist, at(monday, 10))
    assert response.status_code == 302
    session = TherapySession.objects.get()
    assert session.therapist == therapist and session.attendance == "scheduled"


def test_the_same_therapist_cannot_be_in_two_places(login, reception, therapist, plan, monday):
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10), minutes=45)
    response = book(login(reception), plan.patient, therapist, at(monday, 10, 30))
    assert response.status_code == 200
    assert "The therapist is busy 10:00–10:45." in response.content.decode()
    assert TherapySession.objects.count() == 1


def test_a_clash_names_no_other_patient(login, therapist, plan, monday):
    """A therapist's busy slot is with a patient the asker may not see: say only when."""
    from tests.factories import ActivePlanFactory, CareTeamMemberFactory

    other = ActivePlanFactory(patient__given_name="Joseph", patient__family_name="Menon")
    CareTeamMemberFactory(patient=other.patient, staff=therapist)
    SessionFactory(plan=other, therapist=therapist, start=at(monday, 9, 30), minutes=60)
    response = book(login(therapist), plan.patient, therapist, at(monday, 10))
    page = response.content.decode()
    assert "The therapist is busy 09:30–10:30." in page
    assert "Menon" not in page and "Joseph" not in page


def test_the_same_patient_cannot_be_in_two_sessions(
    login, reception, therapist, ot_therapist, plan, monday
):
    SessionFactory(plan=plan, therapist=ot_therapist, discipline_id="OT", start=at(monday, 11))
    response = book(login(reception), plan.patient, therapist, at(monday, 11, 15))
    assert "The patient is in another session 11:00–11:45 (OT)." in response.content.decode()


def test_back_to_back_and_cancelled_slots_are_free(login, reception, therapist, plan, monday):
    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 9), minutes=45)
    cancelled = SessionFactory(plan=plan, therapist=therapist, start=at(monday, 10), minutes=45)
    cancelled.attendance, cancelled.absence_reason = "cancelled", "Unwell"
    cancelled.save()
    client = login(reception)
    assert book(client, plan.patient, therapist, at(monday, 9, 45)).status_code == 302
    assert book(client, plan.patient, therapist, at(monday, 10, 30), minutes=30).status_code == 302


def test_a_therapist_off_the_care_team_cannot_be_booked(login, reception, outsider, plan, monday):
    response = book(login(reception), plan.patient, outsider, at(monday, 10))
    assert "valid choice" in response.content.decode()
    assert not TherapySession.objects.exists()


def test_therapists_book_their_own_discipline_only(login, therapist, ot_therapist, plan, monday):
    client = login(therapist)
    assert book(client, plan.patient, therapist, at(monday, 10)).status_code == 302
    response = book(client, plan.patient, ot_therapist, at(monday, 12), discipline="OT")
    assert "valid choice" in response.content.decode()
    assert TherapySession.objects.count() == 1


def test_the_booking_service_asks_the_permission_table(
    therapist, ot_therapist, reception, physician, plan, monday
):
    """The rule holds beneath the form too: schedule_session takes the actor."""
    from delivery.services import schedule_session

    booking = {"plan": plan, "discipline_id": "OT", "therapist": ot_therapist, "minutes": 45}
    with pytest.raises(ValidationError, match="your own discipline"):
        schedule_session(**booking, start=at(monday, 10), by=therapist)
    assert schedule_session(**booking, start=at(monday, 10), by=reception).pk
    with pytest.raises(ValidationError, match="does not book"):
        schedule_session(**booking, start=at(monday, 14), by=_no_schedule_role(physician))
    assert TherapySession.objects.count() == 1


def _no_schedule_role(user):
    """A user whose role the table gives no booking: an inactive account has no scope."""
    user.is_active = False
    return user


def test_bad_booking_input_is_a_form_error(login, reception, therapist, plan):
    response = login(reception).post(
        reverse("patient_week", args=[plan.patient.pk]),
        {"discipline": "PT", "therapist": therapist.pk, "start": "soon", "minutes": "-5"},
    )
    assert response.status_code == 200
    assert "Enter a date and time as DD/MM/YYYY HH:MM" in response.content.decode()


def test_a_week_from_the_plan(login, reception, therapist, ot_therapist, current_stage, monday):
    patient = current_stage.plan.patient
    client = login(reception)
    url = reverse("patient_week", args=[patient.pk])
    page = client.get(url, {"week": monday.isoformat(), "propose": "1"})
    assert len(page.context["proposals"]) == 5
    # Each proposal names its discipline as the clinic does, not by its code.
    shown = page.content.decode()
    assert "· Physio ·" in shown and "· PT ·" not in shown
    response = client.post(f"{url}?week={monday.isoformat()}", {"action": "week"}, follow=True)
    assert "Booked 5 sessions" in response.content.decode()
    sessions = TherapySession.objects.filter(patient=patient)
    assert sorted(sessions.values_list("discipline", flat=True)) == ["OT", "OT", "PT", "PT", "PT"]
    # The week is complete now: asking again books nothing more.
    response = client.post(f"{url}?week={monday.isoformat()}", {"action": "week"}, follow=True)
    assert "Booked 0 sessions" in response.content.decode()
    assert sessions.count() == 5


def test_a_week_from_the_plan_skips_holidays_and_spreads_the_days(
    login, reception, therapist, ot_therapist, current_stage, monday
):
    from reference.models import Holiday

    Holiday.objects.create(date=monday, name="Diwali")
    patient = current_stage.plan.patient
    page = login(reception).get(
        reverse("patient_week", args=[patient.pk]), {"week": monday.isoformat(), "propose": "1"}
    )
    proposals = page.context["proposals"]
    days = [timezone.localtime(p.start).date() for p, _ in proposals]
    assert len(proposals) == 5 and monday not in days
    # PT 3 x 45 and OT 2 x 60 over Tuesday to Saturday: one session a day.
    assert len(set(days)) == 5


def test_the_week_proposal_names_what_it_cannot_place(login, reception, therapist, plan, monday):
    stage = StageFactory(plan=plan, order=1, status=StageStatus.CURRENT,
                         actual_start=timezone.localdate())  # fmt: skip
    AllocationFactory(stage=stage, discipline_id="SLT", sessions_per_week=2, minutes_per_session=30)
    page = login(reception).get(
        reverse("patient_week", args=[plan.patient.pk]), {"week": monday.isoformat(), "propose": 1}
    )
    assert "No SLT therapist on the care team." in page.content.decode()


def test_a_bad_week_parameter_shows_this_week(login, reception, plan):
    response = login(reception).get(
        reverse("patient_week", args=[plan.patient.pk]), {"week": "not-a-date"}
    )
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["monday"] == today - timedelta(days=today.weekday())


@pytest.mark.parametrize(
    ("role", "status"),
    [("physician", 200), ("reception", 200), ("admin", 200), ("therapist", 200),
     ("outsider", 404)],
)  # fmt: skip
def test_who_opens_a_patients_week(login, people, plan, role, status):
    url = reverse("patient_week", args=[plan.patient.pk])
    assert login(people[role]).get(url).status_code == status


def test_therapist_week_views(login, people, therapist, plan):
    url = reverse("therapist_week", args=[therapist.pk])
    assert login(therapist).get(url).status_code == 200
    assert login(people["ot_therapist"]).get(url).status_code == 404
    for role in ("reception", "physician", "admin"):
        assert login(people[role]).get(url).status_code == 200
    assert login(therapist).post(url).status_code == 405
    physician_url = reverse("therapist_week", args=[people["physician"].pk])
    assert login(people["reception"]).get(physician_url).status_code == 404


@pytest.mark.parametrize("view", ["patient", "therapist"])
def test_week_views_cost_the_same_whatever_the_volume(
    login, reception, therapist, plan, view, monday
):
    url = (
        reverse("patient_week", args=[plan.patient.pk])
        if view == "patient"
        else reverse("therapist_week", args=[therapist.pk])
    )
    client = login(reception)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"week": monday.isoformat()}).status_code == 200
        return len(captured)

    SessionFactory(plan=plan, therapist=therapist, start=at(monday, 8))
    before = count()
    for day in range(6):
        for hour in (10, 12, 14):
            SessionFactory(plan=plan, therapist=therapist,
                           start=at(monday + timedelta(days=day), hour))  # fmt: skip
    assert count() == before


# --- the review's edge cases ----------------------------------------------------------------


def test_absurd_dates_are_form_errors_not_crashes(login, reception, therapist, plan):
    client = login(reception)
    url = reverse("patient_week", args=[plan.patient.pk])
    for week in ("9999-12-31", "0001-01-01"):
        assert client.get(url, {"week": week}).status_code == 200
    for start in ("9999-12-31T23:00", "0001-01-01T01:00"):
        response = client.post(
            url, {"discipline": "PT", "therapist": therapist.pk, "start": start, "minutes": 45}
        )
        assert response.status_code == 200
        assert "between 1900 and 2100" in response.content.decode()
    assert not TherapySession.objects.exists()


def test_a_session_cannot_be_booked_in_the_past(login, reception, therapist, plan):
    yesterday = timezone.now() - timedelta(days=1)
    response = book(login(reception), plan.patient, therapist, yesterday)
    assert "cannot start in the past" in response.content.decode()


def test_a_plan_on_hold_takes_no_bookings(login, reception, therapist, plan, monday):
    plan.status = "on_hold"
    plan.save()
    response = book(login(reception), plan.patient, therapist, at(monday, 10))
    assert "scheduled on an active plan" in response.content.decode()
    assert not TherapySession.objects.exists()


@pytest.mark.parametrize(
    ("day", "hour", "minute", "minutes", "message"),
    [
        (6, 10, 0, 45, "closed on Sundays"),
        (0, 8, 0, 45, "Outside opening hours: on Mondays the clinic is open 08:30–19:00"),
        (2, 18, 30, 45, "Outside opening hours"),
    ],
)
def test_bookings_keep_to_the_clinic_calendar(
    login, reception, therapist, plan, monday, day, hour, minute, minutes, message
):
    """schedule_session booked a Sunday or 06:00 as readily as a Monday morning."""
    start = at(monday + timedelta(days=day), hour, minute)
    response = book(login(reception), plan.patient, therapist, start, minutes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TherapySession.objects.exists()
    # The last slot that ends at closing time is fine.
    assert book(login(reception), plan.patient, therapist, at(monday, 18, 15)).status_code == 302


def test_a_holiday_takes_no_bookings(login, reception, therapist, plan, monday):
    from reference.models import Holiday

    Holiday.objects.create(date=monday, name="Diwali")
    response = book(login(reception), plan.patient, therapist, at(monday, 10))
    assert "is a holiday (Diwali)" in response.content.decode()
    assert not TherapySession.objects.exists()


def test_a_held_day_takes_no_bookings(login, reception, therapist, plan, monday):
    from tests.factories import PlanHoldFactory

    PlanHoldFactory(plan=plan, starts_on=monday, ends_on=monday + timedelta(days=2))
    response = book(login(reception), plan.patient, therapist, at(monday + timedelta(1), 10))
    assert "The plan is held that day" in response.content.decode()
    assert (
        book(login(reception), plan.patient, therapist, at(monday + timedelta(3), 10)).status_code
        == 302
    )


def test_moving_a_logged_session_onto_another_is_refused(login, therapist, plan):
    from delivery.services import log_session

    earlier = timezone.now() - timedelta(hours=5)
    SessionFactory(plan=plan, therapist=therapist, start=earlier, minutes=60)
    session = SessionFactory(plan=plan, therapist=therapist,
                             start=timezone.now() - timedelta(hours=2))  # fmt: skip
    overlapping = earlier + timedelta(minutes=15)
    with pytest.raises(ValidationError, match="The therapist is busy"):
        log_session(
            session=session, by=therapist, expected_version=session.version,
            fields={"attendance": "attended", "minutes": 30, "start": overlapping},
            techniques=[], goals=[],
        )  # fmt: skip


def test_a_session_that_has_not_started_cannot_be_logged(login, therapist, plan):
    session = SessionFactory(plan=plan, therapist=therapist,
                             start=timezone.now() + timedelta(days=2))  # fmt: skip
    response = login(therapist).post(
        reverse("session_log", args=[session.pk]),
        {"version": session.version, "attendance": "attended", "minutes": 45,
         "start": timezone.localtime(session.start).strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert "has not started yet" in response.content.decode()
    # The service's refusal lands on the field it names, beside what the therapist typed.
    assert "has not started yet" in response.context["form"].errors["start"][0]
    session.refresh_from_db()
    assert session.attendance == "scheduled"
