"""The instruments neuro-rehabilitation uses (issue 15): NIHSS, Fugl-Meyer upper extremity,
Action Research Arm Test, 6-minute walk, PHQ-9 (with its item-9 self-harm alert) and SCIM
III; their totals, ranges, directions, MDCs and sources, their forms, and the alert's
review."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from delivery.models import Assessment, SelfHarmReview
from delivery.services import review_self_harm
from domain import measures, neuro_items
from domain.measures import INSTRUMENTS, Change
from tests.factories import (
    ActivePlanFactory,
    AssessmentFactory,
    CareTeamMemberFactory,
    PatientFactory,
    Phq9Factory,
    SelfHarmReviewFactory,
    UserFactory,
)

NEW = ("NIHSS", "FMA_UE", "ARAT", "6MWT", "PHQ9", "SCIM")
ITEM_SCORED = ("NIHSS", "FMA_UE", "ARAT", "PHQ9", "SCIM")


def now() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def best(code: str) -> dict[str, int]:
    """Every item at its highest score (the worst NIHSS and PHQ-9, the best of the rest)."""
    tool = INSTRUMENTS[code]
    return {key: tool.item_maximum(key) for key in tool.items}


def worst(code: str) -> dict[str, int]:
    return {key: min(allowed) for key, allowed in INSTRUMENTS[code].items.items()}


# --- the domain ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "items", "maximum", "lower_is_better"),
    [
        ("NIHSS", 15, 42, True),
        ("FMA_UE", 33, 66, False),
        ("ARAT", 19, 57, False),
        ("PHQ9", 9, 27, True),
        ("SCIM", 19, 100, False),
    ],
)
def test_item_counts_ranges_and_direction_are_the_published_ones(
    code, items, maximum, lower_is_better
):
    tool = INSTRUMENTS[code]
    assert len(tool.items) == items
    assert tool.minimum == 0 and tool.maximum == maximum
    assert tool.lower_is_better is lower_is_better
    # The items add up to the published range: every item at its top is the maximum.
    assert measures.score(code, best(code)) == maximum
    assert measures.score(code, worst(code)) == 0


def test_the_worst_nihss_is_42_and_the_best_0():
    tool = INSTRUMENTS["NIHSS"]
    worst_stroke = {key: tool.item_maximum(key) for key in tool.items}
    assert measures.score("NIHSS", worst_stroke) == 42
    assert measures.score("NIHSS", dict.fromkeys(tool.items, 0)) == 0


def test_nihss_untestable_counts_zero_and_only_where_the_form_allows_it():
    """UN (amputation, joint fusion, intubation) adds 0, as the NIHSS form instructs."""
    tool = INSTRUMENTS["NIHSS"]
    items = dict.fromkeys(tool.items, 1) | {"5a": 9, "10": 9}
    assert measures.score("NIHSS", items) == 13  # 15 items at 1, two of them UN
    assert tool.item_score_label("5a", 9) == "UN"
    assert tool.item_maximum("5a") == 4
    with pytest.raises(ValidationError):
        measures.score("NIHSS", dict.fromkeys(tool.items, 0) | {"1a": 9})  # no UN for LOC


def test_scim_items_allow_only_their_own_scores():
    """SCIM III's scores are not 0..n: respiration goes in steps of 2, bladder 0, 3, 6..."""
    tool = INSTRUMENTS["SCIM"]
    assert tool.items["respiration"] == (0, 2, 4, 6, 8, 10)
    assert tool.items["bladder"] == (0, 3, 6, 9, 11, 13, 15)
    assert tool.items["bowel"] == (0, 5, 8, 10)
    assert tool.items["toilet"] == (0, 1, 2, 4, 5)
    assert tool.items["transfer_ground_chair"] == (0, 1)
    with pytest.raises(ValidationError):
        measures.score("SCIM", worst("SCIM") | {"respiration": 5})
    totals = {title: sum(tool.item_maximum(k) for k in keys) for title, keys in tool.item_sections}
    assert list(totals.values()) == [20, 40, 40]


def test_fma_reflex_items_are_0_or_2_and_the_subscales_add_up():
    tool = INSTRUMENTS["FMA_UE"]
    assert tool.items["reflex_flexors"] == (0, 2)
    sums = [sum(tool.item_maximum(k) for k in keys) for _, keys in tool.item_sections]
    assert sums == [36, 10, 14, 6]
    arat = INSTRUMENTS["ARAT"]
    assert [sum(arat.item_maximum(k) for k in keys) for _, keys in arat.item_sections] == [
        18,
        12,
        18,
        9,
    ]


def test_six_minute_walk_takes_metres_or_unable():
    assert measures.validate("6MWT", "312") == "312"
    assert measures.validate("6MWT", "unable") == measures.UNABLE
    for bad in ("0", "1001", "12.5", "far"):
        with pytest.raises(ValidationError):
            measures.validate("6MWT", bad)


@pytest.mark.parametrize(
    ("code", "earlier", "later", "change"),
    [
        # NIHSS: lower is better; 4 points is a real change.
        ("NIHSS", "12", "9", Change.NO_REAL_CHANGE),
        ("NIHSS", "12", "8", Change.IMPROVED),
        ("NIHSS", "8", "12", Change.DETERIORATED),
        # FMA-UE beyond 6.6, ARAT beyond 6.2.
        ("FMA_UE", "20", "26", Change.NO_REAL_CHANGE),
        ("FMA_UE", "20", "27", Change.IMPROVED),
        ("ARAT", "10", "16", Change.NO_REAL_CHANGE),
        ("ARAT", "10", "17", Change.IMPROVED),
        # 6MWT: 54.1 m.
        ("6MWT", "150", "200", Change.NO_REAL_CHANGE),
        ("6MWT", "150", "210", Change.IMPROVED),
        ("6MWT", "210", measures.UNABLE, Change.DETERIORATED),
        # PHQ-9: lower is better, 5 points.
        ("PHQ9", "14", "10", Change.NO_REAL_CHANGE),
        ("PHQ9", "14", "9", Change.IMPROVED),
        ("SCIM", "40", "43", Change.NO_REAL_CHANGE),
        ("SCIM", "40", "44", Change.IMPROVED),
    ],
)
def test_changes_are_read_against_the_mdc(code, earlier, later, change):
    assert INSTRUMENTS[code].classify_change(earlier, later) == change


@pytest.mark.parametrize("code", NEW)
def test_every_new_instrument_cites_its_mdc_source_and_licence(code):
    tool = INSTRUMENTS[code]
    assert tool.mdc is not None and tool.change_source
    assert (tool.source and "19" in tool.source) or "20" in tool.source
    assert "free" in tool.licence.lower() or "public domain" in tool.licence.lower()


def test_arat_reaches_its_mcid_at_5_7_points():
    assert INSTRUMENTS["ARAT"].passes_mcid("20", "26") is True
    assert INSTRUMENTS["ARAT"].passes_mcid("20", "25") is False


@pytest.mark.parametrize(
    ("total", "band"),
    [
        ("0", "Minimal"),
        ("4", "Minimal"),
        ("5", "Mild"),
        ("10", "Moderate"),
        ("15", "Moderately severe"),
        ("20", "Severe"),
        ("27", "Severe"),
    ],
)
def test_phq9_severity_bands_of_kroenke_2001(total, band):
    assert INSTRUMENTS["PHQ9"].severity(total) == band


@pytest.mark.parametrize(
    ("items", "alert"),
    [
        ({"item9": 0}, False),
        ({"item9": 1}, True),
        ({"item9": 3}, True),
        ({}, False),
        ({"item9": "1"}, False),  # not what a stored result holds: no crash, no alert
        (None, False),
        ({"item9": True}, False),
    ],
)
def test_phq9_self_harm_is_item_9_above_not_at_all(items, alert):
    assert measures.phq9_self_harm(items) is alert


def test_phq9_item_9_is_the_self_harm_question():
    assert "hurting yourself" in neuro_items.PHQ9_LABELS[neuro_items.PHQ9_SELF_HARM_ITEM]


# --- the forms and pages -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", ITEM_SCORED)
def test_each_item_instrument_is_recorded_from_its_form(login, therapist, patient, code):
    client = login(therapist)
    url = reverse("assessment_new", args=[patient.pk, code])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert INSTRUMENTS[code].licence in html.replace("&#x27;", "'")
    assert "data-item-total" in html
    items = best(code)
    response = client.post(url, {f"item_{k}": v for k, v in items.items()} | {"assessed_at": now()})
    assert response.status_code == 302, response.content.decode()[:2000]
    result = Assessment.objects.get(measure_id=code)
    assert result.value == str(measures.score(code, items))
    detail = client.get(reverse("assessment_detail", args=[result.pk]))
    assert detail.status_code == 200


@pytest.mark.django_db
def test_the_nihss_form_offers_un_and_the_page_shows_it(login, therapist, patient):
    client = login(therapist)
    url = reverse("assessment_new", args=[patient.pk, "NIHSS"])
    html = client.get(url).content.decode()
    assert 'data-untestable="9"' in html and "UN — Amputation or joint fusion" in html
    items = dict.fromkeys(INSTRUMENTS["NIHSS"].items, 1) | {"5a": 9}
    response = client.post(url, {f"item_{k}": v for k, v in items.items()} | {"assessed_at": now()})
    assert response.status_code == 302
    result = Assessment.objects.get()
    assert result.value == "14"
    detail = client.get(reverse("assessment_detail", args=[result.pk])).content.decode()
    assert ">UN <" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "item", "bad"),
    [("NIHSS", "1a", "4"), ("NIHSS", "3", "9"), ("SCIM", "respiration", "3"),
     ("PHQ9", "item9", "5"), ("FMA_UE", "reflex_flexors", "1"), ("ARAT", "grip_pour", "x")],
)  # fmt: skip
def test_an_item_out_of_range_is_a_form_error_not_a_500(login, therapist, patient, code, item, bad):
    url = reverse("assessment_new", args=[patient.pk, code])
    data = {f"item_{k}": v for k, v in best(code).items()} | {f"item_{item}": bad}
    response = login(therapist).post(url, data | {"assessed_at": now()})
    assert response.status_code == 200
    assert response.context["form"].errors[f"item_{item}"]
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_the_six_minute_walk_form_takes_metres_with_the_aid_or_unable(login, therapist, patient):
    client = login(therapist)
    url = reverse("assessment_new", args=[patient.pk, "6MWT"])
    assert client.get(url).status_code == 200
    missing_aid = client.post(url, {"value": "240", "assessed_at": now()})
    assert missing_aid.status_code == 200 and missing_aid.context["form"].errors["walking_aid"]
    too_far = client.post(url, {"value": "5000", "walking_aid": "none", "assessed_at": now()})
    assert too_far.status_code == 200 and too_far.context["form"].errors["value"]
    walked = {"value": "240", "walking_aid": "stick", "assessed_at": now()}
    assert client.post(url, walked).status_code == 302
    assert client.post(url, {"unable": "on", "assessed_at": now()}).status_code == 302
    assert sorted(Assessment.objects.values_list("value", flat=True)) == ["240", measures.UNABLE]


@pytest.mark.django_db
def test_recording_a_phq9_with_item_9_tells_the_therapist_the_physician_is_alerted(
    login, therapist, patient
):
    url = reverse("assessment_new", args=[patient.pk, "PHQ9"])
    data = {f"item_item{n}": 1 for n in range(1, 10)} | {"assessed_at": now()}
    response = login(therapist).post(url, data, follow=True)
    assert "Item 9 (thoughts of self-harm)" in response.content.decode()


@pytest.mark.django_db
def test_new_instruments_refuse_outsiders_and_wrong_methods(
    login, outsider, reception, therapist, patient
):
    for code in NEW:
        url = reverse("assessment_new", args=[patient.pk, code])
        assert login(outsider).get(url).status_code == 404
        assert login(reception).get(url).status_code == 403
        assert login(therapist).put(url).status_code == 405


# --- the self-harm alert -------------------------------------------------------------------


@pytest.fixture
def alert(plan, therapist):
    item9 = {f"item{n}": 0 for n in range(1, 9)} | {"item9": 2}
    return Phq9Factory(patient=plan.patient, assessed_by=therapist, items=item9)


@pytest.mark.django_db
def test_the_alert_is_on_the_lead_physicians_desk_and_the_chart(login, physician, alert):
    client = login(physician)
    desk = client.get(reverse("home")).content.decode()
    assert 'id="self-harm-alerts"' in desk and "More than half the days" in desk
    assert alert.patient.full_name in desk
    chart = client.get(reverse("patient_detail", args=[alert.patient_id])).content.decode()
    assert f'data-self-harm-alert="{alert.pk}"' in chart


@pytest.mark.django_db
def test_no_alert_for_item_9_at_zero_nor_for_a_therapist(login, physician, therapist, plan):
    Phq9Factory(patient=plan.patient, items={f"item{n}": 3 for n in range(1, 9)} | {"item9": 0})
    assert 'id="self-harm-alerts"' not in login(physician).get(reverse("home")).content.decode()
    alarmed = Phq9Factory(patient=plan.patient)
    chart = login(therapist).get(reverse("patient_detail", args=[alarmed.patient_id]))
    assert 'id="self-harm-alerts"' not in chart.content.decode()  # the physician's to review


@pytest.mark.django_db
def test_another_physicians_desk_does_not_show_it(login, alert):
    from tests.factories import UserFactory

    other = UserFactory(username="dr.other")
    assert 'id="self-harm-alerts"' not in login(other).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_self_harm_check_is_one_model_property(alert, plan):
    from pathlib import Path

    quiet = Phq9Factory(patient=plan.patient, items={f"item{n}": 0 for n in range(1, 10)})
    other = AssessmentFactory(patient=plan.patient)
    assert [a.has_self_harm_answer for a in (alert, quiet, other)] == [True, False, False]
    # The pages, the review service and the alert list all ask the property.
    delivery = Path(__file__).resolve().parent.parent / "delivery"
    callers = [p.name for p in delivery.glob("*.py") if "phq9_self_harm(" in p.read_text()]
    assert callers == ["models.py"]


def _on_desk(client, alert) -> bool:
    return f'data-self-harm-alert="{alert.pk}"' in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_a_completed_plans_physician_is_still_alerted(login, physician):
    from plans.models import PlanStatus

    done = ActivePlanFactory(patient=PatientFactory(), lead_physician=physician,
                             status=PlanStatus.COMPLETED)  # fmt: skip
    alarmed = Phq9Factory(patient=done.patient)
    assert _on_desk(login(physician), alarmed)
    assert not _on_desk(login(UserFactory(username="dr.other")), alarmed)  # has a physician


@pytest.mark.django_db
def test_a_physician_on_the_care_team_is_alerted_without_leading_a_plan(login):
    colleague = UserFactory(username="dr.team")
    patient = PatientFactory()
    CareTeamMemberFactory(patient=patient, staff=colleague, team_role="physician")
    ActivePlanFactory(patient=patient)  # led by someone else
    alarmed = Phq9Factory(patient=patient)
    assert _on_desk(login(colleague), alarmed)


@pytest.mark.django_db
def test_a_patient_without_a_physician_alerts_every_physician(login, physician):
    alarmed = Phq9Factory(patient=PatientFactory())  # no plan, no physician on the team
    assert _on_desk(login(physician), alarmed)
    assert _on_desk(login(UserFactory(username="dr.other")), alarmed)
    ActivePlanFactory(patient=alarmed.patient, lead_physician=physician)
    assert not _on_desk(login(UserFactory(username="dr.other")), alarmed)  # theirs now


@pytest.mark.django_db
def test_the_alerts_read_only_the_phq9s_with_item_9_above_zero(plan):
    from django.db.models.signals import post_init

    quiet = {f"item{n}": 3 for n in range(1, 9)} | {"item9": 0}
    for _ in range(5):
        Phq9Factory(patient=plan.patient, items=quiet)  # never reviewed: nothing to review
    alarmed = Phq9Factory(patient=plan.patient)
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance.pk)

    post_init.connect(count, sender=Assessment)
    try:
        assert Assessment.objects.self_harm_alerts() == [alarmed]
    finally:
        post_init.disconnect(count, sender=Assessment)
    assert loaded == [alarmed.pk]  # filtered in the database, not in Python


@pytest.mark.django_db
def test_the_review_clears_the_alert_and_is_kept(login, physician, alert):
    client = login(physician)
    url = reverse("assessment_self_harm_review", args=[alert.pk])
    page = client.get(url)
    assert page.status_code == 200 and "More than half the days" in page.content.decode()
    empty = client.post(url, {"note": "  "})
    assert empty.status_code == 200 and empty.context["form"].errors["note"]
    done = client.post(url, {"note": "Passive thoughts, no plan; safety plan agreed."})
    assert done.status_code == 302
    review = SelfHarmReview.objects.get()
    assert review.reviewed_by == physician and review.assessment == alert
    assert review.history.count() == 1
    assert 'id="self-harm-alerts"' not in client.get(reverse("home")).content.decode()
    again = client.get(url).content.decode()
    assert "Passive thoughts, no plan" in again and 'type="submit"' not in again.split("<main")[-1]


@pytest.mark.django_db
def test_a_correction_of_item_9_to_zero_clears_the_alert(physician, alert):
    from delivery.services import correct_assessment

    items = dict(alert.items) | {"item9": 0}
    correct_assessment(assessment=alert, by=physician, fields={"items": items}, reason="Misread")
    assert Assessment.objects.self_harm_alerts() == []


@pytest.mark.django_db
def test_the_review_is_refused_twice_and_for_results_without_the_answer(physician, alert):
    review_self_harm(assessment=alert, by=physician, note="Seen")
    with pytest.raises(ValidationError):
        review_self_harm(assessment=alert, by=physician, note="Seen again")
    quiet = Phq9Factory(patient=alert.patient, items={f"item{n}": 0 for n in range(1, 10)})
    with pytest.raises(ValidationError):
        review_self_harm(assessment=quiet, by=physician, note="Nothing to see")


@pytest.mark.django_db
def test_the_review_page_allowed_outsider_role_and_method(
    login, physician, therapist, outsider, alert
):
    url = reverse("assessment_self_harm_review", args=[alert.pk])
    assert login(physician).get(url).status_code == 200
    assert login(therapist).get(url).status_code == 403
    assert login(outsider).get(url).status_code == 404
    assert login(physician).put(url).status_code == 405
    other = AssessmentFactory(patient=alert.patient)  # an NPRS: no answer to review
    nothing = reverse("assessment_self_harm_review", args=[other.pk])
    assert login(physician).get(nothing).status_code == 404


@pytest.mark.django_db
def test_a_review_is_final(alert, physician):
    review = SelfHarmReviewFactory(assessment=alert, reviewed_by=physician)
    review.note = "rewritten"
    with pytest.raises(Exception, match="final"):
        review.save()


@pytest.mark.django_db
def test_the_desk_and_chart_read_alerts_in_constant_queries(
    login, physician, plan, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(physician)

    def count(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    desk, chart = reverse("home"), reverse("patient_detail", args=[plan.patient_id])
    Phq9Factory(patient=plan.patient)
    before = count(desk), count(chart)
    for _ in range(5):
        other = ActivePlanFactory(patient=PatientFactory(), lead_physician=physician)
        Phq9Factory(patient=other.patient)
        Phq9Factory(patient=plan.patient)
    assert (count(desk), count(chart)) == before
    assert len(Assessment.objects.self_harm_alerts()) == 11


def test_decimal_mdcs_are_exact():
    assert INSTRUMENTS["6MWT"].mdc == Decimal("54.1")


@pytest.mark.django_db
def test_the_phq9_page_says_whether_item_9_was_reviewed(login, physician, therapist, alert):
    url = reverse("assessment_detail", args=[alert.pk])
    page = login(therapist).get(url).content.decode()
    assert "the physicians are alerted" in page and "Review it" not in page
    review_self_harm(assessment=alert, by=physician, note="Seen")
    page = login(physician).get(url).content.decode()
    assert "reviewed by a physician" in page and "See the review" in page


def test_the_six_minute_walk_chart_runs_from_zero_to_the_data():
    from desk.presenters import chart_scale

    assert chart_scale(INSTRUMENTS["6MWT"]) == {"min": 0, "max": None}
    assert chart_scale(INSTRUMENTS["NIHSS"]) == {"min": 0.0, "max": 42.0}


@pytest.mark.django_db
def test_the_review_is_in_the_patients_change_history(login, physician, alert):
    review_self_harm(assessment=alert, by=physician, note="Safety plan agreed")
    page = login(physician).get(reverse("patient_history", args=[alert.patient_id]))
    assert "Self harm review #" in page.content.decode()


def test_the_stand_in_mdcs_say_what_they_are():
    """NIHSS 4 is SITS-MOST's definition of deterioration, SCIM 4 is Scivoletto's
    distribution-based MCID: neither is a measurement-error MDC, and the text says so."""
    from pathlib import Path

    nihss, scim = INSTRUMENTS["NIHSS"].change_source, INSTRUMENTS["SCIM"].change_source
    assert "definition of neurological deterioration" in nihss and "Wahlgren" in nihss
    assert "conventional real change" not in nihss
    assert scim.startswith("Not a test-retest MDC") and "distribution-based MCID" in scim
    docs = (Path(__file__).resolve().parent.parent / "docs" / "domain-api.md").read_text()
    rows = {line.split("|")[1].strip(): line for line in docs.splitlines() if line[:3] == "| `"}
    assert "definition of neurological deterioration" in rows["`NIHSS`"]
    assert "distribution-based MCID" in rows["`SCIM`"]
