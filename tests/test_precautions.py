"""Precautions: the model's rules and constraints, who sets which kind, the pages, the
acknowledgement before a session is logged, and the banners' query cost."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from domain import precautions as rules
from patients.access_log import AccessRecord
from patients.models import CareTeamMember
from patients.precautions import (
    Precaution,
    PrecautionAcknowledgement,
    PrecautionKind,
    acknowledge,
    active_by_patient,
    banner_precautions,
    chart_precautions,
    end_precaution,
    set_precaution,
    unacknowledged,
)
from patients.records import HardDeleteForbidden, RecordIsFinal, StaleVersion
from plans.models import StageStatus
from reference.models import Discipline, Technique
from tests.factories import (
    ActivePlanFactory,
    PrecautionFactory,
    SessionFactory,
    StageFactory,
    TherapistFactory,
)
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def swallowing(patient, by, **fields):
    return Precaution(patient=patient, kind=PrecautionKind.SWALLOWING, set_by=by, **fields)


# --- the model ---------------------------------------------------------------------------


def test_domain_iddsi_levels_are_the_published_ranges():
    assert rules.IDDSI_DRINK_RANGE == (0, 4) and rules.IDDSI_FOOD_RANGE == (3, 7)
    assert rules.iddsi_food_label(4) == "4 Pureed"
    assert rules.iddsi_drink_label(4) == "4 Extremely thick"


def test_domain_a_bp_limit_below_the_resting_bp_is_an_error():
    errors = rules.exercise_limit_errors(
        resting_systolic=150, resting_diastolic=90, stop_systolic=140, stop_diastolic=100
    )
    assert set(errors) == {"stop_systolic_above"}
    assert (
        rules.exercise_limit_errors(
            resting_systolic=None, resting_diastolic=None, stop_systolic=140, stop_diastolic=None
        )
        == {}
    )


def test_domain_a_bp_limit_equal_to_the_resting_bp_is_an_error():
    # Stopping "above" the resting pressure stops every session: the same mistake.
    errors = rules.exercise_limit_errors(
        resting_systolic=140, resting_diastolic=90, stop_systolic=140, stop_diastolic=90
    )
    assert set(errors) == {"stop_systolic_above", "stop_diastolic_above"}
    assert "at or below the resting systolic" in errors["stop_systolic_above"]
    assert (
        rules.exercise_limit_errors(
            resting_systolic=140, resting_diastolic=90, stop_systolic=141, stop_diastolic=91
        )
        == {}
    )


def test_a_swallowing_precaution_shows_its_iddsi_levels(patient, physician):
    p = set_precaution(
        swallowing(patient, physician, iddsi_food=4, iddsi_drink=4, meal_supervision=True),
        by=physician,
    )
    assert "food IDDSI 4 Pureed" in p.summary and "drinks IDDSI 4 Extremely thick" in p.summary
    assert p.set_by == physician and p.history.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"iddsi_food": 2}, "iddsi_food"),  # foods start at 3
        ({"iddsi_drink": 5}, "iddsi_drink"),  # drinks end at 4
        ({}, "iddsi_food"),  # says nothing
    ],
)
def test_swallowing_out_of_range_is_a_validation_error(patient, physician, fields, field):
    with pytest.raises(ValidationError) as error:
        set_precaution(swallowing(patient, physician, **fields), by=physician)
    assert field in error.value.message_dict


@pytest.mark.parametrize(
    ("column", "value"),
    [("iddsi_food", 8), ("iddsi_food", 2), ("iddsi_drink", 5), ("weight_bearing_percent", 100)],
)
def test_the_database_refuses_out_of_range_values(patient, physician, column, value):
    p = swallowing(patient, physician, iddsi_food=4)
    setattr(p, column, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        p.save()


def test_the_database_ties_partial_weight_bearing_to_its_percent(patient, physician):
    partial = Precaution(patient=patient, kind="weight_bearing", set_by=physician,
                         limb="left_leg", weight_bearing="partial")  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        partial.save()
    full = Precaution(
        patient=patient, kind="weight_bearing", set_by=physician, limb="left_leg",
        weight_bearing="full", weight_bearing_percent=50,
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        full.save()


def test_the_database_refuses_until_before_start_and_an_end_without_reason(patient, physician):
    p = swallowing(patient, physician, iddsi_food=4, until=TODAY() - timedelta(days=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        p.save()
    p = swallowing(patient, physician, iddsi_food=4, ended_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        p.save()


def test_a_precaution_is_never_deleted_and_an_acknowledgement_never_changes(patient, therapist):
    p = PrecautionFactory(patient=patient)
    with pytest.raises(HardDeleteForbidden):
        p.delete()
    with pytest.raises(HardDeleteForbidden):
        Precaution.objects.filter(pk=p.pk).delete()
    seen = PrecautionAcknowledgement.objects.create(precaution=p, user=therapist)
    with pytest.raises(RecordIsFinal):
        seen.save()


def test_active_on_leaves_out_the_ended_the_expired_and_the_future(patient, physician):
    today = TODAY()
    live = PrecautionFactory(patient=patient)
    PrecautionFactory(patient=patient, starts_on=today - timedelta(days=9),
                      until=today - timedelta(days=1))  # fmt: skip
    PrecautionFactory(patient=patient, starts_on=today + timedelta(days=1))
    ended = end_precaution(PrecautionFactory(patient=patient), by=physician, reason="Reassessed")
    assert list(Precaution.objects.active_on(today)) == [live]
    card = chart_precautions(patient, physician, on_team=False, day=today)
    assert card["precautions"] == [live] and len(card["upcoming_precautions"]) == 1
    assert ended in card["past_precautions"] and len(card["past_precautions"]) == 2
    assert ended.history.count() == 2  # set, then ended: nothing is lost


def test_ending_needs_a_reason_and_happens_once(patient, physician):
    p = PrecautionFactory(patient=patient)
    with pytest.raises(ValidationError):
        end_precaution(p, by=physician, reason="  ")
    end_precaution(p, by=physician, reason="Berg now 50")
    with pytest.raises(ValidationError):
        end_precaution(p, by=physician, reason="again")


# --- who sets which kind -----------------------------------------------------------------


def test_a_therapist_sets_their_disciplines_kinds_only(patient, therapist, ot_therapist):
    set_precaution(PrecautionFactory.build(patient=patient, set_by=therapist), by=therapist)
    with pytest.raises(PermissionDenied):
        set_precaution(swallowing(patient, therapist, iddsi_food=4), by=therapist)
    slt = TherapistFactory(discipline=Discipline.objects.get(code="SLT"))
    CareTeamMember.objects.create(patient=patient, staff=slt, team_role="therapist")
    set_precaution(swallowing(patient, slt, iddsi_food=4), by=slt)


def test_a_therapist_off_the_team_sets_nothing(patient, outsider):
    with pytest.raises(PermissionDenied):
        set_precaution(PrecautionFactory.build(patient=patient, set_by=outsider), by=outsider)


def new_url(patient, kind=""):
    url = reverse("precaution_new", args=[patient.pk])
    return f"{url}?kind={kind}" if kind else url


SWALLOW_FORM = {"starts_on": "", "iddsi_food": "4", "iddsi_drink": "4", "details": ""}


def test_the_physician_sets_a_precaution_from_the_chart(login, physician, patient):
    client = login(physician)
    assert "Set a precaution" in client.get(reverse("patient_detail", args=[patient.pk])).text
    assert "Autonomic dysreflexia" in client.get(new_url(patient)).text
    before = AccessRecord.objects.filter(patient=patient).count()
    assert client.get(new_url(patient, "swallowing")).status_code == 200
    assert AccessRecord.objects.filter(patient=patient).count() == before + 1
    data = {**SWALLOW_FORM, "starts_on": TODAY().strftime("%d/%m/%Y"), "meal_supervision": "on"}
    response = client.post(new_url(patient, "swallowing"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    p = Precaution.objects.get(patient=patient)
    assert (p.iddsi_food, p.iddsi_drink, p.meal_supervision, p.set_by) == (4, 4, True, physician)


def test_a_therapist_of_the_wrong_discipline_is_refused(login, therapist, patient):
    client = login(therapist)
    assert client.get(new_url(patient, "swallowing")).status_code == 403
    assert client.post(new_url(patient, "swallowing"), SWALLOW_FORM).status_code == 403
    kinds = client.get(new_url(patient)).text
    assert "Falls risk" in kinds and "Swallowing" not in kinds
    assert not Precaution.objects.exists()


def test_a_therapist_cannot_change_or_end_another_disciplines_precaution(
    login, therapist, physician, patient
):
    p = set_precaution(swallowing(patient, physician, iddsi_food=4), by=physician)
    client = login(therapist)
    assert client.get(reverse("precaution_edit", args=[patient.pk, p.pk])).status_code == 403
    end = reverse("precaution_end", args=[patient.pk, p.pk])
    assert client.post(end, {"reason": "no"}).status_code == 403
    p.refresh_from_db()
    assert p.ended_at is None
    chart = client.get(reverse("patient_detail", args=[patient.pk])).text
    assert "Change the Swallowing precaution" not in chart


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("reception", 403),
                                              ("admin", 403)])  # fmt: skip
def test_others_are_refused(login, people, patient, role, status):
    p = PrecautionFactory(patient=patient)
    client = login(people[role])
    for url in (new_url(patient, "falls"), reverse("precaution_edit", args=[patient.pk, p.pk]),
                reverse("precaution_end", args=[patient.pk, p.pk])):  # fmt: skip
        assert client.get(url).status_code == status
        assert client.post(url, {"reason": "x"}).status_code == status
    p.refresh_from_db()
    assert p.ended_at is None


def test_wrong_methods_are_refused(login, physician, therapist, patient, plan):
    session = SessionFactory(plan=plan, therapist=therapist)
    assert (
        login(therapist).get(reverse("session_acknowledge", args=[session.pk])).status_code == 405
    )
    assert login(physician).put(new_url(patient, "falls")).status_code == 405


def test_an_unknown_kind_is_not_found(login, physician, patient):
    assert login(physician).get(new_url(patient, "vampire")).status_code == 404


def test_the_physician_ends_a_precaution_with_a_reason(login, physician, patient):
    p = PrecautionFactory(patient=patient)
    client = login(physician)
    url = reverse("precaution_end", args=[patient.pk, p.pk])
    assert "Why it ends" in client.get(url).text
    assert "Why it ends" in client.post(url, {"reason": ""}).text  # a form error, kept here
    assert client.post(url, {"reason": "Berg 52 on review"}).status_code == 302
    p.refresh_from_db()
    assert p.ended_by == physician and p.end_reason == "Berg 52 on review"
    chart = client.get(reverse("patient_detail", args=[patient.pk])).text
    assert "Past precautions (1)" in chart and "Berg 52 on review" in chart
    assert 'id="precautions-banner"' not in chart


# --- form errors -------------------------------------------------------------------------


def form_errors(client, url, data):
    response = client.post(url, {"starts_on": TODAY().strftime("%d/%m/%Y"), **data})
    assert response.status_code == 200  # the form again, never a 500
    return response.context["form"].errors


def test_a_bp_limit_below_the_resting_bp_is_a_form_error(login, physician, patient):
    errors = form_errors(login(physician), new_url(patient, "exercise_limits"),
                         {"resting_systolic": "150", "stop_systolic_above": "140"})  # fmt: skip
    assert "below the resting systolic" in errors["stop_systolic_above"][0]


@pytest.mark.parametrize("percent", ["100", "150", "0"])
def test_weight_bearing_percent_out_of_range_is_a_form_error(login, physician, patient, percent):
    errors = form_errors(login(physician), new_url(patient, "weight_bearing"),
                         {"limb": "left_leg", "weight_bearing": "partial",
                          "weight_bearing_percent": percent})  # fmt: skip
    assert "1 to 99%" in errors["weight_bearing_percent"][0]


def test_iddsi_out_of_range_is_a_form_error(login, physician, patient):
    errors = form_errors(login(physician), new_url(patient, "swallowing"), {"iddsi_food": "9"})
    assert "iddsi_food" in errors


def test_falls_risk_needs_its_measure(login, physician, patient):
    errors = form_errors(login(physician), new_url(patient, "falls"), {"falls_basis": "berg"})
    assert "falls_value" in errors
    errors = form_errors(login(physician), new_url(patient, "falls"),
                         {"falls_basis": "berg", "falls_value": "70"})  # fmt: skip
    assert "0 to 56" in errors["falls_value"][0]


# --- acknowledgement before logging -----------------------------------------------------


@pytest.fixture
def session(plan, therapist):
    StageFactory(plan=plan, order=1, status=StageStatus.CURRENT,
                 actual_start=TODAY() - timedelta(days=10))  # fmt: skip
    return SessionFactory(plan=plan, therapist=therapist, start=timezone.now() - timedelta(hours=1))


def log_data(session):
    return {
        "version": session.version, "attendance": "attended", "absence_reason": "",
        "start": timezone.localtime(session.start).strftime("%Y-%m-%dT%H:%M"), "minutes": "30",
        "techniques": [Technique.objects.filter(discipline_id="PT").first().pk],
        "assessment": "Steadier.", "plan_note": "Progress.",
    }  # fmt: skip


def test_logging_waits_for_the_acknowledgement(login, therapist, session, patient):
    p = PrecautionFactory(patient=patient)
    client = login(therapist)
    log_url = reverse("session_log", args=[session.pk])
    page = client.get(log_url).text
    assert 'id="precautions-banner"' in page and 'id="acknowledge-form"' in page
    refused = client.post(log_url, log_data(session))
    assert (
        refused.status_code == 200 and "Acknowledge the patient&#x27;s precautions" in refused.text
    )
    session.refresh_from_db()
    assert session.attendance == "scheduled"
    ack = client.post(reverse("session_acknowledge", args=[session.pk]), {"precaution": [p.pk]})
    assert ack.status_code == 302
    seen = PrecautionAcknowledgement.objects.get()
    assert (seen.precaution, seen.user) == (p, therapist)
    assert 'id="acknowledge-form"' not in client.get(log_url).text
    assert client.post(log_url, log_data(session)).status_code == 302
    history = client.get(reverse("patient_history", args=[patient.pk]))
    assert history.status_code == 403  # therapists do not read the audit pages; physicians do


def test_a_change_asks_for_the_acknowledgement_again(therapist, physician, patient):
    p = PrecautionFactory(patient=patient)
    assert acknowledge(patient.pk, [p.pk], by=therapist) == 1
    assert unacknowledged(patient.pk, therapist) == []
    p.falls_value = 30
    set_precaution(p, by=physician)
    assert unacknowledged(patient.pk, therapist) == [p]


def test_a_precaution_the_page_did_not_show_is_not_acknowledged(therapist, patient):
    shown = PrecautionFactory(patient=patient)
    unseen = PrecautionFactory(patient=patient)
    assert acknowledge(patient.pk, [shown.pk], by=therapist) == 1
    assert unacknowledged(patient.pk, therapist) == [unseen]


def test_a_stale_acknowledgement_post_is_a_message_not_an_error(login, therapist, session, patient):
    client = login(therapist)
    response = client.post(reverse("session_acknowledge", args=[session.pk]), {"precaution": [999]})
    assert response.status_code == 302
    assert not PrecautionAcknowledgement.objects.exists()


def test_a_cancellation_is_logged_without_an_acknowledgement(login, therapist, session, patient):
    PrecautionFactory(patient=patient)
    data = {**log_data(session), "attendance": "cancelled", "absence_code": "patient_unwell",
            "absence_reason": "Fever"}  # fmt: skip
    response = login(therapist).post(reverse("session_log", args=[session.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.attendance == "cancelled"


def test_the_acknowledgement_is_in_the_change_history(login, physician, therapist, patient):
    p = PrecautionFactory(patient=patient)
    acknowledge(patient.pk, [p.pk], by=therapist)
    page = login(physician).get(reverse("patient_history", args=[patient.pk])).text
    assert "precaution acknowledgement" in page.lower() and str(therapist) in page


# --- banners and their cost ---------------------------------------------------------------


def test_active_by_patient_is_one_query(patient, django_assert_num_queries):
    PrecautionFactory(patient=patient)
    PrecautionFactory(patient=patient, kind="other", falls_basis="", falls_value=None,
                      details="Hearing aid left ear")  # fmt: skip
    with django_assert_num_queries(1):
        grouped = active_by_patient([patient.pk])
    assert len(grouped[patient.pk]) == 2


def grow(therapist, count=6):
    """More patients with precautions and sessions today for ``therapist``."""
    for _ in range(count):
        plan = ActivePlanFactory()
        CareTeamMember.objects.create(patient=plan.patient, staff=therapist, team_role="therapist")
        PrecautionFactory(patient=plan.patient)
        PrecautionFactory(patient=plan.patient, kind="seizure", falls_basis="",
                          falls_value=None, details="Epilepsy")  # fmt: skip
        SessionFactory(plan=plan, therapist=therapist, start=timezone.now())


def test_the_therapists_day_shows_an_icon_per_patient_in_constant_queries(
    login, therapist, patient, plan
):
    client = login(therapist)
    SessionFactory(plan=plan, therapist=therapist, start=timezone.now())
    PrecautionFactory(patient=patient)
    small = page_queries(client, reverse("home"))
    grow(therapist)
    assert page_queries(client, reverse("home")) == small
    page = client.get(reverse("home")).text
    assert page.count("precaution-icon") >= 7 * 2  # the day list and the caseload
    assert "Precautions: Falls risk, Seizure risk" in page or "Precautions: Seizure risk" in page


def test_the_therapists_week_shows_icons_in_constant_queries(login, therapist, patient, plan):
    client = login(therapist)
    url = reverse("therapist_week", args=[therapist.pk])
    SessionFactory(plan=plan, therapist=therapist, start=timezone.now())
    PrecautionFactory(patient=patient)
    small = page_queries(client, url)
    grow(therapist)
    assert page_queries(client, url) == small
    assert client.get(url).text.count("precaution-icon") == 7


@pytest.mark.parametrize("page", ["chart", "plan", "week", "session", "log"])
def test_each_page_shows_the_banner_in_constant_queries(login, physician, therapist, session,
                                                        plan, patient, page):  # fmt: skip
    url = {
        "chart": reverse("patient_detail", args=[patient.pk]),
        "plan": reverse("plan_detail", args=[plan.pk]),
        "week": reverse("patient_week", args=[patient.pk]),
        "session": reverse("session_detail", args=[session.pk]),
        "log": reverse("session_log", args=[session.pk]),
    }[page]
    client = login(therapist if page == "log" else physician)
    PrecautionFactory(patient=patient)
    small = page_queries(client, url)
    for kind in ("seizure", "dvt", "anticoagulation", "hip"):
        PrecautionFactory(patient=patient, kind=kind, falls_basis="", falls_value=None,
                          details="As the physician wrote")  # fmt: skip
    assert page_queries(client, url) == small
    text = client.get(url).text
    assert 'id="precautions-banner"' in text and "DVT" in text


def test_reception_sees_no_clinical_precautions(login, reception, patient):
    PrecautionFactory(patient=patient)
    chart = login(reception).get(reverse("patient_detail", args=[patient.pk])).text
    assert 'id="precautions-banner"' not in chart and "Falls risk" not in chart


@pytest.mark.parametrize(("role", "shown"), [("reception", False), ("physician", True),
                                             ("therapist", True)])  # fmt: skip
def test_the_session_page_shows_precautions_to_the_roles_that_read_them(
    login, people, session, patient, role, shown
):
    # Reception opens the session page (to check in, to move it) but reads no precautions.
    PrecautionFactory(patient=patient, kind="seizure", falls_basis="", falls_value=None,
                      details="Tonic-clonic at night")  # fmt: skip
    response = login(people[role]).get(reverse("session_detail", args=[session.pk]))
    assert response.status_code == 200
    assert ("Tonic-clonic at night" in response.text) is shown
    assert ('id="precautions-banner"' in response.text) is shown


def test_the_banner_asks_nothing_of_a_role_that_does_not_read_it(
    reception, physician, patient, django_assert_num_queries
):
    PrecautionFactory(patient=patient)
    with django_assert_num_queries(0):
        assert banner_precautions(reception, patient.pk) == []
    assert len(banner_precautions(physician, patient.pk)) == 1


def test_the_demo_carries_the_issues_precautions():
    from demo.clinic import DemoClinic

    DemoClinic().build()
    kinds = set(Precaution.objects.values_list("kind", flat=True))
    assert {"swallowing", "exercise_limits", "autonomic_dysreflexia", "hip", "falls"} <= kinds
    stroke = Precaution.objects.get(kind="swallowing")
    assert stroke.iddsi_drink == 4 and stroke.iddsi_food == 4
    assert Precaution.objects.filter(patient=stroke.patient, kind="exercise_limits").exists()
    assert "T4" in Precaution.objects.get(kind="autonomic_dysreflexia").details


def test_an_own_team_therapist_of_the_right_discipline_sets_and_ends(login, therapist, patient):
    client = login(therapist)
    data = {"starts_on": TODAY().strftime("%d/%m/%Y"), "falls_basis": "tug", "falls_value": "16.2"}
    assert client.post(new_url(patient, "falls"), data).status_code == 302
    p = Precaution.objects.get(patient=patient)
    assert p.set_by == therapist and "Timed Up and Go 16.2 s" in p.summary
    end = reverse("precaution_end", args=[patient.pk, p.pk])
    assert client.post(end, {"reason": "TUG 11 s on review"}).status_code == 302
    p.refresh_from_db()
    assert p.ended_by == therapist


def test_a_change_from_the_page_asks_the_therapist_again(login, physician, therapist, patient):
    p = PrecautionFactory(patient=patient)
    acknowledge(patient.pk, [p.pk], by=therapist)
    url = reverse("precaution_edit", args=[patient.pk, p.pk])
    client = login(physician)
    assert "Berg Balance Scale" in client.get(url).text
    data = {"starts_on": p.starts_on.strftime("%d/%m/%Y"), "falls_basis": "berg",
            "falls_value": "31", "details": "Two falls at home",
            "version": p.changed_at.isoformat()}  # fmt: skip
    assert client.post(url, data).status_code == 302
    p.refresh_from_db()
    assert p.falls_value == 31 and p.history.count() == 2
    assert unacknowledged(patient.pk, therapist) == [p]


def falls_edit(p, **fields):
    return {"starts_on": p.starts_on.strftime("%d/%m/%Y"), "falls_basis": "berg",
            "falls_value": "31", "details": "", **fields}  # fmt: skip


def test_a_stale_edit_form_does_not_undo_a_colleagues_change(login, physician, patient):
    p = PrecautionFactory(patient=patient)
    url = reverse("precaution_edit", args=[patient.pk, p.pk])
    client = login(physician)
    opened = client.get(url).context["form"]["version"].value()
    assert client.post(url, falls_edit(p, version=opened, details="Two falls")).status_code == 302
    # The same form, opened before that change, saved again: refused, nothing overwritten.
    response = client.post(url, falls_edit(p, version=opened, falls_value="40"))
    assert response.status_code == 200
    assert "Someone else changed this precaution" in response.text
    p.refresh_from_db()
    assert (p.falls_value, p.details, p.history.count()) == (31, "Two falls", 2)


@pytest.mark.parametrize("version", ["", "yesterday", "2026-01-01T10:00:00"])
def test_an_edit_without_a_valid_version_is_a_form_error(login, physician, patient, version):
    p = PrecautionFactory(patient=patient)
    url = reverse("precaution_edit", args=[patient.pk, p.pk])
    response = login(physician).post(url, falls_edit(p, version=version))
    assert response.status_code == 200 and "version" in response.context["form"].errors
    assert p.history.count() == 1


def test_the_service_refuses_a_stale_change_and_a_change_to_an_ended_one(patient, physician):
    p = PrecautionFactory(patient=patient)
    opened = p.changed_at
    mine, theirs = Precaution.objects.get(pk=p.pk), Precaution.objects.get(pk=p.pk)
    theirs.details = "Two falls"
    set_precaution(theirs, by=physician, expected_changed_at=opened)
    mine.details = "Unsteady"
    with pytest.raises(StaleVersion):
        set_precaution(mine, by=physician, expected_changed_at=opened)
    end_precaution(Precaution.objects.get(pk=p.pk), by=physician, reason="Cleared")
    with pytest.raises(ValidationError, match="ended"):
        set_precaution(theirs, by=physician)
    p.refresh_from_db()
    assert p.details == "Two falls" and p.end_reason == "Cleared"


def test_a_precaution_ended_meanwhile_is_not_ended_again(patient, physician, therapist):
    p = PrecautionFactory(patient=patient)
    stale = Precaution.objects.get(pk=p.pk)  # a page opened before the colleague ended it
    end_precaution(p, by=physician, reason="Berg 52 on review")
    with pytest.raises(ValidationError, match="already ended"):
        end_precaution(stale, by=physician, reason="Cleared by the surgeon")
    p.refresh_from_db()
    assert (p.end_reason, p.history.count()) == ("Berg 52 on review", 2)


def test_ending_keeps_a_change_saved_since_the_page_opened(patient, physician):
    p = PrecautionFactory(patient=patient)
    stale = Precaution.objects.get(pk=p.pk)
    p.details = "Two falls"
    set_precaution(p, by=physician, expected_changed_at=stale.changed_at)
    end_precaution(stale, by=physician, reason="Reassessed")
    p.refresh_from_db()
    assert p.details == "Two falls" and p.ended_by == physician


def test_ending_an_ended_precaution_from_the_page_says_so(login, physician, patient):
    p = end_precaution(PrecautionFactory(patient=patient), by=physician, reason="Cleared")
    url = reverse("precaution_end", args=[patient.pk, p.pk])
    response = login(physician).post(url, {"reason": "again"}, follow=True)
    assert "This precaution has already ended" in response.text
    p.refresh_from_db()
    assert p.end_reason == "Cleared"


def weight_bearing(patient, by, limb, **fields):
    return Precaution(patient=patient, kind=PrecautionKind.WEIGHT_BEARING, set_by=by,
                      limb=limb, weight_bearing="non", **fields)  # fmt: skip


def test_a_second_active_precaution_of_the_same_kind_is_refused(patient, physician):
    today = TODAY()
    first = set_precaution(swallowing(patient, physician, iddsi_food=4), by=physician)
    with pytest.raises(ValidationError, match="change or end it"):
        set_precaution(swallowing(patient, physician, iddsi_food=6), by=physician)
    # Not overlapping: one that begins after the first's last day.
    first.until = today + timedelta(days=3)
    set_precaution(first, by=physician)
    set_precaution(swallowing(patient, physician, iddsi_food=6, starts_on=today
                              + timedelta(days=4)), by=physician)  # fmt: skip
    # Weight bearing: one per limb; "other": as many as needed.
    set_precaution(weight_bearing(patient, physician, "left_leg"), by=physician)
    set_precaution(weight_bearing(patient, physician, "right_leg"), by=physician)
    with pytest.raises(ValidationError, match="left leg"):
        set_precaution(weight_bearing(patient, physician, "left_leg"), by=physician)
    for text in ("No BP cuff on the left arm", "Hearing aids in before the session"):
        set_precaution(Precaution(patient=patient, kind=PrecautionKind.OTHER, set_by=physician,
                                  details=text), by=physician)  # fmt: skip
    assert Precaution.objects.filter(patient=patient).count() == 6


def test_an_ended_precaution_does_not_stop_a_new_one(patient, physician):
    end_precaution(set_precaution(swallowing(patient, physician, iddsi_food=4), by=physician),
                   by=physician, reason="Reassessed")  # fmt: skip
    assert set_precaution(swallowing(patient, physician, iddsi_food=6), by=physician).pk


def test_a_contradicting_precaution_is_a_form_error(login, physician, patient):
    PrecautionFactory(patient=patient)  # a falls risk from a Berg of 38
    client = login(physician)
    errors = form_errors(client, new_url(patient, "falls"),
                         {"falls_basis": "tug", "falls_value": "16"})  # fmt: skip
    assert "change or end it" in errors["__all__"][0]
    assert Precaution.objects.filter(patient=patient).count() == 1
    # Changing the existing one is no clash with itself.
    p = Precaution.objects.get(patient=patient)
    url = reverse("precaution_edit", args=[patient.pk, p.pk])
    version = p.changed_at.isoformat()
    assert client.post(url, falls_edit(p, version=version)).status_code == 302


def test_an_ended_precaution_is_not_edited(login, physician, patient):
    p = end_precaution(PrecautionFactory(patient=patient), by=physician, reason="Cleared")
    response = login(physician).get(reverse("precaution_edit", args=[patient.pk, p.pk]))
    assert response.status_code == 302 and response.url == reverse(
        "patient_detail", args=[patient.pk]
    )


def test_the_therapist_who_sets_it_is_not_asked_to_acknowledge_it(therapist, ot_therapist, patient):
    p = set_precaution(PrecautionFactory.build(patient=patient, set_by=therapist), by=therapist)
    assert unacknowledged(patient.pk, therapist) == []
    assert unacknowledged(patient.pk, ot_therapist) == [p]


def test_reception_reads_no_precaution_rows(reception, physician, patient):
    PrecautionFactory(patient=patient)
    assert not Precaution.objects.visible_to(reception).exists()
    assert Precaution.objects.visible_to(physician).count() == 1


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("ot_therapist", 403),
                                              ("physician", 403), ("reception", 403)])  # fmt: skip
def test_only_the_sessions_therapist_acknowledges_from_its_log(login, people, session, patient,
                                                               role, status):  # fmt: skip
    p = PrecautionFactory(patient=patient)
    url = reverse("session_acknowledge", args=[session.pk])
    assert login(people[role]).post(url, {"precaution": [p.pk]}).status_code == status
    assert not PrecautionAcknowledgement.objects.exists()
