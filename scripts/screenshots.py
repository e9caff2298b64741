"""Screenshots of issue 13 (clinical correctness) on the demo clinic.

Run against a server holding the demo (``manage.py seed_demo``), never against real data:

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8011 docs/screenshots

It signs in as the demo's physicians (and reception for the week's proposals), finds on
their dashboards the patients who show each item (a deterioration, "no real change", a
maintenance goal, a plan on hold, coded absences with intensity, "unable to perform"), and
saves one PNG per item, 1280 px wide, cropped to the part of the page that shows it.
"""

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package, as the browser tests use (tests/browser.py)
PASSWORD = "rehabana-demo"
PHYSICIANS = ("dr.mehta", "dr.rao")
WIDTH = 1280


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # Chart.js draws after load


def save_clip(page: Page, path: Path, top, bottom) -> None:
    """The page from the top of one element to the bottom of another, full width."""
    first = top.bounding_box()
    last = bottom.bounding_box()
    scroll = page.evaluate("window.scrollY")
    y = max(0, first["y"] + scroll - 12)
    height = last["y"] + scroll + last["height"] + 12 - y
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": y, "width": WIDTH, "height": height}
    )


def dashboard_rows(page: Page, base: str) -> list[dict]:
    """The physician's caseload: each row's chart link, condition and flags."""
    open_page(page, f"{base}/")
    rows = []
    for row in page.locator("table tbody tr").all():
        link = row.locator("td").first.locator("a").first
        if not link.count():
            continue
        rows.append(
            {
                "chart": base + link.get_attribute("href"),
                "condition": row.locator("td").nth(1).inner_text().strip(),
                "deteriorated": row.locator("[data-deterioration]").count() > 0,
                "status": row.locator("td").first.inner_text(),
            }
        )
    return rows


def chart_facts(page: Page, base: str, chart: str) -> dict:
    open_page(page, chart)
    plan = page.locator("a", has_text="Open").first
    return {
        "chart": chart,
        "plan": base + plan.get_attribute("href") if plan.count() else None,
        "no_change": page.locator('[data-change="no_real_change"]').count(),
        "deteriorated": page.locator('[data-change="deteriorated"]').count(),
        "unable": page.get_by_text("Unable to perform").count(),
    }


def plan_facts(page: Page, plan: str) -> dict:
    open_page(page, plan)
    intensity = page.locator("#intensity")
    return {
        "plan": plan,
        "maintain": page.get_by_text("Maintained").count()
        + page.get_by_text("Not maintained").count(),
        "on_hold": page.locator("#plan-holds li").count() > 0,
        "target": intensity.count() > 0 and "none published" not in intensity.inner_text(),
        "clinic_missed": page.get_by_text("clinic did not deliver").count(),
        "patient_missed": page.get_by_text("patient could not attend").count(),
    }


def take(base: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        context = browser.new_context(viewport={"width": WIDTH, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)

        charts, plans = [], []
        for physician in PHYSICIANS:
            sign_in(page, base, physician)
            rows = dashboard_rows(page, base)
            for row in rows:
                facts = chart_facts(page, base, row["chart"])
                facts.update(physician=physician, row=row)
                charts.append(facts)
                if facts["plan"]:
                    plan = plan_facts(page, facts["plan"])
                    plan.update(physician=physician, chart=facts)
                    plans.append(plan)

        def first(items, why, test):
            found = [item for item in items if test(item)]
            if not found:
                sys.exit(f"The demo shows no {why}: seed it with manage.py seed_demo.")
            return found[0]

        # 1. The physician's dashboard, filtered to the condition of a deteriorated patient.
        flagged = first(charts, "deterioration", lambda c: c["row"]["deteriorated"])
        sign_in(page, base, flagged["physician"])
        open_page(page, f"{base}/")
        condition = next(
            option.get_attribute("value")
            for option in page.locator("#id_condition option").all()
            if flagged["row"]["condition"] in option.inner_text()
        )
        page.get_by_label("Condition").select_option(condition)
        page.get_by_role("button", name="Filter").click()
        page.wait_for_load_state("networkidle")
        path = out / "issue13-dashboard-deterioration.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)

        # 2. The chart of a patient with "no real change" (and the deterioration, if any).
        chart = first(
            sorted(charts, key=lambda c: -c["deteriorated"]),
            '"no real change"',
            lambda c: c["no_change"],
        )
        sign_in(page, base, chart["physician"])
        open_page(page, chart["chart"])
        path = out / "issue13-chart-no-real-change.png"
        save_clip(
            page,
            path,
            page.get_by_role("heading", name="Recent sessions"),
            page.locator("#measure-charts"),
        )
        saved.append(path)

        # 3. A plan with a maintenance goal: its goals.
        plan = first(plans, "maintenance goal", lambda p: p["maintain"] and not p["on_hold"])
        sign_in(page, base, plan["physician"])
        open_page(page, plan["plan"])
        path = out / "issue13-plan-maintenance-goal.png"
        goals = page.get_by_role("heading", name="Goals", exact=True)
        save_clip(page, path, goals, page.locator("table").last)
        saved.append(path)

        # 4. A plan on hold: its header, the dated hold and the balance panel.
        plan = first(plans, "plan on hold", lambda p: p["on_hold"])
        sign_in(page, base, plan["physician"])
        open_page(page, plan["plan"])
        path = out / "issue13-plan-on-hold.png"
        save_clip(page, path, page.locator("h1"), page.locator("#balance-panel"))
        saved.append(path)

        # 5. A plan with a published intensity target and absences on both sides.
        plan = first(
            plans,
            "balance panel with an intensity target and coded absences",
            lambda p: p["target"] and p["clinic_missed"] and p["patient_missed"],
        )
        sign_in(page, base, plan["physician"])
        open_page(page, plan["plan"])
        path = out / "issue13-balance-absences-intensity.png"
        page.locator("#balance-panel").screenshot(path=str(path))
        saved.append(path)

        # 6. "Unable to perform" on a chart (an early-stroke TUG).
        chart = first(charts, '"unable to perform"', lambda c: c["unable"])
        sign_in(page, base, chart["physician"])
        open_page(page, chart["chart"])
        path = out / "issue13-unable-to-perform.png"
        save_clip(
            page,
            path,
            page.get_by_role("heading", name="Outcome measures over time"),
            page.locator("#measure-charts"),
        )
        saved.append(path)

        # 7. The triage form with its problem codes.
        open_page(page, chart["chart"].rstrip("/") + "/triage/")
        path = out / "issue13-triage-codes.png"
        page.locator("form").last.screenshot(path=str(path))
        saved.append(path)

        # 8. A patient's week two weeks ahead, proposed from the plan (reception books it).
        target = first(
            plans, "active plan with a target", lambda p: p["target"] and not p["on_hold"]
        )
        patient = target["chart"]["chart"].rstrip("/").rsplit("/", 1)[1]
        monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=2)
        sign_in(page, base, "reception.pinto")
        open_page(page, f"{base}/patients/{patient}/schedule/?week={monday:%Y-%m-%d}&propose=1")
        path = out / "issue13-week-proposals.png"
        save_clip(page, path, page.locator("h1"), page.locator("#week"))
        saved.append(path)

        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8011")
    parser.add_argument("out_dir", type=Path, help="e.g. docs/screenshots")
    args = parser.parse_args()
    for path in take(args.base_url.rstrip("/"), args.out_dir):
        print(f"{path} {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
