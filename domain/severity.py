"""Baseline severity of a diagnosis: what a stroke, a spinal cord injury or a brain injury
was like at admission, and what it means for triage.

Pure Python. The physician records the facts on the diagnosis (``patients`` keeps them);
triage gets them as a ``Baseline`` of plain values and turns some into triage problems
(``problems``), each with its source beside the rule.
"""

from dataclasses import dataclass

# --- condition groups -------------------------------------------------------------------

STROKE, SCI, TBI = "stroke", "sci", "tbi"
GROUPS: dict[str, str] = {
    STROKE: "Stroke",
    SCI: "Spinal cord injury",
    TBI: "Traumatic brain injury",
}

# By WHO ICD-10 (2019) code, the classification the catalogue uses. Stroke: I60-I64 (the
# acute stroke types) and I69 (their sequelae); TIA (G45) is not a stroke in ICD-10 and
# leaves no deficit to grade. Spinal cord: the cord injuries S14.1, S24.1, S34.0/S34.1 and
# T09.3, their sequelae T91.3, paraplegia and tetraplegia G82, other cord disease G95
# (ISNCSCI grades non-traumatic cord lesions the same way). Brain injury: intracranial
# injury S06 and its sequelae T90.5. Guillain-Barré (G61.0) is a nerve disease: no group.
_GROUP_PREFIXES: tuple[tuple[str, str], ...] = (
    ("I60", STROKE), ("I61", STROKE), ("I62", STROKE), ("I63", STROKE), ("I64", STROKE),
    ("I69", STROKE),
    ("S14.1", SCI), ("S24.1", SCI), ("S34.0", SCI), ("S34.1", SCI), ("T09.3", SCI),
    ("T91.3", SCI), ("G82", SCI), ("G95", SCI),
    ("S06", TBI), ("T90.5", TBI),
)  # fmt: skip


def group_for_icd10(code: str) -> str | None:
    """The severity group of a condition's ICD-10 code, or None (no baseline severity)."""
    code = code.strip().upper()
    return next((group for prefix, group in _GROUP_PREFIXES if code.startswith(prefix)), None)


# --- stroke -------------------------------------------------------------------------------

ISCHAEMIC, HAEMORRHAGIC, SUBARACHNOID, UNDETERMINED = (
    "ischaemic",
    "haemorrhagic",
    "subarachnoid",
    "undetermined",
)
# The pathological types of WHO ICD-10 I60-I64; "undetermined" is I64 (not specified as
# haemorrhage or infarction, e.g. no imaging). TIA is no type here (see the groups above).
STROKE_TYPES: dict[str, str] = {
    ISCHAEMIC: "Ischaemic (infarction)",
    HAEMORRHAGIC: "Intracerebral haemorrhage",
    SUBARACHNOID: "Subarachnoid haemorrhage",
    UNDETERMINED: "Not determined (no imaging)",
}
# The type a specific code already says; a record that contradicts it is refused.
_TYPE_OF_CODE = {"I60": SUBARACHNOID, "I61": HAEMORRHAGIC, "I63": ISCHAEMIC}


def stroke_type_for_icd10(code: str) -> str | None:
    """The stroke type an ICD-10 code names (I60 SAH, I61 ICH, I63 infarction), or None."""
    return _TYPE_OF_CODE.get(code.strip().upper()[:3])


def record_fits(icd10: str, group: str, stroke_type: str | None) -> bool:
    """Whether a baseline recorded as ``group`` (and ``stroke_type``) still describes a
    diagnosis coded ``icd10``: a corrected code (I63 to S06, or I63 to I61) leaves the old
    record behind, and triage must not read a stroke's aphasia into a brain injury."""
    if group != group_for_icd10(icd10):
        return False
    named = stroke_type_for_icd10(icd10)
    return not (named and stroke_type and stroke_type != named)


# What an outdated record was recorded for, in words ("recorded for an ischaemic stroke").
RECORDED_FOR: dict[str, str] = {
    STROKE: "a stroke",
    SCI: "a spinal cord injury",
    TBI: "a traumatic brain injury",
    ISCHAEMIC: "an ischaemic stroke",
    HAEMORRHAGIC: "an intracerebral haemorrhage",
    SUBARACHNOID: "a subarachnoid haemorrhage",
    UNDETERMINED: "a stroke of undetermined type",
}


SIDES: dict[str, str] = {
    "left": "Left hemisphere",
    "right": "Right hemisphere",
    "bilateral": "Both sides or brainstem",
}

# Oxfordshire Community Stroke Project classification, the clinical syndrome at its worst
# (Bamford J, Sandercock P, Dennis M, Burn J, Warlow C. Lancet 1991;337:1521-6).
OCSP: dict[str, str] = {
    "tacs": "TACS: total anterior circulation syndrome",
    "pacs": "PACS: partial anterior circulation syndrome",
    "lacs": "LACS: lacunar syndrome",
    "pocs": "POCS: posterior circulation syndrome",
}

# NIH Stroke Scale total, 0-42 (Brott T et al., Stroke 1989;20:864-70).
NIHSS_MIN, NIHSS_MAX = 0, 42
# Modified Rankin Scale before the stroke: 0-5; 6 (dead) cannot be a pre-stroke state
# (van Swieten JC et al., Stroke 1988;19:604-7).
PRESTROKE_MRS_MIN, PRESTROKE_MRS_MAX = 0, 5

# --- spinal cord injury -------------------------------------------------------------------

# Neurological levels of injury of the International Standards for Neurological
# Classification of SCI, C1 to S4-5, from head to tail (Kirshblum SC et al., J Spinal Cord
# Med 2011;34:535-46; ASIA ISNCSCI, 2019 revision).
NEUROLOGICAL_LEVELS: tuple[str, ...] = (
    *(f"C{n}" for n in range(1, 9)),
    *(f"T{n}" for n in range(1, 13)),
    *(f"L{n}" for n in range(1, 6)),
    "S1", "S2", "S3", "S4-5",
)  # fmt: skip
# ASIA Impairment Scale grades (same source): A complete … E normal.
AIS_GRADES: dict[str, str] = {
    "A": "A: complete, no motor or sensory function in S4-5",
    "B": "B: sensory incomplete",
    "C": "C: motor incomplete, most key muscles below the level under grade 3",
    "D": "D: motor incomplete, at least half the key muscles below the level grade 3 or more",
    "E": "E: normal",
}


def is_tetraplegia(level: str) -> bool:
    """A cervical neurological level: tetraplegia in the ISNCSCI definitions (impairment of
    the cervical segments of the cord; below them, paraplegia). Kirshblum 2011."""
    return level.startswith("C")


def at_or_above(level: str, reference: str) -> bool:
    """Whether ``level`` is at or above ``reference`` on the cord (T4 is above T6)."""
    return NEUROLOGICAL_LEVELS.index(level) <= NEUROLOGICAL_LEVELS.index(reference)


# --- traumatic brain injury ----------------------------------------------------------------

# Glasgow Coma Scale total, 3-15 (Teasdale G, Jennett B. Lancet 1974;2:81-4).
GCS_MIN, GCS_MAX = 3, 15
# Post-traumatic amnesia in whole days. An upper bound only to catch typing slips: a year
# is far past the longest band below.
PTA_MAX_DAYS = 365

MILD, MODERATE, SEVERE = "mild", "moderate", "severe"
TBI_SEVERITIES = {MILD: "Mild", MODERATE: "Moderate", SEVERE: "Severe"}


def tbi_severity(gcs: int | None, pta_days: int | None) -> str | None:
    """The TBI severity band, the worse of what the GCS and the PTA say; None with neither.

    VA/DoD Clinical Practice Guideline for the Management of Concussion-mild TBI (2016),
    severity classification (the DoD/VA common definition): GCS, the best available score
    in the first 24 hours, 13-15 mild, 9-12 moderate, 3-8 severe; PTA 0-1 day mild, over
    1 and up to 7 days moderate, over 7 days severe; a patient meeting criteria of two
    levels gets the higher. These day bands are VA/DoD's: Russell WR & Smith A's original
    PTA grading (Arch Neurol 1961;5:4-17) differs (1-24 hours moderate, 1-7 days severe,
    over 7 days very severe).
    """
    bands = []
    if gcs is not None:
        bands.append(SEVERE if gcs <= 8 else MODERATE if gcs <= 12 else MILD)
    if pta_days is not None:
        bands.append(SEVERE if pta_days > 7 else MODERATE if pta_days > 1 else MILD)
    if not bands:
        return None
    order = [MILD, MODERATE, SEVERE]
    return max(bands, key=order.index)


# --- the facts, and what triage makes of them ------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    """A diagnosis's baseline severity as plain values (None: not recorded)."""

    group: str
    stroke_type: str | None = None
    side: str | None = None
    ocsp: str | None = None
    nihss: int | None = None
    prestroke_mrs: int | None = None
    aphasia: bool | None = None
    neglect: bool | None = None
    dysphagia: bool | None = None
    neurological_level: str | None = None
    ais_grade: str | None = None
    gcs: int | None = None
    pta_days: int | None = None

    @property
    def tbi_severity(self) -> str | None:
        return tbi_severity(self.gcs, self.pta_days) if self.group == TBI else None


def problems(baseline: Baseline | None) -> dict[str, str]:
    """The triage problems (``domain.triage.PROBLEMS`` codes) a baseline implies, each with
    the reason and its source; the triage adds them to what the physician ticked."""
    if baseline is None:
        return {}
    found: dict[str, str] = {}
    if baseline.group == STROKE:
        if baseline.aphasia:
            # Speech and language therapy for aphasia improves functional communication
            # (Brady MC et al., Cochrane Database Syst Rev 2016, CD000425); offered in every
            # phase while the person can benefit (NICE NG236, 2023, communication; RCP
            # National Clinical Guideline for Stroke 2023, aphasia). With "speech" the stroke
            # template keeps speech therapy in its chronic stage too.
            found["speech"] = (
                "Aphasia at baseline: speech and language therapy in every stage "
                "(Brady, Cochrane 2016; NICE NG236, 2023)."
            )
        if baseline.dysphagia:
            # Dysphagia: specialist swallowing assessment and therapy by SLT (NICE NG236,
            # 2023, swallowing; RCP National Clinical Guideline for Stroke 2023, dysphagia).
            found["swallowing"] = (
                "Dysphagia at baseline: swallowing assessment and therapy "
                "(NICE NG236, 2023; RCP 2023)."
            )
        if baseline.neglect:
            # Spatial neglect: OT-led scanning training and compensatory strategies in daily
            # tasks (Bowen A et al., Cochrane Database Syst Rev 2013, CD003586, cognitive
            # rehabilitation for spatial neglect; NICE NG236, 2023, visual neglect).
            found["neglect_vision"] = (
                "Neglect at baseline: occupational therapy for scanning and daily tasks "
                "(Bowen, Cochrane 2013; NICE NG236, 2023)."
            )
    level = baseline.neurological_level
    if baseline.group == SCI and level and is_tetraplegia(level):
        # Tetraplegia: arm and hand function is the first priority of people with it
        # (Anderson KD, J Neurotrauma 2004;21:1371-83), and the expected self-care
        # outcomes by cervical level rest on upper-limb training and equipment by OT
        # (Consortium for Spinal Cord Medicine, Outcomes following traumatic spinal cord
        # injury, PVA 1999).
        found["hand_function"] = (
            f"Tetraplegia (neurological level {baseline.neurological_level}): "
            "upper-limb and hand function training "
            "(Anderson, J Neurotrauma 2004; Consortium for Spinal Cord Medicine 1999)."
        )
    if baseline.group == TBI and baseline.tbi_severity in (MODERATE, SEVERE):
        # Moderate and severe brain injury: cognitive rehabilitation by the team
        # (SIGN 130, Brain injury rehabilitation in adults, 2013; Cicerone KD et al., Arch
        # Phys Med Rehabil 2019;100:1515-33).
        found["memory"] = (
            f"{TBI_SEVERITIES[baseline.tbi_severity]} brain injury (GCS / PTA): cognitive "
            "rehabilitation (SIGN 130, 2013; Cicerone, Arch Phys Med Rehabil 2019)."
        )
    return found
