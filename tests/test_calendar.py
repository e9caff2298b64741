"""The clinic calendar: working days, opening hours per weekday, holidays; the rules in
``domain/calendar.py`` and the one loader of the database's calendar."""

from datetime import date, time

import pytest

from domain.calendar import DEFAULT_CALENDAR, ClinicCalendar

MON = date(2026, 11, 2)  # a Monday
SUN = date(2026, 11, 8)
DIWALI = date(2026, 11, 9)  # a Monday, for the tests' sake


def test_the_default_is_monday_to_saturday_half_past_eight_to_seven():
    assert [DEFAULT_CALENDAR.is_working_day(date(2026, 11, d)) for d in range(2, 9)] == [
        True, True, True, True, True, True, False,
    ]  # fmt: skip
    assert DEFAULT_CALENDAR.hours(MON) == (time(8, 30), time(19, 0))
    assert DEFAULT_CALENDAR.hours(SUN) is None
    assert DEFAULT_CALENDAR.weekly_working_days == 6


def test_a_holiday_is_closed_and_named():
    calendar = ClinicCalendar(holidays={DIWALI: "Diwali"})
    assert not calendar.is_working_day(DIWALI) and calendar.hours(DIWALI) is None
    assert calendar.holiday(DIWALI) == "Diwali"
    assert "holiday (Diwali)" in calendar.closed_because(DIWALI)
    assert "closed on Sundays" in calendar.closed_because(SUN)
    assert calendar.closed_because(MON) == ""
    assert len(calendar.working_days_of_week(DIWALI)) == 5


def test_working_days_between_two_dates_include_both_ends():
    calendar = ClinicCalendar(holidays={DIWALI: "Diwali"})
    assert calendar.working_days(date(2026, 11, 7), date(2026, 11, 10)) == [
        date(2026, 11, 7), date(2026, 11, 10),
    ]  # fmt: skip
    assert calendar.working_days(MON, MON) == [MON]
    assert calendar.working_days(SUN, SUN) == []


def test_hours_differ_by_weekday():
    calendar = ClinicCalendar({0: (time(9), time(17)), 5: (time(9), time(13))})
    assert calendar.hours(date(2026, 11, 7)) == (time(9), time(13))
    assert calendar.hours(date(2026, 11, 3)) is None  # Tuesday: no hours, closed
    assert calendar.within_hours(MON, time(9), time(17))
    assert not calendar.within_hours(MON, time(8, 45), time(9, 30))
    assert not calendar.within_hours(date(2026, 11, 7), time(12, 30), time(13, 15))


def test_impossible_hours_are_refused():
    with pytest.raises(ValueError, match="closes before it opens"):
        ClinicCalendar({0: (time(19), time(8))})
    with pytest.raises(ValueError, match="No weekday 7"):
        ClinicCalendar({7: (time(9), time(17))})


# --- the database's calendar -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_seeds_monday_to_saturday_and_a_closed_sunday(
    django_assert_num_queries,
):
    from reference.calendar import clinic_calendar
    from reference.models import ClinicHours

    assert ClinicHours.objects.count() == 7
    with django_assert_num_queries(2):
        calendar = clinic_calendar()
    assert calendar.hours_by_weekday == DEFAULT_CALENDAR.hours_by_weekday
    assert calendar.holidays == {}


@pytest.mark.django_db
def test_the_loader_reads_what_the_administrators_keep():
    from reference.calendar import clinic_calendar
    from reference.models import ClinicHours, Holiday

    saturday = ClinicHours.objects.get(weekday=5)
    saturday.closes = time(13)
    saturday.save()
    ClinicHours.objects.filter(weekday=2).update(is_open=False, opens=None, closes=None)
    Holiday.objects.create(date=DIWALI, name="Diwali")
    calendar = clinic_calendar()
    assert calendar.hours(date(2026, 11, 7)) == (time(8, 30), time(13))
    assert not calendar.is_working_day(date(2026, 11, 4))  # Wednesday closed
    assert calendar.holiday(DIWALI) == "Diwali"


@pytest.mark.django_db
def test_opening_hours_are_validated():
    from django.core.exceptions import ValidationError

    from reference.models import ClinicHours

    monday = ClinicHours.objects.get(weekday=0)
    monday.closes = time(8)
    with pytest.raises(ValidationError, match="closes after it opens"):
        monday.full_clean()
    sunday = ClinicHours.objects.get(weekday=6)
    sunday.is_open = True
    with pytest.raises(ValidationError, match="opening and closing times"):
        sunday.full_clean()
