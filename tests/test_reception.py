"""Reception's day (issue 14, daily use): the day's bookings, the no-shows to call back,
tomorrow's reminders in the patient's language, therapist leave and cover."""

from datetime import date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from delivery.models import Attendance, TherapySession
from delivery.presenters import BookingRow
from delivery.services import reassign_session
from desk.reminders import reminder
from patients.access_log import AccessKind, AccessRecord
from patients.models import Language, Patient
from reference.models import Discipline
from staff.models import Leave
from staff.permissions import PERMISSIONS, Action, Scope
from staff.roles import Role
from tests.factories import (
    ActivePlanFactory,
    CareTeamMemberFactory,
    DiagnosisFactory,
    LeaveFactory,
    PatientFactory,
    PrecautionFactory,
    SessionFactory,
    TherapistFactory,
)

pytestmark = pytest.mark.django_db

DAY = reverse("reception_day")
REMINDERS = reverse("reception_reminders")
LEAVE = reverse("therapist_leave")
ROW = "delivery/partials/booking_row.html"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
        hour=hour, minute=minute
    )


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def tomorrow(today):
    return today + timedelta(days=1)


def _another_patient(therapist, **fields):
    patient = PatientFactory(**fields)
    CareTeamMemberFactory(patient=patient, staff=therapist)
    plan = ActivePlanFactory(patient=patient, diagnosis=DiagnosisFactory(patient=patient))
    return plan


# --- the day view ---------------------------------------------------------------------------


def test_the_day_view_lists_the_days_bookings_with_phone_and_status(
    login, reception, plan, therapist, ot_therapist, today, tomorrow
):
    SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    SessionFactory(
        plan=plan, therapist=ot_therapist, discipline_id="OT", start=at(today, 11),
        attendance=Attendance.CANCELLED, absence_code="transport",
        absence_reason="Transport problem",
    )  # fmt: skip
    SessionFactory(plan=plan, therapist=therapist, start=at(tomorrow, 9))
    body = login(reception).get(DAY).content.decode()
    assert body.count('class="booking-actions') == 2  # today's two, not tomorrow's
    assert plan.patient.mrn in body
    assert 'href="tel:+919820012345"' in body
    assert "09:00" in body and "11:00" in body
    assert "Scheduled" in body and "Cancelled" in body
    assert "Transport problem" in body
    assert reverse("therapist_week", args=[therapist.pk]) in body


def test_the_day_view_picks_a_day_and_links_the_days_around_it(
    login, reception, plan, therapist, tomorrow
):
    SessionFactory(plan=plan, therapist=therapist, start=at(tomorrow, 10))
    browser = login(reception)
    body = browser.get(DAY, {"date": tomorrow.isoformat()}).content.decode()
    assert "10:00" in body and 'id="booking-' in body
    assert f"date={tomorrow - timedelta(days=1):%Y-%m-%d}" in body
    assert f"date={tomorrow + timedelta(days=1):%Y-%m-%d}" in body
    # A date the picker cannot mean is today's page, not an error.
    for bad in ("2026-02-30", "x", "0001-01-01"):
        response = browser.get(DAY, {"date": bad})
        assert response.status_code == 200
        assert 'id="booking-' not in response.content.decode()


def test_the_date_box_shows_the_day_on_screen(login, reception, today, tomorrow):
    browser = login(reception)
    assert f'value="{today:%d/%m/%Y}"' in browser.get(DAY).content.decode()
    body = browser.get(DAY, {"date": tomorrow.isoformat()}).content.decode()
    assert f'value="{tomorrow:%d/%m/%Y}"' in body


def test_the_day_view_filters_by_therapist_and_by_discipline(
    login, reception, plan, therapist, ot_therapist, today
):
    pt = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    ot = SessionFactory(plan=plan, therapist=ot_therapist, discipline_id="OT", start=at(today, 11))
    browser = login(reception)
    body = browser.get(DAY, {"therapist": ot_therapist.pk}).content.decode()
    assert f'id="booking-{ot.pk}"' in body and f'id="booking-{pt.pk}"' not in body
    # The therapist chosen: a link to their week.
    assert reverse("therapist_week", args=[ot_therapist.pk]) in body
    body = browser.get(DAY, {"discipline": "PT"}).content.decode()
    assert f'id="booking-{pt.pk}"' in body and f'id="booking-{ot.pk}"' not in body


def test_the_day_view_lists_the_no_shows_to_call_back(login, reception, plan, therapist, today):
    SessionFactory(
        plan=plan, therapist=therapist, start=at(today, 8), attendance=Attendance.NO_SHOW,
        absence_code="other", absence_reason="Did not come",
    )  # fmt: skip
    body = login(reception).get(DAY).content.decode()
    section = body.split('id="no-shows"')[1]
    assert plan.patient.full_name in section
    assert 'href="tel:+919820012345"' in section
    assert "No no-shows" not in body


def test_a_row_shows_arrived_only_once_the_check_in_is_recorded(plan, therapist, today):
    """The row says "arrived" once ``arrived_at`` is set, and nothing before."""
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    row = render_to_string(ROW, {"row": BookingRow(session)})
    assert "arrived" not in row
    session.arrived_at = at(today, 8, 52)
    row = render_to_string(ROW, {"row": BookingRow(session)})
    assert "arrived 08:52" in row
    assert 'class="booking-actions' in row


# --- the day view's buttons: the week's booking actions, answered as the day's row ----------


class _Forms(HTMLParser):
    """The fields each form of a page posts, by the form's action."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = self.forms.setdefault(attrs.get("action", ""), {})
            self._current["hx-target"] = attrs.get("hx-target", "")
        elif tag == "input" and self._current is not None and attrs.get("type") == "hidden":
            self._current[attrs["name"]] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _form(html: str, name: str, session) -> dict[str, str]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms[reverse(name, args=[session.pk])]


def _post_from_the_day(browser, name, session, **fields):
    """Post ``name``'s form as the day view's page sends it: its hidden fields, and the
    headers htmx adds (the request, the target, the page's URL)."""
    form = _form(browser.get(DAY).content.decode(), name, session)
    target = form.pop("hx-target").lstrip("#")
    return browser.post(
        reverse(name, args=[session.pk]), {**form, **fields}, HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET=target, HTTP_HX_CURRENT_URL=f"http://testserver{DAY}",
    )  # fmt: skip


def test_the_day_view_offers_each_bookings_buttons_to_reception(
    login, reception, plan, therapist, today
):
    waiting = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    arrived = SessionFactory(plan=plan, therapist=therapist, start=at(today, 10),
                             arrived_at=at(today, 9, 55))  # fmt: skip
    cancelled = SessionFactory(
        plan=plan, therapist=therapist, start=at(today, 11), attendance=Attendance.CANCELLED,
        absence_code="transport", absence_reason="Transport problem",
    )  # fmt: skip
    body = login(reception).get(DAY).content.decode()
    for name in ("session_check_in", "session_reschedule", "session_cancel"):
        assert reverse(name, args=[waiting.pk]) in body
        form = _form(body, name, waiting)
        # The same forms as the week's, told to answer with the day's row.
        assert form["fragment"] == "row" and form["hx-target"] == f"#booking-{waiting.pk}"
        assert form["next"] == DAY and form["version"] == str(waiting.version)
        assert reverse(name, args=[cancelled.pk]) not in body  # nothing left to change
    # Arrived: no second check-in, no move (refused once the patient is here); cancel stays.
    assert reverse("session_check_in", args=[arrived.pk]) not in body
    assert reverse("session_reschedule", args=[arrived.pk]) not in body
    assert reverse("session_cancel", args=[arrived.pk]) in body


def test_the_day_view_offers_no_buttons_without_session_manage(
    login, reception, therapist, plan, today, monkeypatch
):
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    # A therapist does not open the day view at all.
    assert login(therapist).get(DAY).status_code == 403
    # A role that reads the day but may not change bookings sees the rows, no buttons.
    monkeypatch.setitem(PERMISSIONS[Role.RECEPTION], Action.SESSION_MANAGE, Scope.NONE)
    body = login(reception).get(DAY).content.decode()
    assert f'id="booking-{session.pk}"' in body
    assert "<form" not in body.split('id="day-bookings"')[1].split("</table>")[0]
    for name in ("session_check_in", "session_reschedule", "session_cancel"):
        assert reverse(name, args=[session.pk]) not in body


def test_a_check_in_from_the_day_view_answers_its_updated_row(
    login, reception, plan, therapist, today
):
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    browser = login(reception)
    response = _post_from_the_day(browser, "session_check_in", session)
    assert response.status_code == 200
    assert response.templates[0].name == ROW
    row = response.content.decode().strip()
    assert row.startswith(f'<tr id="booking-{session.pk}">') and row.endswith("</tr>")
    session.refresh_from_db()
    assert session.arrived_at is not None
    assert f"arrived {timezone.localtime(session.arrived_at):%H:%M}" in row
    assert reverse("session_check_in", args=[session.pk]) not in row
    assert reverse("session_reschedule", args=[session.pk]) not in row
    # The row's remaining form still returns to the day view, with the new version.
    form = _form(row, "session_cancel", session)
    assert form["next"] == DAY and form["version"] == str(session.version)


def test_a_cancel_from_the_day_view_answers_its_updated_row(
    login, reception, plan, therapist, today
):
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    browser = login(reception)
    response = _post_from_the_day(
        browser, "session_cancel", session, absence_code="other", absence_reason="Wedding"
    )
    assert response.status_code == 200 and response.templates[0].name == ROW
    row = response.content.decode()
    assert f'<tr id="booking-{session.pk}">' in row
    assert "Cancelled" in row and "Wedding" in row and "<form" not in row
    session.refresh_from_db()
    assert (session.attendance, session.absence_code) == (Attendance.CANCELLED, "other")
    # A refusal shows in the row, the booking unchanged.
    other = SessionFactory(plan=plan, therapist=therapist, start=at(today, 10))
    refused = _post_from_the_day(browser, "session_cancel", other, absence_code="other")
    assert refused.templates[0].name == ROW and "Describe the reason." in refused.content.decode()
    other.refresh_from_db()
    assert other.attendance == Attendance.SCHEDULED


def test_an_unknown_fragment_answers_the_weeks_line(login, reception, plan, therapist, today):
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    response = login(reception).post(
        reverse("session_check_in", args=[session.pk]),
        {"version": session.version, "fragment": "../../base.html"}, HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.templates[0].name == "delivery/partials/booking.html"


@pytest.mark.parametrize("name", ["session_check_in", "session_cancel", "session_reschedule"])
def test_the_day_views_actions_refuse_outsiders_and_other_methods(
    login, reception, outsider, plan, therapist, today, name
):
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    url = reverse(name, args=[session.pk])
    data = {"version": session.version, "fragment": "row", "absence_code": "transport"}
    assert login(outsider).post(url, data, HTTP_HX_REQUEST="true").status_code == 404
    assert login(reception).get(url, HTTP_HX_REQUEST="true").status_code == 405
    session.refresh_from_db()
    assert session.attendance == Attendance.SCHEDULED and session.arrived_at is None


@pytest.mark.parametrize(
    ("role", "status"),
    [("reception", 200), ("physician", 200), ("admin", 200), ("therapist", 403),
     ("outsider", 403)],
)  # fmt: skip
@pytest.mark.parametrize("url", [DAY, REMINDERS, LEAVE])
def test_who_opens_reception_pages(login, people, role, status, url):
    assert login(people[role]).get(url).status_code == status


@pytest.mark.parametrize("url", [DAY, REMINDERS])
def test_the_read_only_pages_refuse_other_methods(login, reception, url):
    browser = login(reception)
    assert browser.post(url).status_code == 405
    assert browser.put(url).status_code == 405


def test_the_leave_pages_refuse_other_methods(login, reception, therapist):
    leave = LeaveFactory(therapist=therapist)
    browser = login(reception)
    assert browser.put(LEAVE).status_code == 405
    assert browser.delete(reverse("therapist_leave_detail", args=[leave.pk])).status_code == 405


def test_an_unknown_leave_is_404(login, reception):
    assert login(reception).get(reverse("therapist_leave_detail", args=[999999])).status_code == 404


def test_each_list_writes_one_clinic_wide_access_line(login, reception, plan, therapist, today):
    for hour in (9, 10, 11):
        SessionFactory(plan=plan, therapist=therapist, start=at(today, hour))
    browser = login(reception)
    for url in (DAY, REMINDERS):
        before = AccessRecord.objects.count()
        browser.get(url)
        added = AccessRecord.objects.order_by("-pk")[: AccessRecord.objects.count() - before]
        assert [(r.patient_id, r.kind) for r in added] == [(None, AccessKind.SCHEDULE)]


def _fill_the_day(day: date, count: int, therapist, ot_therapist):
    for n in range(count):
        plan = _another_patient(therapist)
        CareTeamMemberFactory(patient=plan.patient, staff=ot_therapist)
        SessionFactory(plan=plan, therapist=therapist, start=at(day, 8) + timedelta(minutes=n))
        SessionFactory(
            plan=plan, therapist=ot_therapist, discipline_id="OT", start=at(day, 15),
            attendance=Attendance.NO_SHOW, absence_code="patient_unwell", absence_reason="Unwell",
        )  # fmt: skip


@pytest.mark.parametrize(("role", "shown"), [("reception", False), ("physician", True),
                                             ("admin", True)])  # fmt: skip
def test_the_day_row_shows_precautions_the_same_before_and_after_an_action(
    login, people, plan, therapist, today, role, shown
):
    # Reception reads no precautions; a physician at the front desk sees the same badge on
    # the page and on the row an action answers with.
    PrecautionFactory(patient=plan.patient)
    session = SessionFactory(plan=plan, therapist=therapist, start=at(today, 9))
    browser = login(people[role])
    page = browser.get(DAY).content.decode()
    row = _post_from_the_day(browser, "session_check_in", session).content.decode()
    assert "arrived" in row
    for html in (page, row):
        assert ("precaution-icon" in html) is shown
        assert ("Falls risk" in html) is shown


def test_the_day_costs_the_same_with_precautions_for_a_physician(
    login, physician, therapist, ot_therapist, today, django_assert_max_num_queries
):
    browser = login(physician)

    def more(count):
        _fill_the_day(today, count, therapist, ot_therapist)
        for patient in Patient.objects.filter(precautions__isnull=True):
            PrecautionFactory(patient=patient)

    more(2)
    with django_assert_max_num_queries(16) as few:
        assert "precaution-icon" in browser.get(DAY).text
    more(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(DAY).status_code == 200


@pytest.mark.parametrize("url", [DAY, REMINDERS])
def test_reception_pages_cost_the_same_whatever_the_volume(
    login, reception, therapist, ot_therapist, today, url, django_assert_max_num_queries
):
    browser = login(reception)
    day = today if url == DAY else today + timedelta(days=1)
    _fill_the_day(day, 2, therapist, ot_therapist)
    with django_assert_max_num_queries(14) as few:
        assert browser.get(url, {"date": day.isoformat()}).status_code == 200
    _fill_the_day(day, 30, therapist, ot_therapist)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(url, {"date": day.isoformat()}).status_code == 200


def test_the_day_view_is_paginated(login, reception, therapist, ot_therapist, today, settings):
    settings.PAGE_SIZE = 5
    _fill_the_day(today, 4, therapist, ot_therapist)  # 8 bookings
    browser = login(reception)
    first = browser.get(DAY, {"discipline": "PT"}).content.decode()
    assert first.count('class="booking-actions') == 4
    response = browser.get(DAY)
    assert response.content.decode().count('class="booking-actions') == 5
    assert "Page 1 of 2" in response.content.decode()
    assert browser.get(DAY, {"page": 2}).content.decode().count('class="booking-actions') == 3


def test_receptions_home_links_to_the_day_view(login, reception):
    body = login(reception).get(reverse("home")).content.decode()
    assert f'href="{DAY}"' in body and f'href="{REMINDERS}"' in body and f'href="{LEAVE}"' in body


# --- reminders ------------------------------------------------------------------------------


def test_tomorrows_reminders_in_the_patients_language(
    login, reception, therapist, tomorrow, settings
):
    settings.CLINIC_NAME = "Shanti Rehab"
    english = _another_patient(therapist, given_name="Asha", family_name="Rao")
    hindi = _another_patient(
        therapist, given_name="Ravi", family_name="Verma", preferred_language=Language.HINDI
    )
    bengali = _another_patient(
        therapist, given_name="Mitali", family_name="Sen", preferred_language=Language.BENGALI
    )
    marathi = _another_patient(
        therapist, given_name="Sunil", family_name="Patil", preferred_language=Language.MARATHI
    )
    for n, plan in enumerate((english, hindi, bengali, marathi)):
        SessionFactory(plan=plan, therapist=therapist, start=at(tomorrow, 9 + n, 30))
    cancelled = _another_patient(therapist, given_name="Gone", family_name="Away")
    SessionFactory(
        plan=cancelled, therapist=therapist, start=at(tomorrow, 14),
        attendance=Attendance.CANCELLED, absence_code="patient_declined", absence_reason="Declined",
    )  # fmt: skip
    body = login(reception).get(REMINDERS).content.decode()
    assert "Hello Asha Rao, a reminder from Shanti Rehab: your physiotherapy session is on" in body
    assert f"{tomorrow.day} {tomorrow:%b %Y} at 09:30" in body
    numeric = f"{tomorrow:%d/%m/%Y}"
    assert "नमस्ते Ravi Verma जी, Shanti Rehab की ओर से अनुस्मारक: आपका फ़िज़ियोथेरेपी सत्र" in body
    assert f"{numeric} को 10:30 बजे" in body
    assert "নমস্কার Mitali Sen, Shanti Rehab-এর পক্ষ থেকে" in body
    assert f"{numeric} তারিখে 11:30-এ" in body
    assert "Hello Sunil Patil" in body and "no text in this language yet: English" in body
    assert "Gone Away" not in body  # cancelled: no reminder
    assert body.count('data-copy-target="reminder-') == 4
    assert "js/copy-text.js" in body


def test_a_reminder_names_the_weekday_in_the_patients_language():
    tuesday = datetime(2026, 11, 24, 10, 15)  # a Tuesday
    hindi = reminder("hi", name="R", discipline_code="OT", discipline_name="Occupational therapy",
                     start=tuesday, clinic="C")  # fmt: skip
    assert "मंगलवार, 24/11/2026 को 10:15 बजे" in hindi.text
    assert "ऑक्यूपेशनल थेरेपी सत्र" in hindi.text and not hindi.fallback
    bengali = reminder("bn", name="R", discipline_code="SLT", discipline_name="Speech",
                       start=tuesday, clinic="C")  # fmt: skip
    assert "মঙ্গলবার, 24/11/2026 তারিখে 10:15-এ" in bengali.text
    english = reminder("en", name="R", discipline_code="NEW", discipline_name="Hydrotherapy",
                       start=tuesday, clinic="C")  # fmt: skip
    assert "your hydrotherapy session is on Tuesday 24 Nov 2026 at 10:15" in english.text
    other = reminder("ta", name="R", discipline_code="PT", discipline_name="Physiotherapy",
                     start=tuesday, clinic="C")  # fmt: skip
    assert other.fallback and other.language == "en"


def test_reminders_for_another_day(login, reception, plan, therapist, today):
    SessionFactory(plan=plan, therapist=therapist, start=at(today, 16))
    browser = login(reception)
    assert "16:00" not in browser.get(REMINDERS).content.decode()
    assert "16:00" in browser.get(REMINDERS, {"date": today.isoformat()}).content.decode()


# --- leave and cover ------------------------------------------------------------------------


def test_reception_records_a_therapists_leave(login, reception, therapist, tomorrow):
    response = login(reception).post(LEAVE, {
        "therapist": therapist.pk, "starts_on": tomorrow.isoformat(),
        "ends_on": (tomorrow + timedelta(days=2)).isoformat(), "reason": "sick",
    })  # fmt: skip
    leave = Leave.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("therapist_leave_detail", args=[leave.pk])
    assert (leave.therapist, leave.recorded_by, leave.reason) == (therapist, reception, "sick")
    assert leave.history.count() == 1


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"ends_on": -1}, "ends on or after"),
        ({"reason": "other"}, "Say what the absence is for"),
        ({"therapist": "reception"}, "Select a valid choice"),
        ({"starts_on": 2, "ends_on": 4}, "overlaps leave already recorded"),
    ],
)
def test_leave_that_cannot_be_is_refused(login, reception, therapist, tomorrow, change, error):
    LeaveFactory(therapist=therapist, starts_on=tomorrow + timedelta(days=3),
                 ends_on=tomorrow + timedelta(days=5))  # fmt: skip
    data = {"therapist": therapist.pk, "starts_on": 0, "ends_on": 1, "reason": "annual"}
    data.update(change)
    for name in ("starts_on", "ends_on"):
        data[name] = (tomorrow + timedelta(days=data[name])).isoformat()
    if data["therapist"] == "reception":
        data["therapist"] = reception.pk
    response = login(reception).post(LEAVE, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Leave.objects.count() == 1


def test_leave_ending_before_it_starts_is_refused_by_the_database(therapist, reception, today):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Leave.objects.create(therapist=therapist, starts_on=today, ends_on=today - timedelta(1),
                             reason="annual", recorded_by=reception)  # fmt: skip


@pytest.fixture
def absence(plan, therapist, tomorrow):
    """``therapist`` away tomorrow, with two sessions booked: 10:00 and 15:00."""
    first = SessionFactory(plan=plan, therapist=therapist, start=at(tomorrow, 10))
    second = SessionFactory(plan=plan, therapist=therapist, start=at(tomorrow, 15))
    leave = LeaveFactory(therapist=therapist, starts_on=tomorrow, ends_on=tomorrow)
    return leave, first, second


def test_cover_proposes_free_colleagues_of_the_same_discipline(
    login, reception, plan, outsider, ot_therapist, absence, tomorrow
):
    leave, first, second = absence
    on_team = TherapistFactory(username="pt.colleague", first_name="Meera")
    CareTeamMemberFactory(patient=plan.patient, staff=on_team)
    # Busy at 15:00 with another patient: proposed for 10:00 only.
    busy = _another_patient(on_team)
    SessionFactory(plan=busy, therapist=on_team, start=at(tomorrow, 14, 45))
    away = TherapistFactory(username="pt.away")
    LeaveFactory(therapist=away, starts_on=tomorrow, ends_on=tomorrow + timedelta(days=1))
    body = login(reception).get(reverse("therapist_leave_detail", args=[leave.pk])).content.decode()
    morning = body.split(f'id="cover-{first.pk}"')[1].split("</tr>")[0]
    afternoon = body.split(f'id="cover-{second.pk}"')[1].split("</tr>")[0]
    assert "Give to Meera" in morning and "Give to Meera" not in afternoon
    assert str(outsider) in morning and "not on the care team" in morning
    assert str(outsider) in afternoon
    for row in (morning, afternoon):
        assert str(away) not in row  # on leave
        assert str(ot_therapist) not in row  # another discipline
    assert plan.patient.phone in morning


def test_cover_costs_the_same_whatever_the_volume(
    login, reception, therapist, tomorrow, django_assert_max_num_queries
):
    leave = LeaveFactory(therapist=therapist, starts_on=tomorrow, ends_on=tomorrow + timedelta(1))
    url = reverse("therapist_leave_detail", args=[leave.pk])
    browser = login(reception)

    def more(n):
        for i in range(n):
            plan = _another_patient(therapist)
            colleague = TherapistFactory()
            CareTeamMemberFactory(patient=plan.patient, staff=colleague)
            SessionFactory(
                plan=plan, therapist=therapist, start=at(tomorrow, 8) + timedelta(minutes=i)
            )
            SessionFactory(plan=plan, therapist=colleague, start=at(tomorrow, 12))
            LeaveFactory(therapist=colleague, starts_on=tomorrow + timedelta(1),
                         ends_on=tomorrow + timedelta(1))  # fmt: skip

    more(2)
    with django_assert_max_num_queries(16) as few:
        assert browser.get(url).status_code == 200
    more(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(url).status_code == 200


def test_reception_gives_a_session_to_a_colleague_on_the_team(login, reception, plan, absence):
    leave, first, _ = absence
    colleague = TherapistFactory(username="pt.colleague")
    CareTeamMemberFactory(patient=plan.patient, staff=colleague)
    url = reverse("therapist_leave_detail", args=[leave.pk])
    response = login(reception).post(url, {"session": first.pk, "therapist": colleague.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.therapist == colleague and first.start == absence[1].start
    assert first.history.first().history_user == reception


def test_a_session_outside_the_leave_cannot_be_moved_from_its_page(
    login, reception, plan, therapist, absence, tomorrow
):
    leave, _, _ = absence
    later = SessionFactory(plan=plan, therapist=therapist, start=at(tomorrow + timedelta(3), 10))
    colleague = TherapistFactory(username="pt.colleague")
    CareTeamMemberFactory(patient=plan.patient, staff=colleague)
    url = reverse("therapist_leave_detail", args=[leave.pk])
    response = login(reception).post(url, {"session": later.pk, "therapist": colleague.pk})
    assert response.status_code == 404
    later.refresh_from_db()
    assert later.therapist == therapist


def test_a_therapist_may_not_record_leave_or_move_sessions(login, therapist, plan, absence):
    leave, first, _ = absence
    browser = login(therapist)
    url = reverse("therapist_leave_detail", args=[leave.pk])
    assert browser.post(url, {"session": first.pk, "therapist": therapist.pk}).status_code == 403
    assert browser.post(LEAVE, {}).status_code == 403


def test_reassigning_keeps_the_booking_rules(
    reception, plan, therapist, outsider, absence, tomorrow
):
    _, first, _ = absence
    colleague = TherapistFactory(username="pt.colleague")
    CareTeamMemberFactory(patient=plan.patient, staff=colleague)
    ot = Discipline.objects.get(code="OT")
    occupational = TherapistFactory(username="ot.colleague", discipline=ot)
    CareTeamMemberFactory(patient=plan.patient, staff=occupational)

    def refused(who, message):
        with pytest.raises(ValidationError, match=message):
            reassign_session(session=first, therapist=who, by=reception)

    refused(outsider, "not on .* care team")
    refused(occupational, "does not give PT sessions")
    refused(therapist, "already gives this session")
    clash = _another_patient(colleague)
    other = SessionFactory(plan=clash, therapist=colleague, start=at(tomorrow, 10, 30))
    refused(colleague, "therapist is busy")
    other_leave = LeaveFactory(therapist=colleague, starts_on=tomorrow, ends_on=tomorrow)
    refused(colleague, "on leave")
    assert TherapySession.objects.get(pk=first.pk).therapist == therapist
    assert other.pk and other_leave.pk


def test_only_a_booked_future_session_is_reassigned(reception, plan, therapist, today):
    colleague = TherapistFactory(username="pt.colleague")
    CareTeamMemberFactory(patient=plan.patient, staff=colleague)
    past = SessionFactory(plan=plan, therapist=therapist)  # two hours ago
    with pytest.raises(ValidationError, match="already started"):
        reassign_session(session=past, therapist=colleague, by=reception)
    logged = SessionFactory(plan=plan, therapist=therapist, attendance=Attendance.ATTENDED,
                            start=timezone.now() + timedelta(minutes=10))  # fmt: skip
    with pytest.raises(ValidationError, match="not yet logged"):
        reassign_session(session=logged, therapist=colleague, by=reception)


def test_started_sessions_in_the_leave_get_no_proposals(login, reception, plan, therapist, today):
    started = SessionFactory(plan=plan, therapist=therapist)  # two hours ago, not logged
    leave = LeaveFactory(therapist=therapist, starts_on=today, ends_on=today)
    body = login(reception).get(reverse("therapist_leave_detail", args=[leave.pk])).content.decode()
    row = body.split(f'id="cover-{started.pk}"')[1].split("</tr>")[0]
    assert "Already begun" in row and "Give to" not in row
