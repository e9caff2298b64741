"""Reads about plans that several pages share: the current and next stage, and the
suggestion to move on (its rules are ``domain.advance``'s)."""

from django.utils import timezone

from domain.advance import Result, StageFacts, advance_reasons
from plans.models import PlanStatus, RehabPlan, Stage, StageStatus
from reference.models import PhaseRule


def current_and_next_stage(stages) -> tuple[Stage | None, Stage | None]:
    ordered = sorted(stages, key=lambda stage: stage.order)
    current = next((s for s in ordered if s.status == StageStatus.CURRENT), None)
    if current is None:
        return None, None
    following = next(
        (s for s in ordered if s.order > current.order and s.status == StageStatus.UPCOMING),
        None,
    )
    return current, following


def advance_suggestion(plan: RehabPlan, stages, latest_results: dict) -> list[str]:
    """Why ``plan`` could move to its next stage now (empty: no suggestion).

    ``stages`` are the plan's stages; ``latest_results`` maps a measure code to its latest
    (value, moment) for the patient. Both come from the caller so that pages listing many
    plans fetch them in a constant number of queries.
    """
    if plan.status != PlanStatus.ACTIVE:
        return []
    current, following = current_and_next_stage(stages)
    if current is None:
        return []
    latest = None
    if current.exit_measure_id and current.exit_measure_id in latest_results:
        value, moment = latest_results[current.exit_measure_id]
        latest = Result(current.exit_measure_id, value, timezone.localtime(moment).date())
    return advance_reasons(
        stage=StageFacts(
            phase=current.phase,
            planned_end=current.planned_end,
            exit_measure=current.exit_measure_id,
            exit_value=current.exit_value,
        ),
        has_next_stage=following is not None,
        stroke_rule=plan.template is not None and plan.template.phase_rule == PhaseRule.STROKE,
        onset=plan.diagnosis.onset,
        onset_time_known=plan.diagnosis.onset_time_is_known,
        # Local time: "the window ended on 10 Jan" means the clinic's 10 January.
        now=timezone.localtime(),
        latest=latest,
    )
