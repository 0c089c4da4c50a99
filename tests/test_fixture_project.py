"""The neutral fixture project (tests/fixtures/site/) that the generator's tests build: it stays
valid, and it keeps using every feature of the data model, so the tests built on it cover them."""
from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_SITE, copy_project
from exercise_site.catalogue import load_catalogue
from exercise_site.cli import main
from exercise_site.model import OneOf


def test_the_fixture_project_passes_make_check(tmp_path: Path, capsys):
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    assert "0 warnings" in capsys.readouterr().out


def test_the_fixture_project_uses_every_feature_the_generator_has():
    catalogue = load_catalogue(FIXTURE_SITE / "exercises")
    exercises = list(catalogue.exercises.values())
    levels = [level for exercise in exercises for level in exercise.levels]
    assert any(isinstance(gear, OneOf) for level in levels for gear in level.equipment), "a level with a choice of equipment"
    assert any(level.sides and level.sides != e.sides for e in exercises for level in e.levels), "a level with its own sides"
    assert any(level.figure for level in levels), "a level with its own figure"
    assert any(level.dosage and level.dosage.per_side for level in levels), "a per-side dosage"
    assert any(level.dosage and level.dosage.hold_seconds for level in levels), "a hold"
    assert any(level.dosage and level.dosage.duration_seconds for level in levels), "a timed set"
    assert any(e.figure.props for e in exercises), "a figure with a prop"
    assert any(e.harder for e in exercises), "a progression to a harder exercise"
    assert any(not e.equipment and not any(level.equipment for level in e.levels) for e in exercises), "an exercise with no equipment"
    assert len({e.position for e in exercises}) >= 4 and len({e.kind for e in exercises}) >= 4
    routines = list(catalogue.routines.values())
    assert any(r.frequency.build_to for r in routines) and any(r.capacity_check for r in routines)
    assert any(getattr(r.frequency.per_week, "high", r.frequency.per_week) > 3 for r in routines), "a routine of more than three sessions a week"
    pages = list(catalogue.conditions.values())
    assert any(p.starter for p in pages) and any(p.no_starter for p in pages)
    assert any(p.cautions for p in pages) and any(p.also_consider for p in pages)
    assert any(area.first for area in catalogue.vocabulary.body_areas)
    plans = list(catalogue.plans.values())
    assert plans and any(s.ends_with == "run" for p in plans for s in p.stages), "a walk-run plan with a session that ends on a run"
