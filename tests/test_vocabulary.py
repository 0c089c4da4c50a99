"""The closed word lists live in `vocabulary.yml`: a word added there alone is usable everywhere,
and a word the data uses that is not there is an error at its file, line and field."""
from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from exercise_site.api import api_files
from exercise_site.catalogue import load_catalogue
from exercise_site.figure import exercise_figure
from exercise_site.model import MusclePlace
from exercise_site.problems import CatalogueError
from exercise_site.render import Renderer

from conftest import edit, line_of, problems_for


NEW_WORDS = {
    "muscles:\n": "muscles:\n  - name: wrist extensors\n    everyday: forearm muscles\n    also_called: [tennis elbow muscles]\n    place: forearm\n",
    "equipment:\n": "equipment:\n  - name: rice bucket\n    everyday: bucket of rice\n    also_called: [grip bucket]\n",
}


def add_words(folder: Path) -> None:
    for old, new in NEW_WORDS.items():
        edit(folder / "vocabulary.yml", old, new)


def test_a_word_added_only_to_the_vocabulary_is_usable_everywhere(fixture_dir):
    add_words(fixture_dir)
    edit(fixture_dir / "clam.yml", "muscles: [gluteus medius]", "muscles: [wrist extensors, gluteus medius]")
    edit(fixture_dir / "clam.yml", "equipment: [loop band]", "equipment: [loop band, rice bucket]")
    catalogue = load_catalogue(fixture_dir)
    renderer = Renderer(catalogue)
    pages = renderer.pages()
    clam = pages["exercises/clam.md"]
    assert "[wrist extensors](../browse/muscles/wrist-extensors.md) (forearm muscles)" in clam
    assert "[rice bucket](../browse/equipment/rice-bucket.md) (bucket of rice)" in clam
    # each has its browse page, which lists the words people use for it, so the site search finds it
    muscle_page = pages["browse/muscles/wrist-extensors.md"]
    assert "forearm muscles" in muscle_page and "tennis elbow muscles" in muscle_page
    assert "grip bucket" in pages["browse/equipment/rice-bucket.md"]
    # the vocabulary's order is the browse and filter order: new words come first, as listed
    assert catalogue.used("muscle")[0] == "wrist extensors"
    assert renderer.queries.filter_choices("equipment")[:2] == [("rice-bucket", "rice bucket (bucket of rice)", 1),
                                                         ("loop-band", "loop band (mini band)", 1)]
    # the builder's search words for the exercise
    index = api_files(catalogue)["api/index.js"]
    clam_entry = re.search(r'\["clam","Clam",\[([^\]]*)\],', index).group(1)
    for word in ("forearm muscles", "tennis elbow muscles", "rice bucket", "bucket of rice", "grip bucket"):
        assert f'"{word}"' in clam_entry, (word, clam_entry)
    # the figure shades the first muscle where the vocabulary places it, and names it
    svg = str(exercise_figure(catalogue.exercises["clam"], None, catalogue.vocabulary))
    assert "Shaded: wrist extensors." in svg and 'opacity=".22"' in svg


@pytest.mark.parametrize("place", get_args(MusclePlace))
def test_the_figures_shade_every_place_a_muscle_may_name(fixture_dir, place):
    edit(fixture_dir / "vocabulary.yml", "    place: hip\n  - name: hamstrings", f"    place: {place}\n  - name: hamstrings")  # gluteus medius
    catalogue = load_catalogue(fixture_dir)
    svg = str(exercise_figure(catalogue.exercises["clam"], None, catalogue.vocabulary))
    assert "Shaded: gluteus medius." in svg and svg.count('opacity=".22"') == 1


def test_a_muscle_without_a_place_is_not_shaded(fixture_dir):
    edit(fixture_dir / "vocabulary.yml", "    place: hip\n  - name: hamstrings", "  - name: hamstrings")  # gluteus medius
    catalogue = load_catalogue(fixture_dir)
    svg = str(exercise_figure(catalogue.exercises["clam"], None, catalogue.vocabulary))
    assert "Shaded" not in svg and 'opacity=".22"' not in svg


def test_side_lying_comes_from_the_vocabulary(fixture_dir):
    def description(folder: Path) -> str:
        catalogue = load_catalogue(folder)
        svg = str(exercise_figure(catalogue.exercises["clam"], None, catalogue.vocabulary))
        return re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)

    side_lying = description(fixture_dir)
    assert "one hip opens" in side_lying
    edit(fixture_dir / "vocabulary.yml", "    side_lying: true\n", "")
    assert "one hip opens" not in description(fixture_dir)


@pytest.mark.parametrize("file, old, new, field, message", [
    ("clam.yml", "muscles: [gluteus medius]", "muscles: [gluteus medius, hamstring]", "muscles[1]",
     "no muscle 'hamstring' in vocabulary.yml (did you mean 'hamstrings'?)"),
    ("clam.yml", "muscles: [gluteus medius]", "muscles: [glutes]", "muscles[0]",  # a word people use suggests its name
     "no muscle 'glutes' in vocabulary.yml (did you mean 'gluteus maximus'?)"),
    ("clam.yml", "kind: strength", "kind: strenght", "kind", "no kind 'strenght' in vocabulary.yml (did you mean 'strength'?)"),
    ("clam.yml", "position: lying on your side", "position: lying on yor side", "position",
     "no position 'lying on yor side' in vocabulary.yml (did you mean 'lying on your side'?)"),
    ("clam.yml", "equipment: [loop band]", "equipment: [{one_of: [loop band, chiar]}]", "equipment[0].one_of[1]",
     "no equipment 'chiar' in vocabulary.yml (did you mean 'chair'?)"),
    ("clam.yml", "    dosage: {duration_seconds", "    equipment: [loop bnd]\n    dosage: {duration_seconds", "levels[0].equipment[0]",
     "no equipment 'loop bnd' in vocabulary.yml (did you mean 'loop band'?)"),
    ("routines/short.yml", "when: [after a run]", "when: [after a rnu]", "when[0]",
     "no routine time 'after a rnu' in vocabulary.yml (did you mean 'after a run'?)"),
])
def test_a_word_missing_from_the_vocabulary_is_named_with_the_closest(fixture_dir, file, old, new, field, message):
    path = fixture_dir / file
    edit(path, old, new)
    wrong = message.split("'")[1]
    (problem,) = problems_for(fixture_dir)
    line = line_of(path, wrong)
    column = path.read_text().splitlines()[line - 1].index(wrong) + 1
    assert problem.startswith(f"exercises/{file}:{line}:{column}: {field}: {message}"), problem


def test_every_wrong_word_is_reported_at_once(fixture_dir):
    edit(fixture_dir / "clam.yml", "kind: strength", "kind: strenght")
    edit(fixture_dir / "bridge.yml", "muscles: [gluteus maximus, hamstrings]", "muscles: [gluteus maximum, hamstrings]")
    found = problems_for(fixture_dir)
    assert len(found) == 2 and any("clam.yml" in p and "'strenght'" in p for p in found) \
        and any("bridge.yml" in p and "'gluteus maximum'" in p for p in found), found


def test_the_vocabulary_file_is_required(fixture_dir):
    (fixture_dir / "vocabulary.yml").unlink()
    (problem,) = problems_for(fixture_dir)  # named once, not at every word the data uses
    assert problem.startswith("exercises/vocabulary.yml:1:1: ") and "the vocabulary file is missing" in problem


@pytest.mark.parametrize("old, new, field, message", [
    ("  - name: chair\n", "  - name: chair\n  - name: chair\n", "equipment[3].name", "'chair' is named twice (first at line"),
    ("  - name: core\n", "  - name: core\n  - name: Core\n", "muscles[4].name", "'Core' makes the same address as 'core' (first at line"),
    ("  - name: strength\n", "  - name: strength\n  - name: strength\n", "kinds[1].name", "'strength' is named twice"),
])
def test_a_word_listed_twice_is_an_error(fixture_dir, old, new, field, message):
    edit(fixture_dir / "vocabulary.yml", old, new)
    (problem,) = problems_for(fixture_dir)
    assert re.match(rf"exercises/vocabulary\.yml:\d+:\d+: {re.escape(field)}: {re.escape(message)}", problem), problem


def test_a_muscle_place_the_figures_cannot_shade_is_an_error(fixture_dir):
    vocabulary = fixture_dir / "vocabulary.yml"
    edit(vocabulary, "    place: trunk\n", "    place: trunkk\n")
    (problem,) = problems_for(fixture_dir)
    line = line_of(vocabulary, "place: trunkk")
    assert problem.startswith(f"exercises/vocabulary.yml:{line}:12: muscles[3].place: 'trunkk' is not one of 'hip', 'thigh',"), problem
    assert problem.endswith("(did you mean 'trunk'?)")


def test_an_unused_word_is_only_a_warning(fixture_dir):
    catalogue = load_catalogue(fixture_dir)
    messages = [str(w) for w in catalogue.warnings]
    assert any(re.match(r"exercises/vocabulary\.yml:\d+:\d+: kinds\[1\]\.name: warning: no exercise names 'stretch' yet", m) for m in messages), messages
    assert any("when[1].name: warning: no routine names 'rest day' yet" in m for m in messages), messages


def test_the_filters_list_positions_in_the_vocabulary_order(fixture_dir):
    def positions(folder: Path) -> list[str]:
        return [value for value, _, _ in Renderer(load_catalogue(folder)).queries.filter_choices("position")]

    assert positions(fixture_dir) == ["lying-on-your-back", "lying-on-your-side"]
    edit(fixture_dir / "vocabulary.yml", "  - name: lying on your back\n    also_called: [supine]\n", "")
    edit(fixture_dir / "vocabulary.yml", "    side_lying: true\n", "    side_lying: true\n  - name: lying on your back\n")
    assert positions(fixture_dir) == ["lying-on-your-side", "lying-on-your-back"]


def test_a_changed_vocabulary_renders_the_pages_again(fixture_dir):
    """The live preview takes over pages whose data did not change: a word's gloss is on most of them."""
    first = Renderer(load_catalogue(fixture_dir))
    first.remember()
    assert "(glute med)" in first.pages()["exercises/clam.md"]
    edit(fixture_dir / "vocabulary.yml", "everyday: glute med", "everyday: side bum")
    second = Renderer(load_catalogue(fixture_dir))
    second.remember()
    assert "(side bum)" in second.pages(first)["exercises/clam.md"]
