"""Assessment forms a therapist fills without the manual: every score with its published
words, the 10-metre walk from seconds with the walking aid, a recorded result that opens
with its items, and a result entered in error corrected with a reason (issue 14)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from delivery.models import Assessment, WalkingAidChoice
from delivery.services import correct_assessment, record_assessment
from domain import measures
from domain.measures import BARTHEL_ITEMS, BERG_ITEMS, INSTRUMENTS, walk_speed
from patients.access_log import AccessKind, AccessRecord
from tests.factories import AssessmentFactory

NOW = "%Y-%m-%dT%H:%M"


def now() -> str:
    return timezone.localtime().strftime(NOW)


def radio(html: str, name: str, value: str) -> str:
    """The radio input of ``name`` for ``value`` as rendered ("" when there is none)."""
    found = re.search(
        rf'<input type="radio"[^>]*name="{name}" value="{re.escape(value)}"[^>]*>', html
    )
    return found[0] if found else ""


# --- the published descriptors (domain) ----------------------------------------------------


@pytest.mark.parametrize("code", ["BARTHEL", "BERG"])
def test_every_item_score_has_its_published_words(code):
    tool = INSTRUMENTS[code]
    assert tool.descriptor_source
    for key, allowed in tool.items.items():
        assert set(tool.item_descriptors[key]) == set(allowed), key
        assert all(words.strip() for words in tool.item_descriptors[key].values()), key


def test_the_descriptors_quote_their_sources():
    # Mahoney & Barthel 1965 / Collin & Wade 1988, and Berg 1989, word for word.
    barthel, berg = INSTRUMENTS["BARTHEL"], INSTRUMENTS["BERG"]
    assert barthel.describe_item("feeding", 0) == "Unable"
    assert barthel.describe_item("feeding", 5) == (
        "Needs help cutting, spreading butter, etc., or requires modified diet"
    )
    assert barthel.describe_item("feeding", 10) == "Independent"
    assert barthel.describe_item("transfers", 15) == "Independent"
    assert berg.describe_item("item1", 4) == (
        "able to stand without using hands and stabilize independently"
    )
    assert berg.describe_item("item1", 0) == "needs moderate or maximal assist to stand"
    assert [score for score, _ in berg.item_choices("item1")] == [4, 3, 2, 1, 0]


@pytest.mark.parametrize("code", ["FAC", "MRS"])
def test_fac_and_mrs_have_a_descriptor_for_every_category(code):
    tool = INSTRUMENTS[code]
    categories = [str(n) for n in range(int(tool.minimum), int(tool.maximum) + 1)]
    assert list(tool.value_descriptors) == categories
    assert tool.is_choice and tool.descriptor_source


def test_mrs_and_fac_words():
    assert INSTRUMENTS["MRS"].describe("6") == "Dead"
    assert INSTRUMENTS["MRS"].describe("0") == "No symptoms at all"
    assert INSTRUMENTS["FAC"].describe("0").startswith("Nonfunctional ambulator")


@pytest.mark.parametrize("code", ["MAS", "ASIA"])
def test_grades_have_a_descriptor_for_every_grade(code):
    tool = INSTRUMENTS[code]
    assert list(tool.value_descriptors) == list(tool.levels)


@pytest.mark.parametrize(
    ("seconds", "speed"),
    [("8.4", "1.19"), ("10", "1"), ("16", "0.63"), ("6", "1.67"), ("4", "2.5"), ("500", "0.02")],
)
def test_the_walk_speed_is_ten_metres_over_the_seconds(seconds, speed):
    # 10 / 16 = 0.625: rounded half up to 0.63, not to even.
    assert walk_speed("10MWT", seconds) == speed


@pytest.mark.parametrize(
    ("seconds", "message"),
    [("3.9", "outside 0.02-2.5 m/s"), ("0", "enter the seconds"), ("-5", "enter the seconds"),
     ("fast", "not a number"), ("8.123", "2 decimal places"), ("", "enter the seconds")],
)  # fmt: skip
def test_impossible_walk_times_are_refused(seconds, message):
    with pytest.raises(ValidationError, match=message):
        walk_speed("10MWT", seconds)


def test_only_the_walk_is_entered_as_a_time():
    with pytest.raises(ValidationError, match="not entered as a time"):
        walk_speed("TUG", "12")


def test_walking_aids_are_the_domain_codes():
    assert sorted(WalkingAidChoice.values) == sorted(measures.WalkingAid)
    assert {code for code, tool in INSTRUMENTS.items() if tool.records_walking_aid} == {
        "10MWT",
        "TUG",
        "6MWT",  # ATS 2002: the walking aid is recorded with the distance
    }


# --- the forms -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_barthel_form_offers_each_score_with_its_words(login, therapist, patient):
    page = login(therapist).get(reverse("assessment_new", args=[patient.pk, "BARTHEL"]))
    html = page.content.decode()
    assert radio(html, "item_feeding", "5") and radio(html, "item_transfers", "15")
    assert "5 — Needs help cutting, spreading butter, etc., or requires modified diet" in html
    assert "15 — Independent (but may use any aid; for example, stick) &gt; 50 yards" in html
    assert "<select" not in html.split("data-item-total")[0]  # no bare-number drop-downs


@pytest.mark.django_db
def test_the_berg_form_offers_each_score_with_its_words(login, therapist, patient):
    html = login(therapist).get(reverse("assessment_new", args=[patient.pk, "BERG"])).content
    html = html.decode()
    assert "4 — able to stand without using hands and stabilize independently" in html
    assert "0 — needs moderate or maximal assist to stand" in html
    assert html.count('type="radio"') == 14 * 5


@pytest.mark.django_db
def test_a_barthel_recorded_from_radio_choices(login, therapist, patient):
    data = {f"item_{key}": str(max(allowed)) for key, allowed in BARTHEL_ITEMS.items()}
    data |= {"item_stairs": "5", "assessed_at": now()}
    response = login(therapist).post(reverse("assessment_new", args=[patient.pk, "BARTHEL"]), data)
    assert response.status_code == 302
    assert Assessment.objects.get().value == "95"


@pytest.mark.parametrize(
    ("code", "value", "words"),
    [("FAC", "3", "Dependent on supervision"), ("MRS", "4", "Moderately severe disability")],
)
@pytest.mark.django_db
def test_fac_and_mrs_are_choices_with_their_words(login, therapist, patient, code, value, words):
    client = login(therapist)
    html = client.get(reverse("assessment_new", args=[patient.pk, code])).content.decode()
    assert radio(html, "value", value) and words in html
    response = client.post(
        reverse("assessment_new", args=[patient.pk, code]), {"value": value, "assessed_at": now()}
    )
    assert response.status_code == 302
    assert Assessment.objects.get().value == value


@pytest.mark.django_db
def test_the_walk_is_entered_as_seconds_with_the_aid(login, therapist, patient):
    client = login(therapist)
    url = reverse("assessment_new", args=[patient.pk, "10MWT"])
    html = client.get(url).content.decode()
    assert 'name="seconds"' in html and "Seconds over the timed 10 m" in html
    assert 'name="walking_aid"' in html and "Quad stick" in html
    data = {"seconds": "8.4", "walking_aid": "quad_stick", "assessed_at": now()}
    response = client.post(url, data)
    assert response.status_code == 302
    walk = Assessment.objects.get()
    assert walk.value == "1.19" and walk.score == Decimal("1.19")
    assert walk.walk_seconds == Decimal("8.4") and walk.walking_aid == "quad_stick"


@pytest.mark.parametrize(
    ("data", "message"),
    [({"seconds": "8.4"}, "Say which walking aid"),
     ({"seconds": "3", "walking_aid": "none"}, "3 s over 10 m is 3.33 m/s"),
     ({"seconds": "8.4", "unable": "on", "walking_aid": "none"}, "not both"),
     ({"walking_aid": "none"}, "tick “unable to perform”")],
)  # fmt: skip
@pytest.mark.django_db
def test_a_walk_without_aid_or_with_an_impossible_time_is_refused(
    login, therapist, patient, data, message
):
    url = reverse("assessment_new", args=[patient.pk, "10MWT"])
    response = login(therapist).post(url, {**data, "assessed_at": now()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_unable_to_walk_needs_no_time_and_may_name_the_aid(login, therapist, patient):
    url = reverse("assessment_new", args=[patient.pk, "10MWT"])
    data = {"unable": "on", "walking_aid": "frame", "assessed_at": now()}
    assert login(therapist).post(url, data).status_code == 302
    walk = Assessment.objects.get()
    assert walk.value == measures.UNABLE and walk.walk_seconds is None
    assert walk.walking_aid == "frame"


@pytest.mark.django_db
def test_the_model_computes_the_speed_from_the_seconds(therapist, patient):
    walk = Assessment(
        patient=patient, measure_id="10MWT", value="2.0", walk_seconds=Decimal("12.5"),
        walking_aid="none", assessed_by=therapist,
    )  # fmt: skip
    record_assessment(walk)
    assert walk.value == "0.8"
    with pytest.raises(ValidationError, match="records no walking aid"):
        record_assessment(
            Assessment(
                patient=patient,
                measure_id="NPRS",
                value="3",
                walking_aid="stick",
                assessed_by=therapist,
            )
        )


# --- a recorded result opens with its items --------------------------------------------------


def berg(patient, by, **changes):
    items = dict.fromkeys(BERG_ITEMS, 3) | {"item1": 4, "item14": 1}
    assessment = Assessment(
        patient=patient, measure_id="BERG", items=items, assessed_by=by,
        assessed_at=timezone.now() - timedelta(days=2), notes="Steady on the turn.", **changes,
    )  # fmt: skip
    return record_assessment(assessment)


@pytest.mark.django_db
def test_a_past_berg_opens_with_its_items_and_words(login, therapist, patient):
    result = berg(patient, therapist)
    response = login(therapist).get(reverse("assessment_detail", args=[result.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "able to stand without using hands and stabilize independently" in html  # item 1: 4
    assert "tries to lift leg, unable to hold 3 seconds" in html  # item 14: 1
    assert "Steady on the turn." in html and str(therapist) in html
    assert "Correct this result" in html


@pytest.mark.django_db
def test_a_category_result_opens_with_its_words(login, physician, patient):
    mrs = AssessmentFactory(patient=patient, measure_id="MRS", value="3", assessed_by=physician)
    html = login(physician).get(reverse("assessment_detail", args=[mrs.pk])).content.decode()
    assert "Moderate disability; requiring some help, but able to walk without assistance" in html


@pytest.mark.django_db
def test_opening_a_result_is_in_the_access_log(login, ot_therapist, therapist, patient):
    result = berg(patient, therapist)
    login(ot_therapist).get(reverse("assessment_detail", args=[result.pk]))
    record = AccessRecord.objects.get(user=ot_therapist)
    assert (record.patient, record.kind, record.object_id) == (
        patient,
        AccessKind.RESULTS,
        result.pk,
    )


@pytest.mark.parametrize("role", ["outsider", "reception"])
@pytest.mark.django_db
def test_a_result_outside_ones_reach_is_404(login, people, therapist, patient, role):
    result = berg(patient, therapist)
    for name in ("assessment_detail", "assessment_correct"):
        assert login(people[role]).get(reverse(name, args=[result.pk])).status_code == 404
    assert not AccessRecord.objects.filter(user=people[role]).exists()


@pytest.mark.django_db
def test_the_result_page_only_reads(login, therapist, patient):
    result = berg(patient, therapist)
    client = login(therapist)
    assert client.post(reverse("assessment_detail", args=[result.pk])).status_code == 405
    assert client.put(reverse("assessment_correct", args=[result.pk])).status_code == 405


@pytest.mark.django_db
def test_the_chart_links_every_result_to_its_page(login, physician, therapist, patient):
    first = berg(patient, therapist)
    later = AssessmentFactory(patient=patient, measure_id="MRS", value="2", assessed_by=physician)
    html = login(physician).get(reverse("patient_detail", args=[patient.pk])).content.decode()
    for result in (first, later):
        assert reverse("assessment_detail", args=[result.pk]) in html
    assert 'id="all-results"' in html


@pytest.mark.django_db
def test_the_result_page_costs_the_same_whatever_its_history(
    login, therapist, patient, django_assert_max_num_queries
):
    result = berg(patient, therapist)
    client = login(therapist)
    url = reverse("assessment_detail", args=[result.pk])
    with django_assert_max_num_queries(12) as captured:
        assert client.get(url).status_code == 200
    few = len(captured)
    for n in range(5):
        correct_assessment(
            assessment=result, by=therapist, fields={"notes": f"Version {n}"}, reason="Typo."
        )
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200


# --- a result entered in error is corrected with a reason ----------------------------------


@pytest.mark.django_db
def test_the_assessor_corrects_a_result_with_a_reason(login, therapist, patient):
    result = berg(patient, therapist)
    client = login(therapist)
    url = reverse("assessment_correct", args=[result.pk])
    form = client.get(url).content.decode()
    assert AccessRecord.objects.filter(user=therapist, object_id=result.pk).count() == 1
    assert 'name="reason"' in form
    # Pre-filled from the result: item 1 was scored 4, item 14 scored 1.
    assert " checked" in radio(form, "item_item1", "4")
    assert " checked" in radio(form, "item_item14", "1")
    assert " checked" not in radio(form, "item_item1", "3")
    data = {f"item_{key}": "3" for key in BERG_ITEMS} | {
        "assessed_at": timezone.localtime(result.assessed_at).strftime(NOW),
        "notes": result.notes,
        "reason": "Item 1 was scored on the wrong patient's sheet.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.value == "42" and result.items["item1"] == 3
    assert result.corrected_by == therapist and result.correction_reason.startswith("Item 1")
    versions = list(result.history.order_by("history_date").values_list("value", flat=True))
    assert versions == ["41", "42"]  # the wrong result stays in the history
    html = client.get(reverse("assessment_detail", args=[result.pk])).content.decode()
    assert "Item 1 was scored on the wrong patient" in html and "41" in html


@pytest.mark.django_db
def test_a_correction_needs_a_reason(login, therapist, patient):
    result = berg(patient, therapist)
    data = {f"item_{key}": "3" for key in BERG_ITEMS} | {"assessed_at": now(), "reason": "  "}
    response = login(therapist).post(reverse("assessment_correct", args=[result.pk]), data)
    assert response.status_code == 200
    result.refresh_from_db()
    assert result.value == "41" and result.history.count() == 1


@pytest.mark.django_db
def test_a_correction_that_changes_nothing_is_refused(therapist, patient):
    result = berg(patient, therapist)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        correct_assessment(assessment=result, by=therapist, fields={}, reason="Checked.")


@pytest.mark.django_db
def test_a_physician_corrects_a_walk_from_its_seconds(login, physician, therapist, patient):
    walk = record_assessment(
        Assessment(
            patient=patient,
            measure_id="10MWT",
            walk_seconds=Decimal("8.4"),
            walking_aid="stick",
            assessed_by=therapist,
        )
    )
    data = {"seconds": "14", "walking_aid": "frame", "assessed_at": now(),
            "reason": "Stopwatch read from the wrong lap."}  # fmt: skip
    response = login(physician).post(reverse("assessment_correct", args=[walk.pk]), data)
    assert response.status_code == 302
    walk.refresh_from_db()
    assert (walk.value, walk.walk_seconds, walk.walking_aid) == ("0.71", Decimal(14), "frame")
    assert walk.corrected_by == physician


@pytest.mark.django_db
def test_another_therapist_on_the_team_may_not_correct(login, ot_therapist, therapist, patient):
    result = berg(patient, therapist)
    client = login(ot_therapist)
    assert client.get(reverse("assessment_correct", args=[result.pk])).status_code == 403
    assert not AccessRecord.objects.filter(user=ot_therapist).exists()  # nothing was shown
    page = client.get(reverse("assessment_detail", args=[result.pk])).content.decode()
    assert "Correct this result" not in page
    with pytest.raises(ValidationError, match="recorded it, or by a physician"):
        correct_assessment(
            assessment=result, by=ot_therapist, fields={"notes": "x"}, reason="Mine now."
        )


@pytest.mark.django_db
def test_an_assessor_off_the_team_may_not_correct(therapist, patient):
    result = berg(patient, therapist)
    for member in patient.care_team.filter(staff=therapist):
        member.end_date = timezone.localdate() - timedelta(days=1)
        member.save()
    with pytest.raises(ValidationError, match="does not record results"):
        correct_assessment(assessment=result, by=therapist, fields={"notes": "x"}, reason="r")
