"""Goal attainment scaling (GAS): each goal's five levels and the Kiresuk–Sherman T-score.

A goal is scaled when it is set: what the patient reaching the expected outcome (0) looks
like, and what somewhat / much less (−1 / −2) and somewhat / much more (+1 / +2) than
expected would be. At review the level reached is recorded. The goals' levels combine into
one T-score, 50 when every goal is met exactly as expected, with a standard deviation of 10:

    T = 50 + 10 · Σ(wᵢxᵢ) / sqrt((1 − ρ) · Σwᵢ² + ρ · (Σwᵢ)²)

xᵢ the level reached on goal i, wᵢ its weight, ρ the assumed correlation between the
goals' scores, conventionally 0.3 (Kiresuk TJ, Sherman RE. Goal attainment scaling: a
general method for evaluating comprehensive community mental health programs. Community
Ment Health J 1968;4:443–53; Turner-Stokes L. Goal attainment scaling (GAS) in
rehabilitation: a practical guide. Clin Rehabil 2009;23:362–70).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import sqrt

# The five levels and what each means (Kiresuk & Sherman 1968; Turner-Stokes 2009).
LEVELS: dict[int, str] = {
    -2: "Much less than expected",
    -1: "Somewhat less than expected",
    0: "Expected outcome",
    1: "Somewhat more than expected",
    2: "Much more than expected",
}
# Where a patient starts: −1, or −2 when things could still get worse (Turner-Stokes 2009).
BASELINE_LEVELS: tuple[int, ...] = (-2, -1)
# The assumed correlation between goals' scores (Kiresuk & Sherman 1968).
RHO = 0.3


def is_level(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in LEVELS


def t_score(levels: Sequence[int], weights: Sequence[float] | None = None) -> float | None:
    """The Kiresuk–Sherman T-score of ``levels`` (one per goal, −2..+2), each goal weighing
    ``weights[i]`` (1 each by default). None without goals, or when every weight is 0."""
    if weights is None:
        weights = [1.0] * len(levels)
    if len(weights) != len(levels):
        raise ValueError("One weight per goal.")
    for level in levels:
        if not is_level(level):
            raise ValueError(f"A GAS level is −2..+2, not {level!r}.")
    if any(w < 0 for w in weights):
        raise ValueError("A goal's weight is 0 or more.")
    total = sum(weights)
    spread = (1 - RHO) * sum(w * w for w in weights) + RHO * total * total
    if not levels or spread == 0:
        return None
    return 50 + 10 * sum(w * x for w, x in zip(weights, levels, strict=True)) / sqrt(spread)


def weight(importance: int, difficulty: int) -> int:
    """A goal's weight as Turner-Stokes (2009) proposes: importance × difficulty, each
    rated 0 (not at all) to 3 (very)."""
    for value in (importance, difficulty):
        if value not in (0, 1, 2, 3):
            raise ValueError("Importance and difficulty are rated 0–3.")
    return importance * difficulty


@dataclass(frozen=True)
class GoalLevels:
    """One scaled goal: its baseline level (None if not recorded), the latest level reached
    at review (None before any review), and its weight."""

    baseline: int | None
    latest: int | None
    weight: float = 1.0


@dataclass(frozen=True)
class Summary:
    """The T-scores across the reviewed goals: at baseline (None unless every reviewed goal
    has its baseline level) and at the latest review of each."""

    goals: int
    latest: float | None
    baseline: float | None

    @property
    def change(self) -> float | None:
        if self.latest is None or self.baseline is None:
            return None
        return self.latest - self.baseline


def summary(goals: Iterable[GoalLevels]) -> Summary:
    """T-scores over the goals reviewed at least once (goals not yet reviewed have no level
    to count); the baseline T-score over the same goals, so the two compare."""
    reviewed = [goal for goal in goals if goal.latest is not None]
    weights = [goal.weight for goal in reviewed]
    latest = t_score([goal.latest for goal in reviewed], weights)
    baseline = None
    if reviewed and all(goal.baseline is not None for goal in reviewed):
        baseline = t_score([goal.baseline for goal in reviewed], weights)
    return Summary(goals=len(reviewed), latest=latest, baseline=baseline)
