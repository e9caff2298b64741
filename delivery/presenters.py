"""Template data for the delivery pages and the session tables others include."""

from dataclasses import dataclass

from delivery.models import TherapySession
from plans.models import Allocation, Goal, GoalStatus, Stage, StageStatus
from staff.models import User


@dataclass(frozen=True)
class SessionRow:
    """A line of a session table; the therapist's day adds the plan's facts: the stage
    current now, what it plans for the therapist's discipline, and that discipline's goals."""

    session: TherapySession
    stage: Stage | None = None
    allocation: Allocation | None = None
    goals: tuple[Goal, ...] = ()


def session_rows(sessions) -> list[SessionRow]:
    return [SessionRow(session) for session in sessions]


def todays_rows(therapist: User, sessions: list[TherapySession]) -> list[SessionRow]:
    """The therapist's sessions with their plans' facts, in three queries."""
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
    rows = []
    for session in sessions:
        stage = stages.get(session.plan_id)
        rows.append(
            SessionRow(
                session,
                stage=stage,
                allocation=allocations.get(stage.pk) if stage else None,
                goals=tuple(goals.get(session.plan_id, ())),
            )
        )
    return rows
