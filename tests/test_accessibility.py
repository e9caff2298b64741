"""Accessibility rules a template scan can hold (axe-core in tests/test_browser_a11y.py
holds the rest in the browser)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
CONTROL = re.compile(r"<(a|button|form|input|select|textarea)\b")


def test_no_heading_holds_a_control():
    """A heading names a section; a button or link inside it is read as part of the name
    (WCAG 2.2 1.3.1, 2.4.6). Controls sit beside the heading instead."""
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)[:80]}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in HEADING.finditer(path.read_text())
        if CONTROL.search(match.group(2))
    ]
    assert found == []


def test_every_page_offers_a_skip_link_to_main_first():
    base = (TEMPLATES / "base.html").read_text()
    body = base[base.index("<body") :]
    first_control = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
    assert 'href="#main"' in first_control
    assert "Skip to main content" in body
    assert '<main class="container pb-5" id="main"' in base
