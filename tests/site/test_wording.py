"""Generated text reads as if a person wrote it for that exercise: dosages, equipment, sides
and related exercises, checked on the pages rendered from the real data."""
from __future__ import annotations

import copy
import html as html_lib
import re

import markdown
import pytest
from conftest import ROOT

from exercise_site.catalogue import load_catalogue
from exercise_site.render import Renderer

EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "exercises")


@pytest.fixture(scope="module")
def pages(catalogue):
    return Renderer(catalogue).pages()


def text(markdown_page: str) -> str:
    """What a reader sees: the page as HTML, without tags, drawings or extra spaces."""
    body = markdown_page.split("---\n", 2)[-1] if markdown_page.startswith("---") else markdown_page
    page = markdown.markdown(body, extensions=EXTENSIONS)
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.DOTALL)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace(" .", ".").replace(" ,", ",")


def progression(pages, slug: str) -> list[str]:
    """The Dosage column of an exercise's progression table."""
    table = pages[f"exercises/{slug}.md"].split("## Progression", 1)[1].split("###", 1)[0]
    return [text(row.rsplit("|", 2)[1]) for row in table.splitlines() if re.match(r"\| \d+\. ", row)]


# --- dosage --------------------------------------------------------------------------


@pytest.mark.parametrize("slug, dosage", [
    ("hip-flexor-stretch", "hold 30 s on each side, 1–2 times"),
    ("knee-to-chest-stretch", "hold 30 s on each side, 1–2 times"),
    ("squat-hold", "hold 10–30 s, 2–4 times"),
    ("butterfly-stretch", "hold 10–30 s, 2–4 times"),
])
def test_holds_read_as_holds(pages, slug, dosage):
    # A note may follow the hold ("; ease in to a gentle pull, never pain").
    assert all(d.startswith(dosage) for d in progression(pages, slug)), progression(pages, slug)
    assert f"Dosage: {dosage}" in text(pages[f"exercises/{slug}.md"])


@pytest.mark.parametrize("slug, dosage", [
    ("clamshell", "1–2 sets of 10–15 reps on each side, pausing up to 5 s"),
    ("hip-bridge-with-band", "1–2 sets of 10–15 reps, pausing up to 5 s"),
    ("prone-hip-extension", "1–2 sets of 10–15 reps on each side, pausing up to 5 s"),
])
def test_a_hold_from_zero_is_a_pause(pages, slug, dosage):
    assert progression(pages, slug)[0].startswith(dosage)


def test_other_dosages_read_naturally(pages):
    assert progression(pages, "hip-flexor-knee-drive") == ["1–2 sets of 10–15 reps on each side, holding each for 1 s"]
    assert set(progression(pages, "forward-weight-drift")) == {"2 sets of 8–12 reps, holding each for 5 s"}
    assert progression(pages, "leg-lift")[0] == "6 reps on each side, holding each for 30 s; once a day on its own, or in each session of a routine; press out, then forward"
    assert all(d.startswith("2 sets of 8–12 reps on each side; one rep is one slow sideways step") for d in progression(pages, "lateral-band-walk"))
    assert progression(pages, "hip-abductor-machine")[0].startswith("2 sets of 8–12 reps")
    assert progression(pages, "leg-squeeze") == ["2 sets of 30–45 s", "2 sets of 30–45 s on each side"]


def test_routine_cards_use_the_same_dosage_wording(pages):
    card = text(pages["routines/hip-stability.md"])
    assert "Clamshell Basic, then Lateral band walk 1–2 sets of 10–15 reps on each side, pausing up to 5 s" in card
    assert "Hip flexor stretch Half-kneeling hold 30 s on each side, 1–2 times" in card
    assert "Squat hold Basic hold 10–30 s, 2–4 times" in text(pages["routines/cool-down.md"])


def test_no_page_has_machine_dosage_wording(catalogue, pages):
    renderer = Renderer(catalogue)
    articles = {p.name: renderer.article(p.read_text(), p.name) for p in (ROOT / "content").rglob("*.md")}
    for path, page in {**pages, **articles}.items():
        seen = text(page)
        for phrase in ("sets of hold", "hold 0–", "hold 0 s", "of 0–"):
            assert phrase not in seen, f"{path}: {phrase!r}"


# --- sides and equipment per level ---------------------------------------------------


def test_sides_say_which_levels_differ(pages):
    assert "Sides: both together (level 2: each side)" in text(pages["exercises/leg-squeeze.md"])
    assert "Sides: both together (level 3: each side)" in text(pages["exercises/toe-raise.md"])
    assert "Sides: each side Kind:" in text(pages["exercises/clamshell.md"])


@pytest.mark.parametrize("slug, equipment", [
    ("single-leg-squat", "chair or suspension straps (TRX) for levels 1–2; none for level 3"),
    ("forward-weight-drift", "none for levels 1–2; hand weights (dumbbells) for level 3"),
    ("knee-bend", "none for levels 1 and 3; hand weights (dumbbells) for level 2"),
    ("toe-raise", "none for levels 1 and 3; hand weights (dumbbells) for level 2"),
    ("forward-pelvic-shift", "none for levels 1 and 3; gym ball (Swiss ball) for level 2"),
    ("knee-to-chest-stretch", "none for level 1; foam roller for level 2"),
    ("leg-lift", "wall for level 1; resistance band (theraband) for level 2"),
    ("clamshell", "no equipment"),
    ("hip-flexor-stretch", "mat or towel (yoga mat), chair"),
])
def test_equipment_says_what_each_level_needs(pages, slug, equipment):
    assert f"Equipment: {equipment} Position:" in text(pages[f"exercises/{slug}.md"])


def test_a_choice_of_equipment_reads_as_one(pages):
    page = text(pages["exercises/single-leg-squat.md"])
    assert page.count("Also needs: chair or suspension straps") == 2
    index = text(pages["exercises/index.md"])
    assert "none; some levels: chair or suspension straps" in index


def test_routine_card_lists_a_choice_as_one(catalogue):
    # The hip stability card also has the hip flexor stretch, which needs a chair in any case (to hold),
    # so the squat's "chair or suspension straps" is covered by that chair.
    card = text(Renderer(catalogue).pages()["routines/hip-stability.md"])
    assert "You need: loop band, mat or towel, chair Moving up:" in card
    without_stretch = copy.deepcopy(catalogue)
    routine = without_stretch.routines["hip-stability"]
    routine.exercises = [item for item in routine.exercises if item.exercise != "hip-flexor-stretch"]
    card = text(Renderer(without_stretch).pages()["routines/hip-stability.md"])
    assert "You need: loop band; chair or suspension straps Moving up:" in card


def test_each_alternative_finds_the_exercise(catalogue, pages):
    squat = catalogue.exercises["single-leg-squat"]
    assert catalogue.equipment_of(squat) == ["chair", "suspension straps"]
    assert not catalogue.needs_no_equipment(squat)
    for value in ("chair", "suspension straps"):
        assert squat in catalogue.exercises_for("equipment", value)
    assert squat not in catalogue.exercises_for("equipment", "none")
    assert Renderer(catalogue).queries.filter_data(squat)["equipment"] == "chair suspension-straps"
    for page in ("browse/equipment/chair.md", "browse/equipment/suspension-straps.md"):
        assert "Single-leg squat" in text(pages[page])
        assert "Some levels use: chair or suspension straps." in text(pages[page])
    assert "Single-leg squat" not in text(pages["browse/equipment/no-equipment.md"])


# --- related exercises -----------------------------------------------------------------


def related(pages, slug: str) -> dict[str, list[str]]:
    """The groups of an exercise page's Related exercises, as lists of link targets."""
    section = pages[f"exercises/{slug}.md"].split("## Related exercises", 1)[1].split("\n## ", 1)[0]
    groups = re.findall(r"^- \*\*(.+?):\*\* (.*)$", section, flags=re.MULTILINE)
    return {name: re.findall(r"\]\(([^)]+)\.md\)", links) for name, links in groups}


def test_related_lists_each_exercise_once_in_its_most_specific_group(pages):
    assert related(pages, "clamshell") == {
        "Harder": ["lateral-band-walk"],
        "Related": ["hip-bridge-with-band", "hip-abductor-machine", "leg-lift", "isometric-hip-abduction", "side-plank"],
    }
    assert related(pages, "single-leg-squat") == {
        "Easier": ["box-squat", "knee-bend", "single-leg-step-down", "single-leg-toe-tap", "step-up"],
        "Whole progression": ["toe-pointing", "single-leg-toe-tap"],
        "Related": ["single-leg-glute-bridge", "single-leg-hops", "single-leg-romanian-deadlift", "split-squat"],
    }


def test_no_exercise_page_lists_an_exercise_twice(catalogue, pages):
    for slug in catalogue.exercises:
        if "## Related exercises" not in pages[f"exercises/{slug}.md"]:
            continue
        groups = related(pages, slug)
        # A progression line is a path, not a list: its steps may repeat Easier and Harder.
        links = [target for name, targets in groups.items() if name != "Whole progression" for target in targets]
        assert len(links) == len(set(links)), f"{slug}: {groups}"
        assert slug not in links


def test_equipment_every_level_adds_is_the_exercise_s_own(catalogue):
    changed = copy.deepcopy(catalogue)
    for level in changed.exercises["clamshell"].levels:
        level.equipment = ["mat or towel"]
    page = text(Renderer(changed).pages()["exercises/clamshell.md"])
    assert "Equipment: mat or towel (yoga mat) Position:" in page
