"""Where does it hurt?: the body map of this site's body areas, in the built site and in Chromium."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_print import FONTS, PAPER, SLACK, open_in_font, print_pdf, tab  # noqa: F401  (tab: the print tests' tab fixture)

DATA = ROOT / "exercises"
AREAS = yaml.safe_load((DATA / "vocabulary.yml").read_text())["body_areas"]
CONDITIONS = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((DATA / "conditions").glob("*.yml"))}
MAP = "where-does-it-hurt/"


def main_html(site: Path, address: str) -> str:
    html = (site / address / "index.html").read_text()
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_every_condition_names_where_it_hurts_and_every_area_leads_somewhere():
    names = {area["name"] for area in AREAS}
    for slug, data in CONDITIONS.items():
        assert data.get("areas") and set(data["areas"]) <= names, slug
    for area in AREAS:
        assert any(area["name"] in data["areas"] for data in CONDITIONS.values()), area["name"]


def test_each_patch_links_its_place_and_each_place_lists_existing_condition_pages(built_site: Path):
    html = main_html(built_site, MAP)
    patches = re.findall(r'<a class="rx-map-area" href="#([a-z0-9-]+)" aria-label="([^"]+)">', html)
    assert {target for target, _ in patches} == {re.sub(r"[^a-z0-9]+", "-", a["name"].replace("'", "")).strip("-") for a in AREAS}
    for target, label in patches:
        assert f'id="{target}"' in html, target
    linked = set(re.findall(r'href="\.\./conditions/([a-z0-9-]+)/"', html))
    assert linked == set(CONDITIONS), set(CONDITIONS) ^ linked
    for slug in linked:
        assert (built_site / "conditions" / slug / "index.html").is_file(), slug


def test_the_map_is_reachable_from_the_home_page_and_the_condition_index(built_site: Path):
    for address in ("", "conditions/"):
        assert re.search(r'href="(\.\./)*where-does-it-hurt/"', main_html(built_site, address)), address or "home"


def test_areas_that_must_rule_out_bone_stress_list_it_first(built_site: Path):
    html = main_html(built_site, MAP)
    for area in AREAS:
        if area.get("first"):
            section = html.split(f'id="{re.sub(r"[^a-z0-9]+", "-", area["name"]).strip("-")}"', 1)[1].split("<h2", 1)[0]
            first = re.search(r'href="\.\./conditions/([a-z0-9-]+)/"', section).group(1)
            assert CONDITIONS[first]["condition"] == area["first"][0], area["name"]


@pytest.mark.browser
def test_the_map_works_by_keyboard_and_has_no_serious_accessibility_problem(page, site_url):
    from test_quality import axe_violations

    page.goto(site_url + MAP)
    names = page.eval_on_selector_all(".rx-map-area", "links => links.map(a => a.getAttribute('aria-label'))")
    assert len(names) >= len(AREAS) and all(names)
    page.locator(".rx-map-area").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.length > 1")
    target = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"[id='{target}']").count() == 1
    found = axe_violations(page, MAP)
    assert not found, "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_the_map_prints_on_one_sheet(tab, site_url, font, paper):
    open_in_font(tab, site_url + MAP, font)
    pages, text, _ = print_pdf(tab, font, format=paper, scale=SLACK)
    assert pages == 1, f"the map in {font} prints on {pages} {paper} sheets at scale {SLACK}"
    for area in AREAS:
        assert area["name"].lower() in " ".join(text.split()).lower(), area["name"]
