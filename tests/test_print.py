"""Printing in real Chromium: routine cards on one sheet and their weeks on the next, exercise pages on at most two, on the
fixture project (tests/site/test_site_print.py runs the same tests on this site's cards and pages)."""
from __future__ import annotations

import re

import pytest
from conftest import FONT_DIR, FONTS_PATH, SITE_URL, pdf_fonts, pdf_info, pdf_pages, read_data, routine_slugs, site_name

from exercise_site.model import Frequency

pytestmark = pytest.mark.browser
DEFAULT_WEEKS = Frequency.__dataclass_fields__["weeks"].default  # a routine that names no weeks tracks these

# Paper widths in mm (A4 210 mm, Letter 215.9 mm); pages print at 12 mm margins.
PAPER = {"A4": 210, "Letter": 215.9}
# Printed with each in turn: a wide sans (Debian's default) and a narrow one with Arial's
# metrics (what Windows and, near enough, macOS's Helvetica print with), each with the
# monospace that comes with it (the card's address is monospace).
FONTS = {"DejaVu Sans": "DejaVu Sans Mono", "Liberation Sans": "Liberation Mono"}
# Their files ship in tests/fonts/ (see the README there), loaded by @font-face, so that every
# machine prints with the same fonts, whatever it has installed: the faces the pages use, with
# their weight and style (Material's light headings take DejaVu's ExtraLight, as on Debian).
FACES = {
    "DejaVu Sans": {"DejaVuSans.ttf": (400, "normal"), "DejaVuSans-Bold.ttf": (700, "normal"),
                    "DejaVuSans-Oblique.ttf": (400, "italic"), "DejaVuSans-ExtraLight.ttf": (200, "normal")},
    "DejaVu Sans Mono": {"DejaVuSansMono.ttf": (400, "normal")},
    "Liberation Sans": {"LiberationSans-Regular.ttf": (400, "normal"), "LiberationSans-Bold.ttf": (700, "normal"),
                        "LiberationSans-Italic.ttf": (400, "italic")},
    "Liberation Mono": {"LiberationMono-Regular.ttf": (400, "normal")},
}
SHIPPED = "Shipped "  # the families' names on the page: no installed font has them
# A card fits one sheet with room to spare: printed 6% larger, it still fits.
SLACK = 1.06
MM = 96 / 25.4  # CSS pixels per millimetre
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".rx-print", ".md-top"]


def exercise_names(project, slug: str) -> list[str]:
    routine = read_data(project, f"exercises/routines/{slug}.yml")
    return [read_data(project, f"exercises/{item['exercise']}.yml")["name"] for item in routine["exercises"]]


def pain_rule_name(project) -> str:
    return read_data(project, "exercises/rules.yml")["pain"]["name"]


def flat(text: str) -> str:
    return " ".join(text.split())


def printable_width(paper: str) -> float:
    """The width, in CSS pixels, that a page is laid out at on this paper at 12 mm margins."""
    return (PAPER[paper] - 24) * MM


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the many print tests of this module: a new context per test costs more than the print."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def forced_font_css(font: str) -> str:
    """@font-face rules for `font` and its monospace from tests/fonts/, and every element forced into them."""
    rules = [
        f'@font-face {{ font-family: "{SHIPPED}{family}"; src: url("{FONTS_PATH}{file}") format("truetype"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for family in (font, FONTS[font]) for file, (weight, style) in FACES[family].items()
    ]
    return "\n".join([*rules, f'*, *::before, *::after {{ font-family: "{SHIPPED}{font}" !important; }}',
                       f'code, kbd, pre, samp, .rx-url {{ font-family: "{SHIPPED}{FONTS[font]}" !important; }}'])


def open_in_font(tab, url: str, font: str) -> None:
    """Load the page with every element forced into `font` (monospace text into its
    monospace), as a machine that has only those fonts would print it."""
    tab.emulate_media(media=None)
    tab.goto(url)
    tab.add_style_tag(content=forced_font_css(font))
    # Every shipped face must load: one that did not would leave the text in the machine's default font.
    failed = tab.evaluate(
        """async prefix => {
            const shipped = [...document.fonts].filter(face => face.family.replace(/"/g, '').startsWith(prefix));
            await Promise.allSettled(shipped.map(face => face.load()));
            return shipped.length ? shipped.filter(face => face.status !== 'loaded').map(face => face.family + ' ' + face.weight + ' ' + face.style)
                                  : ['no shipped font on the page'];
        }""",
        SHIPPED,
    )
    assert not failed, f"fonts from {FONT_DIR} not loaded: {failed}"


def print_pdf(tab, font: str, **options) -> tuple[int, str, bytes]:
    """Pages, text and bytes of the printed PDF, after checking in its fonts that only the forced ones were used."""
    pdf = tab.pdf(print_background=True, **options)
    pages, text = pdf_info(pdf)
    used = pdf_fonts(pdf)
    forced = (font.replace(" ", ""), FONTS[font].replace(" ", ""))
    assert used and all(name.startswith(forced) for name in used), f"printed with {sorted(used)}, not {font}"
    return pages, text, pdf


# `routine_slug` and `exercise_slug` take each slug of the project in turn (conftest.pytest_generate_tests).


def weeks_heading(title: str) -> str:
    """How the card's second side begins (weeks_view in macros.md)."""
    return f"{title}: week by week"


def check_weeks_side(text: str, title: str, names: list[str], weeks: int, where: str) -> None:
    """The second side: the card's weeks and nothing of its first side."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines and flat(lines[0]) == weeks_heading(title), f"the second side of {where} begins {lines[:1]}"
    for name in names:
        assert flat(name) in flat(text), f"{name!r} missing from the weeks of {where}"
    assert f"Weeks 1 to {weeks}," in flat(text) and "Move up at" in text and "Then" in text
    assert "Prepared for" not in text and "Tracking and pain log" not in text, f"the card runs onto its second side ({where})"


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_routine_card_prints_on_one_sheet_and_its_weeks_on_the_next(tab, site_url, project, routine_slug, font, paper):
    slug = routine_slug
    open_in_font(tab, f"{site_url}routines/{slug}/", font)
    pages, _, pdf = print_pdf(tab, font, format=paper, scale=SLACK)
    where = f"{slug} in {font} on {paper} at scale {SLACK}"
    assert pages == 2, f"{where} prints on {pages} sheets, not the card and its weeks"
    text, weeks = pdf_pages(pdf)
    names = exercise_names(project, slug)
    for name in names:
        assert flat(name) in flat(text), f"{name!r} missing from the printed {slug} card"
    assert "Prepared for" in text and pain_rule_name(project).lower() in flat(text).lower()
    assert "week by week" not in text, f"the weeks begin on the card's own sheet ({where})"
    # The address may wrap only after a slash: joined there, it reads whole.
    assert f"{SITE_URL}routines/{slug}/" in re.sub(r"/\s*\n\s*", "/", text), f"address of {slug} broken inside a word"
    routine = read_data(project, f"exercises/routines/{slug}.yml")
    check_weeks_side(weeks, routine["name"], names, routine["frequency"].get("weeks", DEFAULT_WEEKS), where)


@pytest.mark.parametrize("paper", PAPER)
def test_the_weeks_print_on_their_own_sheet_from_their_button(tab, site_url, project, paper):
    slug = routine_slugs(project)[-1]
    font = next(iter(FONTS))
    tab.emulate_media(media="screen")  # the shared tab may come from a test that left print on: the button is on screen only
    open_in_font(tab, f"{site_url}routines/{slug}/", font)
    tab.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    tab.get_by_role("button", name="Print the weeks on their own").click()
    assert tab.evaluate("() => window.__printed") == 1
    tab.emulate_media(media="null")  # a PDF is made with the print styles again
    pages, text, _ = print_pdf(tab, font, format=paper, scale=SLACK)
    routine = read_data(project, f"exercises/routines/{slug}.yml")
    assert pages == 1, f"the weeks of {slug} alone print on {pages} {paper} sheets"
    check_weeks_side(text, routine["name"], exercise_names(project, slug), routine["frequency"].get("weeks", DEFAULT_WEEKS), slug)
    assert routine["summary"] not in flat(text)
    tab.evaluate("() => window.dispatchEvent(new Event('afterprint'))")  # the card prints whole again
    assert print_pdf(tab, font, format=paper, scale=SLACK)[0] == 2


@pytest.mark.parametrize("font", FONTS)
def test_card_address_and_tracking_grid_stay_usable_in_print(tab, site_url, routine_slug, font):
    slug = routine_slug
    open_in_font(tab, f"{site_url}routines/{slug}/", font)
    tab.emulate_media(media="print")
    for paper in PAPER:
        for scale in (1, SLACK):
            tab.set_viewport_size({"width": round(printable_width(paper) / scale), "height": 1000})
            where = f"{slug} in {font} on {paper} at scale {scale}"
            address = tab.locator(".rx-url")
            assert address.text_content() == f"{SITE_URL}routines/{slug}/"
            # The text just before each line break inside the address: it must end in a slash.
            before_breaks = address.evaluate(
                """url => {
                    const found = [];
                    let text = '', lastTop = null;
                    const walker = document.createTreeWalker(url, NodeFilter.SHOW_TEXT);
                    for (let node; (node = walker.nextNode());) {
                        for (let i = 0; i < node.length; i++) {
                            const range = document.createRange();
                            range.setStart(node, i);
                            range.setEnd(node, i + 1);
                            const top = range.getClientRects()[0].top;
                            if (lastTop !== null && top > lastTop + 1) found.push(text);
                            text += node.data[i];
                            lastTop = top;
                        }
                    }
                    return found;
                }"""
            )
            assert all(text.endswith("/") for text in before_breaks), f"address broken after {before_breaks} ({where})"
            heights = tab.locator(".rx-grid tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
            assert heights and min(heights) >= 6 * MM - 0.01, f"tracking rows {min(heights) / MM:.1f} mm high, < 6 mm ({where})"


def test_routine_card_hides_site_chrome_and_stays_legible_in_print(page, site_url, routine_slug):
    slug = routine_slug
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
    body_text = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.rx-items td')).fontSize)")
    assert body_text >= 12, "exercise rows must print at 9 pt or more"
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')]
                 .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                 .map(e => e.tagName + '.' + e.className)"""
    )
    assert overflow == [], f"cut at the right edge: {overflow[:5]}"
    colours = page.evaluate("() => [getComputedStyle(document.querySelector('.md-typeset')).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_exercise_page_prints_on_at_most_two_sheets(tab, site_url, project, exercise_slug, font, paper):
    slug = exercise_slug
    open_in_font(tab, f"{site_url}exercises/{slug}/", font)
    pages, text, _ = print_pdf(tab, font, format=paper)
    assert pages <= 2, f"{slug} in {font} prints on {pages} {paper} sheets"
    # The level sections print (the progression table, which repeats them, and the links are screen-only).
    assert "Level 1:" in text and pain_rule_name(project) in flat(text) and "Sources" in text and "Not a substitute" in text
    assert site_name(project) not in text.split("\n", 3)[0], "site header printed"


def test_card_on_a_phone_has_no_sideways_scroll(page, site_url, project):
    page.set_viewport_size({"width": 360, "height": 740})
    for slug in routine_slugs(project):
        page.goto(f"{site_url}routines/{slug}/")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{slug} is {width}px wide on a 360px phone"
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.rx-items td')).fontSize)")
        assert size >= 12


def test_print_button_prints(page, site_url, project):
    page.goto(f"{site_url}routines/{routine_slugs(project)[0]}/")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button = page.get_by_role("button", name="Print this card")
    assert button.is_visible()
    button.click()
    assert page.evaluate("() => window.__printed") == 1


def test_card_qr_code_points_at_the_page(page, site_url, project):
    slug = routine_slugs(project)[0]
    page.goto(f"{site_url}routines/{slug}/")
    label = page.locator("svg.rx-qr-code").get_attribute("aria-label")
    assert label == f"QR code linking to {SITE_URL}routines/{slug}/"
    assert re.search(r"routines/", page.locator(".rx-url").inner_text())


def test_the_shipped_fonts_are_the_faces_the_tests_load():
    files = {file for faces in FACES.values() for file in faces}
    assert files == {path.name for path in FONT_DIR.glob("*.ttf")}
    assert {"LICENSE-DejaVu.txt", "LICENSE-Liberation.txt", "README.md"} <= {path.name for path in FONT_DIR.iterdir()}
