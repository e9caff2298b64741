"""Write operations on plans: small typed functions that validate, then write atomically."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans import phases
from plans.models import Allocation, RehabPlan, Stage
from reference.models import PhaseRule, PlanTemplate


def template_windows(template: PlanTemplate, onset) -> list[tuple[date, date | None]]:
    """Each template stage's planned [start, end] dates for a diagnosis with this onset.

    Stroke templates follow the SRRR phases through ``phases.stroke_phase_starts`` (calendar
    months, 24 h from the onset time); other templates use their day windows.
    """
    stages = list(template.stages.all())
    onset_day = timezone.localtime(onset).date()
    stroke_starts = (
        phases.stroke_phase_starts(onset) if template.phase_rule == PhaseRule.STROKE else {}
    )
    begin = [
        timezone.localtime(stroke_starts[stage.phase]).date()
        if stage.phase in stroke_starts
        else onset_day + timedelta(days=stage.starts_after_days)
        for stage in stages
    ]
    windows = []
    for index, stage in enumerate(stages):
        if index + 1 < len(stages):
            end = max(begin[index], begin[index + 1] - timedelta(days=1))
        elif stage.ends_after_days is not None:
            end = onset_day + timedelta(days=stage.ends_after_days - 1)
        else:
            end = None
        windows.append((begin[index], end))
    return windows


@transaction.atomic
def create_plan_from_template(
    *, patient, diagnosis, physician, approach: str, start_date: date, review_in_days: int = 28
) -> RehabPlan:
    """A draft plan with the condition template's stages still ahead of ``start_date``.

    Stages whose window ended before the plan starts are left out: a patient referred on
    day 20 after a stroke starts in the early subacute stage.
    """
    if diagnosis.patient_id != patient.pk:
        raise ValidationError("That diagnosis belongs to another patient.")
    template = diagnosis.condition.template
    plan = RehabPlan.objects.create(
        patient=patient,
        diagnosis=diagnosis,
        template=template,
        lead_physician=physician,
        approach=approach,
        start_date=start_date,
        review_date=start_date + timedelta(days=review_in_days),
    )
    template_stages = list(template.stages.prefetch_related("allocations"))
    windows = template_windows(template, diagnosis.onset)
    order = 0
    for template_stage, (begin, end) in zip(template_stages, windows, strict=True):
        if end is not None and end < start_date:
            continue
        order += 1
        stage = Stage.objects.create(
            plan=plan,
            order=order,
            name=template_stage.name,
            phase=template_stage.phase,
            planned_start=max(begin, start_date),
            planned_end=end,
            focus=template_stage.focus,
            exit_measure_id=template_stage.exit_measure_id,
            exit_value=template_stage.exit_value,
        )
        bulk_create_with_history(
            [
                Allocation(
                    stage=stage,
                    discipline_id=allocation.discipline_id,
                    sessions_per_week=allocation.sessions_per_week,
                    minutes_per_session=allocation.minutes_per_session,
                )
                for allocation in template_stage.allocations.all()
            ],
            Allocation,
        )
    return plan
