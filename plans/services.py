"""Write operations on plans: small typed functions that validate, then write atomically."""

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from domain import phases
from domain.advance import Result
from domain.severity import Baseline
from domain.triage import triage
from patients.models import CareTeamMember, CareTeamRole, Diagnosis, Patient
from patients.records import StaleVersion
from plans.models import (
    IN_FORCE_STATUSES,
    UNFINISHED_STATUSES,
    Allocation,
    GasRating,
    Goal,
    GoalStatus,
    PatientPriority,
    PlanHold,
    PlanRevision,
    PlanStatus,
    RehabPlan,
    Stage,
    StageStatus,
    StageTransition,
)
from plans.queries import advance_suggestion, current_and_next_stage, unstaffed_disciplines
from reference.models import Discipline, PhaseRule, PlanTemplate
from rehabana.dates import day_text
from staff.models import User
from staff.permissions import Action, can


def template_windows(template: PlanTemplate, onset: datetime) -> list[tuple[date, date | None]]:
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
    *,
    patient: Patient,
    diagnosis: Diagnosis,
    physician: User,
    approach: str,
    start_date: date,
    review_in_days: int = 28,
    problems: Collection[str] = (),
) -> RehabPlan:
    """A draft plan with the condition template's stages still ahead of ``start_date``.

    Stages whose window ended before the plan starts are left out: a patient referred on
    day 20 after a stroke starts in the early subacute stage. A template allocation kept
    for a triage problem (``only_with_problem``) is copied only when ``problems`` has it:
    aphasia (speech) keeps speech therapy in a stroke's chronic stage.
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
            exit_needs_window=bool(template_stage.exit_needs_window),
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
                if not allocation.only_with_problem or allocation.only_with_problem in problems
            ],
            Allocation,
        )
    return plan


def _locked_plan(plan_id: int, expected_version: int | None) -> RehabPlan:
    """The plan row, locked for this transaction; StaleVersion if someone saved since."""
    plan = RehabPlan.objects.select_for_update().get(pk=plan_id)
    if expected_version is not None and plan.version != expected_version:
        raise StaleVersion(plan)
    return plan


def record_revision(*, plan: RehabPlan, by: User, reason: str, changes: str) -> PlanRevision:
    last = plan.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return PlanRevision.objects.create(
        plan=plan, number=last + 1, author=by, reason=reason, changes=changes
    )


def _refuse_closed(plan: RehabPlan) -> None:
    if plan.status not in UNFINISHED_STATUSES:
        raise ValidationError(
            f"A {plan.get_status_display().lower()} plan is closed; it is not edited."
        )


def _needs_reason(plan: RehabPlan, reason: str) -> None:
    _refuse_closed(plan)
    if plan.status != PlanStatus.DRAFT and not reason.strip():
        raise ValidationError(
            {"reason": "This plan is active: say why it changes (kept in its revision history)."}
        )


def baseline_of(diagnosis: Diagnosis) -> Baseline | None:
    """The diagnosis's baseline severity as plain values for triage, or None (also when
    the diagnosis was corrected to a condition the record does not describe)."""
    record = diagnosis.baseline_severity
    return record.baseline() if record is not None else None


@transaction.atomic
def start_plan_from_triage(
    *,
    patient: Patient,
    diagnosis: Diagnosis,
    physician: User,
    approach: str,
    start_date: date,
    problems: set[str],
) -> RehabPlan:
    """A draft plan from the condition's template, keeping what triage was told and said."""
    condition = diagnosis.condition
    result = triage(
        problems, condition.category, condition.needs_neuro_rehab, baseline_of(diagnosis)
    )
    # The baseline severity's problems join the ticked ones: aphasia keeps speech therapy in
    # a stroke's chronic stage (the template's ``only_with_problem``).
    problems = result.problems(problems)
    plan = create_plan_from_template(
        patient=patient,
        diagnosis=diagnosis,
        physician=physician,
        approach=approach,
        start_date=start_date,
        problems=problems,
    )
    plan.triage_problems = sorted(problems)
    plan.suggested_approach = result.approach
    plan.suggested_reasons = {code: result.reasons[code] for code in sorted(result.reasons)}
    plan.save()
    # The physician who leads the plan joins the patient's care team: as its lead when it
    # has none (one open lead physician per patient), else as a physician of the team.
    team = CareTeamMember.objects.select_for_update().filter(patient=patient, end_date__isnull=True)
    if not patient.care_team.active().filter(staff=physician).exists():
        has_lead = team.filter(team_role=CareTeamRole.LEAD_PHYSICIAN).exists()
        CareTeamMember.objects.create(
            patient=patient,
            staff=physician,
            team_role=CareTeamRole.PHYSICIAN if has_lead else CareTeamRole.LEAD_PHYSICIAN,
        )
    return plan


@transaction.atomic
def save_stage(
    *,
    stage: Stage,
    by: User,
    expected_version: int,
    fields: dict,
    allocations: dict[str, tuple[int, int] | None],
    reason: str = "",
) -> list[str]:
    """Change a stage and its allocations; an active plan records a revision with the reason.

    ``allocations`` maps each discipline to (sessions per week, minutes per session), or
    None to take it out of the stage (its row is switched off, never deleted).
    Returns the changes in words; nothing is written when there are none.
    """
    plan = _locked_plan(stage.plan_id, expected_version)
    _needs_reason(plan, reason)
    if Stage.objects.get(pk=stage.pk).status == StageStatus.DONE:
        raise ValidationError("A finished stage is history; it is not edited.")
    changes = []
    for name, value in fields.items():
        if getattr(stage, name) != value:
            label = Stage._meta.get_field(name).verbose_name
            changes.append(f"{stage.name}: {label} {getattr(stage, name) or '—'} → {value or '—'}")
            setattr(stage, name, value)
    if changes:
        stage.full_clean()
        stage.save()
    existing = {row.discipline_id: row for row in stage.allocations.all()}
    for code, planned in allocations.items():
        row = existing.get(code)
        if planned is None:
            if row is not None and row.is_active:
                row.is_active = False
                row.save()
                changes.append(f"{stage.name}: {code} taken out")
            continue
        sessions, minutes = planned
        if row is None:
            Allocation.objects.create(
                stage=stage, discipline_id=code, sessions_per_week=sessions,
                minutes_per_session=minutes,
            )  # fmt: skip
        elif row.is_active and (row.sessions_per_week, row.minutes_per_session) == planned:
            continue
        else:
            row.sessions_per_week, row.minutes_per_session, row.is_active = sessions, minutes, True
            row.save()
        changes.append(f"{stage.name}: {code} {sessions} × {minutes} min a week")
    if changes:
        plan.save()  # bumps the version: other open editors get a conflict
        if plan.status != PlanStatus.DRAFT:
            record_revision(plan=plan, by=by, reason=reason, changes="; ".join(changes))
    return changes


@transaction.atomic
def save_goal(*, goal: Goal, by: User, expected_version: int, reason: str = "") -> None:
    """Add or change a goal; on an active plan with a reason in the revision history."""
    plan = _locked_plan(goal.plan_id, expected_version)
    _needs_reason(plan, reason)
    adding = goal._state.adding
    if not adding:
        _keep_reviewed_scale(goal)
    goal.save()
    plan.save()
    if plan.status != PlanStatus.DRAFT:
        verb = "Goal added" if adding else "Goal changed"
        record_revision(plan=plan, by=by, reason=reason, changes=f"{verb}: {goal.text[:120]}")


GAS_SCALE_FIELDS = (*Goal.GAS_FIELDS.values(), "gas_baseline")


def _keep_reviewed_scale(goal: Goal) -> None:
    """A reviewed goal's GAS scale is fixed: rewriting its levels or starting level (or
    blanking it) after a rating would re-score the review and the plan's T-score."""
    first_review = goal.gas_ratings.order_by("reviewed_on").values_list("reviewed_on", flat=True)
    reviewed_on = first_review.first()
    if reviewed_on is None:
        return
    stored = Goal.objects.filter(pk=goal.pk).values(*GAS_SCALE_FIELDS).get()
    if any(getattr(goal, name) != stored[name] for name in GAS_SCALE_FIELDS):
        raise ValidationError(
            f"The scale was reviewed on {day_text(reviewed_on)}; it is fixed. "
            "Write a new goal to change it."
        )


@transaction.atomic
def mark_goal_achieved(
    *, goal: Goal, by: User, expected_version: int, result: Result | None
) -> Goal:
    """One click on the plan page: an active goal whose qualifying result (the latest since
    it was set, ``domain.advance.goal_result``) meets its target is marked achieved. The
    goal's history keeps the change; a plan past its draft records a revision saying which
    result met the target."""
    plan = _locked_plan(goal.plan_id, expected_version)
    _refuse_closed(plan)
    goal = Goal.objects.select_for_update().get(pk=goal.pk, plan=plan)
    if goal.status != GoalStatus.ACTIVE:
        raise ValidationError(f"This goal is already {goal.get_status_display().lower()}.")
    if result is None or not goal.is_met(result.value):
        raise ValidationError(
            "The latest result does not meet this goal's target; edit the goal to change "
            "its status on your judgement."
        )
    goal.status = GoalStatus.ACHIEVED
    goal.save()
    plan.save()
    if plan.status != PlanStatus.DRAFT:
        record_revision(
            plan=plan,
            by=by,
            reason=f"Target met: {goal.measure_id} {result.value} on {day_text(result.on)}",
            changes=f"Goal achieved: {goal.text[:120]}",
        )
    return goal


@transaction.atomic
def activate_plan(
    *, plan: RehabPlan, by: User, expected_version: int, unstaffed_reason: str = ""
) -> RehabPlan:
    """A physician signs a draft: it becomes active and its first stage current.

    A planned discipline with no therapist on the care team refuses the activation, unless
    ``unstaffed_reason`` says why the plan goes ahead anyway (kept in its revision)."""
    plan = _locked_plan(plan.pk, expected_version)
    if not can(by, Action.PLAN_ACTIVATE):
        raise ValidationError("Only a physician activates (signs) a plan.")
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(f"Only a draft is activated; this plan is {plan.status}.")
    stages = list(Stage.objects.with_active_allocations().filter(plan=plan))
    if not stages:
        raise ValidationError("A plan needs at least one stage before it is activated.")
    empty = [stage.name for stage in stages if not stage.active_allocations]
    if empty:
        raise ValidationError(f"Give every stage at least one discipline: {', '.join(empty)}.")
    if (
        RehabPlan.objects.in_force()
        .filter(diagnosis=plan.diagnosis_id)
        .exclude(pk=plan.pk)
        .exists()
    ):
        raise ValidationError("This diagnosis already has an active or paused plan.")
    team = plan.patient.care_team.active().select_related("staff")
    unstaffed = list(
        Discipline.objects.filter(pk__in=unstaffed_disciplines(stages, team))
        .order_by("order")
        .values_list("name", flat=True)
    )
    override = unstaffed_reason.strip()
    if unstaffed and not override:
        raise ValidationError(
            {
                "unstaffed_reason": (
                    f"No therapist on the care team for {', '.join(unstaffed)}. Add them to "
                    "the team first, or say why the plan is activated without them."
                )
            }
        )
    today = timezone.localdate()
    first = stages[0]
    first.status = StageStatus.CURRENT
    # The first stage runs from today, or from the plan's start if that is still ahead.
    first.actual_start = max(plan.start_date, today)
    first.save()
    plan.status = PlanStatus.ACTIVE
    plan.activated_at = timezone.now()
    plan.activated_by = by
    plan.save()
    changes = (
        f"Plan signed with {len(stages)} stages; "
        f"{first.name} current from {day_text(first.actual_start)}."
    )
    reason = "Activated"
    if unstaffed:
        changes += f" No therapist on the care team for {', '.join(unstaffed)}."
        reason = f"Activated without a therapist for {', '.join(unstaffed)}: {override}"
    record_revision(plan=plan, by=by, reason=reason, changes=changes)
    return plan


@transaction.atomic
def advance_stage(
    *,
    plan: RehabPlan,
    by: User,
    reason: str,
    expected_version: int,
    results: Sequence[Result],
    on: date | None = None,
) -> StageTransition:
    """Move an active plan to its next stage from ``on`` (today by default).

    ``results`` (the patient's assessments, oldest first, as
    ``Assessment.objects.results_for`` reads them) let the transition keep what the system
    suggested at the time.
    """
    plan = _locked_plan(plan.pk, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the plan moves on."})
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError(f"Only an active plan advances; this plan is {plan.status}.")
    stages = list(plan.stages.select_for_update().order_by("order"))
    current, following = current_and_next_stage(stages)
    if current is None or following is None:
        raise ValidationError("This is the plan's last stage; complete the plan instead.")
    on = on or timezone.localdate()
    if on < current.actual_start:
        raise ValidationError("The advance date is before the current stage began.")
    suggestion = "; ".join(advance_suggestion(plan, stages, results))
    current.status = StageStatus.DONE
    current.actual_end = max(current.actual_start, on - timedelta(days=1))
    current.save()
    following.status = StageStatus.CURRENT
    following.actual_start = on
    following.save()
    transition = StageTransition.objects.create(
        plan=plan, from_stage=current, to_stage=following, by=by, effective_date=on,
        reason=reason, suggestion=suggestion,
    )  # fmt: skip
    plan.save()
    record_revision(
        plan=plan,
        by=by,
        reason=reason,
        changes=f"Advanced from {current.name} to {following.name} from {day_text(on)}.",
    )
    return transition


def _status_follows_holds(plan: RehabPlan, today: date) -> None:
    """An active plan held today is on hold; an on-hold plan with no hold today is active
    again. A plan put on hold without dated holds (before they existed) stays as it is."""
    held_today = plan.holds.covering(today).exists()
    if held_today and plan.status == PlanStatus.ACTIVE:
        plan.status = PlanStatus.ON_HOLD
    elif not held_today and plan.status == PlanStatus.ON_HOLD and plan.holds.exists():
        plan.status = PlanStatus.ACTIVE


def follow_holds(*, today: date) -> list[RehabPlan]:
    """The daily step (``manage.py follow_plan_holds``): a plan whose dated hold begins
    today goes on hold, one whose last hold has ended is active again. Writing a hold
    already does this for today; this catches the days no one writes one. Each change is
    in the plan's history and revisions, authored by whoever recorded the hold."""
    held = PlanHold.objects.covering(today).values("plan_id")
    starting = RehabPlan.objects.filter(status=PlanStatus.ACTIVE, pk__in=held)
    ending = RehabPlan.objects.filter(status=PlanStatus.ON_HOLD, holds__isnull=False).exclude(
        pk__in=held
    )
    ids = sorted({*starting.values_list("pk", flat=True), *ending.values_list("pk", flat=True)})
    return [plan for pk in ids if (plan := _follow_holds_of(pk, today))]


@transaction.atomic
def _follow_holds_of(plan_id: int, today: date) -> RehabPlan | None:
    plan = RehabPlan.objects.select_for_update().get(pk=plan_id)
    before = plan.status
    _status_follows_holds(plan, today)
    if plan.status == before:
        return None  # someone wrote a hold meanwhile and the status follows it already
    plan.save()
    if plan.status == PlanStatus.ON_HOLD:
        hold = plan.holds.covering(today).order_by("-starts_on", "-pk").first()
        reason, changes = "Hold began", f"{hold}; the plan is on hold from {day_text(today)}."
    else:
        ended = plan.holds.filter(ends_on__lt=today).order_by("-ends_on", "-pk")
        hold = ended.first() or plan.holds.first()
        reason, changes = "Hold ended", f"{hold}; the plan is active from {day_text(today)}."
    record_revision(plan=plan, by=hold.created_by, reason=reason, changes=changes)
    return plan


@transaction.atomic
def hold_plan(
    *,
    plan: RehabPlan,
    by: User,
    expected_version: int,
    starts_on: date,
    ends_on: date | None,
    reason: str,
    note: str = "",
) -> PlanHold:
    """Hold a plan in force for a dated period (e.g. a hospital admission, ``ends_on``
    empty while it lasts): its days plan no minutes and raise no adherence alerts. A hold
    in force today puts the plan on hold; the revision history keeps why."""
    if not can(by, Action.PLAN_EDIT):
        raise ValidationError("Only a physician or an administrator holds a plan.")
    plan = _locked_plan(plan.pk, expected_version)
    if plan.status not in IN_FORCE_STATUSES:
        raise ValidationError("Only an active or paused plan is held.")
    hold = PlanHold(
        plan=plan, starts_on=starts_on, ends_on=ends_on, reason=reason, note=note.strip(),
        created_by=by,
    )  # fmt: skip
    hold.full_clean()
    hold.save()
    _status_follows_holds(plan, timezone.localdate())
    plan.save()
    record_revision(
        plan=plan, by=by, reason=hold.note or hold.get_reason_display(), changes=str(hold)
    )
    return hold


@transaction.atomic
def end_hold(*, hold: PlanHold, by: User, expected_version: int, back_on: date) -> PlanHold:
    """The patient is back from ``back_on``: the hold's last day is the day before. The
    plan is active again once no hold covers today."""
    if not can(by, Action.PLAN_EDIT):
        raise ValidationError("Only a physician or an administrator ends a hold.")
    plan = _locked_plan(hold.plan_id, expected_version)
    hold = PlanHold.objects.select_for_update().get(pk=hold.pk)
    if plan.status not in IN_FORCE_STATUSES:
        raise ValidationError("The plan is closed; its holds are history.")
    last = back_on - timedelta(days=1)
    if last < hold.starts_on:
        raise ValidationError({"back_on": "The patient is back after the hold began."})
    hold.ends_on = last
    hold.full_clean()
    hold.save()
    _status_follows_holds(plan, timezone.localdate())
    plan.save()
    record_revision(
        plan=plan, by=by, reason="Back from hold", changes=f"{hold}; back from {day_text(back_on)}."
    )
    return hold


# --- goal attainment scaling and the patient's priorities -------------------------------------


def may_rate_goal(user: User, goal: Goal) -> bool:
    """Who reviews a goal's GAS level: whoever may edit the plan's goals (a physician, an
    administrator), or a therapist of the goal's discipline (on the patient's care team:
    the plan was loaded ``visible_to`` them)."""
    if can(user, Action.PLAN_EDIT):
        return True
    return can(user, Action.ASSESSMENT_RECORD) and user.discipline_id == goal.discipline_id


@transaction.atomic
def rate_goal(*, goal: Goal, by: User, level: int, reviewed_on: date, note: str = "") -> GasRating:
    """Record the GAS level a goal reached at review (a new row each time; the latest
    counts). Only a goal with its GAS levels written is rated, and only on a plan in force
    or completed (the discharge review)."""
    if not may_rate_goal(by, goal):
        raise ValidationError("Only a physician or a therapist of the goal's discipline rates it.")
    goal = Goal.objects.select_related("plan").get(pk=goal.pk)
    if goal.plan.status not in (*IN_FORCE_STATUSES, PlanStatus.COMPLETED):
        raise ValidationError("Goals are reviewed on a plan in force (or at its completion).")
    if not goal.has_gas_scale:
        raise ValidationError("Write the goal's GAS levels (at least the expected outcome) first.")
    if problem := goal.review_day_problem(reviewed_on):
        raise ValidationError({"reviewed_on": problem})
    rating = GasRating(goal=goal, level=level, reviewed_on=reviewed_on, by=by, note=note.strip())
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def save_priority(
    *, priority: PatientPriority, by: User, goals: Collection[Goal]
) -> PatientPriority:
    """Add or change a patient's priority (its text, rank and the goals it maps to)."""
    _refuse_closed(priority.plan)
    if priority.retired_on is not None:
        raise ValidationError("A retired priority is history; add a new one instead.")
    if any(goal.plan_id != priority.plan_id for goal in goals):
        raise ValidationError({"goals": "Those goals belong to another plan."})
    if priority._state.adding:
        priority.recorded_by = by
        priority.recorded_on = timezone.localdate()
    priority.full_clean()
    priority.save()
    priority.goals.set(goals)
    return priority


@transaction.atomic
def retire_priority(*, priority: PatientPriority, by: User) -> PatientPriority:
    """The priority no longer holds: it leaves the plan page and stays in the history."""
    priority = PatientPriority.objects.select_for_update().get(pk=priority.pk)
    _refuse_closed(priority.plan)
    if priority.retired_on is not None:
        raise ValidationError("This priority is already retired.")
    priority.retired_on = timezone.localdate()
    priority.retired_by = by
    priority.save()
    return priority
