"""Reads the delivery pages and services share: the stage current on a day, the bookings
around a day, and the week a plan's current stage asks for (proposed, not saved)."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from delivery.models import Assessment, TherapySession
from domain import balance, measures
from domain.scheduling import DEFAULT_DAILY_CAP, Booking, Proposal, propose_week
from patients.models import CareTeamMember
from plans.models import RehabPlan, Stage, StageStatus
from reference.calendar import clinic_calendar
from reference.models import OutcomeMeasure
from rehabana.timeutil import local_day_range
from staff.roles import Role


def active_instruments() -> dict[str, measures.Instrument]:
    """The instruments new results may be recorded on: those whose catalogue row is not
    retired, in the domain's order (one query)."""
    active = set(OutcomeMeasure.objects.filter(is_active=True).values_list("code", flat=True))
    return {code: tool for code, tool in measures.INSTRUMENTS.items() if code in active}


def stage_at(plan_id: int, moment: datetime) -> Stage | None:
    """The plan's stage that was current on the session's day (by actual dates)."""
    day = timezone.localtime(moment).date()
    candidates = Stage.objects.filter(
        plan_id=plan_id, actual_start__isnull=False, actual_start__lte=day
    ).order_by("-actual_start", "-order")
    for stage in candidates:
        if stage.status == StageStatus.CURRENT or (stage.actual_end and stage.actual_end >= day):
            return stage
    return None


def bookings_around(
    *,
    day: date,
    therapist_ids: Iterable[int],
    patient_ids: Iterable[int],
    exclude_pk: int | None = None,
) -> list[Booking]:
    """Who is booked when, for the people concerned, the day before to the day after."""
    start, _ = local_day_range(day - timedelta(days=1))
    _, end = local_day_range(day + timedelta(days=1))
    rows = (
        TherapySession.objects.filter(start__gte=start, start__lt=end)
        .filter(Q(therapist_id__in=therapist_ids) | Q(patient_id__in=patient_ids))
        .exclude(attendance__in=balance.MISSED)
        .exclude(pk=exclude_pk)
    )
    bookings = []
    for row in rows:
        finish = row.start + timedelta(minutes=row.minutes)
        hours = f"{timezone.localtime(row.start):%H:%M}–{timezone.localtime(finish):%H:%M}"
        # Labels say only what whoever books may know: a therapist's other sessions are
        # with patients the asker may not see, so they are just busy time.
        bookings.append(
            Booking(f"therapist:{row.therapist_id}", row.start, finish, f"busy {hours}")
        )
        bookings.append(
            Booking(
                f"patient:{row.patient_id}",
                row.start,
                finish,
                f"in another session {hours} ({row.discipline_id})",
            )
        )
    return bookings


def week_proposals(*, plan: RehabPlan, week_start: date) -> tuple[list[Proposal], list[str]]:
    """The week's sessions the current stage asks for, placed in free slots (not saved)."""
    stage = plan.stages.filter(status=StageStatus.CURRENT).first()
    if stage is None:
        return [], ["The plan has no current stage."]
    # Only what the week still lacks: sessions already booked that week count.
    week_start_at, _ = local_day_range(week_start)
    _, week_end_at = local_day_range(week_start + timedelta(days=6))
    booked = Counter(
        TherapySession.objects.filter(
            patient_id=plan.patient_id, start__gte=week_start_at, start__lt=week_end_at
        )
        .exclude(attendance__in=balance.MISSED)
        .values_list("discipline_id", flat=True)
    )
    allocations = [
        (a.discipline_id, a.sessions_per_week - booked[a.discipline_id], a.minutes_per_session)
        for a in stage.allocations.active().order_by("discipline__order")
        if a.sessions_per_week > booked[a.discipline_id]
    ]
    team = (
        plan.patient.care_team.active().filter(staff__role=Role.THERAPIST).select_related("staff")
    )
    therapists = {}
    for member in team.order_by("team_role", "start_date"):
        therapists.setdefault(member.staff.discipline_id, member.staff.pk)
    busy = []
    for offset in range(0, 7, 2):
        busy += bookings_around(
            day=week_start + timedelta(days=offset + 1),
            therapist_ids=list(therapists.values()),
            patient_ids=[plan.patient_id],
        )
    calendar = clinic_calendar()
    # A stage shorter than a week has its sessions in the stage: on its own days only.
    days = None
    if stage.in_the_stage:
        length = stage.planned_end - stage.planned_start
        begin = stage.actual_start or stage.planned_start
        days = calendar.working_days(begin, begin + length)
    template = plan.template
    daily_cap = (
        template.daily_minutes_target
        if template is not None and template.daily_minutes_target
        else DEFAULT_DAILY_CAP
    )
    return propose_week(
        week_start=week_start,
        allocations=allocations,
        therapists=therapists,
        patient_id=plan.patient_id,
        busy=list(set(busy)),
        make_aware=timezone.make_aware,
        shift=plan.patient_id,
        not_before=timezone.now(),
        calendar=calendar,
        daily_cap=daily_cap,
        days=days,
    )


def self_harm_alerts_for(physician) -> list:
    """The unreviewed PHQ-9 self-harm answers on ``physician``'s desk, in one query.

    Whose: every patient whose plan they lead, whatever its status (a PHQ-9 recorded after
    the plan completed still needs its physician), and every patient on whose care team
    they are. A patient with neither a plan nor a physician on the care team would alert
    nobody: their alerts go to every physician's desk until one reviews them.
    """
    led = RehabPlan.objects.filter(lead_physician=physician).values("patient_id")
    team = CareTeamMember.objects.active().filter(staff=physician).values("patient_id")
    has_plan = RehabPlan.objects.filter(patient=OuterRef("patient_id"))
    has_physician = CareTeamMember.objects.active().filter(
        patient=OuterRef("patient_id"), staff__role=Role.PHYSICIAN
    )
    return Assessment.objects.filter(
        Q(patient_id__in=led)
        | Q(patient_id__in=team)
        | (~Exists(has_plan) & ~Exists(has_physician))
    ).self_harm_alerts()
