from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.scheduling import Booking, clashes, first_free_start, propose_week, spread_weekdays


def at(hour, minute=0, day=23):
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def aware(moment):
    return moment.replace(tzinfo=UTC)


def test_weekday_spread():
    assert spread_weekdays(3) == [0, 2, 4]
    assert spread_weekdays(1) == [2]
    assert spread_weekdays(3, shift=1) == [1, 3, 5]
    assert len(spread_weekdays(10)) == 10


@given(st.integers(1, 14), st.integers(0, 20))
def test_spread_gives_as_many_days_as_sessions_within_the_week(sessions, shift):
    days = spread_weekdays(sessions, shift=shift)
    assert len(days) == sessions and all(0 <= day <= 5 for day in days)


def test_clashes_are_the_same_persons_overlaps_only():
    existing = [
        Booking("therapist:1", at(9), at(10)),
        Booking("therapist:2", at(9), at(10)),
        Booking("patient:5", at(11), at(12)),
    ]
    assert clashes(Booking("therapist:1", at(9, 30), at(10, 30)), existing) == [existing[0]]
    assert clashes(Booking("therapist:1", at(10), at(11)), existing) == []  # back to back
    assert clashes(Booking("patient:5", at(11, 59), at(12, 30)), existing) == [existing[2]]


def test_first_free_start_skips_busy_times_of_everyone():
    busy = [Booking("therapist:1", at(8, 30), at(10)), Booking("patient:5", at(10), at(10, 30))]
    start = first_free_start(
        day_start=at(8, 30), day_end=at(19), minutes=45, busy=busy,
        who=["therapist:1", "patient:5"],
    )  # fmt: skip
    assert start == at(10, 30)
    assert first_free_start(day_start=at(18, 30), day_end=at(19), minutes=45, busy=[],
                            who=["x"]) is None  # fmt: skip


def test_propose_week_places_sessions_without_double_booking():
    monday = date(2026, 11, 23)
    proposals, problems = propose_week(
        week_start=monday,
        allocations=[("PT", 5, 60), ("OT", 3, 45), ("SLT", 2, 30)],
        therapists={"PT": 1, "OT": 2},
        patient_id=9,
        busy=[Booking("therapist:1", at(8, 30), at(12))],
        make_aware=aware,
    )
    assert problems == ["No SLT therapist on the care team."]
    assert len(proposals) == 8
    monday_pt = next(p for p in proposals if p.discipline == "PT" and p.start.day == 23)
    assert monday_pt.start == at(12)
    placed = [
        Booking(f"patient:{9}", p.start, p.start + timedelta(minutes=p.minutes)) for p in proposals
    ]
    for index, booking in enumerate(placed):
        assert clashes(booking, placed[:index]) == []


def test_nothing_is_proposed_in_the_past():
    monday = date(2026, 11, 23)
    proposals, problems = propose_week(
        week_start=monday,
        allocations=[("PT", 3, 45)],
        therapists={"PT": 1},
        patient_id=9,
        busy=[],
        make_aware=aware,
        not_before=at(10, 5, day=25),  # Wednesday 10:05
    )
    starts = [p.start for p in proposals]
    assert at(10, 15, day=25) in starts  # Wednesday, from the next quarter hour
    assert all(start >= at(10, 5, day=25) for start in starts)
    # The days left (Wednesday to Saturday) take the week's three sessions.
    assert len(proposals) == 3 and problems == []
    assert len({start.date() for start in starts}) == 3


def test_proposals_keep_to_the_clinic_calendar():
    """The week read fixed 08:30-19:00 hours every day and knew no holiday."""
    from datetime import time

    from domain.calendar import ClinicCalendar

    monday = date(2026, 11, 23)
    calendar = ClinicCalendar(
        {day: (time(10), time(14)) for day in range(6)}, {monday + timedelta(days=2): "Holiday"}
    )
    proposals, problems = propose_week(
        week_start=monday, allocations=[("PT", 5, 45)], therapists={"PT": 1}, patient_id=9,
        busy=[], make_aware=aware, calendar=calendar,
    )  # fmt: skip
    assert problems == [] and len(proposals) == 5
    assert proposals and all(p.start.date() != monday + timedelta(days=2) for p in proposals)
    assert all(p.start.weekday() < 6 for p in proposals)
    assert all(time(10) <= p.start.time() and p.start.time() <= time(13, 15) for p in proposals)


def day_minutes(proposals):
    minutes = {}
    for p in proposals:
        minutes[p.start.date()] = minutes.get(p.start.date(), 0) + p.minutes
    return minutes


def test_a_week_is_spread_evenly_under_a_daily_cap():
    """The old proposals stacked a discipline's sessions on the same weekdays: one day got
    195 minutes and another 60 (here Saturday got nothing at all)."""
    monday = date(2026, 11, 23)
    # The stroke template's early subacute stage: 915 minutes a week.
    allocations = [("PT", 5, 75), ("NEURO", 4, 45), ("OT", 5, 45), ("SLT", 2, 45), ("PSY", 1, 45)]
    proposals, problems = propose_week(
        week_start=monday, allocations=allocations,
        therapists={"PT": 1, "NEURO": 2, "OT": 3, "SLT": 4, "PSY": 5}, patient_id=9, busy=[],
        make_aware=aware, daily_cap=180,
    )  # fmt: skip
    assert problems == [] and len(proposals) == 17
    minutes = day_minutes(proposals)
    assert len(minutes) == 6  # Monday to Saturday
    assert max(minutes.values()) <= 180
    assert max(minutes.values()) - min(minutes.values()) <= 75  # at most one session apart
    for discipline in ("PT", "OT"):  # five sessions on five different days
        assert len({p.start.date() for p in proposals if p.discipline == discipline}) == 5


def test_what_the_daily_cap_leaves_out_is_said():
    monday = date(2026, 11, 23)
    proposals, problems = propose_week(
        week_start=monday, allocations=[("PT", 8, 120)], therapists={"PT": 1}, patient_id=9,
        busy=[], make_aware=aware, daily_cap=180,
    )  # fmt: skip
    assert len(proposals) == 6 and max(day_minutes(proposals).values()) == 120
    assert len(problems) == 2 and "180 minutes of therapy a day" in problems[0]


def test_a_patient_rests_between_two_sessions():
    monday = date(2026, 11, 23)
    # One working day left in the week (Saturday): both sessions fall on it.
    proposals, _ = propose_week(
        week_start=monday, allocations=[("PT", 1, 60), ("OT", 1, 60)],
        therapists={"PT": 1, "OT": 2}, patient_id=9, busy=[], make_aware=aware,
        not_before=at(8, 0, day=28),
    )  # fmt: skip
    first, second = sorted(proposals, key=lambda p: p.start)
    assert second.start - (first.start + timedelta(minutes=60)) >= timedelta(minutes=30)
    # An existing booking of the patient gets the same break around it.
    busy = [Booking("patient:9", at(8, 30, day=28), at(9, 30, day=28))]
    (only,), _ = propose_week(
        week_start=monday, allocations=[("PT", 1, 45)], therapists={"PT": 1}, patient_id=9,
        busy=busy, make_aware=aware, not_before=at(8, 0, day=28),
    )  # fmt: skip
    assert only.start == at(10, 0, day=28)


def test_a_day_already_full_for_the_patient_takes_nothing_more():
    monday = date(2026, 11, 23)
    saturday = [Booking("patient:9", at(8, 30, day=28), at(11, 30, day=28))]  # 180 min
    proposals, problems = propose_week(
        week_start=monday, allocations=[("PT", 1, 45)], therapists={"PT": 1}, patient_id=9,
        busy=saturday, make_aware=aware, not_before=at(8, 0, day=28),
    )  # fmt: skip
    assert proposals == [] and "180 minutes of therapy a day" in problems[0]


def test_a_short_stage_proposes_on_its_own_days_only():
    monday = date(2026, 11, 23)
    tuesday = monday + timedelta(days=1)
    proposals, problems = propose_week(
        week_start=monday, allocations=[("PT", 3, 15)], therapists={"PT": 1}, patient_id=9,
        busy=[], make_aware=aware, days=[tuesday],
    )  # fmt: skip
    assert problems == [] and {p.start.date() for p in proposals} == {tuesday}
