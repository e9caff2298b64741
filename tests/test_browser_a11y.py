"""Accessibility and phone widths in a real browser, on the demo clinic.

axe-core (npm, pinned in package.json) runs once on each page type, not on every role x
page (CI time is shared), and fails on a serious or critical violation. The therapist's
day, the session log and the chart are measured at 390 px (an iPhone 12-15's CSS width):
nothing may scroll sideways.
"""

import os
from datetime import datetime, time
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.browser import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# node_modules/axe-core after `npm ci`; AXE_CORE_JS points elsewhere (a copy unpacked by
# `npm pack axe-core@4.14.1`) where node_modules is shared and not yet installed.
AXE = Path(
    os.environ.get("AXE_CORE_JS")
    or Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
)
PHONE = 390


@pytest.fixture
def lunchtime():
    """Half past noon in the clinic today: the morning's sessions can be logged."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12, 30)))
    with time_machine.travel(noon, tick=True):
        yield


@pytest.fixture
def demo(reference_data):
    from demo.clinic import DEMO_PASSWORD, DemoClinic

    DemoClinic().build()
    return DEMO_PASSWORD


@pytest.fixture
def axe_page(browser, reference_data, live_server):
    """A page whose Content Security Policy lets Playwright inject axe-core (an inline
    script: the app's own CSP refuses it, rightly). Other browser tests keep the CSP."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == [], f"browser errors: {errors}"


def demo_pages():
    """One URL of each page type, with who opens it (None: signed out)."""
    from delivery.models import TherapySession
    from plans.models import RehabPlan

    session = (
        TherapySession.objects.filter(
            therapist__username="physio.kumar", signed_at__isnull=True, start__lte=timezone.now()
        )
        .order_by("-start")
        .first()
    )
    plan = RehabPlan.objects.filter(lead_physician__username="dr.mehta").order_by("pk").first()
    return [
        ("login", None, reverse("login")),
        ("physician home", "dr.mehta", reverse("home")),
        ("patient chart", "dr.mehta", reverse("patient_detail", args=[plan.diagnosis.patient_id])),
        ("plan page", "dr.mehta", reverse("plan_detail", args=[plan.pk])),
        ("session log", "physio.kumar", reverse("session_log", args=[session.pk])),
        ("therapist home", "physio.kumar", reverse("home")),
        ("reception day view", "reception.pinto", reverse("reception_day")),
        ("admin index", "admin", reverse("admin:index")),
    ]


def axe_violations(page) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' '"
        " + JSON.stringify((n.any[0] || {}).data || ''))})))"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def open_as(page, live_server, password, who, url, signed_in):
    if who != signed_in:
        page.context.clear_cookies()
        if who:
            sign_in(page, live_server, who, password)
    page.goto(f"{live_server.url}{url}")
    page.wait_for_load_state("networkidle")
    return who


def test_axe_finds_no_serious_violation_on_any_page_type(lunchtime, demo, live_server, axe_page):
    page = axe_page
    assert AXE.exists(), f"axe-core is missing at {AXE}: run npm ci"
    found, signed_in = {}, None
    for name, who, url in demo_pages():
        signed_in = open_as(page, live_server, demo, who, url, signed_in)
        if name != "admin index":  # Django's admin has its own skip link and <main>
            assert page.locator("main#main").count() == 1, name
            assert page.locator("a[href='#main']").first.inner_text() == "Skip to main content"
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert not found, "\n".join(f"{name}: {v}" for name, vs in found.items() for v in vs)


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(lunchtime, demo, live_server, page):
    sign_in(page, live_server, "physio.kumar", demo)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("name", ["therapist home", "session log", "patient chart"])
def test_the_page_fits_a_phone_without_sideways_scrolling(name, lunchtime, demo, live_server, page):
    page.set_viewport_size({"width": PHONE, "height": 844})
    pages = {n: (who, url) for n, who, url in demo_pages()}
    # The therapist opens the chart of a patient on their caseload.
    if name == "patient chart":
        from patients.models import CareTeamMember

        member = CareTeamMember.objects.filter(staff__username="physio.kumar").first()
        pages[name] = ("physio.kumar", reverse("patient_detail", args=[member.patient_id]))
    who, url = pages[name]
    open_as(page, live_server, demo, who, url, None)
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, f"phone-{name.replace(' ', '-')}")
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > w + 1)
        .filter(e => { for (let a = e.parentElement; a; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') return false; return true; })
        .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""",
        PHONE,
    )
    assert width <= PHONE, f"{name} is {width}px wide at {PHONE}px: {wide}"


def test_todays_sessions_come_before_the_unsigned_notes_on_a_phone(
    lunchtime, demo, live_server, page
):
    page.set_viewport_size({"width": PHONE, "height": 844})
    sign_in(page, live_server, "physio.kumar", demo)
    unsigned = page.locator("#unsigned-notes")
    assert unsigned.count() == 1, "the demo therapist has unsigned notes to place"
    assert page.locator("#today").bounding_box()["y"] < unsigned.bounding_box()["y"]


# The pages docs/screenshots/ shows at a desk's and a phone's width (copied from
# test-artifacts/ after a run): the therapist's day, the session log, reception's day and
# the Barthel form. At 390 px none scrolls sideways.
DOCUMENTED_PAGES = ["therapist home", "session log", "reception day view", "barthel form"]


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_documented_pages_at_a_desk_and_on_a_phone(width, lunchtime, demo, live_server, page):
    from patients.models import CareTeamMember

    pages = {n: (who, url) for n, who, url in demo_pages()}
    member = CareTeamMember.objects.filter(staff__username="physio.kumar").first()
    pages["barthel form"] = (
        "physio.kumar",
        reverse("assessment_new", args=[member.patient_id, "BARTHEL"]),
    )
    page.set_viewport_size({"width": width, "height": 900})
    signed_in = None
    for name in DOCUMENTED_PAGES:
        who, url = pages[name]
        signed_in = open_as(page, live_server, demo, who, url, signed_in)
        assert page.locator("h1").count() == 1, name
        screenshot(page, f"{name.replace(' ', '-')}-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
