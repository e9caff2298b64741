"""When to suggest moving a plan to its next stage, and which results count for it.

Pure Python. The system only *suggests*: a physician advances, with a reason. Two rules:
- time: the recovery phase since onset has moved past the current stage (stroke, by the
  SRRR phases of ``phases.stroke_phase``), or the stage's planned window has ended
  (other templates);
- criterion: the latest *qualifying* result of the stage's exit measure meets its
  threshold, direction-aware (Berg ≥ 45, TUG ≤ 10). A result qualifies only if it was
  taken on or after the day the stage started: a result from before (even before the
  stroke) says nothing about whether this stage's work is done. A stage whose exit
  ``needs_window`` is not left on the measure alone before its planned end (tissue
  healing takes its time whatever the pain score says).

Results of a per-site instrument (the Modified Ashworth Scale) are compared only with the
same site (``sites.same_site``). Goals use the same picking: progress from the latest
result on or after the goal was set, the baseline from the latest result of the episode.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from domain import measures, phases, sites
from rehabana.dates import day_text


@dataclass(frozen=True)
class StageFacts:
    phase: str
    planned_end: date | None
    exit_measure: str | None = None
    exit_value: str = ""
    # The day the stage started (its actual start): results before it do not count.
    started: date | None = None
    # The exit criterion needs the planned window to have run as well as the measure.
    exit_needs_window: bool = False


@dataclass(frozen=True)
class Result:
    measure: str
    value: str
    on: date
    site: str = ""


@dataclass(frozen=True)
class Advice:
    """Why a plan could move on now (``reasons``; empty: no suggestion), and what the
    physician should know though it is no reason yet (``notes``)."""

    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def qualifying_result(
    results: Iterable[Result],
    *,
    measure: str,
    site: str = "",
    since: date | None = None,
    before: date | None = None,
) -> Result | None:
    """The latest result of ``measure`` taken on or after ``since`` (and before ``before``).

    ``results`` come oldest first; of two on the same day the later one in the list wins.
    A per-site instrument's result counts only at ``site`` (none without a site).
    """
    tool = measures.INSTRUMENTS.get(measure)
    if tool is None:
        return None
    chosen = None
    for result in results:
        if result.measure != measure:
            continue
        if since is not None and result.on < since:
            continue
        if before is not None and result.on >= before:
            continue
        if tool.per_body_site and not sites.same_site(result.site, site):
            continue
        if chosen is None or result.on >= chosen.on:
            chosen = result
    return chosen


def goal_result(
    results: Iterable[Result], *, measure: str, site: str, set_on: date | None
) -> Result | None:
    """The result a goal's progress is read from: the latest on or after the goal was set."""
    return qualifying_result(results, measure=measure, site=site, since=set_on)


def baseline_result(
    results: Iterable[Result], *, measure: str, site: str, episode_start: date, set_on: date
) -> Result | None:
    """The result a new goal's baseline is pre-filled from: the latest of the episode
    (on or after ``episode_start``) up to and including the day the goal is set."""
    return qualifying_result(
        results,
        measure=measure,
        site=site,
        since=episode_start,
        before=date.fromordinal(set_on.toordinal() + 1),
    )


def advance_advice(
    *,
    stage: StageFacts,
    has_next_stage: bool,
    stroke_rule: bool,
    onset: datetime,
    now: datetime,
    results: Iterable[Result] = (),
    onset_time_known: bool = True,
) -> Advice:
    """Why the plan could move on now, and a note when the exit measure is met but the
    stage's window still runs."""
    if not has_next_stage:
        return Advice()
    reasons: list[str] = []
    notes: list[str] = []
    today = now.date()
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
    elif stage.planned_end is not None and today > stage.planned_end:
        reasons.append(f"The stage's planned window ended on {day_text(stage.planned_end)}.")
    tool = measures.INSTRUMENTS.get(stage.exit_measure or "")
    # A per-site instrument has no site on a stage: it is never an exit criterion.
    if tool is not None and stage.exit_value and not tool.per_body_site:
        result = qualifying_result(results, measure=tool.code, since=stage.started)
        if result is not None and tool.meets(result.value, stage.exit_value):
            sign = "≤" if tool.lower_is_better else "≥"
            met = (
                f"{tool.name} {result.value} on {day_text(result.on)} meets the exit criterion "
                f"({sign} {stage.exit_value})"
            )
            window_open = stage.planned_end is not None and today <= stage.planned_end
            if stage.exit_needs_window and window_open:
                notes.append(
                    f"{met}, but the stage's window runs until {day_text(stage.planned_end)}: "
                    "the criterion needs the time as well."
                )
            else:
                reasons.append(f"{met}.")
    return Advice(reasons=reasons, notes=notes)


def advance_reasons(
    *,
    stage: StageFacts,
    has_next_stage: bool,
    stroke_rule: bool,
    onset: datetime,
    now: datetime,
    results: Iterable[Result] = (),
    onset_time_known: bool = True,
) -> list[str]:
    """Why the plan could move on now; an empty list means no suggestion."""
    return advance_advice(
        stage=stage, has_next_stage=has_next_stage, stroke_rule=stroke_rule, onset=onset,
        now=now, results=results, onset_time_known=onset_time_known,
    ).reasons  # fmt: skip
