"""Printing in real Chromium: routine cards on one sheet, exercise pages on at most two."""
from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, pdf_info

pytestmark = pytest.mark.browser

ROUTINES = sorted(p.stem for p in (ROOT / "exercises" / "routines").glob("*.yml"))
EXERCISES = sorted(p.stem for p in (ROOT / "exercises").glob("*.yml") if p.name != "sources.yml")
# Printable width at 12 mm margins, in CSS pixels (96 per inch): A4 210 mm, Letter 215.9 mm.
PAPER = {"A4": 210, "Letter": 215.9}
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".sh-print", ".md-top"]


def exercise_names(slug: str) -> list[str]:
    routine = yaml.safe_load((ROOT / "exercises" / "routines" / f"{slug}.yml").read_text())
    return [yaml.safe_load((ROOT / "exercises" / f"{item['exercise']}.yml").read_text())["name"] for item in routine["exercises"]]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("slug", ROUTINES)
def test_routine_card_prints_on_one_sheet(page, site_url, tmp_path, slug, paper):
    page.goto(f"{site_url}routines/{slug}/")
    pages, text = pdf_info(page.pdf(format=paper, print_background=True), tmp_path)
    assert pages == 1, f"{slug} prints on {pages} {paper} sheets"
    for name in exercise_names(slug):
        assert flat(name) in flat(text), f"{name!r} missing from the printed {slug} card"
    assert "Prepared for" in text and "Pain rule" in text and f"routines/{slug}/" in text


@pytest.mark.parametrize("slug", ROUTINES)
def test_routine_card_hides_site_chrome_and_stays_legible_in_print(page, site_url, slug):
    page.set_viewport_size({"width": round((PAPER["A4"] - 24) / 25.4 * 96), "height": 1000})
    page.goto(f"{site_url}routines/{slug}/")
    page.emulate_media(media="print")
    for selector in CHROME:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} visible in print on {slug}"
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.md-content *')]
                 .filter(e => e.offsetParent && !e.closest('svg')
                              && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 12, f"text of {smallest}px (< 9 pt) on the printed {slug} card"
    body_text = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.sh-items td')).fontSize)")
    assert body_text >= 12, "exercise rows must print at 9 pt or more"
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')]
                 .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                 .map(e => e.tagName + '.' + e.className)"""
    )
    assert overflow == [], f"cut at the right edge: {overflow[:5]}"
    colours = page.evaluate("() => [getComputedStyle(document.querySelector('.md-typeset')).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


@pytest.mark.parametrize("slug", EXERCISES)
def test_exercise_page_prints_on_at_most_two_a4_sheets(page, site_url, tmp_path, slug):
    page.goto(f"{site_url}exercises/{slug}/")
    pages, text = pdf_info(page.pdf(format="A4", print_background=True), tmp_path)
    assert pages <= 2, f"{slug} prints on {pages} A4 sheets"
    assert "Progression" in text and "Sources" in text
    assert "Steady Hips" not in text.split("\n", 3)[0], "site header printed"


def test_card_on_a_phone_has_no_sideways_scroll(page, site_url):
    page.set_viewport_size({"width": 360, "height": 740})
    for slug in ROUTINES:
        page.goto(f"{site_url}routines/{slug}/")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{slug} is {width}px wide on a 360px phone"
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.sh-items td')).fontSize)")
        assert size >= 12


def test_print_button_prints(page, site_url):
    page.goto(f"{site_url}routines/{ROUTINES[0]}/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.get_by_role("button", name="Print this card")
    assert button.is_visible()
    button.click()
    assert page.evaluate("() => window.__printed") == 1


def test_card_qr_code_points_at_the_page(page, site_url):
    from conftest import SITE_URL

    page.goto(f"{site_url}routines/{ROUTINES[0]}/")
    label = page.locator("svg.sh-qr-code").get_attribute("aria-label")
    assert label == f"QR code linking to {SITE_URL}routines/{ROUTINES[0]}/"
    assert re.search(r"routines/", page.locator(".sh-url").inner_text())
