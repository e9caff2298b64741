"""The clinic overview: minutes delivered per discipline per week across the clinic, and
the average mix of each stroke recovery phase, planned and delivered. Sums come from the
database (three queries whatever the clinic's size); the averaging is ``balance``'s."""

from collections import defaultdict
from datetime import date

from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from delivery.balance_data import recent_weeks
from delivery.models import Attendance, TherapySession
from domain import balance, phases
from plans.models import Allocation
from plans.presenters import mix_bar
from reference.models import Discipline, Phase, PhaseRule
from rehabana.dates import short_day_text
from rehabana.timeutil import local_day_range


def weekly_minutes(today: date, weeks: int) -> tuple[list[date], dict[str, dict[date, int]]]:
    """The Mondays of the last ``weeks`` weeks (this one included) and the attended
    minutes per discipline in each."""
    mondays = recent_weeks(today, weeks)
    rows = (
        TherapySession.objects.filter(
            attendance=Attendance.ATTENDED,
            start__gte=local_day_range(mondays[0])[0],
            start__lt=local_day_range(today)[1],
        )
        .annotate(week=TruncWeek("start", tzinfo=timezone.get_current_timezone()))
        .values("week", "discipline_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    minutes: dict[str, dict[date, int]] = defaultdict(dict)
    for row in rows:
        week = row["week"]
        monday = week.date() if hasattr(week, "date") else week
        minutes[row["discipline_id"]][monday] = row["minutes"]
    return mondays, minutes


def stroke_mix_by_phase() -> dict[str, dict[str, dict[str, float]]]:
    """phase → planned and delivered mix of stroke plans (their template follows the
    stroke recovery phases): each plan's mix in that phase, averaged over the plans (one
    plan, one vote), and how many plans each average covers."""
    planned_rows = (
        Allocation.objects.active()
        .filter(
            stage__phase__in=phases.STROKE_PHASES,
            stage__plan__template__phase_rule=PhaseRule.STROKE,
        )
        .values_list("stage__plan_id", "stage__phase", "discipline_id", "sessions_per_week",
                     "minutes_per_session")
        .order_by()
    )  # fmt: skip
    planned: dict[tuple, list] = defaultdict(list)
    for plan_id, phase, discipline, sessions, minutes in planned_rows:
        planned[plan_id, phase].append((discipline, sessions, minutes))
    delivered_rows = (
        TherapySession.objects.filter(
            attendance=Attendance.ATTENDED,
            stage__phase__in=phases.STROKE_PHASES,
            plan__template__phase_rule=PhaseRule.STROKE,
        )
        .values_list("plan_id", "stage__phase", "discipline_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    delivered: dict[tuple, list] = defaultdict(list)
    for plan_id, phase, discipline, minutes in delivered_rows:
        delivered[plan_id, phase].append((discipline, minutes, Attendance.ATTENDED))
    result = {}
    for phase in phases.STROKE_PHASES:
        planned_mixes = [balance.planned_mix(rows) for key, rows in planned.items()
                         if key[1] == phase]  # fmt: skip
        delivered_mixes = [balance.delivered_mix(rows) for key, rows in delivered.items()
                           if key[1] == phase]  # fmt: skip
        result[phase] = {
            "planned": balance.average_mix(planned_mixes),
            "delivered": balance.average_mix(delivered_mixes),
            "planned_plans": sum(1 for mix in planned_mixes if mix),
            "delivered_plans": sum(1 for mix in delivered_mixes if mix),
        }
    return result


def overview(today: date, weeks: int = 12) -> dict:
    disciplines = list(Discipline.objects.order_by("order"))
    mondays, minutes = weekly_minutes(today, weeks)
    by_phase = stroke_mix_by_phase()
    labels = dict(Phase.choices)

    shown = [d for d in disciplines if d.code in minutes]
    return {
        "weeks": mondays,
        "rows": [
            {
                "discipline": d,
                "minutes": [minutes[d.code].get(m, 0) for m in mondays],
                "total": sum(minutes[d.code].values()),
            }
            for d in shown
        ],
        "week_totals": [sum(minutes[d.code].get(m, 0) for d in shown) for m in mondays],
        "chart": {
            "labels": [short_day_text(m) for m in mondays],
            "disciplines": [
                {
                    "label": d.short_name,
                    "colour": d.colour,
                    "minutes": [minutes[d.code].get(m, 0) for m in mondays],
                }
                for d in shown
            ],
        },
        "phases": [
            {
                "code": phase,
                "label": labels[phase],
                "planned": mix_bar(figures["planned"], disciplines),
                "delivered": mix_bar(figures["delivered"], disciplines),
                "planned_plans": figures["planned_plans"],
                "delivered_plans": figures["delivered_plans"],
            }
            for phase, figures in by_phase.items()
        ],
    }
