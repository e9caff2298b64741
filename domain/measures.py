"""Standard outcome measures: their published ranges, item scoring and validation.

Pure Python apart from Django's ``ValidationError``, which forms and models show as a
field error. Every value stored by the application goes through :func:`validate`, and
item-scored instruments get their total from :func:`score`, never typed by hand.

Values are kept as canonical text ("45", "12.3", "1+", "C") because two instruments are
ordinal grades, not numbers; :meth:`Instrument.rank` turns any value into a number for
comparisons and charts.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, DecimalException, InvalidOperation

from django.core.exceptions import ValidationError


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
        if self.is_graded:
            return self._normalise_grade(value)
        return _canonical(self._normalise_number(value))

    def rank(self, value: object) -> Decimal:
        """A number that orders values of this instrument (grades by their position)."""
        if self.is_graded:
            return Decimal(self.levels.index(self._normalise_grade(value)))
        return self._normalise_number(value)

    def meets(self, value: object, threshold: object) -> bool:
        """Whether ``value`` reaches ``threshold`` in the instrument's good direction."""
        if self.lower_is_better:
            return self.rank(value) <= self.rank(threshold)
        return self.rank(value) >= self.rank(threshold)

    def progress(self, baseline: object, target: object, current: object) -> float | None:
        """Share of the way from baseline to target: 0 at baseline, 1 at target.

        Direction comes from the difference between target and baseline, so a TUG goal
        from 30 s to 15 s counts 20 s as two thirds of the way. None when baseline and
        target are equal (no way to go).
        """
        start, goal, now = self.rank(baseline), self.rank(target), self.rank(current)
        if goal == start:
            return None
        return float((now - start) / (goal - start))

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
    ),
    "BERG": Instrument(
        code="BERG",
        name="Berg Balance Scale",
        unit="points",
        minimum=Decimal(0),
        maximum=Decimal(56),
        items=BERG_ITEMS,
        item_labels=BERG_LABELS,
    ),
    # Bohannon RW, Smith MB. Phys Ther 1987: grades of muscle tone, per muscle group.
    "MAS": Instrument(
        code="MAS",
        name="Modified Ashworth Scale",
        unit="grade",
        lower_is_better=True,
        levels=("0", "1", "1+", "2", "3", "4"),
        per_body_site=True,
    ),
    "NPRS": Instrument(
        code="NPRS",
        name="Numeric Pain Rating Scale",
        unit="points",
        lower_is_better=True,
        minimum=Decimal(0),
        maximum=Decimal(10),
    ),
    # Podsiadlo D, Richardson S. J Am Geriatr Soc 1991. The upper bound is a
    # plausibility limit for a completed test, not a published maximum.
    "TUG": Instrument(
        code="TUG",
        name="Timed Up and Go",
        unit="s",
        lower_is_better=True,
        minimum=Decimal(0),
        minimum_exclusive=True,
        maximum=Decimal(600),
        decimal_places=2,
    ),
    # Comfortable gait speed; above 4 m/s is not a walk.
    "10MWT": Instrument(
        code="10MWT",
        name="10-metre walk test",
        unit="m/s",
        minimum=Decimal(0),
        minimum_exclusive=True,
        maximum=Decimal(4),
        decimal_places=2,
    ),
    # Holden MK et al. Phys Ther 1984: 0 non-functional to 5 independent on all surfaces.
    "FAC": Instrument(
        code="FAC",
        name="Functional Ambulation Category",
        unit="category",
        minimum=Decimal(0),
        maximum=Decimal(5),
    ),
    # van Swieten JC et al. Stroke 1988: 0 no symptoms to 6 dead.
    "MRS": Instrument(
        code="MRS",
        name="modified Rankin Scale",
        unit="grade",
        lower_is_better=True,
        minimum=Decimal(0),
        maximum=Decimal(6),
    ),
    # ISNCSCI / ASIA Impairment Scale: A complete to E normal.
    "ASIA": Instrument(
        code="ASIA",
        name="ASIA Impairment Scale",
        unit="grade",
        levels=("A", "B", "C", "D", "E"),
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
