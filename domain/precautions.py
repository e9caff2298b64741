"""Precautions' clinical figures, in plain Python: the IDDSI levels, the falls-risk
cut-offs and the checks of an exercise limit against the resting blood pressure."""

from domain import measures

# The International Dysphagia Diet Standardisation Initiative framework: one continuum of
# levels 0-7, drinks on 0-4 and foods on 3-7 (levels 3 and 4 are shared). Cichero JAY et
# al., "Development of international terminology and definitions for texture-modified
# foods and thickened fluids used in dysphagia management: the IDDSI framework",
# Dysphagia 2017;32:293-314; https://iddsi.org/framework.
IDDSI_DRINKS: dict[int, str] = {
    0: "Thin",
    1: "Slightly thick",
    2: "Mildly thick",
    3: "Moderately thick",
    4: "Extremely thick",
}
IDDSI_FOODS: dict[int, str] = {
    3: "Liquidised",
    4: "Pureed",
    5: "Minced and moist",
    6: "Soft and bite-sized",
    7: "Regular",
}
IDDSI_DRINK_RANGE = (min(IDDSI_DRINKS), max(IDDSI_DRINKS))
IDDSI_FOOD_RANGE = (min(IDDSI_FOODS), max(IDDSI_FOODS))

# A falls risk set on the Berg Balance Scale: below 45 of its 56 points (Berg KO et al.,
# Can J Public Health 1992;83 Suppl 2:S7-11).
BERG_FALLS_CUTOFF = 45
BERG_MAX = int(measures.INSTRUMENTS["BERG"].maximum)

# Ranges of what a clinician may type as an exercise limit: beyond them it is a typo.
SYSTOLIC_RANGE = (70, 250)
DIASTOLIC_RANGE = (40, 150)
HEART_RATE_RANGE = (40, 220)
SPO2_RANGE = (70, 100)
OXYGEN_MAX_L_MIN = 15


def iddsi_drink_label(level: int | None) -> str:
    return f"{level} {IDDSI_DRINKS[level]}" if level in IDDSI_DRINKS else ""


def iddsi_food_label(level: int | None) -> str:
    return f"{level} {IDDSI_FOODS[level]}" if level in IDDSI_FOODS else ""


def exercise_limit_errors(
    *,
    resting_systolic: int | None,
    resting_diastolic: int | None,
    stop_systolic: int | None,
    stop_diastolic: int | None,
) -> dict[str, str]:
    """A stop-above limit at or below the patient's resting pressure would stop every
    session before it starts: it is a mistake in one of the two figures."""
    errors = {}
    for name, limit, resting, which in (
        ("stop_systolic_above", stop_systolic, resting_systolic, "systolic"),
        ("stop_diastolic_above", stop_diastolic, resting_diastolic, "diastolic"),
    ):
        if limit is not None and resting is not None and limit <= resting:
            errors[name] = (
                f"The {which} limit ({limit}) is at or below the resting {which} pressure "
                f"recorded ({resting})."
            )
    return errors
