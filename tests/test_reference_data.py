"""The data migration's catalogue and the draft plan built from a condition template."""

import itertools
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from domain.balance import planned_mix
from plans.models import Allocation, PlanStatus
from plans.services import create_plan_from_template, template_windows
from reference.models import (
    Condition,
    Discipline,
    OutcomeMeasure,
    PlanTemplate,
    Technique,
    TemplateAllocation,
    TemplateStage,
)
from tests.factories import DiagnosisFactory

pytestmark = pytest.mark.django_db

# WHO ICD-10 (2019 edition) codes, the classification India's ABDM uses.
REQUIRED_CONDITIONS = {
    "I63.9": "neurological",
    "I61.9": "neurological",
    "I60.9": "neurological",
    "I69.3": "neurological",
    "I69.4": "neurological",
    "T09.3": "neurological",
    "S14.1": "neurological",
    "S24.1": "neurological",
    "S34.1": "neurological",
    "G95.9": "neurological",
    "G82.2": "neurological",
    "G82.5": "neurological",
    "G61.0": "neurological",
    "G20": "neurological",
    "G35": "neurological",
    "S06.9": "neurological",
    "T14.4": "neurological",
    "M54.5": "orthopaedic",
    "M54.2": "orthopaedic",
    "M17.9": "orthopaedic",
    "M75.0": "orthopaedic",
    "Z50.1": "orthopaedic",
    "Z47.8": "orthopaedic",
    "S83.5": "orthopaedic",
}
NEURO_REHAB = {code for code, category in REQUIRED_CONDITIONS.items() if category == "neurological"}
NEURO_REHAB -= {"T14.4"}  # a peripheral nerve injury is physiotherapy's


def stage_mix(stage) -> dict[str, float]:
    return planned_mix(
        (a.discipline_id, a.sessions_per_week, a.minutes_per_session)
        for a in stage.allocations.standing()
    )


def test_disciplines_measures_and_techniques():
    assert set(Discipline.objects.values_list("code", flat=True)) == {
        "PT", "OT", "NEURO", "SLT", "PSY"
    }  # fmt: skip
    # Nine instruments, and six more for neuro-rehabilitation (issue 15).
    assert OutcomeMeasure.objects.count() == 15
    for discipline in Discipline.objects.all():
        assert Technique.objects.filter(discipline=discipline).count() >= 3, discipline


def test_conditions_with_codes_categories_and_templates():
    conditions = {c.icd10: c for c in Condition.objects.select_related("template")}
    for code, category in REQUIRED_CONDITIONS.items():
        assert conditions[code].category == category, code
    neuro_rehab = {c for c, cond in conditions.items() if cond.needs_neuro_rehab}
    assert neuro_rehab == NEURO_REHAB


def test_stroke_template_follows_the_five_srrr_phases():
    stroke = PlanTemplate.objects.get(conditions__icd10="I63.9")
    assert stroke.phase_rule == "stroke"
    assert list(stroke.stages.values_list("phase", flat=True)) == [
        "hyperacute", "acute", "early_subacute", "late_subacute", "chronic"
    ]  # fmt: skip


def test_stroke_mix_is_pt_heavy_early_and_ot_central_later():
    stages = list(PlanTemplate.objects.get(conditions__icd10="I63.9").stages.all())
    early = [stage_mix(stage) for stage in stages[:3]]
    later = [stage_mix(stage) for stage in stages[3:]]
    for mix in early:
        assert max(mix, key=mix.get) == "PT", mix
    for mix in later:
        assert max(mix, key=mix.get) == "OT", mix
    assert later[-1]["OT"] > later[0]["OT"] > early[-1]["OT"]


@pytest.mark.parametrize("name", ["Orthopaedic — spine and upper limb", "Orthopaedic — lower limb"])
def test_orthopaedic_templates_are_mostly_physio_with_ot_for_joint_protection(name):
    ortho = PlanTemplate.objects.get(name=name)
    assert list(ortho.stages.values_list("phase", flat=True)) == [
        "protection", "mobility", "strengthening", "return_to_function"
    ]  # fmt: skip
    first = stage_mix(ortho.stages.first())
    assert first["PT"] > 0.6 and first["OT"] > 0
    for stage in ortho.stages.all():
        assert max(stage_mix(stage), key=stage_mix(stage).get) == "PT"


def test_every_template_stage_has_allocations_and_ordered_windows():
    for template in PlanTemplate.objects.all():
        stages = list(template.stages.all())
        assert len(stages) >= 3, template
        for before, after in itertools.pairwise(stages):
            assert before.ends_after_days == after.starts_after_days, (template, before)
        assert stages[-1].ends_after_days is None
        for stage in stages:
            assert stage.allocations.exists(), stage


def test_exit_criteria_are_valid_results_of_their_measure():
    for stage in TemplateStage.objects.exclude(exit_measure=None):
        stage.full_clean()
    assert (
        TemplateStage.objects.get(
            template__phase_rule="stroke", phase="early_subacute"
        ).exit_criterion_label
        == "Berg Balance Scale ≥ 45"
    )


def test_the_stroke_template_meets_its_own_intensity_source():
    """It claimed at least 3 h a day (NICE NG236) while its early subacute stage planned
    675 min a week: 2.25 h a day over 5 days."""
    from reference.models import PlanTemplate

    stroke = PlanTemplate.objects.get(phase_rule="stroke")
    assert (stroke.daily_minutes_target, stroke.target_days_per_week) == (180, 5)
    assert "NG236" in stroke.intensity_source
    stroke.full_clean()
    early = TemplateStage.objects.get(template=stroke, phase="early_subacute")
    weekly = sum(a.weekly_minutes for a in early.allocations.all())
    assert weekly >= stroke.weekly_minutes_target == 900
    # Only a template whose source publishes a target has one.
    others = PlanTemplate.objects.exclude(pk=stroke.pk)
    assert all(t.daily_minutes_target is None and t.intensity_source == "" for t in others)


def test_an_intensity_target_needs_its_days_and_its_source():
    from django.core.exceptions import ValidationError

    from reference.models import PlanTemplate

    template = PlanTemplate.objects.exclude(phase_rule="stroke").first()
    template.daily_minutes_target = 120
    with pytest.raises(ValidationError, match="minutes and its days"):
        template.full_clean()
    template.target_days_per_week = 5
    with pytest.raises(ValidationError, match="Cite the target's source"):
        template.full_clean()


def test_plan_from_the_stroke_template_on_day_one(physician):
    onset_day = timezone.localdate() - timedelta(days=1)
    diagnosis = DiagnosisFactory(onset_date=onset_day, onset_time=time(8, 0))
    plan = create_plan_from_template(
        patient=diagnosis.patient,
        diagnosis=diagnosis,
        physician=physician,
        approach="team",
        start_date=onset_day,
    )
    stages = list(plan.stages.all())
    assert plan.status == PlanStatus.DRAFT and plan.template.phase_rule == "stroke"
    assert [s.phase for s in stages] == [
        "hyperacute", "acute", "early_subacute", "late_subacute", "chronic"
    ]  # fmt: skip
    assert stages[2].planned_start == onset_day + timedelta(days=7)
    assert stages[-1].planned_end is None
    copied = Allocation.objects.filter(stage__plan=plan)
    assert sorted(copied.values_list("stage__order", "discipline", "sessions_per_week")) == sorted(
        TemplateAllocation.objects.filter(
            stage__template=plan.template, only_with_problem=""
        ).values_list("stage__order", "discipline", "sessions_per_week")
    )
    assert stages[2].exit_criterion_label == "Berg Balance Scale ≥ 45"
    assert plan.history.count() == 1 and stages[0].allocations.first().history.count() == 1


def test_stroke_windows_use_calendar_months():
    diagnosis = DiagnosisFactory.build(onset_date=date(2025, 11, 30), onset_time=time(22, 0))
    template = PlanTemplate.objects.get(phase_rule="stroke")
    windows = template_windows(template, diagnosis.onset)
    assert windows[0] == (date(2025, 11, 30), date(2025, 11, 30))
    assert windows[1][0] == date(2025, 12, 1)
    assert windows[3][0] == date(2026, 2, 28)
    assert windows[4] == (date(2026, 5, 30), None)


def test_a_late_referral_skips_stages_already_over(physician):
    diagnosis = DiagnosisFactory(onset_date=timezone.localdate() - timedelta(days=20))
    plan = create_plan_from_template(
        patient=diagnosis.patient,
        diagnosis=diagnosis,
        physician=physician,
        approach="team",
        start_date=timezone.localdate(),
    )
    stages = list(plan.stages.all())
    assert [s.phase for s in stages] == ["early_subacute", "late_subacute", "chronic"]
    assert [s.order for s in stages] == [1, 2, 3]
    assert stages[0].planned_start == timezone.localdate()


def test_orthopaedic_windows_are_days_since_onset(physician):
    onset = timezone.localdate() - timedelta(days=3)
    diagnosis = DiagnosisFactory(condition=Condition.objects.get(icd10="M54.5"), onset_date=onset)
    plan = create_plan_from_template(
        patient=diagnosis.patient,
        diagnosis=diagnosis,
        physician=physician,
        approach="physio",
        start_date=onset,
    )
    windows = [(s.planned_start, s.planned_end) for s in plan.stages.all()]
    assert windows[0] == (onset, onset + timedelta(days=13))
    assert windows[1] == (onset + timedelta(days=14), onset + timedelta(days=41))
    assert windows[-1] == (onset + timedelta(days=84), None)


def test_stroke_windows_are_clinic_dates_for_a_night_onset():
    """00:30 in Pune is the previous evening in UTC; the stage dates stay Pune dates."""
    diagnosis = DiagnosisFactory.build(onset_date=date(2026, 3, 10), onset_time=time(0, 30))
    template = PlanTemplate.objects.get(phase_rule="stroke")
    windows = template_windows(template, diagnosis.onset)
    assert windows[0][0] == date(2026, 3, 10)
    assert windows[1][0] == date(2026, 3, 11)
    assert windows[3][0] == date(2026, 6, 10)


def test_a_plan_cannot_use_another_patients_diagnosis(physician):
    diagnosis = DiagnosisFactory()
    other = DiagnosisFactory()
    with pytest.raises(ValidationError, match="another patient"):
        create_plan_from_template(
            patient=other.patient,
            diagnosis=diagnosis,
            physician=physician,
            approach="team",
            start_date=timezone.localdate(),
        )


def test_a_stroke_template_stage_outside_the_stroke_phases_uses_its_day_window():
    template = PlanTemplate.objects.get(phase_rule="stroke")
    chronic = template.stages.get(phase="chronic")
    chronic.phase = "maintenance"
    chronic.save()
    diagnosis = DiagnosisFactory.build(onset_date=date(2026, 1, 1), onset_time=time(9, 0))
    windows = template_windows(template, diagnosis.onset)
    assert windows[-1] == (date(2026, 1, 1) + timedelta(days=180), None)


def test_the_migrated_catalogue_is_the_living_catalogue():
    """Migrations leave the database as ``reference/catalogue.py`` says; applying the
    catalogue again changes nothing (it finds rows by their natural keys)."""
    from django.apps import apps

    from reference import catalogue
    from reference.loader import apply_catalogue

    def snapshot():
        return (
            sorted(Condition.objects.values_list("name", "icd10", "template__name")),
            sorted(
                TemplateAllocation.objects.values_list(
                    "stage__template__name",
                    "stage__order",
                    "discipline_id",
                    "sessions_per_week",
                    "minutes_per_session",
                )
            ),
            sorted(TemplateStage.objects.values_list("template__name", "order", "exit_value")),
        )

    before = snapshot()
    apply_catalogue(apps)
    assert snapshot() == before
    assert {name for name, _, _ in before[0]} == {spec["name"] for spec in catalogue.CONDITIONS}
    expected_allocations = sorted(
        (spec["name"], order, code, sessions, minutes)
        for spec in catalogue.TEMPLATES
        for order, stage in enumerate(spec["stages"], start=1)
        for mix in [stage["allocations"], *stage.get("allocations_with_problem", {}).values()]
        for code, (sessions, minutes) in mix.items()
    )
    assert before[1] == expected_allocations


def test_only_the_orthopaedic_protection_stage_needs_its_window(physician):
    """Pain settling on day 2 is no sign the tissue has healed: the Protection stage's
    NPRS exit counts only once its window has run; a plan copies the rule."""
    assert set(
        TemplateStage.objects.filter(exit_needs_window=True).values_list("template__name", "name")
    ) == {
        ("Orthopaedic", "Protection"),
        ("Orthopaedic — spine and upper limb", "Protection"),
        ("Orthopaedic — lower limb", "Protection"),
    }
    assert not TemplateStage.objects.filter(exit_needs_window__isnull=True).exists()
    diagnosis = DiagnosisFactory(condition=Condition.objects.get(name="Low back pain"))
    plan = create_plan_from_template(
        patient=diagnosis.patient, diagnosis=diagnosis, physician=physician, approach="physio",
        start_date=diagnosis.onset_date,
    )  # fmt: skip
    assert [(s.name, s.exit_needs_window) for s in plan.stages.order_by("order")][:2] == [
        ("Protection", True),
        ("Mobility", False),
    ]
    protection = plan.stages.get(name="Protection")
    assert protection.exit_criterion_label == (
        "Numeric Pain Rating Scale ≤ 3, once the planned window has run"
    )


def test_every_code_is_who_icd10_not_icd10_cm():
    """WHO ICD-10 (2019) codes are a letter, two digits and at most one digit after the point;
    ICD-10-CM's longer codes (Z47.89, Z96.651) do not exist in it."""
    import re

    codes = set(Condition.objects.values_list("icd10", flat=True))
    assert all(re.fullmatch(r"[A-Z]\d\d(\.\d)?", code) for code in codes), codes
    assert not codes & {"Z47.89", "Z96.651"}
    assert Condition.objects.get(icd10="Z47.8").name == "Knee replacement aftercare"
    assert Condition.objects.get(icd10="Z50.1").name == "Post-fracture aftercare"
    assert Condition.objects.get(icd10="S83.5").name == "Cruciate ligament sprain of the knee"


def test_new_neurological_conditions_have_their_templates():
    template = dict(Condition.objects.values_list("icd10", "template__name"))
    for code in ["I60.9", "I69.3", "I69.4"]:
        assert template[code] == "Stroke and intracerebral haemorrhage", code
    for code in ["G61.0", "G82.2", "G82.5", "G95.9", "S14.1", "S24.1", "S34.1"]:
        assert template[code] == "Spinal cord injury", code


def test_corrected_codes_and_names_keep_the_row_and_its_diagnoses():
    """Codes are corrected in place, and a renamed condition keeps its row: a diagnosis
    recorded under the old code or name follows."""
    from django.apps import apps

    from reference.loader import apply_catalogue

    knee = Condition.objects.get(icd10="Z47.8")
    sprain = Condition.objects.get(icd10="S83.5")
    Condition.objects.filter(pk=knee.pk).update(icd10="Z96.651")
    Condition.objects.filter(pk=sprain.pk).update(name="Ligament or tendon sports injury")
    on_knee = DiagnosisFactory(condition=knee)
    on_sprain = DiagnosisFactory(condition=sprain)
    count = Condition.objects.count()
    apply_catalogue(apps)
    assert Condition.objects.count() == count
    on_knee.refresh_from_db()
    on_sprain.refresh_from_db()
    assert on_knee.condition.icd10 == "Z47.8"
    assert on_sprain.condition.name == "Cruciate ligament sprain of the knee"


def test_each_orthopaedic_condition_exits_strengthening_on_a_measure_that_fits():
    """TUG ≤ 10 is met at baseline by most neck, back and shoulder patients: only the lower
    limb template exits strengthening on it; no condition uses the retired template."""
    strengthening = {
        stage.template.name: stage.exit_criterion_label
        for stage in TemplateStage.objects.filter(phase="strengthening").select_related("template")
    }
    assert strengthening["Orthopaedic — spine and upper limb"] == ""
    assert strengthening["Orthopaedic — lower limb"] == "Timed Up and Go ≤ 10"
    template = dict(Condition.objects.values_list("icd10", "template__name"))
    for code in ["M54.5", "M54.2", "M75.0", "T14.4"]:
        assert template[code] == "Orthopaedic — spine and upper limb", code
    for code in ["M17.9", "Z47.8", "Z50.1", "S83.5"]:
        assert template[code] == "Orthopaedic — lower limb", code
    assert not Condition.objects.filter(template__name="Orthopaedic").exists()


def test_corrected_doses_and_thresholds():
    # Shah et al. 1989: 61-90 is moderate dependence; the ADL stage exits at slight (≥ 91).
    late = TemplateStage.objects.get(template__phase_rule="stroke", phase="late_subacute")
    assert late.exit_criterion_label == "Barthel Index ≥ 95"
    # LSVT LOUD: 4 × 60 min a week.
    intensive = TemplateStage.objects.get(
        template__name="Parkinson's disease and multiple sclerosis", phase="intensive"
    )
    slt = intensive.allocations.get(discipline="SLT")
    assert (slt.sessions_per_week, slt.minutes_per_session) == (4, 60)


@pytest.mark.parametrize(("problems", "slt"), [({"speech"}, (3, 45)), ({"mobility"}, None)])
def test_aphasia_keeps_speech_therapy_in_the_stroke_chronic_stage(physician, problems, slt):
    from plans.services import start_plan_from_triage

    onset_day = timezone.localdate() - timedelta(days=200)
    diagnosis = DiagnosisFactory(onset_date=onset_day, onset_time=time(8, 0))
    plan = start_plan_from_triage(
        patient=diagnosis.patient,
        diagnosis=diagnosis,
        physician=physician,
        approach="team",
        start_date=timezone.localdate(),
        problems=problems,
    )
    [chronic] = plan.stages.all()
    assert chronic.phase == "chronic"
    found = (
        chronic.allocations.filter(discipline="SLT")
        .values_list("sessions_per_week", "minutes_per_session")
        .first()
    )
    assert found == slt
    assert {"PT", "NEURO", "OT", "PSY"} <= set(
        chronic.allocations.values_list("discipline", flat=True)
    )
