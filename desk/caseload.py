"""The physician's caseload dashboard: what needs attention in the plans they lead.

Every figure for the whole caseload is read in a constant number of queries (plans,
stages with allocations, latest results, results for deteriorations, sessions summed,
unsigned notes, goals due), so
the page costs the same for 5 plans or 500; the rules come from ``balance`` and
``services``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch

from delivery.balance_data import (
    INTENSITY_DAYS,
    alert_settings,
    plan_intensity,
    recent_weeks,
    session_facts,
    stage_plans,
)
from delivery.models import Assessment, TherapySession
from domain import balance
from plans.models import (
    UNFINISHED_STATUSES,
    Goal,
    GoalStatus,
    PlanHold,
    PlanStatus,
    RehabPlan,
    Stage,
    StageStatus,
)
from plans.queries import advance_suggestion
from reference.calendar import clinic_calendar

REVIEW_WARNING_DAYS = 7  # a review date this close counts as due
GOAL_WARNING_DAYS = 7  # so does a goal's target date

# What needs the physician's attention in a plan, as the dashboard's cards name it. A card
# counts the plans with its item, each plan once, so its figure is the length of the list
# its link opens (a plan's unsigned notes and goals due are counted besides).
ATTENTION_ITEMS = {
    "review_due": "Reviews due (7 days)",
    "suggestions": "Stage advances suggested",
    "adherence": "Adherence alerts",
    "unsigned": "Notes unsigned > 24 h",
    "goals_due": "Goals due, not achieved",
    "deteriorations": "Deteriorations beyond measurement error",
}


@dataclass
class CaseloadLine:
    plan: RehabPlan
    current_stage: Stage | None
    review_due: bool = False
    suggestion: list[str] = field(default_factory=list)
    adherence_alerts: dict[str, list[float]] = field(default_factory=dict)
    unsigned_notes: int = 0
    goals_due: list[Goal] = field(default_factory=list)
    # Latest results worse than the previous one beyond the MDC (``measures.Trend``).
    deteriorations: list = field(default_factory=list)
    intensity: dict | None = None  # planned and delivered minutes per active day

    def needs(self, item: str) -> bool:
        """Whether the plan has ``item`` of ``ATTENTION_ITEMS``."""
        return bool(
            {
                "review_due": self.review_due,
                "suggestions": self.suggestion,
                "adherence": self.adherence_alerts,
                "unsigned": self.unsigned_notes,
                "goals_due": self.goals_due,
                "deteriorations": self.deteriorations,
            }[item]
        )

    @property
    def needs_attention(self) -> bool:
        return any(self.needs(item) for item in ATTENTION_ITEMS)


def attention_counts(lines: list[CaseloadLine]) -> dict[str, int]:
    """Per item of ``ATTENTION_ITEMS``, the plans that have it; and the unsigned notes and
    goals due in all of them (``notes``, ``goals``)."""
    counts = {item: sum(line.needs(item) for line in lines) for item in ATTENTION_ITEMS}
    counts["notes"] = sum(line.unsigned_notes for line in lines)
    counts["goals"] = sum(len(line.goals_due) for line in lines)
    return counts


def needing(lines: list[CaseloadLine], item: str) -> list[CaseloadLine]:
    """The lines with ``item`` (``"on"``: with anything needing attention)."""
    if item == "on":
        return [line for line in lines if line.needs_attention]
    return [line for line in lines if line.needs(item)]


def caseload_plans(physician, *, condition=None, stage=None):
    """The plans in progress ``physician`` leads; of one condition, and in one template
    ``stage`` (a ``TemplateStage``: the plan follows its template and the current stage has
    its phase), when given."""
    plans = RehabPlan.objects.filter(lead_physician=physician, status__in=UNFINISHED_STATUSES)
    if condition is not None:
        plans = plans.filter(diagnosis__condition=condition)
    if stage is not None:
        plans = plans.filter(
            template_id=stage.template_id,
            stages__status=StageStatus.CURRENT,
            stages__phase=stage.phase,
        )
    return (
        plans.select_related("patient", "diagnosis__condition", "template")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.with_active_allocations()))
        .order_by("review_date", "pk")
    )


def caseload(physician, today: date, *, condition=None, stage=None) -> list[CaseloadLine]:
    """Every plan in progress the physician leads, with what needs their attention; the
    plans needing it first, each group by review date."""
    plans = list(caseload_plans(physician, condition=condition, stage=stage))
    ids = [plan.pk for plan in plans]
    due = list(
        Goal.objects.filter(
            plan_id__in=ids,
            status=GoalStatus.ACTIVE,
            target_date__lte=today + timedelta(days=GOAL_WARNING_DAYS),
        ).order_by("target_date")
    )
    # One read of the results for every plan: only those since the earliest current stage
    # began can count for an exit criterion, and those since a due goal was set for the
    # goal (domain.advance picks each plan's and each goal's own).
    starts = [
        stage.actual_start
        for plan in plans
        for stage in plan.stages.all()
        if stage.status == StageStatus.CURRENT and stage.actual_start
    ] + [goal.set_on for goal in due if goal.measure_id and goal.set_on]
    results = Assessment.objects.results_by_patient(
        (plan.patient_id for plan in plans), since=min(starts, default=None)
    )
    worse = Assessment.objects.deteriorations(plan.patient_id for plan in plans)
    threshold, running = alert_settings()
    calendar = clinic_calendar()
    # The completed weeks an alert looks at: the ones before this week.
    weeks = recent_weeks(today, running + 1)[:-1]
    # The facts cover the alert's weeks and the intensity's four weeks up to yesterday.
    facts = session_facts(
        ids,
        since=min(weeks[0], today - timedelta(days=INTENSITY_DAYS)),
        until=max(weeks[-1] + timedelta(days=6), today - timedelta(days=1)),
    )
    unsigned = dict(
        TherapySession.objects.filter(plan_id__in=ids)
        .unsigned_overdue()
        .values_list("plan_id")
        .annotate(n=Count("pk"))
        .values_list("plan_id", "n")
        .order_by()
    )
    holds = defaultdict(list)
    for hold in PlanHold.objects.filter(plan_id__in=ids):
        holds[hold.plan_id].append(hold.as_domain())
    patient_of = {plan.pk: plan.patient_id for plan in plans}
    goals_due = defaultdict(list)
    for goal in due:
        # A goal whose latest result meets its target is no longer due: the plan page
        # suggests marking it achieved instead.
        current = goal.current_result(results.get(patient_of[goal.plan_id], []))
        if current is not None and goal.is_met(current.value, today):
            continue
        goals_due[goal.plan_id].append(goal)

    lines = []
    for plan in plans:
        stages = list(plan.stages.all())
        current = next((s for s in stages if s.status == StageStatus.CURRENT), None)
        alerts = {}
        plans_ = stage_plans(stages, today)
        intensity = None
        if plan.status == PlanStatus.ACTIVE:
            intensity = plan_intensity(
                plans_, facts.get(plan.pk, []), today, template=plan.template,
                holds=holds[plan.pk], calendar=calendar,
            )  # fmt: skip
            adherence = balance.weekly_adherence(
                plans_,
                facts.get(plan.pk, []),
                weeks,
                holds=holds[plan.pk],
                calendar=calendar,
            )
            alerts = balance.adherence_alerts(adherence, threshold=threshold, weeks_running=running)
        lines.append(
            CaseloadLine(
                plan=plan,
                current_stage=current,
                review_due=plan.review_date <= today + timedelta(days=REVIEW_WARNING_DAYS),
                suggestion=advance_suggestion(plan, stages, results.get(plan.patient_id, [])),
                adherence_alerts=alerts,
                unsigned_notes=unsigned.get(plan.pk, 0),
                goals_due=goals_due.get(plan.pk, []),
                deteriorations=worse.get(plan.patient_id, []),
                intensity=intensity,
            )
        )
    lines.sort(key=lambda line: not line.needs_attention)  # stable: review order kept
    return lines
