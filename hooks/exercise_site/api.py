"""The open data under `/api/`, made from the catalogue at build time, and the builder's copies of it.

- `api/exercises.json`: every exercise in full (the model's fields, figure poses left out) with
  its page and figure addresses; `api/exercises.schema.json` describes it, derived from the model.
- `api/exercises/<slug>.json`: one exercise's record, as in `exercises.json`.
- `api/routines.json`: the ready-made routines as builder cards (see `routine_card`).
- `api/figures/<slug>.svg` (and `<slug>.level-<n>.svg` for a level with its own drawing; a slug has
  no dot, so no exercise's drawing can take a level's path):
  the thumbnails, self-contained SVG (dark lines on a light plate, no page CSS needed; see thumbnails.py).
- The builder (`/builder/`) reads the same data as scripts, because a page opened from
  file:// may not fetch() a file: `api/index.js` (names and search words for suggestions,
  sources, ready-made routines) and `api/exercises/<slug>.js` (one record, with its inline
  thumbnails), each loaded only when needed.
- The catalogue's filters, when the catalogue is longer than one page, read every row from
  `api/catalogue.js` (the row texts and filter values of `Renderer.catalogue_data`).

Every address in the data is relative to the site root, so the files work under a project
prefix and from a folder.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import json
from typing import Any

from .catalogue import Catalogue
from .figure import exercise_figure
from .model import CARD_CUES, Dosage, Exercise, OneOf, Routine, Span, Vocabulary, gear_names
from .parallel import shared_map
from .return_plan import LOG_LIMITS
from .builder_limits import BUILDER_DEFAULTS, BUILDER_LIMITS, BUILDER_PAPER, LOG_TICKED, builder_often
from .schema import _schema, vocabulary_words
from .settings import Settings
from .text import WORDS, count, source_short
from .thumbnails import standalone

FORMAT = 1  # the version of the files' layout; bumped on a change that breaks readers
# Follows the licence line of mkdocs.yml (`extra.licence`) in the open data.
FIGURES_NOTE = ("The figures are drawn by the site's generator from the pose data in exercises/*.yml; "
                "no photograph or scraped image is used.")
_SHARE_FROM = 100  # exercises; below this, forking a worker costs more than it saves
KEY_STAND_IN = "rx-key"  # replaced by the builder to keep figure ids unique on a card


def figure_path(exercise: Exercise, number: int) -> str:
    """The thumbnail of level `number` (1-based): its own drawing, or the exercise's."""
    level = exercise.levels[number - 1]
    return f"api/figures/{exercise.slug}.level-{number}.svg" if level.figure else f"api/figures/{exercise.slug}.svg"


def _plain(value: Any) -> Any:
    """A model value as JSON: dataclasses as objects without unset fields, ranges as [low, high]."""
    if isinstance(value, Span):
        return [value.low, value.high] if value.is_range else value.low
    if isinstance(value, OneOf):
        return {"one_of": list(value.one_of)}
    if dataclasses.is_dataclass(value):
        out = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None or f.name in ("figure", "slug"):
                continue
            out[f.name] = _plain(item)
        return out
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def exercise_record(exercise: Exercise) -> dict:
    levels = []
    for number, level in enumerate(exercise.levels, 1):
        levels.append({**_plain(level), "figure": figure_path(exercise, number)})
    return {
        "slug": exercise.slug,
        **{k: v for k, v in _plain(exercise).items() if k != "levels"},
        "levels": levels,
        "page": f"exercises/{exercise.slug}/",
        "figure": figure_path(exercise, 1),
    }


def search_words(exercise: Exercise, known: dict[str, dict[str, tuple[str, ...]]]) -> list[str]:
    """The words the site search finds this exercise by: its other names and the everyday
    words of its muscles and equipment (`known`: `Vocabulary.search_words()`), each once."""
    words: list[str] = []
    groups = [exercise.other_names]
    groups += [known["muscle"].get(m, ()) for m in exercise.muscles]
    gear = gear_names(exercise.equipment + [g for level in exercise.levels for g in level.equipment])
    groups += [(name, *known["equipment"].get(name, ())) for name in gear]
    for group in groups:
        for word in group:
            if word and word.casefold() not in (w.casefold() for w in words) and word.casefold() != exercise.name.casefold():
                words.append(word)
    return words


def area_words(catalogue: Catalogue) -> dict[str, list[str]]:
    """By exercise slug, the body areas of the body map ("Where does it hurt?") whose conditions it
    serves: a condition it helps with, or one whose starter card it is on; in the map's order."""
    found: dict[str, list[str]] = {}
    for area in catalogue.vocabulary.body_areas:
        for page in catalogue.conditions_in(area.name):
            starter = catalogue.routines.get(page.starter) if page.starter else None
            slugs = [e.slug for e in catalogue.exercises_for("condition", page.condition)]
            slugs += [item.exercise for item in starter.exercises] if starter else []
            for slug in slugs:
                if area.name not in found.setdefault(slug, []):
                    found[slug].append(area.name)
    return found


def index_entry(exercise: Exercise, catalogue: Catalogue, known: dict, areas: dict[str, list[str]]) -> list:
    """An exercise as the builder's add box lists it: slug, name, the words it is found by (search's,
    then its muscles' names and the body areas), where it works (its first muscle's everyday word, else the muscle) and its
    number of levels."""
    words = search_words(exercise, known)
    for word in [*exercise.muscles, *areas.get(exercise.slug, [])]:
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    muscle = exercise.muscles[0]
    region = (known["muscle"].get(muscle, ("",))[0] or muscle)
    return [exercise.slug, exercise.name, words, region, len(exercise.levels)]


def _count(value: int | Span | None) -> str:
    return count(value, dash="-")  # as the builder's address writes a range


def dosage_item(dosage: Dosage | None) -> list[str]:
    """sets, reps, hold, duration, side ("s" on each side, "" otherwise), note: as in the address."""
    if dosage is None:
        return ["", "", "", "", "", ""]
    return [_count(dosage.sets), _count(dosage.reps), _count(dosage.hold_seconds), _count(dosage.duration_seconds),
            "s" if dosage.per_side else "", dosage.note or ""]


def routine_card(routine: Routine, exercises: dict[str, Exercise]) -> dict:
    """A ready-made routine as the builder's card: the same fields the address holds (README)."""
    items = []
    for item in routine.exercises:
        exercise = exercises[item.exercise]
        names = [level.name for level in exercise.levels]
        number = names.index(item.level) + 1 if item.level else 1
        entry = [exercise.slug, str(number), *dosage_item(item.dosage or exercise.levels[number - 1].dosage)]
        cue = item.cues[0] if item.cues else ""
        if cue and cue not in exercise.cues[:CARD_CUES]:  # the routine's own cue, e.g. a change for a condition
            entry.append(cue)
        items.append(entry)
    frequency = routine.frequency
    return {"t": routine.name, "f": _count(frequency.per_week), "u": _count(frequency.build_to),
            "w": str(frequency.weeks), "e": items}


def _source_brief(source) -> dict:
    """How a card names a source: in a few words; the sources page has the full reference."""
    return {"short": source_short(source)}


# Thumbnails by everything they are drawn from, kept between calls: levels without a drawing of
# their own share one, and a preview rebuild draws again only what an edit changed.
_DRAWN: dict[tuple, str] = {}


def _thumbnail(exercise: Exercise, number: int, vocabulary: Vocabulary) -> str:
    level = exercise.levels[number - 1]
    own = (number, level.name) if level.figure else None
    position = level.position or exercise.position
    key = (exercise.slug, own, exercise.name, position, vocabulary.side_lying(position), exercise.sides, exercise.muscles[0],
           vocabulary.place_of(exercise.muscles[0]), repr(level.figure or exercise.figure))
    if key not in _DRAWN:
        _DRAWN[key] = str(exercise_figure(exercise, level, vocabulary, thumb=True, key=KEY_STAND_IN))
    return _DRAWN[key]


def catalogue_script(data: dict) -> str:
    return _script("catalogue", data)


def _json_text(data: Any) -> str:
    # Without indent json uses its C encoder: a tenth of the time, which a preview rebuild feels.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _compact(data: Any) -> str:
    return _json_text(data) + "\n"


def _script(call: str, data: Any) -> str:
    return f"(self.ExerciseSiteData=self.ExerciseSiteData||[]).push([{json.dumps(call)},{_json(data)}]);\n"


def _json(data: Any) -> str:
    return _json_text(data).replace("</", "<\\/")


def licence_text(settings: Settings) -> str:
    """The `licence` of `api/exercises.json`: the site's licence line, then how the figures are made."""
    return f"{settings.licence} {FIGURES_NOTE}" if settings.licence else FIGURES_NOTE


def site_entry(settings: Settings) -> dict:
    """What the browser's scripts know of the site: its name, and the key its storage names start with."""
    return {"name": settings.name, "key": settings.slug}


def api_schema(vocabulary: Vocabulary | None = None, site_name: str = "") -> dict:
    """The JSON Schema of `api/exercises.json`, from the model's Exercise with the addresses added,
    and the vocabulary's words as the values of the fields that take them."""
    return _api_schema(vocabulary_words(vocabulary), site_name)


def _api_schema(words: dict[str, list[str]] | None, site_name: str = "") -> dict:
    definitions: dict[str, dict] = {}
    _schema(Exercise, definitions, words)
    address = {"type": "string", "minLength": 1}
    exercise = definitions["Exercise"]
    exercise["properties"]["figure"] = {**address, "description": "Address of the first level's thumbnail (SVG), relative to the site root."}
    exercise["properties"] = {"slug": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                       "description": "The exercise's file name and the last part of its page address."},
                              **exercise["properties"],
                              "page": {**address, "description": "Address of the exercise's page, relative to the site root."}}
    exercise["required"] = ["slug", *exercise["required"], "page"]
    level = definitions["Level"]
    level["properties"]["figure"] = {**address, "description": "Address of this level's thumbnail (SVG), relative to the site root."}
    level["required"] = [*level["required"], "figure"]
    for unused in ("Figure", "Pose", "Prop"):
        definitions.pop(unused, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{site_name} exercises (open data)" if site_name else "Exercises (open data)",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT, "description": "Version of this layout."},
            "licence": {"type": "string", "description": "Licence of the text and figures."},
            "exercises": {"type": "array", "items": {"$ref": "#/$defs/Exercise"}},
        },
        "required": ["format", "licence", "exercises"],
        "additionalProperties": False,
        "$defs": dict(sorted(copy.deepcopy(definitions).items())),
    }


def _schema_file(vocabulary: Vocabulary, site_name: str) -> str:
    return _schema_text(json.dumps(vocabulary_words(vocabulary)), site_name)


@functools.lru_cache(maxsize=8)
def _schema_text(words: str, site_name: str) -> str:
    """From the model, the vocabulary's words (as JSON) and the site's name: made again only when they change."""
    return json.dumps(_api_schema(json.loads(words), site_name), ensure_ascii=False, indent=2) + "\n"


def _record_path(slug: str) -> str:
    return f"api/exercises/{slug}.json"


def _script_path(slug: str) -> str:
    return f"api/exercises/{slug}.js"


def exercise_paths(exercise: Exercise) -> list[str]:
    """The paths of `exercise_files(exercise)`."""
    figures = dict.fromkeys(figure_path(exercise, number) for number in range(1, len(exercise.levels) + 1))
    return [_record_path(exercise.slug), *figures, _script_path(exercise.slug)]


def exercise_files(exercise: Exercise, vocabulary: Vocabulary) -> dict[str, str]:
    """The files made from one exercise and the vocabulary (for its figures), nothing else of the
    catalogue: its record, its thumbnails and the builder's script (which names its sources by key only)."""
    record = exercise_record(exercise)
    files = {_record_path(exercise.slug): _compact(record)}
    thumbnails = []
    for number in range(1, len(exercise.levels) + 1):
        path = figure_path(exercise, number)
        svg = _thumbnail(exercise, number, vocabulary)
        thumbnails.append(svg)
        if path not in files:
            files[path] = standalone(svg.replace(f"-{KEY_STAND_IN}", ""))
    builder = {"slug": exercise.slug, "name": exercise.name, "sides": exercise.sides, "cues": exercise.cues[:CARD_CUES],
               "sources": exercise.sources, "equipment": record.get("equipment", []), "harder": exercise.harder[:1],
               "progress_when": exercise.progress_when or "",
               "levels": [{"name": lv["name"], "equipment": lv.get("equipment", []), "sides": lv.get("sides"),
                           "dosage": dosage_item(level.dosage), "thumb": thumb}
                          for lv, level, thumb in zip(record["levels"], exercise.levels, thumbnails)]}
    files[_script_path(exercise.slug)] = _script("exercise", builder)
    return files


def builder_data() -> dict[str, Any]:
    """What the builder's scripts need besides the catalogue and the site entry: its limits and
    defaults, the words a card says things in (text.WORDS) and the stand-in of the thumbnails' figure ids."""
    return {"limits": {**BUILDER_LIMITS, "ticked": LOG_TICKED}, "defaults": BUILDER_DEFAULTS, "words": WORDS,
            "often": builder_often(), "thumb_key": KEY_STAND_IN, "paper": BUILDER_PAPER,
            "log": LOG_LIMITS}


def api_files(catalogue: Catalogue, previous: tuple[Catalogue, dict[str, str]] | None = None,
              settings: Settings | None = None) -> dict[str, str]:
    """Every file under api/, keyed by its path in the site.

    `previous` is an earlier catalogue and the files this made from it (a preview rebuild): an
    exercise equal to its earlier self keeps its `exercise_files` from there. The files about the
    whole catalogue are made afresh."""
    settings = settings if settings is not None else Settings()
    earlier, earlier_files = previous if previous is not None else (None, {})
    same_words = earlier is not None and earlier.vocabulary == catalogue.vocabulary
    fresh = [e for slug, e in catalogue.exercises.items() if not (same_words and earlier.exercises.get(slug) == e)]
    made = dict(zip((e.slug for e in fresh), shared_map(lambda e: exercise_files(e, catalogue.vocabulary), fresh, minimum=_SHARE_FROM)))
    per_exercise: dict[str, str] = {}
    for slug, exercise in catalogue.exercises.items():
        per_exercise.update(made[slug] if slug in made else {path: earlier_files[path] for path in exercise_paths(exercise)})
    exercises = list(catalogue.exercises.values())
    # The records as their own files encode them, joined: what _compact() gives for the whole list.
    records = ",".join(per_exercise[_record_path(e.slug)].removesuffix("\n") for e in exercises)
    files: dict[str, str] = {
        "api/exercises.json": f'{{"format":{FORMAT},"licence":{_json_text(licence_text(settings))},"exercises":[{records}]}}\n',
        "api/exercises.schema.json": _schema_file(catalogue.vocabulary, settings.name),
    }
    routines = [{"slug": r.slug, "name": r.name, "card": routine_card(r, catalogue.exercises)} for r in catalogue.routines.values()]
    files["api/routines.json"] = _compact({"format": FORMAT, "routines": routines})
    known = catalogue.vocabulary.search_words()
    areas = area_words(catalogue)
    index = {
        "format": FORMAT,
        "site": site_entry(settings),
        "exercises": [index_entry(e, catalogue, known, areas) for e in exercises],
        "sources": {key: _source_brief(s) for key, s in catalogue.sources.items()},
        "pain_sources": catalogue.rules.pain.sources if catalogue.rules else [],  # cited by every card, with the pain rule
        "routines": {r["slug"]: r["card"] for r in routines},
        **builder_data(),
    }
    files["api/index.js"] = _script("index", index)
    files.update(per_exercise)
    return files
