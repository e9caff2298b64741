"""The demo's outcome measures: results every two weeks that move from each goal's
baseline towards its target, with some noise, and item scores that add up to a total."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from delivery.models import Assessment
from domain import measures
from patients.models import Patient
from plans.models import Goal
from staff.models import User


def results_towards_goals(
    patient: Patient,
    goals: list[Goal],
    start: date,
    end: date,
    *,
    rng: random.Random,
    assessors: dict[str, User],
) -> list[Assessment]:
    """Unsaved assessments of each goal's measure, every 14 days from ``start`` to ``end``."""
    rows = []
    span = max((end - start).days, 1)
    for goal in goals:
        tool = measures.INSTRUMENTS[goal.measure_id]
        baseline, target = float(tool.rank(goal.baseline)), float(tool.rank(goal.target))
        day = start
        while day <= end:
            share = min(1.0, (day - start).days / max(span, 84)) * rng.uniform(0.85, 1.1)
            value = baseline + (target - baseline) * share
            assessment = Assessment(
                patient=patient,
                measure_id=goal.measure_id,
                assessed_at=timezone.make_aware(datetime.combine(day, time(12))),
                assessed_by=assessors[goal.discipline_id],
            )
            if tool.is_item_scored:
                assessment.items = _items_for_total(tool, value, rng)
            elif tool.timed_distance_m is not None:
                # Timed over 10 m: the seconds are recorded, the speed computed from them.
                speed = Decimal(_round_for(tool, value))
                assessment.walk_seconds = (tool.timed_distance_m / speed).quantize(Decimal("0.01"))
            else:
                assessment.value = _round_for(tool, value)
            if tool.records_walking_aid:
                assessment.walking_aid = _aid_for(goal.measure_id, value)
            assessment.apply_measure()
            rows.append(assessment)
            day += timedelta(days=14)
    return rows


def _aid_for(code: str, value: float) -> str:
    """A walking aid that fits the result: slow walkers use more support."""
    # As speed for the walk, as seconds for the TUG (slower is a longer time).
    speed = value if code == "10MWT" else 10 / max(value, 1)
    if speed < 0.4:
        return measures.WalkingAid.FRAME
    if speed < 0.8:
        return measures.WalkingAid.STICK
    return measures.WalkingAid.NONE


def _round_for(tool: measures.Instrument, value: float) -> str:
    assert tool.minimum is not None and tool.maximum is not None
    low = float(tool.minimum) + (0.01 if tool.minimum_exclusive else 0)
    bounded = min(max(value, low), float(tool.maximum))
    return f"{bounded:.{tool.decimal_places}f}"


def _items_for_total(
    tool: measures.Instrument, wanted: float, rng: random.Random
) -> dict[str, int]:
    """Item scores whose total comes close to ``wanted``, raising items one step at a time."""
    items = {key: allowed[0] for key, allowed in tool.items.items()}
    keys = list(tool.items)
    total = 0
    while total < wanted:
        raisable = [k for k in keys if items[k] != tool.items[k][-1]]
        if not raisable:
            break
        key = rng.choice(raisable)
        allowed = tool.items[key]
        step_up = allowed[allowed.index(items[key]) + 1]
        total += step_up - items[key]
        items[key] = step_up
    return items
