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

# Goals per condition family: (discipline, ICF domain, text, measure, baseline, target)
GOALS = {
    "neuro": [
        (
            "PT",
            IcfDomain.ACTIVITY,
            "Stand and balance safely to walk indoors without assistance.",
            "BERG",
            24,
            46,
        ),
        (
            "OT",
            IcfDomain.ACTIVITY,
            "Dress, wash and eat independently with adapted equipment.",
            "BARTHEL",
            35,
            85,
        ),
        (
            "NEURO",
            IcfDomain.ACTIVITY,
            "Walk to the market (300 m) with a stick.",
            "TUG",
            "32",
            "14",
        ),
    ],
    "orthopaedic": [
        (
            "PT",
            IcfDomain.BODY_FUNCTION,
            "Pain no more than 2/10 during daily activities.",
            "NPRS",
            7,
            2,
        ),
        (
            "PT",
            IcfDomain.ACTIVITY,
            "Get up and walk to the bathroom quickly and safely.",
            "TUG",
            "18",
            "9",
        ),
    ],
}
