"""The physician's dashboard on the demo clinic: each count opens the list it counts, and
the stage filter names each template's stages under the template."""

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_count_opens_the_caseload_narrowed_to_its_plans(live_server, page):
    from demo.clinic import DEMO_PASSWORD, DemoClinic

    DemoClinic().build()
    sign_in(page, live_server, "dr.mehta", DEMO_PASSWORD)
    cards = page.locator("#attention-counts a")
    expect(cards).to_have_count(6)
    screenshot(page, "physician-dashboard-1280")

    for index in range(6):
        card = page.locator("#attention-counts a").nth(index)
        figure = int(card.locator("[data-count]").inner_text())
        card.click()
        expect(page.locator("#attention-counts a[aria-current=true]")).to_have_count(1)
        expect(page.locator("#caseload-count")).to_have_text(str(figure))
        rows = page.locator("#caseload tbody tr")
        expect(rows).to_have_count(min(figure, 25))
        if card.get_attribute("data-attention") == "unsigned":
            page.screenshot(path=str(ARTIFACTS / "dashboard-counts-1280.png"))
        page.locator("#caseload-all").click()
        expect(page.locator("#attention-counts a[aria-current=true]")).to_have_count(0)

    # The stage filter: one group per template, its stages in order; choosing one narrows.
    select = page.get_by_label("Current stage")
    groups = select.locator("optgroup")
    assert groups.count() > 1
    stroke = select.locator('optgroup[label="Stroke and intracerebral haemorrhage"] option')
    expect(stroke).to_have_text(
        ["Hyperacute", "Acute", "Early subacute", "Late subacute", "Chronic"]
    )
    value = stroke.nth(2).get_attribute("value")
    select.select_option(value)
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_label("Current stage")).to_have_value(value)
    for cell in page.locator("#caseload tbody tr td:nth-child(3)").all():
        expect(cell).to_have_text("Early subacute")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.screenshot(path=str(ARTIFACTS / "dashboard-counts-390.png"))
