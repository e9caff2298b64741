"""Baseline severity on a diagnosis: the domain rules, the physician's page, the chart and
the triage that use it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from domain import severity
from domain.severity import Baseline, group_for_icd10, problems, tbi_severity
from domain.triage import triage
from patients import diagnoses
from patients.models import DiagnosisSeverity
from plans.services import baseline_of, start_plan_from_triage
from reference.catalogue import CONDITIONS
from reference.models import Condition
from tests.factories import DiagnosisFactory, DiagnosisSeverityFactory
from tests.queries import page_queries, refused_by_database

TODAY = timezone.localdate()

# --- domain --------------------------------------------------------------------------------


def test_every_catalogue_condition_falls_in_the_group_of_its_template():
    """The ICD-10 blocks put each stroke, cord and brain injury condition in its group, and
    nothing else (Guillain-Barré shares the cord template but is a nerve disease)."""
    expected = {
        "Stroke and intracerebral haemorrhage": severity.STROKE,
        "Spinal cord injury": severity.SCI,
        "Acquired brain injury": severity.TBI,
    }
    for condition in CONDITIONS:
        want = expected.get(condition["template"])
        if condition["name"] == "Guillain-Barré syndrome":
            want = None
        assert group_for_icd10(condition["icd10"]) == want, condition["name"]
    assert group_for_icd10("G45.9") is None  # TIA: not a stroke in ICD-10


@pytest.mark.parametrize(
    ("gcs", "pta", "band"),
    [
        (15, None, "mild"),
        (13, 1, "mild"),
        (12, None, "moderate"),
        (9, 0, "moderate"),
        (8, None, "severe"),
        (3, None, "severe"),
        (None, 2, "moderate"),
        (None, 7, "moderate"),
        (None, 8, "severe"),
        (14, 21, "severe"),  # the worse of the two decides (VA/DoD 2016)
        (None, None, None),
    ],
)
def test_tbi_severity_bands(gcs, pta, band):
    assert tbi_severity(gcs, pta) == band


def test_levels_run_from_head_to_tail():
    assert severity.NEUROLOGICAL_LEVELS[0] == "C1"
    assert severity.NEUROLOGICAL_LEVELS[-1] == "S4-5"
    assert len(severity.NEUROLOGICAL_LEVELS) == 29
    assert severity.at_or_above("T4", "T6") and not severity.at_or_above("T7", "T6")
    assert severity.is_tetraplegia("C5") and not severity.is_tetraplegia("T1")


def test_aphasia_neglect_and_dysphagia_become_triage_problems():
    stroke = Baseline(group=severity.STROKE, aphasia=True, neglect=True, dysphagia=True)
    assert set(problems(stroke)) == {"speech", "neglect_vision", "swallowing"}
    assert problems(Baseline(group=severity.STROKE, aphasia=False, neglect=None)) == {}
    assert problems(None) == {}


def test_aphasia_at_baseline_brings_speech_therapy_with_its_reason():
    result = triage(
        {"mobility"}, "neurological", True, Baseline(group=severity.STROKE, aphasia=True)
    )
    assert "SLT" in result.disciplines
    assert any("Aphasia at baseline" in why for why in result.reasons["SLT"])
    assert result.approach == "team"
    assert result.problems({"mobility"}) == {"mobility", "speech"}


def test_neglect_at_baseline_brings_occupational_therapy():
    without = triage({"mobility"}, "neurological", True)
    assert "OT" not in without.disciplines
    result = triage(
        {"mobility"}, "neurological", True, Baseline(group=severity.STROKE, neglect=True)
    )
    assert "OT" in result.disciplines
    assert any("Neglect at baseline" in why for why in result.reasons["OT"])


def test_cord_and_brain_injury_rules():
    tetraplegia = Baseline(group=severity.SCI, neurological_level="C6", ais_grade="A")
    assert set(problems(tetraplegia)) == {"hand_function"}
    assert problems(Baseline(group=severity.SCI, neurological_level="T4", ais_grade="A")) == {}
    assert set(problems(Baseline(group=severity.TBI, gcs=7, pta_days=30))) == {"memory"}
    assert problems(Baseline(group=severity.TBI, gcs=15, pta_days=0)) == {}
    # A stroke field on another group's facts says nothing.
    assert problems(Baseline(group=severity.SCI, aphasia=True)) == {}


# --- the plan from the template ---------------------------------------------------------------


@pytest.fixture
def stroke(patient):
    # Onset today: a plan from it has every stage of the stroke template.
    return DiagnosisFactory(patient=patient, onset_date=TODAY)


def _plan(patient, diagnosis, physician):
    return start_plan_from_triage(
        patient=patient,
        diagnosis=diagnosis,
        physician=physician,
        approach="team",
        start_date=TODAY,
        problems={"mobility"},
    )


def _slt_stages(plan) -> list[bool]:
    return [
        stage.allocations.filter(discipline_id="SLT").exists()
        for stage in plan.stages.order_by("order")
    ]


def test_aphasia_at_baseline_keeps_speech_therapy_in_every_stroke_stage(patient, stroke, physician):
    assert _slt_stages(_plan(patient, stroke, physician)) == [True, True, True, True, False]
    DiagnosisSeverityFactory(diagnosis=stroke, aphasia=True)
    stroke.refresh_from_db()
    plan = _plan(patient, DiagnosisFactory(patient=patient, onset_date=TODAY, is_primary=False),
                 physician)  # fmt: skip
    assert _slt_stages(plan) == [True, True, True, True, False]  # no severity on this one
    plan = _plan(patient, stroke, physician)
    assert _slt_stages(plan) == [True] * 5
    assert "speech" in plan.triage_problems
    assert any("Aphasia at baseline" in why for why in plan.suggested_reasons["SLT"])


# --- the model -----------------------------------------------------------------------------


def test_the_database_refuses_out_of_range_and_other_groups_fields(stroke):
    record = DiagnosisSeverityFactory(diagnosis=stroke)
    table = DiagnosisSeverity._meta.db_table
    for assignment in ("nihss = 43", "prestroke_mrs = 6", "gcs = 2", "ais_grade = 'F'",
                       "neurological_level = 'T13'", "pta_days = 400"):  # fmt: skip
        assert refused_by_database(f"UPDATE {table} SET {assignment} WHERE id = %s", [record.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        DiagnosisSeverity.objects.create(
            diagnosis=DiagnosisFactory(patient=stroke.patient, is_primary=False),
            group="stroke",
            assessed_on=TODAY,
            gcs=9,  # a brain injury's field on a stroke
        )


def test_a_stroke_type_that_contradicts_the_code_is_refused(stroke, physician):
    with pytest.raises(ValidationError) as refused:
        diagnoses.record_severity(
            diagnosis=stroke,
            by=physician,
            values={"assessed_on": TODAY, "stroke_type": "haemorrhagic"},
        )
    assert "stroke_type" in refused.value.message_dict
    assert not DiagnosisSeverity.objects.exists()


def test_only_a_physician_records_it(stroke, therapist):
    with pytest.raises(ValidationError):
        diagnoses.record_severity(diagnosis=stroke, by=therapist, values={"assessed_on": TODAY})


# --- the page ----------------------------------------------------------------------------


def _url(diagnosis):
    return reverse("patient_diagnosis_severity", args=[diagnosis.patient_id, diagnosis.pk])


STROKE_POST = {
    "assessed_on": TODAY.isoformat(),
    "stroke_type": "ischaemic",
    "side": "left",
    "ocsp": "pacs",
    "nihss": "12",
    "prestroke_mrs": "1",
    "aphasia": "true",
    "neglect": "false",
    "dysphagia": "unknown",
}


def test_the_physician_records_a_strokes_severity_and_the_chart_shows_it(
    login, physician, therapist, stroke
):
    client = login(physician)
    page = client.get(_url(stroke))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="nihss"' in body and 'name="gcs"' not in body and 'name="ais_grade"' not in body
    assert 'name="reason"' not in body  # a first record needs none
    assert page.context["form"]["stroke_type"].value() == "ischaemic"  # from I63.9
    response = client.post(_url(stroke), STROKE_POST)
    assert response.status_code == 302
    record = DiagnosisSeverity.objects.get(diagnosis=stroke)
    assert (record.group, record.nihss, record.aphasia, record.neglect, record.dysphagia) == (
        "stroke", 12, True, False, None,
    )  # fmt: skip
    chart = login(therapist).get(reverse("patient_detail", args=[stroke.patient_id]))
    text = chart.content.decode()
    assert "NIHSS 12" in text and "aphasia" in text and "no neglect" in text
    assert "Record baseline severity" not in text and _url(stroke) not in text  # reads only


@pytest.mark.parametrize(
    ("post", "field", "message"),
    [
        ({"nihss": "43"}, "nihss", "The NIHSS runs from 0 to 42."),
        ({"nihss": "-1"}, "nihss", "The NIHSS runs from 0 to 42."),
        ({"prestroke_mrs": "6"}, "prestroke_mrs", "The pre-stroke mRS runs from 0 to 5."),
        ({"side": "up"}, "side", None),
        ({"assessed_on": (TODAY + timedelta(days=1)).isoformat()}, "assessed_on", None),
        ({"stroke_type": "subarachnoid"}, "stroke_type", None),
    ],
)
def test_bad_stroke_input_is_a_form_error(login, physician, stroke, post, field, message):
    response = login(physician).post(_url(stroke), {**STROKE_POST, **post})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert message in errors[field]
    assert not DiagnosisSeverity.objects.exists()


def test_a_brain_injury_gets_gcs_and_pta_and_a_gcs_of_2_is_refused(login, physician, patient):
    tbi = DiagnosisFactory(
        patient=patient, condition=Condition.objects.get(icd10="S06.9"), is_primary=False
    )
    client = login(physician)
    body = client.get(_url(tbi)).content.decode()
    assert 'name="gcs"' in body and 'name="nihss"' not in body
    refused = client.post(_url(tbi), {"assessed_on": TODAY.isoformat(), "gcs": "2"})
    assert refused.status_code == 200
    assert "The GCS runs from 3 to 15." in refused.context["form"].errors["gcs"]
    # A NIHSS posted to a brain injury's form is not one of its fields: ignored, not saved.
    saved = client.post(
        _url(tbi), {"assessed_on": TODAY.isoformat(), "gcs": "7", "pta_days": "21", "nihss": "9"}
    )
    assert saved.status_code == 302
    record = DiagnosisSeverity.objects.get(diagnosis=tbi)
    assert (record.gcs, record.pta_days, record.nihss, record.tbi_severity) == (
        7,
        21,
        None,
        "Severe",
    )


def test_a_cord_injury_gets_level_and_grade(login, physician, patient):
    sci = DiagnosisFactory(
        patient=patient, condition=Condition.objects.get(icd10="S24.1"), is_primary=False
    )
    client = login(physician)
    refused = client.post(_url(sci), {"assessed_on": TODAY.isoformat(), "ais_grade": "F"})
    assert "ais_grade" in refused.context["form"].errors
    client.post(
        _url(sci), {"assessed_on": TODAY.isoformat(), "neurological_level": "T4", "ais_grade": "A"}
    )
    record = DiagnosisSeverity.objects.get(diagnosis=sci)
    assert record.facts() == ["level T4 (paraplegia)", "AIS A"]


def test_a_condition_without_a_group_has_no_severity_page(login, physician, patient):
    knee = DiagnosisFactory(
        patient=patient, condition=Condition.objects.get(icd10="M17.9"), is_primary=False
    )
    assert login(physician).get(_url(knee)).status_code == 404


def test_access_as_the_rest_of_the_diagnosis(login, people, stroke):
    url = _url(stroke)
    assert login(people["physician"]).get(url).status_code == 200
    assert login(people["therapist"]).get(url).status_code == 403
    assert login(people["outsider"]).get(url).status_code == 404
    assert login(people["outsider"]).post(url, STROKE_POST).status_code == 404
    assert login(people["reception"]).post(url, STROKE_POST).status_code == 403
    assert login(people["admin"]).get(url).status_code == 403
    for method in ("put", "delete", "patch"):
        assert getattr(login(people["physician"]), method)(url).status_code == 405
    assert not DiagnosisSeverity.objects.exists()


def test_a_correction_needs_a_reason_and_history_keeps_every_version(login, physician, stroke):
    client = login(physician)
    client.post(_url(stroke), STROKE_POST)
    page = client.get(_url(stroke))
    assert page.context["form"].initial["nihss"] == 12
    refused = client.post(_url(stroke), {**STROKE_POST, "nihss": "14"})
    assert "reason" in refused.context["form"].errors
    assert DiagnosisSeverity.objects.get().nihss == 12
    client.post(_url(stroke), {**STROKE_POST, "nihss": "14", "reason": "Rescored on the ward"})
    record = DiagnosisSeverity.objects.get()
    assert record.nihss == 14
    versions = list(record.history.order_by("history_date").values_list("nihss", flat=True))
    assert versions == [12, 14]
    assert record.history.first().history_change_reason == "Corrected: Rescored on the ward"
    assert record.history.first().history_user == physician
    history = client.get(reverse("patient_history", args=[stroke.patient_id])).content.decode()
    assert "Baseline severity #" in history and "Rescored on the ward" in history


def test_a_diagnosis_entered_in_error_takes_no_severity(login, physician, stroke):
    diagnoses.enter_in_error(diagnosis=stroke, by=physician, reason="Wrong patient")
    assert login(physician).get(_url(stroke)).status_code == 404


# --- the chart and the triage page ----------------------------------------------------------


def test_the_triage_page_shows_the_baseline_and_uses_it(login, physician, stroke):
    DiagnosisSeverityFactory(diagnosis=stroke, aphasia=True, neglect=True)
    client = login(physician)
    url = reverse("plan_triage", args=[stroke.patient_id])
    assert "NIHSS 8" in client.get(url).content.decode()
    response = client.post(url, {"diagnosis": stroke.pk, "main_problem": "mobility"})
    body = response.content.decode()
    assert "Aphasia at baseline" in body and "Neglect at baseline" in body
    assert set(response.context["start_form"].initial["problems"]) == {
        "mobility", "speech", "neglect_vision",
    }  # fmt: skip


def test_the_chart_and_triage_cost_the_same_with_a_severity(login, physician, patient, plan):
    client = login(physician)
    chart = reverse("patient_detail", args=[patient.pk])
    triage_url = reverse("plan_triage", args=[patient.pk])
    before = page_queries(client, chart), page_queries(client, triage_url)
    DiagnosisSeverityFactory(diagnosis=plan.diagnosis)
    for _ in range(3):
        other = DiagnosisFactory(patient=patient, is_primary=False)
        DiagnosisSeverityFactory(diagnosis=other, neglect=True)
    assert (page_queries(client, chart), page_queries(client, triage_url)) == before


def test_the_model_choices_are_the_domains_codes():
    from patients.models import SeverityGroup

    assert sorted(SeverityGroup.values) == sorted(severity.GROUPS)
    field = DiagnosisSeverity._meta.get_field
    assert [code for code, _ in field("neurological_level").choices] == list(
        severity.NEUROLOGICAL_LEVELS
    )
    assert [code for code, _ in field("ocsp").choices] == list(severity.OCSP)
    assert [code for code, _ in field("ais_grade").choices] == list(severity.AIS_GRADES)


def test_a_record_saved_meanwhile_is_not_overwritten_by_a_first_record_form(
    login, physician, stroke
):
    client = login(physician)
    client.get(_url(stroke))  # both physicians open the empty form
    diagnoses.record_severity(
        diagnosis=stroke, by=physician, values={"assessed_on": TODAY, "nihss": 20}
    )
    response = client.post(_url(stroke), {"assessed_on": TODAY.isoformat(), "nihss": "3"})
    assert response.status_code == 200
    # The page now asks for a correction's reason; the service refuses the same way when the
    # other record lands between the page's read and its write.
    assert "reason" in response.context["form"].errors
    assert DiagnosisSeverity.objects.get().nihss == 20
    with pytest.raises(ValidationError, match="recorded already"):
        diagnoses.record_severity(
            diagnosis=stroke, by=physician, values={"assessed_on": TODAY, "nihss": 3}
        )


def test_the_admin_shows_a_severity_and_writes_none(login, admin_user, stroke):
    record = DiagnosisSeverityFactory(diagnosis=stroke)
    client = login(admin_user)
    base = "/admin/patients/diagnosisseverity/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{record.pk}/change/").status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    client.post(f"{base}{record.pk}/change/", {"assessed_on": TODAY.isoformat(), "nihss": "2"})
    record.refresh_from_db()
    assert record.nihss == 8


def test_a_record_of_another_group_than_the_condition_s_is_refused(stroke):
    record = DiagnosisSeverity(diagnosis=stroke, group="tbi", assessed_on=TODAY, gcs=9)
    with pytest.raises(ValidationError, match="takes no tbi severity"):
        record.full_clean()


# --- a diagnosis corrected after its severity was recorded ---------------------------------


def _correct_to(diagnosis, icd10, physician):
    diagnosis.condition = Condition.objects.get(icd10=icd10)
    return diagnoses.correct(diagnosis=diagnosis, by=physician, reason="Imaging reviewed")


@pytest.mark.parametrize(
    ("icd10", "plain"),
    [("S06.9", "a brain injury"), ("I61.9", "a haemorrhage, not an infarction")],
)
def test_a_corrected_condition_leaves_its_old_severity_out_of_triage(
    login, physician, patient, stroke, icd10, plain
):
    DiagnosisSeverityFactory(diagnosis=stroke, aphasia=True, neglect=True)
    _correct_to(stroke, icd10, physician)
    stroke = type(stroke).objects.select_related("condition", "severity").get(pk=stroke.pk)
    assert baseline_of(stroke) is None, plain
    assert stroke.baseline_severity is None
    assert stroke.outdated_severity.recorded_for == "an ischaemic stroke"
    plan = _plan(patient, stroke, physician)
    assert "speech" not in plan.triage_problems and "neglect_vision" not in plan.triage_problems
    client = login(physician)
    triage_page = client.post(
        reverse("plan_triage", args=[patient.pk]),
        {"diagnosis": stroke.pk, "main_problem": "mobility"},
    ).content.decode()
    assert "Aphasia at baseline" not in triage_page and "NIHSS 8" not in triage_page
    chart = client.get(reverse("patient_detail", args=[patient.pk])).content.decode()
    assert "Baseline severity recorded for an ischaemic stroke:" in chart
    assert ">re-record</a>" in chart and "NIHSS 8" not in chart


def test_an_outdated_severity_is_recorded_again_from_the_new_codes_type(login, physician, stroke):
    DiagnosisSeverityFactory(diagnosis=stroke)
    _correct_to(stroke, "I61.9", physician)
    client = login(physician)
    page = client.get(_url(stroke))
    assert page.context["form"]["stroke_type"].value() == "haemorrhagic"  # not the old record's
    post = {**STROKE_POST, "stroke_type": "haemorrhagic", "reason": "Diagnosis corrected to ICH"}
    assert client.post(_url(stroke), post).status_code == 302
    stroke.refresh_from_db()
    assert stroke.baseline_severity.stroke_type == "haemorrhagic"
    assert stroke.outdated_severity is None


def test_a_severity_corrected_to_another_group_is_recorded_again(login, physician, stroke):
    DiagnosisSeverityFactory(diagnosis=stroke)
    _correct_to(stroke, "S06.9", physician)
    post = {"assessed_on": TODAY.isoformat(), "gcs": "7", "pta_days": "", "reason": "Now TBI"}
    assert login(physician).post(_url(stroke), post).status_code == 302
    record = DiagnosisSeverity.objects.get(diagnosis=stroke)
    assert (record.group, record.gcs, record.nihss, record.stroke_type) == ("tbi", 7, None, None)
    stroke.refresh_from_db()
    assert baseline_of(stroke).tbi_severity == "severe"


def test_a_record_fits_only_its_groups_codes_and_their_named_type():
    assert severity.record_fits("I63.9", "stroke", "ischaemic")
    assert severity.record_fits("I69.3", "stroke", "haemorrhagic")  # sequelae name no type
    assert not severity.record_fits("I61.9", "stroke", "ischaemic")
    assert not severity.record_fits("S06.9", "stroke", None)
    assert not severity.record_fits("G61.0", "sci", None)


def test_the_gcs_asked_for_is_the_best_in_the_first_24_hours():
    """VA/DoD 2016 grades the best available GCS in the first 24 hours, not the worst; its
    day bands are its own, not Russell & Smith's (who call 1-7 days of PTA severe)."""
    from patients.forms import SeverityForm

    model_text = DiagnosisSeverity._meta.get_field("gcs").help_text
    form_text = SeverityForm(group="tbi").fields["gcs"].help_text
    for text in (model_text, form_text):
        assert text.startswith("Best in the first 24 hours") and "VA/DoD 2016" in text
    assert "best available score" in tbi_severity.__doc__
    assert "1-7 days severe" in tbi_severity.__doc__  # Russell & Smith's, told apart
