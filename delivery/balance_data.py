"""Reading the figures ``domain/balance.py`` works on, in a constant number of queries.

Minutes are summed by the database per plan, discipline, local day and attendance; the
rules (weeks, proration, adherence, alerts) stay in ``balance.py``.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from delivery.models import TherapySession
from domain import balance
from reference.calendar import clinic_calendar
from reference.models import Discipline
from rehabana.dates import short_day_text
from rehabana.timeutil import local_day_range


def stage_plans(stages: Iterable, today: date) -> list[balance.StagePlan]:
    """A plan's stages (their ``active_allocations`` prefetched) as the balance sees them."""
    return [
        balance.stage_plan(
            name=stage.name,
            status=stage.status,
            planned_start=stage.planned_start,
            planned_end=stage.planned_end,
            actual_start=stage.actual_start,
            actual_end=stage.actual_end,
            weekly_minutes={a.discipline_id: a.weekly_minutes for a in stage.active_allocations},
            today=today,
        )
        for stage in stages
    ]


def session_facts(
    plan_ids: Iterable[int], *, since: date | None = None, until: date | None = None,
    reasons_since: date | None = None,
) -> dict[int, list[balance.SessionFact]]:  # fmt: skip
    """Each plan's sessions summed per discipline, local day and attendance (one query),
    with the absence reasons of missed sessions from ``reasons_since`` on (one more)."""
    sessions = TherapySession.objects.filter(plan_id__in=list(plan_ids))
    if since is not None:
        sessions = sessions.filter(start__gte=local_day_range(since)[0])
    if until is not None:
        sessions = sessions.filter(start__lt=local_day_range(until)[1])
    reasons: dict[tuple, list[str]] = defaultdict(list)
    if reasons_since is not None:
        missed = (
            sessions.filter(
                attendance__in=balance.MISSED, start__gte=local_day_range(reasons_since)[0]
            )
            .exclude(absence_reason="")
            .order_by("start")
            .values_list(
                "plan_id", "discipline_id", "start", "attendance", "absence_code", "absence_reason"
            )
        )
        for plan_id, discipline, start, attendance, code, reason in missed:
            day = timezone.localtime(start).date()
            reasons[plan_id, discipline, day, attendance, code].append(reason)
    rows = (
        sessions.annotate(day=TruncDate("start", tzinfo=timezone.get_current_timezone()))
        .values("plan_id", "discipline_id", "day", "attendance", "absence_code")
        .annotate(minutes=Sum("minutes"), count=Count("id"))
        .order_by()
    )
    facts: dict[int, list[balance.SessionFact]] = defaultdict(list)
    for row in rows:
        key = (
            row["plan_id"], row["discipline_id"], row["day"], row["attendance"],
            row["absence_code"],
        )  # fmt: skip
        facts[row["plan_id"]].append(
            balance.SessionFact(
                discipline=row["discipline_id"],
                day=row["day"],
                minutes=row["minutes"] or 0,
                attendance=row["attendance"],
                count=row["count"],
                reasons=tuple(reasons.get(key, ())),
                absence=row["absence_code"],
            )
        )
    return facts


def alert_settings() -> tuple[float, int]:
    return settings.ADHERENCE_ALERT_PERCENT / 100, settings.ADHERENCE_ALERT_WEEKS


def recent_weeks(today: date, count: int) -> list[date]:
    """The Mondays of this week and the ``count - 1`` weeks before it, oldest first."""
    monday = balance.week_of(today)
    return [monday - timedelta(weeks=n) for n in reversed(range(count))]


# --- intensity ------------------------------------------------------------------------------

# Intensity is read over the current stage's last four weeks, up to yesterday (today's
# sessions are still under way).
INTENSITY_DAYS = 28


def plan_intensity(
    plans: list[balance.StagePlan], facts, today: date, *, template, holds=(), calendar
) -> dict | None:
    """Planned and delivered therapy minutes per active day in the current stage (its last
    four weeks to yesterday) against the template's intensity target. A stage begun today
    has no past day yet: its plan for the coming week is shown, nothing delivered."""
    current = balance.stage_on(plans, today)
    if current is None:
        return None
    target = (
        balance.target_per_active_day(
            template.daily_minutes_target, template.target_days_per_week, calendar
        )
        if template is not None
        else None
    )
    first = max(current.start, today - timedelta(days=INTENSITY_DAYS))
    last = today - timedelta(days=1)
    ahead = last < first
    if ahead:
        first, last = today, today + timedelta(days=6)
    figures = balance.intensity(
        plans, facts, first, last, holds=holds, calendar=calendar, target=target
    )

    def whole(value):
        return round(value) if value is not None else None

    return {
        "stage": current.name,
        "first": figures.first,
        "last": figures.last,
        "ahead": ahead,
        "active_days": figures.active_days,
        "planned": whole(figures.planned_per_day),
        "delivered": None if ahead else whole(figures.delivered_per_day),
        "target": whole(target),
        "planned_meets": figures.planned_meets_target,
        "delivered_meets": None if ahead else figures.delivered_meets_target,
        "daily_target": template.daily_minutes_target if template else None,
        "days_per_week": template.target_days_per_week if template else None,
        "working_days": calendar.weekly_working_days,
        "source": template.intensity_source if template else "",
    }


# --- the balance panel of a plan -----------------------------------------------------------

# A plan's chart runs at most this far ahead of today when its last stage is open-ended.
WEEKS_AHEAD = 4
ADHERENCE_WEEKS = 5  # this week and the four before it


def plan_balance(plan, stages, today: date, *, holds=(), calendar=None) -> dict:
    """The balance panel of a plan: the weekly timeline of planned against delivered
    minutes (chart and table), and adherence this week and the four before it.

    ``stages`` are the plan's stages with ``active_allocations`` prefetched and ``holds``
    its holds (the plan page has read them already); this reads the disciplines, the
    sessions and, unless it is given, the clinic calendar: five queries.
    """
    plans = stage_plans(stages, today)
    if not plans:
        return {}
    calendar = calendar or clinic_calendar()
    held = [hold.as_domain() for hold in holds]
    # No week before the plan existed: neither in the adherence table nor on the chart.
    plan_week = balance.week_of(plan.start_date)
    weeks_shown = [m for m in recent_weeks(today, ADHERENCE_WEEKS) if m >= plan_week]
    facts = session_facts(
        [plan.pk], reasons_since=weeks_shown[0] if weeks_shown else balance.week_of(today)
    ).get(plan.pk, [])
    first = max(min(stage.start for stage in plans), plan.start_date)
    ends = [stage.end for stage in plans if stage.end is not None]
    open_ended = any(stage.end is None for stage in plans)
    # An open last stage is shown a few weeks past today; a closed plan to its end.
    last = max([today, *ends]) + timedelta(weeks=WEEKS_AHEAD) if open_ended else max(ends)
    weeks = balance.timeline(plans, facts, first, max(last, first), holds=held, calendar=calendar)
    disciplines = [
        d
        for d in Discipline.objects.order_by("order")
        if any(d.code in w.planned or d.code in w.delivered for w in weeks)
    ]
    adherence = balance.weekly_adherence(plans, facts, weeks_shown, holds=held, calendar=calendar)
    threshold, running = alert_settings()
    completed = {monday: adherence[monday] for monday in weeks_shown[:-1]}
    alerts = balance.adherence_alerts(completed, threshold=threshold, weeks_running=running)
    return {
        "chart": _chart_payload(weeks, disciplines, today),
        "weeks": [
            {
                "monday": w.monday,
                "stages": w.stages,
                "starts_stage": w.starts_stage,
                "is_future": w.monday > today,
                "cells": [
                    (round(w.planned.get(d.code, 0)), w.delivered.get(d.code, 0))
                    for d in disciplines
                ],
                "planned_total": round(sum(w.planned.values())),
                "delivered_total": sum(w.delivered.values()),
            }
            for w in weeks
        ],
        "disciplines": disciplines,
        "adherence": _adherence_rows(adherence, weeks_shown, disciplines, alerts),
        "adherence_weeks": weeks_shown,
        "alerts": alerts,
        "intensity": plan_intensity(
            plans, facts, today, template=plan.template, holds=held, calendar=calendar
        ),
        "threshold_percent": round(threshold * 100),
        "weeks_running": running,
    }


def _chart_payload(weeks, disciplines, today: date) -> dict:
    return {
        "labels": [short_day_text(w.monday) for w in weeks],
        "today": next((i for i, w in enumerate(weeks) if w.monday > today), len(weeks)) - 1,
        # Where today falls in its week (0 on Monday, 6/7 on Sunday): the "today" line.
        "today_fraction": round(today.weekday() / 7, 3),
        "today_label": f"Today, {short_day_text(today)}",
        "boundaries": [
            {"index": i, "name": " / ".join(w.starts)} for i, w in enumerate(weeks) if w.starts
        ],
        "disciplines": [
            {
                "code": d.code,
                "label": d.short_name,
                "colour": d.colour,
                "planned": [round(w.planned.get(d.code, 0)) for w in weeks],
                "delivered": [w.delivered.get(d.code, 0) for w in weeks],
            }
            for d in disciplines
        ],
    }


def _adherence_rows(adherence, weeks_shown, disciplines, alerts) -> list[dict]:
    rows = []
    for d in disciplines:
        cells = []
        for monday in weeks_shown:
            entry = adherence[monday].get(d.code, balance.Adherence())
            cells.append(
                {
                    "planned": round(entry.planned),
                    "delivered": entry.delivered,
                    "percent": round(entry.ratio * 100) if entry.ratio is not None else None,
                    "missed": entry.missed,
                    "clinic_missed": entry.clinic_missed,
                    "patient_missed": entry.patient_missed,
                    # "Other" (or not coded): neither side; said, so the split adds up.
                    "other_missed": entry.missed - entry.clinic_missed - entry.patient_missed,
                    "reasons": entry.reasons,
                }
            )
        if any(c["planned"] or c["delivered"] or c["missed"] for c in cells):
            rows.append({"discipline": d, "cells": cells, "alert": d.code in alerts})
    return rows
