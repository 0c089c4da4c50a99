"""This site's plan page with the planner (tests/test_planner_page.py runs the planner's own tests on
the fixture project): its longest plan, one session a week, still prints on one A4 or Letter sheet
in either font with a QR code that reads back as its address. (Lighthouse on the page is in
tests/test_quality.py, with every plan's page.)"""
from __future__ import annotations

import pytest
from conftest import read_data
from test_builder import printed_qr_codes
from test_print import FONTS, PAPER, flat, open_in_font, print_pdf

pytestmark = pytest.mark.browser

SLUG = "back-to-running"


def plan_address(site_url: str, project, days: str) -> str:
    checks = len(read_data(project, f"exercises/plans/{SLUG}.yml")["entry"]["checks"])
    return f"{site_url}{SLUG}/#v=1&s=2026-12-07&d={days}&c={'1' * checks}"


@pytest.mark.parametrize("days", ["5", "0,2,4"])
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_the_longest_plan_prints_on_one_sheet_with_its_qr_code(browser, site_url, project, font, paper, days):
    address = plan_address(site_url, project, days)
    context = browser.new_context()
    tab = context.new_page()
    open_in_font(tab, address, font)
    tab.wait_for_function("document.querySelector('.rx-p-weeks') && document.querySelector('.rx-p-sheet .rx-qr svg')")
    weeks = tab.locator(".rx-p-weeks tbody tr").count()
    pages, text, pdf = print_pdf(tab, font, format=paper)
    assert pages == 1, f"a plan of {weeks} weeks in {font} prints on {pages} {paper} sheets"
    plan = read_data(project, f"exercises/plans/{SLUG}.yml")
    for words in (f"Week {weeks}", plan["setback"]["text"], plan["advance"]["text"], "This plan's address"):
        assert flat(words) in flat(text), f"{words!r} missing from the printed plan"
    assert printed_qr_codes(pdf, dpi=150) == [address]
    context.close()
