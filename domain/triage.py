"""Triage: from the main problems to an approach and the disciplines it needs.

Pure Python. The result pre-fills a plan; it supports and never replaces the
physician's assessment.

Rules (see ``docs/domain-api.md``), each discipline carrying the reasons that put it there,
each mapping with its source beside it in ``triage``:
- pain and stiffness in joints or muscles → physiotherapy;
- walking, standing, stairs → physiotherapy;
- independence in bathing, dressing, hand use, home or work → OT, physio alongside (OT-led);
- weakness, coordination loss or paralysis after brain or spinal injury → neuro-rehab;
- a diagnosed stroke, SCI, Parkinson's, MS, brain injury or Guillain-Barré → neuro-rehab;
- spasticity → neuro-physiotherapy with physiotherapy (neuro-rehab);
- neglect or vision affected → OT, with neuro-physiotherapy after a neurological condition
  (team), else physiotherapy alongside (OT-led);
- speech, swallowing, hand function, memory, balance, mood, continence or fatigue affected
  → team approach, each with the two or more disciplines that treat it.
- a baseline severity recorded on the diagnosis (``domain.severity.problems``) adds the
  problems it implies (aphasia → speech, dysphagia → swallowing, neglect → neglect, cervical
  cord injury → hand function, moderate or severe brain injury → memory), with its reason.
Answers combine: the approach is the strongest that applies (team > neuro > OT-led >
physio-led) and the disciplines are the union. A team approach always names at least two
disciplines.
"""

from dataclasses import dataclass, field

from domain import severity

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
    "mood": "Mood affected",
    "neglect_vision": "Neglect or vision affected",
    "continence": "Continence affected",
    "fatigue": "Fatigue",
    "spasticity": "Spasticity",
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
    # The problems the baseline severity added (code -> reason), beyond those ticked.
    from_baseline: dict[str, str] = field(default_factory=dict)

    def problems(self, ticked: set[str]) -> set[str]:
        """What the plan keeps as triage's problems: the ticked ones and the baseline's."""
        return set(ticked) | set(self.from_baseline)


# The discipline a baseline problem's reason is told under (the one that treats it first).
BASELINE_LEAD = {
    "speech": "SLT",
    "swallowing": "SLT",
    "neglect_vision": "OT",
    "hand_function": "OT",
    "memory": "PSY",
}


def triage(
    problems: set[str],
    condition_category: str | None = None,
    neuro_diagnosis: bool = False,
    baseline: severity.Baseline | None = None,
) -> TriageResult:
    unknown = set(problems) - set(PROBLEMS)
    if unknown:
        raise ValueError(f"Unknown problem codes: {', '.join(sorted(unknown))}")
    from_baseline = severity.problems(baseline)
    problems = set(problems) | set(from_baseline)
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
            "Diagnosed stroke, spinal cord injury, Parkinson's, MS, brain injury or "
            "Guillain-Barré syndrome: neuro-rehabilitation is needed.",
            NEURO_REHAB,
        )
    # Lead discipline for movement: neuro-physiotherapy after a neurological condition.
    mover = "NEURO" if neurological else "PT"
    if "spasticity" in problems:
        # Stretching, positioning, splinting and task practice beside any botulinum toxin
        # (RCP National Clinical Guideline for Stroke 2023, spasticity; RCP "Spasticity in
        # adults: management using botulinum toxin", 2018).
        need("NEURO", "Spasticity: spasticity management (neuro-physiotherapy).", NEURO_REHAB)
        need("PT", "Spasticity: stretching, positioning and range of motion.", NEURO_REHAB)
    if "speech" in problems:
        # Aphasia and dysarthria: speech and language therapy; people with aphasia are at
        # high risk of low mood, screened with adapted tools and offered psychological care
        # (RCP National Clinical Guideline for Stroke 2023, communication and mood).
        need("SLT", "Speech affected: speech and language therapy (team approach).", TEAM)
        need("PSY", "Speech affected: mood and adjustment support with aphasia.", TEAM)
    if "swallowing" in problems:
        # Dysphagia: SLT assessment and swallowing therapy; seating, positioning and eating
        # aids at meals (RCP National Clinical Guideline for Stroke 2023, dysphagia).
        need("SLT", "Swallowing affected: swallowing therapy (team approach).", TEAM)
        need("OT", "Swallowing affected: seating, positioning and eating aids at meals.", TEAM)
    if "hand_function" in problems:
        # Arm and hand: repetitive task training, constraint-induced movement therapy
        # (RCP National Clinical Guideline for Stroke 2023, arm function).
        need("OT", "Hand function affected: occupational therapy (team approach).", TEAM)
        need(mover, "Hand function affected: upper-limb task training (team approach).", TEAM)
    if "memory" in problems:
        # Cognition is treated by psychology (assessment, cognitive rehabilitation), OT
        # (cognition in daily tasks, compensatory strategies) and SLT (cognitive-communication)
        # (RCP National Clinical Guideline for Stroke 2023, cognition; NICE NG211, 2022).
        need("PSY", "Memory affected: cognitive rehabilitation (team approach).", TEAM)
        need("OT", "Memory affected: strategies for memory in daily tasks.", TEAM)
        need("SLT", "Memory affected: cognitive-communication therapy.", TEAM)
    if "balance" in problems:
        # Balance training, and a home hazard assessment by OT for people at risk of falls
        # (NICE CG161, Falls in older people, 2013; RCP 2023, balance).
        if neurological:
            need("NEURO", "Balance affected: balance and gait retraining (team approach).", TEAM)
        else:
            need("PT", "Balance affected: balance training (team approach).", TEAM)
        need("OT", "Balance affected: falls prevention and home hazards.", TEAM)
    if "mood" in problems:
        # Stepped psychological care (RCP National Clinical Guideline for Stroke 2023, mood);
        # behavioural activation through meaningful activity (Thomas et al., Clin Rehabil
        # 2013, CALM trial).
        need("PSY", "Mood affected: psychological assessment and therapy (team approach).", TEAM)
        need("OT", "Mood affected: return to meaningful activity.", TEAM)
    if "neglect_vision" in problems:
        # Visual neglect and field loss: scanning training and compensatory strategies in
        # daily tasks (RCP National Clinical Guideline for Stroke 2023, vision and neglect).
        if neurological:
            need("OT", "Neglect or vision affected: scanning training in daily tasks.", TEAM)
            need("NEURO", "Neglect or vision affected: attention to the affected side.", TEAM)
        else:
            need("OT", "Vision affected: compensatory strategies in daily tasks.", OT_LED)
            need("PT", "Vision affected: safe mobility alongside OT.", OT_LED)
    if "continence" in problems:
        # Nursing is not a discipline of this clinic: OT for toileting (access, transfers,
        # clothing, equipment) and physiotherapy for pelvic floor muscle training (NICE NG123
        # urinary incontinence, 2019; NICE CG148 neurological bladder, 2012; RCP 2023,
        # continence).
        need("OT", "Continence affected: toileting, access and equipment (team approach).", TEAM)
        need("PT", "Continence affected: pelvic floor muscle training.", TEAM)
    if "fatigue" in problems:
        # Fatigue management and energy conservation by OT, aerobic exercise by physio
        # (NICE NG220 multiple sclerosis, 2022; RCP 2023, fatigue).
        need("OT", "Fatigue: energy conservation and pacing (team approach).", TEAM)
        need("PT", "Fatigue: graded aerobic exercise.", TEAM)
    if condition_category == ORTHOPAEDIC and "PT" not in reasons:
        need("PT", "Orthopaedic condition: physiotherapy leads.", PHYSIO)
    if not reasons:
        need("PT", "No specific problem recorded: start with a physiotherapy assessment.", PHYSIO)
    for code, why in from_baseline.items():
        need(BASELINE_LEAD[code], why, TEAM)
    return TriageResult(
        approach=approach, disciplines=set(reasons), reasons=reasons, from_baseline=from_baseline
    )


def departures(suggested: set[str], planned: set[str]) -> tuple[set[str], set[str]]:
    """Where a plan departs from triage: (suggested but not planned, planned but not suggested)."""
    return suggested - planned, planned - suggested
