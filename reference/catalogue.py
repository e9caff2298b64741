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
    # Issue 15: the neuro-rehabilitation instruments, each with its source and licence
    # (domain.measures holds the same, with the MDC and its source).
    "NIHSS": "Stroke severity, 15 items; 0-42, higher is worse. Brott T et al., Stroke "
    "1989. Public domain (NINDS), free for clinical use.",
    "FMA_UE": "Upper-limb motor impairment after stroke, 33 items scored 0-2; 0-66, higher "
    "is better. Fugl-Meyer AR et al., Scand J Rehabil Med 1975. Free for clinical use "
    "(protocol of the University of Gothenburg, Rehabilitation Medicine).",
    "ARAT": "Arm function: grasp, grip, pinch, gross movement, 19 items scored 0-3; 0-57, "
    "higher is better. Lyle RC, Int J Rehabil Res 1981. Free (published scale).",
    "6MWT": "Metres walked in 6 minutes (ATS guidelines, Am J Respir Crit Care Med 2002), or "
    "unable to perform; higher is better. Free.",
    "PHQ9": "Depression, 9 items scored 0-3; 0-27, higher is worse; 5/10/15/20 mild to "
    "severe. Item 9 above 0 alerts the physician. Kroenke K et al., J Gen Intern Med 2001. "
    "Free (Pfizer): no permission required.",
    "SCIM": "Independence after spinal cord injury: self-care 0-20, respiration and "
    "sphincters 0-40, mobility 0-40; 0-100, higher is better. Catz A et al., Spinal Cord "
    "2007. Free for clinical use (form published in full).",
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
                # so physio is short and gentle. Swallow screen within 4 h of arrival: the UK
                # target (RCP National Clinical Guideline for Stroke 2023; SSNAP key indicator),
                # not an AHA/ASA figure (AHA/ASA 2019 asks for a screen before oral intake).
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
                # Shah, Vanclay & Cooper (J Clin Epidemiol 1989) band the 0-100 Barthel:
                # 0-20 total, 21-60 severe, 61-90 moderate, 91-99 slight dependence, 100
                # independent. The OT-led ADL stage is done when at most slight dependence
                # remains: ≥ 91, which on the 5-point steps of the Barthel is 95.
                "exit": ("BARTHEL", "95"),
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
                # Added to a plan only when triage records the problem. Aphasia ("speech"):
                # speech and language therapy continues in the chronic phase while the person
                # can benefit (RCP National Clinical Guideline for Stroke 2023, aphasia
                # recommendations; intensive SLT helps 6 months on and later: Breitenstein et
                # al., Lancet 2017, FCET2EC). Dose: the RELEASE collaboration's best outcomes
                # came with 2-4 h a week over 3-5 days (The RELEASE Collaborators, Stroke
                # 2022;53:956-67): 3 × 45 min.
                "allocations_with_problem": {"speech": {"SLT": (3, 45)}},
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
                # LSVT LOUD: 16 individual 60-min sessions, 4 a week for 4 weeks (Ramig et al.,
                # J Neurol Neurosurg Psychiatry 2001; NICE NG71 2017 names such 'attention to
                # effort' speech therapy). It
                # runs for 4 of the block's 6 weeks; for MS the physician sets the SLT dose.
                "allocations": {"PT": (3, 60), "NEURO": (2, 45), "OT": (1, 45), "SLT": (4, 60)},
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
        # Retired: no condition points here any more. Kept, unchanged, because plans that
        # started from it name it; new plans use the two templates below.
        "name": "Orthopaedic",
        "phase_rule": "days",
        "description": (
            "Retired: replaced by 'Orthopaedic — spine and upper limb' and 'Orthopaedic — "
            "lower limb', whose strengthening stages exit on a measure that fits them. "
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
                # Pain settling early is no sign the tissue has healed: healing runs through
                # a rapid inflammatory phase, then cell proliferation and matrix deposition,
                # then slow remodelling (Hildebrand KA, Gallant-Behm CL, Kydd AS, Hart DA.
                # The basics of soft tissue healing and general factors that influence such
                # healing. Sports Med Arthrosc Rev 2005;13:136-44, who call the steps'
                # bounds somewhat arbitrary). The day 5 and week 6 of the description are
                # the template's approximations, not figures from that review. NPRS ≤ 3
                # counts only once the stage's 14-day window has run.
                "exit_needs_window": True,
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
    {
        "name": "Orthopaedic — spine and upper limb",
        "phase_rule": "days",
        "description": (
            "Neck and back pain, shoulder and upper-limb conditions. Protection, mobility, "
            "strengthening, return to function, following tissue healing (inflammation to "
            "day 5, repair to week 6, remodelling after). Mostly physiotherapy (NICE NG59 low "
            "back pain and sciatica); OT for joint protection and daily activities early on, "
            "and for work late."
        ),
        "stages": [
            {
                "name": "Protection",
                "phase": "protection",
                "starts_after_days": 0,
                "ends_after_days": 14,
                "focus": "Pain control, protect healing tissue, gentle range of motion.",
                "exit": ("NPRS", "3"),
                # NPRS ≤ 3 counts only once the window has run (Hildebrand 2005, above).
                "exit_needs_window": True,
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
                # No exit measure: TUG (the old exit) is normal at baseline for most neck,
                # back and shoulder patients, and pain is the Protection stage's measure. The
                # clinic's instruments have no spine or upper-limb function score (ODI, NDI,
                # SPADI or DASH would fit), so the planned window decides.
                "exit": None,
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
    {
        "name": "Orthopaedic — lower limb",
        "phase_rule": "days",
        "description": (
            "Knee osteoarthritis and replacement, lower-limb ligament injury and fracture "
            "aftercare. Protection, mobility, strengthening, return to function, following "
            "tissue healing. Mostly physiotherapy (NICE NG226 osteoarthritis); OT for joint "
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
                # NPRS ≤ 3 counts only once the window has run (Hildebrand 2005, above).
                "exit_needs_window": True,
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
                # TUG ≤ 10 s: within the reference range of community-dwelling adults up to 79
                # (Bohannon, J Geriatr Phys Ther 2006: mean 8.1 s at 60-69, 9.2 s at 70-79);
                # knee OA and replacement guidance names the TUG among its performance tests
                # (OARSI, Dobson et al., Osteoarthritis Cartilage 2013). A young athlete
                # (cruciate sprain) meets it early: the physician sets a sport-specific exit.
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

# Conditions, keyed by name (codes get corrected in place; a diagnosis points at its
# condition, so it follows). Codes are WHO ICD-10, 2019 edition (the classification India's
# ABDM uses), never ICD-10-CM. A renamed condition lists its former names ("formerly"), so
# the loader renames the row instead of adding one.
CONDITIONS = [
    {
        "name": "Ischaemic stroke",
        "icd10": "I63.9",  # Cerebral infarction, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Intracerebral haemorrhage",
        "icd10": "I61.9",  # Intracerebral haemorrhage, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Subarachnoid haemorrhage",
        "icd10": "I60.9",  # Subarachnoid haemorrhage, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        # A stroke type (WHO ICD-10 block I60-I69): the SRRR phases (Bernhardt et al. 2017)
        # and the stroke template's intensity apply; the physician adjusts for vasospasm
        # and the timing of aneurysm repair.
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Sequelae of cerebral infarction",
        "icd10": "I69.3",  # Sequelae of cerebral infarction
        "category": "neurological",
        "needs_neuro_rehab": True,
        # A stroke seen in its chronic phase: with the stroke's own onset date the plan
        # starts in the stage due (usually chronic).
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Sequelae of stroke",
        "icd10": "I69.4",  # Sequelae of stroke, not specified as haemorrhage or infarction
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Stroke and intracerebral haemorrhage",
    },
    {
        "name": "Spinal cord injury",
        "icd10": "T09.3",  # Injury of spinal cord, level unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Cervical spinal cord injury",
        "icd10": "S14.1",  # Other and unspecified injuries of cervical spinal cord
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Thoracic spinal cord injury",
        "icd10": "S24.1",  # Other and unspecified injuries of thoracic spinal cord
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Lumbar spinal cord injury",
        "icd10": "S34.1",  # Other injury of lumbar spinal cord
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Non-traumatic spinal cord disease",
        "icd10": "G95.9",  # Disease of spinal cord, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Paraplegia",
        "icd10": "G82.2",  # Paraplegia, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Tetraplegia",
        "icd10": "G82.5",  # Tetraplegia, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Spinal cord injury",
    },
    {
        "name": "Guillain-Barré syndrome",
        "icd10": "G61.0",  # Guillain-Barré syndrome
        "category": "neurological",
        "needs_neuro_rehab": True,
        # The spinal cord injury template's course fits: acute care (respiration, positioning,
        # skin) to the nadir within 4 weeks, inpatient rehabilitation of transfers, walking
        # and hand function, then community reintegration over months (Khan & Amatya, Eur J
        # Phys Rehabil Med 2012; van Doorn, Lancet Neurol 2008: nadir within 4 weeks).
        "template": "Spinal cord injury",
    },
    {
        "name": "Parkinson's disease",
        "icd10": "G20",  # Parkinson's disease
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Parkinson's disease and multiple sclerosis",
    },
    {
        "name": "Multiple sclerosis",
        "icd10": "G35",  # Multiple sclerosis
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Parkinson's disease and multiple sclerosis",
    },
    {
        "name": "Traumatic brain injury",
        "icd10": "S06.9",  # Intracranial injury, unspecified
        "category": "neurological",
        "needs_neuro_rehab": True,
        "template": "Acquired brain injury",
    },
    {
        "name": "Peripheral nerve injury",
        "icd10": "T14.4",  # Injury of nerve(s) of unspecified body region
        "category": "neurological",
        "needs_neuro_rehab": False,
        # Most peripheral nerve injuries a rehab clinic sees are of the arm (brachial plexus,
        # radial, ulnar, median nerves); a leg's nerve: the physician sets the exit.
        "template": "Orthopaedic — spine and upper limb",
    },
    {
        "name": "Low back pain",
        "icd10": "M54.5",  # Low back pain
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic — spine and upper limb",
    },
    {
        "name": "Neck pain",
        "icd10": "M54.2",  # Cervicalgia
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic — spine and upper limb",
    },
    {
        "name": "Knee osteoarthritis",
        "icd10": "M17.9",  # Gonarthrosis, unspecified
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic — lower limb",
    },
    {
        "name": "Frozen shoulder",
        "icd10": "M75.0",  # Adhesive capsulitis of shoulder
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic — spine and upper limb",
    },
    {
        "name": "Post-fracture aftercare",
        # Z50.1 Other physical therapy (care involving use of rehabilitation procedures):
        # WHO's Z47 "Other orthopaedic follow-up care" excludes care involving rehabilitation
        # procedures (Z50.-), Z47.0 is the removal of a fracture plate and Z09.4 a follow-up
        # examination only. The fracture's own S/T code is recorded beside it. (Z47.89 was
        # ICD-10-CM.)
        "icd10": "Z50.1",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        # Most fracture rehabilitation is of the hip and leg; an arm fracture: the physician
        # removes the TUG exit.
        "template": "Orthopaedic — lower limb",
    },
    {
        "name": "Knee replacement aftercare",
        # Z47.8 Other specified orthopaedic follow-up care, with Z96.6 (presence of
        # orthopaedic joint implants) beside it. (Z96.651, "right artificial knee", was
        # ICD-10-CM.)
        "icd10": "Z47.8",
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic — lower limb",
    },
    {
        # S83.5 is a sprain of the knee's cruciate ligament, not ligament or tendon injury in
        # general.
        "name": "Cruciate ligament sprain of the knee",
        "formerly": ["Ligament or tendon sports injury"],
        "icd10": "S83.5",  # Sprain and strain involving (anterior)(posterior) cruciate ligament
        "category": "orthopaedic",
        "needs_neuro_rehab": False,
        "template": "Orthopaedic — lower limb",
    },
]
