"""Every runner's hip: the conditions a sports clinic sees in runners each have a page that opens
with what to do now, and the exercises physiotherapists give for them are all on the site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from exercise_site.model import RESERVED_FILES

DATA = ROOT / "exercises"
EXERCISES = sorted(p.stem for p in DATA.glob("*.yml") if p.name not in RESERVED_FILES)
CONDITIONS = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((DATA / "conditions").glob("*.yml"))}

# The causes of hip, groin and buttock pain in runners a sports clinic sees most, by address.
EXPECTED_CONDITIONS = [
    "gluteal-tendinopathy", "proximal-hamstring-tendinopathy", "adductor-related-groin-pain",
    "iliopsoas-related-groin-pain", "hip-related-pain", "bone-stress-injury", "it-band-syndrome",
    "runners-knee", "si-joint-pain", "hip-flexor-strain",
]
BONE_STRESS = "bone-stress-injury"
# Pages where a bone stress injury is among the things to rule out: the groin and the hip joint.
LINK_BONE_STRESS = ["adductor-related-groin-pain", "iliopsoas-related-groin-pain", "hip-related-pain"]
EXPECTED_EXERCISES = ["copenhagen-adduction", "single-leg-romanian-deadlift", "step-up", "split-squat", "hip-thrust",
                      "pogo-hops", "forward-hops", "single-leg-hops", "wall-sit", "spanish-squat"]


def main_html(path: Path) -> str:
    return path.read_text().split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]


def page(site: Path, *parts: str) -> Path:
    return site.joinpath(*parts, "index.html")


@pytest.mark.parametrize("slug", EXPECTED_CONDITIONS)
def test_each_runners_condition_has_its_page_with_sources(built_site: Path, slug: str):
    html = main_html(page(built_site, "conditions", slug))
    sources = html.split('id="sources"', 1)[1]
    assert re.search(r"<li>.*?<em>", sources, re.S), f"{slug}: no sources listed"


def test_the_site_has_the_exercises_physiotherapists_give_runners(built_site: Path):
    assert len(EXERCISES) >= 45, f"only {len(EXERCISES)} exercises"
    for slug in EXPECTED_EXERCISES:
        assert page(built_site, "exercises", slug).exists(), slug


@pytest.mark.parametrize("slug", EXERCISES)
def test_every_exercise_page_has_a_figure_and_sources(built_site: Path, slug: str):
    html = main_html(page(built_site, "exercises", slug))
    assert re.search(r'<figure class="rx-figure-block[^"]*"[^>]*><svg', html), f"{slug}: no figure"
    assert re.search(r"<li>.*?<em>", html.split('id="sources"', 1)[1], re.S), f"{slug}: no sources"


def test_every_exercise_is_linked_from_a_condition_page(built_site: Path):
    linked = set()
    for slug in CONDITIONS:
        for number_page in [page(built_site, "conditions", slug), *sorted((built_site / "conditions" / slug / "page").glob("*/index.html"))]:
            linked |= set(re.findall(r'href="(?:\.\./)+exercises/([a-z0-9-]+)/"', main_html(number_page)))
    assert not set(EXERCISES) - linked, f"on no condition page: {sorted(set(EXERCISES) - linked)}"


@pytest.mark.parametrize("slug", sorted(CONDITIONS))
def test_a_condition_page_opens_with_what_to_do_now(built_site: Path, slug: str):
    html = main_html(page(built_site, "conditions", slug))
    start = html.index('id="what-to-do-now"')
    end = html.index('<h2 id="what-it-is"')
    assert "<table" not in html[:end], f"{slug}: a table comes before what to do now ends"
    now = html[start:end]
    headings = re.findall(r"<h3 id=\"([a-z-]+)\"", now)
    assert headings == ["how-it-usually-feels", "this-week", "the-pain-rule", "when-to-see-someone", "how-long-it-takes"], headings
    how_long = now.split('id="how-long-it-takes"', 1)[1]
    assert re.search(r"\b(days?|weeks?|months?)\b", how_long), f"{slug}: no time frame"
    data = CONDITIONS[slug]
    if data.get("starter"):
        card = re.search(r'<a class="rx-starter-card" href="([^"]+)"', now)
        assert card and card.group(1).endswith(f"routines/{data['starter']}/"), f"{slug}: no starter card link"
        assert 2 <= now.split("Start with these exercises", 1)[1].split("rx-starter-card")[0].count("/exercises/") <= 4
    else:
        assert data["no_starter"].split(".")[0] in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", now)), slug


@pytest.mark.parametrize("slug", LINK_BONE_STRESS)
def test_groin_and_hip_joint_pages_link_the_bone_stress_page(built_site: Path, slug: str):
    html = main_html(page(built_site, "conditions", slug))
    assert re.search(rf'href="(?:\.\./)+conditions/{BONE_STRESS}/"|href="\.\./{BONE_STRESS}/"', html), slug


def test_the_bone_stress_page_says_stop_and_be_assessed(built_site: Path):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main_html(page(built_site, "conditions", BONE_STRESS))))
    assert re.search(r"[Ss]top running", text)
    assert re.search(r"within (a few|two or three|\d+) days|same day", text)


def test_no_code_or_template_names_a_condition():
    names = {d["condition"].casefold() for d in CONDITIONS.values()} | {d["name"].split(" (")[0].casefold() for d in CONDITIONS.values()}
    code = [p for folder in ("hooks", "overrides") for p in (ROOT / folder).rglob("*")
            if p.suffix in (".py", ".md", ".html", ".js", ".css") and p.is_file()]
    for path in code:
        text = path.read_text().casefold()
        found = [n for n in names if n in text]
        assert not found, f"{path.relative_to(ROOT)} names {found}: conditions are data"
