from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from domain.measures import BARTHEL_ITEMS, BERG_ITEMS, INSTRUMENTS, score, validate

FULL_BARTHEL = {key: max(values) for key, values in BARTHEL_ITEMS.items()}
FULL_BERG = dict.fromkeys(BERG_ITEMS, 4)


def test_the_nine_instruments_are_there():
    assert set(INSTRUMENTS) == {
        "BARTHEL",
        "BERG",
        "MAS",
        "NPRS",
        "TUG",
        "10MWT",
        "FAC",
        "MRS",
        "ASIA",
    }


@pytest.mark.parametrize(
    ("code", "lowest", "highest", "below", "above"),
    [
        ("BARTHEL", "0", "100", "-5", "105"),
        ("BERG", "0", "56", "-1", "57"),
        ("NPRS", "0", "10", "-1", "11"),
        ("FAC", "0", "5", "-1", "6"),
        ("MRS", "0", "6", "-1", "7"),
        ("TUG", "0.01", "600", "0", "600.01"),
        ("10MWT", "0.01", "4", "0", "4.01"),
    ],
)
def test_numeric_ranges(code, lowest, highest, below, above):
    assert validate(code, lowest) == lowest
    assert validate(code, highest) == highest
    for bad in (below, above):
        with pytest.raises(ValidationError, match="out of range"):
            validate(code, bad)


def test_nprs_11_is_refused_with_a_clinical_message():
    with pytest.raises(ValidationError) as error:
        validate("NPRS", 11)
    assert error.value.messages == [
        "Numeric Pain Rating Scale must be 0-10 points; 11 is out of range."
    ]


def test_tug_negative_and_zero_are_refused():
    for bad in ("-3", "0", -0.5):
        with pytest.raises(ValidationError):
            validate("TUG", bad)
    assert validate("TUG", "12.40") == "12.4"
    with pytest.raises(ValidationError, match="2 decimal places"):
        validate("TUG", "12.345")


def test_whole_number_scales_refuse_fractions():
    with pytest.raises(ValidationError, match="whole numbers"):
        validate("NPRS", "4.5")
    assert validate("BERG", "45.0") == "45"


def test_barthel_total_goes_in_steps_of_five():
    assert validate("BARTHEL", 85) == "85"
    with pytest.raises(ValidationError, match="steps of 5"):
        validate("BARTHEL", 87)


@pytest.mark.parametrize("bad", ["abc", "", None, True, "nan", "Infinity"])
def test_non_numbers_are_refused(bad):
    with pytest.raises(ValidationError):
        validate("BERG", bad)


def test_mas_grades_including_one_plus():
    assert [validate("MAS", grade) for grade in ["0", "1", "1+", "2", "3", "4"]] == [
        "0",
        "1",
        "1+",
        "2",
        "3",
        "4",
    ]
    for bad in ["5", "1-", "2+", "-1"]:
        with pytest.raises(ValidationError, match="not a grade"):
            validate("MAS", bad)


def test_asia_grades():
    assert validate("ASIA", "c") == "C"
    with pytest.raises(ValidationError, match="A, B, C, D, E"):
        validate("ASIA", "F")


def test_unknown_instrument():
    with pytest.raises(ValidationError, match="not a known outcome measure"):
        validate("MMSE", 20)


def test_barthel_scores_from_its_ten_items():
    assert score("BARTHEL", FULL_BARTHEL) == 100
    assert score("BARTHEL", dict.fromkeys(BARTHEL_ITEMS, 0)) == 0
    assert score("BARTHEL", {**FULL_BARTHEL, "stairs": 5, "bathing": 0}) == 90


@pytest.mark.parametrize(("item", "value"), [("bathing", 10), ("transfers", 7), ("feeding", 15)])
def test_barthel_illegal_item_values(item, value):
    with pytest.raises(ValidationError, match="not allowed"):
        score("BARTHEL", {**FULL_BARTHEL, item: value})


def test_barthel_missing_and_unknown_items():
    without_stairs = {k: v for k, v in FULL_BARTHEL.items() if k != "stairs"}
    with pytest.raises(ValidationError, match="missing Stairs"):
        score("BARTHEL", without_stairs)
    with pytest.raises(ValidationError, match="no item walking"):
        score("BARTHEL", {**FULL_BARTHEL, "walking": 5})


def test_berg_scores_from_fourteen_items():
    assert score("BERG", FULL_BERG) == 56
    assert score("BERG", {**FULL_BERG, "item14": 0, "item13": 1}) == 49
    with pytest.raises(ValidationError, match="Standing on one foot"):
        score("BERG", {**FULL_BERG, "item14": 5})
    with pytest.raises(ValidationError, match="not allowed"):
        score("BERG", {**FULL_BERG, "item3": "4"})


def test_single_value_instruments_have_no_items():
    with pytest.raises(ValidationError, match="not scored from items"):
        score("NPRS", {"pain": 3})


def test_direction_and_progress():
    tug, berg, mas, asia = (INSTRUMENTS[c] for c in ("TUG", "BERG", "MAS", "ASIA"))
    assert tug.lower_is_better and not berg.lower_is_better and INSTRUMENTS["MRS"].lower_is_better
    assert tug.progress("30", "15", "20") == pytest.approx(2 / 3)
    assert berg.progress("20", "45", "45") == 1.0
    assert berg.progress("20", "20", "30") is None
    assert tug.meets("14", "14") and not tug.meets("14.5", "14")
    assert berg.meets("45", "45") and not berg.meets("44", "45")
    assert mas.rank("1+") == Decimal(2) and mas.meets("1", "1+")
    assert asia.rank("E") > asia.rank("A")


@pytest.mark.parametrize("huge", ["1e9999999", "-1e9999999", "1e-9999999", "9" * 60])
def test_absurd_numbers_are_a_validation_error_not_a_crash(huge):
    for code in ("BERG", "TUG", "NPRS"):
        with pytest.raises(ValidationError):
            validate(code, huge)


@pytest.mark.parametrize("items", [[1, 2], "item1", None, 42])
def test_items_must_be_a_mapping(items):
    with pytest.raises(ValidationError, match="item → score"):
        score("BERG", items)


def test_unknown_item_keys_of_any_type_are_named():
    with pytest.raises(ValidationError, match="no item 7"):
        score("BERG", {**FULL_BERG, 7: 1})
