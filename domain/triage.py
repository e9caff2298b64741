"""Triage: from the main problems to an approach and the disciplines it needs.

Pure Python. The result pre-fills a plan; it supports and never replaces the
physician's assessment.

Rules (see ``docs/domain-api.md``), each discipline carrying the reasons that put it there:
- pain and stiffness in joints or muscles → physiotherapy;
- weakness, coordination loss or paralysis after brain or spinal injury → neuro-rehab;
- speech, swallowing, hand function, memory or balance affected → team approach;
- a diagnosed stroke, SCI, Parkinson's, MS or brain injury → neuro-rehab is needed;
- independence in bathing, dressing, hand use, home or work → OT, physio alongside;
- walking, standing, stairs → physiotherapy.
Answers combine: the approach is the strongest that applies (team > neuro > OT-led >
physio-led) and the disciplines are the union.
"""

from dataclasses import dataclass, field

PHYSIO, OT_LED, NEURO_REHAB, TEAM = "physio", "ot", "neuro", "team"
# Condition categories of the catalogue; ``reference.models.ConditionCategory`` is built
# from them.
NEUROLOGICAL, ORTHOPAEDIC, OTHER = "neurological", "orthopaedic", "other"
APPROACH_STRENGTH = {PHYSIO: 0, OT_LED: 1, NEURO_REHAB: 2, TEAM: 3}

PROBLEMS: dict[str, str] = {
    "pain_stiffness": "Pain and stiffness in joints or muscles",
    "neuro_weakness": "Weakness, coordination loss or paralysis after brain or spinal injury",
    "speech": "Speech affected",
    "swallowing": "Swallowing affected",
    "hand_function": "Hand function affected",
    "memory": "Memory affected",
    "balance": "Balance affected",
    "independence": "Independence in bathing, dressing, hand use, home or work",
    "mobility": "Walking, standing or stairs",
}

DISCLAIMER = (
    "This suggestion supports the physician's assessment; it does not replace it. "
    "The physician decides the approach and the disciplines."
)


@dataclass(frozen=True)
class TriageResult:
    approach: str
    disciplines: set[str] = field(default_factory=set)
    reasons: dict[str, list[str]] = field(default_factory=dict)


def triage(
    problems: set[str], condition_category: str | None = None, neuro_diagnosis: bool = False
) -> TriageResult:
    unknown = set(problems) - set(PROBLEMS)
    if unknown:
        raise ValueError(f"Unknown problem codes: {', '.join(sorted(unknown))}")
    neurological = neuro_diagnosis or condition_category == NEUROLOGICAL
    approach = PHYSIO
    reasons: dict[str, list[str]] = {}

    def need(discipline: str, reason: str, at_least: str) -> None:
        nonlocal approach
        reasons.setdefault(discipline, []).append(reason)
        if APPROACH_STRENGTH[at_least] > APPROACH_STRENGTH[approach]:
            approach = at_least

    if "pain_stiffness" in problems:
        need("PT", "Pain and stiffness in joints or muscles: physiotherapy.", PHYSIO)
    if "mobility" in problems:
        need("PT", "Walking, standing or stairs: physiotherapy.", PHYSIO)
    if "independence" in problems:
        need("OT", "Independence in daily tasks (bathing, dressing, home, work): OT.", OT_LED)
        need("PT", "Physiotherapy alongside OT for daily tasks.", OT_LED)
    if "neuro_weakness" in problems:
        need(
            "NEURO",
            "Weakness, coordination loss or paralysis after brain or spinal injury: "
            "neuro-physiotherapy and task-oriented retraining.",
            NEURO_REHAB,
        )
    if neuro_diagnosis:
        need(
            "NEURO",
            "Diagnosed stroke, spinal cord injury, Parkinson's, MS or brain injury: "
            "neuro-rehabilitation is needed.",
            NEURO_REHAB,
        )
    if "speech" in problems:
        need("SLT", "Speech affected: speech and language therapy (team approach).", TEAM)
    if "swallowing" in problems:
        need("SLT", "Swallowing affected: swallowing therapy (team approach).", TEAM)
    if "hand_function" in problems:
        need("OT", "Hand function affected: occupational therapy (team approach).", TEAM)
    if "memory" in problems:
        need("PSY", "Memory affected: cognitive rehabilitation (team approach).", TEAM)
    if "balance" in problems:
        if neurological:
            need("NEURO", "Balance affected: balance and gait retraining (team approach).", TEAM)
        else:
            need("PT", "Balance affected: balance training (team approach).", TEAM)
    if condition_category == ORTHOPAEDIC and "PT" not in reasons:
        need("PT", "Orthopaedic condition: physiotherapy leads.", PHYSIO)
    if not reasons:
        need("PT", "No specific problem recorded: start with a physiotherapy assessment.", PHYSIO)
    return TriageResult(approach=approach, disciplines=set(reasons), reasons=reasons)


def departures(suggested: set[str], planned: set[str]) -> tuple[set[str], set[str]]:
    """Where a plan departs from triage: (suggested but not planned, planned but not suggested)."""
    return suggested - planned, planned - suggested
