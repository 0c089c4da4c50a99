"""Load and check the whole catalogue: sources, exercises and routines.

Every file is parsed and validated before anything is rendered; all problems are
collected and raised together as one `CatalogueError`.
"""
from __future__ import annotations

import functools
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .model import (CONDITIONS_DIR, FACETS, PLANS_DIR, RESERVED_FILES, ROUTINES_DIR, RULES_FILE, SLUG_PATTERN, SOURCES_FILE, VOCABULARY_FILE, WORD_NOUNS,
                    ConditionPage, Exercise, Gear, Plan, Routine, Rules, Source, Vocabulary, gear_names, slugify)
from .parallel import shared_map
from .problems import CatalogueError, Problem
from .validate import INVALID, Document, convert, suggestion
from .yaml_messages import syntax_problem

from .yaml_loader import Loader as _Loader
_SLUG = re.compile(SLUG_PATTERN)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_URL = re.compile(r"^https?://[^\s<>\"]+$")
LONG_NAME = 80  # characters; a longer name wraps mid-word in headings and routine card rows
_SCHEMA_DIR = "schema"

SourcesFile = dict[str, Source]


@dataclass
class Catalogue:
    sources: dict[str, Source]
    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    conditions: dict[str, ConditionPage] = field(default_factory=dict)  # keyed by the condition each page names
    rules: Rules | None = None  # exercises/rules.yml; `load_catalogue` requires it
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # exercises/vocabulary.yml; `load_catalogue` requires it
    plans: dict[str, Plan] = field(default_factory=dict)  # exercises/plans/<slug>.yml, by slug; optional
    _documents: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)  # by exercise slug
    _routine_documents: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)  # by routine slug
    _condition_documents: dict[str, Document] = field(default_factory=dict, repr=False, compare=False)  # by page slug
    _vocabulary_document: Document | None = field(default=None, repr=False, compare=False)
    _warnings: list[Problem] | None = field(default=None, init=False, repr=False, compare=False)
    _steps: dict[str, tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)
    _easier: dict[str, list[Exercise]] | None = field(default=None, init=False, repr=False, compare=False)
    _found: dict[tuple[str, str], list[Exercise]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def warnings(self) -> list[Problem]:
        """Legal but suspicious things, found when first asked for (`check` shows them; a build does not)."""
        if self._warnings is None:
            self._warnings = _warnings(self)
        return self._warnings

    def cautions_for(self, slug: str) -> list[tuple[ConditionPage, str]]:
        """(condition page, advice) for each condition page that cautions about this exercise."""
        return [(page, c.advice) for page in self.conditions.values() for c in page.cautions if c.exercise == slug]

    def routines_using(self, slug: str) -> list[Routine]:
        return [r for r in self.routines.values() if any(i.exercise == slug for i in r.exercises)]

    def easier_than(self, slug: str) -> list[Exercise]:
        if self._easier is None:  # the inverse of `harder`, built once: asked for on every page
            self._easier = {}
            for exercise in self.exercises.values():
                for harder in exercise.harder:
                    self._easier.setdefault(harder, []).append(exercise)
        return self._easier.get(slug, [])

    # --- browsing: derived from the data, never written by hand ---------------------

    def related_only(self, slug: str) -> list[Exercise]:
        """The exercise's `related` that its progressions do not already show as easier, harder or a step on the way."""
        shown = {e.slug for chain in self.chains(slug) for e in chain}
        found: list[Exercise] = []
        for other in self.exercises[slug].related:
            exercise = self.exercises[other]
            if other not in shown and exercise not in found:
                found.append(exercise)
        return found

    def equipment_of(self, exercise: Exercise) -> list[str]:
        """Everything the exercise uses at any level, in order of first use; each alternative counts."""
        return gear_names([*exercise.equipment, *(e for level in exercise.levels for e in level.equipment)])

    def level_equipment(self, exercise: Exercise) -> list[Gear]:
        """What only some levels add to the exercise's own equipment, each entry once."""
        found: list[Gear] = []
        for entry in (e for level in exercise.levels for e in level.equipment):
            if entry not in exercise.equipment and entry not in found:
                found.append(entry)
        return found

    def equipment_by_level(self, exercise: Exercise) -> list[tuple[list[Gear], list[int]]]:
        """(what is needed, the level numbers that need it), levels with the same needs together."""
        groups: list[tuple[list[Gear], list[int]]] = []
        for number, level in enumerate(exercise.levels, 1):
            needs = [*exercise.equipment, *(e for e in level.equipment if e not in exercise.equipment)]
            same = next((levels for gear, levels in groups if gear == needs), None)
            if same is None:
                groups.append((needs, [number]))
            else:
                same.append(number)
        return groups

    def needs_no_equipment(self, exercise: Exercise) -> bool:
        """True when its first level can be done with nothing at all."""
        return not exercise.equipment and not exercise.levels[0].equipment

    def difficulty(self, slug: str) -> tuple[int, int]:
        """Difficulty steps (low, high), derived from the progressions, never rated by hand.

        An exercise's first level is step 1, or one step above the hardest level of the
        exercises it is a progression of (their `harder` names it); each further level adds
        a step. So if the single-leg squat names the squat as its easier version, and the squat
        has three levels, the single-leg squat starts at step 4.
        """
        if self._steps is None:
            self._steps = _difficulties(self)
        return self._steps[slug]

    def hardest_step(self) -> int:
        return max((self.difficulty(slug)[1] for slug in self.exercises), default=1)

    def chains(self, slug: str) -> list[list[Exercise]]:
        """Every progression chain through the exercise, easiest first, via `harder`."""
        def down(s: str) -> list[list[str]]:
            easier = [e.slug for e in self.easier_than(s)]
            return [[s]] if not easier else [path + [s] for e in easier for path in down(e)]

        def up(s: str) -> list[list[str]]:
            harder = self.exercises[s].harder
            return [[s]] if not harder else [[s] + path for h in harder for path in up(h)]

        found = [before[:-1] + after for before in down(slug) for after in up(slug)]
        return [[self.exercises[s] for s in chain] for chain in found if len(chain) > 1]

    def conditions_in(self, area: str) -> list[ConditionPage]:
        """The condition pages that name a body area: those the area lists `first`, then the rest in the order of the pages."""
        found = [page for page in self.conditions.values() if area in page.areas]
        first = next((a.first for a in self.vocabulary.body_areas if a.name == area), [])
        return sorted(found, key=lambda page: first.index(page.condition) if page.condition in first else len(first))

    def exercises_for(self, facet: str, value: str) -> list[Exercise]:
        """Exercises with `value` among their muscles, equipment (any level) or helps_with."""
        # Asked for by every page of a list and by the page jobs: each answer once per catalogue.
        if (facet, value) not in self._found:
            self._found[facet, value] = self._exercises_for(facet, value)
        return list(self._found[facet, value])

    def _exercises_for(self, facet: str, value: str) -> list[Exercise]:
        if facet == "muscle":
            return [e for e in self.exercises.values() if value in e.muscles]
        if facet == "equipment":
            if value == "none":
                return [e for e in self.exercises.values() if self.needs_no_equipment(e)]
            return [e for e in self.exercises.values() if value in self.equipment_of(e)]
        if facet == "condition":
            return [e for e in self.exercises.values() if value in e.helps_with]
        raise ValueError(f"unknown facet {facet!r}")

    def used(self, facet: str) -> list[str]:
        """The vocabulary values at least one exercise uses, in vocabulary order."""
        values = list(self.conditions) if facet == "condition" else self.vocabulary.names(FACETS[facet])
        return [v for v in values if self.exercises_for(facet, v)]


def _difficulties(catalogue: Catalogue) -> dict[str, tuple[int, int]]:
    """Every exercise's steps at once; the loader has ruled out circles in `harder`."""
    found: dict[str, tuple[int, int]] = {}
    easier: dict[str, list[str]] = {}
    for exercise in catalogue.exercises.values():
        for other in exercise.harder:
            easier.setdefault(other, []).append(exercise.slug)

    def visit(slug: str) -> tuple[int, int]:
        if slug not in found:
            below = [visit(e)[1] for e in easier.get(slug, [])]
            low = max(below, default=0) + 1
            found[slug] = (low, low + len(catalogue.exercises[slug].levels) - 1)
        return found[slug]

    for slug in catalogue.exercises:
        visit(slug)
    return found


@dataclass
class _Parsed:
    value: Any
    doc: Document


def load_catalogue(exercises_dir: Path | str) -> Catalogue:
    """Load `exercises_dir` (sources.yml, rules.yml, <slug>.yml, routines/<slug>.yml, conditions/<slug>.yml) or raise CatalogueError."""
    # Loading builds a large tree of acyclic objects; the cyclic garbage collector would rescan
    # it again and again (measured: 3x the load time at 1,000 files), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(exercises_dir))
    finally:
        if collecting:
            gc.enable()


def _load(root: Path) -> Catalogue:
    label_base = root.resolve().parent
    problems: list[Problem] = []
    if not root.is_dir():
        raise CatalogueError([Problem(str(root), 1, 1, "", "exercise folder not found")])

    sources_path = root / SOURCES_FILE
    sources_jobs = [(sources_path, SourcesFile)] if sources_path.is_file() else []
    if not sources_jobs:
        problems.append(Problem(_label(sources_path, label_base), 1, 1, "", "the bibliography file is missing"))
    rules_path = root / RULES_FILE
    rules_jobs = [(rules_path, Rules)] if rules_path.is_file() else []
    if not rules_jobs:
        problems.append(Problem(_label(rules_path, label_base), 1, 1, "",
                                "the rules file is missing: it holds the pain rule that every exercise page and card shows"))
    vocabulary_path = root / VOCABULARY_FILE
    vocabulary_jobs = [(vocabulary_path, Vocabulary)] if vocabulary_path.is_file() else []
    if not vocabulary_jobs:
        problems.append(Problem(_label(vocabulary_path, label_base), 1, 1, "",
                                "the vocabulary file is missing: it lists the muscles, equipment, positions, kinds and routine times the data may name"))
    exercise_files = _data_files(root, problems, label_base, skip=set(RESERVED_FILES))
    routine_files = _data_files(root / ROUTINES_DIR, problems, label_base) if (root / ROUTINES_DIR).is_dir() else []
    condition_files = _data_files(root / CONDITIONS_DIR, problems, label_base) if (root / CONDITIONS_DIR).is_dir() else []
    plan_files = _data_files(root / PLANS_DIR, problems, label_base) if (root / PLANS_DIR).is_dir() else []

    jobs = [*sources_jobs, *rules_jobs, *vocabulary_jobs, *((p, Exercise) for p in exercise_files), *((p, Routine) for p in routine_files),
            *((p, ConditionPage) for p in condition_files), *((p, Plan) for p in plan_files)]
    parsed_files = iter(_parse_all(jobs, label_base))
    parsed_sources = next(parsed_files) if sources_jobs else _Parsed(INVALID, Document(_label(sources_path, label_base)))
    parsed_rules = next(parsed_files) if rules_jobs else _Parsed(INVALID, Document(_label(rules_path, label_base)))
    parsed_vocabulary = next(parsed_files) if vocabulary_jobs else _Parsed(INVALID, Document(_label(vocabulary_path, label_base)))
    exercises = {p.stem: next(parsed_files) for p in exercise_files}
    routines = {p.stem: next(parsed_files) for p in routine_files}
    condition_pages = {p.stem: next(parsed_files) for p in condition_files}
    plans = {p.stem: next(parsed_files) for p in plan_files}
    for parsed in [parsed_sources, parsed_rules, parsed_vocabulary, *exercises.values(), *routines.values(), *condition_pages.values(),
                   *plans.values()]:
        problems.extend(parsed.doc.problems)

    sources = parsed_sources.value if isinstance(parsed_sources.value, dict) else {}
    sources = {k: v for k, v in sources.items() if v is not INVALID}
    _check_sources(sources, parsed_sources.doc, problems)

    good_exercises = {s: p.value for s, p in exercises.items() if p.value is not INVALID}
    for slug, exercise in good_exercises.items():
        exercise.slug = slug
    good_routines = {s: p.value for s, p in routines.items() if p.value is not INVALID}
    for slug, routine in good_routines.items():
        routine.slug = slug

    known = {"exercise": set(exercises), "source": set(sources) if parsed_sources.value is not INVALID else None,
             "routine": set(routines)}
    words = parsed_vocabulary.value if parsed_vocabulary.value is not INVALID else None  # a missing or broken vocabulary is reported once
    known.update({name: set(words.names(name)) if words else None for name in WORD_NOUNS})
    meanings = _word_meanings(words) if words else {}
    for parsed in [parsed_sources, parsed_rules, parsed_vocabulary, *exercises.values(), *routines.values(), *condition_pages.values(),
                   *plans.values()]:
        _check_references(parsed.doc, known, problems, meanings)
    good_plans = {}
    for slug, parsed in plans.items():
        if parsed.value is not INVALID:
            parsed.value.slug = slug
            _check_plan(parsed.value, parsed.doc, problems)
            good_plans[slug] = parsed.value
    for slug, parsed in exercises.items():
        if parsed.value is not INVALID:
            _check_exercise(parsed.value, parsed.doc, problems)
    for slug, parsed in routines.items():
        if parsed.value is not INVALID:
            _check_routine(parsed.value, parsed.doc, good_exercises, problems)
    _check_unique_names(exercises, problems)
    _check_unique_names(routines, problems)
    _check_progressions(exercises, good_exercises, problems)
    conditions = _check_conditions(condition_pages, exercises, problems)
    _check_starters(condition_pages, good_routines, problems)
    vocabulary = parsed_vocabulary.value if parsed_vocabulary.value is not INVALID else Vocabulary()
    if parsed_vocabulary.value is not INVALID:  # a broken vocabulary is reported once, not at every page
        _check_vocabulary(vocabulary, parsed_vocabulary.doc, problems)
        _check_areas(vocabulary, parsed_vocabulary.doc, condition_pages, problems)

    if problems:
        raise CatalogueError(problems)
    ordered = dict(sorted(good_exercises.items(), key=lambda kv: kv[1].name.casefold()))
    return Catalogue(sources, ordered, dict(sorted(good_routines.items())), conditions=conditions, rules=parsed_rules.value,
                     vocabulary=vocabulary, plans=good_plans, _vocabulary_document=parsed_vocabulary.doc,
                     _documents={slug: parsed.doc for slug, parsed in exercises.items()},
                     _routine_documents={slug: parsed.doc for slug, parsed in routines.items()},
                     _condition_documents={slug: parsed.doc for slug, parsed in condition_pages.items()})


def load_vocabulary(exercises_dir: Path | str) -> Vocabulary:
    """Only `vocabulary.yml` of `exercises_dir` (for the schema files), or raise CatalogueError."""
    root = Path(exercises_dir)
    path = root / VOCABULARY_FILE
    label = _label(path, root.resolve().parent)
    if not path.is_file():
        raise CatalogueError([Problem(label, 1, 1, "", "the vocabulary file is missing: the schema files list its words")])
    parsed = _parse(str(path), label, Vocabulary)
    problems = list(parsed.doc.problems)
    if parsed.value is not INVALID:
        _check_vocabulary(parsed.value, parsed.doc, problems)
    if problems:
        raise CatalogueError(problems)
    return parsed.value


def _label(path: Path, base: Path) -> str:
    """The path as shown in messages, relative to the project: `exercises/plank.yml`."""
    return f"{_folder_label(path.parent, base)}/{path.name}".lstrip("/")


@functools.lru_cache(maxsize=64)
def _folder_label(folder: Path, base: Path) -> str:
    try:
        return folder.resolve().relative_to(base).as_posix().removeprefix(".")
    except ValueError:
        return folder.as_posix()


def _data_files(folder: Path, problems: list[Problem], base: Path, skip: frozenset | set = frozenset()) -> list[Path]:
    """The folder's .yml files; anything else that is not ours is reported, never ignored."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name in skip or path.name.startswith("."):
            continue
        if path.is_dir():
            if path.name not in (ROUTINES_DIR, CONDITIONS_DIR, PLANS_DIR, _SCHEMA_DIR) or folder.name in (ROUTINES_DIR, CONDITIONS_DIR, PLANS_DIR):
                problems.append(Problem(_label(path, base), 1, 1, "", "unexpected folder; exercises go in exercises/, routines in exercises/routines/, "
                                        "condition pages in exercises/conditions/, walk-run plans in exercises/plans/"))
            continue
        if path.suffix != ".yml":
            hint = " (rename it to .yml)" if path.suffix == ".yaml" else ""
            problems.append(Problem(_label(path, base), 1, 1, "", f"not a .yml data file{hint}; it would be ignored"))
            continue
        if not _SLUG.match(path.stem):
            problems.append(Problem(_label(path, base), 1, 1, "(file name)", _bad_slug_message(path.stem)))
            continue
        found.append(path)
    return found


def _bad_slug_message(stem: str) -> str:
    rule = "lower-case letters a-z, digits and single hyphens"
    slug = slugify(stem)
    if not slug:
        return f"'{stem}' is not a valid slug, and has no letters or digits to make one from: name the file with {rule}, e.g. 'single-leg-squat.yml'"
    return f"'{stem}' is not a valid slug: rename the file to '{slug}.yml' ({rule})"


class _FileKey(NamedTuple):
    """A file as it was parsed: a change of content (time or size) or of expected type parses it again."""

    path: str
    label: str
    mtime_ns: int
    size: int
    hint: Any


# Parsed files by path: a `mkdocs serve` rebuild parses only the files that changed.
_PARSED: dict[str, tuple[_FileKey, _Parsed]] = {}
_SHARE_FROM = 200  # files; below this, forking a worker costs more than it saves


def _parse_all(jobs: list[tuple[Path, Any]], label_base: Path) -> list[_Parsed]:
    keys = []
    for path, hint in jobs:
        stat = path.stat()
        keys.append(_FileKey(str(path), _label(path, label_base), stat.st_mtime_ns, stat.st_size, hint))
    stale = [key for key in keys if _PARSED.get(key.path, (None,))[0] != key]
    for key, parsed in zip(stale, shared_map(lambda key: _parse(key.path, key.label, key.hint), stale, minimum=_SHARE_FROM)):
        _PARSED[key.path] = (key, parsed)
    return [_PARSED[key.path][1] for key in keys]


def _parse(path: str, label: str, hint: Any) -> _Parsed:
    """Parse and validate one file."""
    doc = Document(label)
    try:
        with open(path, encoding="utf-8") as handle:
            doc.text = text = handle.read()
        node = yaml.compose(text, Loader=_Loader)
    except UnicodeDecodeError as error:
        doc.problems.append(Problem(label, 1, 1, "", f"not UTF-8 text ({error.reason})"))
        return _Parsed(INVALID, doc)
    except yaml.MarkedYAMLError as error:
        doc.problems.append(syntax_problem(label, text, error))
        return _Parsed(INVALID, doc)
    except yaml.reader.ReaderError as error:
        line, column = _line_and_column(path, error.position)
        doc.problems.append(Problem(label, line, column, "(YAML syntax)", f"character {error.character!r} is not allowed in YAML"))
        return _Parsed(INVALID, doc)
    if node is None:
        doc.problems.append(Problem(label, 1, 1, "", "file is empty"))
        return _Parsed(INVALID, doc)
    try:
        return _Parsed(convert(node, hint, "", doc), doc)
    except RecursionError:
        doc.problems.append(Problem(label, *_first_alias(path), "(YAML syntax)", "an alias (*name) refers to the block that contains it"))
        return _Parsed(INVALID, doc)
    finally:
        doc.forget_nodes()


def _first_alias(path: str) -> tuple[int, int]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if "*" in line:
                return number, line.index("*") + 1
    return 1, 1


def _line_and_column(path: str, position: int) -> tuple[int, int]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        before = handle.read()[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _check_references(doc: Document, known: dict[str, set | None], problems: list[Problem],
                      meanings: dict[str, dict[str, str]] | None = None) -> None:
    for ref in doc.references:
        names = known[ref.target]
        if names is None or ref.value in names:
            continue
        if ref.target in WORD_NOUNS:
            meaning = (meanings or {}).get(ref.target, {})
            message = (f"no {WORD_NOUNS[ref.target]} '{ref.value}' in {VOCABULARY_FILE}{suggestion(ref.value, meaning or names, meaning)}; "
                       f"use a name from its `{ref.target}` or add it there")
        else:
            where = {"exercise": "exercises/", "routine": "exercises/routines/"}.get(ref.target, "exercises/sources.yml")
            message = f"no {ref.target} '{ref.value}' in {where}{suggestion(ref.value, names)}"
        problems.append(Problem(doc.file, ref.line, ref.column, ref.field, message))


def _word_meanings(vocabulary: Vocabulary) -> dict[str, dict[str, str]]:
    """Per list, each word people use for an entry (its everyday word, other words, name) mapped to
    the entry's name: `quads` suggests `quadriceps`. A name wins over another entry's words."""
    found: dict[str, dict[str, str]] = {}
    for words in WORD_NOUNS:
        meaning: dict[str, str] = {}
        for entry in getattr(vocabulary, words):
            for word in (getattr(entry, "everyday", None), *getattr(entry, "also_called", ())):
                if word:
                    meaning.setdefault(word, entry.name)
        meaning.update({entry.name: entry.name for entry in getattr(vocabulary, words)})
        found[words] = meaning
    return found


def _problem(doc: Document, path: str, message: str) -> Problem:
    line, column = doc.position(path)
    return Problem(doc.file, line, column, path, message)


def _check_sources(sources: dict[str, Source], doc: Document, problems: list[Problem]) -> None:
    for key, source in sources.items():
        if not _SLUG.match(key):
            problems.append(_problem(doc, key, "source keys use lower-case letters, digits and hyphens"))
        if not (source.author or source.publisher):
            problems.append(_problem(doc, key, "give an author or a publisher so the source can be cited"))
        if source.doi is not None and not _DOI.match(source.doi):
            problems.append(_problem(doc, f"{key}.doi", "a DOI starts with '10.' and has no spaces, e.g. '10.1136/bmj.k1662' (leave out https://doi.org/)"))
        if source.url is not None and not _URL.match(source.url):
            problems.append(_problem(doc, f"{key}.url", "an address starts with https:// or http:// and has no spaces"))


def _check_exercise(exercise: Exercise, doc: Document, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for i, level in enumerate(exercise.levels):
        key = level.name.casefold()
        if key in seen:
            problems.append(_problem(doc, f"levels[{i}].name", f"level name '{level.name}' is used twice"))
        seen[key] = i
        if level.dosage is not None and not _has_amount(level.dosage):
            problems.append(_problem(doc, f"levels[{i}].dosage", "give reps, hold_seconds, duration_seconds or a note"))
    for name in ("related", "harder"):
        for i, other in enumerate(getattr(exercise, name)):
            if other == exercise.slug:
                problems.append(_problem(doc, f"{name}[{i}]", "an exercise cannot link to itself"))


def _has_amount(dosage: Any) -> bool:
    return any(v is not None for v in (dosage.reps, dosage.hold_seconds, dosage.duration_seconds, dosage.note))


def _check_routine(routine: Routine, doc: Document, exercises: dict[str, Exercise], problems: list[Problem]) -> None:
    for i, item in enumerate(routine.exercises):
        exercise = exercises.get(item.exercise)
        if exercise is None or item.level is None:
            continue
        names = [level.name for level in exercise.levels]
        if item.level not in names:
            problems.append(_problem(doc, f"exercises[{i}].level",
                                     f"'{exercise.name}' has no level '{item.level}'; it has {', '.join(repr(n) for n in names)}{suggestion(item.level, names)}"))
        if item.dosage is not None and not _has_amount(item.dosage):
            problems.append(_problem(doc, f"exercises[{i}].dosage", "give reps, hold_seconds, duration_seconds or a note"))


def _check_unique_names(parsed: dict[str, _Parsed], problems: list[Problem]) -> None:
    """Each file sharing a name is reported, naming the others: which one to rename is the author's call."""
    owners: dict[str, list[_Parsed]] = {}
    for item in parsed.values():
        if item.value is not INVALID:
            owners.setdefault(item.value.name.casefold(), []).append(item)
    for group in owners.values():
        if len(group) < 2:
            continue
        places = [f"{item.doc.file}:{item.doc.position('name')[0]}" for item in group]
        for i, item in enumerate(group):
            others = ", ".join(place for j, place in enumerate(places) if j != i)
            problems.append(_problem(item.doc, "name", f"'{item.value.name}' is also the name in {others}; give each its own name"))


def _check_progressions(parsed: dict[str, _Parsed], exercises: dict[str, Exercise], problems: list[Problem]) -> None:
    """`harder` must never lead back to where it started, or there is no easiest exercise."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done

    def visit(slug: str, path: list[str]) -> None:
        state[slug] = 1
        for i, other in enumerate(exercises[slug].harder):
            if other not in exercises or other == slug:
                continue
            if state.get(other) == 1:
                loop = " -> ".join([*path[path.index(other):], slug, other])
                problems.append(_problem(parsed[slug].doc, f"harder[{i}]", f"progressions go round in a circle: {loop}"))
            elif other not in state:
                visit(other, [*path, slug])
        state[slug] = 2

    for slug in exercises:
        if slug not in state:
            visit(slug, [])


def _check_conditions(parsed: dict[str, _Parsed], exercises: dict[str, _Parsed], problems: list[Problem]) -> dict[str, ConditionPage]:
    """One page per condition, and a page for every condition an exercise helps with: the pages
    in `exercises/conditions/` are the list of conditions.

    Returns the pages keyed by their condition, in the order of their names.
    """
    pages: dict[str, ConditionPage] = {}
    for slug, item in parsed.items():
        if item.value is INVALID:
            continue
        item.value.slug = slug
        if item.value.condition in pages:
            other = pages[item.value.condition].slug
            problems.append(_problem(item.doc, "condition", f"'{item.value.condition}' already has its page in conditions/{other}.yml"))
        else:
            pages[item.value.condition] = item.value
    if all(p.value is not INVALID for p in parsed.values()):
        for item in exercises.values():
            if item.value is INVALID:
                continue
            for i, name in enumerate(item.value.helps_with):
                if name not in pages:
                    problems.append(_problem(item.doc, f"helps_with[{i}]", f"no condition page for '{name}'{suggestion(name, pages)}; "
                                             f"add exercises/conditions/{slugify(name)}.yml or use a condition that has one"))
        for item in parsed.values():
            if item.value is not INVALID:
                for i, name in enumerate(item.value.also_consider):
                    if name not in pages or name == item.value.condition:
                        problems.append(_problem(item.doc, f"also_consider[{i}]", f"no other condition page for '{name}'{suggestion(name, pages)}"))
    return dict(sorted(pages.items(), key=lambda kv: kv[1].name.casefold()))


def _check_vocabulary(vocabulary: Vocabulary, doc: Document, problems: list[Problem]) -> None:
    """Each list names an entry once. Names become addresses and filter values (`lower back` ->
    `lower-back`), so two names that make the same one count as the same entry."""
    for words in (*WORD_NOUNS, "body_areas"):
        seen: dict[str, tuple[int, str]] = {}
        for i, name in enumerate(vocabulary.names(words)):
            key = slugify(name)
            where = f"{words}[{i}].name"
            if not key:
                problems.append(_problem(doc, where, f"'{name}' has no letters or digits to make an address from"))
            elif key in seen:
                first, other = seen[key]
                line = doc.position(f"{words}[{first}].name")[0]
                same = "is named twice" if other == name else f"makes the same address as '{other}'"
                problems.append(_problem(doc, where, f"'{name}' {same} (first at line {line}); list each once"))
            else:
                seen[key] = (i, name)
    for i, name in enumerate(vocabulary.names("equipment")):
        if slugify(name) == "none":
            problems.append(_problem(doc, f"equipment[{i}].name", "'none' is the browse page of exercises that need no equipment; leave it out"))


def _check_areas(vocabulary: Vocabulary, doc: Document, parsed: dict[str, _Parsed], problems: list[Problem]) -> None:
    """A condition page names only body areas the vocabulary has, and once there is a body map
    every page names at least one."""
    names = vocabulary.names("body_areas")
    conditions = {item.value.condition for item in parsed.values() if item.value is not INVALID}
    for i, area in enumerate(vocabulary.body_areas):
        for j, name in enumerate(area.first):
            if name not in conditions:
                problems.append(_problem(doc, f"body_areas[{i}].first[{j}]", f"no condition page for '{name}'{suggestion(name, conditions)}"))
    for item in parsed.values():
        if item.value is INVALID:
            continue
        for i, name in enumerate(item.value.areas):
            if name not in names:
                problems.append(_problem(item.doc, f"areas[{i}]", f"no body area '{name}' in {VOCABULARY_FILE}{suggestion(name, names)}"))
        if names and not item.value.areas:
            problems.append(_problem(item.doc, "condition", f"name where it hurts in `areas:`, from the body areas in {VOCABULARY_FILE}"))


# Generated pages at the top of the site: a plan's address (its file name) must not take one of them.
TOP_PAGES = ("exercises", "routines", "browse", "conditions", "builder", "api", "assets", "search", "where-does-it-hurt")


def _check_plan(plan: Plan, doc: Document, problems: list[Problem]) -> None:
    """The stages add up, get no easier, and end on one continuous session; a week can hold its sessions."""
    if plan.slug in TOP_PAGES:
        problems.append(Problem(doc.file, 1, 1, "(file name)", f"'{plan.slug}' is the address of other pages of the site; name the plan's file after its page, e.g. 'back-to-jogging.yml'"))
    for i, stage in enumerate(plan.stages):
        where = f"stages[{i}]"
        if stage.ends_with == "run" and stage.repeats < 2 and stage.walk_minutes:
            problems.append(_problem(doc, f"{where}.ends_with", "a session that ends on a run after a walk has at least 2 runs (`repeats: 2`)"))
            continue
        total = stage.run_minutes * stage.repeats + stage.walk_minutes * stage.walks
        if total != stage.total_minutes:
            parts = f"{stage.repeats} × {stage.run_minutes} min run" + (f" + {stage.walks} × {stage.walk_minutes} min walk" if stage.walks else "")
            problems.append(_problem(doc, f"{where}.total_minutes", f"{parts} make {total} minutes, not {stage.total_minutes}"))
        if i and stage.run_minutes < plan.stages[i - 1].run_minutes:
            problems.append(_problem(doc, f"{where}.run_minutes", f"runs get shorter than at stage {i} ({plan.stages[i - 1].run_minutes} min); order the stages easiest first"))
        if i and plan.stages[i - 1].continuous and not stage.continuous:
            problems.append(_problem(doc, f"{where}.walk_minutes", "a stage after a continuous one must be continuous too"))
    if plan.setback.section is not None and not _SLUG.match(plan.setback.section):
        problems.append(_problem(doc, "setback.section", "a section id uses lower-case letters, digits and hyphens, e.g. 'same-day'"))
    if not plan.stages[-1].continuous:
        problems.append(_problem(doc, f"stages[{len(plan.stages) - 1}]", "the last stage is one continuous session (`walk_minutes: 0`, `repeats: 1`), after which the cap applies"))
    most = plan.week.sessions_a_week if isinstance(plan.week.sessions_a_week, int) else plan.week.sessions_a_week.high
    fits = -(-7 // (plan.week.rest_days_between + 1))
    if most > fits:
        problems.append(_problem(doc, "week.sessions_a_week", f"{most} sessions do not fit in a week with {plan.week.rest_days_between} rest day(s) between; at most {fits}"))


STARTER_SIZE = (2, 4)  # exercises on a condition's starter card


def _check_starters(parsed: dict[str, _Parsed], routines: dict[str, Routine], problems: list[Problem]) -> None:
    """Each condition page has a starter card of two to four exercises, or says why it has none."""
    low, high = STARTER_SIZE
    for item in parsed.values():
        page = item.value
        if page is INVALID:
            continue
        if page.starter and page.no_starter:
            problems.append(_problem(item.doc, "no_starter", "give either a starter routine or the reason there is none, not both"))
        elif not page.starter and not page.no_starter:
            problems.append(_problem(item.doc, "condition", "add `starter:` (a routine of the first exercises to do) or `no_starter:` (why there are none)"))
        elif page.starter in routines and not low <= len(routines[page.starter].exercises) <= high:
            count = len(routines[page.starter].exercises)
            problems.append(_problem(item.doc, "starter", f"the starter routine '{page.starter}' has {count} exercises; a starter card has {low} to {high}"))


def _warnings(catalogue: Catalogue) -> list[Problem]:
    """Legal but suspicious: shown by `check`, never fatal."""
    found: list[Problem] = []

    def warn(doc: Document, path: str, message: str) -> None:
        p = _problem(doc, path, message)
        found.append(Problem(p.file, p.line, p.column, p.field, p.message, warning=True))

    used = {item.exercise for r in catalogue.routines.values() for item in r.exercises}
    for slug, exercise in catalogue.exercises.items():
        doc = catalogue._documents[slug]
        if catalogue.routines and slug not in used:
            warn(doc, "name", "no routine uses this exercise")
        for i, level in enumerate(exercise.levels):
            if level.dosage is None:
                warn(doc, f"levels[{i}]", f"level '{level.name}' has no dosage")
        for i, other in enumerate(exercise.related):
            if exercise.slug not in catalogue.exercises[other].related:
                warn(doc, f"related[{i}]", f"'{other}' does not link back to '{slug}'")
    named = [*((catalogue._documents.get(s), e.name) for s, e in catalogue.exercises.items()),
             *((catalogue._routine_documents.get(s), r.name) for s, r in catalogue.routines.items()),
             *((catalogue._condition_documents.get(c.slug), c.name) for c in catalogue.conditions.values())]
    for doc, name in named:
        if doc is not None and len(name) > LONG_NAME:
            warn(doc, "name", f"the name is {len(name)} characters long; over {LONG_NAME}, headings and routine cards break it mid-word: shorten it")
    if catalogue._vocabulary_document is not None:
        for words, used_by, in_use in _words_in_use(catalogue):
            for i, name in enumerate(catalogue.vocabulary.names(words)):
                if name not in in_use:
                    warn(catalogue._vocabulary_document, f"{words}[{i}].name", f"no {used_by} names '{name}' yet")
    return sorted(found)


def _words_in_use(catalogue: Catalogue) -> list[tuple[str, str, set[str]]]:
    """(vocabulary list, what would name its words, the words named) for each list."""
    exercises = list(catalogue.exercises.values())
    muscles = {m for e in exercises for m in e.muscles} | {m for page in catalogue.conditions.values() for m in page.muscles}
    positions = {e.position for e in exercises} | {level.position for e in exercises for level in e.levels if level.position}
    return [("muscles", "exercise or condition page", muscles),
            ("equipment", "exercise", {name for e in exercises for name in catalogue.equipment_of(e)}),
            ("positions", "exercise", positions),
            ("kinds", "exercise", {e.kind for e in exercises}),
            ("when", "routine", {w for r in catalogue.routines.values() for w in r.when})]
