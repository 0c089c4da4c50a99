"""The data model: every field an exercise, routine or source may have, in one place.

The validator (`validate.py`), the JSON Schema (`schema.py`) and the field reference in
CONTRIBUTING.md are all derived from these classes, so a field is added or changed here
and nowhere else. Each field's `doc` is what editors show on hover.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal, Union

# --- vocabularies -------------------------------------------------------------------
# The closed word lists (muscles, equipment, positions, kinds, routine times) are data, in
# `exercises/vocabulary.yml` (`Vocabulary` below): a field that takes one of their words is
# marked `Word(<list>)`, and the loader checks every such word against the list.

Sides = Literal["each side", "both together"]


# --- field markers ------------------------------------------------------------------


@dataclass(frozen=True)
class NonEmpty:
    """A list that must hold at least one item."""


@dataclass(frozen=True)
class Ref:
    """A name that must exist elsewhere in the catalogue: `exercise` or `source`."""

    target: str


@dataclass(frozen=True)
class Word:
    """A word that must be one of the names in a list of `vocabulary.yml`, e.g. `muscles`."""

    vocabulary: str


@dataclass(frozen=True)
class AtLeast:
    minimum: int


@dataclass(frozen=True)
class Between:
    """A whole number from `minimum` to `maximum`, both included; it may be negative."""

    minimum: int
    maximum: int


@dataclass(frozen=True)
class MinItems:
    """A list of at least `items` items, e.g. two or more alternatives."""

    items: int


@dataclass(frozen=True)
class Length:
    """A list of exactly `items` items, e.g. a pair of limbs."""

    items: int


ExerciseRef = Annotated[str, Ref("exercise")]
SourceRef = Annotated[str, Ref("source")]
Kind = Annotated[str, Word("kinds")]
Position = Annotated[str, Word("positions")]
Muscle = Annotated[str, Word("muscles")]
Equipment = Annotated[str, Word("equipment")]
When = Annotated[str, Word("when")]


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


EVIDENCE_NOTE = ("A plain sentence or two about the evidence, shown under 'About the evidence': where this page departs "
                 "from an older source article and why, e.g. `An older rule of thumb says ...; a 2025 study of 5,000 people "
                 "found ...`, or how strong the evidence for it is.")


# --- records ------------------------------------------------------------------------


@dataclass(kw_only=True)
class Dosage:
    """How much to do. Give reps, a hold or a duration (or a combination)."""

    sets: Count | None = doc("Number of sets, e.g. `2` or `[1, 2]`.", default=None)
    reps: Count | None = doc("Repetitions per set (per side when `per_side`), e.g. `10` or `[10, 15]`.", default=None)
    hold_seconds: Count | None = doc("Seconds to hold the end position of each repetition, e.g. `5` or `[0, 5]`.", default=None)
    duration_seconds: Count | None = doc("Seconds for the whole set when it is timed rather than counted, e.g. `[30, 45]`.", default=None)
    per_side: bool = doc("True when the reps, hold or duration are done on each side in turn.", default=False)
    note: str | None = doc("A short qualifier that does not fit the numbers, e.g. `until the muscles tire`.", default=None)


@dataclass(kw_only=True)
class OneOf:
    """Alternatives: any one of these will do, e.g. `{one_of: [chair, suspension straps]}`."""

    one_of: Annotated[list[Equipment], MinItems(2)] = doc("Two or more pieces of equipment, as `vocabulary.yml` names them under `equipment`, any one of which is enough.")


# An entry of an `equipment` list: one thing that is needed, or a choice of alternatives.
Gear = Union[Equipment, OneOf]


def gear_names(entries: list[Gear]) -> list[str]:
    """Every piece of equipment the entries name, alternatives included, each once."""
    found: list[str] = []
    for entry in entries:
        for name in entry.one_of if isinstance(entry, OneOf) else [entry]:
            if name not in found:
                found.append(name)
    return found


@dataclass(kw_only=True)
class Level:
    """One step of an exercise's progression, easiest first."""

    name: str = doc("Short label for the level, e.g. `Basic`, `Added difficulty`, `One leg`.")
    changes: str = doc("One sentence: what this level is, or what changes from the level before.")
    steps: Annotated[list[str], NonEmpty()] = doc("Step-by-step instructions, one action per item, in order.")
    dosage: Dosage | None = doc("Sets, reps, holds or time for this level.", default=None)
    equipment: list[Gear] = doc("Equipment needed at this level on top of the exercise's own; `{one_of: [a, b]}` where either will do.", default_factory=_none)
    sides: Sides | None = doc("Only where this level differs from the exercise's `sides`, e.g. a one-leg version of a two-leg exercise.", default=None)
    position: Position | None = doc("Only where this level starts in another position than the exercise's, e.g. a kneeling version of a standing stretch.", default=None)
    figure: Figure | None = doc("A figure for this level, only where its movement differs from the exercise's own figure (see `Figure`).", default=None)


@dataclass(kw_only=True)
class Exercise:
    """One exercise, stored as `exercises/<slug>.yml`; its page is `/exercises/<slug>/`."""

    name: str = doc("The name readers know it by, e.g. `Clamshell`.")
    summary: str = doc("One line: what it is and what it is for. Shown in lists, search results and the page description.")
    kind: Kind = doc("What sort of exercise it is, as `vocabulary.yml` names it under `kinds`.")
    position: Position = doc("Body position the exercise starts in, as `vocabulary.yml` names it under `positions`.")
    sides: Sides = doc("Whether it is done one side at a time or with both sides together.")
    muscles: Annotated[list[Muscle], NonEmpty()] = doc("Main muscles worked, as `vocabulary.yml` names them under `muscles`, most important first.")
    levels: Annotated[list[Level], NonEmpty()] = doc("Progression levels, easiest first.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the articles this exercise comes from.")
    other_names: list[str] = doc("Other names people search for, e.g. ballet terms or `clam`.", default_factory=_none)
    equipment: list[Gear] = doc("Equipment needed at every level, as `vocabulary.yml` names it under `equipment`; `{one_of: [a, b]}` where either will do; leave empty for none.", default_factory=_none)
    helps_with: list[str] = doc("Conditions the sources use it for, each as a condition page in `exercises/conditions/` names it in `condition`.", default_factory=_none)
    progress_when: str | None = doc("When to move up a level.", default=None)
    step_back_when: str | None = doc("When to go back down a level.", default=None)
    cues: list[str] = doc("Form cues, most important first; printed cards show the first.", default_factory=_none)
    stop_if: list[str] = doc("Exercise-specific reasons to stop (the general pain rule is always shown too).", default_factory=_none)
    related: list[ExerciseRef] = doc("Slugs of related exercises or variations.", default_factory=_none)
    harder: list[ExerciseRef] = doc("Slugs of separate exercises that take this one further (the easier direction is derived).", default_factory=_none)
    evidence_note: str | None = doc(EVIDENCE_NOTE, default=None)
    figure: Figure = doc("The drawing of the first level: start and end positions as poses (see `Figure`).")
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
    cues: list[str] = doc("The cue for the card; the exercise's first cue when left out.", default_factory=_none)


@dataclass(kw_only=True)
class Routine:
    """A named set of exercises done together, stored as `exercises/routines/<slug>.yml`."""

    name: str = doc("Title of the routine, e.g. `After-training stretches`.")
    summary: str = doc("One line: who it is for and what it does.")
    purpose: str = doc("Two or three sentences on why these exercises belong together.")
    when: Annotated[list[When], NonEmpty()] = doc("When in the week the routine fits, as `vocabulary.yml` names it under `when`.")
    minutes: Count = doc("Time one session takes, in minutes, e.g. `15` or `[10, 15]`.")
    frequency: Frequency = doc("How often to do it.")
    exercises: Annotated[list[RoutineItem], NonEmpty()] = doc("The exercises in the order they are done.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the articles this routine comes from.")
    capacity_check: str | None = doc("A simple test of whether the reader is ready, shown on the card.", default=None)
    evidence_note: str | None = doc(EVIDENCE_NOTE, default=None)
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
    published: str | None = doc("Publication date or year as the source gives it, e.g. `2020-06-16` or `2018`.", default=None)
    doi: str | None = doc("The DOI, without `https://doi.org/`, e.g. `10.1136/bmj.k1662`; shown as a link.", default=None)
    url: str | None = doc("The address where the source can be read, when it has no DOI.", default=None)


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
# Cues a printed card shows for each exercise: one keeps a card of nine on one sheet beside its
# pain log and run log; the exercise's page, a scan of the card's code away, has them all.
CARD_CUES = 1
ROUTINES_DIR = "routines"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


import re as _re  # noqa: E402  (kept with the section that uses it)
import unicodedata as _unicodedata  # noqa: E402

RoutineRef = Annotated[str, Ref("routine")]


@dataclass(kw_only=True)
class Caution:
    """An exercise to change or leave out for a condition, and how."""

    exercise: ExerciseRef = doc("Slug of the exercise.")
    advice: str = doc("What to do instead, in one or two sentences, e.g. `Keep to level 1; at level 2 the squeeze presses on the sore tendons.`")


@dataclass(kw_only=True)
class ConditionPage:
    """A condition's page, stored as `exercises/conditions/<slug>.yml` and shown at `/conditions/<slug>/`; it lists the exercises whose `helps_with` names the condition."""

    condition: str = doc("The condition this page is about, in lower case as exercises name it in `helps_with`, e.g. `tennis elbow`.")
    name: str = doc("Page title in plain words, e.g. `Tennis elbow (outer elbow pain)`.")
    summary: str = doc("One line: what it is. Shown in lists, search results and the page description.")
    also_called: list[str] = doc("Other names and the words readers search with, e.g. `lateral epicondylalgia`, `pain when I grip`; search finds the page by them.", default_factory=_none)
    feels: Annotated[list[str], NonEmpty()] = doc("How it usually feels, in plain words, one sentence an item: at night or lying on it, sitting, stairs, hills, which part of a run. The page opens with it.")
    activity_now: str = doc("The sport this week (mkdocs.yml names it in `extra.activity`, e.g. `cycling`): how much, or none, and what to leave out; shown under what to do now.")
    starter: RoutineRef | None = doc("Slug of the routine of two to four exercises to start with, each at its first level and dose: listed under what to do now, and its page is the starter card. Leave out only with `no_starter`.", default=None)
    no_starter: str | None = doc("Why the page has no exercises to start with (for example: be assessed first), in place of `starter`.", default=None)
    what_it_is: Annotated[list[str], NonEmpty()] = doc("What it is, in plain words, one paragraph an item; shown after what to do now.")
    muscles: list[Muscle] = doc("Muscles at the heart of the condition, as `vocabulary.yml` names them; the page also lists exercises that work them, apart from those the sources use for it.", default_factory=_none)
    how_exercises_help: Annotated[list[str], NonEmpty()] = doc("Why the exercises and routines listed on the page help, one paragraph an item. No cure claims.")
    day_to_day: list[str] = doc("What to change in daily life and in training while it settles, one piece of advice an item; shown before the exercises.", default_factory=_none)
    how_long: str = doc("How long it usually takes to settle with the right management, in plain words; part of what to do now.")
    see_a_professional: Annotated[list[str], NonEmpty()] = doc("Signs that call for a physio or doctor with this condition, one an item; the general red flags are always linked too.")
    areas: list[str] = doc("Where on the body it hurts, as `vocabulary.yml` names the body areas, e.g. `outer knee`; the body map links each area to the pages that name it.", default_factory=_none)
    also_consider: list[str] = doc("Other conditions, as their pages name them in `condition`, that can cause pain in the same place and need other care (for example one that must be ruled out first); linked under when to see someone.", default_factory=_none)
    cautions: list[Caution] = doc("Exercises to change or leave out with this condition, with how. One the sources recommend for it (`helps_with`) stays on its list with the change; any other is kept off the page's lists. The advice also shows on the exercise's page.", default_factory=_none)
    evidence_note: str | None = doc(EVIDENCE_NOTE, default=None)
    routines: list[RoutineRef] = doc("Slugs of routines that fit, most useful first.", default_factory=_none)
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the articles the text comes from.")
    slug: str = field(init=False, default="")  # the file name, set by the loader


CONDITIONS_DIR = "conditions"


@dataclass(kw_only=True)
class PainRule:
    """The one rule for pain during exercise and sport, shown on every exercise, condition and routine page, every card and the builder."""

    name: str = doc("What the rule is called on the site, e.g. `The pain rule`.")
    scale: str = doc("How to score pain, with the ends of the scale named, e.g. `Score pain from 0 (none) to 10 (the worst you can imagine).`")
    holds_when: Annotated[list[str], NonEmpty()] = doc("What must all be true for the load to be right, one short sentence an item (during, next morning, week to week).")
    otherwise: str = doc("What to do when one of them is not true.")
    not_pain: str | None = doc("A sensation that does not count as pain, if any, e.g. muscle tiredness.", default=None)
    baseline: str | None = doc("How to score a starting point to compare against, e.g. one movement that brings the pain on; the cards' start row is for it.", default=None)
    exclusions: Annotated[list[str], NonEmpty()] = doc("When the rule does not apply, each with what to do instead, one short phrase an item, e.g. `sharp pain: stop and get checked`.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the model the rule follows.")


@dataclass(kw_only=True)
class RedFlagLink:
    """A red flag named on every condition page, linked to its section of the red flags page."""

    text: str = doc("The sign in a few words, as the link's text, e.g. `signs of a broken bone`.")
    section: str = doc("The id of its section on the red flags page, e.g. `bone-stress`; a wrong id fails the strict build.")


@dataclass(kw_only=True)
class Rules:
    """The site's rules for exercising, stored once in `exercises/rules.yml` and rendered everywhere they apply."""

    pain: PainRule = doc("The pain rule.")
    move_up: str = doc("When to move up a level, in one sentence; printed on every card.")
    red_flags: list[RedFlagLink] = doc("Red flags that every condition page names, most urgent first, each linked to its section.", default_factory=_none)


RULES_FILE = "rules.yml"

MapView = Literal["front", "side", "back"]


@dataclass(kw_only=True)
class AreaMark:
    """Where a body area shows on one view of the body map: a patch placed at a point of the standing figure."""

    view: MapView = doc("`front`, `side` (facing right) or `back`.")
    at: BodyPoint = doc("The point of the standing figure the patch is placed from, e.g. `knee` or `shoulders`.")
    offset: Annotated[list[Annotated[int, Between(-40, 40)]], Length(2)] = doc("How far from that point, `[right, up]` in figure units (the figure is about 93 tall), e.g. `[7, 0]`.", default_factory=lambda: [0, 0])
    size: Annotated[int, Between(2, 20)] = doc("The patch's radius in figure units.", default=6)


@dataclass(kw_only=True)
class BodyArea:
    """A place on the body where it can hurt, shown on the body map."""

    name: str = doc("The area in plain words, in lower case, e.g. `outer knee`; condition pages name it in `areas`.")
    description: str = doc("One line in plain words: where exactly, e.g. `The outside of the knee, around the joint line.`")
    marks: Annotated[list[AreaMark], NonEmpty()] = doc("Where it shows on the body map, one patch a view.")
    first: list[str] = doc("Conditions, as their pages name them in `condition`, to rule out before the others here: listed first, marked so.", default_factory=_none)
    note: str | None = doc("A warning in plain words for pain in this area that the listed pages do not cover, e.g. pain that spreads down the leg; shown under the list.", default=None)
    sources: list[SourceRef] = doc("Keys from `exercises/sources.yml` of what the description and note rest on; the map page lists them.", default_factory=_none)


@dataclass(kw_only=True)
class Term:
    """One word of a list: the name the data uses, and the words readers use for it."""

    name: str = doc("The word as the data names it, in lower case unless it is a name, e.g. `loop band`; shown to readers as written.")
    everyday: str | None = doc("The everyday word, shown in brackets after the name on pages and in filters, e.g. `mini band`.", default=None)
    also_called: list[str] = doc("Other words people type for it, e.g. `booty band`: listed on its browse page, and the site search finds it and its exercises by them.", default_factory=_none)


@dataclass(kw_only=True)
class MuscleTerm(Term):
    """A muscle or muscle group, as exercises name it in `muscles`."""

    place: MusclePlace | None = doc("Where the figures shade it when it is an exercise's first muscle, e.g. `thigh`; not shaded when left out.", default=None)


@dataclass(kw_only=True)
class PositionTerm(Term):
    """A starting position, as exercises name it in `position`."""

    side_lying: bool = doc("True for lying on one side: side-view figures of it are seen from above, so the figure's words tell the upper leg opening and closing and leave out the knees and ankles, which bend toward the viewer.", default=False)


@dataclass(kw_only=True)
class WhenTerm:
    """A time in the week a routine fits, as routines name it in `when`."""

    name: str = doc("The time in plain words, e.g. `rest day`; shown on routine pages as written.")


@dataclass(kw_only=True)
class Vocabulary:
    """The site's controlled word lists, stored once in `exercises/vocabulary.yml`. Every word the data uses comes from here; a word nothing uses yet is allowed (`make check` warns of it)."""

    muscles: list[MuscleTerm] = doc("Muscles and muscle groups exercises and condition pages name in `muscles`, in the order browse pages and filters list them.", default_factory=_none)
    equipment: list[Term] = doc("Equipment exercises name in `equipment` (and in `{one_of: [...]}`), in the order browse pages and filters list it.", default_factory=_none)
    positions: list[PositionTerm] = doc("Starting positions exercises name in `position`, in the order the filters list them.", default_factory=_none)
    kinds: list[Term] = doc("Sorts of exercise, named in `kind`, in the order the filters list them.", default_factory=_none)
    when: list[WhenTerm] = doc("Times in the week routines name in `when`.", default_factory=_none)
    body_areas: list[BodyArea] = doc("The places on the body the body map shows, in the order the map lists them.", default_factory=_none)

    def names(self, words: str) -> list[str]:
        """The names of one list, e.g. `names("muscles")`, in order."""
        return [entry.name for entry in getattr(self, words)]

    def search_words(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """By facet (`muscle`, `equipment`, `position`, `kind`), each name's words: the everyday
        word first ("" when there is none), then the other words people use."""
        return {facet: {t.name: (t.everyday or "", *t.also_called) for t in getattr(self, words)} for facet, words in FACETS.items()}

    def place_of(self, muscle: str | None) -> str | None:
        """Where the figures shade a muscle, or None."""
        return next((m.place for m in self.muscles if m.name == muscle), None)

    def side_lying(self, position: str) -> bool:
        return any(p.side_lying for p in self.positions if p.name == position)


# The facets pages and filters use, and the vocabulary list each takes its words from.
FACETS = {"muscle": "muscles", "equipment": "equipment", "position": "positions", "kind": "kinds"}
# How a message names one word of each list: "no muscle 'x' in vocabulary.yml".
WORD_NOUNS = {"muscles": "muscle", "equipment": "equipment", "positions": "position", "kinds": "kind", "when": "routine time"}


# --- walk-run plans (issue 22): optional, one file a plan -------------------------------
# A plan is `exercises/plans/<slug>.yml` and its page is `/<slug>/`; a project without the folder
# has no plan page. The rules the planner applies (return_plan.py) read their numbers from here.

PLANS_DIR = "plans"


@dataclass(kw_only=True)
class PlanCheck:
    """One check to pass before the first session of a plan."""

    text: str = doc("The check as an instruction, e.g. `Walk briskly for 30 minutes without a limp.`")
    exercise: ExerciseRef | None = doc("Slug of the exercise that trains this check, linked from it.", default=None)


@dataclass(kw_only=True)
class PlanEntry:
    """Who is ready to start, and what to do until then."""

    checks: Annotated[list[PlanCheck], NonEmpty()] = doc("What the reader must be able to do without pain, during it and the next morning, before the first session; in order.")
    not_ready: str = doc("What to do while a check still fails or hurts, e.g. keep up the exercises and try again in a week or two.")
    retry_days: Annotated[int, AtLeast(1)] = doc("Days of exercises before the checks are tried again, in the plan of someone not ready yet.", default=7)
    stop_if: str | None = doc("Pain in a check that is a warning sign rather than not being ready yet, and what to do, in plain words; linked to the red flags section `setback.section`.", default=None)
    not_for: list[str] = doc("Who must not use the plan to decide when to start, each with what to do instead, one sentence or two an item (e.g. after a broken bone).", default_factory=_none)


@dataclass(kw_only=True)
class PlanStage:
    """One stage of a walk-run plan: a run and a walk, repeated; a stage with no walk is continuous."""

    run_minutes: Annotated[int, AtLeast(1)] = doc("Minutes of each run, e.g. `2`.")
    walk_minutes: int = doc("Minutes of each walk between runs; `0` (or left out) for one continuous run.", default=0)
    repeats: Annotated[int, AtLeast(1)] = doc("How many runs the session has, e.g. `10`.", default=1)
    ends_with: Literal["walk", "run"] = doc("`walk` when every run is followed by a walk (run, walk, ... run, walk); `run` when the session ends on a run (run, walk, run).", default="walk")
    total_minutes: Annotated[int, AtLeast(1)] = doc("The whole session in minutes, as the source gives it; `make check` checks it against the runs and walks.")

    @property
    def walks(self) -> int:
        """Walks in the session: one after each run, less the last when it ends on a run."""
        if not self.walk_minutes:
            return 0
        return self.repeats if self.ends_with == "walk" else self.repeats - 1

    @property
    def continuous(self) -> bool:
        return self.walks == 0 and self.repeats == 1


@dataclass(kw_only=True)
class PlanWeekRule:
    """How sessions fall in a week."""

    sessions_a_week: Count = doc("Run sessions a week, e.g. `[3, 4]`; the plan never puts more in a week.")
    rest_days_between: Annotated[int, AtLeast(1)] = doc("Days without a run between two runs, at least, e.g. `1` for every other day.", default=1)
    other_days: str = doc("What to do on the days between, in a sentence, e.g. keep up the strength exercises.")
    routine: RoutineRef | None = doc("Slug of the routine to do on the days between, linked from the plan.", default=None)
    warm_up: RoutineRef | None = doc("Slug of the routine to warm up with before each session, linked from the plan.", default=None)


@dataclass(kw_only=True)
class PlanAdvance:
    """When to move up a stage."""

    pain_at_most: Annotated[int, Between(0, 10)] = doc("The highest pain score, during a session or the next morning, that still counts as a session without pain; `0` for none at all.", default=0)
    sessions: Annotated[int, AtLeast(1)] = doc("Sessions at a stage, every one without pain, before moving up.")
    days: Annotated[int, AtLeast(1)] = doc("Days at a stage, at least, before moving up, e.g. `7` for a week.", default=7)
    text: str = doc("The rule in plain words, as the page shows it.")


@dataclass(kw_only=True)
class PlanSetback:
    """What to do when a session hurts."""

    stages_back: Annotated[int, AtLeast(0)] = doc("Stages to go back for the next session after one that hurt (`0` repeats the stage); never below the first.", default=1)
    text: str = doc("What to do, in plain words, as the page shows it.")
    see_someone_after: Annotated[int, AtLeast(1)] = doc("Sessions that hurt in all, at any stage or after the last, after which the reader should see a clinician rather than try again.")
    see_someone_in_a_row: Annotated[int, AtLeast(1)] = doc("Sessions in a row that hurt, each a step back, after which the reader should see a clinician.")
    see_someone: str = doc("Who to see and why, in plain words.")
    not_a_stage_problem: str = doc("Pain that is a warning sign rather than a stage set too high, and what to do, in plain words; linked to the red flags.")
    section: str | None = doc("The id of the section of the red flags page that those signs link to, e.g. `same-day`.", default=None)


@dataclass(kw_only=True)
class PlanCap:
    """The cap on a single session once the reader runs continuously: no session more than `percent` longer than the longest of the last `window_days` days."""

    percent: Annotated[int, Between(1, 100)] = doc("How much longer than the longest recent session the next may be, in percent, e.g. `10`.")
    window_days: Annotated[int, AtLeast(1)] = doc("Days before the next session whose sessions count, e.g. `30`: the longest of those sets the cap.")
    text: str = doc("The rule in plain words, with an example, as the page shows it.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the study the cap follows.")


@dataclass(kw_only=True)
class Plan:
    """A walk-run plan back to the activity over weeks, stored as `exercises/plans/<slug>.yml`; its page is `/<slug>/`."""

    name: str = doc("Title of the plan's page, e.g. `Back to jogging`.")
    summary: str = doc("One line: who it is for and what it does. The page's description.")
    intro: list[str] = doc("The page's opening, one paragraph an item.", default_factory=_none)
    entry: PlanEntry = doc("The checks to pass before the first session.")
    stages: Annotated[list[PlanStage], MinItems(2)] = doc("The stages, first to last, one a week when all goes well; the last is one continuous run.")
    week: PlanWeekRule = doc("How sessions fall in a week.")
    advance: PlanAdvance = doc("When to move up a stage.")
    setback: PlanSetback = doc("What to do when a session hurts.")
    cap: PlanCap = doc("The cap on each session after the last stage.")
    sources: Annotated[list[SourceRef], NonEmpty()] = doc("Keys from `exercises/sources.yml` of the programme the stages and rules come from.")
    article: str | None = doc("The article in the docs folder that explains the plan at length, e.g. `getting-back.md`; linked from the page (a wrong name fails the strict build).", default=None)
    slug: str = field(init=False, default="")  # the file name, set by the loader


VOCABULARY_FILE = "vocabulary.yml"
RESERVED_FILES = ("sources.yml", RULES_FILE, VOCABULARY_FILE)  # data files in exercises/ that are not exercises


def slugify(value: str) -> str:
    """The address form of a value or name: `jumper's knee` -> `jumpers-knee`, `Übung für Hüfte` -> `ubung-fur-hufte`."""
    text = value.casefold().replace("'", "").replace("\u2019", "")
    if not text.isascii():  # accents folded: `ü` is `u` plus a combining mark, which is dropped
        text = "".join(c for c in _unicodedata.normalize("NFKD", text) if not _unicodedata.combining(c))
    return _re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --- figures: a drawing of each exercise from two poses (issue 7) ----------------------
# `figure.py` draws a simple line figure from these angles; nothing is hand-drawn.
#
# The angle convention, one rule for every body part: each part is the direction it
# points from the joint it hangs on, in whole degrees, measured counter-clockwise from
# straight down. 0 = down, 90 = forward, 180 = up, 270 (or -90) = back. In a side view
# the figure faces right, so "forward" is to the right; in a front view 90 is the
# right of the picture. Standing tall is `trunk: 180, thighs: [0, 0]`; lying on your back
# (head to the left) is `trunk: 270, thighs: [90, 90]`; face down (head to the right) is
# `trunk: 90, thighs: [270, 270]`. Turning the whole pose adds the same number to every
# angle. Limbs come in pairs: [working side, other side], which is [near, far] in a side
# view (the far limbs are drawn fainter) and [right, left] of the picture in a front view.
# The figure is about 93 units tall standing; `Prop` places equipment at a body point.

Angle = Annotated[int, Between(-180, 360)]
Pair = Annotated[list[Angle], Length(2)]

View = Literal["side", "front"]

Segment = Literal["trunk", "arms", "forearms", "thighs", "shins", "feet"]

BodyPoint = Literal[
    "head", "shoulders", "hips",
    "hand", "other hand", "hands", "elbow", "other elbow",
    "knee", "other knee", "knees",
    "foot", "other foot", "feet", "toes", "other toes", "heel", "other heel", "heels",
]

PropKind = Literal[
    "wall",         # a wall just beyond the point, e.g. the hand resting on it
    "chair",        # a chair whose seat is under the point
    "chair back",   # a chair whose back top is under the point
    "step",         # a low step under the point; the figure stands on it
    "gym ball",     # a ball resting on the floor under the point
    "foam roller",  # a roller lying on the floor under the point
    "loop band",    # a band joining the point on both sides: `knees` or `feet`
    "weights",      # a hand weight at the point: `hands`
    "straps",       # suspension straps from above to the point: `hands`
    "machine",      # an abductor machine: a seat under the hips, pads outside the knees
    "bench",        # a knee-high bench whose top is under the point, e.g. `other foot` or `shoulders`
    "anchored band",  # a band from the point to a post in front of the figure, e.g. `knees`
    "ball",         # a small ball or cushion held at the point, e.g. `knees` or `feet`
]


# Where a figure can shade a muscle (`MuscleTerm.place`): the region around the hip joint, along a
# thigh, a shin, an upper arm or a forearm, over a foot, or the trunk.
MusclePlace = Literal["hip", "thigh", "shin", "trunk", "upper arm", "forearm", "foot"]


@dataclass(kw_only=True)
class Pose:
    """One position of the figure, as angles in degrees (0 straight down, 90 forward, 180 up; see the model's figure section)."""

    trunk: Angle = doc("Hips to shoulders: `180` upright, `270` lying on your back, `90` face down.", default=180)
    head: Angle | None = doc("Neck to head; follows the trunk when left out.", default=None)
    arms: Pair | None = doc("Upper arms, shoulder to elbow, `[working, other]`: `[0, 0]` hanging, `[90, 90]` reaching forward. Hanging when left out.", default=None)
    forearms: Pair | None = doc("Forearms, elbow to hand; straight on from the upper arms when left out.", default=None)
    thighs: Pair = doc("Thighs, hip to knee: `[0, 0]` standing, `[90, 90]` sitting.", default_factory=lambda: [0, 0])
    shins: Pair | None = doc("Shins, knee to ankle; straight on from the thighs when left out.", default=None)
    feet: Pair | None = doc("Feet, ankle to toes; at a right angle to the shins (flat on the floor when standing) when left out.", default=None)
    short: list[Segment] = doc("Parts pointing toward the viewer, drawn at half length, e.g. `[thighs]` for sitting seen from the front.", default_factory=_none)
    shift: Annotated[int, Between(-100, 100)] = doc("Moves the whole figure to the right (or left, negative) in figure units, e.g. for a sideways jump.", default=0)


@dataclass(kw_only=True)
class Prop:
    """A piece of equipment drawn with the figure, placed at a body point."""

    kind: PropKind = doc("What it is.")
    at: BodyPoint = doc("The body point it touches, e.g. `foot` for a chair the foot rests on.")


@dataclass(kw_only=True)
class Figure:
    """The drawing of an exercise: the start pose drawn faded, the end pose solid, an arrow for the movement."""

    view: View = doc("`side` (the figure faces right) or `front` (the figure faces you).", default="side")
    start: Pose = doc("The starting position.")
    end: Pose = doc("The end position, where the movement goes to.")
    props: list[Prop] = doc("Equipment to draw, e.g. `[{kind: chair, at: foot}]`.", default_factory=_none)
    fixed: BodyPoint = doc("The point that stays in place from start to end, e.g. `feet` or `hips`.", default="feet")
    arrow: BodyPoint | None = doc("The point whose path the arrow shows; the one that moves most when left out.", default=None)
