"""Template data for the delivery pages and the session tables others include."""

from dataclasses import dataclass

from django.utils import timezone

from delivery.models import AbsenceCode, Attendance, TherapySession
from domain import measures
from patients.precautions import Precaution, active_by_patient
from plans.models import Allocation, Goal, GoalStatus, Stage, StageStatus
from staff.models import User
from staff.permissions import Action, can


@dataclass(frozen=True)
class SessionRow:
    """A line of a session table; the therapist's day adds the plan's facts: the stage
    current now, what it plans for the therapist's discipline, and that discipline's goals."""

    session: TherapySession
    stage: Stage | None = None
    allocation: Allocation | None = None
    goals: tuple[Goal, ...] = ()
    precautions: tuple[Precaution, ...] = ()


def session_rows(sessions) -> list[SessionRow]:
    return [SessionRow(session) for session in sessions]


def todays_rows(therapist: User, sessions: list[TherapySession]) -> list[SessionRow]:
    """The therapist's sessions with their plans' facts and the patients' precautions, in
    four queries."""
    plan_ids = {session.plan_id for session in sessions}
    stages = {
        stage.plan_id: stage
        for stage in Stage.objects.filter(plan_id__in=plan_ids, status=StageStatus.CURRENT)
    }
    allocations = {
        allocation.stage_id: allocation
        for allocation in Allocation.objects.active().filter(
            stage__in=stages.values(), discipline_id=therapist.discipline_id
        )
    }
    goals: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(
        plan_id__in=plan_ids, discipline_id=therapist.discipline_id, status=GoalStatus.ACTIVE
    ):
        goals.setdefault(goal.plan_id, []).append(goal)
    precautions = active_by_patient({session.patient_id for session in sessions})
    rows = []
    for session in sessions:
        stage = stages.get(session.plan_id)
        rows.append(
            SessionRow(
                session,
                stage=stage,
                allocation=allocations.get(stage.pk) if stage else None,
                goals=tuple(goals.get(session.plan_id, ())),
                precautions=tuple(precautions.get(session.patient_id, ())),
            )
        )
    return rows


@dataclass(frozen=True)
class ItemLine:
    """One item of a recorded item-scored result: its label, score and published words."""

    label: str
    score: object
    maximum: int
    descriptor: str


def assessment_lines(assessment) -> list[ItemLine]:
    """The items of a Barthel or Berg as recorded, each with the descriptor of its score."""
    tool = assessment.instrument
    items = assessment.items or {}
    return [
        ItemLine(
            label=tool.item_labels.get(key, key),
            score=tool.item_score_label(key, items[key]) if key in items else "—",
            maximum=tool.item_maximum(key),
            descriptor=tool.describe_item(key, items.get(key, "")),
        )
        for key in tool.items
    ]


@dataclass(frozen=True)
class SectionTotal:
    """A subscale's total in a recorded result (ARAT grasp, SCIM mobility...)."""

    title: str
    total: int
    maximum: int


def assessment_subtotals(assessment) -> list[SectionTotal]:
    """The subtotals of an instrument with subscales, from the stored items ("UN" adds 0)."""
    tool = assessment.instrument
    items = assessment.items or {}
    return [
        SectionTotal(
            title=title.split(" (")[0],  # "Grasp (0-18)": the maximum is shown apart
            total=sum(
                tool.item_points(key, items[key]) for key in keys if isinstance(items.get(key), int)
            ),
            maximum=sum(tool.item_maximum(key) for key in keys),
        )
        for title, keys in tool.item_sections
    ]


@dataclass(frozen=True)
class AssessmentVersion:
    """A version of a result in its history: what it said, and who wrote it when (and why,
    for a correction)."""

    value: str
    at: object
    by: object
    reason: str
    corrected: bool
    walk_seconds: object
    walking_aid: str


def assessment_versions(assessment, limit: int = 20) -> list[AssessmentVersion]:
    """The result's versions, newest first, from its history (one query)."""
    rows = assessment.history.select_related("history_user").order_by("-history_date")[:limit]
    return [
        AssessmentVersion(
            value=measures.display(row.value),
            at=row.history_date,
            by=row.history_user,
            reason=row.correction_reason or "",
            corrected=row.history_type == "~",
            walk_seconds=row.walk_seconds,
            walking_aid=measures.WALKING_AID_LABELS.get(row.walking_aid, "")
            if row.walking_aid
            else "",
        )
        for row in rows
    ]


@dataclass(frozen=True)
class BookingRow:
    """A session in a week schedule (or any list of bookings) with what the user may do:
    ``can_change`` (cancel, move) a booking of theirs still scheduled, ``can_move`` one
    whose patient has not arrived yet, ``can_check_in`` today's such booking. ``who`` is
    the person the line names ("patient" or "therapist"); ``error`` the refusal of the
    last change, in words."""

    session: TherapySession
    can_change: bool = False
    can_check_in: bool = False
    who: str = "patient"
    error: str = ""
    precautions: tuple[Precaution, ...] = ()

    @property
    def can_move(self) -> bool:
        # Once the patient has arrived the move is refused (services.reschedule_session).
        return self.can_change and self.session.arrived_at is None

    @property
    def absence_codes(self):
        return AbsenceCode.choices


def booking_rows(
    user: User, sessions, *, who: str = "patient", error: str = "", precautions: bool = False
) -> list[BookingRow]:
    """The sessions as booking lines, in one query (which of them ``user`` may change);
    ``precautions``: with each patient's active ones, in one more query."""
    sessions = list(sessions)
    active = (
        active_by_patient({s.patient_id for s in sessions})
        if precautions and sessions and can(user, Action.PLAN_READ)
        else {}
    )
    scheduled = [s.pk for s in sessions if s.attendance == Attendance.SCHEDULED and not s.is_signed]
    changeable = set(
        TherapySession.objects.scoped(user, Action.SESSION_MANAGE)
        .filter(pk__in=scheduled)
        .values_list("pk", flat=True)
    ) if scheduled else set()  # fmt: skip
    today = timezone.localdate()
    return [
        BookingRow(
            session,
            can_change=session.pk in changeable,
            can_check_in=session.pk in changeable
            and session.arrived_at is None
            and timezone.localtime(session.start).date() == today,
            who=who,
            error=error,
            precautions=tuple(active.get(session.patient_id, ())),
        )
        for session in sessions
    ]
