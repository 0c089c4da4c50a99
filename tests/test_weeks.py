"""A routine over its weeks (weeks.py), on the fixture project: where each exercise starts, the top
of its dosage that the moving-up rule asks for, its own check and the next step, over the
routine's weeks; nothing the data does not hold."""
from __future__ import annotations

import re
from html import escape

import pytest
from conftest import FIXTURE_SITE

from exercise_site.catalogue import load_catalogue
from exercise_site.model import Dosage, Span
from exercise_site.queries import Queries
from exercise_site.text import dosage_text
from exercise_site.weeks import top_dosage, weeks_row

CATALOGUE = load_catalogue(FIXTURE_SITE / "exercises")


def view(slug: str):
    return Queries(CATALOGUE).weeks(slug)


def test_the_weeks_are_the_routines_and_the_rule_is_the_sites():
    for slug, routine in CATALOGUE.routines.items():
        weeks = view(slug)
        assert weeks.weeks == routine.frequency.weeks
        assert weeks.rule == CATALOGUE.rules.move_up
        assert [row.exercise.slug for row in weeks.rows] == [item.exercise for item in routine.exercises]
        assert [row.number for row in weeks.rows] == list(range(1, len(routine.exercises) + 1))
    assert view("lower-leg-strength").weeks == 8 and view("daily-feet").weeks == 2


def test_each_exercise_starts_at_the_routines_level_and_dosage():
    rows = {row.exercise.slug: row for row in view("lower-leg-strength").rows}
    heel = rows["heel-lift"]
    assert (heel.level_number, heel.level.name) == (2, "One foot")  # the routine's level, not the first
    assert heel.dosage == "2–3 sets of 8–12 reps on each side"  # the level's own dosage
    step = rows["step-drop"]
    assert (step.level_number, step.dosage) == (1, "2 sets of 10 reps on each side")  # the routine's own dosage wins


def test_the_check_is_the_top_of_the_dosage_and_the_exercises_own_words():
    rows = {row.exercise.slug: row for row in view("lower-leg-strength").rows}
    assert rows["heel-lift"].top == "3 sets of 12 reps on each side"
    assert rows["heel-lift"].check == CATALOGUE.exercises["heel-lift"].progress_when
    assert rows["front-hold"].top == "3 sets of 40 s"
    assert rows["curl-up"].top == "2 sets of 12 reps, holding each for 2 s"
    assert rows["step-drop"].top == rows["step-drop"].dosage  # an exact dosage is its own top
    assert rows["towel-grip"].check is None  # no words of its own: the site's rule alone


def test_top_dosage_takes_every_range_to_its_top_and_keeps_the_rest():
    dosage = Dosage(sets=Span(1, 2), reps=Span(10, 15), hold_seconds=Span(0, 5), per_side=True, note="slowly")
    top = top_dosage(dosage)
    assert (top.sets, top.reps, top.hold_seconds, top.per_side, top.note) == (Span(2, 2), Span(15, 15), Span(5, 5), True, "slowly")
    assert dosage_text(top) == "2 sets of 15 reps on each side, holding each for 5 s; slowly"
    assert top_dosage(Dosage(sets=2, reps=10)) == Dosage(sets=2, reps=10)
    assert top_dosage(None) is None


def test_the_next_step_is_the_next_level_then_the_harder_exercise_then_none():
    rows = {row.exercise.slug: row for row in view("lower-leg-strength").rows}
    step = rows["step-drop"].next
    assert (step.name, step.dosage, step.exercise) == ("Weighted", "3 sets of 8–12 reps on each side; a load you can lower with control", None)
    heel = rows["heel-lift"].next  # the top level of its ladder: the exercise that takes it further
    assert heel.exercise is CATALOGUE.exercises["step-drop"] and heel.name == "Step drop" and heel.dosage is None
    assert rows["marching"].next is None and rows["front-hold"].next is None  # the top, and nothing harder


def test_a_harder_exercise_not_in_the_catalogue_is_no_step():
    heel = CATALOGUE.exercises["heel-lift"]
    without = {slug: e for slug, e in CATALOGUE.exercises.items() if slug != "step-drop"}
    assert weeks_row(1, heel, heel.levels[1], None, without).next is None
    assert weeks_row(1, heel, heel.levels[0], None, without).next.name == "One foot"


@pytest.mark.parametrize("slug", sorted(CATALOGUE.routines))
def test_every_row_says_where_to_start_and_what_comes_next(slug):
    for row in view(slug).rows:
        assert row.dosage and row.level in row.exercise.levels
        number = row.exercise.levels.index(row.level) + 1
        assert row.level_number == number
        if number < len(row.exercise.levels):
            assert row.next.name == row.exercise.levels[number].name
        elif row.exercise.harder:
            assert row.next.exercise.slug == row.exercise.harder[0]
        else:
            assert row.next is None


# --- the routine page (a real build of the fixture project) ------------------------------------


def weeks_part(built_site, slug: str) -> str:
    html = (built_site / "routines" / slug / "index.html").read_text(encoding="utf-8")
    card = html.split('<div class="rx-card-page"', 1)[1]
    assert card.count('<div class="rx-weeks"') == 1, f"{slug}: the weeks must be on the card, once"
    return card.split('<div class="rx-weeks"', 1)[1]


@pytest.mark.parametrize("slug", sorted(CATALOGUE.routines))
def test_a_routine_page_has_its_weeks_after_the_card(built_site, slug):
    part = weeks_part(built_site, slug)
    routine = CATALOGUE.routines[slug]
    weeks = view(slug)
    assert f"{routine.name}: week by week" in part and CATALOGUE.rules.move_up in part
    head, body = part.split("</thead>", 1)
    assert re.findall(r'<span class="rx-vh">Week </span>(\d+)</th>', head) == [str(n) for n in range(1, weeks.weeks + 1)]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("</tbody>", 1)[0], re.S)
    assert len(rows) == len(routine.exercises)
    for row, cells in zip(weeks.rows, rows):
        assert f'<span class="rx-w-name">{escape(row.exercise.name, quote=False)}</span>' in cells
        assert f'<span class="rx-w-dosage">{escape(row.dosage, quote=False)}</span>' in cells
        assert cells.count('<span class="rx-box"></span>') == weeks.weeks
        if row.next is None:
            assert "rx-w-stay" in cells and "rx-w-up" not in cells and "rx-w-harder" not in cells
        else:
            assert escape(row.next.name, quote=False) in cells
