"""Hostile text in the data stays text where the reader meets it.

Every name and summary of every kind of file (exercise, routine, condition page, plan, source) gets
HTML, `</title>`, a script, quotes, `&`, an entity and Jinja braces appended. The project is
built from that data and every page is loaded in Chromium: no script may run, and the tab
title, the header, the heading, the description, the social tags and search must show the
text exactly as written. Here on the fixture project; tests/site/test_site_hostile_text.py runs
the same tests on this site's data.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import PREFIX, SITE_URL, copy_project, mkdocs_build, site_name
from ghpages import pages_server
from exercise_site.model import RESERVED_FILES

pytestmark = pytest.mark.browser

HOSTILE = (' <b>bold</b></title><script>alert("title")</script><img src=x onerror=alert("img")>'
           ' & &amp; "quoted" \'single\' <easy> {{ 7*7 }} {% raw %}')


def _add_hostile_text(project: Path) -> dict[str, dict[str, str]]:
    """Append HOSTILE to every name, summary and source title; returns {page address: {name, summary}}."""
    pages: dict[str, dict[str, str]] = {}
    folders = {"exercises": "exercises", "exercises/routines": "routines", "exercises/conditions": "conditions"}
    for folder, address in folders.items():
        for path in sorted((project / folder).glob("*.yml")):
            if path.name in RESERVED_FILES:
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["name"] += HOSTILE
            data["summary"] += HOSTILE
            if address == "conditions":
                data["also_called"] = [*data.get("also_called", []), HOSTILE.strip()]
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            pages[f"{address}/{path.stem}/"] = {"name": data["name"], "summary": data["summary"]}
    for path in sorted((project / "exercises" / "plans").glob("*.yml")):  # a walk-run plan's page is /<slug>/
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["name"] += HOSTILE
        data["summary"] += HOSTILE
        data["intro"] = [*data.get("intro", []), HOSTILE.strip()]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        pages[f"{path.stem}/"] = {"name": data["name"], "summary": data["summary"]}
    sources = project / "exercises" / "sources.yml"
    data = yaml.safe_load(sources.read_text(encoding="utf-8"))
    for source in data.values():
        source["title"] += HOSTILE
    sources.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    vocabulary = project / "exercises" / "vocabulary.yml"
    if vocabulary.is_file():  # the body map's words: names are references, so the rest of each area
        data = yaml.safe_load(vocabulary.read_text(encoding="utf-8"))
        for area in data.get("body_areas", []):
            area["description"] += HOSTILE
            area["note"] = (area.get("note") or "") + HOSTILE
        vocabulary.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, project):
    """The project built with HOSTILE in its data: (site folder, its address, {page address: {name, summary}})."""
    copy = copy_project(tmp_path_factory.mktemp("hostile") / "project", project)
    pages = _add_hostile_text(copy)
    site = copy.parent / "site"
    result = mkdocs_build(copy, site, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    with pages_server(site, PREFIX) as url:
        yield site, url, pages


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every alert, confirm or prompt the page opens; each is dismissed."""
    seen: list[str] = []

    def record(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return seen


INJECTED = """() => ({
    elements: [...document.querySelectorAll('easy, img[src="x"]')].map(e => e.outerHTML.slice(0, 120)),
    scripts: [...document.scripts].filter(s => s.text.includes('alert(')).map(s => s.text.slice(0, 80)),
})"""


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


def test_no_page_runs_or_grows_markup_from_the_data(page, dialogs, hostile_site):
    site, url, pages = hostile_site
    addresses = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    assert len(addresses) > len(pages)
    for address in ["404.html", *addresses]:
        page.goto(url + address.removeprefix("./"))
        found = page.evaluate(INJECTED)
        assert found == {"elements": [], "scripts": []}, f"markup from the data on {address}: {found}"
    assert dialogs == [], f"script from the data ran: {dialogs}"


def test_title_header_heading_and_social_tags_show_the_text_as_written(page, dialogs, hostile_site, project):
    _, url, pages = hostile_site
    for address, text in pages.items():
        page.goto(url + address)
        name, summary = flat(text["name"]), flat(text["summary"])
        assert page.title() == f"{name} - {site_name(project)}", address
        assert flat(page.locator('.md-header__topic[data-md-component="header-topic"]').text_content()) == name, address
        assert flat(page.locator("article h1").first.inner_text()).removesuffix("¶").rstrip() == name, address
        for selector, expected in [
            ('meta[name="description"]', summary),
            ('meta[property="og:title"]', name),
            ('meta[property="og:description"]', summary),
            ('meta[name="twitter:title"]', name),
        ]:
            assert flat(page.locator(selector).get_attribute("content")) == expected, f"{selector} on {address}"
    assert dialogs == []


def test_source_titles_show_as_written(page, dialogs, hostile_site):
    _, url, pages = hostile_site
    for address in ["sources/", next(a for a in pages if a.startswith("exercises/"))]:
        page.goto(url + address)
        assert flat(HOSTILE) in flat(page.locator("article").inner_text()), address
    assert dialogs == []


def test_the_body_map_and_other_names_show_the_text_as_written(page, dialogs, hostile_site):
    site, url, pages = hostile_site
    address = next(a for a in pages if a.startswith("conditions/"))
    addresses = [address] + (["where-does-it-hurt/"] if (site / "where-does-it-hurt" / "index.html").is_file() else [])
    for address in addresses:
        page.goto(url + address)
        assert flat(HOSTILE) in flat(page.locator("article").inner_text()), address
        assert page.evaluate(INJECTED) == {"elements": [], "scripts": []}, address
    assert dialogs == []


def test_search_results_show_the_text_as_written(page, dialogs, hostile_site):
    _, url, pages = hostile_site
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    address, text = next((a, t) for a, t in pages.items() if a.startswith("exercises/"))
    page.locator(".md-search__input").press_sequentially(text["name"].removesuffix(HOSTILE), delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    titles = [flat(t) for t in page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()]
    assert flat(text["name"]) in titles, (address, titles)
    assert page.evaluate(INJECTED) == {"elements": [], "scripts": []}
    assert dialogs == []
