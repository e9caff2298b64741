"""Named people of a small clinic, one per role, around one patient.

- ``physician`` leads the patient's plan; ``therapist`` (PT) is on the care team;
  ``ot_therapist`` (OT) too, in another discipline; ``outsider`` (PT) is on no team of
  this patient; ``reception``; ``admin_user``.
"""

import os
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from reference.models import Discipline
from staff.roles import Role
from tests.factories import (
    ActivePlanFactory,
    CareTeamMemberFactory,
    DiagnosisFactory,
    PatientFactory,
    TherapistFactory,
    UserFactory,
)


def pytest_configure(config):
    from django.conf import settings

    # The production hasher is slow on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def physician(db):
    return UserFactory(username="dr.physician", role=Role.PHYSICIAN, last_name="Physician")


@pytest.fixture
def therapist(db):
    return TherapistFactory(username="pt.onteam")


@pytest.fixture
def ot_therapist(db):
    return TherapistFactory(username="ot.onteam", discipline=Discipline.objects.get(code="OT"))


@pytest.fixture
def outsider(db):
    return TherapistFactory(username="pt.outsider")


@pytest.fixture
def reception(db):
    return UserFactory(username="front.desk", role=Role.RECEPTION)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="clinic.admin", role=Role.ADMIN)


@pytest.fixture
def patient(db, physician, therapist, ot_therapist):
    patient = PatientFactory(given_name="Asha", family_name="Patil", phone="+919820012345")
    start = timezone.localdate() - timedelta(days=20)
    CareTeamMemberFactory(
        patient=patient, staff=physician, team_role="lead_physician", start_date=start
    )
    CareTeamMemberFactory(patient=patient, staff=therapist, start_date=start)
    CareTeamMemberFactory(patient=patient, staff=ot_therapist, start_date=start)
    return patient


@pytest.fixture
def other_patient(db, outsider):
    other = PatientFactory(given_name="Ramesh", family_name="Kulkarni")
    CareTeamMemberFactory(patient=other, staff=outsider)
    return other


@pytest.fixture
def plan(patient, physician):
    diagnosis = DiagnosisFactory(patient=patient)
    return ActivePlanFactory(patient=patient, diagnosis=diagnosis, lead_physician=physician)


@pytest.fixture
def people(physician, therapist, ot_therapist, outsider, reception, admin_user):
    return {
        "physician": physician,
        "therapist": therapist,
        "ot_therapist": ot_therapist,
        "outsider": outsider,
        "reception": reception,
        "admin": admin_user,
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def login():
    return client_for


# --- browser tests -------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """Transactional tests (the browser tests, the migration test) run last: the flush that
    follows one empties the tables, reference data included."""

    def flushes(item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction"))

    items.sort(key=flushes)

    from django.db import connection

    if connection.vendor != "postgresql":
        # These hold what only PostgreSQL can express; CI's second pass runs them.
        elsewhere = pytest.mark.skip(reason="PostgreSQL only: runs in CI's PostgreSQL pass")
        for item in items:
            if item.get_closest_marker("postgresql"):
                item.add_marker(elsewhere)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the
    # tests make around it are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def reference_data(transactional_db):
    """The catalogue of the reference migrations, applied again after an earlier flush."""
    from django.apps import apps

    from reference.loader import apply_catalogue

    apply_catalogue(apps)


@pytest.fixture
def page(browser, reference_data, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors  # a test expecting an error status removes its line
    yield page
    context.close()
    assert errors == [], f"browser errors: {errors}"
