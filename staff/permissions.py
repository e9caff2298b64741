"""Who may do what, declared once as data.

The clinic's table, role by role. Querysets (``visible_to``), view guards, the
permission tests and ``docs/permissions.md`` all read this table; nothing else decides.
"""

from enum import IntEnum, StrEnum

from staff.roles import Role
from staff.url_matrix import GET, GET_ONLY, ROLES


class Action(StrEnum):
    PATIENT_REGISTER = "patient_register"
    PATIENT_READ = "patient_read"
    PLAN_EDIT = "plan_edit"
    DIAGNOSIS_CORRECT = "diagnosis_correct"
    PLAN_ACTIVATE = "plan_activate"
    PLAN_READ = "plan_read"
    CARE_TEAM_MANAGE = "care_team_manage"
    SESSION_SCHEDULE = "session_schedule"
    SESSION_MANAGE = "session_manage"
    SESSION_LOG = "session_log"
    STAFF_WEEK_READ = "staff_week_read"
    ASSESSMENT_RECORD = "assessment_record"
    NOTES_READ = "notes_read"
    SELF_HARM_REVIEW = "self_harm_review"
    AUDIT_READ = "audit_read"
    CLINIC_OVERVIEW = "clinic_overview"
    FRONT_DESK = "front_desk"
    LEAVE_MANAGE = "leave_manage"
    PRECAUTION_SET = "precaution_set"
    ADMIN_SITE = "admin_site"


ACTION_LABELS: dict[Action, str] = {
    Action.PATIENT_REGISTER: "Patients: register, edit demographics, archive",
    Action.PATIENT_READ: "Patients: read",
    Action.PLAN_EDIT: "Plans: create, edit, activate, advance; diagnoses: record",
    Action.DIAGNOSIS_CORRECT: (
        "Diagnoses: correct, resolve, mark entered in error, make primary; baseline severity"
    ),
    Action.PLAN_ACTIVATE: "Plans: activate (the physician's signature)",
    Action.PLAN_READ: "Plans, diagnoses, goals: read",
    Action.CARE_TEAM_MANAGE: "Care team: add and end members",
    Action.SESSION_SCHEDULE: "Sessions: schedule",
    Action.SESSION_MANAGE: "Bookings: cancel, move, check the patient in",
    Action.SESSION_LOG: "Sessions: log, sign, addend",
    Action.STAFF_WEEK_READ: "A therapist's week schedule: read",
    Action.ASSESSMENT_RECORD: "Assessments: record",
    Action.NOTES_READ: "Clinical notes and assessments: read",
    Action.SELF_HARM_REVIEW: "PHQ-9 self-harm answers: review (clears the alert)",
    Action.AUDIT_READ: "A patient's change history and access log: read",
    Action.CLINIC_OVERVIEW: "Clinic overview: minutes per discipline, mix by phase",
    Action.FRONT_DESK: "Reception's day: every booking of a day, no-shows, reminders",
    Action.LEAVE_MANAGE: "Therapist leave: record it, see the sessions to cover",
    Action.PRECAUTION_SET: "Precautions: set, change, end (therapists: their discipline's kinds)",
    Action.ADMIN_SITE: "Admin site",
}


class Scope(IntEnum):
    """How far an allowed action reaches; a larger value reaches further."""

    NONE = 0
    OWN = 1  # the user's own records (own sessions), for patients on their care team
    OWN_DISCIPLINE = 2  # patients on the user's care team, in the user's discipline
    CARE_TEAM = 3  # patients on the user's active care team
    ALL = 4  # every patient of the clinic


SCOPE_LABELS: dict[Scope, str] = {
    Scope.NONE: "no",
    Scope.OWN: "own, own care team",
    Scope.OWN_DISCIPLINE: "own discipline, own care team",
    Scope.CARE_TEAM: "own care team",
    Scope.ALL: "yes",
}

_ = Scope.NONE
PERMISSIONS: dict[Role, dict[Action, Scope]] = {
    Role.PHYSICIAN: {
        Action.PATIENT_REGISTER: Scope.ALL,
        Action.PATIENT_READ: Scope.ALL,
        Action.PLAN_EDIT: Scope.ALL,
        Action.DIAGNOSIS_CORRECT: Scope.ALL,
        Action.PLAN_ACTIVATE: Scope.ALL,
        Action.PLAN_READ: Scope.ALL,
        Action.CARE_TEAM_MANAGE: Scope.ALL,
        Action.SESSION_SCHEDULE: Scope.ALL,
        Action.SESSION_MANAGE: Scope.ALL,
        Action.SESSION_LOG: _,
        Action.STAFF_WEEK_READ: Scope.ALL,
        Action.ASSESSMENT_RECORD: Scope.ALL,
        Action.NOTES_READ: Scope.ALL,
        Action.SELF_HARM_REVIEW: Scope.ALL,
        Action.AUDIT_READ: Scope.ALL,
        Action.CLINIC_OVERVIEW: Scope.ALL,
        Action.FRONT_DESK: Scope.ALL,
        Action.LEAVE_MANAGE: Scope.ALL,
        Action.PRECAUTION_SET: Scope.ALL,
        Action.ADMIN_SITE: _,
    },
    Role.THERAPIST: {
        Action.PATIENT_REGISTER: _,
        Action.PATIENT_READ: Scope.CARE_TEAM,
        Action.PLAN_EDIT: _,
        Action.DIAGNOSIS_CORRECT: _,
        Action.PLAN_ACTIVATE: _,
        Action.PLAN_READ: Scope.CARE_TEAM,
        Action.CARE_TEAM_MANAGE: _,
        Action.SESSION_SCHEDULE: Scope.OWN_DISCIPLINE,
        Action.SESSION_MANAGE: Scope.OWN,
        Action.SESSION_LOG: Scope.OWN,
        Action.STAFF_WEEK_READ: Scope.OWN,
        Action.ASSESSMENT_RECORD: Scope.CARE_TEAM,
        Action.NOTES_READ: Scope.CARE_TEAM,
        Action.SELF_HARM_REVIEW: _,
        Action.AUDIT_READ: _,
        Action.CLINIC_OVERVIEW: _,
        Action.FRONT_DESK: _,
        Action.LEAVE_MANAGE: _,
        Action.PRECAUTION_SET: Scope.OWN_DISCIPLINE,
        Action.ADMIN_SITE: _,
    },
    Role.RECEPTION: {
        Action.PATIENT_REGISTER: Scope.ALL,
        Action.PATIENT_READ: Scope.ALL,
        Action.PLAN_EDIT: _,
        Action.DIAGNOSIS_CORRECT: _,
        Action.PLAN_ACTIVATE: _,
        Action.PLAN_READ: _,
        Action.CARE_TEAM_MANAGE: _,
        Action.SESSION_SCHEDULE: Scope.ALL,
        Action.SESSION_MANAGE: Scope.ALL,
        Action.SESSION_LOG: _,
        Action.STAFF_WEEK_READ: Scope.ALL,
        Action.ASSESSMENT_RECORD: _,
        Action.NOTES_READ: _,
        Action.SELF_HARM_REVIEW: _,
        Action.AUDIT_READ: _,
        Action.CLINIC_OVERVIEW: _,
        Action.FRONT_DESK: Scope.ALL,
        Action.LEAVE_MANAGE: Scope.ALL,
        Action.PRECAUTION_SET: _,
        Action.ADMIN_SITE: _,
    },
    Role.ADMIN: {
        Action.PATIENT_REGISTER: Scope.ALL,
        Action.PATIENT_READ: Scope.ALL,
        Action.PLAN_EDIT: Scope.ALL,
        Action.DIAGNOSIS_CORRECT: _,
        Action.PLAN_ACTIVATE: _,
        Action.PLAN_READ: Scope.ALL,
        Action.CARE_TEAM_MANAGE: Scope.ALL,
        Action.SESSION_SCHEDULE: Scope.ALL,
        Action.SESSION_MANAGE: Scope.ALL,
        Action.SESSION_LOG: _,
        Action.STAFF_WEEK_READ: Scope.ALL,
        Action.ASSESSMENT_RECORD: _,
        Action.NOTES_READ: Scope.ALL,
        Action.SELF_HARM_REVIEW: _,
        Action.AUDIT_READ: Scope.ALL,
        Action.CLINIC_OVERVIEW: Scope.ALL,
        Action.FRONT_DESK: Scope.ALL,
        Action.LEAVE_MANAGE: Scope.ALL,
        Action.PRECAUTION_SET: _,
        Action.ADMIN_SITE: Scope.ALL,
    },
}


# Which therapists' disciplines set which kinds of precaution (a therapist on the care
# team, within this list; physicians set every kind). The medical kinds (seizures,
# anticoagulation, DVT, autonomic dysreflexia) are the physician's alone. Keys are
# patients.precautions.PrecautionKind values, values discipline codes (reference data).
PRECAUTION_DISCIPLINES: dict[str, tuple[str, ...]] = {
    "swallowing": ("SLT",),
    "falls": ("PT", "NEURO", "OT"),
    "weight_bearing": ("PT", "NEURO"),
    "exercise_limits": ("PT", "NEURO"),
    "shoulder_subluxation": ("PT", "NEURO", "OT"),
    "hip": ("PT", "NEURO", "OT"),
    "spinal": ("PT", "NEURO", "OT"),
    "cognitive": ("OT", "PSY", "SLT"),
    "seizure": (),
    "anticoagulation": (),
    "dvt": (),
    "autonomic_dysreflexia": (),
    "other": (),
}


def scope(user, *actions: Action) -> Scope:
    """The widest scope any of ``actions`` gives ``user``; NONE for anonymous or inactive."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope.NONE
    granted = PERMISSIONS.get(user.role, {})
    return max((granted.get(action, Scope.NONE) for action in actions), default=Scope.NONE)


def can(user, action: Action) -> bool:
    return scope(user, action) is not Scope.NONE


def url_matrix_markdown() -> list[str]:
    lines = [
        "",
        "## Every URL, by role (GET)",
        "",
        "Status codes: 200 allowed, 302 to the sign-in page, 403 the role may not,",
        "404 out of the user's scope, 405 wrong method. Read-only pages (*) answer 405 to",
        "POST; for the others a refusal is the same for POST as for GET. `therapist` is the",
        "session's physiotherapist on the patient's care team, `ot_therapist` an OT on the",
        "same team, `outsider` a physiotherapist on no team of this patient.",
        "",
        "| URL name | " + " | ".join(ROLES) + " |",
        "|---|" + "---|" * len(ROLES),
    ]
    for name, statuses in GET.items():
        label = f"`{name}`" + (" *" if name in GET_ONLY else "")
        lines.append(f"| {label} | " + " | ".join(str(status) for status in statuses) + " |")
    return lines


def permissions_markdown() -> str:
    """The table as Markdown, for docs/permissions.md (a test keeps that file current)."""
    roles = list(PERMISSIONS)
    lines = [
        "# Who may do what",
        "",
        "Generated from `staff/permissions.py` by `python manage.py permissions_doc`;",
        "a test fails when this file and the table disagree.",
        "",
        "| | " + " | ".join(role.label for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        cells = [SCOPE_LABELS[PERMISSIONS[role][action]] for role in roles]
        lines.append(f"| {ACTION_LABELS[action]} | " + " | ".join(cells) + " |")
    lines += url_matrix_markdown()
    lines += [
        "",
        "Objects outside a user's scope answer 404; a role without the action answers 403.",
        "Activating a plan is a physician's signature: administrators edit plans but do not",
        "activate them. A therapist's own scope of a week schedule is their own week.",
        "A therapist cancels, moves and checks in their own bookings (patients on their",
        "care team); reception and physicians any booking.",
        "",
    ]
    return "\n".join(lines)
