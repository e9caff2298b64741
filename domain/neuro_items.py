"""The items of the neuro-rehabilitation instruments (issue 15): NIHSS, Fugl-Meyer upper
extremity, Action Research Arm Test, PHQ-9 and SCIM III.

Pure data, read by ``domain.measures``: for each instrument its items (key -> the scores
the published form allows, which are not always 0..n), their labels, the wording of each
score, the subscales and the source of the wording. Descriptors follow the published forms;
long ones are shortened without changing what a score means.
"""

# --- NIHSS -------------------------------------------------------------------------------
# Brott T, Adams HP Jr, Olinger CP et al. Measurements of acute cerebral infarction: a
# clinical examination scale. Stroke 1989;20:864-70; item wording of the NIH Stroke Scale
# form (NINDS, public domain). 15 items, 0-42.
#
# "UN" (untestable: amputation or joint fusion for the motor and ataxia items, intubation
# or another physical barrier for dysarthria) is stored as 9, the code NINDS trial data use
# for it, and adds 0 to the total: the form's instructions say the examiner records UN and
# explains it, and the item is not scored (Lyden P. Using the National Institutes of Health
# Stroke Scale: a cautionary tale. Stroke 2017;48:513-9).
NIHSS_UNTESTABLE = 9
NIHSS_SOURCE = "Brott T et al., Stroke 1989; item wording of the NIH Stroke Scale form (NINDS)"
NIHSS_LABELS = {
    "1a": "1a. Level of consciousness",
    "1b": "1b. LOC questions (month, age)",
    "1c": "1c. LOC commands (open/close eyes, grip/release hand)",
    "2": "2. Best gaze",
    "3": "3. Visual fields",
    "4": "4. Facial palsy",
    "5a": "5a. Motor arm, left",
    "5b": "5b. Motor arm, right",
    "6a": "6a. Motor leg, left",
    "6b": "6b. Motor leg, right",
    "7": "7. Limb ataxia",
    "8": "8. Sensory",
    "9": "9. Best language",
    "10": "10. Dysarthria",
    "11": "11. Extinction and inattention (formerly neglect)",
}
_ARM = {
    0: "No drift; limb holds 90 (or 45) degrees for full 10 seconds",
    1: "Drift; limb holds 90 (or 45) degrees but drifts down before full 10 seconds; does "
    "not hit bed or other support",
    2: "Some effort against gravity; limb cannot get to or maintain 90 (or 45) degrees, "
    "drifts down to bed",
    3: "No effort against gravity; limb falls",
    4: "No movement",
    NIHSS_UNTESTABLE: "Amputation or joint fusion (explain in the notes); counts 0",
}
_LEG = {
    0: "No drift; leg holds 30-degree position for full 5 seconds",
    1: "Drift; leg falls by the end of the 5-second period but does not hit bed",
    2: "Some effort against gravity; leg falls to bed by 5 seconds",
    3: "No effort against gravity; leg falls to bed immediately",
    4: "No movement",
    NIHSS_UNTESTABLE: "Amputation or joint fusion (explain in the notes); counts 0",
}
NIHSS_DESCRIPTORS: dict[str, dict[int, str]] = {
    "1a": {
        0: "Alert; keenly responsive",
        1: "Not alert; but arousable by minor stimulation to obey, answer, or respond",
        2: "Not alert; requires repeated stimulation to attend, or is obtunded and requires "
        "strong or painful stimulation to make movements",
        3: "Responds only with reflex motor or autonomic effects, or totally unresponsive, "
        "flaccid and areflexic",
    },
    "1b": {
        0: "Answers both questions correctly",
        1: "Answers one question correctly",
        2: "Answers neither question correctly",
    },
    "1c": {
        0: "Performs both tasks correctly",
        1: "Performs one task correctly",
        2: "Performs neither task correctly",
    },
    "2": {
        0: "Normal",
        1: "Partial gaze palsy; gaze is abnormal in one or both eyes, but forced deviation or "
        "total gaze paresis is not present",
        2: "Forced deviation, or total gaze paresis not overcome by the oculocephalic manoeuvre",
    },
    "3": {
        0: "No visual loss",
        1: "Partial hemianopia",
        2: "Complete hemianopia",
        3: "Bilateral hemianopia (blind including cortical blindness)",
    },
    "4": {
        0: "Normal symmetrical movements",
        1: "Minor paralysis (flattened nasolabial fold, asymmetry on smiling)",
        2: "Partial paralysis (total or near-total paralysis of lower face)",
        3: "Complete paralysis of one or both sides (no facial movement in upper and lower face)",
    },
    "5a": _ARM,
    "5b": _ARM,
    "6a": _LEG,
    "6b": _LEG,
    "7": {
        0: "Absent",
        1: "Present in one limb",
        2: "Present in two limbs",
        NIHSS_UNTESTABLE: "Amputation or joint fusion (explain in the notes); counts 0",
    },
    "8": {
        0: "Normal; no sensory loss",
        1: "Mild-to-moderate sensory loss; pinprick less sharp or dull on the affected side, "
        "or loss of superficial pain with pinprick but aware of being touched",
        2: "Severe to total sensory loss; not aware of being touched in the face, arm and leg",
    },
    "9": {
        0: "No aphasia; normal",
        1: "Mild-to-moderate aphasia; some obvious loss of fluency or comprehension",
        2: "Severe aphasia; all communication through fragmentary expression",
        3: "Mute, global aphasia; no usable speech or auditory comprehension",
    },
    "10": {
        0: "Normal",
        1: "Mild-to-moderate dysarthria; slurs some words, understood with some difficulty",
        2: "Severe dysarthria; speech so slurred as to be unintelligible, or mute/anarthric",
        NIHSS_UNTESTABLE: "Intubated or other physical barrier (explain in the notes); counts 0",
    },
    "11": {
        0: "No abnormality",
        1: "Visual, tactile, auditory, spatial or personal inattention, or extinction to "
        "bilateral simultaneous stimulation in one of the sensory modalities",
        2: "Profound hemi-inattention or extinction to more than one modality; does not "
        "recognise own hand or orients to only one side of space",
    },
}
NIHSS_ITEMS: dict[str, tuple[int, ...]] = {
    key: tuple(sorted(words)) for key, words in NIHSS_DESCRIPTORS.items()
}
NIHSS_UNTESTABLE_ITEMS = ("5a", "5b", "6a", "6b", "7", "10")

# --- Fugl-Meyer Assessment, upper extremity (motor) ---------------------------------------
# Fugl-Meyer AR, Jääskö L, Leyman I, Olsson S, Steglind S. The post-stroke hemiplegic
# patient. 1. A method for evaluation of physical performance. Scand J Rehabil Med
# 1975;7:13-31; item wording of the FMA-UE protocol of the University of Gothenburg,
# Rehabilitation Medicine (free for clinical use). Motor function only: 33 items, 0-66.
FMA_UE_SOURCE = (
    "Fugl-Meyer AR et al., Scand J Rehabil Med 1975; FMA-UE protocol, University of "
    "Gothenburg (Rehabilitation Medicine)"
)
_PARTLY = {0: "None: cannot be performed", 1: "Partial", 2: "Full: performed faithfully"}
_REFLEX = {0: "No reflex activity can be elicited", 2: "Reflex activity can be elicited"}
_STABLE = {
    0: "Cannot hold the position",
    1: "Holds the position, no resistance tolerated",
    2: "Holds the position against slight resistance",
}
_REPEATED = {0: "Cannot perform", 1: "Limited range of motion", 2: "Full range, smoothly"}
_GRASP = {
    0: "Cannot be performed",
    1: "Can hold the object but not against a tug",
    2: "Holds the object against a tug",
}
FMA_UE_SECTIONS = (
    (
        "A. Upper extremity (0-36)",
        (
            ("reflex_flexors", "Reflex activity: flexors (biceps, finger flexors)", _REFLEX),
            ("reflex_extensors", "Reflex activity: extensors (triceps)", _REFLEX),
            ("flex_shoulder_retraction", "Flexor synergy: shoulder retraction", _PARTLY),
            ("flex_shoulder_elevation", "Flexor synergy: shoulder elevation", _PARTLY),
            ("flex_shoulder_abduction", "Flexor synergy: shoulder abduction (90°)", _PARTLY),
            ("flex_shoulder_external", "Flexor synergy: shoulder outward rotation", _PARTLY),
            ("flex_elbow_flexion", "Flexor synergy: elbow flexion", _PARTLY),
            ("flex_forearm_supination", "Flexor synergy: forearm supination", _PARTLY),
            (
                "ext_shoulder_adduction",
                "Extensor synergy: shoulder adduction/internal rotation",
                _PARTLY,
            ),
            ("ext_elbow_extension", "Extensor synergy: elbow extension", _PARTLY),
            ("ext_forearm_pronation", "Extensor synergy: forearm pronation", _PARTLY),
            (
                "mix_hand_to_spine",
                "Mixing synergies: hand to lumbar spine",
                {
                    0: "No specific action performed",
                    1: "Hand must pass anterior superior iliac spine",
                    2: "Performed faithfully",
                },
            ),
            (
                "mix_shoulder_flexion_90",
                "Mixing synergies: shoulder flexion 0-90°, elbow at 0°",
                {
                    0: "Arm is immediately abducted or elbow flexes at start",
                    1: "Abduction or elbow flexion occurs in later phase",
                    2: "Performed faithfully",
                },
            ),
            (
                "mix_pronation_elbow_90",
                "Mixing synergies: pronation-supination, elbow at 90°, shoulder at 0°",
                {
                    0: "Correct position of shoulder and elbow cannot be attained, and/or "
                    "pronation or supination cannot be performed at all",
                    1: "Active pronation or supination within a limited range, with "
                    "shoulder and elbow correctly positioned",
                    2: "Complete pronation and supination with correct positions",
                },
            ),
            (
                "out_shoulder_abduction",
                "Out of synergy: shoulder abduction 0-90°, elbow 0°, forearm pronated",
                {
                    0: "Initial elbow flexion or deviation from pronated forearm occurs",
                    1: "Motion can be performed partly or elbow flexes or forearm supinates "
                    "later in the motion",
                    2: "Performed faithfully",
                },
            ),
            (
                "out_shoulder_flexion_180",
                "Out of synergy: shoulder flexion 90-180°, elbow 0°, forearm mid-position",
                {
                    0: "Initial flexion of elbow or shoulder abduction occurs",
                    1: "Elbow flexion or shoulder abduction occurs during shoulder flexion",
                    2: "Performed faithfully",
                },
            ),
            (
                "out_pronation_elbow_0",
                "Out of synergy: pronation-supination, elbow 0°, shoulder flexed 30-90°",
                {
                    0: "Supination and pronation cannot be performed at all, or elbow and "
                    "shoulder positions cannot be attained",
                    1: "Elbow and shoulder properly positioned, pronation and supination "
                    "performed in a limited range",
                    2: "Performed faithfully",
                },
            ),
            (
                "normal_reflexes",
                "Normal reflex activity (biceps, triceps, finger flexors); scored only if "
                "the out-of-synergy items score 6, otherwise 0",
                {
                    0: "At least 2 of 3 phasic reflexes markedly hyperactive",
                    1: "One reflex markedly hyperactive, or at least 2 reflexes lively",
                    2: "No more than one reflex lively and none hyperactive",
                },
            ),
        ),
    ),
    (
        "B. Wrist (0-10)",
        (
            ("wrist_stable_elbow_90", "Stability at 15° dorsiflexion, elbow at 90°", _STABLE),
            (
                "wrist_repeated_elbow_90",
                "Repeated dorsiflexion/volar flexion, elbow 90°",
                _REPEATED,
            ),
            ("wrist_stable_elbow_0", "Stability at 15° dorsiflexion, elbow at 0°", _STABLE),
            ("wrist_repeated_elbow_0", "Repeated dorsiflexion/volar flexion, elbow 0°", _REPEATED),
            ("wrist_circumduction", "Circumduction", _REPEATED),
        ),
    ),
    (
        "C. Hand (0-14)",
        (
            ("hand_mass_flexion", "Mass flexion", _PARTLY),
            ("hand_mass_extension", "Mass extension", _PARTLY),
            ("grasp_hook", "Grasp a: hook grasp", _GRASP),
            ("grasp_thumb_adduction", "Grasp b: thumb adduction (paper)", _GRASP),
            ("grasp_pincer", "Grasp c: pincer grasp, opposition (pencil)", _GRASP),
            ("grasp_cylinder", "Grasp d: cylinder grasp", _GRASP),
            ("grasp_spherical", "Grasp e: spherical grasp (ball)", _GRASP),
        ),
    ),
    (
        "D. Coordination/speed (0-6)",
        (
            (
                "coord_tremor",
                "Tremor (finger to nose, 5 times)",
                {0: "Marked", 1: "Slight", 2: "None"},
            ),
            (
                "coord_dysmetria",
                "Dysmetria",
                {0: "Pronounced or unsystematic", 1: "Slight and systematic", 2: "None"},
            ),
            (
                "coord_time",
                "Time, compared with the unaffected side",
                {0: "6 s or more slower", 1: "2-5 s slower", 2: "Less than 2 s difference"},
            ),
        ),
    ),
)

# --- Action Research Arm Test -------------------------------------------------------------
# Lyle RC. A performance test for assessment of upper limb function in physical
# rehabilitation treatment and research. Int J Rehabil Res 1981;4:483-92; the scoring
# wording of Yozbatiran N, Der-Yeghiaian L, Cramer SC. A standardized approach to
# performing the Action Research Arm Test. Neurorehabil Neural Repair 2008;22:78-90.
# 19 items, 0-3 each, 0-57. Lyle's short cuts (a 3 on a subscale's first item credits the
# whole subscale; a 0 on the second, easiest, credits 0 to the rest) are the assessor's:
# the form asks for every item as scored or credited.
ARAT_SOURCE = "Lyle RC, Int J Rehabil Res 1981; scoring wording of Yozbatiran N et al., 2008"
ARAT_SCORES = {
    3: "Performs test normally",
    2: "Completes test, but takes abnormally long or has great difficulty",
    1: "Performs test partially",
    0: "Can perform no part of test",
}
ARAT_SECTIONS = (
    (
        "Grasp (0-18)",
        (
            ("grasp_block_10", "Block, wood, 10 cm cube"),
            ("grasp_block_2_5", "Block, wood, 2.5 cm cube"),
            ("grasp_block_5", "Block, wood, 5 cm cube"),
            ("grasp_block_7_5", "Block, wood, 7.5 cm cube"),
            ("grasp_ball", "Ball (cricket), 7.5 cm diameter"),
            ("grasp_stone", "Sharpening stone, 10 × 2.5 × 1 cm"),
        ),
    ),
    (
        "Grip (0-12)",
        (
            ("grip_pour", "Pour water from glass to glass"),
            ("grip_tube_2_25", "Tube 2.25 cm"),
            ("grip_tube_1", "Tube 1 × 16 cm"),
            ("grip_washer", "Washer (3.5 cm) over bolt"),
        ),
    ),
    (
        "Pinch (0-18)",
        (
            ("pinch_bearing_ring", "Ball bearing 6 mm, ring finger and thumb"),
            ("pinch_marble_index", "Marble 1.5 cm, index finger and thumb"),
            ("pinch_bearing_middle", "Ball bearing, middle finger and thumb"),
            ("pinch_bearing_index", "Ball bearing, index finger and thumb"),
            ("pinch_marble_ring", "Marble, ring finger and thumb"),
            ("pinch_marble_middle", "Marble, middle finger and thumb"),
        ),
    ),
    (
        "Gross movement (0-9)",
        (
            ("gross_behind_head", "Hand to behind head"),
            ("gross_top_head", "Hand to top of head"),
            ("gross_mouth", "Hand to mouth"),
        ),
    ),
)

# --- PHQ-9 ----------------------------------------------------------------------------------
# Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity
# measure. J Gen Intern Med 2001;16:606-13. "Over the last 2 weeks, how often have you been
# bothered by any of the following problems?" Developed by Drs Spitzer, Williams, Kroenke
# and colleagues with an educational grant from Pfizer; no permission required to
# reproduce, translate, display or distribute.
PHQ9_SOURCE = "Kroenke K, Spitzer RL, Williams JBW, J Gen Intern Med 2001 (PHQ-9 form)"
PHQ9_SCORES = {
    0: "Not at all",
    1: "Several days",
    2: "More than half the days",
    3: "Nearly every day",
}
PHQ9_LABELS = {
    "item1": "1. Little interest or pleasure in doing things",
    "item2": "2. Feeling down, depressed, or hopeless",
    "item3": "3. Trouble falling or staying asleep, or sleeping too much",
    "item4": "4. Feeling tired or having little energy",
    "item5": "5. Poor appetite or overeating",
    "item6": "6. Feeling bad about yourself, or that you are a failure or have let yourself "
    "or your family down",
    "item7": "7. Trouble concentrating on things, such as reading the newspaper or watching "
    "television",
    "item8": "8. Moving or speaking so slowly that other people could have noticed; or the "
    "opposite, being so fidgety or restless that you have been moving around a lot more "
    "than usual",
    "item9": "9. Thoughts that you would be better off dead, or of hurting yourself in some way",
}
PHQ9_SELF_HARM_ITEM = "item9"

# --- SCIM III -------------------------------------------------------------------------------
# Catz A, Itzkovich M, Tesio L et al. A multicenter international study on the Spinal Cord
# Independence Measure, version III: Rasch psychometric validation. Spinal Cord
# 2007;45:275-91 (the form in its appendix); Itzkovich M et al. Disabil Rehabil
# 2007;29:1926-33. 19 items in three subscales; each item has its own scores (respiration
# goes 0, 2, 4 ... 10, bladder 0, 3, 6, 9, 11, 13, 15).
SCIM_SOURCE = "Catz A et al., Spinal Cord 2007 (SCIM III form); Itzkovich M et al., 2007"
_ASSIST4 = {
    0: "Requires total assistance",
    1: "Requires partial assistance",
    2: "Independent with adaptive devices or in a specific setting",
    3: "Independent; no adaptive devices or specific setting",
}
_DRESS = {
    0: "Requires total assistance",
    1: "Requires partial assistance with clothes without buttons, zips or laces",
    2: "Independent with clothes without buttons, zips or laces; requires adaptive devices "
    "and/or specific settings",
    3: "Independent with clothes without buttons, zips or laces without adaptive devices; "
    "needs help or devices only for buttons, zips or laces",
    4: "Dresses (any cloth) independently; no adaptive devices or specific setting",
}
_TRANSFER = {
    0: "Requires total assistance",
    1: "Needs partial assistance and/or supervision, and/or adaptive devices (e.g. sliding board)",
    2: "Independent (or does not require a wheelchair)",
}
_MOBILITY = {
    0: "Requires total assistance",
    1: "Needs electric wheelchair or partial assistance to operate a manual wheelchair",
    2: "Moves independently in a manual wheelchair",
    3: "Requires supervision while walking (with or without devices)",
    4: "Walks with a walking frame or crutches (swing)",
    5: "Walks with crutches or two canes (reciprocal walking)",
    6: "Walks with one cane",
    7: "Needs leg orthosis only",
    8: "Walks without walking aids",
}
SCIM_SECTIONS = (
    (
        "Self-care (0-20)",
        (
            (
                "feeding",
                "1. Feeding (cutting, opening containers, pouring, bringing food to mouth)",
                {
                    0: "Needs parenteral, gastrostomy, or fully assisted oral feeding",
                    1: "Needs partial assistance for eating and/or drinking, or for wearing "
                    "adaptive devices",
                    2: "Eats independently; needs adaptive devices or assistance only for "
                    "cutting food and/or pouring and/or opening containers",
                    3: "Eats and drinks independently; no assistance or adaptive devices",
                },
            ),
            ("bathing_upper", "2A. Bathing, upper body", _ASSIST4),
            ("bathing_lower", "2B. Bathing, lower body", _ASSIST4),
            ("dressing_upper", "3A. Dressing, upper body", _DRESS),
            ("dressing_lower", "3B. Dressing, lower body", _DRESS),
            (
                "grooming",
                "4. Grooming (washing hands and face, brushing teeth, combing hair, shaving, "
                "make-up)",
                {
                    0: "Requires total assistance",
                    1: "Requires partial assistance",
                    2: "Grooms independently with adaptive devices",
                    3: "Grooms independently without adaptive devices",
                },
            ),
        ),
    ),
    (
        "Respiration and sphincter management (0-40)",
        (
            (
                "respiration",
                "5. Respiration",
                {
                    0: "Requires tracheal tube and permanent or intermittent assisted ventilation",
                    2: "Breathes independently with tracheal tube; requires oxygen, much "
                    "assistance in coughing or tube management",
                    4: "Breathes independently with tracheal tube; requires little "
                    "assistance in coughing or tube management",
                    6: "Breathes independently without tracheal tube; requires oxygen, much "
                    "assistance in coughing, a mask (e.g. PEEP) or assisted ventilation "
                    "(e.g. BiPAP)",
                    8: "Breathes independently without tube; requires little assistance or "
                    "stimulation for coughing",
                    10: "Breathes independently without assistance or device",
                },
            ),
            (
                "bladder",
                "6. Sphincter management: bladder",
                {
                    0: "Indwelling catheter",
                    3: "Residual urine volume (RUV) > 100 cc; no regular catheterisation or "
                    "assisted intermittent catheterisation",
                    6: "RUV < 100 cc or intermittent self-catheterisation; needs assistance "
                    "for applying drainage instrument",
                    9: "Intermittent self-catheterisation; uses external drainage "
                    "instrument; no assistance for applying it",
                    11: "Intermittent self-catheterisation; continent between "
                    "catheterisations; no external drainage instrument",
                    13: "RUV < 100 cc; needs only external urine drainage; no assistance "
                    "for drainage",
                    15: "RUV < 100 cc; continent; no external drainage instrument",
                },
            ),
            (
                "bowel",
                "7. Sphincter management: bowel",
                {
                    0: "Irregular timing or very low frequency (less than once in 3 days) "
                    "of bowel movements",
                    5: "Regular timing, but requires assistance (e.g. applying "
                    "suppository); rare accidents (less than twice a month)",
                    8: "Regular bowel movements, without assistance; rare accidents (less "
                    "than twice a month)",
                    10: "Regular bowel movements, without assistance; no accidents",
                },
            ),
            (
                "toilet",
                "8. Use of toilet (perineal hygiene, adjusting clothes, use of napkins or diapers)",
                {
                    0: "Requires total assistance",
                    1: "Requires partial assistance; does not clean self",
                    2: "Requires partial assistance; cleans self independently",
                    4: "Uses toilet independently in all tasks but needs adaptive devices or "
                    "special setting (e.g. bars)",
                    5: "Uses toilet independently; no adaptive devices or special setting",
                },
            ),
        ),
    ),
    (
        "Mobility (0-40)",
        (
            (
                "bed_mobility",
                "9. Mobility in bed and action to prevent pressure sores",
                {
                    0: "Needs assistance in all activities: turning upper body, turning "
                    "lower body, sitting up in bed, push-ups in wheelchair",
                    2: "Performs one of the activities without assistance",
                    4: "Performs two or three of the activities without assistance",
                    6: "Performs all the bed mobility and pressure release activities "
                    "independently",
                },
            ),
            ("transfer_bed_chair", "10. Transfers: bed-wheelchair", _TRANSFER),
            ("transfer_chair_toilet", "11. Transfers: wheelchair-toilet-tub", _TRANSFER),
            ("mobility_indoors", "12. Mobility indoors", _MOBILITY),
            ("mobility_moderate", "13. Mobility for moderate distances (10-100 m)", _MOBILITY),
            ("mobility_outdoors", "14. Mobility outdoors (more than 100 m)", _MOBILITY),
            (
                "stairs",
                "15. Stair management",
                {
                    0: "Unable to ascend or descend stairs",
                    1: "Ascends and descends at least 3 steps with support or supervision of "
                    "another person",
                    2: "Ascends and descends at least 3 steps with support of a handrail "
                    "and/or crutch or cane",
                    3: "Ascends and descends at least 3 steps without any support or supervision",
                },
            ),
            (
                "transfer_chair_car",
                "16. Transfers: wheelchair-car",
                {
                    0: "Requires total assistance",
                    1: "Needs partial assistance and/or supervision and/or adaptive devices",
                    2: "Transfers independently; no adaptive devices (or does not require "
                    "a wheelchair)",
                },
            ),
            (
                "transfer_ground_chair",
                "17. Transfers: ground-wheelchair",
                {
                    0: "Requires assistance",
                    1: "Transfers independently with or without adaptive devices (or does "
                    "not require a wheelchair)",
                },
            ),
        ),
    ),
)


def flatten(sections):
    """Items, labels, descriptors and (title, keys) sections from a sections table whose
    rows are (key, label, descriptors)."""
    items, labels, descriptors, groups = {}, {}, {}, []
    for title, rows in sections:
        keys = []
        for key, label, words in rows:
            items[key] = tuple(sorted(words))
            labels[key] = label
            descriptors[key] = words
            keys.append(key)
        groups.append((title, tuple(keys)))
    return items, labels, descriptors, tuple(groups)
