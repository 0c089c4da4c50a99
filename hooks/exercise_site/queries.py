"""What the templates ask of the catalogue: lookups that fail loudly, lists in reading order,
the filters' values and labels.

Every public method of `Queries` reads the catalogue and nothing else, and is a template
global under its own name. That is what the live preview records (memo.py): a page is still
valid when every one of these calls it made gives the same answer on the new catalogue.
Anything else a template calls is a pure function of what these return, or is marked
`reads_catalogue` where it is defined (the renderer's figures and catalogue rows).
"""
from __future__ import annotations

import inspect
from typing import Any, Callable

from .catalogue import Catalogue
from .model import FACETS, Exercise, Gear, Level, OneOf, Routine, Source, slugify
from .problems import RenderError
from .validate import suggestion
from .weeks import WeeksView, routine_weeks

# Where the browse pages live in the docs tree: `<folder>/index.md` and `<folder>/<slug>.md`.
BROWSE_FOLDERS = {"muscle": "browse/muscles", "equipment": "browse/equipment", "condition": "conditions"}


def reads_catalogue(function: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a template global that reads the catalogue, so that the live preview records its calls."""
    function.reads_catalogue = True  # type: ignore[attr-defined]
    return function


def is_recorded(value: Any) -> bool:
    """True for a template global whose calls the live preview records: a `Queries` method, or one marked `reads_catalogue`."""
    if isinstance(getattr(value, "__self__", None), Queries):
        return True
    return getattr(getattr(value, "__func__", value), "reads_catalogue", False)


class Queries:
    """The catalogue as the templates see it. Public methods are template globals (`template_globals`)."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        # The conditions' words are their pages' `also_called`, with no everyday word in brackets
        # (the empty first word), since a page's name says it in plain words; the other facets' are the vocabulary's.
        self.search_words = {**catalogue.vocabulary.search_words(),
                             "condition": {c: ("", *p.also_called) for c, p in catalogue.conditions.items()}}

    def template_globals(self) -> dict[str, Callable[..., Any]]:
        """Every public method, by name."""
        return {name: getattr(self, name) for name, _ in inspect.getmembers(type(self), inspect.isfunction)
                if not name.startswith("_") and name != "template_globals"}

    def exercise(self, ref: Exercise | str) -> Exercise:
        if isinstance(ref, Exercise):
            return ref
        try:
            return self.catalogue.exercises[ref]
        except KeyError:
            raise RenderError(f"no exercise '{ref}' in exercises/{self._exercise_suggestion(ref)}") from None

    def _exercise_suggestion(self, ref: str) -> str:
        """The slug meant: close to a slug or a name (`clamshel`, `Clamshell`), or one of its other names (`clam`)."""
        word = slugify(str(ref)) or str(ref)
        for slug, exercise in self.catalogue.exercises.items():
            if word in map(slugify, exercise.other_names):
                return f" (did you mean '{slug}'?)"
        meaning = {slugify(e.name): slug for slug, e in self.catalogue.exercises.items()}
        return suggestion(word, [*self.catalogue.exercises, *meaning], meaning)

    def routine(self, ref: Routine | str) -> Routine:
        if isinstance(ref, Routine):
            return ref
        try:
            return self.catalogue.routines[ref]
        except KeyError:
            raise RenderError(f"no routine '{ref}' in exercises/routines/{suggestion(str(ref), list(self.catalogue.routines))}") from None

    def source(self, key: str) -> Source:
        try:
            return self.catalogue.sources[key]
        except KeyError:
            raise RenderError(f"no source '{key}' in exercises/sources.yml{suggestion(str(key), list(self.catalogue.sources))}") from None

    def level(self, exercise: Exercise, name: str | None) -> Level:
        if name is None:
            return exercise.levels[0]
        found = next((level for level in exercise.levels if level.name == name), None)
        if found is None:
            names = [level.name for level in exercise.levels]
            raise RenderError(f"'{exercise.name}' has no level '{name}'; it has "
                              f"{', '.join(repr(n) for n in names)}{suggestion(str(name), names)}")
        return found

    def routine_equipment(self, routine: Routine) -> list[Gear]:
        """Everything the routine's levels need, each once. A choice is left out when one of
        its alternatives is needed anyway: the chair the stretch needs also serves the squat."""
        needed: list[Gear] = []
        for item in routine.exercises:
            exercise = self.exercise(item.exercise)
            for entry in [*exercise.equipment, *self.level(exercise, item.level).equipment]:
                if entry not in needed:
                    needed.append(entry)
        plain = {entry for entry in needed if not isinstance(entry, OneOf)}
        return [e for e in needed if not isinstance(e, OneOf) or not plain.intersection(e.one_of)]

    def browse_path(self, facet: str, value: str) -> str | None:
        """The docs path of the page for a muscle, equipment or condition; None if it has none."""
        if facet == "condition":
            page = self.catalogue.conditions.get(value)
            return f"{BROWSE_FOLDERS[facet]}/{page.slug}.md" if page else None
        name = "no-equipment" if facet == "equipment" and value == "none" else slugify(value)
        return f"{BROWSE_FOLDERS[facet]}/{name}.md"

    def facet_values(self, facet: str) -> list[str]:
        """The values of a facet that have a page (muscle and equipment: the ones in use)."""
        if facet == "condition":
            return list(self.catalogue.conditions)
        values = self.catalogue.used(facet)
        if facet == "equipment" and any(self.catalogue.needs_no_equipment(e) for e in self.catalogue.exercises.values()):
            values.append("none")
        return values

    def label(self, facet: str, value: str) -> str:
        """A vocabulary value with its everyday word, as plain text: `triceps surae (calf muscles)`."""
        if facet == "equipment" and value == "none":
            return "no equipment"
        words = self.search_words[facet].get(value, ())
        return f"{value} ({words[0]})" if words and words[0] else value

    def filter_choices(self, facet: str) -> list[tuple[str, str, int]]:
        """(value in the URL, label, number of exercises) for one filter of the catalogue."""
        exercises = list(self.catalogue.exercises.values())
        if facet in ("muscle", "equipment"):
            values = self.facet_values(facet)
            return [(slugify(v), self.label(facet, v), len(self.catalogue.exercises_for(facet, v))) for v in values]
        order = self.catalogue.vocabulary.names(FACETS[facet])
        used = [v for v in order if any(getattr(e, facet) == v for e in exercises)]
        return [(slugify(v), self.label(facet, v), sum(getattr(e, facet) == v for e in exercises)) for v in used]

    def filter_data(self, exercise: Exercise) -> dict[str, str]:
        """The data attributes of an exercise's catalogue row: space-separated URL values."""
        equipment = [slugify(e) for e in self.catalogue.equipment_of(exercise)]
        if self.catalogue.needs_no_equipment(exercise):
            equipment.insert(0, "none")
        low, high = self.catalogue.difficulty(exercise.slug)
        return {
            "muscle": " ".join(slugify(m) for m in exercise.muscles),
            "equipment": " ".join(equipment),
            "position": slugify(exercise.position),
            "kind": slugify(exercise.kind),
            "low": str(low),
            "high": str(high),
        }

    def easiest_first(self, exercises: list[Exercise]) -> list[Exercise]:
        return sorted(exercises, key=lambda e: (self.catalogue.difficulty(e.slug), e.name.casefold()))

    def page_sources(self, keys: list[str]) -> list[str]:
        """A page's sources followed by the pain rule's, which every page that shows the rule cites; each once."""
        rules = self.catalogue.rules
        return list(dict.fromkeys([*keys, *(rules.pain.sources if rules else [])]))

    def also_working(self, name: str) -> list[Exercise]:
        """Exercises for a condition's muscles that the sources do not name for it, easiest first."""
        page = self.catalogue.conditions[name]
        named = {e.slug for e in self.catalogue.exercises_for("condition", name)} | {c.exercise for c in page.cautions}
        found: dict[str, Exercise] = {}
        for muscle in self.catalogue.conditions[name].muscles:
            for exercise in self.catalogue.exercises_for("muscle", muscle):
                if exercise.slug not in named:
                    found.setdefault(exercise.slug, exercise)
        return self.easiest_first(list(found.values()))

    def conditions_of(self, exercises: list[Exercise]) -> list[tuple[str, int]]:
        """(condition, how many of `exercises` help with it), in the order of the condition pages."""
        counts = [(c, sum(c in e.helps_with for e in exercises)) for c in self.catalogue.conditions]
        return [(c, n) for c, n in counts if n]

    def routines_with(self, exercises: list[Exercise]) -> list[tuple[Routine, int]]:
        """(routine, how many of `exercises` it includes), for routines that include any."""
        slugs = {e.slug for e in exercises}
        counts = [(r, sum(item.exercise in slugs for item in r.exercises)) for r in self.catalogue.routines.values()]
        return [(r, n) for r, n in counts if n]

    def weeks(self, routine: Routine | str) -> WeeksView:
        """The routine over its weeks (weeks.py): each exercise's start, the check to move up, and what comes next."""
        rules = self.catalogue.rules
        return routine_weeks(self.routine(routine), self.catalogue.exercises, rules.move_up if rules else None)
