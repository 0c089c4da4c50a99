"""The data model: every field an exercise, routine or source may have, in one place.

The validator (`validate.py`), the JSON Schema (`schema.py`) and the field reference in
CONTRIBUTING.md are all derived from these classes, so a field is added or changed here
and nowhere else. Each field's `doc` is what editors show on hover.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal, Union

# --- vocabularies -------------------------------------------------------------------
# Closed lists so that the catalogue can be filtered and a typo is caught.
# Add a value here when an exercise needs one; labels are shown to readers as written.

Kind = Literal["strength", "stability", "mobility", "stretch", "plyometric", "warm-up"]

Position = Literal[
    "standing",
    "lying on your back",
    "lying on your side",
    "face down",
    "kneeling",
    "sitting",
]

Sides = Literal["each side", "both together"]

Muscle = Literal[
    "gluteus maximus",
    "gluteus medius",
    "gluteus minimus",
    "deep hip rotators",
    "hip abductors",
    "hip adductors",
    "hip flexors",
    "tensor fasciae latae",
    "quadriceps",
    "hamstrings",
    "calves",
    "foot and ankle",
    "core",
    "lower back",
]

Equipment = Literal[
    "loop band",
    "resistance band",
    "wall",
    "chair",
    "step",
    "gym ball",
    "foam roller",
    "hand weights",
    "hip abductor machine",
    "suspension straps",
    "mat or towel",
]

Condition = Literal[
    "trochanteric pain",
    "IT band syndrome",
    "piriformis syndrome",
    "runner's knee",
    "hip flexor strain",
    "SI joint pain",
    "hip pain after running",
]

When = Literal["before a run", "after a run", "rest day", "any day"]


# --- field markers ------------------------------------------------------------------


@dataclass(frozen=True)
class NonEmpty:
    """A list that must hold at least one item."""


@dataclass(frozen=True)
class Ref:
    """A name that must exist elsewhere in the catalogue: `exercise` or `source`."""

    target: str


@dataclass(frozen=True)
class AtLeast:
    minimum: int


ExerciseRef = Annotated[str, Ref("exercise")]
SourceRef = Annotated[str, Ref("source")]


@dataclass(frozen=True)
class Span:
    """A count that is either exact (`10`) or a range written as a two-item list (`[10, 15]`)."""

    low: int
    high: int

    @property
    def is_range(self) -> bool:
        return self.low != self.high


Count = Union[int, Span]


def doc(text: str, **kwargs):
    """A dataclass field with its documentation attached."""
    return field(metadata={"doc": text}, **kwargs)


def _none() -> list:
    return []


# --- records ------------------------------------------------------------------------


@dataclass(kw_only=True)
class Dosage:
    """How much to do. Give reps, a hold or a duration (or a combination)."""

    sets: Count | None = doc("Number of sets, e.g. `2` or `[1, 2]`.", default=None)
    reps: Count | None = doc("Repetitions per set (per side when `per_side`), e.g. `10` or `[10, 15]`.", default=None)
    hold_seconds: Count | None = doc("Seconds to hold the end position of each repetition, e.g. `5` or `[0, 5]`.", default=None)
    duration_seconds: Count | None = doc("Seconds for the whole set when it is timed rather than counted, e.g. `[30, 45]`.", default=None)
    per_side: bool = doc("True when the reps, hold or duration are done on each side in turn.", default=False)
    note: str | None = doc("A short qualifier that does not fit the numbers, e.g. `until the side of the hip burns`.", default=None)


@dataclass(kw_only=True)
class Level:
    """One step of an exercise's progression, easiest first."""

    name: str = doc("Short label for the level, e.g. `Basic`, `Added difficulty`, `One leg`.")
    changes: str = doc("One sentence: what this level is, or what changes from the level before.")
    steps: Annotated[list[str], NonEmpty()] = doc("Step-by-step instructions, one action per item, in order.")
    dosage: Dosage | None = doc("Sets, reps, holds or time for this level.", default=None)
    equipment: list[Equipment] = doc("Equipment needed at this level on top of the exercise's own.", default_factory=_none)


@dataclass(kw_only=True)
class Exercise:
    """One exercise, stored as `exercises/<slug>.yml`; its page is `/exercises/<slug>/`."""

    name: str = doc("The name readers know it by, e.g. `Clamshell`.")
    summary: str = doc("One line: what it is and what it is for. Shown in lists, search results and the page description.")
    kind: Kind = doc("What sort of exercise it is.")
    position: Position = doc("Body position the exercise starts in.")
    sides: Sides = doc("Whether it is done one side at a time or with both sides together.")
    muscles: Annotated[list[Muscle], NonEmpty()] = doc("Main muscles worked, most important first.")
    levels: Annotated[list[Level], NonEmpty()] = doc("Progression levels, easiest first.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the articles this exercise comes from.")
    other_names: list[str] = doc("Other names people search for, e.g. ballet terms or `clam`.", default_factory=_none)
    equipment: list[Equipment] = doc("Equipment needed at every level; leave empty for none.", default_factory=_none)
    helps_with: list[Condition] = doc("Problems the source articles use it for.", default_factory=_none)
    progress_when: str | None = doc("When to move up a level.", default=None)
    step_back_when: str | None = doc("When to go back down a level.", default=None)
    cues: list[str] = doc("Form cues, most important first; routine cards show the first two.", default_factory=_none)
    stop_if: list[str] = doc("Exercise-specific reasons to stop (the general pain rule is always shown too).", default_factory=_none)
    related: list[ExerciseRef] = doc("Slugs of related exercises or variations.", default_factory=_none)
    harder: list[ExerciseRef] = doc("Slugs of separate exercises that take this one further (the easier direction is derived).", default_factory=_none)
    slug: str = field(init=False, default="")  # the file name, set by the loader


@dataclass(kw_only=True)
class Frequency:
    """How often a routine is done: a starting rate, optionally built up, then maintenance."""

    per_week: Count = doc("Sessions per week to start with, e.g. `1` or `[2, 3]`.")
    build_to: Count | None = doc("Sessions per week to build up to once the start feels easy.", default=None)
    weeks: Annotated[int, AtLeast(1)] = doc("Weeks the tracking grid on the printed card covers.", default=6)
    maintain: str | None = doc("What to do after those weeks, e.g. `at least once a week`.", default=None)


@dataclass(kw_only=True)
class RoutineItem:
    """One exercise of a routine, at a chosen level."""

    exercise: ExerciseRef = doc("Slug of the exercise, e.g. `clamshell`.")
    level: str | None = doc("Name of the exercise level to do; the first level when left out.", default=None)
    dosage: Dosage | None = doc("Dosage for this routine; the level's own dosage when left out.", default=None)
    cues: list[str] = doc("One or two cues for the card; the exercise's first two cues when left out.", default_factory=_none)


@dataclass(kw_only=True)
class Routine:
    """A named set of exercises done together, stored as `exercises/routines/<slug>.yml`."""

    name: str = doc("Title of the routine, e.g. `Post-run hip relief`.")
    summary: str = doc("One line: who it is for and what it does.")
    purpose: str = doc("Two or three sentences on why these exercises belong together.")
    when: Annotated[list[When], NonEmpty()] = doc("When in the week the routine fits.")
    minutes: Count = doc("Time one session takes, in minutes, e.g. `15` or `[10, 15]`.")
    frequency: Frequency = doc("How often to do it.")
    exercises: Annotated[list[RoutineItem], NonEmpty()] = doc("The exercises in the order they are done.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the articles this routine comes from.")
    capacity_check: str | None = doc("A simple test of whether the reader is ready, shown on the card.", default=None)
    slug: str = field(init=False, default="")  # the file name, set by the loader


@dataclass(kw_only=True)
class Source:
    """One source article, keyed in `exercises/sources.yml`."""

    title: str = doc("Title of the article as published (the main title, before any colon).")
    subtitle: str | None = doc("The part of the title after the colon, if any.", default=None)
    series: str | None = doc("The series or blog the article is a chapter of, if any.", default=None)
    kind: str = doc("Who wrote it, in a few words, e.g. `chiropractor's blog`.")
    author: str | None = doc("Author's name, when the article gives one.", default=None)
    publisher: str | None = doc("Publisher, clinic or site, when the article gives one.", default=None)
    published: str | None = doc("Publication date as the article gives it, e.g. `2020-06-16`.", default=None)


# Words people reach for instead of our field names; the validator suggests the real one.
FIELD_ALIASES = {
    "instructions": "steps",
    "description": "summary",
    "title": "name",
    "aliases": "other_names",
    "synonyms": "other_names",
    "muscle": "muscles",
    "conditions": "helps_with",
    "variations": "related",
    "progressions": "harder",
    "reps_per_side": "per_side",
    "hold": "hold_seconds",
    "duration": "duration_seconds",
    "source": "sources",
}

SOURCES_FILE = "sources.yml"
ROUTINES_DIR = "routines"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
