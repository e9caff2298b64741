"""One date format, the clinic's, whatever the browser's locale (issue 14): inputs are text
in DD/MM/YYYY (and DD/MM/YYYY HH:MM), which also take ISO; text reads "7 Nov 2026"."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import dateformat, timezone

from rehabana.dates import DAY, MOMENT, day_text, moment_text, short_day_text
from rehabana.fields import ClinicalDateField, ClinicalDateTimeField
from tests.factories import PatientFactory, PlanHoldFactory, SessionFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DATE_ERROR = "Enter a date as DD/MM/YYYY, e.g. 27/11/2026."
MOMENT_ERROR = "Enter a date and time as DD/MM/YYYY HH:MM, e.g. 27/11/2026 14:30."


class DatesForm(forms.Form):
    day = ClinicalDateField()
    until = ClinicalDateField(help_text="The last day away (included).", required=False)
    at = ClinicalDateTimeField()


def value_of(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


# --- the fields -----------------------------------------------------------------------------


def test_a_date_input_is_text_in_the_clinics_format_and_names_it():
    # 09:00 UTC is 14:30 in the clinic (Asia/Kolkata): the input shows clinic time.
    form = DatesForm(
        initial={"day": date(2026, 11, 27), "at": datetime(2026, 11, 27, 9, tzinfo=UTC)}
    )
    day, at = str(form["day"]), str(form["at"])
    assert 'type="text"' in day and 'value="27/11/2026"' in day
    assert 'type="text"' in at and 'value="27/11/2026 14:30"' in at
    for html, hint in ((day, "DD/MM/YYYY"), (at, "DD/MM/YYYY HH:MM")):
        assert f'placeholder="{hint}"' in html
        assert 'inputmode="numeric"' in html and 'autocomplete="off"' in html
        assert "aria-describedby=" in html
    assert form.fields["day"].help_text == "DD/MM/YYYY"
    assert form.fields["at"].help_text == "DD/MM/YYYY HH:MM"
    # A field's own help keeps its words and gains the format.
    assert form.fields["until"].help_text == "The last day away (included). DD/MM/YYYY."


def test_the_hint_shows_under_the_input_and_describes_it():
    page = Template("{% load crispy_forms_tags %}{{ form.day|as_crispy_field }}").render(
        Context({"form": DatesForm()})
    )
    assert 'aria-describedby="id_day_helptext"' in page
    assert re.search(r'id="id_day_helptext"[^>]*>DD/MM/YYYY<', page)


@pytest.mark.parametrize(
    ("day", "at"),
    [
        ("27/11/2026", "27/11/2026 14:30"),
        ("2026-11-27", "2026-11-27T14:30"),  # links, GET parameters, older pages
        (" 27/11/2026 ", "2026-11-27 14:30"),
    ],
)
def test_both_formats_parse(day, at):
    form = DatesForm({"day": day, "at": at})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 11, 27)
    local = timezone.localtime(form.cleaned_data["at"])
    assert (local.date(), local.hour, local.minute) == (date(2026, 11, 27), 14, 30)


@pytest.mark.parametrize(
    ("day", "at"),
    [
        ("11/27/2026", "11/27/2026 14:30"),  # a US browser's order
        ("27/11/26", "27/11/2026 2:30 pm"),  # two-digit year; a 12-hour clock
        ("31/02/2026", "27/11/2026"),  # no such day; no time
    ],
)
def test_a_wrong_format_is_a_form_error_that_names_the_right_one(day, at):
    form = DatesForm({"day": day, "at": at})
    assert not form.is_valid()
    assert form.errors["day"] == [DATE_ERROR] and form.errors["at"] == [MOMENT_ERROR]


def test_the_range_check_still_holds_in_the_clinics_format():
    form = DatesForm({"day": "27/11/1899", "at": "31/12/9999 23:59"})
    assert not form.is_valid()
    assert form.errors["day"] == form.errors["at"] == ["Enter a date between 1900 and 2100."]


# --- forms in pages -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_page_shows_the_stored_date_as_dd_mm_yyyy_and_takes_it_back(login, reception):
    patient = PatientFactory(date_of_birth=date(1958, 3, 4))
    client = login(reception)
    url = reverse("patient_edit", args=[patient.pk])
    page = client.get(url).content.decode()
    assert value_of(page, "date_of_birth") == "04/03/1958"
    data = {
        name: value_of(page, name)
        for name in ("given_name", "family_name", "date_of_birth", "phone", "version")
    }
    data.update(sex=patient.sex, preferred_language=patient.preferred_language, address="New")
    assert client.post(url, data).status_code == 302
    patient.refresh_from_db()
    assert patient.date_of_birth == date(1958, 3, 4) and patient.address == "New"


@pytest.mark.django_db
def test_a_us_order_date_of_birth_is_refused_in_words_not_a_500(login, reception):
    patient = PatientFactory(date_of_birth=date(1958, 3, 4))
    url = reverse("patient_edit", args=[patient.pk])
    client = login(reception)
    data = {
        name: value_of(client.get(url).content.decode(), name)
        for name in ("given_name", "family_name", "phone", "version")
    }
    data.update(sex=patient.sex, preferred_language=patient.preferred_language)
    response = client.post(url, {**data, "date_of_birth": "03/14/1958"})
    assert response.status_code == 200 and DATE_ERROR in response.content.decode()
    patient.refresh_from_db()
    assert patient.date_of_birth == date(1958, 3, 4)


@pytest.mark.django_db
def test_the_move_input_shows_the_start_in_the_clinics_format_and_takes_it(
    login, reception, plan, therapist
):
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    start = timezone.make_aware(datetime(monday.year, monday.month, monday.day, 10))
    session = SessionFactory(plan=plan, therapist=therapist, start=start, minutes=45)
    client = login(reception)
    week = client.get(reverse("patient_week", args=[plan.patient_id]), {"week": monday})
    page = week.content.decode()
    assert value_of(page, "start") == f"{monday:%d/%m/%Y} 10:00"
    assert "datetime-local" not in page
    response = client.post(
        reverse("session_reschedule", args=[session.pk]),
        {"start": f"{monday + timedelta(days=1):%d/%m/%Y} 15:30", "version": session.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    session.refresh_from_db()
    moved = timezone.localtime(session.start)
    assert (moved.date(), moved.hour, moved.minute) == (monday + timedelta(days=1), 15, 30)
    refused = client.post(
        reverse("session_reschedule", args=[session.pk]),
        {"start": "next tuesday", "version": session.version},
        HTTP_HX_REQUEST="true",
    )
    assert MOMENT_ERROR in refused.content.decode()


@pytest.mark.django_db
def test_the_back_on_input_shows_today_in_the_clinics_format(login, physician):
    hold = PlanHoldFactory(ends_on=None, starts_on=timezone.localdate() - timedelta(days=3))
    plan = hold.plan
    client = login(plan.lead_physician)
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    today = timezone.localdate()
    assert value_of(page, "back_on") == f"{today:%d/%m/%Y}"
    end = reverse("plan_hold_end", args=[plan.pk, hold.pk])
    # A US-order day is refused, and the message says which format the field wants.
    bad = client.post(end, {"version": plan.version, "back_on": "12/31/2026"}, follow=True)
    assert DATE_ERROR in bad.content.decode()
    hold.refresh_from_db()
    assert hold.ends_on is None
    client.post(end, {"version": plan.version, "back_on": f"{today:%d/%m/%Y}"})
    hold.refresh_from_db()
    assert hold.ends_on == today - timedelta(days=1)


def test_no_template_uses_a_locale_date_input():
    """Native date inputs follow the browser's locale (mm/dd/yyyy in a US browser)."""
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for native in ('type="date"', "datetime-local", "valueAsDate"):
            assert native not in text, f"{template.name}: {native}"


# --- dates in text --------------------------------------------------------------------------


def test_dates_in_text_read_as_the_templates_write_them():
    noon_utc = datetime(2026, 11, 7, 9, tzinfo=UTC)  # 14:30 in the clinic
    assert day_text(date(2026, 11, 7)) == "7 Nov 2026"
    assert day_text(date(2026, 11, 27)) == "27 Nov 2026"
    assert short_day_text(date(2026, 11, 7)) == "7 Nov"
    assert moment_text(noon_utc) == "7 Nov 2026 14:30"
    assert day_text(datetime(2026, 11, 7, 20, tzinfo=UTC)) == "8 Nov 2026"  # clinic's day
    for offset in range(0, 366, 11):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert day_text(day) == dateformat.format(day, DAY)


def test_a_bare_date_in_a_template_reads_in_the_clinics_format():
    """FORMAT_MODULE_PATH: ``{{ value }}`` and ``|date`` without an argument say "7 Nov 2026",
    and a time is on the 24-hour clock, not the en-gb "2:30 p.m."."""
    moment = datetime(2026, 11, 7, 9, tzinfo=UTC)
    text = Template("{{ d }}|{{ d|date }}|{{ m }}|{{ m|date:'DATETIME_FORMAT' }}|{{ m|time }}")
    rendered = text.render(Context({"d": date(2026, 11, 7), "m": moment}))
    assert rendered == "7 Nov 2026|7 Nov 2026|7 Nov 2026 14:30|7 Nov 2026 14:30|14:30"
    assert dateformat.format(timezone.localtime(moment), MOMENT) == moment_text(moment)


@pytest.mark.django_db
def test_records_name_their_dates_in_the_clinics_format():
    hold = PlanHoldFactory(starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 9))
    assert str(hold).startswith("On hold 2 Nov 2026 – 9 Nov 2026")


@pytest.mark.django_db
def test_an_access_line_names_the_clinics_time_not_utc(physician):
    from patients.access_log import AccessKind, AccessRecord

    record = AccessRecord(
        user=physician, kind=AccessKind.CHART, at=datetime(2026, 11, 7, 9, tzinfo=UTC)
    )
    assert str(record).endswith("opened patient chart at 7 Nov 2026 14:30")


def test_the_day_filter_names_the_format_in_its_label_not_a_hint_line():
    """A hint under one filter would put its input out of line with the others."""
    from desk.forms import DayFilterForm

    field = DayFilterForm().fields["date"]
    assert field.label == "Date (DD/MM/YYYY)" and field.help_text == ""
    assert 'placeholder="DD/MM/YYYY"' in str(DayFilterForm()["date"])
