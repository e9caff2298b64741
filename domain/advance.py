"""When to suggest moving a plan to its next stage.

Pure Python. The system only *suggests*: a physician advances, with a reason. Two rules:
- time: the recovery phase since onset has moved past the current stage (stroke, by the
  SRRR phases of ``phases.stroke_phase``), or the stage's planned window has ended
  (other templates);
- criterion: the latest assessment of the stage's exit measure meets its threshold,
  direction-aware (Berg ≥ 45, TUG ≤ 10).
"""

from dataclasses import dataclass
from datetime import date, datetime

from domain import measures, phases


@dataclass(frozen=True)
class StageFacts:
    phase: str
    planned_end: date | None
    exit_measure: str | None = None
    exit_value: str = ""


@dataclass(frozen=True)
class Result:
    measure: str
    value: str
    on: date


def advance_reasons(
    *,
    stage: StageFacts,
    has_next_stage: bool,
    stroke_rule: bool,
    onset: datetime,
    now: datetime,
    latest: Result | None = None,
    onset_time_known: bool = True,
) -> list[str]:
    """Why the plan could move on now; an empty list means no suggestion."""
    if not has_next_stage:
        return []
    reasons = []
    # An onset stored later than now (a mistyped time) suggests nothing by time, rather
    # than asking for the phase of a moment before the stroke.
    if stroke_rule and stage.phase in phases.STROKE_PHASES and now >= onset:
        phase_now = phases.stroke_phase(onset, now)
        if phases.STROKE_PHASES.index(phase_now) > phases.STROKE_PHASES.index(stage.phase):
            days = (now - onset).days
            note = "" if onset_time_known else f" ({phases.unknown_time_note(onset.date())})"
            reasons.append(
                f"Day {days} since onset: the stroke is now {phases.PHASE_LABELS[phase_now]}{note}."
            )
    elif stage.planned_end is not None and now.date() > stage.planned_end:
        reasons.append(f"The stage's planned window ended on {stage.planned_end:%d %b %Y}.")
    if stage.exit_measure and stage.exit_value and latest and latest.measure == stage.exit_measure:
        tool = measures.INSTRUMENTS[stage.exit_measure]
        if tool.meets(latest.value, stage.exit_value):
            sign = "≤" if tool.lower_is_better else "≥"
            reasons.append(
                f"{tool.name} {latest.value} on {latest.on:%d %b %Y} meets the exit criterion "
                f"({sign} {stage.exit_value})."
            )
    return reasons
