"""The reference data as migration 0003 loaded it, frozen so that migration stays
reproducible; `reference/catalogue.py` is the living catalogue.

Plain data, so the migration stays reproducible even after the models change. Every
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

# Each stage: (name, phase, starts after day, ends after day or None, focus,
#              exit criterion (measure, value) or None,
#              {discipline: (sessions per week, minutes per session)})
TEMPLATES = [
    {
        "name": "Stroke and intracerebral haemorrhage",
        "phase_rule": "stroke",
        "description": (
            "Stages follow the Stroke Recovery and Rehabilitation Roundtable phases "
            "(Bernhardt et al., Int J Stroke 2017). Intensity follows the UK National "
            "Clinical Guideline for Stroke (2023) and NICE NG236: at least 3 hours a day, "
            "5 days a week of relevant therapy while a patient can take part and benefit. "
            "Physiotherapy leads while standing, walking and balance are the work; OT "
            "becomes central as dressing, eating, bathing and work take over."
        ),
        "stages": [
            (
                "Hyperacute",
                "hyperacute",
                0,
                1,
                "Swallow screen before oral intake; positioning; short out-of-bed activity only "
                "if stable.",
                None,
                # AVERT (Lancet 2015): very early high-dose mobilisation within 24 h did worse,
                # so physio is short and gentle; swallow screening within 4 h (AHA/ASA 2019).
                {"PT": (3, 15), "SLT": (1, 20)},
            ),
            (
                "Acute",
                "acute",
                1,
                7,
                "Sitting balance, transfers, first standing; dysphagia and communication "
                "assessment.",
                None,
                # Daily short physio as tolerated; SLT for swallowing and aphasia screening.
                {"PT": (5, 30), "NEURO": (2, 30), "OT": (2, 30), "SLT": (3, 30)},
            ),
            (
                "Early subacute",
                "early_subacute",
                7,
                90,
                "Standing, walking and balance; task-oriented practice; early ADL retraining.",
                # Berg 45 is the classic fall-risk cut-off (Berg et al. 1992).
                ("BERG", "45"),
                # ~3 h a day across disciplines (NICE NG236); physio largest share (44 %).
                {"PT": (5, 60), "NEURO": (3, 45), "OT": (3, 45), "SLT": (2, 30), "PSY": (1, 45)},
            ),
            (
                "Late subacute",
                "late_subacute",
                90,
                180,
                "Dressing, eating, bathing, community mobility; OT becomes central.",
                # Barthel 85+ is minimal dependence (Shah et al. 1989).
                ("BARTHEL", "85"),
                # Outpatient intensity; OT largest share (47 %) for ADL (Legg, Cochrane 2006).
                {"PT": (2, 45), "NEURO": (2, 45), "OT": (4, 60), "SLT": (1, 45), "PSY": (1, 45)},
            ),
            (
                "Chronic",
                "chronic",
                180,
                None,
                "Return to work and roles, home adaptation, maintenance of gains.",
                None,
                # Community rehab: OT-led (57 %) for participation; physio to keep mobility.
                {"PT": (1, 45), "NEURO": (1, 45), "OT": (3, 60), "PSY": (1, 45)},
            ),
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
            (
                "Acute",
                "acute",
                0,
                14,
                "Positioning, arousal, swallowing, early sitting.",
                None,
                {"PT": (5, 30), "OT": (2, 30), "SLT": (3, 30)},
            ),
            (
                "Inpatient rehabilitation",
                "inpatient",
                14,
                90,
                "Mobility, ADL retraining, cognition and communication.",
                ("FAC", "3"),
                # Cognition and behaviour need OT, SLT and psychology beside physio (NG211).
                {"PT": (5, 45), "NEURO": (2, 45), "OT": (4, 45), "SLT": (3, 45), "PSY": (2, 45)},
            ),
            (
                "Community reintegration",
                "community",
                90,
                None,
                "Return to home, education or work; compensatory strategies.",
                None,
                {"PT": (1, 45), "OT": (3, 60), "SLT": (1, 45), "PSY": (1, 60)},
            ),
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
            (
                "Acute",
                "acute",
                0,
                28,
                "Respiratory care, positioning, range of motion, skin protection.",
                None,
                {"PT": (5, 45), "OT": (3, 30), "PSY": (1, 30)},
            ),
            (
                "Inpatient rehabilitation",
                "inpatient",
                28,
                112,
                "Transfers, wheelchair skills, hand function, self-care, bladder and bowel.",
                ("BARTHEL", "60"),
                {"PT": (5, 60), "NEURO": (2, 45), "OT": (5, 60), "PSY": (1, 45)},
            ),
            (
                "Community reintegration",
                "community",
                112,
                365,
                "Home and vehicle adaptation, work, sport; equipment review.",
                None,
                {"PT": (3, 45), "OT": (3, 60), "PSY": (1, 45)},
            ),
            (
                "Long-term maintenance",
                "maintenance",
                365,
                None,
                "Prevent secondary complications; periodic review.",
                None,
                {"PT": (1, 45), "OT": (1, 45)},
            ),
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
            (
                "Assessment and goal setting",
                "assessment",
                0,
                14,
                "Baseline measures, falls risk, speech and swallowing, fatigue.",
                None,
                {"PT": (2, 45), "OT": (1, 45), "SLT": (1, 45)},
            ),
            (
                "Intensive block",
                "intensive",
                14,
                56,
                "Gait with cueing, balance, amplitude training, voice (LSVT-style blocks).",
                ("BERG", "45"),
                {"PT": (3, 60), "NEURO": (2, 45), "OT": (1, 45), "SLT": (2, 45)},
            ),
            (
                "Maintenance",
                "maintenance",
                56,
                None,
                "Home programme, energy conservation, periodic review.",
                None,
                {"PT": (1, 45), "NEURO": (1, 45), "OT": (1, 45)},
            ),
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
            (
                "Protection",
                "protection",
                0,
                14,
                "Pain control, protect healing tissue, gentle range of motion.",
                ("NPRS", "3"),
                {"PT": (3, 30), "OT": (1, 30)},
            ),
            (
                "Mobility",
                "mobility",
                14,
                42,
                "Restore range of motion and normal movement patterns.",
                None,
                {"PT": (3, 45), "OT": (1, 30)},
            ),
            (
                "Strengthening",
                "strengthening",
                42,
                84,
                "Progressive loading, endurance, proprioception.",
                ("TUG", "10"),
                {"PT": (3, 45)},
            ),
            (
                "Return to function",
                "return_to_function",
                84,
                None,
                "Work, sport and home tasks; self-management.",
                None,
                {"PT": (2, 45), "OT": (1, 45)},
            ),
        ],
    },
]

# name, ICD-10, category, needs neuro-rehab (triage rule), template name
CONDITIONS = [
    ("Ischaemic stroke", "I63.9", "neurological", True, "Stroke and intracerebral haemorrhage"),
    (
        "Intracerebral haemorrhage",
        "I61.9",
        "neurological",
        True,
        "Stroke and intracerebral haemorrhage",
    ),
    ("Spinal cord injury", "T09.3", "neurological", True, "Spinal cord injury"),
    (
        "Parkinson's disease",
        "G20",
        "neurological",
        True,
        "Parkinson's disease and multiple sclerosis",
    ),
    (
        "Multiple sclerosis",
        "G35",
        "neurological",
        True,
        "Parkinson's disease and multiple sclerosis",
    ),
    ("Traumatic brain injury", "S06.9", "neurological", True, "Acquired brain injury"),
    ("Peripheral nerve injury", "T14.4", "neurological", False, "Orthopaedic"),
    ("Low back pain", "M54.5", "orthopaedic", False, "Orthopaedic"),
    ("Neck pain", "M54.2", "orthopaedic", False, "Orthopaedic"),
    ("Knee osteoarthritis", "M17.9", "orthopaedic", False, "Orthopaedic"),
    ("Frozen shoulder", "M75.0", "orthopaedic", False, "Orthopaedic"),
    ("Post-fracture aftercare", "Z47.89", "orthopaedic", False, "Orthopaedic"),
    ("Knee replacement aftercare", "Z96.651", "orthopaedic", False, "Orthopaedic"),
    ("Ligament or tendon sports injury", "S83.5", "orthopaedic", False, "Orthopaedic"),
]
