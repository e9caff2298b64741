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
from decimal import ROUND_HALF_UP, Decimal, DecimalException, InvalidOperation
from enum import StrEnum

from django.core.exceptions import ValidationError

from domain import neuro_items
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
    # The published wording of each item's scores: item key -> score -> descriptor.
    item_descriptors: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    # Category scales (FAC, mRS) and grades (MAS, ASIA): canonical value -> descriptor.
    # A scale with these is entered as a choice among them, never typed.
    value_descriptors: Mapping[str, str] = field(default_factory=dict)
    # Where the descriptors are quoted from.
    descriptor_source: str = ""
    # Timed walking tests: the walking aid used is recorded with the result.
    records_walking_aid: bool = False
    # The 10-metre walk: entered as the seconds over the timed 10 m, the speed computed.
    timed_distance_m: Decimal | None = None
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
    # The instrument's publication, and whether (and why) it is free for clinical use:
    # the clinic uses only instruments that are (issue 15).
    source: str = ""
    licence: str = ""
    # Items whose form allows "UN" (untestable, NIHSS): stored as ``untestable_code``,
    # shown as "UN", adding 0 to the total.
    untestable_items: tuple[str, ...] = ()
    untestable_code: int | None = None
    # Subscales, for the form's headings and the result's subtotals: (title, item keys).
    item_sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Published severity bands of the total: ((lowest total of the band, name), ...).
    severity_bands: tuple[tuple[int, str], ...] = ()

    @property
    def is_item_scored(self) -> bool:
        return bool(self.items)

    @property
    def is_graded(self) -> bool:
        return bool(self.levels)

    @property
    def is_choice(self) -> bool:
        """Entered as a choice among published descriptors (FAC, mRS, MAS, ASIA)."""
        return bool(self.value_descriptors)

    def is_untestable(self, key: str, score: object) -> bool:
        """Whether ``score`` is the "UN" (untestable) answer of item ``key``."""
        return key in self.untestable_items and score == self.untestable_code

    def item_points(self, key: str, score: int) -> int:
        """What an item's score adds to the total: "UN" adds 0 (NIHSS instructions)."""
        return 0 if self.is_untestable(key, score) else score

    def item_score_label(self, key: str, score: object) -> str:
        """An item's score as the form prints it: "UN" for untestable."""
        return "UN" if self.is_untestable(key, score) else str(score)

    def item_maximum(self, key: str) -> int:
        """An item's highest score (the "UN" code is no score)."""
        return max(score for score in self.items[key] if not self.is_untestable(key, score))

    def severity(self, total: object) -> str:
        """The published severity band of a total ("" without bands or a number)."""
        if not self.severity_bands or is_unable(total):
            return ""
        value = self.rank(total)
        return next((name for low, name in reversed(self.severity_bands) if value >= low), "")

    def item_choices(self, key: str) -> list[tuple[int, str]]:
        """An item's scores with their descriptors, highest first as the forms print them."""
        words = self.item_descriptors.get(key, {})
        return [(score, words.get(score, "")) for score in sorted(self.items[key], reverse=True)]

    def value_choices(self) -> list[tuple[str, str]]:
        """The values of a category scale with their descriptors, in the scale's order."""
        return list(self.value_descriptors.items())

    def describe(self, value: object) -> str:
        """The descriptor of a category or grade ("" when the scale has none)."""
        return self.value_descriptors.get(str(value), "")

    def describe_item(self, key: str, score: object) -> str:
        """The descriptor of one item's score ("" when unknown)."""
        try:
            return self.item_descriptors.get(key, {}).get(int(str(score)), "")
        except ValueError:
            return ""

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

# The wording of each score, as printed with the 0-100 version: Mahoney FI, Barthel DW.
# Functional evaluation: the Barthel Index. Md State Med J 1965;14:61-5, in the item
# wording of Collin C, Wade DT, Davies S, Horne V. The Barthel ADL Index: a reliability
# study. Int Disabil Stud 1988;10:61-3 (scores x 5 for the 0-100 scale used here).
BARTHEL_SOURCE = (
    "Mahoney FI, Barthel DW, Md State Med J 1965; item wording of Collin C, Wade DT et al., "
    "Int Disabil Stud 1988 (0-100 version)"
)
BARTHEL_DESCRIPTORS: dict[str, dict[int, str]] = {
    "feeding": {
        0: "Unable",
        5: "Needs help cutting, spreading butter, etc., or requires modified diet",
        10: "Independent",
    },
    "bathing": {0: "Dependent", 5: "Independent (or in shower)"},
    "grooming": {
        0: "Needs help with personal care",
        5: "Independent face/hair/teeth/shaving (implements provided)",
    },
    "dressing": {
        0: "Dependent",
        5: "Needs help but can do about half unaided",
        10: "Independent (including buttons, zips, laces, etc.)",
    },
    "bowels": {
        0: "Incontinent (or needs to be given enemas)",
        5: "Occasional accident",
        10: "Continent",
    },
    "bladder": {
        0: "Incontinent, or catheterized and unable to manage alone",
        5: "Occasional accident",
        10: "Continent",
    },
    "toilet_use": {
        0: "Dependent",
        5: "Needs some help, but can do something alone",
        10: "Independent (on and off, dressing, wiping)",
    },
    "transfers": {
        0: "Unable, no sitting balance",
        5: "Major help (one or two people, physical), can sit",
        10: "Minor help (verbal or physical)",
        15: "Independent",
    },
    "mobility": {
        0: "Immobile or < 50 yards",
        5: "Wheelchair independent, including corners, > 50 yards",
        10: "Walks with help of one person (verbal or physical) > 50 yards",
        15: "Independent (but may use any aid; for example, stick) > 50 yards",
    },
    "stairs": {
        0: "Unable",
        5: "Needs help (verbal, physical, carrying aid)",
        10: "Independent",
    },
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

# The wording of each score, 4 (best) to 0: Berg K, Wood-Dauphinee S, Williams JI, Gayton
# D. Measuring balance in the elderly: preliminary development of an instrument.
# Physiother Can 1989;41:304-11 (the scale's form, as published with it).
BERG_SOURCE = "Berg K, Wood-Dauphinee S, Williams JI, Gayton D, Physiother Can 1989"
BERG_DESCRIPTORS: dict[str, dict[int, str]] = {
    "item1": {
        4: "able to stand without using hands and stabilize independently",
        3: "able to stand independently using hands",
        2: "able to stand using hands after several tries",
        1: "needs minimal aid to stand or stabilize",
        0: "needs moderate or maximal assist to stand",
    },
    "item2": {
        4: "able to stand safely for 2 minutes",
        3: "able to stand 2 minutes with supervision",
        2: "able to stand 30 seconds unsupported",
        1: "needs several tries to stand 30 seconds unsupported",
        0: "unable to stand 30 seconds unsupported",
    },
    "item3": {
        4: "able to sit safely and securely for 2 minutes",
        3: "able to sit 2 minutes under supervision",
        2: "able to sit 30 seconds",
        1: "able to sit 10 seconds",
        0: "unable to sit without support 10 seconds",
    },
    "item4": {
        4: "sits safely with minimal use of hands",
        3: "controls descent by using hands",
        2: "uses back of legs against chair to control descent",
        1: "sits independently but has uncontrolled descent",
        0: "needs assist to sit",
    },
    "item5": {
        4: "able to transfer safely with minor use of hands",
        3: "able to transfer safely with definite need of hands",
        2: "able to transfer with verbal cuing and/or supervision",
        1: "needs one person to assist",
        0: "needs two people to assist or supervise to be safe",
    },
    "item6": {
        4: "able to stand 10 seconds safely",
        3: "able to stand 10 seconds with supervision",
        2: "able to stand 3 seconds",
        1: "unable to keep eyes closed 3 seconds but stays safely",
        0: "needs help to keep from falling",
    },
    "item7": {
        4: "able to place feet together independently and stand 1 minute safely",
        3: "able to place feet together independently and stand 1 minute with supervision",
        2: "able to place feet together independently but unable to hold for 30 seconds",
        1: "needs help to attain position but able to stand 15 seconds feet together",
        0: "needs help to attain position and unable to hold for 15 seconds",
    },
    "item8": {
        4: "can reach forward confidently 25 cm (10 inches)",
        3: "can reach forward 12 cm (5 inches)",
        2: "can reach forward 5 cm (2 inches)",
        1: "reaches forward but needs supervision",
        0: "loses balance while trying/requires external support",
    },
    "item9": {
        4: "able to pick up slipper safely and easily",
        3: "able to pick up slipper but needs supervision",
        2: "unable to pick up but reaches 2-5 cm (1-2 inches) from slipper and keeps "
        "balance independently",
        1: "unable to pick up and needs supervision while trying",
        0: "unable to try/needs assist to keep from losing balance or falling",
    },
    "item10": {
        4: "looks behind from both sides and weight shifts well",
        3: "looks behind one side only, other side shows less weight shift",
        2: "turns sideways only but maintains balance",
        1: "needs supervision when turning",
        0: "needs assist to keep from losing balance or falling",
    },
    "item11": {
        4: "able to turn 360 degrees safely in 4 seconds or less",
        3: "able to turn 360 degrees safely one side only in 4 seconds or less",
        2: "able to turn 360 degrees safely but slowly",
        1: "needs close supervision or verbal cuing",
        0: "needs assistance while turning",
    },
    "item12": {
        4: "able to stand independently and safely and complete 8 steps in 20 seconds",
        3: "able to stand independently and complete 8 steps in > 20 seconds",
        2: "able to complete 4 steps without aid with supervision",
        1: "able to complete > 2 steps, needs minimal assist",
        0: "needs assistance to keep from falling/unable to try",
    },
    "item13": {
        4: "able to place foot tandem independently and hold 30 seconds",
        3: "able to place foot ahead independently and hold 30 seconds",
        2: "able to take small step independently and hold 30 seconds",
        1: "needs help to step but can hold 15 seconds",
        0: "loses balance while stepping or standing",
    },
    "item14": {
        4: "able to lift leg independently and hold > 10 seconds",
        3: "able to lift leg independently and hold 5-10 seconds",
        2: "able to lift leg independently and hold ≥ 3 seconds",
        1: "tries to lift leg, unable to hold 3 seconds but remains standing independently",
        0: "unable to try or needs assist to prevent fall",
    },
}

# Holden MK, Gill KM, Magliozzi MR, Nathan J, Piehl-Baker L. Clinical gait assessment in
# the neurologically impaired: reliability and meaningfulness. Phys Ther 1984;64:35-40.
FAC_SOURCE = "Holden MK et al., Phys Ther 1984"
FAC_DESCRIPTORS: dict[str, str] = {
    "0": "Nonfunctional ambulator: cannot walk, walks in parallel bars only, or needs "
    "supervision or physical help from more than one person to walk safely outside the bars",
    "1": "Dependent on physical assistance, level II: needs continuous manual contact of one "
    "person to support body weight and keep balance or assist coordination",
    "2": "Dependent on physical assistance, level I: needs continuous or intermittent light "
    "touch of one person to assist balance or coordination",
    "3": "Dependent on supervision: walks on level surfaces without manual contact but needs "
    "standby guarding of one person for safety or verbal cueing",
    "4": "Independent, level surfaces only: needs supervision or physical help on stairs, "
    "inclines or nonlevel surfaces",
    "5": "Independent: walks independently on nonlevel and level surfaces, stairs and inclines",
}

# van Swieten JC, Koudstaal PJ, Visser MC, Schouten HJ, van Gijn J. Interobserver
# agreement for the assessment of handicap in stroke patients. Stroke 1988;19:604-7.
MRS_SOURCE = "van Swieten JC et al., Stroke 1988"
MRS_DESCRIPTORS: dict[str, str] = {
    "0": "No symptoms at all",
    "1": "No significant disability despite symptoms; able to carry out all usual duties "
    "and activities",
    "2": "Slight disability; unable to carry out all previous activities, but able to look "
    "after own affairs without assistance",
    "3": "Moderate disability; requiring some help, but able to walk without assistance",
    "4": "Moderately severe disability; unable to walk without assistance and unable to "
    "attend to own bodily needs without assistance",
    "5": "Severe disability; bedridden, incontinent and requiring constant nursing care and "
    "attention",
    "6": "Dead",
}

# Bohannon RW, Smith MB. Interrater reliability of a modified Ashworth scale of muscle
# spasticity. Phys Ther 1987;67:206-7.
MAS_SOURCE = "Bohannon RW, Smith MB, Phys Ther 1987"
MAS_DESCRIPTORS: dict[str, str] = {
    "0": "No increase in muscle tone",
    "1": "Slight increase in muscle tone, manifested by a catch and release or by minimal "
    "resistance at the end of the range of motion when the affected part(s) is moved in "
    "flexion or extension",
    "1+": "Slight increase in muscle tone, manifested by a catch, followed by minimal "
    "resistance throughout the remainder (less than half) of the range of motion",
    "2": "More marked increase in muscle tone through most of the range of motion, but "
    "affected part(s) easily moved",
    "3": "Considerable increase in muscle tone, passive movement difficult",
    "4": "Affected part(s) rigid in flexion or extension",
}

# American Spinal Injury Association. International Standards for Neurological
# Classification of Spinal Cord Injury (ISNCSCI), revised 2019; Kirshblum SC et al.,
# J Spinal Cord Med 2011;34:535-46.
ASIA_SOURCE = "ASIA ISNCSCI (2019 revision); Kirshblum SC et al., J Spinal Cord Med 2011"
ASIA_DESCRIPTORS: dict[str, str] = {
    "A": "Complete: no sensory or motor function is preserved in the sacral segments S4-5",
    "B": "Sensory incomplete: sensory but not motor function is preserved below the "
    "neurological level, including the sacral segments S4-5, and no motor function is "
    "preserved more than three levels below the motor level on either side",
    "C": "Motor incomplete: motor function is preserved below the neurological level, and "
    "more than half of key muscle functions below the single neurological level of injury "
    "have a muscle grade less than 3",
    "D": "Motor incomplete: motor function is preserved below the neurological level, and "
    "at least half of key muscle functions below the single neurological level of injury "
    "have a muscle grade of 3 or more",
    "E": "Normal: sensation and motor function are graded as normal in all segments, and "
    "the patient had prior deficits",
}


class WalkingAid(StrEnum):
    """The walking aid used for a timed walk (recorded with the 10-metre walk and the TUG:
    a speed with a frame is not a speed without one)."""

    NONE = "none"
    STICK = "stick"
    QUAD_STICK = "quad_stick"
    FRAME = "frame"
    ROLLATOR = "rollator"
    ORTHOSIS = "orthosis"
    PERSON = "person"


WALKING_AID_LABELS: dict[WalkingAid, str] = {
    WalkingAid.NONE: "None",
    WalkingAid.STICK: "Stick",
    WalkingAid.QUAD_STICK: "Quad stick",
    WalkingAid.FRAME: "Walking frame",
    WalkingAid.ROLLATOR: "Rollator",
    WalkingAid.ORTHOSIS: "Orthosis (e.g. ankle-foot)",
    WalkingAid.PERSON: "Another person's help",
}

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
        item_descriptors=BARTHEL_DESCRIPTORS,
        descriptor_source=BARTHEL_SOURCE,
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
        item_descriptors=BERG_DESCRIPTORS,
        descriptor_source=BERG_SOURCE,
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
        value_descriptors=MAS_DESCRIPTORS,
        descriptor_source=MAS_SOURCE,
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
        records_walking_aid=True,
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
        records_walking_aid=True,
        # Timed over the middle 10 m of the walkway; the speed is 10 / seconds.
        timed_distance_m=Decimal(10),
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
        value_descriptors=FAC_DESCRIPTORS,
        descriptor_source=FAC_SOURCE,
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
        value_descriptors=MRS_DESCRIPTORS,
        descriptor_source=MRS_SOURCE,
        change_source="No MDC: one grade is the smallest step",
    ),
    # ISNCSCI / ASIA Impairment Scale: A complete to E normal.
    "ASIA": Instrument(
        code="ASIA",
        name="ASIA Impairment Scale",
        unit="grade",
        levels=("A", "B", "C", "D", "E"),
        value_descriptors=ASIA_DESCRIPTORS,
        descriptor_source=ASIA_SOURCE,
        change_source="No MDC: one grade is the smallest step",
    ),
}

_FMA_ITEMS, _FMA_LABELS, _FMA_WORDS, _FMA_SECTIONS = neuro_items.flatten(
    neuro_items.FMA_UE_SECTIONS
)
_ARAT_ITEMS, _ARAT_LABELS, _ARAT_WORDS, _ARAT_SECTIONS = neuro_items.flatten(
    [
        (title, [(key, label, neuro_items.ARAT_SCORES) for key, label in rows])
        for title, rows in neuro_items.ARAT_SECTIONS
    ]
)
_SCIM_ITEMS, _SCIM_LABELS, _SCIM_WORDS, _SCIM_SECTIONS = neuro_items.flatten(
    neuro_items.SCIM_SECTIONS
)

# The instruments neuro-rehabilitation uses (issue 15), each free for clinical use.
INSTRUMENTS |= {
    "NIHSS": Instrument(
        code="NIHSS",
        name="NIH Stroke Scale",
        unit="points",
        lower_is_better=True,
        minimum=Decimal(0),
        maximum=Decimal(42),
        items=neuro_items.NIHSS_ITEMS,
        item_labels=neuro_items.NIHSS_LABELS,
        item_descriptors=neuro_items.NIHSS_DESCRIPTORS,
        descriptor_source=neuro_items.NIHSS_SOURCE,
        untestable_items=neuro_items.NIHSS_UNTESTABLE_ITEMS,
        untestable_code=neuro_items.NIHSS_UNTESTABLE,
        # No test-retest MDC is published for rehabilitation. The 4 points used in its
        # place are no measurement-error figure: they are SITS-MOST's definition of
        # neurological deterioration (NIHSS worse by >= 4, with a haemorrhage, defines a
        # symptomatic one: Wahlgren N et al., Lancet 2007;369:275-82).
        mdc=Decimal(4),
        change_source="No published MDC: 4 points is used in its place, SITS-MOST's "
        "definition of neurological deterioration (worse by ≥ 4; Wahlgren N et al., "
        "Lancet 2007), not a measurement-error threshold",
        source="Brott T et al. Measurements of acute cerebral infarction: a clinical "
        "examination scale. Stroke 1989;20:864-70",
        licence="Public domain (NINDS); free for clinical use",
    ),
    "FMA_UE": Instrument(
        code="FMA_UE",
        name="Fugl-Meyer Assessment, upper extremity (motor)",
        unit="points",
        minimum=Decimal(0),
        maximum=Decimal(66),
        items=_FMA_ITEMS,
        item_labels=_FMA_LABELS,
        item_descriptors=_FMA_WORDS,
        item_sections=_FMA_SECTIONS,
        descriptor_source=neuro_items.FMA_UE_SOURCE,
        # van der Lee JH, Beckerman H, Lankhorst GJ, Bouter LM. The responsiveness of the
        # Action Research Arm test and the Fugl-Meyer Assessment scale in chronic stroke
        # patients. J Rehabil Med 2001;33:110-3: test-retest limits of agreement -5.0 to
        # 6.6 points, so a change beyond 6.6 is beyond measurement error. Arya KN et al.
        # Top Stroke Rehabil 2011;18 Suppl 1:599-610: MCID 9-10 in subacute stroke (9 used).
        mdc=Decimal("6.6"),
        mcid=Decimal(9),
        change_source="MDC: van der Lee JH et al., J Rehabil Med 2001 (limits of agreement "
        "-5.0 to 6.6); MCID: Arya KN et al., Top Stroke Rehabil 2011 (subacute, 9-10)",
        source="Fugl-Meyer AR et al. The post-stroke hemiplegic patient. Scand J Rehabil "
        "Med 1975;7:13-31",
        licence="Free for clinical use: protocol published by the University of Gothenburg, "
        "Rehabilitation Medicine",
    ),
    "ARAT": Instrument(
        code="ARAT",
        name="Action Research Arm Test",
        unit="points",
        minimum=Decimal(0),
        maximum=Decimal(57),
        items=_ARAT_ITEMS,
        item_labels=_ARAT_LABELS,
        item_descriptors=_ARAT_WORDS,
        item_sections=_ARAT_SECTIONS,
        descriptor_source=neuro_items.ARAT_SOURCE,
        # van der Lee JH et al., J Rehabil Med 2001;33:110-3: test-retest limits of
        # agreement -5.7 to 6.2 in chronic stroke. MCID 5.7 points (10 % of the range):
        # van der Lee JH et al. The intra- and interrater reliability of the Action
        # Research Arm test. Arch Phys Med Rehabil 2001;82:14-9.
        mdc=Decimal("6.2"),
        mcid=Decimal("5.7"),
        change_source="MDC: van der Lee JH et al., J Rehabil Med 2001 (limits of agreement "
        "-5.7 to 6.2); MCID 5.7: van der Lee JH et al., Arch Phys Med Rehabil 2001",
        source="Lyle RC. A performance test for assessment of upper limb function in "
        "physical rehabilitation treatment and research. Int J Rehabil Res 1981;4:483-92",
        licence="Free: the scale is published; only the test kit is bought",
    ),
    # American Thoracic Society. ATS statement: guidelines for the six-minute walk test.
    # Am J Respir Crit Care Med 2002;166:111-7: the distance walked in 6 minutes along a
    # 30 m corridor, rests allowed, the usual walking aid recorded. Healthy older adults
    # walk 400-700 m; 1000 m is a plausibility limit, not a published maximum.
    "6MWT": Instrument(
        code="6MWT",
        name="6-minute walk test",
        unit="m",
        minimum=Decimal(0),
        minimum_exclusive=True,
        maximum=Decimal(1000),
        allows_unable=True,
        records_walking_aid=True,
        # Fulk GD, Echternach JL, Nof L, O'Sullivan S. Clinometric properties of the
        # six-minute walk test in individuals undergoing rehabilitation poststroke.
        # Physiother Theory Pract 2008;24:195-204: MDC90 54.1 m. No MCID used for stroke.
        mdc=Decimal("54.1"),
        change_source="Fulk GD et al., Physiother Theory Pract 2008 (inpatient stroke "
        "rehabilitation): MDC90 54.1 m",
        source="ATS statement: guidelines for the six-minute walk test. Am J Respir Crit "
        "Care Med 2002;166:111-7",
        licence="Free: a published protocol, no form to license",
    ),
    "PHQ9": Instrument(
        code="PHQ9",
        name="Patient Health Questionnaire-9",
        unit="points",
        lower_is_better=True,
        minimum=Decimal(0),
        maximum=Decimal(27),
        items=dict.fromkeys(neuro_items.PHQ9_LABELS, (0, 1, 2, 3)),
        item_labels=neuro_items.PHQ9_LABELS,
        item_descriptors=dict.fromkeys(neuro_items.PHQ9_LABELS, neuro_items.PHQ9_SCORES),
        descriptor_source=neuro_items.PHQ9_SOURCE,
        # Kroenke K et al., J Gen Intern Med 2001: 5, 10, 15 and 20 are the cut-points of
        # mild, moderate, moderately severe and severe depression.
        severity_bands=(
            (0, "Minimal"),
            (5, "Mild"),
            (10, "Moderate"),
            (15, "Moderately severe"),
            (20, "Severe"),
        ),
        # Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Monitoring depression
        # treatment outcomes with the Patient Health Questionnaire-9. Med Care
        # 2004;42:1194-201: a change of 5 points is a reliable, clinically significant one.
        mdc=Decimal(5),
        mcid=Decimal(5),
        change_source="Löwe B et al., Med Care 2004: 5 points is a clinically significant change",
        source="Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief "
        "depression severity measure. J Gen Intern Med 2001;16:606-13",
        licence="Free: developed with an educational grant from Pfizer; no permission "
        "required to reproduce, translate, display or distribute",
    ),
    "SCIM": Instrument(
        code="SCIM",
        name="Spinal Cord Independence Measure III",
        unit="points",
        minimum=Decimal(0),
        maximum=Decimal(100),
        items=_SCIM_ITEMS,
        item_labels=_SCIM_LABELS,
        item_descriptors=_SCIM_WORDS,
        item_sections=_SCIM_SECTIONS,
        descriptor_source=neuro_items.SCIM_SOURCE,
        # Scivoletto G, Tamburella F, Laurenza L, Molinari M. The Spinal Cord Independence
        # Measure: how much change is clinically significant for spinal cord injury
        # subjects. Disabil Rehabil 2013;35:1808-13: at least 4 points (distribution-based)
        # for a small significant improvement, 10 for a substantial one. That is an MCID,
        # not a test-retest MDC; it is used in the MDC's place. The anchor-based MCID
        # depends on the lesion (12 to 45; Corallo V et al., Eur J Phys Rehabil Med
        # 2017;53:508-15), so no single MCID is used.
        mdc=Decimal(4),
        change_source="Not a test-retest MDC: 4 points is Scivoletto G et al.'s "
        "distribution-based MCID (small significant improvement; Disabil Rehabil 2013), "
        "used in the MDC's place; anchor-based MCID by lesion 12-45 (Corallo V et al., "
        "Eur J Phys Rehabil Med 2017)",
        source="Catz A et al. A multicenter international study on the Spinal Cord "
        "Independence Measure, version III. Spinal Cord 2007;45:275-91",
        licence="Free for clinical use: the form is published in full with Catz A et al., "
        "Spinal Cord 2007",
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
            total += tool.item_points(key, value)
    if errors:
        raise ValidationError(errors)
    return total


def phq9_self_harm(items: object) -> bool:
    """Whether a PHQ-9's item 9 (thoughts of being better off dead or of self-harm) was
    answered above "not at all": any such answer is for the physician to see and act on
    (Kroenke K et al., J Gen Intern Med 2001: item 9 is screened separately from the total).
    Tolerant of what a stored result holds: a missing or non-number answer is no alert."""
    if not isinstance(items, Mapping):
        return False
    answer = items.get(neuro_items.PHQ9_SELF_HARM_ITEM)
    return isinstance(answer, int) and not isinstance(answer, bool) and answer > 0


def phq9_self_harm_answer(items: object) -> str:
    """The words of the item-9 answer ("Several days"), "" when there is none."""
    answer = items.get(neuro_items.PHQ9_SELF_HARM_ITEM) if isinstance(items, Mapping) else None
    return neuro_items.PHQ9_SCORES.get(answer, "") if isinstance(answer, int) else ""


def walk_speed(code: str, seconds: object) -> str:
    """The speed of a timed walk from the seconds over its timed distance (10 m for the
    10-metre walk): distance / seconds, rounded half up to the instrument's decimal places,
    as canonical text, validated against the instrument's range (so 10 m in under 4 s, or
    over 500 s, is refused as the speed it would be)."""
    tool = instrument(code)
    if tool.timed_distance_m is None:
        raise ValidationError(f"{tool.name} is not entered as a time.")
    if isinstance(seconds, bool) or seconds is None or str(seconds).strip() == "":
        raise ValidationError(f"{tool.name}: enter the seconds.", code="invalid_number")
    try:
        time = Decimal(str(seconds).strip())
    except (InvalidOperation, DecimalException):
        raise ValidationError(
            f"{tool.name}: {seconds!r} is not a number of seconds.", code="invalid_number"
        ) from None
    if not time.is_finite() or time <= 0 or abs(time.adjusted()) > 6:
        raise ValidationError(
            f"{tool.name}: enter the seconds taken over {tool.timed_distance_m} m.",
            code="out_of_range",
        )
    exponent = time.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > 2:
        raise ValidationError(
            f"{tool.name}: seconds are recorded to at most 2 decimal places.", code="too_precise"
        )
    quantum = Decimal(1).scaleb(-tool.decimal_places)
    speed = (tool.timed_distance_m / time).quantize(quantum, rounding=ROUND_HALF_UP)
    try:
        return tool.normalise(speed)
    except ValidationError:
        raise ValidationError(
            f"{tool.name}: {_canonical(time)} s over {tool.timed_distance_m} m is "
            f"{_canonical(speed)} m/s, outside {tool.range_label}.",
            code="out_of_range",
        ) from None


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


def series_key(code: str, site: str | None) -> tuple[str, str]:
    """What the results of one series share: the measure and, for a per-site measure, its
    site as ``domain.sites`` compares them ("Left elbow flexors" = "elbow flexors, left");
    the site of any other measure is ignored."""
    return (code, site_key(site) if INSTRUMENTS[code].per_body_site else "")


def latest_changes(results) -> list[Trend]:
    """For each measure (and, for per-site measures, each body site) with two results or
    more, the latest against the previous one. ``results`` are (code, body site, value,
    when) oldest first; the sites of other measures are ignored. Ordered by measure, site.
    """
    last_two: dict[tuple[str, str], list[tuple[str, object]]] = {}
    for code, site, value, when in results:
        tool = INSTRUMENTS[code]
        pair = last_two.setdefault(series_key(code, site), [])
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
