"""Standard outcome measures: their published ranges, item scoring and validation.

Pure Python apart from Django's ``ValidationError``, which forms and models show as a
field error. Every value stored by the application goes through :func:`validate`, and
item-scored instruments get their total from :func:`score`, never typed by hand.

Values are kept as canonical text ("45", "12.3", "1+", "C") because two instruments are
ordinal grades, not numbers; :meth:`Instrument.rank` turns any value into a number for
comparisons and charts. Timed and walking tests may also be recorded as :data:`UNABLE`
("unable to perform"), which has no number: it is never charted, averaged or used as
progress, and never meets an exit criterion.

Each instrument carries its minimal detectable change (MDC) and, where published, its
minimal clinically important difference (MCID), with the source next to the figure, so a
change inside measurement error reads "no real change" (:meth:`Instrument.classify_change`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, DecimalException, InvalidOperation
from enum import StrEnum

from django.core.exceptions import ValidationError

from domain.sites import site_key

UNABLE = "UNABLE"
"""The canonical text of "unable to perform" (timed and walking tests): no number."""
UNABLE_LABEL = "Unable to perform"
_UNABLE_SPELLINGS = {"UNABLE", "UNABLE TO PERFORM"}


class Change(StrEnum):
    """How a later result compares with an earlier one, against measurement error."""

    IMPROVED = "improved"
    NO_REAL_CHANGE = "no_real_change"
    DETERIORATED = "deteriorated"


CHANGE_LABELS = {
    Change.IMPROVED: "Improved",
    Change.NO_REAL_CHANGE: "No real change",
    Change.DETERIORATED: "Deteriorated",
}


def is_unable(value: object) -> bool:
    """Whether ``value`` is the "unable to perform" result (in any accepted spelling)."""
    return isinstance(value, str) and value.strip().upper() in _UNABLE_SPELLINGS


def display(value: object) -> str:
    """A stored value as a clinician reads it: "Unable to perform" for :data:`UNABLE`."""
    return UNABLE_LABEL if is_unable(value) else str(value)


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    unit: str
    lower_is_better: bool = False
    # Numeric instruments: the inclusive range, or an exclusive minimum for timed tests.
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    minimum_exclusive: bool = False
    decimal_places: int = 0
    step: int = 1
    # Ordinal grades in order of their rank (MAS, ASIA).
    levels: tuple[str, ...] = ()
    # Item-scored instruments: item key -> allowed item scores.
    items: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    item_labels: Mapping[str, str] = field(default_factory=dict)
    per_body_site: bool = False
    # Timed and walking tests: "unable to perform" is a result (stored as UNABLE).
    allows_unable: bool = False
    # Minimal detectable change, in the instrument's unit (95 % confidence where
    # published). None for ordinal scales, whose smallest step (one grade) is the smallest
    # change. ``mdc_bands`` refines it by the earlier result: ((below this value, MDC), ...),
    # the last band's MDC applying above them all.
    mdc: Decimal | None = None
    mdc_bands: tuple[tuple[Decimal, Decimal], ...] = ()
    # Minimal clinically important difference, where published for the clinic's patients.
    mcid: Decimal | None = None
    # Where the MDC and MCID come from, for the pages and the docs.
    change_source: str = ""

    @property
    def is_item_scored(self) -> bool:
        return bool(self.items)

    @property
    def is_graded(self) -> bool:
        return bool(self.levels)

    @property
    def range_label(self) -> str:
        if self.is_graded:
            return ", ".join(self.levels)
        if self.minimum_exclusive:
            return f"more than {self.minimum} up to {self.maximum} {self.unit}"
        return f"{self.minimum}-{self.maximum} {self.unit}"

    def normalise(self, value: object) -> str:
        """The canonical text of a valid value; ``ValidationError`` otherwise."""
        if is_unable(value):
            if not self.allows_unable:
                raise ValidationError(
                    f'{self.name} has no "unable to perform" result; enter a score.',
                    code="unable_not_allowed",
                )
            return UNABLE
        if self.is_graded:
            return self._normalise_grade(value)
        return _canonical(self._normalise_number(value))

    def rank(self, value: object) -> Decimal:
        """A number that orders values of this instrument (grades by their position).

        "Unable to perform" has no number: asking for its rank is a ``ValidationError``.
        """
        if is_unable(value):
            raise ValidationError(f'{self.name}: "unable to perform" has no number.')
        if self.is_graded:
            return Decimal(self.levels.index(self._normalise_grade(value)))
        return self._normalise_number(value)

    def better(self, value: object, than: object) -> bool:
        """Whether ``value`` is strictly better than ``than`` (direction-aware).

        Any completed test is better than "unable to perform".
        """
        if is_unable(value):
            return False
        if is_unable(than):
            return True
        if self.lower_is_better:
            return self.rank(value) < self.rank(than)
        return self.rank(value) > self.rank(than)

    def meets(self, value: object, threshold: object) -> bool:
        """Whether ``value`` reaches ``threshold`` in the instrument's good direction.

        "Unable to perform" meets no threshold (and a threshold of "unable" is no target).
        """
        if is_unable(value) or is_unable(threshold):
            return False
        if self.lower_is_better:
            return self.rank(value) <= self.rank(threshold)
        return self.rank(value) >= self.rank(threshold)

    def progress(self, baseline: object, target: object, current: object) -> float | None:
        """Share of the way from baseline to target: 0 at baseline, 1 at target.

        Direction comes from the difference between target and baseline, so a TUG goal
        from 30 s to 15 s counts 20 s as two thirds of the way. None when baseline and
        target are equal (no way to go) or any of them is "unable to perform" (no number).
        """
        if any(is_unable(value) for value in (baseline, target, current)):
            return None
        start, goal, now = self.rank(baseline), self.rank(target), self.rank(current)
        if goal == start:
            return None
        return float((now - start) / (goal - start))

    def detectable_change(self, earlier: object) -> Decimal:
        """The smallest change from ``earlier`` that is beyond measurement error, in rank
        units: the MDC (from the band the earlier result falls in), or one grade or
        category on an ordinal scale without one."""
        if self.mdc_bands and not is_unable(earlier):
            value = self.rank(earlier)
            for below, mdc in self.mdc_bands:
                if value < below:
                    return mdc
            return self.mdc_bands[-1][1]
        if self.mdc is not None:
            return self.mdc
        return Decimal(1)

    def classify_change(self, earlier: object, later: object) -> Change:
        """Improvement, no real change (inside the MDC) or deterioration (worse by at least
        the MDC), direction-aware.

        "Unable to perform" has no number but an order: becoming unable is a
        deterioration, becoming able an improvement, unable twice no real change.
        """
        if is_unable(earlier) or is_unable(later):
            if is_unable(earlier) and is_unable(later):
                return Change.NO_REAL_CHANGE
            return Change.IMPROVED if is_unable(earlier) else Change.DETERIORATED
        delta = self.rank(later) - self.rank(earlier)
        if self.lower_is_better:
            delta = -delta
        if abs(delta) < self.detectable_change(earlier):
            return Change.NO_REAL_CHANGE
        return Change.IMPROVED if delta > 0 else Change.DETERIORATED

    def passes_mcid(self, earlier: object, later: object) -> bool | None:
        """Whether the improvement from ``earlier`` to ``later`` reaches the MCID; None
        when the instrument has no published MCID or either result has no number."""
        if self.mcid is None or is_unable(earlier) or is_unable(later):
            return None
        delta = self.rank(later) - self.rank(earlier)
        if self.lower_is_better:
            delta = -delta
        return delta >= self.mcid

    def _normalise_grade(self, value: object) -> str:
        text = str(value).strip().upper()
        if text not in self.levels:
            raise ValidationError(
                f"{self.name}: {value!r} is not a grade; use one of {', '.join(self.levels)}.",
                code="invalid_grade",
            )
        return text

    def _normalise_number(self, value: object) -> Decimal:
        if isinstance(value, bool) or value is None:
            raise ValidationError(f"{self.name}: enter a number.", code="invalid_number")
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, DecimalException):
            raise ValidationError(
                f"{self.name}: {value!r} is not a number.", code="invalid_number"
            ) from None
        if not number.is_finite():
            raise ValidationError(f"{self.name}: enter a finite number.", code="invalid_number")
        if abs(number.adjusted()) > 12:
            # "1e999999" is a number to Decimal but not a clinical result; refuse it
            # before arithmetic on it overflows.
            raise ValidationError(
                f"{self.name} must be {self.range_label}; {value!r} is out of range.",
                code="out_of_range",
            )
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimal_places:
            places = (
                "whole numbers"
                if self.decimal_places == 0
                else f"at most {self.decimal_places} decimal places"
            )
            raise ValidationError(f"{self.name} is recorded in {places}.", code="too_precise")
        assert self.minimum is not None and self.maximum is not None
        below = number <= self.minimum if self.minimum_exclusive else number < self.minimum
        if below or number > self.maximum:
            raise ValidationError(
                f"{self.name} must be {self.range_label}; {_canonical(number)} is out of range.",
                code="out_of_range",
            )
        if self.step > 1 and number % self.step:
            raise ValidationError(
                f"{self.name} totals go in steps of {self.step}; "
                f"{_canonical(number)} is not possible.",
                code="invalid_step",
            )
        return number


def _canonical(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return "0" if text in {"-0", ""} else text


# Mahoney FI, Barthel DW. Functional evaluation: the Barthel Index. Md State Med J 1965.
BARTHEL_ITEMS: dict[str, tuple[int, ...]] = {
    "feeding": (0, 5, 10),
    "bathing": (0, 5),
    "grooming": (0, 5),
    "dressing": (0, 5, 10),
    "bowels": (0, 5, 10),
    "bladder": (0, 5, 10),
    "toilet_use": (0, 5, 10),
    "transfers": (0, 5, 10, 15),
    "mobility": (0, 5, 10, 15),
    "stairs": (0, 5, 10),
}
BARTHEL_LABELS = {
    "feeding": "Feeding",
    "bathing": "Bathing",
    "grooming": "Grooming",
    "dressing": "Dressing",
    "bowels": "Bowels",
    "bladder": "Bladder",
    "toilet_use": "Toilet use",
    "transfers": "Transfers (bed to chair and back)",
    "mobility": "Mobility on level surfaces",
    "stairs": "Stairs",
}

# Berg K. et al. Measuring balance in the elderly. Physiother Can 1989: 14 items, 0-4.
BERG_LABELS = {
    "item1": "Sitting to standing",
    "item2": "Standing unsupported",
    "item3": "Sitting unsupported",
    "item4": "Standing to sitting",
    "item5": "Transfers",
    "item6": "Standing with eyes closed",
    "item7": "Standing with feet together",
    "item8": "Reaching forward with outstretched arm",
    "item9": "Retrieving object from floor",
    "item10": "Turning to look behind",
    "item11": "Turning 360 degrees",
    "item12": "Placing alternate foot on stool",
    "item13": "Standing with one foot in front",
    "item14": "Standing on one foot",
}
BERG_ITEMS: dict[str, tuple[int, ...]] = dict.fromkeys(BERG_LABELS, (0, 1, 2, 3, 4))

INSTRUMENTS: dict[str, Instrument] = {
    "BARTHEL": Instrument(
        code="BARTHEL",
        name="Barthel Index",
        unit="points",
        minimum=Decimal(0),
        maximum=Decimal(100),
        step=5,
        items=BARTHEL_ITEMS,
        item_labels=BARTHEL_LABELS,
        # Hsieh YW et al. Establishing the minimal clinically important difference of the
        # Barthel Index in stroke patients. Neurorehabil Neural Repair 2007;21:233-8, on the
        # 20-point scale (x 5 for the 0-100 scale used here): test-retest SEM 1.45 points
        # in chronic stroke, so MDC95 = 1.96 x sqrt(2) x 1.45 = 4.02 -> 20.1 points (not
        # 20: on the Barthel's 5-point steps a real change is 25 points); MCID 1.85 -> 9.25
        # points.
        mdc=Decimal("20.1"),
        mcid=Decimal("9.25"),
        change_source=(
            "Hsieh YW et al., Neurorehabil Neural Repair 2007 (stroke): SEM 1.45 and MCID "
            "1.85 on the 20-point scale; MDC95 = 1.96 × √2 × SEM"
        ),
    ),
    "BERG": Instrument(
        code="BERG",
        name="Berg Balance Scale",
        unit="points",
        minimum=Decimal(0),
        maximum=Decimal(56),
        items=BERG_ITEMS,
        item_labels=BERG_LABELS,
        # Stevenson TJ. Detecting change in patients with stroke using the Berg Balance
        # Scale. Aust J Physiother 2001;47:29-38: a change of 6 points for 90 % confidence
        # of genuine change (inpatient stroke rehabilitation). No single MCID is used: the
        # anchor-based estimates in acute stroke span 6.5-12.5 points (Hayashi S et al.,
        # Clin Rehabil 2022;36:1512-23).
        mdc=Decimal(6),
        change_source="Stevenson TJ, Aust J Physiother 2001 (stroke inpatients): MDC 6 (90 %)",
    ),
    # Bohannon RW, Smith MB. Phys Ther 1987: grades of muscle tone, per muscle group.
    # No MDC: a change of one grade is the smallest step the scale can record.
    "MAS": Instrument(
        code="MAS",
        name="Modified Ashworth Scale",
        unit="grade",
        lower_is_better=True,
        levels=("0", "1", "1+", "2", "3", "4"),
        per_body_site=True,
        change_source="No MDC: one grade is the smallest step",
    ),
    "NPRS": Instrument(
        code="NPRS",
        name="Numeric Pain Rating Scale",
        unit="points",
        lower_is_better=True,
        minimum=Decimal(0),
        maximum=Decimal(10),
        # Childs JD, Piva SR, Fritz JM. Responsiveness of the numeric pain rating scale in
        # patients with low back pain. Spine 2005;30:1331-4: SEM 1.02, MDC 2 points.
        # Farrar JT et al. Clinical importance of changes in chronic pain intensity
        # measured on an 11-point numerical pain rating scale. Pain 2001;94:149-58: MCID
        # about 2 points (30 %).
        mdc=Decimal(2),
        mcid=Decimal(2),
        change_source="MDC: Childs JD et al., Spine 2005; MCID: Farrar JT et al., Pain 2001",
    ),
    # Podsiadlo D, Richardson S. J Am Geriatr Soc 1991. The floor: healthy adults of 60-69
    # take 8.1 s on average (95 % CI 7.1-9.0; Bohannon RW, Reference values for the timed
    # up and go test: a descriptive meta-analysis, J Geriatr Phys Ther 2006;29:64-8), so
    # under 3 s is a stopwatch slip, not a result. The upper bound (10 minutes) is a
    # plausibility limit for a completed test, not a published maximum.
    "TUG": Instrument(
        code="TUG",
        name="Timed Up and Go",
        unit="s",
        lower_is_better=True,
        minimum=Decimal(3),
        maximum=Decimal(600),
        decimal_places=2,
        allows_unable=True,
        # Flansbjer UB et al. Reliability of gait performance tests in men and women with
        # hemiparesis after stroke. J Rehabil Med 2005;37:75-82: smallest real difference
        # (95 %) 2.9 s in chronic stroke. No MCID published for stroke.
        mdc=Decimal("2.9"),
        change_source="Flansbjer UB et al., J Rehabil Med 2005 (chronic stroke): SRD 2.9 s",
    ),
    # Comfortable gait speed. Healthy adults walk at 0.94-1.43 m/s on average by age and
    # sex (Bohannon RW, Williams Andrews A. Normal walking speed: a descriptive
    # meta-analysis. Physiotherapy 2011;97:182-9): above 2.5 m/s is not a comfortable
    # walk. Twenty days after a stroke the mean is 0.18 m/s (SD 0.16; Tilson 2010, below),
    # so the floor is low: 0.02 m/s is 10 m in over 8 minutes; slower is "unable".
    "10MWT": Instrument(
        code="10MWT",
        name="10-metre walk test",
        unit="m/s",
        minimum=Decimal("0.02"),
        maximum=Decimal("2.5"),
        decimal_places=2,
        allows_unable=True,
        # Hosoi Y et al. Estimation of minimal detectable change in the 10-meter walking
        # test for patients with stroke: a study stratified by gait speed. Front Neurol
        # 2023;14:1219505: MDC at comfortable speed 0.05 m/s below 0.4 m/s, 0.11 m/s at
        # 0.4-0.8 m/s, 0.21 m/s above 0.8 m/s. 0.8 itself is in the moderate group:
        # speeds have two decimals, so "below 0.81" is "at most 0.80".
        mdc_bands=(
            (Decimal("0.4"), Decimal("0.05")),
            (Decimal("0.81"), Decimal("0.11")),
            (Decimal("2.5"), Decimal("0.21")),
        ),
        # Tilson JK et al. Meaningful gait speed improvement during the first 60 days
        # poststroke: minimal clinically important difference. Phys Ther 2010;90:196-208.
        mcid=Decimal("0.16"),
        change_source=(
            "MDC by speed: Hosoi Y et al., Front Neurol 2023 (stroke); "
            "MCID: Tilson JK et al., Phys Ther 2010 (subacute stroke)"
        ),
    ),
    # Holden MK et al. Phys Ther 1984: 0 non-functional to 5 independent on all surfaces.
    "FAC": Instrument(
        code="FAC",
        name="Functional Ambulation Category",
        unit="category",
        minimum=Decimal(0),
        maximum=Decimal(5),
        change_source="No MDC: one category is the smallest step",
    ),
    # van Swieten JC et al. Stroke 1988: 0 no symptoms to 6 dead.
    "MRS": Instrument(
        code="MRS",
        name="modified Rankin Scale",
        unit="grade",
        lower_is_better=True,
        minimum=Decimal(0),
        maximum=Decimal(6),
        change_source="No MDC: one grade is the smallest step",
    ),
    # ISNCSCI / ASIA Impairment Scale: A complete to E normal.
    "ASIA": Instrument(
        code="ASIA",
        name="ASIA Impairment Scale",
        unit="grade",
        levels=("A", "B", "C", "D", "E"),
        change_source="No MDC: one grade is the smallest step",
    ),
}


def instrument(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except KeyError:
        raise ValidationError(f"{code!r} is not a known outcome measure.") from None


def validate(code: str, value: object) -> str:
    """Raise ``ValidationError`` unless ``value`` is a legal result; return its canonical text."""
    return instrument(code).normalise(value)


def score(code: str, items: Mapping[str, object]) -> int:
    """The total of an item-scored instrument; every item is required and must be legal."""
    tool = instrument(code)
    if not tool.is_item_scored:
        raise ValidationError(f"{tool.name} is not scored from items.")
    if not isinstance(items, Mapping):
        raise ValidationError(f"{tool.name}: give the item scores as item → score.")
    unknown = sorted(str(key) for key in set(items) - set(tool.items))
    if unknown:
        raise ValidationError(f"{tool.name} has no item {', '.join(unknown)}.")
    missing = [key for key in tool.items if key not in items]
    if missing:
        names = ", ".join(tool.item_labels.get(key, key) for key in missing)
        raise ValidationError(f"{tool.name}: every item is required; missing {names}.")
    total = 0
    errors = []
    for key, allowed in tool.items.items():
        value = items[key]
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            label = tool.item_labels.get(key, key)
            options = ", ".join(str(option) for option in allowed)
            errors.append(
                ValidationError(f"{tool.name}, {label}: {value!r} is not allowed; use {options}.")
            )
        else:
            total += value
    if errors:
        raise ValidationError(errors)
    return total


class GoalKind(StrEnum):
    """Improve a score, or keep it (Parkinson's, MS, chronic spinal cord injury)."""

    IMPROVE = "improve"
    MAINTAIN = "maintain"


GOAL_KIND_LABELS = {GoalKind.IMPROVE: "Improve", GoalKind.MAINTAIN: "Maintain"}


def goal_target_error(code: str, kind: str, baseline: str, target: str) -> str | None:
    """Why ``target`` is no target for a goal of ``kind`` from ``baseline``; None if it is.

    An improve goal aims better than its baseline; a maintain goal keeps a level: its
    target (the threshold to stay at or better than) may equal the baseline or lie on its
    worse side, never beyond it. A target is a result to reach, so never "unable".
    """
    tool = instrument(code)
    if is_unable(target):
        return "A target is a result to reach: it cannot be “unable to perform”."
    if not baseline:
        return None
    if kind == GoalKind.MAINTAIN:
        if is_unable(baseline):
            return "There is no level to maintain while the patient is unable to perform it."
        if tool.better(target, baseline):
            return (
                f"A goal to maintain keeps the baseline ({baseline}); a target better than it "
                "is a goal to improve."
            )
        return None
    if is_unable(baseline):
        return None  # any completed test is better than "unable"
    if tool.rank(target) == tool.rank(baseline):
        return "The target equals the baseline: no change to measure (or choose “maintain”)."
    if not tool.better(target, baseline):
        better = "lower" if tool.lower_is_better else "higher"
        side = "below" if tool.lower_is_better else "above"
        return (
            f"For the {tool.name} {better} is better: the target should be {side} the "
            f"baseline ({baseline})."
        )
    return None


@dataclass(frozen=True)
class GoalProgress:
    """Where a goal stands at its latest result.

    ``share``: the share of the way from baseline to target (improve goals, both values
    numbers); ``change``: baseline to latest against the MDC; ``maintained``: whether a
    maintain goal's latest result is at or better than its target.
    """

    kind: GoalKind
    share: float | None = None
    change: Change | None = None
    maintained: bool | None = None
    unable: bool = False

    @property
    def label(self) -> str:
        """What the goal row says instead of a percentage ("" when the share says it)."""
        if self.kind == GoalKind.MAINTAIN:
            return "Maintained" if self.maintained else "Not maintained"
        if self.unable:
            return UNABLE_LABEL
        if self.share is not None and self.share >= 1:
            return ""
        if self.change == Change.NO_REAL_CHANGE:
            return "No real change"
        if self.change == Change.DETERIORATED:
            return "Deteriorated"
        return ""


def goal_progress(
    code: str, kind: str | None, baseline: str, target: str, current: str
) -> GoalProgress | None:
    """The progress of a goal on ``code`` at the result ``current`` (None without a target
    or a result). An empty ``kind`` is an improve goal (goals written before kinds).

    For an improve goal a change inside the MDC is "no real change" and one worse by at
    least the MDC "deteriorated", unless the target is reached; "unable to perform" is
    never progress. A maintain goal is met or not: the latest result at or better than
    its target, direction-aware.
    """
    if not (target and current):
        return None
    tool = instrument(code)
    goal_kind = GoalKind(kind) if kind else GoalKind.IMPROVE
    if goal_kind == GoalKind.MAINTAIN:
        return GoalProgress(
            kind=goal_kind, maintained=tool.meets(current, target), unable=is_unable(current)
        )
    if is_unable(current):
        return GoalProgress(kind=goal_kind, unable=True)
    if not baseline:
        return GoalProgress(kind=goal_kind)
    change = tool.classify_change(baseline, current)
    if tool.meets(current, target):
        return GoalProgress(kind=goal_kind, share=1.0, change=change)
    return GoalProgress(
        kind=goal_kind, share=tool.progress(baseline, target, current), change=change
    )


@dataclass(frozen=True)
class Trend:
    """The latest result of one measure (and body site) against the one before it."""

    code: str
    site: str
    previous: str
    latest: str
    when: object
    change: Change

    @property
    def name(self) -> str:
        tool = INSTRUMENTS[self.code]
        return f"{tool.name} ({self.site})" if self.site else tool.name

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.change]

    @property
    def text(self) -> str:
        return f"{self.name} {display(self.previous)} → {display(self.latest)}"


def latest_changes(results) -> list[Trend]:
    """For each measure (and, for per-site measures, each body site) with two results or
    more, the latest against the previous one. ``results`` are (code, body site, value,
    when) oldest first; the sites of other measures are ignored. Ordered by measure, site.
    """
    last_two: dict[tuple[str, str], list[tuple[str, object]]] = {}
    for code, site, value, when in results:
        tool = INSTRUMENTS[code]
        # Sites match as domain.sites says ("Left elbow flexors" = "elbow flexors, left").
        key = (code, site_key(site) if tool.per_body_site else "")
        pair = last_two.setdefault(key, [])
        pair.append((value, when, (site or "").strip() if tool.per_body_site else ""))
        del pair[:-2]
    trends = []
    for (code, _), pair in sorted(last_two.items()):
        if len(pair) < 2:
            continue
        (previous, _, _), (latest, when, site) = pair
        change = INSTRUMENTS[code].classify_change(previous, latest)
        trends.append(Trend(code, site, previous, latest, when, change))
    return trends


def deteriorations(results) -> list[Trend]:
    """The measures (and sites) whose latest result is worse than the previous one by at
    least the MDC (or is now "unable to perform")."""
    return [trend for trend in latest_changes(results) if trend.change == Change.DETERIORATED]
