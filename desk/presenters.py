"""What the cross-app pages show: the plan with its delivery, and the patient's chart."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.utils import timezone

from delivery.balance_data import plan_balance
from delivery.models import Assessment, Attendance, TherapySession
from delivery.presenters import session_rows
from delivery.queries import active_instruments
from desk.caseload import ATTENTION_ITEMS
from domain import gas, measures
from domain.advance import Result
from domain.balance import missed_streak
from domain.triage import PROBLEMS, departures
from patients.models import Patient
from patients.precautions import active_by_patient
from plans.forms import ActivateForm
from plans.models import (
    IN_FORCE_STATUSES,
    UNFINISHED_STATUSES,
    GasRating,
    Goal,
    GoalStatus,
    PlanHold,
    PlanStatus,
    RehabPlan,
    Stage,
)
from plans.presenters import mix_segments
from plans.queries import plan_advice, planned_disciplines, unstaffed_disciplines
from plans.services import may_rate_goal
from reference.models import Discipline
from rehabana.dates import day_text, short_day_text
from rehabana.timeutil import local_day_range
from staff.models import User
from staff.permissions import Action, can


@dataclass(frozen=True)
class StageRow:
    """A stage as the plan page shows it: its planned mix and weekly minutes."""

    stage: Stage
    mix: list[dict]
    weekly_minutes: int


def stage_rows(stages: list[Stage]) -> list[StageRow]:
    """Rows of stages read ``with_active_allocations``."""
    return [
        StageRow(
            stage=stage,
            mix=mix_segments(stage.active_allocations),
            weekly_minutes=sum(a.weekly_minutes for a in stage.active_allocations),
        )
        for stage in stages
    ]


@dataclass(frozen=True)
class GoalRow:
    """A goal with the result its progress is read from (the latest since the goal was
    set, at the goal's site for a per-site measure) and the share of the way to its target
    reached, in percent (None without a measure, a baseline, a target or a result), or
    what to say instead (``progress_label``: "Maintained", "Not maintained", "No real
    change", "Deteriorated", "Unable to perform")."""

    goal: Goal
    latest: Result | None
    progress_percent: int | None
    progress_label: str = ""
    # The latest result meets the target while the goal is still active: the plan page
    # suggests marking it achieved, and the caseload does not flag it as due.
    suggest_achieved: bool = False
    # Its GAS reviews, oldest first (read with the goals: ``GOAL_RATINGS``).
    ratings: tuple[GasRating, ...] = ()
    can_rate: bool = False

    @property
    def latest_rating(self) -> GasRating | None:
        return self.ratings[-1] if self.ratings else None


@dataclass(frozen=True)
class PriorityRow:
    """A patient's current priority as the plan page shows it, with the goals it maps to."""

    pk: int
    rank: int
    text: str
    recorded_on: date
    goals: list[Goal]


def priority_rows(plan: RehabPlan, goals: dict[int, Goal]) -> list[PriorityRow]:
    """The plan's current priorities, in rank order, in one query whatever their number
    (a row per priority and linked goal); ``goals`` are the plan's goals, read already."""
    rows: dict[int, PriorityRow] = {}
    for pk, rank, text, recorded_on, goal_id in plan.priorities.current().values_list(
        "pk", "rank", "text", "recorded_on", "goals"
    ):
        row = rows.setdefault(pk, PriorityRow(pk, rank, text, recorded_on, []))
        if goal_id in goals:
            row.goals.append(goals[goal_id])
    return list(rows.values())


def ratings_by_goal(plan: RehabPlan) -> dict[int, list[GasRating]]:
    """Each of the plan's goals' GAS reviews, oldest first, in one query (always one, so
    the page costs the same with goals or without)."""
    ratings: dict[int, list[GasRating]] = {}
    for rating in GasRating.objects.filter(goal__plan=plan).order_by("reviewed_on", "pk"):
        ratings.setdefault(rating.goal_id, []).append(rating)
    return ratings


def goal_row(
    goal: Goal,
    results: Sequence[Result],
    *,
    ratings: Sequence[GasRating] = (),
    can_rate: bool = False,
) -> GoalRow:
    current = goal.current_result(results)
    assessed = goal.assess(current.value) if current else None
    label = assessed.label if assessed else ""
    share = assessed.share if assessed and not label else None
    percent = max(0, min(100, round(share * 100))) if share is not None else None
    met = current is not None and goal.status == GoalStatus.ACTIVE and goal.is_met(current.value)
    return GoalRow(
        goal=goal,
        latest=current,
        progress_percent=percent,
        progress_label=label,
        suggest_achieved=met,
        ratings=tuple(ratings),
        can_rate=can_rate and goal.has_gas_scale,
    )


def gas_summary(rows: Sequence[GoalRow]) -> gas.Summary | None:
    """The plan's GAS T-scores over its reviewed goals (``domain.gas.summary``, every goal
    weighing 1); None when no goal is scaled."""
    scaled = [row for row in rows if row.goal.has_gas_scale]
    if not scaled:
        return None
    return gas.summary(
        gas.GoalLevels(
            baseline=row.goal.gas_baseline,
            latest=row.latest_rating.level if row.latest_rating else None,
        )
        for row in scaled
    )


def discipline_names() -> dict[str, tuple[int, str]]:
    """Every discipline's order and name by code (one query)."""
    return {d.code: (d.order, d.name) for d in Discipline.objects.only("code", "order", "name")}


def names_in_order(codes, names: dict[str, tuple[int, str]]) -> list[str]:
    """The names of the disciplines ``codes``, in the catalogue's order."""
    return [names[c][1] for c in sorted(codes, key=lambda c: (names[c][0], c))]


def plan_page_context(plan: RehabPlan, user: User, results: Sequence[Result] | None = None) -> dict:
    """Everything the plan page shows. ``results`` (the patient's, oldest first) may come
    from a caller that has read them already."""
    stages = list(Stage.objects.with_active_allocations().filter(plan=plan))
    if results is None:
        results = Assessment.objects.results_for(plan.patient_id)
    # Goals are reviewed on a plan in force, or at its completion (``services.rate_goal``).
    reviewing = plan.status in (*IN_FORCE_STATUSES, PlanStatus.COMPLETED)
    plan_goals = list(plan.goals.select_related("discipline", "stage"))
    ratings = ratings_by_goal(plan)
    goals = [
        goal_row(
            goal,
            results,
            ratings=ratings.get(goal.pk, ()),
            can_rate=reviewing and may_rate_goal(user, goal),
        )
        for goal in plan_goals
    ]
    advice = plan_advice(plan, stages, results)
    planned = planned_disciplines(stages)
    suggested = set(plan.suggested_reasons)
    missing, added = departures(suggested, planned) if suggested else (set(), set())
    team = plan.patient.care_team.active().select_related("staff")
    # Messages name disciplines ("Physiotherapy"), never their codes ("PT").
    names = discipline_names()
    can_edit = can(user, Action.PLAN_EDIT) and plan.status in UNFINISHED_STATUSES
    holds = list(plan.holds.all())
    today = timezone.localdate()
    return {
        "plan": plan,
        "patient": plan.patient,
        "stages": stages,
        "stage_rows": stage_rows(stages),
        "balance": plan_balance(plan, stages, today, holds=holds),
        "holds": holds,
        "today": today,
        "can_hold": can(user, Action.PLAN_EDIT) and plan.status in IN_FORCE_STATUSES,
        "goals": goals,
        "gas": gas_summary(goals),
        "priorities": priority_rows(plan, {goal.pk: goal for goal in plan_goals}),
        "suggestion": advice.reasons,
        "suggestion_notes": advice.notes,
        "missing": names_in_order(missing, names),
        "added": names_in_order(added, names),
        "suggested_reasons": plan.suggested_reasons,
        "problems": [PROBLEMS[code] for code in plan.triage_problems],
        "unstaffed": names_in_order(unstaffed_disciplines(stages, team), names),
        "revisions": plan.revisions.select_related("author")[:20],
        "can_edit": can_edit,
        "can_activate": can(user, Action.PLAN_ACTIVATE) and plan.status == PlanStatus.DRAFT,
        "can_advance": can(user, Action.PLAN_EDIT) and plan.status == PlanStatus.ACTIVE,
        "activate_form": ActivateForm(initial={"version": plan.version}),
    }


def chart_plan(
    patient: Patient, user: User, results: Sequence[Result] | None = None
) -> dict | None:
    """The plan the patient's chart shows in full: the open one, else the latest draft."""
    plans = (
        RehabPlan.objects.visible_to(user)
        .filter(patient=patient)
        .select_related(
            "patient", "diagnosis__condition", "template", "lead_physician", "activated_by"
        )
    )
    plan = (
        plans.in_force().order_by("-start_date").first()
        or plans.filter(status=PlanStatus.DRAFT).order_by("-created_at").first()
    )
    return plan_page_context(plan, user, results) if plan else None


def chart_delivery(patient: Patient, user: User) -> dict:
    """Recent sessions (as far as the user may see them) and the latest results."""
    context = {
        # Up to the end of today: the schedule ahead belongs to the schedule views.
        "recent_sessions": session_rows(
            TherapySession.objects.visible_to(user)
            .filter(patient=patient, start__lt=local_day_range(timezone.localdate())[1])
            .select_related("discipline", "therapist")
            .order_by("-start")[:10]
        ),
        "instruments": active_instruments() if can(user, Action.ASSESSMENT_RECORD) else {},
    }
    if can(user, Action.NOTES_READ):
        # One read of the results serves the charts, the latest values and the plan.
        series, results, trends, ids = measure_series(patient)
        context["measure_series"] = series
        context["patient_results"] = results
        latest: dict[tuple[str, str], tuple[Result, int]] = {}
        for result, pk in zip(results, ids, strict=True):
            # Oldest first: the last of each measure (and site) stays.
            latest[measures.series_key(result.measure, result.site)] = (result, pk)
        context["latest_results"] = [
            (measures.INSTRUMENTS[result.measure], result, pk)
            for _, (result, pk) in sorted(latest.items())
        ]
        # Every result, newest first, each opening its assessment page.
        context["all_results"] = [
            (measures.INSTRUMENTS[result.measure], result, pk)
            for result, pk in reversed(list(zip(results, ids, strict=True)))
        ]
        context["measure_changes"] = trends
    return context


# The TUG's maximum (600 s) and the 6-minute walk's (1000 m) are plausibility limits, not
# published ends of the scales (see ``domain.measures.INSTRUMENTS``): their charts run
# from 0 to the data.
OPEN_ENDED_SCALES = {"TUG", "6MWT"}


def chart_scale(tool: measures.Instrument) -> dict:
    """The y axis of a measure's chart: its full scale (issue 14), by rank for grades."""
    if tool.levels:
        return {"min": 0, "max": len(tool.levels) - 1}
    if tool.code in OPEN_ENDED_SCALES:
        return {"min": 0, "max": None}
    return {
        "min": float(tool.minimum) if tool.minimum is not None else None,
        "max": float(tool.maximum) if tool.maximum is not None else None,
    }


def chart_date(day, this_year: int) -> str:
    """Dates as the rest of the app writes them: "27 Nov", or "27 Nov 2026" in another year."""
    return short_day_text(day) if day.year == this_year else day_text(day)


def measure_series(
    patient: Patient,
) -> tuple[list[dict], list[Result], list[measures.Trend], list[int]]:
    """Each measure's results over time, with the target of its active goal, for Chart.js;
    all the patient's results, oldest first (and their assessments' ids, in the same
    order, for links); and each measure's (and, for a per-site
    measure, each site's) latest result against the previous one, classified against the
    MDC (``domain.measures.latest_changes``).

    Values are plotted by rank (grades by position) with their own labels, and scales
    where lower is better are drawn upside down, so up always means better. A per-site
    measure (the Ashworth scale) has one series per site: sites are not compared. "Unable
    to perform" has no number: it is listed under the chart (``unable``), not plotted.
    """
    # The nearest target date wins when several active goals use the same measure (and site).
    targets = {
        measures.series_key(code, site): target
        for code, site, target in Goal.objects.filter(
            plan__patient=patient, status=GoalStatus.ACTIVE, measure__isnull=False
        )
        # A target has a number ("unable to perform" is refused, but may predate the rule).
        .exclude(target__in=("", measures.UNABLE))
        .order_by("-target_date")
        .values_list("measure_id", "body_site", "target")
    }
    series: dict[tuple[str, str], dict] = {}
    results: list[Result] = []
    ids: list[int] = []
    rows = (
        Assessment.objects.filter(patient=patient)
        .order_by("assessed_at", "pk")
        .values_list("measure_id", "value", "score", "assessed_at", "body_site", "pk")
    )
    raw = []
    today = timezone.localdate()
    this_year = today.year
    for code, value, score, when, site, pk in rows:
        ids.append(pk)
        raw.append((code, site, value, when))
        tool = measures.INSTRUMENTS[code]
        day = timezone.localtime(when).date()
        results.append(Result(code, value, day, site))
        key = measures.series_key(code, site)
        if key not in series:  # a series' header once, not on every result
            target = targets.get(key)
            series[key] = {
                "code": "-".join(filter(None, (code, *key[1].split()))),
                "name": f"{tool.name} · {site}" if key[1] else tool.name,
                "unit": tool.unit,
                "lowerIsBetter": tool.lower_is_better,
                "levels": list(tool.levels),
                "target": float(tool.rank(target)) if target else None,
                **chart_scale(tool),
                "today": today.isoformat(),
                "targetLabel": target or "",
                "points": [],
                "unable": [],
                "change": "",
            }
        entry = series[key]
        if score is None:  # unable to perform: no number to plot
            entry["unable"].append(day)  # a date: the page says it as "20 Feb 2026"
        else:
            entry["points"].append(
                {"x": day.isoformat(), "y": float(score), "label": value,
                 "date": chart_date(day, this_year)}
            )  # fmt: skip
    trends = measures.latest_changes(raw)
    for trend in trends:
        key = measures.series_key(trend.code, trend.site)
        if key in series:
            series[key]["change"] = trend.label
    return [series[key] for key in sorted(series)], results, trends, ids


@dataclass(frozen=True)
class CaseloadRow:
    """A patient on a therapist's caseload: their last attended session with this
    therapist, and how many of the latest sessions in a row were missed."""

    patient: Patient
    last_session: datetime | None
    missed_streak: int
    precautions: tuple = ()


def caseload_rows(therapist: User, patients) -> list[CaseloadRow]:
    """Rows for a page of patients, from the last 90 days of sessions, their holds and
    their active precautions: three queries."""
    patients = list(patients)
    precautions = active_by_patient(patient.pk for patient in patients)
    since = timezone.now() - timedelta(days=90)
    rows = (
        TherapySession.objects.filter(
            therapist=therapist, patient__in=patients, start__lt=timezone.now(), start__gte=since
        )
        .order_by("patient_id", "-start")
        .values_list("patient_id", "start", "attendance")
    )
    history: dict[int, list] = {}
    for patient_id, start, attendance in rows:
        history.setdefault(patient_id, []).append((start, attendance))
    # Sessions on a held day (the patient was in hospital) are not a missed streak.
    holds: dict[int, list] = {}
    for hold in PlanHold.objects.filter(plan__patient__in=patients).select_related("plan"):
        holds.setdefault(hold.plan.patient_id, []).append(hold.as_domain())
    lines = []
    for patient in patients:
        past = history.get(patient.pk, [])
        attended = [start for start, attendance in past if attendance == Attendance.ATTENDED]
        lines.append(
            CaseloadRow(
                patient,
                last_session=attended[0] if attended else None,
                missed_streak=missed_streak(
                    ((timezone.localtime(start).date(), attendance) for start, attendance in past),
                    holds=holds.get(patient.pk, ()),
                ),
                precautions=tuple(precautions.get(patient.pk, ())),
            )
        )
    return lines


def attention_cards(counts: Mapping[str, int], query: Mapping[str, str], chosen: str) -> list:
    """The dashboard's cards: each one's plans, what they hold besides (notes, goals), and
    a link to the caseload narrowed to exactly those plans, the other filters kept."""
    kept = {key: value for key, value in query.items() if key not in ("attention", "page")}
    besides = {
        "unsigned": ("note", counts["notes"]),
        "goals_due": ("goal", counts["goals"]),
    }
    cards = []
    for item, label in ATTENTION_ITEMS.items():
        detail = ""
        if item in besides:
            noun, number = besides[item]
            detail = f"{number} {noun}{'s' if number != 1 else ''}"
        cards.append(
            {
                "item": item,
                "label": label,
                "plans": counts[item],
                "detail": detail,
                "url": "?" + urlencode({**kept, "attention": item}),
                "current": item == chosen,
            }
        )
    return cards
