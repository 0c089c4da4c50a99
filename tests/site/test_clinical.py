"""This site's advice, checked on the built pages where a rule can be checked mechanically:
one pain rule everywhere, no training to a burn for tendon pain, ladders that only go up,
the runners' red flags, the return-to-running table, and sources named on every page."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from exercise_site.model import RESERVED_FILES

DATA = ROOT / "exercises"
EXERCISES = sorted(p.stem for p in DATA.glob("*.yml") if p.name not in RESERVED_FILES)
ROUTINES = sorted(p.stem for p in (DATA / "routines").glob("*.yml"))
CONDITIONS = sorted(p.stem for p in (DATA / "conditions").glob("*.yml"))
ARTICLES = sorted(p.stem for p in (ROOT / "content").glob("*.md"))
RULES = yaml.safe_load((DATA / "rules.yml").read_text())
# The outer-hip tendon condition, whose guidance warns against training to a burn and against compression.
TENDON_CONDITION = "gluteal-tendinopathy"


def text_of(path: Path, keep_notes: bool = False) -> str:
    """The page's main article as plain text, whitespace collapsed; without the evidence notes
    unless `keep_notes`."""
    page = path.read_text()
    article = page.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
    article = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", article, flags=re.S)
    if not keep_notes:  # the box that says where a page departs from an older source quotes the old advice
        article = re.sub(r'<div class="admonition info rx-evidence">.*?</div>', " ", article, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", article))).replace(" .", ".").replace(" ,", ",")


def page(site: Path, *parts: str) -> Path:
    return site.joinpath(*parts, "index.html")


def rule_sentences() -> list[str]:
    pain = RULES["pain"]
    return [pain["scale"], *pain["holds_when"], pain["otherwise"], *pain["exclusions"]]


@pytest.mark.parametrize("slug", EXERCISES)
def test_every_exercise_page_states_the_pain_rule_with_its_exclusions(built_site: Path, slug: str):
    text = text_of(page(built_site, "exercises", slug))
    for sentence in rule_sentences():
        assert sentence in text, f"{slug}: the pain rule's '{sentence}' is missing"


@pytest.mark.parametrize("slug", CONDITIONS)
def test_every_condition_page_states_the_pain_rule(built_site: Path, slug: str):
    text = text_of(page(built_site, "conditions", slug))
    for sentence in rule_sentences():
        assert sentence in text, f"{slug}: the pain rule's '{sentence}' is missing"


def test_every_card_and_the_builder_print_the_same_pain_rule(built_site: Path):
    pages = [page(built_site, "routines", slug) for slug in ROUTINES] + [page(built_site, "builder")]
    for path in pages:
        text = text_of(path)
        for sentence in [*rule_sentences(), RULES["move_up"]]:
            assert sentence in text, f"{path}: '{sentence}' is missing from the card"


def test_the_faq_and_red_flags_state_the_pain_rule(built_site: Path):
    for name in ("faq", "when-to-see-a-professional"):
        text = text_of(page(built_site, name))
        for sentence in rule_sentences():
            assert sentence in text, f"{name}: the pain rule's '{sentence}' is missing"


def test_no_page_states_another_pain_rule():
    """Numbers of the pain rule live in rules.yml only: no article or data file writes its own."""
    own = re.compile(r"\b\d\s*(?:/|out of)\s*10\b")
    for path in [*(ROOT / "content").glob("*.md"), *DATA.glob("*.yml"), *DATA.glob("*/*.yml")]:
        if path.name in ("rules.yml", "sources.yml"):
            continue
        found = own.findall(path.read_text())
        assert not found, f"{path.relative_to(ROOT)} writes its own pain scores {found}: call pain_rule() instead"


def linked_exercises(path: Path) -> set[str]:
    return set(re.findall(r'href="(?:\.\./)+exercises/([a-z0-9-]+)/"', path.read_text()))


def test_nothing_recommended_for_outer_hip_tendon_pain_trains_to_a_burn(built_site: Path):
    condition = page(built_site, "conditions", TENDON_CONDITION)
    html = condition.read_text()
    lists = html.split('id="exercises-to-change-or-leave-out"', 1)[0].split('<article', 1)[1]
    recommended = set(re.findall(r'href="(?:\.\./)+exercises/([a-z0-9-]+)/"', lists))
    routines = set(re.findall(r'href="(?:\.\./)+routines/([a-z0-9-]+)/"', html))
    assert recommended, "the condition page lists no exercises"
    for slug in recommended:
        assert not re.search(r"\bburn", text_of(page(built_site, "exercises", slug)), re.I), f"{slug} trains to a burn"
    for slug in routines:
        assert not re.search(r"\bburn", text_of(page(built_site, "routines", slug)), re.I), f"routine {slug} trains to a burn"
    assert not re.search(r"\bburn", text_of(condition), re.I)


def test_the_outer_hip_page_uses_the_current_name_and_reduces_compression(built_site: Path):
    text = text_of(page(built_site, "conditions", TENDON_CONDITION))
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page(built_site, "conditions", TENDON_CONDITION).read_text()).group(1)
    assert "tendinopathy" in title.lower() and "bursitis" not in title.lower()
    assert "Day to day:" in text and "How long it takes" in text
    assert re.search(r"cross(ing)? (your )?legs", text, re.I) and re.search(r"pillow between (your )?knees", text, re.I)


def test_exercises_left_out_for_a_condition_are_kept_off_its_lists(built_site: Path):
    for slug in CONDITIONS:
        data = yaml.safe_load((DATA / "conditions" / f"{slug}.yml").read_text())
        condition = data["condition"]
        left_out = {c["exercise"] for c in data.get("cautions", [])
                    if condition not in yaml.safe_load((DATA / f"{c['exercise']}.yml").read_text()).get("helps_with", [])}
        html = page(built_site, "conditions", slug).read_text()
        lists = html.split('id="exercises-to-change-or-leave-out"', 1)[0].split('<article', 1)[1]
        assert not left_out & set(re.findall(r'href="(?:\.\./)+exercises/([a-z0-9-]+)/"', lists)), slug


def level_sides(text: str) -> list[str]:
    """Each level's sides, from the page's 'Sides:' line ('each side (level 3: both together)')."""
    line = re.search(r"Sides: (each side|both together)(?: \((.*?)\))?(?= Kind:)", text)
    base, exceptions = line.group(1), line.group(2) or ""
    levels = int(re.findall(r"Level (\d+):", text)[-1]) if re.search(r"Level \d+:", text) else 1
    sides = [base] * levels
    for numbers, value in re.findall(r"levels? ([\d–, and]+): (each side|both together)", exceptions):
        for part in re.split(r",| and ", numbers):
            low, _, high = part.strip().partition("–")
            for n in range(int(low), int(high or low) + 1):
                sides[n - 1] = value
    return sides


@pytest.mark.parametrize("slug", EXERCISES)
def test_a_ladder_never_goes_from_one_leg_back_to_two(built_site: Path, slug: str):
    sides = level_sides(text_of(page(built_site, "exercises", slug)))
    for number in range(1, len(sides)):
        assert not (sides[number - 1] == "each side" and sides[number] == "both together"), \
            f"{slug}: level {number + 1} goes back from one side at a time to both together ({sides})"


@pytest.mark.parametrize("slug", EXERCISES)
def test_move_up_wording_fits_the_levels(built_site: Path, slug: str):
    text = text_of(page(built_site, "exercises", slug))
    single = len(yaml.safe_load((DATA / f"{slug}.yml").read_text())["levels"]) == 1
    assert ("Move up a level" in text) != single, slug
    assert "lighter band" not in text.split("Level 2:")[0].split("Level 1:")[-1] or not single


RED_FLAGS = {
    "bone stress": r"bone stress",
    "groin pain on hopping": r"hop",
    "night or rest pain": r"(at night|night pain|at rest)",
    "bladder, bowel or saddle": r"bladder|bowel",
    "saddle numbness": r"saddle|between your legs|genitals|buttocks",
    "fever": r"fever|high temperature",
    "weight loss": r"weight loss|losing weight",
    "cancer history": r"cancer",
    "child or teenager with a limp": r"(child|teenager).{0,200}limp|limp.{0,200}(child|teenager)",
    "slipped capital femoral epiphysis": r"slipped (upper|capital) femoral epiphysis",
    "low energy availability": r"energy",
    "missed periods": r"periods",
}


def test_the_red_flags_page_covers_what_matters_for_runners(built_site: Path):
    text = text_of(page(built_site, "when-to-see-a-professional"))
    missing = [name for name, pattern in RED_FLAGS.items() if not re.search(pattern, text, re.I)]
    assert not missing, f"red flags missing: {missing}"
    assert 'id="bone-stress"' in page(built_site, "when-to-see-a-professional").read_text()


def test_pages_that_mention_running_on_link_the_bone_stress_red_flag(built_site: Path):
    for name in ("faq", "training-load", "return-to-running"):
        assert "when-to-see-a-professional/#bone-stress" in page(built_site, name).read_text(), name


def test_the_return_to_running_page_has_entry_tests_and_a_walk_run_table(built_site: Path):
    path = page(built_site, "return-to-running")
    html, text = path.read_text(), text_of(path)
    tables = re.findall(r"<table>(.*?)</table>", html, re.S)
    walk_run = [t for t in tables if re.search(r"walk", t, re.I) and re.search(r"run", t, re.I)]
    assert walk_run, "no walk-run table"
    rows = re.findall(r"<tr>", walk_run[0])
    assert len(rows) >= 6, "the walk-run table covers too few stages"
    assert re.search(r"week", walk_run[0], re.I)
    for needle in ("30 minutes", "hop", "single-leg squat", "calf raise", "rest day"):
        assert re.search(needle, text, re.I), f"return to running: '{needle}' is missing"
    for sentence in rule_sentences():
        assert sentence in text


def test_the_faq_leads_with_the_single_run_rule(built_site: Path):
    text = text_of(page(built_site, "faq"))
    assert re.search(r"longest run", text, re.I), "the single-run rule is missing"
    assert re.search(r"30 days", text)
    single, weekly = text.lower().find("longest run"), text.find("10%")
    assert single >= 0 and (weekly < 0 or single < weekly + 400)


def sources_section(path: Path) -> str:
    html = path.read_text()
    assert 'id="sources"' in html, f"{path}: no Sources section"
    return html.split('id="sources"', 1)[1]


@pytest.mark.parametrize("kind,slugs", [("exercises", EXERCISES), ("conditions", CONDITIONS), ("routines", ROUTINES)])
def test_every_generated_page_names_its_sources(built_site: Path, kind: str, slugs: list[str]):
    for slug in slugs:
        path = page(built_site, kind, slug)
        if kind == "routines":
            assert "Sources:" in text_of(path), slug
            continue
        section = sources_section(path)
        assert re.search(r"<li>.*?<em>", section, re.S), f"{kind}/{slug}: no source listed"


@pytest.mark.parametrize("name", [a for a in ARTICLES if a != "index"])
def test_every_article_names_its_sources(built_site: Path, name: str):
    section = sources_section(page(built_site, name))
    assert re.search(r"<li>.*?<em>", section, re.S), f"{name}: no source listed"


def test_research_sources_give_authors_year_and_a_doi_or_address():
    sources = yaml.safe_load((DATA / "sources.yml").read_text())
    research = {k: s for k, s in sources.items() if re.search(r"trial|guideline|consensus|review|cohort|study", s["kind"], re.I)}
    assert len(research) >= 10, "the advice rests on too little current evidence"
    for key, source in research.items():
        assert source.get("author") or source.get("publisher"), f"{key}: who wrote it"
        if source.get("doi"):  # a journal article: its authors and year
            assert source.get("author") and re.match(r"\d{4}", str(source.get("published", ""))), f"{key}: authors and year"
        # A printed book has neither; everything else can be found again from its page.
        assert source.get("doi") or source.get("url") or "book" in source["kind"], f"{key}: no DOI or address"


def test_no_page_promises_a_cure(built_site: Path):
    for path in built_site.rglob("index.html"):
        text = text_of(path)
        for promise in re.finditer(r"\b(will|guaranteed? to) (cure|fix)\b|\bcures? (your|the) ", text, re.I):
            before = text[max(0, promise.start() - 80):promise.start()]
            assert re.search(r"\b(not|no|never|cannot|can't|won't)\b", before, re.I), f"{path}: '{promise.group(0)}'"


def test_the_site_says_it_is_no_substitute_for_a_clinician(built_site: Path):
    for name in ("", "disclaimer"):
        text = text_of(built_site / name / "index.html" if name else built_site / "index.html")
        assert re.search(r"not (a )?(replace|substitute)|does not replace|no substitute", text, re.I), name or "home"
