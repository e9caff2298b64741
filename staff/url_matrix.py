"""What every URL answers to every role: the expectations of the permission-matrix test,
and a table in docs/permissions.md. It follows from ``staff.permissions.PERMISSIONS``;
the test proves the views keep to it.
"""

ROLES = ("anonymous", "physician", "admin", "therapist", "ot_therapist", "outsider", "reception")

# GET status per role, in ROLES order. The therapist is the session's PT therapist on
# the care team; ot_therapist is on the team in another discipline; outsider is a PT
# therapist on no team of this patient.
GET = {
    "home": (302, 200, 200, 200, 200, 200, 200),
    "login": (200, 302, 302, 302, 302, 302, 302),
    "logout": (302, 405, 405, 405, 405, 405, 405),
    "session_keep_alive": (302, 405, 405, 405, 405, 405, 405),
    "password_change": (302, 200, 200, 200, 200, 200, 200),
    "password_change_done": (302, 200, 200, 200, 200, 200, 200),
    "patient_registry": (302, 200, 200, 200, 200, 200, 200),
    "patient_register": (302, 200, 200, 403, 403, 403, 200),
    "patient_detail": (302, 200, 200, 200, 200, 404, 200),
    "patient_edit": (302, 200, 200, 403, 403, 404, 200),
    "patient_archive": (302, 200, 200, 403, 403, 404, 200),
    "patient_restore": (302, 405, 405, 405, 405, 405, 405),
    "patient_diagnosis_new": (302, 200, 200, 403, 403, 404, 403),
    "patient_diagnosis_edit": (302, 200, 403, 403, 403, 404, 403),
    "patient_diagnosis_resolve": (302, 200, 403, 403, 403, 404, 403),
    "patient_diagnosis_error": (302, 200, 403, 403, 403, 404, 403),
    "patient_diagnosis_primary": (302, 405, 405, 405, 405, 405, 405),
    "patient_diagnosis_severity": (302, 200, 403, 403, 403, 404, 403),
    # The precaution in the fixture is a falls risk: PT and OT on the team set it.
    "precaution_new": (302, 200, 403, 200, 200, 404, 403),
    "precaution_edit": (302, 200, 403, 200, 200, 404, 403),
    "precaution_end": (302, 200, 403, 200, 200, 404, 403),
    "patient_care_team": (302, 200, 200, 403, 403, 404, 403),
    "patient_care_team_setup": (302, 200, 200, 403, 403, 404, 403),
    "patient_care_team_end": (302, 405, 405, 405, 405, 405, 405),
    "plan_triage": (302, 200, 200, 403, 403, 404, 403),
    "plan_start": (302, 405, 405, 405, 405, 405, 405),
    "assessment_new": (302, 200, 403, 200, 200, 404, 403),
    # The assessment was recorded by the PT therapist: the assessor or a physician corrects.
    "assessment_detail": (302, 200, 200, 200, 200, 404, 404),
    "assessment_correct": (302, 200, 403, 200, 403, 404, 404),
    # A PHQ-9 with a self-harm answer: a physician reviews it (clears the alert).
    "assessment_self_harm_review": (302, 200, 403, 403, 403, 404, 404),
    "patient_week": (302, 200, 200, 200, 200, 404, 200),
    "patient_history": (302, 200, 200, 403, 403, 404, 403),
    "patient_access_log": (302, 200, 200, 403, 403, 404, 403),
    "plan_detail": (302, 200, 200, 200, 200, 404, 404),
    "plan_stage_edit": (302, 200, 200, 403, 403, 404, 404),
    "plan_goal_new": (302, 200, 200, 403, 403, 404, 404),
    "plan_goal_baseline": (302, 200, 200, 403, 403, 404, 404),
    "plan_goal_edit": (302, 200, 200, 403, 403, 404, 404),
    "plan_activate": (302, 405, 405, 405, 405, 405, 405),
    "plan_goal_achieved": (302, 405, 405, 405, 405, 405, 405),
    "plan_advance": (302, 200, 200, 403, 403, 404, 404),
    "plan_hold_new": (302, 200, 200, 403, 403, 404, 404),
    "plan_hold_end": (302, 405, 405, 405, 405, 405, 405),
    # A goal's GAS review: who edits goals, or a therapist of the goal's discipline (PT).
    "plan_goal_rate": (302, 200, 200, 200, 403, 404, 404),
    "plan_priority_new": (302, 200, 200, 403, 403, 404, 404),
    "plan_priority_edit": (302, 200, 200, 403, 403, 404, 404),
    "plan_priority_retire": (302, 405, 405, 405, 405, 405, 405),
    "session_detail": (302, 200, 200, 200, 200, 404, 200),
    "session_log": (302, 403, 403, 200, 403, 404, 403),
    "session_acknowledge": (302, 405, 405, 405, 405, 405, 405),
    "session_sign": (302, 405, 405, 405, 405, 405, 405),
    "session_draft": (302, 405, 405, 405, 405, 405, 405),
    "session_addendum": (302, 405, 405, 405, 405, 405, 405),
    "session_cancel": (302, 405, 405, 405, 405, 405, 405),
    "session_reschedule": (302, 405, 405, 405, 405, 405, 405),
    "session_check_in": (302, 405, 405, 405, 405, 405, 405),
    "therapist_week": (302, 200, 200, 200, 404, 404, 200),
    "clinic_overview": (302, 200, 200, 403, 403, 403, 403),
    "reception_day": (302, 200, 200, 403, 403, 403, 200),
    "reception_reminders": (302, 200, 200, 403, 403, 403, 200),
    "therapist_leave": (302, 200, 200, 403, 403, 403, 200),
    "therapist_leave_detail": (302, 200, 200, 403, 403, 403, 200),
}
# Pages that only read: a POST is refused before anything else.
GET_ONLY = {
    "home", "patient_detail", "patient_history", "patient_access_log", "plan_detail",
    "plan_goal_baseline", "session_detail", "assessment_detail", "therapist_week",
    "password_change_done", "clinic_overview", "reception_day", "reception_reminders",
}  # fmt: skip
