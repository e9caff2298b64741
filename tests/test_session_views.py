"""Therapists log, sign and addend session notes; clinicians record assessments."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delivery.models import Addendum, Assessment, TherapySession
from delivery.services import log_session, sign_note
from domain.measures import BARTHEL_ITEMS, BERG_ITEMS
from plans.models import StageStatus
from reference.models import Technique
from tests.factories import GoalFactory, SessionFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(plan, therapist):
    StageFactory(
        plan=plan, order=1, status=StageStatus.CURRENT,
        actual_start=timezone.localdate() - timedelta(days=10),
    )  # fmt: skip
    return SessionFactory(plan=plan, therapist=therapist, start=timezone.now() - timedelta(hours=1))


# A 30-minute attended session with the clinic's minimum note (REHABANA_NOTE_MINIMUM).
ATTENDED_30 = {
    "attendance": "attended",
    "minutes": 30,
    "assessment": "Sit-to-stand steadier.",
    "plan_note": "Progress to step-ups.",
}


def log_data(session, **changes):
    technique = Technique.objects.filter(discipline_id="PT").first()
    return {
        "version": session.version,
        "attendance": "attended",
        "absence_reason": "",
        "start": timezone.localtime(session.start).strftime("%Y-%m-%dT%H:%M"),
        "minutes": "40",
        "techniques": [technique.pk],
        "pain_before": "5",
        "pain_after": "3",
        "subjective": "Slept well; knee less stiff.",
        "objective": "Sit-to-stand x10 with light support.",
        "assessment": "Quadriceps strength improving.",
        "plan_note": "Progress to step-ups.",
        **changes,
    }


def signed(session):
    return sign_note(session=session, by=session.therapist)


# --- logging --------------------------------------------------------------------------------


def test_a_therapist_logs_their_session(login, therapist, session, plan):
    goal = GoalFactory(plan=plan)
    response = login(therapist).post(
        reverse("session_log", args=[session.pk]), log_data(session, goals_addressed=[goal.pk])
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.attendance == "attended" and session.minutes == 40
    assert session.subjective.startswith("Slept well")
    assert session.stage is not None and session.stage.status == StageStatus.CURRENT
    assert list(session.goals_addressed.all()) == [goal]
    assert session.techniques.count() == 1
    assert session.history.first().history_user == therapist


def test_the_log_form_shows_each_goal_in_full(login, therapist, session, plan):
    text = (
        "Walk independently on level ground (FAC 4) by week 12, supervised on stairs, "
        "to return home."
    )
    GoalFactory(plan=plan, text=text)
    response = login(therapist).get(reverse("session_log", args=[session.pk]))
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": "0"}, "lasts at least one minute"),
        ({"minutes": "481"}, "less than or equal to 480"),
        ({"pain_before": "11"}, "less than or equal to 10"),
        ({"attendance": "no_show"}, "did not happen"),
        ({"attendance": "cancelled", "absence_reason": "Rain"}, "did not happen"),
        ({"attendance": "no_show", "absence_code": "other"}, "Describe the reason"),
        ({"attendance": "no_show", "absence_code": "bored"}, "valid choice"),
        ({"attendance": "scheduled"}, "valid choice"),
        ({"start": "yesterday"}, "Enter a date and time as DD/MM/YYYY HH:MM"),
        ({"start": "1900-01-01T09:00"}, "cannot start before its plan"),
        ({"subjective": "x" * 10_001}, "at most 10000 characters"),
    ],
)
def test_bad_session_input_is_a_form_error(login, therapist, session, changes, message):
    response = login(therapist).post(
        reverse("session_log", args=[session.pk]), log_data(session, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    session.refresh_from_db()
    assert session.attendance == "scheduled"


def test_a_technique_of_another_discipline_is_refused(login, therapist, session):
    ot_technique = Technique.objects.filter(discipline_id="OT").first()
    response = login(therapist).post(
        reverse("session_log", args=[session.pk]), log_data(session, techniques=[ot_technique.pk])
    )
    assert "valid choice" in response.content.decode()


def test_a_no_show_keeps_its_reason_and_no_note(login, therapist, session):
    login(therapist).post(
        reverse("session_log", args=[session.pk]),
        log_data(
            session, attendance="no_show", absence_code="transport",
            absence_reason="Transport not available",
        ),
    )  # fmt: skip
    session.refresh_from_db()
    assert session.attendance == "no_show" and session.absence_reason == "Transport not available"
    assert session.absence_code == "transport" and session.absence_side == "patient"
    assert not session.techniques.exists() and session.pain_before is None


def test_a_coded_absence_without_details_is_said_in_words(login, therapist, session):
    """The reason is coded (who could not deliver), and its words are the code's label."""
    client = login(therapist)
    client.post(
        reverse("session_log", args=[session.pk]),
        log_data(session, attendance="cancelled", absence_code="clinic_cancelled"),
    )
    session.refresh_from_db()
    assert (session.absence_code, session.absence_reason) == (
        "clinic_cancelled",
        "Clinic or therapist cancelled",
    )
    assert session.absence_side == "clinic"
    page = client.get(reverse("session_detail", args=[session.pk])).content.decode()
    assert "clinic did not deliver" in page


def test_session_rows_say_why_a_session_was_missed(login, physician, therapist, session):
    """The chart's session list and the patient's week give the coded reason, not only
    "Cancelled" (issue 13: absences with coded reasons)."""
    login(therapist).post(
        reverse("session_log", args=[session.pk]),
        log_data(session, attendance="cancelled", absence_code="transport"),
    )
    client = login(physician)
    chart = client.get(reverse("patient_detail", args=[session.patient_id])).content.decode()
    assert "Cancelled: Transport" in chart and "(patient could not attend)" in chart
    week = client.get(reverse("patient_week", args=[session.patient_id])).content.decode()
    assert "Cancelled: Transport" in week


def test_the_service_refuses_a_missed_session_without_a_code(therapist, session):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="did not happen"):
        log_session(
            session=session, by=therapist, expected_version=session.version,
            fields={"attendance": "no_show", "absence_reason": "Unwell"},
            techniques=[], goals=[],
        )  # fmt: skip


def test_an_attended_session_keeps_no_absence_code(therapist, session):
    logged = log_session(
        session=session, by=therapist, expected_version=session.version,
        fields={"attendance": "attended", "minutes": 30, "absence_code": "transport",
                "absence_reason": "Transport"},
        techniques=[], goals=[],
    )  # fmt: skip
    assert (logged.absence_code, logged.absence_reason) == (None, "")


def test_a_concurrent_edit_gets_a_conflict_and_the_first_text_survives(login, therapist, session):
    client = login(therapist)
    url = reverse("session_log", args=[session.pk])
    stale = log_data(session)
    client.post(url, {**stale, "subjective": "First version"})
    response = client.post(url, {**stale, "subjective": "Second version"})
    assert response.status_code == 200
    assert "Someone else saved this note" in response.content.decode()
    session.refresh_from_db()
    assert session.subjective == "First version"


@pytest.mark.parametrize(
    ("role", "status"),
    [("physician", 403), ("ot_therapist", 403), ("reception", 403), ("outsider", 404),
     ("admin", 403)],
)  # fmt: skip
def test_only_the_sessions_therapist_logs_it(login, people, session, role, status):
    client = login(people[role])
    url = reverse("session_log", args=[session.pk])
    assert client.get(url).status_code == status
    assert client.post(url, log_data(session)).status_code == status
    session.refresh_from_db()
    assert session.attendance == "scheduled"


# --- signing and addenda -------------------------------------------------------------------


def test_sign_then_no_edit_then_addendum(login, therapist, session):
    client = login(therapist)
    client.post(reverse("session_log", args=[session.pk]), log_data(session))
    assert client.post(reverse("session_sign", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.is_signed and session.signed_by == therapist
    # The log form is closed now, and a POST changes nothing.
    assert client.get(reverse("session_log", args=[session.pk])).status_code == 302
    client.post(reverse("session_log", args=[session.pk]), log_data(session, subjective="Changed"))
    session.refresh_from_db()
    assert session.subjective.startswith("Slept well")
    client.post(reverse("session_addendum", args=[session.pk]), {"text": "Pain after was 2."})
    client.post(reverse("session_addendum", args=[session.pk]), {"text": "Seen with family."})
    assert list(session.addenda.values_list("text", flat=True)) == [
        "Pain after was 2.", "Seen with family."
    ]  # fmt: skip
    page = client.get(reverse("session_detail", args=[session.pk])).content.decode()
    assert page.index("Pain after was 2.") < page.index("Seen with family.")


def test_a_scheduled_session_cannot_be_signed(login, therapist, session):
    response = login(therapist).post(reverse("session_sign", args=[session.pk]), follow=True)
    assert "Log the attendance before signing" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_signed


def test_signing_twice_is_refused(login, therapist, session):
    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    signed(session)
    response = login(therapist).post(reverse("session_sign", args=[session.pk]), follow=True)
    assert "corrections are addenda" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("physician", 403), ("ot_therapist", 403),
                                              ("outsider", 404)])  # fmt: skip
def test_nobody_signs_someone_elses_note(login, people, therapist, session, role, status):
    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    assert (
        login(people[role]).post(reverse("session_sign", args=[session.pk])).status_code == status
    )
    session.refresh_from_db()
    assert not session.is_signed


def test_addenda_need_a_signed_note_and_text(login, therapist, session):
    client = login(therapist)
    response = client.post(
        reverse("session_addendum", args=[session.pk]), {"text": "Early"}, follow=True
    )
    assert "not signed yet" in response.content.decode()
    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    signed(session)
    response = client.post(
        reverse("session_addendum", args=[session.pk]), {"text": ""}, follow=True
    )
    assert "Write the addendum" in response.content.decode()
    assert not Addendum.objects.exists()


def test_wrong_methods(login, therapist, session):
    client = login(therapist)
    assert client.get(reverse("session_sign", args=[session.pk])).status_code == 405
    assert client.get(reverse("session_addendum", args=[session.pk])).status_code == 405
    assert client.post(reverse("session_detail", args=[session.pk])).status_code == 405


@pytest.mark.parametrize(
    ("role", "status", "notes"),
    [("therapist", 200, True), ("ot_therapist", 200, True), ("physician", 200, True),
     ("admin", 200, True), ("reception", 200, False), ("outsider", 404, False)],
)  # fmt: skip
def test_who_reads_the_note(login, people, therapist, session, role, status, notes):
    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields={"attendance": "attended", "minutes": 30, "subjective": "Private words"},
        techniques=[], goals=[],
    )  # fmt: skip
    response = login(people[role]).get(reverse("session_detail", args=[session.pk]))
    assert response.status_code == status
    if status == 200:
        assert ("Private words" in response.content.decode()) is notes


def test_unsigned_notes_older_than_a_day_are_flagged(login, therapist, plan):
    old = SessionFactory(plan=plan, therapist=therapist, start=timezone.now() - timedelta(days=2))
    log_session(
        session=old, by=therapist, expected_version=old.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    fresh = SessionFactory(
        plan=plan, therapist=therapist, start=timezone.now() - timedelta(hours=3)
    )
    log_session(
        session=fresh, by=therapist, expected_version=fresh.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    response = login(therapist).get(reverse("home"))
    assert list(response.context["overdue"]) == [TherapySession.objects.get(pk=old.pk)]
    assert "1 note unsigned for more than 24 hours" in response.content.decode()


# --- assessments --------------------------------------------------------------------------------


def test_record_a_berg_from_its_fourteen_items(login, therapist, patient):
    data = {f"item_{key}": "3" for key in BERG_ITEMS} | {"item_item14": "1"}
    data["assessed_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, "BERG"]), data)
    assert response.status_code == 302
    berg = Assessment.objects.get(patient=patient)
    assert berg.value == "40" and berg.items["item14"] == 1 and berg.assessed_by == therapist


def test_a_barthel_item_of_7_is_refused(login, physician, patient):
    data = {f"item_{key}": "5" for key in BARTHEL_ITEMS} | {"item_transfers": "7"}
    data["assessed_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = login(physician).post(reverse("assessment_new", args=[patient.pk, "BARTHEL"]), data)
    assert response.status_code == 200
    assert "valid choice" in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("code", "data", "stored"),
    [
        ("NPRS", {"value": "4"}, "4"),
        ("TUG", {"value": "18.40", "walking_aid": "stick"}, "18.4"),
        ("MAS", {"value": "1+", "muscle_group": "Elbow flexors", "side": "left"}, "1+"),
        ("ASIA", {"value": "C"}, "C"),
    ],
)
def test_single_value_forms(login, therapist, patient, code, data, stored):
    data = {**data, "assessed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, code]), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.value == stored
    if code == "MAS":
        assert assessment.body_site == "Elbow flexors, left"


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [("NPRS", "11", "out of range"), ("TUG", "-3", "out of range"), ("ASIA", "F", "valid choice"),
     ("10MWT", "fast", "not a number")],
)  # fmt: skip
def test_bad_values_are_form_errors(login, therapist, patient, code, value, message):
    # The 10-metre walk is entered as the seconds over 10 m (issue 14).
    field = "seconds" if code == "10MWT" else "value"
    data = {field: value, "assessed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, code]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_tug_of_a_hundredth_of_a_second_is_refused(login, therapist, patient):
    data = {"value": "0.01", "assessed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, "TUG"]), data)
    assert response.status_code == 200
    assert "3-600 s; 0.01 is out of range" in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("code", ["TUG", "10MWT"])
def test_unable_to_perform_is_recorded_as_such(login, therapist, patient, code):
    client = login(therapist)
    form = client.get(reverse("assessment_new", args=[patient.pk, code])).content.decode()
    assert 'name="unable"' in form and "Unable to perform" in form
    data = {
        "unable": "on",
        "value": "",
        "assessed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(reverse("assessment_new", args=[patient.pk, code]), data, follow=True)
    assessment = Assessment.objects.get()
    assert assessment.value == "UNABLE" and assessment.score is None
    assert "Unable to perform" in response.content.decode()  # the message, the chart's list


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"unable": "on", "value": "14"}, "not both"),
        ({"value": ""}, "tick “unable to perform”"),
    ],
)
def test_unable_and_a_value_or_neither_are_refused(login, therapist, patient, data, message):
    data = {**data, "assessed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, "TUG"]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_scored_scales_offer_no_unable(login, therapist, patient):
    form = login(therapist).get(reverse("assessment_new", args=[patient.pk, "NPRS"]))
    assert 'name="unable"' not in form.content.decode()


def test_the_service_refuses_unable_for_a_scored_scale(therapist, patient):
    from django.core.exceptions import ValidationError

    from delivery.services import record_assessment

    assessment = Assessment(
        patient=patient, measure_id="NPRS", value="UNABLE", assessed_by=therapist
    )
    with pytest.raises(ValidationError, match='no "unable to perform"'):
        record_assessment(assessment)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"assessed_at": "1900-01-01T09:00"}, "before the patient&#x27;s birth"),
        ({"notes": "x" * 10_001}, "at most 10000 characters"),
    ],
)
def test_assessment_dates_and_notes_are_bounded(login, therapist, patient, changes, message):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data = {"value": "3", "assessed_at": now, **changes}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, "NPRS"]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_assessment_in_the_future_is_refused(login, therapist, patient):
    later = timezone.localtime() + timedelta(days=1)
    data = {"value": "3", "assessed_at": later.strftime("%Y-%m-%dT%H:%M")}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, "NPRS"]), data)
    assert "cannot be in the future" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("therapist", 200), ("ot_therapist", 200), ("physician", 200), ("reception", 403),
     ("admin", 403), ("outsider", 404)],
)  # fmt: skip
def test_who_records_assessments(login, people, patient, role, status):
    url = reverse("assessment_new", args=[patient.pk, "NPRS"])
    assert login(people[role]).get(url).status_code == status


def test_an_unknown_measure_is_404(login, therapist, patient):
    url = reverse("assessment_new", args=[patient.pk, "MMSE"])
    assert login(therapist).get(url).status_code == 404


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["detail", "log", "home", "assessment", "chart"])
def test_therapist_pages_cost_the_same_whatever_the_volume(login, therapist, session, plan, page):
    url = {
        "detail": reverse("session_detail", args=[session.pk]),
        "log": reverse("session_log", args=[session.pk]),
        "home": reverse("home"),
        "assessment": reverse("assessment_new", args=[plan.patient.pk, "BERG"]),
        "chart": reverse("patient_detail", args=[plan.patient.pk]),
    }[page]
    client = login(therapist)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add_logged_sessions(hours_ago):
        for hours in hours_ago:
            other = SessionFactory(
                plan=plan, therapist=therapist, start=timezone.now() - timedelta(hours=hours)
            )
            log_session(
                session=other, by=therapist, expected_version=other.version,
                fields=ATTENDED_30,
                techniques=Technique.objects.filter(discipline_id="PT")[:2], goals=[],
            )  # fmt: skip
            GoalFactory(plan=plan)

    add_logged_sessions([30])  # one of each kind first, so only the volume changes
    before = count()
    add_logged_sessions(range(31, 60))
    assert count() == before
    # + the plan's holds, the clinic calendar (hours, holidays), the retired measures and
    # the disciplines' names (chart); issue 15: the patient's precautions, the plan's GAS
    # reviews and priorities, the PHQ-9 answers to review (three queries more here)
    assert before <= 32


def test_today_shows_stage_planned_minutes_and_goals(login, therapist, plan, session):
    from tests.factories import AllocationFactory

    stage = plan.stages.get(status=StageStatus.CURRENT)
    AllocationFactory(stage=stage, discipline_id="PT", sessions_per_week=5, minutes_per_session=45)
    GoalFactory(plan=plan, discipline_id="PT", text="Climb 12 stairs with one rail.")
    GoalFactory(plan=plan, discipline_id="OT", text="Make tea safely.")
    today_session = SessionFactory(plan=plan, therapist=therapist, start=timezone.now())
    response = login(therapist).get(reverse("home"))
    shown = next(r for r in response.context["session_rows"] if r.session == today_session)
    page = response.content.decode()
    assert shown.stage == stage
    assert "5 × 45 min a week" in page
    assert "Climb 12 stairs" in page and "Make tea safely" not in page


def test_caseload_shows_last_session_and_missed_streaks(login, therapist, plan, patient):
    for days, attendance in [(9, "attended"), (6, "no_show"), (3, "cancelled")]:
        past = SessionFactory(plan=plan, therapist=therapist,
                              start=timezone.now() - timedelta(days=days))  # fmt: skip
        past.attendance = attendance
        past.absence_reason = "" if attendance == "attended" else "Unwell"
        past.save()
    response = login(therapist).get(reverse("home"))
    (row,) = [r for r in response.context["caseload_rows"] if r.patient == patient]
    assert row.missed_streak == 2
    assert row.last_session.date() == (timezone.now() - timedelta(days=9)).date()
    assert "2 missed" in response.content.decode()


def test_reception_sees_no_stage_on_a_session(login, reception, session, therapist):
    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    page = login(reception).get(reverse("session_detail", args=[session.pk])).content.decode()
    assert "stage:" not in page


def test_signing_a_note_that_changed_since_it_was_read_is_refused(login, therapist, session):
    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    session.refresh_from_db()
    read_version = session.version
    log_session(
        session=session, by=therapist, expected_version=read_version,
        fields={"attendance": "attended", "minutes": 35}, techniques=[], goals=[],
    )  # fmt: skip
    response = login(therapist).post(
        reverse("session_sign", args=[session.pk]), {"version": read_version}, follow=True
    )
    assert "The note changed since you opened it" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_signed


def test_the_database_refuses_goal_links_on_a_signed_note(therapist, session, plan):
    from django.db import DatabaseError, transaction

    log_session(
        session=session, by=therapist, expected_version=session.version,
        fields=ATTENDED_30, techniques=[], goals=[],
    )  # fmt: skip
    signed(session)
    goal = GoalFactory(plan=plan)
    link = TherapySession.goals_addressed.through
    with pytest.raises(DatabaseError, match="signed"), transaction.atomic():
        link.objects.bulk_create([link(therapysession_id=session.pk, goal_id=goal.pk)])


def test_an_id_no_database_can_hold_is_a_form_error(login, therapist, session):
    """Found by the form fuzzer: a 21-digit technique id failed in the database driver."""
    response = login(therapist).post(
        reverse("session_log", args=[session.pk]),
        log_data(session, techniques=["-999999999999999999999"], goals_addressed=[10**20]),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "techniques" in errors and "goals_addressed" in errors
    session.refresh_from_db()
    assert session.attendance == "scheduled"
