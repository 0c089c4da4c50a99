"""A routine over its weeks (issue 22): for each exercise the level and dosage to start with, the
check that says when to move up and where the next step starts.

The data holds no timetable of levels: it says where to start (the routine's level and dosage),
when to move up (the rules' `move_up`, the exercise's `progress_when`, and "the top of the dosage")
and what comes next (the next level, or the harder exercise). So the view computes those and no
more; which week a reader moves up in is theirs to mark, week by week.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Dosage, Exercise, Level, Routine, Span
from .text import dosage_text


@dataclass(frozen=True)
class NextStep:
    """Where an exercise goes once the check holds: its next level, or the exercise that takes it further."""

    name: str
    dosage: str | None  # the next level's own dosage; None for another exercise (it starts at its own first level)
    exercise: Exercise | None = None  # the harder exercise, when the step is one


@dataclass(frozen=True)
class WeeksRow:
    number: int
    exercise: Exercise
    level: Level
    level_number: int  # 1-based, in the exercise's ladder
    dosage: str  # the dosage to start with
    top: str | None  # the top of that dosage, which the moving-up rule asks for; None when there is no dosage
    check: str | None  # the exercise's own `progress_when`
    next: NextStep | None  # None at the top of the ladder


@dataclass(frozen=True)
class WeeksView:
    weeks: int
    rule: str | None  # the site's moving-up rule, in its words
    rows: list[WeeksRow]


def top_dosage(dosage: Dosage | None) -> Dosage | None:
    """The dosage with every range at its top (`[10, 15]` reps become 15): what "the top of the dosage" is."""
    if dosage is None:
        return None
    tops = {f.name: Span(value.high, value.high) for f in dataclasses.fields(dosage)
            if isinstance(value := getattr(dosage, f.name), Span)}
    return dataclasses.replace(dosage, **tops)


def next_step(exercise: Exercise, number: int, exercises: Mapping[str, Exercise]) -> NextStep | None:
    """After level `number` (1-based): the next level with its dosage, else the first harder exercise, else None."""
    if number < len(exercise.levels):
        level = exercise.levels[number]
        return NextStep(level.name, dosage_text(level.dosage))
    if exercise.harder and exercise.harder[0] in exercises:
        harder = exercises[exercise.harder[0]]
        return NextStep(harder.name, None, harder)
    return None


def weeks_row(number: int, exercise: Exercise, level: Level, dosage: Dosage | None,
              exercises: Mapping[str, Exercise]) -> WeeksRow:
    """One exercise of a card: `dosage` is the card's, or None for the level's own."""
    dosage = dosage or level.dosage
    level_number = exercise.levels.index(level) + 1
    return WeeksRow(number=number, exercise=exercise, level=level, level_number=level_number,
                    dosage=dosage_text(dosage), top=dosage_text(top_dosage(dosage)) if dosage else None,
                    check=exercise.progress_when, next=next_step(exercise, level_number, exercises))


def routine_weeks(routine: Routine, exercises: Mapping[str, Exercise], rule: str | None) -> WeeksView:
    """The routine's exercises over its `frequency.weeks`, each from its level and dosage in the routine."""
    rows = []
    for number, item in enumerate(routine.exercises, 1):
        exercise = exercises[item.exercise]
        # The loader has checked the level's name (catalogue.py), so it is there.
        level = next(lv for lv in exercise.levels if lv.name == item.level) if item.level else exercise.levels[0]
        rows.append(weeks_row(number, exercise, level, item.dosage, exercises))
    return WeeksView(weeks=routine.frequency.weeks, rule=rule, rows=rows)
