"""The demo clinic's cast and wording: staff, names, case mix, notes and goals."""

from patients.models import Sex
from plans.models import IcfDomain
from staff.roles import Role

DEMO_PASSWORD = "rehabana-demo"

STAFF = [
    # username, first, last, role, discipline, registration
    ("dr.mehta", "Anjali", "Mehta", Role.PHYSICIAN, None, "MMC-2009-04511"),
    ("dr.rao", "Vikram", "Rao", Role.PHYSICIAN, None, "KMC-2012-11873"),
    ("physio.kumar", "Suresh", "Kumar", Role.THERAPIST, "PT", "MSCPT-18822"),
    ("physio.iyer", "Meera", "Iyer", Role.THERAPIST, "PT", "MSCPT-20417"),
    ("physio.khan", "Salman", "Khan", Role.THERAPIST, "PT", "MSCPT-22305"),
    ("physio.joseph", "Anita", "Joseph", Role.THERAPIST, "PT", "MSCPT-23118"),
    ("ot.fernandes", "Priya", "Fernandes", Role.THERAPIST, "OT", "AIOTA-9134"),
    ("ot.gokhale", "Neha", "Gokhale", Role.THERAPIST, "OT", "AIOTA-10277"),
    ("ot.siddiqui", "Zoya", "Siddiqui", Role.THERAPIST, "OT", "AIOTA-11502"),
    ("neuro.sharma", "Rahul", "Sharma", Role.THERAPIST, "NEURO", "MSCPT-21090"),
    ("neuro.verma", "Pallavi", "Verma", Role.THERAPIST, "NEURO", "MSCPT-24460"),
    ("speech.das", "Kavya", "Das", Role.THERAPIST, "SLT", "RCI-A51877"),
    ("speech.kaur", "Simran", "Kaur", Role.THERAPIST, "SLT", "RCI-A55210"),
    ("psych.nair", "Arjun", "Nair", Role.THERAPIST, "PSY", "RCI-A40032"),
    ("psych.bose", "Ritika", "Bose", Role.THERAPIST, "PSY", "RCI-A47791"),
    ("reception.pinto", "Leela", "Pinto", Role.RECEPTION, None, ""),
    ("admin", "Clinic", "Admin", Role.ADMIN, None, ""),
]

GIVEN = {
    Sex.FEMALE: [
        "Asha",
        "Sunita",
        "Lakshmi",
        "Fatima",
        "Meena",
        "Rekha",
        "Nisha",
        "Gita",
        "Shobha",
        "Anita",
        "Farida",
        "Radha",
        "Kamala",
        "Pooja",
        "Savitri",
    ],
    Sex.MALE: [
        "Ramesh",
        "Anil",
        "Mohammed",
        "Prakash",
        "Sanjay",
        "Rajesh",
        "Vijay",
        "Imran",
        "Ganesh",
        "Deepak",
        "Harish",
        "Joseph",
        "Mahesh",
        "Nitin",
        "Sunil",
    ],
}
FAMILY = [
    "Patil",
    "Deshmukh",
    "Khan",
    "Reddy",
    "Joshi",
    "Kulkarni",
    "Shaikh",
    "Menon",
    "Gupta",
    "Pillai",
    "Naidu",
    "Banerjee",
    "Chavan",
    "D'Souza",
    "Bhat",
    "Singh",
    "Yadav",
    "Pawar",
    "Ghosh",
    "Kapoor",
]

DISCIPLINE_ORDER = ["PT", "NEURO", "OT", "SLT", "PSY"]


LOCALITIES = ["Shivaji Nagar", "Kothrud", "Aundh", "Baner", "Hadapsar"]

# (ICD-10, how many patients, onset days ago range)
CASE_MIX = [
    ("I63.9", 13, (2, 330)),
    ("I61.9", 3, (20, 200)),
    ("T09.3", 3, (30, 300)),
    ("G20", 3, (10, 120)),
    ("G35", 2, (10, 100)),
    ("S06.9", 3, (10, 150)),
    ("M54.5", 3, (7, 90)),
    ("M17.9", 2, (14, 100)),
    ("M75.0", 2, (14, 100)),
    ("Z47.8", 2, (7, 80)),
    ("S83.5", 2, (10, 90)),
    ("M54.2", 1, (7, 60)),
    ("T14.4", 1, (20, 120)),
    # A hip fracture operated on two to four weeks ago: the demo's post-operative hip, with
    # hip precautions for six weeks (demo/precautions.py). Last, so no one else changes.
    ("Z50.1", 1, (12, 28)),
]

SOAP = {
    "PT": (
        "Reports less stiffness this week.",
        "Sit-to-stand x10 with light support.",
        "Steady gains in lower-limb strength.",
        "Progress to step-ups next session.",
    ),
    "NEURO": (
        "Feels steadier when walking indoors.",
        "Gait with quad stick 40 m, one loss of balance.",
        "Balance improving; fatigue after 30 min.",
        "Continue task-oriented gait practice.",
    ),
    "OT": (
        "Wants to dress without help before returning home.",
        "Upper-body dressing with verbal cues only.",
        "Independent with adapted buttons.",
        "Practise lower-body dressing; home visit to plan.",
    ),
    "SLT": (
        "Family report clearer speech on the phone.",
        "Naming 14/20; soft diet tolerated.",
        "Word finding improving; safe swallow on soft diet.",
        "Trial thin fluids next session.",
    ),
    "PSY": (
        "Low mood on waking, better in afternoons.",
        "PHQ-9 discussed; engaged throughout.",
        "Adjusting to changed role at home.",
        "Continue behavioural activation.",
    ),
}
# Absences: (code, the therapist's words).
ABSENCE_REASONS = [
    ("patient_unwell", "Unwell (fever)"),
    ("transport", "Transport not available"),
    ("patient_declined", "Family function"),
    ("other", "Hospital review clash"),
    ("patient_unwell", "Fatigue after previous session"),
    ("clinic_cancelled", "Therapist on leave"),
]

# Goals per condition: (discipline, ICF domain, SMART text, measure, baseline, target,
# weeks to the target date). Each set uses a measure once, so every goal's results form
# one series. Cut-offs named in the texts: community walking speed 0.8 m/s (Perry J et
# al., Stroke 1995;26:982-9); Berg 45 and below, raised fall risk (Berg KO et al., Can J
# Public Health 1992;83 Suppl 2:S7-11); TUG 13.5 s and above, raised fall risk in older
# adults (Shumway-Cook A et al., Phys Ther 2000;80:896-903); TUG 11.5 s and above, fall risk
# in Parkinson's disease (Nocera JR et al., Arch Phys Med Rehabil 2013;94:1300-5); usual
# walking speed of adults 1.2-1.4 m/s (Bohannon RW, Williams Andrews A, Physiotherapy
# 2011;97:182-9).
A, B, P = IcfDomain.ACTIVITY, IcfDomain.BODY_FUNCTION, IcfDomain.PARTICIPATION
GOAL_SETS: dict[str, list[tuple]] = {
    "stroke": [
        ("NEURO", A, "Walk 10 m at 0.8 m/s or faster (community walking speed) with no more "
         "than a stick, by week 12, to walk to the shops with family.", "10MWT", "0.3", "0.8",
         12),
        ("PT", A, "Stand, turn and reach without losing balance: Berg Balance Scale above 45 "
         "(the fall-risk cut-off) by week 12.", "BERG", "24", "46", 12),
        ("OT", A, "Eat, wash, dress and use the toilet with no more than set-up help: "
         "Barthel Index 80 or more by week 12, to go home without a carer at night.",
         "BARTHEL", "35", "80", 12),
    ],
    "spinal_cord": [
        ("OT", A, "Wash the upper body, dress and transfer bed to wheelchair with one "
         "helper's minor help: Barthel Index 60 by week 12.", "BARTHEL", "25", "60", 12),
        ("PT", A, "Walk on level ground with standby supervision only (FAC 3), with "
         "knee-ankle-foot orthoses and a frame, by week 12.", "FAC", "1", "3", 12),
        ("NEURO", B, "Sit unsupported and reach forward safely for transfers: Berg Balance "
         "Scale 20 by week 8.", "BERG", "8", "20", 8),
    ],
    "parkinsons": [
        ("NEURO", A, "Get up, walk 3 m, turn and sit in under 11.5 s (the fall-risk cut-off in "
         "Parkinson's disease) without freezing on the turn, by week 8.", "TUG", "16", "11",
         8),
        ("PT", A, "Walk 10 m at 1.0 m/s with rhythmic cueing by week 12, to cross the road "
         "within the signal.", "10MWT", "0.7", "1", 12),
    ],
    "ms": [
        ("PT", A, "Walk 10 m at 0.9 m/s with a stick by week 12, pacing for fatigue, to walk "
         "from the bus stop to work.", "10MWT", "0.55", "0.9", 12),
        ("OT", A, "Bathe and dress with energy-saving methods and a shower chair: Barthel Index "
         "95 by week 12.", "BARTHEL", "75", "95", 12),
    ],
    "brain_injury": [
        ("NEURO", A, "Walk independently on level ground (FAC 4) by week 12, supervised on "
         "stairs, to move about the home alone.", "FAC", "2", "4", 12),
        ("OT", A, "Wash, dress and use the toilet with verbal prompts only: Barthel Index 75 by "
         "week 12.", "BARTHEL", "40", "75", 12),
        ("PT", A, "Balance for walking outdoors: Berg Balance Scale above 45 by week 12.",
         "BERG", "30", "46", 12),
    ],
    "low_back": [
        ("PT", B, "Back pain at most 3/10 after sitting 30 minutes at work, by week 6.",
         "NPRS", "7", "3", 6),
        ("PT", A, "Rise from a chair, walk 3 m and back in under 9 s without pushing up on the "
         "thighs, by week 6.", "TUG", "14", "9", 6),
    ],
    "neck": [
        ("PT", B, "Neck pain at most 2/10 when turning the head to reverse the car, by week 6.",
         "NPRS", "6", "2", 6),
    ],
    "knee_oa": [
        ("PT", B, "Knee pain at most 3/10 on the stairs at home, by week 8.", "NPRS", "6", "3",
         8),
        ("PT", A, "Walk 10 m at 1.0 m/s or faster without a stick by week 12, to walk to the "
         "temple (500 m).", "10MWT", "0.65", "1", 12),
    ],
    "frozen_shoulder": [
        ("PT", B, "Shoulder pain at most 2/10 at night by week 8, so sleep is not broken.",
         "NPRS", "7", "2", 8),
        ("OT", A, "Dress and groom without help (reaching behind the back, combing the hair): "
         "Barthel Index 100 by week 8.", "BARTHEL", "90", "100", 8),
    ],
    "knee_replacement": [
        ("PT", A, "Timed Up and Go under 12 s without a walking aid by week 8, to stop using "
         "the frame.", "TUG", "24", "11", 8),
        ("PT", B, "Knee pain at most 3/10 during the home exercises by week 6.", "NPRS", "6",
         "3", 6),
        ("OT", A, "Bathe and use the toilet independently with a raised seat: Barthel Index 100 "
         "by week 6.", "BARTHEL", "80", "100", 6),
    ],
    "knee_ligament": [
        ("PT", B, "Knee pain at most 1/10 on stairs and squats by week 8.", "NPRS", "5", "1",
         8),
        ("PT", A, "Walk 10 m at 1.3 m/s (usual speed for age) without a limp by week 8.",
         "10MWT", "0.9", "1.3", 8),
    ],
    "nerve": [
        ("OT", A, "Feed, groom and dress using the affected hand with adapted grips: Barthel "
         "Index 95 by week 12.", "BARTHEL", "75", "95", 12),
        ("PT", B, "Nerve pain at most 3/10 during daily activities by week 12.", "NPRS", "6",
         "3", 12),
    ],
    "hip_fracture": [
        ("PT", A, "Walk indoors with a stick, hip precautions kept: Timed Up and Go under 20 s "
         "by week 8, to reach the bathroom at night safely.", "TUG", "38", "19", 8),
        ("OT", A, "Bathe and dress the lower body with a long-handled reacher and sock aid, a "
         "raised toilet seat: Barthel Index 90 by week 8.", "BARTHEL", "55", "90", 8),
        ("PT", B, "Hip pain at most 3/10 when walking indoors by week 6.", "NPRS", "6", "3",
         6),
    ],
    # Conditions without a set of their own (none in the case mix today).
    "neurological": [
        ("PT", A, "Stand and balance safely to walk indoors without assistance: Berg Balance "
         "Scale above 45 by week 12.", "BERG", "24", "46", 12),
        ("OT", A, "Dress, wash and eat independently with adapted equipment: Barthel Index 85 "
         "by week 12.", "BARTHEL", "35", "85", 12),
    ],
    "orthopaedic": [
        ("PT", B, "Pain no more than 2/10 during daily activities by week 8.", "NPRS", "7", "2",
         8),
        ("PT", A, "Get up and walk to the bathroom and back in under 9 s by week 8.", "TUG",
         "18", "9", 8),
    ],
}  # fmt: skip

# Which goal set fits a condition (ICD-10 code); others take their category's set.
GOAL_SET_FOR = {
    "I63.9": "stroke", "I61.9": "stroke", "I60.9": "stroke", "I69.3": "stroke",
    "I69.4": "stroke", "T09.3": "spinal_cord", "S14.1": "spinal_cord",
    "S24.1": "spinal_cord", "S34.1": "spinal_cord", "G95.9": "spinal_cord",
    "G82.2": "spinal_cord", "G82.5": "spinal_cord", "G20": "parkinsons", "G35": "ms",
    "S06.9": "brain_injury", "M54.5": "low_back", "M54.2": "neck", "M17.9": "knee_oa",
    "M75.0": "frozen_shoulder", "Z47.8": "knee_replacement", "S83.5": "knee_ligament",
    "T14.4": "nerve", "Z50.1": "hip_fracture",
}  # fmt: skip


def goal_set(icd10: str, category: str) -> list[tuple]:
    """The goals the demo sets for a patient with this condition."""
    return GOAL_SETS[GOAL_SET_FOR.get(icd10, category)]
