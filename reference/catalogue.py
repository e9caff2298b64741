"""The clinic's reference data, applied by ``reference.loader.apply_catalogue``.

Plain data (dicts: add keys, never reorder). Every
figure in a template is a starting point the physician adjusts per patient; where it
comes from is said beside it.
"""

DISCIPLINES = [
    # code, name, short name, order, colour (Okabe-Ito palette: tells apart for colour-blind eyes)
    ("PT", "Physiotherapy", "Physio", 1, "#0072B2"),
    ("OT", "Occupational therapy", "OT", 2, "#E69F00"),
    ("NEURO", "Neuro-physiotherapy and task-oriented retraining", "Neuro", 3, "#009E73"),
    ("SLT", "Speech and swallowing therapy", "Speech", 4, "#CC79A7"),
    ("PSY", "Psychology", "Psych", 5, "#56B4E9"),
]

TECHNIQUES = {
    "PT": [
        "Manual therapy",
        "Stretching and mobilisation",
        "Strengthening",
        "Pain modalities (heat, TENS, ultrasound)",
        "Posture and gait correction",
        "Respiratory physiotherapy",
        "Home exercise programme",
    ],
    "NEURO": [
        "Task-oriented training",
        "Balance and gait retraining",
        "Spasticity management",
        "Sensory stimulation",
        "Functional electrical stimulation (FES)",
        "Neuro-developmental approaches",
        "Constraint-induced movement therapy",
    ],
    "OT": [
        "ADL training",
        "Adaptive equipment",
        "Home and work adaptation",
        "Joint protection",
        "Energy conservation",
        "Upper-limb and hand function training",
        "Splinting",
    ],
    "SLT": [
        "Speech and language therapy",
        "Dysarthria exercises",
        "Swallowing therapy",
        "Cognitive-communication therapy",
    ],
    "PSY": [
        "Cognitive rehabilitation",
        "Mood and adjustment support",
        "Family education and support",
    ],
}

MEASURE_DESCRIPTIONS = {
    "BARTHEL": "Independence in 10 activities of daily living; 0-100, higher is better.",
    "BERG": "Static and dynamic balance, 14 items scored 0-4; below 45 signals fall risk.",
    "MAS": "Resistance to passive movement per muscle group; 0 normal tone to 4 rigid.",
    "NPRS": "Patient-rated pain intensity, 0 no pain to 10 worst imaginable.",
    "TUG": "Seconds to stand, walk 3 m, turn, return and sit; lower is better.",
    "10MWT": "Comfortable gait speed over the middle 10 m of a walkway, in m/s.",
    "FAC": "Walking ability by support needed; 0 non-functional to 5 independent.",
    "MRS": "Global disability after stroke; 0 no symptoms to 6 dead.",
    "ASIA": "Spinal cord injury completeness; A complete to E normal.",
}

# Each stage: name, phase, window in days since onset (ends_after_days None: open-ended),
# focus, exit criterion (measure, value) or None, and
# allocations {discipline: (sessions per week, minutes per session)}.
TEMPLATES = [
    {
        "name": "Stroke and intracerebral haemorrhage",
        "phase_rule": "stroke",
        # NICE NG236 (2023), "Stroke rehabilitation in adults", intensity of stroke
        # rehabilitation: at least 3 hours a day of needs-based therapy on at least 5 days
        # a week for people who can take part and benefit (summarised by Tang et al., BMJ
        # 2024;384:q498); NICE quality standard QS2, statement 2, says the same. The
        # recommendation's own number was not verified here: cite the section.
        "daily_minutes_target": 180,
        "target_days_per_week": 5,
        "intensity_source": (
            "NICE NG236 (2023), intensity of stroke rehabilitation: at least 3 hours a "
            "day, at least 5 days a week, for those who can take part and benefit"
        ),
        "description": (
            "Stages follow the Stroke Recovery and Rehabilitation Roundtable phases "
            "(Bernhardt et al., Int J Stroke 2017). Intensity follows the UK National "
            "Clinical Guideline for Stroke (2023) and NICE NG236: at least 3 hours a day, "
            "5 days a week of relevant therapy while a patient can take part and benefit. "
            "Physiotherapy leads while standing, walking and balance are the work; OT "
            "becomes central as dressing, eating, bathing and work take over."
        ),
        "stages": [
            {
                "name": "Hyperacute",
                "phase": "hyperacute",
                "starts_after_days": 0,
                "ends_after_days": 1,
                "focus": (
                    "Swallow screen before oral intake; positioning; short out-of-bed "
                    "activity only if stable."
                ),
                "exit": None,
                # A one-day stage: its allocation is sessions *in the stage*, not a week.
                # AVERT (Lancet 2015): very early high-dose mobilisation within 24 h did worse,
                # so physio is short and gentle; swallow screening within 4 h (AHA/ASA 2019).
                "allocations": {"PT": (3, 15), "SLT": (1, 20)},
            },
            {
                "name": "Acute",
                "phase": "acute",
                "starts_after_days": 1,
                "ends_after_days": 7,
                "focus": "Sitting balance, transfers, first standing; dysphagia and communication "
                "assessment.",
                "exit": None,
                # Daily short physio as tolerated; SLT for swallowing and aphasia screening.
                "allocations": {"PT": (5, 30), "NEURO": (2, 30), "OT": (2, 30), "SLT": (3, 30)},
            },
            {
                "name": "Early subacute",
                "phase": "early_subacute",
                "starts_after_days": 7,
                "ends_after_days": 90,
                "focus": (
                    "Standing, walking and balance; task-oriented practice; early ADL retraining."
                ),
                # Berg 45 is the classic fall-risk cut-off (Berg et al. 1992).
                "exit": ("BERG", "45"),
                # 915 min a week: at least 180 min a day on 5 days (NICE NG236, the template's
                # own target; it planned 675 before issue 13). Physio the largest share (41 %).
                "allocations": {
                    "PT": (5, 75),
                    "NEURO": (4, 45),
                    "OT": (5, 45),
                    "SLT": (2, 45),
                    "PSY": (1, 45),
                },
            },
            {
                "name": "Late subacute",
                "phase": "late_subacute",
                "starts_after_days": 90,
                "ends_after_days": 180,
                "focus": "Dressing, eating, bathing, community mobility; OT becomes central.",
                # Barthel 85+ is minimal dependence (Shah et al. 1989).
                "exit": ("BARTHEL", "85"),
                # Outpatient intensity; OT largest share (47 %) for ADL (Legg, Cochrane 2006).
                "allocations": {
                    "PT": (2, 45),
                    "NEURO": (2, 45),
                    "OT": (4, 60),
                    "SLT": (1, 45),
                    "PSY": (1, 45),
                },
            },
            {
                "name": "Chronic",
                "phase": "chronic",
                "starts_after_days": 180,
                "ends_after_days": None,
                "focus": "Return to work and roles, home adaptation, maintenance of gains.",
                "exit": None,
                # Community rehab: OT-led (57 %) for participation; physio to keep mobility.
                "allocations": {"PT": (1, 45), "NEURO": (1, 45), "OT": (3, 60), "PSY": (1, 45)},
            },
        ],
    },
    {
        "name": "Acquired brain injury",
        "phase_rule": "days",
        "description": (
            "Traumatic brain injury: medical stabilisation, then inpatient rehabilitation "
            "with cognition and behaviour at its centre (SIGN 130, 2013; NICE NG211, 2022)."
        ),
        "stages": [
            {
                "name": "Acute",
                "phase": "acute",
                "starts_after_days": 0,
                "ends_after_days": 14,
                "focus": "Positioning, arousal, swallowing, early sitting.",
                "exit": None,
                "allocations": {"PT": (5, 30), "OT": (2, 30), "SLT": (3, 30)},
            },
            {
                "name": "Inpatient rehabilitation",
                "phase": "inpatient",
                "starts_after_days": 14,
                "ends_after_days": 90,
                "focus": "Mobility, ADL retraining, cognition and communication.",
                "exit": ("FAC", "3"),
                # Cognition and behaviour need OT, SLT and psychology beside physio (NG211).
                "allocations": {
                    "PT": (5, 45),
                    "NEURO": (2, 45),
                    "OT": (4, 45),
                    "SLT": (3, 45),
                    "PSY": (2, 45),
                },
            },
            {
                "name": "Community reintegration",
                "phase": "community",
                "starts_after_days": 90,
                "ends_after_days": None,
                "focus": "Return to home, education or work; compensatory strategies.",
                "exit": None,
                "allocations": {"PT": (1, 45), "OT": (3, 60), "SLT": (1, 45), "PSY": (1, 60)},
            },
        ],
    },
    {
        "name": "Spinal cord injury",
        "phase_rule": "days",
        "description": (
            "Acute care, inpatient spinal rehabilitation, community reintegration. Physio and "
            "OT time is close to equal in spinal units (SCIRehab project, Whiteneck et al. "
            "2011); psychology throughout (Consortium for Spinal Cord Medicine)."
        ),
        "stages": [
            {
                "name": "Acute",
                "phase": "acute",
                "starts_after_days": 0,
                "ends_after_days": 28,
                "focus": "Respiratory care, positioning, range of motion, skin protection.",
                "exit": None,
                "allocations": {"PT": (5, 45), "OT": (3, 30), "PSY": (1, 30)},
            },
            {
                "name": "Inpatient rehabilitation",
                "phase": "inpatient",
                "starts_after_days": 28,
                "ends_after_days": 112,
                "focus": (
                    "Transfers, wheelchair skills, hand function, self-care, bladder and bowel."
                ),
                "exit": ("BARTHEL", "60"),
                "allocations": {"PT": (5, 60), "NEURO": (2, 45), "OT": (5, 60), "PSY": (1, 45)},
            },
            {
                "name": "Community reintegration",
                "phase": "community",
                "starts_after_days": 112,
                "ends_after_days": 365,
                "focus": "Home and vehicle adaptation, work, sport; equipment review.",
                "exit": None,
                "allocations": {"PT": (3, 45), "OT": (3, 60), "PSY": (1, 45)},
            },
            {
                "name": "Long-term maintenance",
                "phase": "maintenance",
                "starts_after_days": 365,
                "ends_after_days": None,
                "focus": "Prevent secondary complications; periodic review.",
                "exit": None,
                "allocations": {"PT": (1, 45), "OT": (1, 45)},
            },
        ],
    },
    {
        "name": "Parkinson's disease and multiple sclerosis",
        "phase_rule": "days",
        "description": (
            "Progressive neurological conditions: an assessment block, an intensive block, "
            "then maintenance. European Physiotherapy Guideline for Parkinson's disease "
            "(Keus et al. 2014); NICE NG71 (Parkinson's) and NG220 (MS, fatigue management "
            "by OT)."
        ),
        "stages": [
            {
                "name": "Assessment and goal setting",
                "phase": "assessment",
                "starts_after_days": 0,
                "ends_after_days": 14,
                "focus": "Baseline measures, falls risk, speech and swallowing, fatigue.",
                "exit": None,
                "allocations": {"PT": (2, 45), "OT": (1, 45), "SLT": (1, 45)},
            },
            {
                "name": "Intensive block",
                "phase": "intensive",
                "starts_after_days": 14,
                "ends_after_days": 56,
                "focus": (
                    "Gait with cueing, balance, amplitude training, voice (LSVT-style blocks)."
                ),
                "exit": ("BERG", "45"),
                "allocations": {"PT": (3, 60), "NEURO": (2, 45), "OT": (1, 45), "SLT": (2, 45)},
            },
            {
                "name": "Maintenance",
                "phase": "maintenance",
                "starts_after_days": 56,
                "ends_after_days": None,
                "focus": "Home programme, energy conservation, periodic review.",
                "exit": None,
                "allocations": {"PT": (1, 45), "NEURO": (1, 45), "OT": (1, 45)},
            },
        ],
    },
    {
        "name": "Orthopaedic",
        "phase_rule": "days",
        "description": (
            "Protection, mobility, strengthening, return to function, following tissue "
            "healing (inflammation to day 5, repair to week 6, remodelling after). Mostly "
            "physiotherapy (NICE NG59 low back pain, NG226 osteoarthritis); OT for joint "
            "protection and daily activities early on, and for work late."
        ),
        "stages": [
            {
                "name": "Protection",
                "phase": "protection",
                "starts_after_days": 0,
                "ends_after_days": 14,
                "focus": "Pain control, protect healing tissue, gentle range of motion.",
                "exit": ("NPRS", "3"),
                "allocations": {"PT": (3, 30), "OT": (1, 30)},
            },
            {
                "name": "Mobility",
                "phase": "mobility",
                "starts_after_days": 14,
                "ends_after_days": 42,
                "focus": "Restore range of motion and normal movement patterns.",
                "exit": None,
                "allocations": {"PT": (3, 45), "OT": (1, 30)},
            },
            {
                "name": "Strengthening",
                "phase": "strengthening",
                "starts_after_days": 42,
                "ends_after_days": 84,
                "focus": "Progressive loading, endurance, proprioception.",
                "exit": ("TUG", "10"),
                "allocations": {"PT": (3, 45)},
            },
            {
                "name": "Return to function",
                "phase": "return_to_function",
                "starts_after_days": 84,
                "ends_after_days": None,
                "focus": "Work, sport and home tasks; self-management.",
                "exit": None,
                "allocations": {"PT": (2, 45), "OT": (1, 45)},
            },
        ],
    },
]

# Conditions, keyed by name (ICD-10 codes get corrected; names stay).
CONDITIONS = [
    {
        "name": "Ischaemic stroke",
        "icd10": "I63.9",
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Intracerebral haemorrhage",
        "icd10": "I61.9",
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Spinal cord injury",
        "icd10": "T09.3",
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Parkinson's disease",
        "icd10": "G20",
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Parkinson's disease and multiple sclerosis",
    },
    {
        "name": "Multiple sclerosis",
        "icd10": "G35",
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Parkinson's disease and multiple sclerosis",
    },
    {
        "name": "Traumatic brain injury",
        "icd10": "S06.9",
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Acquired brain injury",
    },
    {
        "name": "Peripheral nerve injury",
        "icd10": "T14.4",
        "category": "neurological",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Low back pain",
        "icd10": "M54.5",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Neck pain",
        "icd10": "M54.2",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Knee osteoarthritis",
        "icd10": "M17.9",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Frozen shoulder",
        "icd10": "M75.0",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Post-fracture aftercare",
        "icd10": "Z47.89",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Knee replacement aftercare",
        "icd10": "Z96.651",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
    {
        "name": "Ligament or tendon sports injury",
        "icd10": "S83.5",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic",
    },
]
