"""Every label of the mix bars and the balance charts is whole, at a desk and on a phone.

A mix segment narrower than its label cut it mid-word ("Speec", "Physio 1"); the stage
names over the balance chart ran into each other and off its edge; on a phone the clinic
overview's delivered mix sat off screen in a table scrolled sideways. Measured in the
browser on the demo clinic, whose mixes have narrow segments (psychology at 5 %).
"""

import pytest
from playwright.sync_api import expect

from plans.models import RehabPlan, StageStatus
from tests.browser import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)

# What is cut off or off screen: each problem as a line of text (empty: nothing).
CLIPPED = """() => {
  const problems = [];
  const inside = (inner, outer) =>
    inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
  const screen = { left: 0, right: document.documentElement.clientWidth };
  const shown = (el) => el.getClientRects().length > 0;
  for (const segment of document.querySelectorAll(".mix-bar .progress-bar")) {
    if (shown(segment) && segment.scrollWidth > segment.clientWidth)
      problems.push(`segment overflows: ${segment.textContent.trim()}`);
  }
  for (const label of document.querySelectorAll(".mix-bar .mix-label")) {
    if (!shown(label) || !label.textContent.trim()) continue;
    if (!inside(label.getBoundingClientRect(), label.parentElement.getBoundingClientRect()))
      problems.push(`segment label cut: ${label.textContent}`);
  }
  for (const el of document.querySelectorAll(".mix-bar, .mix-legend li")) {
    if (!shown(el)) continue;
    if (!inside(el.getBoundingClientRect(), screen))
      problems.push(`off screen: ${el.textContent.trim() || el.className}`);
    if (el.scrollWidth > el.clientWidth) problems.push(`overflows: ${el.textContent.trim()}`);
  }
  for (const canvas of document.querySelectorAll("canvas")) {
    const chart = Chart.getChart(canvas);
    if (!chart) { problems.push("a chart was not drawn"); continue; }
    for (const scale of Object.values(chart.scales)) {
      if (scale.left - (scale.paddingLeft || 0) < 0
          || scale.right + (scale.paddingRight || 0) > chart.width + 0.5
          || scale.top < 0 || scale.bottom > chart.height + 0.5)
        problems.push(`axis ${scale.id} outside its chart`);
    }
    if (chart.scales.x.ticks.length < 2) problems.push("fewer than two week labels");
    if (!canvas.matches("[data-balance-chart]")) continue;
    const boxes = chart.$labelBoxes;
    if (!boxes || !boxes.length) { problems.push("no stage labels drawn"); continue; }
    boxes.forEach((box, i) => {
      if (box.left < 0 || box.right > chart.width || box.top < 0
          || box.bottom > chart.chartArea.top)
        problems.push(`chart label outside its room: ${box.text}`);
      for (const other of boxes.slice(i + 1)) {
        const apart = box.right <= other.left || other.right <= box.left
          || box.bottom <= other.top || other.bottom <= box.top;
        if (!apart) problems.push(`chart labels overlap: ${box.text} / ${other.text}`);
      }
    });
  }
  return problems;
}"""


def clipped(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)  # the charts draw after load, then settle their top rows
    return page.evaluate(CLIPPED)


def save_part(page, top, bottom, name: str) -> None:
    """The page from one element's top to another's bottom, full width."""
    first, last = top.bounding_box(), bottom.bounding_box()
    scroll = page.evaluate("window.scrollY")
    y = max(0, first["y"] + scroll - 12)
    height = last["y"] + scroll + last["height"] + 12 - y
    width = page.viewport_size["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": y, "width": width, "height": height})  # fmt: skip


def test_mix_and_chart_labels_are_whole_at_a_desk_and_on_a_phone(live_server, page):
    from demo.clinic import DEMO_PASSWORD, DemoClinic

    DemoClinic().build()
    stroke = RehabPlan.objects.filter(
        status="active", template__phase_rule="stroke", lead_physician__username="dr.mehta"
    ).order_by("pk")
    # Plans whose bars have narrow segments and whose charts have stage lines close together.
    plans = [plan for plan in stroke if plan.stages.count() >= 4][:2]
    assert plans
    editable = plans[0].stages.exclude(status=StageStatus.DONE).order_by("order").first()
    sign_in(page, live_server, "dr.mehta", DEMO_PASSWORD)

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})

        page.goto(f"{live_server.url}/clinic/")
        expect(page.locator("#phase-mix .mix-legend").first).to_contain_text("Physio")
        assert clipped(page) == [], f"clinic overview at {width} px"
        screenshot(page, f"clinic-overview-{width}")

        for plan in plans:
            page.goto(f"{live_server.url}/plans/{plan.pk}/")
            expect(page.locator("[data-balance-chart]")).to_be_visible()
            assert clipped(page) == [], f"plan {plan.pk} at {width} px"
        stages = page.locator("[id^=stage-]")
        save_part(page, page.get_by_role("heading", name="Stages"), stages.last,
                  f"mix-bars-{width}")  # fmt: skip
        page.goto(f"{live_server.url}/plans/{plans[0].pk}/")
        page.wait_for_load_state("networkidle")
        page.locator("#balance-panel canvas").screenshot(
            path=str(ARTIFACTS / f"balance-chart-{width}.png")
        )
        page.locator("#balance-panel").screenshot(
            path=str(ARTIFACTS / f"balance-panel-{width}.png")
        )

        # The stage form's bar, redrawn as minutes are typed: a share drops to a sliver.
        page.goto(f"{live_server.url}/plans/{plans[0].pk}/stages/{editable.pk}/edit/")
        page.get_by_label("Physio sessions").fill("7")
        page.get_by_label("Physio minutes").fill("90")
        assert clipped(page) == [], f"stage form at {width} px"
        expect(page.locator("[data-live-legend]")).to_contain_text("Physio")
        page.locator("[data-live-mix]").locator("..").screenshot(
            path=str(ARTIFACTS / f"stage-form-mix-{width}.png")
        )

    # Narrowed after loading, the labels fit again (they are refitted on resize).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/plans/{plans[0].pk}/")
    page.set_viewport_size({"width": 390, "height": 900})
    assert clipped(page) == []
