"""The body map from the vocabulary's body areas: rendered from data, bad data named by file, line and field."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from test_find import CONDITION, write_condition

from exercise_site.catalogue import load_catalogue
from exercise_site.problems import CatalogueError
from exercise_site.render import Renderer

VOCABULARY = """\
body_areas:
  - name: side of the arm
    description: The outside of the upper arm.
    first: [side ache]
    note: Numb fingers come from the neck.
    marks:
      - {view: front, at: elbow, offset: [3, 4], size: 5}
      - {view: back, at: other elbow, size: 4}
  - name: top of the foot
    description: Over the laces.
    marks:
      - {view: side, at: toes}
"""


def with_areas(folder: Path, vocabulary: str = VOCABULARY, areas: str = "[side of the arm]") -> None:
    # The body areas first, so that their line numbers are those of VOCABULARY; the catalogue's word lists after.
    words = (folder / "vocabulary.yml").read_text()
    (folder / "vocabulary.yml").write_text(vocabulary + words)
    write_condition(folder, "outer.yml", CONDITION.replace("    feels:", f"    areas: {areas}\n    feels:"))


def problems(folder: Path) -> str:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    return "\n".join(str(p) for p in caught.value.problems)


def test_no_body_areas_no_map(fixture_dir):
    write_condition(fixture_dir, "outer.yml", CONDITION)
    assert "where-does-it-hurt/index.md" not in Renderer(load_catalogue(fixture_dir)).page_paths()


def test_the_map_has_a_linked_patch_for_each_mark_and_a_section_for_each_area(fixture_dir):
    with_areas(fixture_dir)
    page = Renderer(load_catalogue(fixture_dir)).pages()["where-does-it-hurt/index.md"]
    patches = re.findall(r'<a class="rx-map-area" href="#([a-z-]+)" aria-label="([^"]+)">', page)
    assert patches == [("side-of-the-arm", "Side of the arm"), ("top-of-the-foot", "Top of the foot"),
                       ("side-of-the-arm", "Side of the arm")]  # front, side, back
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="rx-map"') == 3
    arm = page.split("## Side of the arm {: #side-of-the-arm }", 1)[1].split("## Top of the foot", 1)[0]
    assert "**Rule this out first:** [Side ache](../conditions/outer.md)" in arm
    assert "Numb fingers come from the neck\\." in arm
    foot = page.split("## Top of the foot {: #top-of-the-foot }", 1)[1]
    assert "No page on this site covers pain here yet" in foot


def test_a_view_nobody_marks_is_left_out(fixture_dir):
    with_areas(fixture_dir, VOCABULARY.replace("      - {view: back, at: other elbow, size: 4}\n", ""))
    page = Renderer(load_catalogue(fixture_dir)).pages()["where-does-it-hurt/index.md"]
    assert "From the front" in page and "From the side" in page and "From the back" not in page


@pytest.mark.parametrize("change, expected", [
    (("areas", "[side of the arms]"), r"conditions/outer\.yml:\d+:\d+: areas\[0\]: no body area 'side of the arms' in vocabulary\.yml \(did you mean 'side of the arm'\?\)"),
    (("areas", "[]"), r"conditions/outer\.yml:\d+:\d+: condition: name where it hurts in `areas:`"),
    (("vocabulary", VOCABULARY.replace("first: [side ache]", "first: [side aches]")),
     r"exercises/vocabulary\.yml:4:\d+: body_areas\[0\]\.first\[0\]: no condition page for 'side aches' \(did you mean 'side ache'\?\)"),
    (("vocabulary", VOCABULARY.replace("{view: side, at: toes}", "{view: top, at: toes}")),
     r"exercises/vocabulary\.yml:\d+:\d+: body_areas\[1\]\.marks\[0\]\.view: 'top' is not one of 'front', 'side', 'back'"),
    (("vocabulary", VOCABULARY.replace("name: top of the foot", "name: side of the arm")),
     r"exercises/vocabulary\.yml:\d+:\d+: body_areas\[1\]\.name: 'side of the arm' is named twice"),
])
def test_bad_body_areas_are_named_by_file_line_and_field(fixture_dir, change, expected):
    which, value = change
    if which == "areas":
        with_areas(fixture_dir, areas=value)
    else:
        with_areas(fixture_dir, vocabulary=value)
    found = problems(fixture_dir)
    assert re.search(expected, found), found
