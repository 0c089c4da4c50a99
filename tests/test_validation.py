"""One test per kind of bad input: each message names the file, the line and the field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.problems import CatalogueError

from conftest import edit, line_of, problems_for


def test_fixture_is_valid(fixture_dir):
    catalogue = load_catalogue(fixture_dir)
    assert list(catalogue.exercises) == ["bridge", "clam"]
    assert catalogue.exercises["bridge"].levels[1].dosage.per_side is True
    assert [r.slug for r in catalogue.routines_using("clam")] == ["short"]


def test_yaml_syntax_error(fixture_dir):
    clam = fixture_dir / "clam.yml"
    edit(clam, "kind: strength", "kind: [strength")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith("exercises/clam.yml:")
    assert "(YAML syntax)" in problem
    line = int(problem.split(":")[1])
    assert line >= line_of(clam, "kind: [strength")


def test_missing_required_field(fixture_dir):
    edit(fixture_dir / "clam.yml", "summary: Open the top knee while lying on your side.\n", "")
    (problem,) = problems_for(fixture_dir)
    assert re.match(r"exercises/clam\.yml:1:1: summary: is required but missing", problem)


def test_wrong_type(fixture_dir):
    clam = fixture_dir / "clam.yml"
    edit(clam, "muscles: [gluteus medius]", "muscles: gluteus medius")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith(f"exercises/clam.yml:{line_of(clam, 'muscles:')}:")
    assert "muscles: expected a list" in problem


def test_number_where_text_expected(fixture_dir):
    clam = fixture_dir / "clam.yml"
    edit(clam, "name: Clam", "name: 42")
    (problem,) = problems_for(fixture_dir)
    assert problem == "exercises/clam.yml:1:7: name: expected text, got a whole number (put it in quotes to make it text)"


def test_unknown_key_suggests_the_field_meant(fixture_dir):
    bridge = fixture_dir / "bridge.yml"
    edit(bridge, "    steps:\n      - Straighten", "    instrutions:\n      - Straighten")
    found = problems_for(fixture_dir)
    line = line_of(bridge, "instrutions")
    assert f"exercises/bridge.yml:{line}:5: levels[1].instrutions: unknown field (did you mean 'steps'?)" in found
    assert any("levels[1].steps: is required but missing" in p for p in found)


def test_unknown_vocabulary_value_suggests(fixture_dir):
    clam = fixture_dir / "clam.yml"
    edit(clam, "position: lying on your side", "position: lying on your sid")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith(f"exercises/clam.yml:{line_of(clam, 'position')}:11: position: no position 'lying on your sid' in vocabulary.yml")
    assert "(did you mean 'lying on your side'?)" in problem


def test_unknown_key_suggests_from_common_synonyms(fixture_dir):
    edit(fixture_dir / "clam.yml", "summary:", "description:")
    (problem, missing) = sorted(problems_for(fixture_dir), key=lambda p: "unknown" not in p)
    assert problem == "exercises/clam.yml:2:1: description: unknown field (did you mean 'summary'?)"
    assert missing == "exercises/clam.yml:1:1: summary: is required but missing"


def test_empty_file(fixture_dir):
    (fixture_dir / "clam.yml").write_text("# nothing yet\n")
    found = problems_for(fixture_dir)
    assert "exercises/clam.yml:1:1: (file): file is empty" in found


def test_duplicate_names(fixture_dir):
    edit(fixture_dir / "clam.yml", "name: Clam", "name: bridge")
    assert problems_for(fixture_dir) == [
        "exercises/bridge.yml:1:7: name: 'Bridge' is also the name in exercises/clam.yml:1; give each its own name",
        "exercises/clam.yml:1:7: name: 'bridge' is also the name in exercises/bridge.yml:1; give each its own name",
    ]


def test_duplicate_key(fixture_dir):
    edit(fixture_dir / "clam.yml", "kind: strength", "kind: strength\nkind: stretch")
    (problem,) = problems_for(fixture_dir)
    assert problem == "exercises/clam.yml:4:1: kind: appears twice"


def test_link_to_missing_exercise(fixture_dir):
    bridge = fixture_dir / "bridge.yml"
    edit(bridge, "related: [clam]", "related: [clams]")
    (problem,) = problems_for(fixture_dir)
    assert problem == f"exercises/bridge.yml:{line_of(bridge, 'related')}:11: related[0]: no exercise 'clams' in exercises/ (did you mean 'clam'?)"


def test_link_to_missing_source(fixture_dir):
    edit(fixture_dir / "clam.yml", "sources: [manual]", "sources: [manuel]")
    (problem,) = problems_for(fixture_dir)
    assert "sources[0]: no source 'manuel' in exercises/sources.yml (did you mean 'manual'?)" in problem
    assert problem.startswith("exercises/clam.yml:")


def test_range_written_as_text(fixture_dir):
    edit(fixture_dir / "bridge.yml", "reps: [10, 15]", "reps: 10-15")
    (problem,) = problems_for(fixture_dir)
    assert "levels[0].dosage.reps: write the range '10-15' as a list: [10, 15]" in problem


def test_reversed_range(fixture_dir):
    edit(fixture_dir / "bridge.yml", "reps: [10, 15]", "reps: [15, 10]")
    (problem,) = problems_for(fixture_dir)
    assert "levels[0].dosage.reps: range [15, 10] goes downwards" in problem


def test_empty_dosage(fixture_dir):
    edit(fixture_dir / "bridge.yml", "dosage: {sets: 2, reps: 8, per_side: true}", "dosage: {sets: 2}")
    (problem,) = problems_for(fixture_dir)
    assert "levels[1].dosage: give reps, hold_seconds, duration_seconds or a note" in problem


def test_file_that_would_be_ignored(fixture_dir):
    (fixture_dir / "side-step.yaml").write_text("name: Side step\n")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith("exercises/side-step.yaml:1:1:")
    assert "rename it to .yml" in problem


def test_file_name_is_not_a_slug(fixture_dir):
    (fixture_dir / "clam.yml").rename(fixture_dir / "Clam Shell.yml")
    found = problems_for(fixture_dir)
    assert any(p.startswith("exercises/Clam Shell.yml:1:1: (file name): 'Clam Shell' is not a valid slug") for p in found)


def test_every_error_is_collected_at_once(fixture_dir):
    edit(fixture_dir / "clam.yml", "kind: strength", "kind: strenght")
    edit(fixture_dir / "bridge.yml", "sides: both together", "sides: both")
    (fixture_dir / "extra.yml").write_text("")
    found = problems_for(fixture_dir)
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {"exercises/clam.yml", "exercises/bridge.yml", "exercises/extra.yml"}


def test_routine_with_unknown_level(fixture_dir):
    routine = fixture_dir / "routines" / "short.yml"
    edit(routine, "level: One leg", "level: One-leg")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith(f"exercises/routines/short.yml:{line_of(routine, 'level:')}:12: exercises[0].level:")
    assert "'Bridge' has no level 'One-leg'" in problem and "(did you mean 'One leg'?)" in problem


def test_routine_with_unknown_exercise(fixture_dir):
    edit(fixture_dir / "routines" / "short.yml", "exercise: clam", "exercise: clams")
    (problem,) = problems_for(fixture_dir)
    assert "exercises/routines/short.yml:" in problem
    assert "exercises[1].exercise: no exercise 'clams' in exercises/ (did you mean 'clam'?)" in problem


def test_routine_missing_frequency(fixture_dir):
    edit(fixture_dir / "routines" / "short.yml", "frequency: {per_week: [2, 3], build_to: 3, weeks: 4, maintain: once a week}\n", "")
    (problem,) = problems_for(fixture_dir)
    assert problem == "exercises/routines/short.yml:1:1: frequency: is required but missing"


def test_source_without_author_or_publisher(fixture_dir):
    edit(fixture_dir / "sources.yml", "  author: Test Author\n", "")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith("exercises/sources.yml:2:3: manual: give an author or a publisher")


def test_warnings_are_not_errors(fixture_dir):
    edit(fixture_dir / "bridge.yml", "related: [clam]", "related: []")
    catalogue = load_catalogue(fixture_dir)
    messages = [str(w) for w in catalogue.warnings]
    assert any("related[0]: warning: 'bridge' does not link back to 'clam'" in m for m in messages)


def test_equipment_choice_is_one_entry(fixture_dir):
    from exercise_site.model import OneOf

    edit(fixture_dir / "clam.yml", "equipment: [loop band]", "equipment: [mat or towel, {one_of: [loop band, resistance band]}]")
    clam = load_catalogue(fixture_dir).exercises["clam"]
    assert clam.equipment == ["mat or towel", OneOf(one_of=["loop band", "resistance band"])]


@pytest.mark.parametrize("written, message", [
    ("[[loop band, chair]]", "equipment[0]: expected a name from `equipment` in vocabulary.yml, or a choice written {one_of: ...}, got a list"),
    ("[{one_of: [loop band]}]", "equipment[0].one_of: needs at least 2 items, got 1"),
    ("[{one_of: [loop band, chiar]}]", "equipment[0].one_of[1]: no equipment 'chiar' in vocabulary.yml (did you mean 'chair'?)"),
    ("[{oneof: [loop band, chair]}]", "equipment[0].oneof: unknown field (did you mean 'one_of'?)"),
])
def test_bad_equipment_choice(fixture_dir, written, message):
    clam = fixture_dir / "clam.yml"
    edit(clam, "equipment: [loop band]", f"equipment: {written}")
    found = problems_for(fixture_dir)
    assert any(p.startswith(f"exercises/clam.yml:{line_of(clam, 'equipment:')}:") and message in p for p in found), found


def test_the_rules_file_is_required(fixture_dir):
    (fixture_dir / "rules.yml").unlink()
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith("exercises/rules.yml:1:1: ") and "the rules file is missing" in problem


def test_a_rule_with_a_missing_part_names_it(fixture_dir):
    edit(fixture_dir / "rules.yml", "  otherwise: Otherwise do less.\n", "")
    (problem,) = problems_for(fixture_dir)
    assert problem == "exercises/rules.yml:2:3: pain.otherwise: is required but missing"


def test_the_rule_cites_a_known_source(fixture_dir):
    edit(fixture_dir / "rules.yml", "sources: [silbernagel-pain-monitoring]", "sources: [silbernagel]")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith(f"exercises/rules.yml:{line_of(fixture_dir / 'rules.yml', 'sources:')}:") and "no source 'silbernagel'" in problem


@pytest.mark.parametrize("field, value, message", [
    ("doi", "https://doi.org/10.1136/bmj.k1662", "a DOI starts with '10.'"),
    ("url", "www.example.org/page", "an address starts with https://"),
])
def test_a_source_link_must_be_usable(fixture_dir, field, value, message):
    edit(fixture_dir / "sources.yml", "  kind: test source\n", f"  kind: test source\n  {field}: {value}\n")
    (problem,) = problems_for(fixture_dir)
    assert problem.startswith(f"exercises/sources.yml:5:{len(field) + 5}: manual.{field}: {message}")
