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

REQUIRED_CONDITIONS = {
    "I63.9": "neurological",
    "I61.9": "neurological",
    "T09.3": "neurological",
    "G20": "neurological",
    "G35": "neurological",
    "S06.9": "neurological",
    "T14.4": "neurological",
    "M54.5": "orthopaedic",
    "M54.2": "orthopaedic",
    "M17.9": "orthopaedic",
    "M75.0": "orthopaedic",
    "Z47.89": "orthopaedic",
    "Z96.651": "orthopaedic",
    "S83.5": "orthopaedic",
}


def stage_mix(stage) -> dict[str, float]:
    return planned_mix(
        (a.discipline_id, a.sessions_per_week, a.minutes_per_session)
        for a in stage.allocations.all()
    )


def test_disciplines_measures_and_techniques():
    assert set(Discipline.objects.values_list("code", flat=True)) == {
        "PT", "OT", "NEURO", "SLT", "PSY"
    }  # fmt: skip
    assert OutcomeMeasure.objects.count() == 9
    for discipline in Discipline.objects.all():
        assert Technique.objects.filter(discipline=discipline).count() >= 3, discipline


def test_conditions_with_codes_categories_and_templates():
    conditions = {c.icd10: c for c in Condition.objects.select_related("template")}
    for code, category in REQUIRED_CONDITIONS.items():
        assert conditions[code].category == category, code
    neuro_rehab = {c for c, cond in conditions.items() if cond.needs_neuro_rehab}
    assert neuro_rehab == {"I63.9", "I61.9", "T09.3", "G20", "G35", "S06.9"}


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


def test_orthopaedic_template_is_mostly_physio_with_ot_for_joint_protection():
    ortho = PlanTemplate.objects.get(name="Orthopaedic")
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
        TemplateAllocation.objects.filter(stage__template=plan.template).values_list(
            "stage__order", "discipline", "sessions_per_week"
        )
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
        for code, (sessions, minutes) in stage["allocations"].items()
    )
    assert before[1] == expected_allocations
