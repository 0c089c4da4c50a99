"""JSON Schemas for editors, derived from the model (never edited by hand).

`python -m exercise_site schema --write` refreshes `exercises/schema/`; a test fails when
the checked-in files differ from what the model gives. A field that takes a word of
`vocabulary.yml` (muscles, equipment ...) lists that file's words, so an editor offers them;
without a vocabulary it is plain text.
"""
from __future__ import annotations

import dataclasses
import json
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from .model import (SLUG_PATTERN, WORD_NOUNS, AtLeast, Between, Length, ConditionPage, Exercise, MinItems, NonEmpty, Plan, Routine, Rules, Source,
                    Span, Vocabulary, Word)
from .validate import _fields, _hints, is_required

SCHEMAS = {
    "exercise.schema.json": (Exercise, "Exercise"),
    "routine.schema.json": (Routine, "Routine"),
    "sources.schema.json": (dict[str, Source], "Bibliography"),
    "condition.schema.json": (ConditionPage, "Condition page"),
    "rules.schema.json": (Rules, "Rules for exercising"),
    "vocabulary.schema.json": (Vocabulary, "Vocabulary"),
    "plan.schema.json": (Plan, "Walk-run plan"),
}

_COUNT = {
    "oneOf": [
        {"type": "integer", "minimum": 0},
        {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
    ],
    "description": "A whole number, or a range written [low, high].",
}


Words = dict[str, list[str]]  # a vocabulary's names, by list: {"muscles": [...], ...}


def vocabulary_words(vocabulary: Vocabulary | None) -> Words | None:
    return {name: vocabulary.names(name) for name in WORD_NOUNS} if vocabulary is not None else None


def schema_for(hint: Any, title: str, words: Words | None = None) -> dict:
    definitions: dict[str, dict] = {}
    root = _schema(hint, definitions, words)
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **root}
    if definitions:
        out["$defs"] = dict(sorted(definitions.items()))
    return out


def _schema(hint: Any, definitions: dict[str, dict], words: Words | None = None) -> dict:
    origin = get_origin(hint)
    if origin is Annotated:
        inner, *marks = get_args(hint)
        out = _schema(inner, definitions, words)
        for mark in marks:
            if isinstance(mark, NonEmpty):
                out["minItems"] = 1
            if isinstance(mark, AtLeast):
                out["minimum"] = mark.minimum
            if isinstance(mark, Between):
                out["minimum"], out["maximum"] = mark.minimum, mark.maximum
            if isinstance(mark, MinItems):
                out["minItems"] = mark.items
            if isinstance(mark, Length):
                out["minItems"] = out["maxItems"] = mark.items
            if isinstance(mark, Word) and words is not None:
                out = {"enum": words[mark.vocabulary]}
        return out
    if origin in (Union, types.UnionType):
        options = [o for o in get_args(hint) if o is not type(None)]
        if set(options) == {int, Span}:
            return dict(_COUNT)
        if len(options) == 1:
            return _schema(options[0], definitions, words)
        return {"anyOf": [_schema(option, definitions, words) for option in options]}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if origin is list:
        return {"type": "array", "items": _schema(get_args(hint)[0], definitions, words)}
    if origin is dict:
        key_hint, value_hint = get_args(hint)
        names = {"enum": list(get_args(key_hint))} if get_origin(key_hint) is Literal else {"pattern": SLUG_PATTERN}
        return {
            "type": "object",
            "propertyNames": names,
            "additionalProperties": _schema(value_hint, definitions, words),
        }
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _record(hint, definitions, words)
        return {"$ref": f"#/$defs/{name}"}
    if hint is str:
        return {"type": "string", "minLength": 1}
    if hint is int:
        return {"type": "integer", "minimum": 0}
    if hint is bool:
        return {"type": "boolean"}
    raise TypeError(f"no JSON Schema for {hint!r}")


def _record(cls: type, definitions: dict[str, dict], words: Words | None) -> dict:
    hints = _hints(cls)
    properties = {}
    for name, f in _fields(cls).items():
        prop = _schema(hints[name], definitions, words)
        prop["description"] = f.metadata.get("doc", "")
        properties[name] = prop
    required = [name for name, f in _fields(cls).items() if is_required(f)]
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip(),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def rendered_schemas(vocabulary: Vocabulary | None = None) -> dict[str, str]:
    """The schema files, with `vocabulary`'s words as the choices of the fields that take them."""
    words = vocabulary_words(vocabulary)
    return {name: json.dumps(schema_for(hint, title, words), indent=2, ensure_ascii=False) + "\n" for name, (hint, title) in SCHEMAS.items()}


def write_schemas(folder: Path, vocabulary: Vocabulary | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered_schemas(vocabulary).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
