"""The example site in examples/ankles/, a second region built from data alone: it passes
`make check PROJECT=...`, builds strictly, and works in Chromium (pages, a card on one A4
and one Letter sheet, search, the builder, the API, its own walk-run plan and the planner on it),
and nothing it builds names the hip site."""
from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, pdf_pages
from ghpages import pages_server
from test_planner_page import calendar, expected_sessions, log_entry, open_planner, shown_days, watch

from exercise_site.catalogue import load_catalogue
from exercise_site.return_plan import Result, next_session, stage_summary

EXAMPLE = ROOT / "examples" / "ankles"
PREFIX = "/ankles-test/"
SITE_URL = f"https://example.github.io{PREFIX}"
HIP_WORDS = re.compile(r"\bhips?\b|groin|glute|steady.hips", re.IGNORECASE)
# Material's own bundled scripts and styles, and its search language packs, are not the site's words.
MATERIAL_ASSETS = ("assets/javascripts/", "assets/stylesheets/")

pytestmark = pytest.mark.build


def exercises() -> dict[str, str]:
    """The example's exercises: slug -> name."""
    names = {}
    for path in sorted((EXAMPLE / "exercises").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "levels" in data:
            names[path.stem] = data["name"]
    return names


def routines() -> dict[str, list[str]]:
    """The example's routines: slug -> the names of its exercises, in order."""
    names = exercises()
    found = {}
    for path in sorted((EXAMPLE / "exercises" / "routines").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[path.stem] = [names[item["exercise"]] for item in data["exercises"]]
    return found


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    """`make check PROJECT=examples/ankles`, then `make build PROJECT=examples/ankles` into a temporary folder."""
    check = subprocess.run(["make", "-s", "check", "PROJECT=examples/ankles"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.rstrip().endswith(" 0 warnings"), check.stdout
    site = tmp_path_factory.mktemp("ankles")
    build = subprocess.run(["make", "-s", "build", "PROJECT=examples/ankles", f"SITE_DIR={site}"], cwd=ROOT,
                           capture_output=True, text=True, env={**os.environ, "SITE_URL": SITE_URL})
    assert build.returncode == 0, build.stdout + build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    return site


@pytest.fixture(scope="module")
def example_url(example_site: Path):
    with pages_server(example_site, PREFIX) as url:
        yield url


def test_the_api_lists_exactly_the_examples_exercises(example_site):
    listed = json.loads((example_site / "api" / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    assert sorted(e["slug"] for e in listed) == sorted(exercises())
    assert 5 <= len(listed) <= 6


def test_nothing_it_builds_names_the_hip_site(example_site):
    found = []
    for path in sorted(example_site.rglob("*")):
        relative = path.relative_to(example_site).as_posix()
        if path.suffix not in (".html", ".js", ".css", ".json", ".xml", ".txt", ".svg") or relative.startswith(MATERIAL_ASSETS):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{relative}: ...{text[max(0, m.start() - 40):m.end() + 40]!r}..." for m in HIP_WORDS.finditer(text)]
    assert not found, "\n".join(found[:20])


def test_every_exercise_page_opens_with_its_name_and_figure(page, example_url):
    for slug, name in exercises().items():
        response = page.goto(f"{example_url}exercises/{slug}/")
        assert response.status == 200, slug
        assert page.locator("h1").first.inner_text().strip().removesuffix("¶") == name
        assert page.locator("article svg").count() >= 1, f"{slug}: no figure"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("slug", list(routines()))
def test_each_routine_card_prints_on_one_sheet_and_its_weeks_on_the_next(page, example_url, slug, paper):
    page.goto(f"{example_url}routines/{slug}/")
    sheets = pdf_pages(page.pdf(format=paper, print_background=True))
    assert len(sheets) == 2, f"{slug} prints on {len(sheets)} {paper} sheets, not the card and its weeks"
    card, weeks = sheets
    assert "week by week" not in card and "week by week" in weeks, f"{slug} on {paper}: not the card, then its weeks"
    flat = " ".join(card.split())
    for name in routines()[slug]:
        assert name in flat, f"{name!r} missing from the printed {slug} card"


def test_search_finds_an_exercise_by_its_name(page, example_url):
    slug, name = "seated-soleus-raise", exercises()["seated-soleus-raise"]
    page.goto(example_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.type(name.lower(), delay=15)
    page.wait_for_function(
        "slug => [...document.querySelectorAll('.md-search-result__list > li a')]"
        ".slice(0, 3).some(a => a.getAttribute('href').includes('exercises/' + slug + '/'))",
        arg=slug, timeout=15000)


def test_the_builder_loads_a_card_from_its_address(page, example_url):
    slug, names = next(iter(routines().items()))
    page.goto(f"{example_url}builder/?routine={slug}")
    page.wait_for_function(f"document.querySelectorAll('.rx-items tbody tr').length === {len(names)}")
    rows = " ".join(page.locator(".rx-items tbody").inner_text().split())
    for name in names:
        assert name in rows, f"{name!r} missing from the builder's card"


# --- its own walk-run plan, from examples/ankles/exercises/plans/ -----------------------------


@pytest.fixture(scope="module")
def example_plan():
    plans = load_catalogue(EXAMPLE / "exercises").plans
    assert len(plans) == 1, sorted(plans)
    return next(iter(plans.values()))


def test_the_plan_page_shows_the_examples_own_stages_and_checks(example_site, example_plan):
    html = (example_site / example_plan.slug / "index.html").read_text(encoding="utf-8")
    table = re.search(r"<table>.*?</table>", html[html.index('id="plan"'):], re.S).group(0)
    rows = [re.sub(r"<[^>]+>", "", row).split() for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]
    assert [(row[0], row[1], row[-2]) for row in rows] == [
        (str(n), str(stage.run_minutes), str(stage.total_minutes)) for n, stage in enumerate(example_plan.stages, 1)]
    assert [c.text for c in example_plan.entry.checks] == re.findall(
        r'<input type="checkbox" name="c" value="\d+"> ([^<]+)</label>', html)
    for check in example_plan.entry.checks:
        if check.exercise:
            assert f'href="../exercises/{check.exercise}/"' in html, check.exercise
    assert example_plan.advance.text in " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.browser
def test_the_planner_on_the_examples_plan_page_makes_a_plan(page, example_url, example_plan):
    errors = watch(page)
    open_planner(page, f"{example_url}{example_plan.slug}/")
    for box in page.locator('.rx-p-checks input[type="checkbox"]').all():
        box.check()
    for n in (1, 3, 5):
        page.locator(f'.rx-p-days input[value="{n}"]').check()
    page.get_by_label("Start date").fill("2027-03-02")  # a Tuesday
    page.get_by_role("button", name="Make my plan").click()
    page.wait_for_selector(".rx-p-sheet:not([hidden]) .rx-p-weeks")
    assert shown_days(page) == expected_sessions(example_plan, date(2027, 3, 2), [1, 3, 5]), "the page must plan as Python does"
    weeks = calendar(page)
    assert len(weeks) >= len(example_plan.stages) and "Stage 1" in weeks[0][1]
    stages = page.locator('[data-slot="stages"]').inner_text()
    assert all(stage_summary(s) in stages for s in example_plan.stages), stages
    key = page.locator(".rx-p-key").inner_text()
    assert example_plan.advance.text in key and example_plan.setback.text in key
    assert page.url.startswith(f"{example_url}{example_plan.slug}/#v=1&s=2027-03-02&d=1,3,5"), page.url

    # A week of first-stage runs at the example's own pain limit moves up (the fixture's limit is 0).
    most = str(example_plan.advance.pain_at_most)
    today = date.today()
    week = [today - timedelta(days=n) for n in (8, 6, 4)]
    for day in week:
        log_entry(page, day, minutes=example_plan.stages[0].total_minutes, during=most, morning=most)
    expected = next_session(example_plan, [Result(day, int(most), int(most)) for day in week], today)
    assert (expected.stage, expected.action) == (1, "advance")
    panel = page.locator(".rx-p-next").inner_text()
    assert f"Next session: stage 2, {stage_summary(example_plan.stages[1])}." in panel, panel
    assert not errors, errors
