from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.balance import (
    Adherence,
    Hold,
    SessionFact,
    StagePlan,
    adherence_alerts,
    average_mix,
    delivered_mix,
    planned_mix,
    planned_week,
    stage_on,
    stage_plan,
    timeline,
    week_of,
    weekly_adherence,
)

CODES = st.sampled_from(["PT", "OT", "NEURO", "SLT", "PSY"])
ATTENDANCE = st.sampled_from(["scheduled", "attended", "cancelled", "no_show"])


def test_planned_mix_shares_weekly_minutes():
    mix = planned_mix([("PT", 5, 60), ("OT", 3, 45), ("SLT", 2, 30)])
    assert mix == pytest.approx({"PT": 300 / 495, "OT": 135 / 495, "SLT": 60 / 495})


def test_planned_mix_adds_rows_of_the_same_discipline():
    assert planned_mix([("PT", 1, 30), ("PT", 1, 30), ("OT", 2, 30)]) == {"PT": 0.5, "OT": 0.5}


def test_empty_or_zero_plans_have_an_empty_mix():
    assert planned_mix([]) == {}
    assert planned_mix([("PT", 0, 45)]) == {}


def test_negative_allocations_are_refused():
    with pytest.raises(ValueError):
        planned_mix([("PT", -1, 45)])


def test_delivered_mix_counts_attended_sessions_only():
    sessions = [
        ("PT", 45, "attended"),
        ("PT", 45, "no_show"),
        ("OT", 45, "attended"),
        ("OT", 60, "cancelled"),
        ("SLT", 30, "scheduled"),
    ]
    assert delivered_mix(sessions) == {"PT": 0.5, "OT": 0.5}
    assert delivered_mix([("PT", 45, "cancelled")]) == {}


@given(st.lists(st.tuples(CODES, st.integers(0, 14), st.integers(0, 240))))
def test_planned_shares_sum_to_one_or_the_mix_is_empty(rows):
    mix = planned_mix(rows)
    assert mix == {} or sum(mix.values()) == pytest.approx(1.0)
    assert all(0 < share <= 1 for share in mix.values())


@given(
    st.lists(st.tuples(CODES, st.integers(1, 480), ATTENDANCE)),
    st.lists(st.tuples(CODES, st.integers(1, 480), st.sampled_from(["cancelled", "no_show"]))),
)
def test_missed_sessions_never_change_the_delivered_mix(sessions, missed):
    assert delivered_mix(sessions + missed) == delivered_mix(sessions)


def test_missed_streak_counts_the_latest_missed_sessions_in_a_row():
    from domain.balance import missed_streak

    assert missed_streak(["no_show", "cancelled", "attended", "no_show"]) == 2
    assert missed_streak(["scheduled", "no_show", "attended"]) == 1
    assert missed_streak(["attended", "no_show"]) == 0
    assert missed_streak([]) == 0


# --- stages, weeks, adherence and the timeline ---------------------------------------------

MON = date(2026, 11, 2)  # a Monday


def stage(name, start, end, **minutes):
    return StagePlan(name, start, end, minutes)


def fact(discipline, day, minutes, attendance="attended", count=1, reasons=(), absence=None):
    return SessionFact(discipline, day, minutes, attendance, count, tuple(reasons), absence)


# --- absences by whose side they are on, and holds -------------------------------------------


def test_every_absence_code_is_on_one_side():
    from domain.balance import ABSENCE_REASONS, ABSENCE_SIDES, absence_side

    assert absence_side("clinic_cancelled") == "clinic"
    for code in ("patient_unwell", "patient_declined", "transport", "hospital_admission"):
        assert absence_side(code) == "patient", code
    assert absence_side("other") == absence_side(None) == "unclassified"
    assert {absence_side(code) for code in ABSENCE_REASONS} == set(ABSENCE_SIDES)


def test_adherence_tells_the_clinic_not_delivering_from_the_patient_not_attending():
    """Cancelled and no-show were one bucket: nothing said who could not make it."""
    stages = [stage("Subacute", MON - timedelta(days=30), None, PT=300)]
    sessions = [
        fact("PT", MON, 60, "cancelled", reasons=["Therapist ill"], absence="clinic_cancelled"),
        fact("PT", MON + timedelta(days=1), 60, "no_show", count=2, absence="transport"),
        fact("PT", MON + timedelta(days=2), 60, "cancelled", absence="hospital_admission"),
        fact("PT", MON + timedelta(days=3), 60, "no_show", reasons=["Old free text"]),
    ]
    week = weekly_adherence(stages, sessions, [MON])[MON]["PT"]
    assert week.missed == 5
    assert (week.clinic_missed, week.patient_missed) == (1, 3)
    assert week.missed_by == {"clinic": 1, "patient": 3, "unclassified": 1}


def test_held_days_plan_nothing_and_a_session_missed_on_them_is_not_missed():
    stages = [stage("Subacute", MON - timedelta(days=30), None, PT=600)]
    admitted = Hold(MON + timedelta(days=2), MON + timedelta(days=4))  # Wed to Fri
    # Mon, Tue and Sat of the six working days.
    assert planned_week(stages, MON, holds=[admitted]) == pytest.approx({"PT": 300})
    sessions = [fact("PT", MON + timedelta(days=3), 60, "cancelled", absence="hospital_admission")]
    week = weekly_adherence(stages, sessions, [MON], holds=[admitted])[MON]["PT"]
    assert (week.planned, week.missed) == (pytest.approx(300), 0)
    open_hold = Hold(MON + timedelta(days=3))
    assert planned_week(stages, MON + timedelta(days=7), holds=[open_hold]) == {}


def test_a_held_week_raises_no_adherence_alert():
    stages = [stage("Subacute", MON - timedelta(days=30), None, PT=300)]
    weeks = [MON, MON + timedelta(days=7)]
    missed = [fact("PT", MON + timedelta(days=8), 60, "cancelled", absence="hospital_admission")]
    nothing_held = weekly_adherence(stages, missed, weeks)
    assert adherence_alerts(nothing_held, threshold=0.7, weeks_running=2) == {"PT": [0, 0]}
    in_hospital = Hold(MON + timedelta(days=7), MON + timedelta(days=13))
    held = weekly_adherence(stages, missed, weeks, holds=[in_hospital])
    assert adherence_alerts(held, threshold=0.7, weeks_running=2) == {}


def test_missed_streak_skips_sessions_on_held_days():
    from domain.balance import missed_streak

    newest_first = [(MON + timedelta(days=4), "cancelled"), (MON + timedelta(days=3), "no_show"),
                    (MON + timedelta(days=1), "no_show"), (MON, "attended")]  # fmt: skip
    assert missed_streak(newest_first) == 3
    assert missed_streak(newest_first, holds=[Hold(MON + timedelta(days=3))]) == 1


def test_week_of_is_the_iso_monday():
    assert week_of(date(2026, 11, 8)) == MON  # a Sunday
    assert week_of(MON) == MON
    assert week_of(date(2026, 11, 9)) == date(2026, 11, 9)


def test_stage_on_prefers_the_stage_begun_last():
    early = stage("Early", MON, None, PT=300)
    late = stage("Late", MON + timedelta(days=3), None, OT=300)
    assert stage_on([early, late], MON + timedelta(days=2)) is early
    assert stage_on([early, late], MON + timedelta(days=3)) is late
    assert stage_on([early, late], MON - timedelta(days=1)) is None


def test_a_stage_change_mid_week_is_prorated_by_working_day():
    stages = [
        stage("Acute", MON - timedelta(days=7), MON + timedelta(days=2), PT=360),
        stage("Subacute", MON + timedelta(days=3), None, PT=60, OT=240),
    ]
    planned = planned_week(stages, MON)
    # Mon-Sat are the clinic's working days: three at 360/6 a day, then three (Thu, Fri,
    # Sat) at 60/6 (PT) and 240/6 (OT); Sunday plans nothing.
    assert planned == pytest.approx({"PT": 3 * 60 + 3 * 10, "OT": 3 * 40})


def test_a_stage_starting_on_a_saturday_plans_only_what_saturday_can_deliver():
    """Prorated over 7 days, a Saturday start planned two sevenths of a week (Sunday's
    share included, which nobody can deliver); over the six working days, one sixth."""
    stages = [stage("Subacute", MON + timedelta(days=5), None, PT=600)]
    assert planned_week(stages, MON) == pytest.approx({"PT": 100})
    from domain.balance import planned_day

    assert planned_day(stages, MON + timedelta(days=6)) == {}  # Sunday


def test_a_holiday_moves_its_share_to_the_weeks_other_working_days():
    from domain.balance import planned_day
    from domain.calendar import ClinicCalendar

    holiday = MON + timedelta(days=2)
    calendar = ClinicCalendar(holidays={holiday: "Guru Nanak Jayanti"})
    stages = [stage("Subacute", MON - timedelta(days=30), None, PT=600)]
    assert planned_day(stages, holiday, calendar=calendar) == {}
    assert planned_day(stages, MON, calendar=calendar) == pytest.approx({"PT": 120})
    assert planned_week(stages, MON, calendar=calendar) == pytest.approx({"PT": 600})
    # A clinic open Monday to Friday spreads the week over five days.
    weekdays = ClinicCalendar({day: (time(9), time(17)) for day in range(5)})
    assert planned_day(stages, MON, calendar=weekdays) == pytest.approx({"PT": 120})
    assert planned_day(stages, MON + timedelta(days=5), calendar=weekdays) == {}


def test_a_stage_shorter_than_a_week_plans_its_sessions_in_the_stage():
    """The stroke template's one-day hyperacute stage asks for 3 PT sessions: in the stage,
    not a week (prorated by day it planned 3/7 of them)."""
    from domain.balance import is_short_stage

    tuesday = MON + timedelta(days=1)
    assert is_short_stage(tuesday, tuesday) and not is_short_stage(MON, MON + timedelta(6))
    assert not is_short_stage(MON, None)
    common = {"planned_start": tuesday, "planned_end": tuesday, "actual_end": None,
              "weekly_minutes": {"PT": 45, "SLT": 20}, "today": tuesday}  # fmt: skip
    hyperacute = stage_plan(name="Hyperacute", status="current", actual_start=tuesday, **common)
    assert hyperacute.in_the_stage and hyperacute.span == (tuesday, tuesday)
    acute = stage("Acute", MON + timedelta(days=2), None, PT=300)
    week = planned_week([hyperacute, acute], MON)
    assert week == pytest.approx({"PT": 45 + 4 * 50, "SLT": 20})
    # Overrunning its planned day, it asks for nothing more.
    from domain.balance import planned_day

    assert planned_day([hyperacute], MON + timedelta(days=2)) == {}
    # A two-day stage spreads its sessions over its working days: Saturday only.
    weekend = stage_plan(name="H", status="upcoming", planned_start=MON + timedelta(5),
                         planned_end=MON + timedelta(6), actual_start=None, actual_end=None,
                         weekly_minutes={"PT": 45}, today=MON)  # fmt: skip
    assert planned_week([weekend], MON) == pytest.approx({"PT": 45})


def test_the_intensity_target_is_shared_by_the_clinics_working_days():
    from domain.balance import target_per_active_day
    from domain.calendar import DEFAULT_CALENDAR, ClinicCalendar

    # NICE NG236: 180 min a day on 5 days = 900 a week; over Mon-Sat, 150 a working day.
    assert target_per_active_day(180, 5, DEFAULT_CALENDAR) == 150
    weekdays = ClinicCalendar({day: (time(9), time(17)) for day in range(5)})
    assert target_per_active_day(180, 5, weekdays) == 180
    assert target_per_active_day(None, None, DEFAULT_CALENDAR) is None


def test_intensity_is_minutes_per_active_day_planned_and_delivered():
    """Active days: the clinic's working days inside a stage, not held."""
    from domain.balance import intensity
    from domain.calendar import ClinicCalendar

    calendar = ClinicCalendar(holidays={MON + timedelta(days=3): "Holiday"})
    stages = [stage("Early subacute", MON, None, PT=450, OT=450)]  # 900 a week
    sessions = [fact("PT", MON, 90), fact("OT", MON, 60), fact("PT", MON + timedelta(1), 90),
                fact("PT", MON + timedelta(2), 90, "no_show", absence="transport"),
                fact("OT", MON + timedelta(9), 60)]  # fmt: skip
    held = [Hold(MON + timedelta(days=4), MON + timedelta(days=4))]  # Friday
    week = intensity(stages, sessions, MON, MON + timedelta(days=6), holds=held,
                     calendar=calendar, target=150)  # fmt: skip
    # Mon, Tue, Wed and Sat: Thursday is a holiday, Friday held, Sunday closed.
    assert week.active_days == 4
    # The week's 900 minutes share its five working days (180 each); Friday is held.
    assert week.planned_per_day == pytest.approx(180)
    assert week.delivered_per_day == pytest.approx(240 / 4)
    assert week.planned_meets_target and week.delivered_meets_target is False
    nothing = intensity(stages, [], MON + timedelta(days=6), MON + timedelta(days=6))
    assert nothing.active_days == 0 and nothing.planned_per_day is None
    assert nothing.planned_meets_target is None


def test_days_outside_every_stage_plan_nothing():
    stages = [stage("Only", MON + timedelta(days=5), MON + timedelta(days=5), PT=60)]
    assert planned_week(stages, MON) == pytest.approx({"PT": 10})
    assert planned_week(stages, MON + timedelta(days=7)) == {}


def test_stage_plan_uses_what_happened_then_the_plan():
    common = {"planned_start": MON, "planned_end": MON + timedelta(days=20),
              "weekly_minutes": {"PT": 100}, "today": MON + timedelta(days=10)}  # fmt: skip
    done = stage_plan(name="A", status="done", actual_start=MON + timedelta(days=1),
                      actual_end=MON + timedelta(days=4), **common)  # fmt: skip
    assert (done.start, done.end) == (MON + timedelta(days=1), MON + timedelta(days=4))
    current = stage_plan(name="B", status="current", actual_start=MON + timedelta(days=5),
                         actual_end=None, **common)  # fmt: skip
    assert (current.start, current.end) == (MON + timedelta(days=5), None)
    late = stage_plan(name="C", status="upcoming", actual_start=None, actual_end=None, **common)
    # Planned for day 0, not begun by day 10: projected from day 11, 20 days long as planned.
    assert (late.start, late.end) == (MON + timedelta(days=11), MON + timedelta(days=31))
    future = stage_plan(name="D", status="upcoming", actual_start=None, actual_end=None,
                        **{**common, "today": MON - timedelta(days=3)})  # fmt: skip
    assert (future.start, future.end) == (MON, MON + timedelta(days=20))


def test_weekly_adherence_compares_delivered_with_planned_minutes():
    stages = [stage("Subacute", MON - timedelta(days=30), None, PT=300, OT=120)]
    sessions = [
        fact("PT", MON, 60),
        fact("PT", MON + timedelta(days=1), 90),
        fact("PT", MON + timedelta(days=2), 60, "no_show", reasons=["Transport"]),
        fact("OT", MON + timedelta(days=3), 120, "cancelled", count=2, reasons=["Fever", ""]),
        fact("SLT", MON + timedelta(days=4), 30),  # unplanned, still delivered
        fact("PT", MON + timedelta(days=4), 60, "scheduled"),  # not yet happened
        fact("PT", MON + timedelta(days=9), 60),  # next week
    ]
    week = weekly_adherence(stages, sessions, [MON + timedelta(days=3)])[MON]
    assert week["PT"].planned == pytest.approx(300) and week["PT"].delivered == 150
    assert week["PT"].ratio == pytest.approx(0.5)
    assert (week["PT"].missed, week["PT"].reasons) == (1, ["Transport"])
    assert (week["OT"].delivered, week["OT"].missed, week["OT"].reasons) == (0, 2, ["Fever"])
    assert week["OT"].ratio == 0
    assert week["SLT"].planned == 0 and week["SLT"].ratio is None


def test_adherence_alerts_need_the_threshold_missed_weeks_running():
    def weeks(*ratios):
        return {
            MON + timedelta(days=7 * i): {"PT": Adherence(planned=100, delivered=int(r * 100))}
            for i, r in enumerate(ratios)
        }

    assert adherence_alerts(weeks(0.9, 0.5, 0.6), threshold=0.7, weeks_running=2) == {
        "PT": [0.5, 0.6]
    }
    assert adherence_alerts(weeks(0.5, 0.6, 0.8), threshold=0.7, weeks_running=2) == {}
    assert adherence_alerts(weeks(0.5, 0.7), threshold=0.7, weeks_running=2) == {}
    assert adherence_alerts(weeks(0.5), threshold=0.7, weeks_running=2) == {}
    nothing_planned = weeks(0.5, 0.5)
    nothing_planned[MON + timedelta(days=7)]["PT"] = Adherence(planned=0, delivered=0)
    assert adherence_alerts(nothing_planned, threshold=0.7, weeks_running=2) == {}
    with pytest.raises(ValueError):
        adherence_alerts(weeks(0.5), threshold=0.7, weeks_running=0)


def test_timeline_has_every_week_with_stage_boundaries():
    stages = [
        stage("Acute", MON, MON + timedelta(days=9), PT=300),
        stage("Subacute", MON + timedelta(days=10), None, PT=60, OT=240),
    ]
    sessions = [fact("PT", MON, 45), fact("PT", MON + timedelta(days=1), 30, "no_show"),
                fact("OT", MON + timedelta(days=15), 60)]  # fmt: skip
    weeks = timeline(stages, sessions, MON + timedelta(days=2), MON + timedelta(days=20))
    assert [w.monday for w in weeks] == [MON, MON + timedelta(days=7), MON + timedelta(days=14)]
    assert [w.stages for w in weeks] == [("Acute",), ("Acute", "Subacute"), ("Subacute",)]
    assert [w.starts for w in weeks] == [("Acute",), ("Subacute",), ()]
    assert [w.starts_stage for w in weeks] == [True, True, False]
    assert weeks[0].delivered == {"PT": 45}
    assert weeks[0].planned == pytest.approx({"PT": 300})
    assert weeks[1].planned == pytest.approx({"PT": 3 * 50 + 3 * 10, "OT": 3 * 40})
    assert weeks[2].delivered_mix == {"OT": 1.0}
    assert weeks[2].planned_mix == pytest.approx({"PT": 0.2, "OT": 0.8})
    with pytest.raises(ValueError):
        timeline(stages, sessions, MON, MON - timedelta(days=1))


# Property: a plan followed to the minute has an adherence of 1.0 in every week.
weekly = st.dictionaries(CODES, st.integers(min_value=1, max_value=60).map(lambda k: 6 * k),
                         min_size=1, max_size=4)  # fmt: skip


@given(
    lengths=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=5),
    minutes=st.lists(weekly, min_size=5, max_size=5),
    offset=st.integers(min_value=0, max_value=6),
)
def test_an_exactly_followed_plan_has_adherence_one(lengths, minutes, offset):
    start = MON + timedelta(days=offset)
    stages, day = [], start
    for index, length in enumerate(lengths):
        stages.append(stage(f"S{index}", day, day + timedelta(days=length - 1), **minutes[index]))
        day += timedelta(days=length)
    last = day - timedelta(days=1)
    # Every working day (Mon-Sat), each discipline gets exactly its share of the stage's
    # weekly minutes.
    sessions = [
        fact(code, d, weekly_minutes // 6)
        for s in stages
        for d in (s.start + timedelta(days=n) for n in range((s.end - s.start).days + 1))
        if d.weekday() < 6
        for code, weekly_minutes in s.weekly_minutes.items()
    ]
    adherence = weekly_adherence(
        stages, sessions, [start + timedelta(days=n) for n in range((last - start).days + 1)]
    )
    for row in adherence.values():
        for entry in row.values():
            assert entry.ratio == pytest.approx(1.0)
    assert adherence_alerts(adherence, threshold=0.7, weeks_running=1) == {}


@given(
    sessions=st.lists(
        st.tuples(CODES, st.integers(min_value=0, max_value=6),
                  st.integers(min_value=0, max_value=240), ATTENDANCE),
        max_size=30,
    ),
    missed=st.lists(st.tuples(CODES, st.integers(min_value=0, max_value=6),
                              st.integers(min_value=1, max_value=240),
                              st.sampled_from(["cancelled", "no_show"])), max_size=10),
)  # fmt: skip
def test_missed_sessions_never_change_delivered_minutes_in_the_timeline(sessions, missed):
    def facts(rows):
        return [fact(code, MON + timedelta(days=d), m, a) for code, d, m, a in rows]

    stages = [stage("S", MON, None, PT=70)]
    with_missed = timeline(stages, facts(sessions + missed), MON, MON)
    without = timeline(stages, facts(sessions), MON, MON)
    assert with_missed[0].delivered == without[0].delivered
    assert with_missed[0].delivered_mix == without[0].delivered_mix
    mix = with_missed[0].delivered_mix
    assert mix == {} or sum(mix.values()) == pytest.approx(1.0)


def test_average_mix_gives_each_mix_one_vote():
    assert average_mix([{"PT": 1.0}, {"PT": 0.5, "OT": 0.5}, {}]) == {"PT": 0.75, "OT": 0.25}
    assert average_mix([]) == {} and average_mix([{}, {}]) == {}


@given(st.lists(st.dictionaries(CODES, st.integers(min_value=0, max_value=600)), max_size=8))
def test_an_average_of_mixes_is_a_mix(minute_tables):
    mixes = [planned_mix((code, 1, m) for code, m in table.items()) for table in minute_tables]
    average = average_mix(mixes)
    assert average == {} or sum(average.values()) == pytest.approx(1.0)
    assert average == {} or any(mixes)
