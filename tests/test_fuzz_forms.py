"""Bad input never breaks a page: every form of the app, fuzzed.

For each form, the field names are read from the page that shows it, as a browser would
send them; hypothesis then posts random text, unicode, NUL bytes, huge and negative
numbers, impossible dates, SQL-ish text, repeated values and missing fields. The answer
must be a page with form errors or a redirect, never a server error, and a refused form
must leave the database exactly as it was (every table, its audit history included).

``FUZZ_EXAMPLES`` sets the examples per form (default 25; CI uses the default).
"""

import os
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delivery.services import sign_note
from domain.measures import INSTRUMENTS
from plans.forms import StartPlanForm
from plans.models import PlanStatus, StageStatus
from tests.conftest import client_for
from tests.factories import GoalFactory, PlanFactory, SessionFactory, StageFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-999999999999999999999",
    "9" * 400,
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "1899-12-31T25:61",
    "'; DROP TABLE patients_patient; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "\x00",
    "a\x00b",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ नमस्ते",
    "x" * 10_000,
    "true",
    "on",
    "[]",
    "{}",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates().map(str),
)
# A field is left out, sent once, or sent several times (a list where one value is due).
field_value = st.one_of(st.none(), values, st.lists(values, min_size=2, max_size=4))


def fingerprint() -> dict[str, int]:
    """Row counts of every table the app owns, their audit history included."""
    labels = {"reference", "staff", "patients", "plans", "delivery"}
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def field_names(html: str, page_url: str, action: str) -> list[str]:
    """The names a browser would post from the page's form that posts to ``action``."""
    names: list[str] = []
    for chunk in html.split("<form")[1:]:
        tag, body = chunk.split(">", 1)
        form_action = re.search(r'action="([^"?]*)', tag)
        target = (form_action.group(1) if form_action else "") or page_url
        if target != action:
            continue
        body = body.split("</form>", 1)[0]
        names += re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', body)
    return sorted({name for name in names if name != "csrfmiddlewaretoken"})


@pytest.fixture
def world(plan, physician, therapist, reception):
    stage = StageFactory(plan=plan, order=1, status=StageStatus.CURRENT,
                         actual_start=plan.start_date)  # fmt: skip
    StageFactory(plan=plan, order=2)
    goal = GoalFactory(plan=plan)
    session = SessionFactory(plan=plan, therapist=therapist,
                             start=timezone.now() - timedelta(hours=1))  # fmt: skip
    # A logged note waiting for its signature, and a signed one taking addenda.
    logged = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=30,
                            start=timezone.now() - timedelta(hours=3))  # fmt: skip
    signed = SessionFactory(plan=plan, therapist=therapist, attendance="attended", minutes=30,
                            start=timezone.now() - timedelta(hours=5))  # fmt: skip
    sign_note(session=signed, by=therapist)
    draft = PlanFactory(patient=plan.patient, diagnosis=plan.diagnosis, status=PlanStatus.DRAFT)
    patient = plan.patient
    member = patient.care_team.exclude(staff=physician).first()
    return {
        "patient": patient.pk, "plan": plan.pk, "stage": stage.pk, "goal": goal.pk,
        "session": session.pk, "logged": logged.pk,
        "signed": signed.pk, "draft": draft.pk, "member": member.pk,
        "diagnosis": plan.diagnosis_id,
        "users": {"physician": physician, "therapist": therapist, "reception": reception},
    }  # fmt: skip


# (form's URL name, its arguments, the page showing it and its arguments, who posts)
TARGETS = [
    ("login", [], None, "anonymous"),
    ("password_change", [], None, "physician"),
    ("patient_registry", [], None, "reception"),
    ("patient_register", [], None, "reception"),
    ("patient_edit", ["patient"], None, "reception"),
    ("patient_archive", ["patient"], None, "reception"),
    ("patient_diagnosis_new", ["patient"], None, "physician"),
    ("patient_diagnosis_severity", ["patient", "diagnosis"], None, "physician"),
    ("patient_care_team", ["patient"], None, "physician"),
    ("patient_care_team_setup", ["patient"], None, "physician"),
    ("plan_triage", ["patient"], None, "physician"),
    # Shown only after a triage: its fields are the form's own.
    ("plan_start", ["patient"], StartPlanForm, "physician"),
    ("patient_week", ["patient"], None, "reception"),
    ("plan_stage_edit", ["plan", "stage"], None, "physician"),
    ("plan_goal_new", ["plan"], None, "physician"),
    ("plan_goal_edit", ["plan", "goal"], None, "physician"),
    ("plan_advance", ["plan"], None, "physician"),
    ("plan_hold_new", ["plan"], None, "physician"),
    ("plan_activate", ["draft"], ("plan_detail", ["draft"]), "physician"),
    ("session_log", ["session"], None, "therapist"),
    ("session_sign", ["logged"], ("session_detail", ["logged"]), "therapist"),
    ("session_addendum", ["signed"], ("session_detail", ["signed"]), "therapist"),
    *[("assessment_new", ["patient", code], None, "therapist") for code in INSTRUMENTS],
]


def target_id(target) -> str:
    name, args, _, _ = target
    return "-".join([name, *(a for a in args if a.isupper() or a[0].isdigit())])


def resolve(world, args):
    return [world.get(arg, arg) for arg in args]


@pytest.mark.parametrize("target", TARGETS, ids=target_id)
def test_a_form_fed_garbage_answers_with_errors_or_a_redirect(world, client, target):
    name, args, source, role = target
    user = world["users"].get(role)
    browser = client_for(user) if user else client
    url = reverse(name, args=resolve(world, args))
    if isinstance(source, type):
        names = sorted(source.base_fields)
    else:
        source_url = reverse(source[0], args=resolve(world, source[1])) if source else url
        page = browser.get(source_url)
        assert page.status_code == 200, source_url
        names = field_names(page.content.decode(), source_url, url)
    assert names, f"no form fields found for {name}"

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])  # fmt: skip
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(names, field_value)))
    def post_garbage(data):
        data = {key: value for key, value in data.items() if value is not None}
        before = fingerprint()
        # The test client re-raises a view's exception, so a 500 fails right here.
        response = browser.post(url, data)
        assert response.status_code in (200, 302, 429), (response.status_code, data)
        if response.status_code != 302:
            assert fingerprint() == before, data

    post_garbage()
