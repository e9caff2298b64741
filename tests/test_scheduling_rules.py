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
    assert len(proposals) == 2 and "Mon 23 Nov" in problems[0]


def test_proposals_keep_to_the_clinic_calendar():
    """The week read fixed 08:30-19:00 hours every day and knew no holiday."""
    from datetime import time

    from domain.calendar import ClinicCalendar

    monday = date(2026, 11, 23)
    calendar = ClinicCalendar(
        {day: (time(10), time(14)) for day in range(6)}, {monday + timedelta(days=2): "Holiday"}
    )
    proposals, _problems = propose_week(
        week_start=monday, allocations=[("PT", 5, 45)], therapists={"PT": 1}, patient_id=9,
        busy=[], make_aware=aware, calendar=calendar,
    )  # fmt: skip
    assert proposals and all(p.start.date() != monday + timedelta(days=2) for p in proposals)
    assert all(p.start.weekday() < 6 for p in proposals)
    assert all(time(10) <= p.start.time() and p.start.time() <= time(13, 15) for p in proposals)
