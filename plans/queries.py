"""Reads about plans that several pages share: the current and next stage, and the
suggestion to move on (its rules are ``domain.advance``'s)."""

from collections.abc import Sequence

from django.utils import timezone

from domain.advance import Advice, Result, StageFacts, advance_advice
from plans.models import PlanStatus, RehabPlan, Stage, StageStatus
from reference.models import PhaseRule


def planned_disciplines(stages) -> set[str]:
    """Codes of the disciplines planned in a stage not yet done (``stages`` with their
    ``active_allocations``)."""
    return {
        allocation.discipline_id
        for stage in stages
        if stage.status != StageStatus.DONE
        for allocation in stage.active_allocations
    }


def unstaffed_disciplines(stages, members) -> list[str]:
    """Codes of the disciplines planned in a stage not yet done that no therapist in
    ``members`` (active care-team memberships, with their staff) practises: a plan that
    would go without its therapy."""
    planned = planned_disciplines(stages)
    staffed = {member.staff.discipline_id for member in members if member.staff.discipline_id}
    return sorted(planned - staffed)


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


def plan_advice(plan: RehabPlan, stages, results: Sequence[Result]) -> Advice:
    """Why ``plan`` could move to its next stage now (``reasons``, empty: no suggestion),
    and notes such as an exit measure met while the stage's window still runs.

    ``stages`` are the plan's stages; ``results`` the patient's results, oldest first
    (``Assessment.objects.results_for`` / ``results_by_patient``). Both come from the
    caller so that pages listing many plans fetch them in a constant number of queries.
    Only results taken on or after the current stage started count for its exit criterion.
    """
    if plan.status != PlanStatus.ACTIVE:
        return Advice()
    current, following = current_and_next_stage(stages)
    if current is None:
        return Advice()
    return advance_advice(
        stage=StageFacts(
            phase=current.phase,
            planned_end=current.planned_end,
            exit_measure=current.exit_measure_id,
            exit_value=current.exit_value,
            started=current.actual_start,
            exit_needs_window=bool(current.exit_needs_window),
        ),
        has_next_stage=following is not None,
        stroke_rule=plan.template is not None and plan.template.phase_rule == PhaseRule.STROKE,
        onset=plan.diagnosis.onset,
        onset_time_known=plan.diagnosis.onset_time_is_known,
        # Local time: "the window ended on 10 Jan" means the clinic's 10 January.
        now=timezone.localtime(),
        results=results,
    )


def advance_suggestion(plan: RehabPlan, stages, results: Sequence[Result]) -> list[str]:
    """The reasons of ``plan_advice``: why ``plan`` could move on now (empty: none)."""
    return plan_advice(plan, stages, results).reasons
