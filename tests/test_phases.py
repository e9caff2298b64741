from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.phases import (
    STROKE_PHASES,
    add_calendar_months,
    onset_moment,
    stroke_phase,
    stroke_phase_starts,
    unknown_time_note,
)

IST = ZoneInfo("Asia/Kolkata")
ONSET = datetime(2026, 1, 10, 8, 30, tzinfo=IST)


@pytest.mark.parametrize(
    ("at", "phase"),
    [
        (ONSET, "hyperacute"),
        (ONSET + timedelta(hours=23, minutes=59, seconds=59), "hyperacute"),
        (ONSET + timedelta(hours=24), "acute"),
        (ONSET + timedelta(days=7) - timedelta(seconds=1), "acute"),
        (ONSET + timedelta(days=7), "early_subacute"),
        (datetime(2026, 4, 10, 8, 29, 59, tzinfo=IST), "early_subacute"),
        (datetime(2026, 4, 10, 8, 30, tzinfo=IST), "late_subacute"),
        (datetime(2026, 7, 10, 8, 29, 59, tzinfo=IST), "late_subacute"),
        (datetime(2026, 7, 10, 8, 30, tzinfo=IST), "chronic"),
        (datetime(2031, 1, 1, tzinfo=IST), "chronic"),
    ],
)
def test_stroke_phase_edges(at, phase):
    assert stroke_phase(ONSET, at) == phase


def test_phase_edges_are_calendar_months_not_90_days():
    # From 1 March, 90 days end on 30 May but three calendar months end on 1 June.
    onset = datetime(2026, 3, 1, 0, 0, tzinfo=IST)
    ninety_days = onset + timedelta(days=90)  # 30 May
    assert stroke_phase(onset, ninety_days) == "early_subacute"
    assert stroke_phase(onset, datetime(2026, 6, 1, tzinfo=IST)) == "late_subacute"


def test_month_end_onset_clamps_to_the_shorter_month():
    onset = datetime(2025, 11, 30, 12, 0, tzinfo=IST)
    assert stroke_phase_starts(onset)["late_subacute"] == datetime(2026, 2, 28, 12, 0, tzinfo=IST)
    assert add_calendar_months(datetime(2024, 1, 31), 1) == datetime(2024, 2, 29)
    assert add_calendar_months(datetime(2025, 10, 31), 3) == datetime(2026, 1, 31)


def test_elapsed_hours_count_across_time_zones():
    onset = datetime(2026, 1, 10, 2, 0, tzinfo=UTC)
    assert stroke_phase(onset, datetime(2026, 1, 11, 7, 29, tzinfo=IST)) == "hyperacute"
    assert stroke_phase(onset, datetime(2026, 1, 11, 7, 30, tzinfo=IST)) == "acute"


def test_naive_datetimes_work_together():
    assert stroke_phase(datetime(2026, 1, 1), datetime(2026, 1, 2)) == "acute"


def test_before_onset_is_an_error():
    with pytest.raises(ValueError, match="before"):
        stroke_phase(ONSET, ONSET - timedelta(seconds=1))


def test_naive_and_aware_are_not_mixed():
    with pytest.raises(TypeError):
        stroke_phase(ONSET, datetime(2026, 2, 1))
    with pytest.raises(TypeError):
        stroke_phase(datetime(2026, 1, 1), ONSET)


def test_daylight_saving_changes_count_elapsed_hours_and_wall_clock_months():
    new_york = ZoneInfo("America/New_York")
    # Clocks go forward at 02:00 on 8 March 2026: 24 elapsed hours end at 09:00, not 08:00.
    onset = datetime(2026, 3, 7, 8, 0, tzinfo=new_york)
    assert stroke_phase(onset, datetime(2026, 3, 8, 8, 30, tzinfo=new_york)) == "hyperacute"
    assert stroke_phase(onset, datetime(2026, 3, 8, 9, 0, tzinfo=new_york)) == "acute"
    # Three calendar months after 7 March 08:00 EST is 7 June 08:00 EDT, on the wall clock.
    assert stroke_phase(onset, datetime(2026, 6, 7, 7, 59, tzinfo=new_york)) == "early_subacute"
    assert stroke_phase(onset, datetime(2026, 6, 7, 8, 0, tzinfo=new_york)) == "late_subacute"


def test_a_known_onset_time_is_used_as_given():
    pune = IST
    moment = onset_moment(date(2026, 3, 10), time(23, 0), pune)
    assert moment == datetime(2026, 3, 10, 23, 0, tzinfo=pune)


def test_an_unknown_onset_time_reads_as_the_latest_minute_of_the_day():
    """The conservative reading: a 23:00 stroke recorded by date only must not look acute
    two hours later, as midnight made it."""
    pune = IST
    onset = onset_moment(date(2026, 3, 10), None, pune)
    assert onset == datetime(2026, 3, 10, 23, 59, tzinfo=pune)
    real = datetime(2026, 3, 10, 23, 0, tzinfo=pune)
    two_hours_later = real + timedelta(hours=2)
    assert stroke_phase(onset, two_hours_later) == "hyperacute"
    # Whatever the real time that day, the date-only reading is never a later phase.
    for hour in range(24):
        real = datetime(2026, 3, 10, hour, 0, tzinfo=pune)
        for elapsed in (timedelta(hours=30), timedelta(days=7, hours=1), timedelta(days=95)):
            at = real + elapsed
            if at >= onset:
                assert STROKE_PHASES.index(stroke_phase(onset, at)) <= STROKE_PHASES.index(
                    stroke_phase(real, at)
                )
    assert onset_moment(date(2026, 3, 10), time(0, 0)).time() == time(0, 0)
    assert unknown_time_note(date(2026, 3, 10)) == (
        "onset time unknown: phase from the end of 10 Mar 2026"
    )
