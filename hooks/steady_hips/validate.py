"""Turn a YAML node tree into model objects, reporting every mismatch with its position.

The rules come from the type hints in `model.py`; nothing here knows a field by name.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Annotated, Literal, Union, get_args, get_origin

import yaml

from .model import FIELD_ALIASES, AtLeast, NonEmpty, Ref, Span
from .problems import Problem

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
FLOAT = "tag:yaml.org,2002:float"

_SCALARS = yaml.constructor.SafeConstructor()
_TAG_WORDS = {STR: "text", INT: "a whole number", BOOL: "true/false", NULL: "nothing", FLOAT: "a decimal number"}


class _Invalid:
    """Marks a value that could not be converted; its problem is already recorded."""


INVALID = _Invalid()


@dataclass
class Reference:
    """A name that must exist elsewhere in the catalogue, checked once everything is loaded."""

    target: str
    value: str
    field: str
    line: int
    column: int


@dataclass
class Document:
    """One YAML file being converted: where problems and cross-references are collected."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def problem(self, node: yaml.Node | None, path: str, message: str) -> _Invalid:
        line, column = _position(node)
        self.problems.append(Problem(self.file, line, column, path, message))
        return INVALID


def _position(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def suggestion(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _field_suggestion(key: str, fields: dict, missing: list[str]) -> str:
    """The field a misspelt or misnamed key was probably meant to be."""
    aliases = {alias: name for alias, name in FIELD_ALIASES.items() if name in fields}
    close = difflib.get_close_matches(key, [*fields, *aliases], n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{aliases.get(close[0], close[0])}'?)"
    if len(missing) == 1:
        return f" (did you mean '{missing[0]}'?)"
    return ""


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _TAG_WORDS.get(node.tag, f"a value tagged {node.tag}")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


@functools.cache
def _fields(cls: type) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(cls) if f.init}


def is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def convert(node: yaml.Node, hint: Any, path: str, doc: Document) -> Any:
    """Convert `node` to a value of type `hint`, or record why not and return INVALID."""
    doc.positions[path] = _position(node)
    origin = get_origin(hint)

    if origin is Annotated:
        inner, *marks = get_args(hint)
        value = convert(node, inner, path, doc)
        for mark in marks:
            value = _apply_mark(mark, value, node, path, doc)
        return value

    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if type(None) in options and node.tag == NULL:
            return None
        rest = [o for o in options if o is not type(None)]
        if set(rest) == {int, Span}:
            return _count(node, path, doc)
        (only,) = rest
        return convert(node, only, path, doc)

    if origin is Literal:
        choices = get_args(hint)
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            return doc.problem(node, path, f"expected one of {_choices(choices)}, got {_describe(node)}")
        if node.value not in choices:
            hint_text = suggestion(node.value, choices)
            return doc.problem(node, path, f"'{node.value}' is not one of {_choices(choices)}{hint_text}")
        return node.value

    if origin is list:
        (item_hint,) = get_args(hint)
        if not isinstance(node, yaml.SequenceNode):
            return doc.problem(node, path, f"expected a list (one '- ' item per line or [a, b]), got {_describe(node)}")
        items = [convert(item, item_hint, f"{path}[{i}]", doc) for i, item in enumerate(node.value)]
        return INVALID if any(i is INVALID for i in items) else items

    if origin is dict:
        key_hint, value_hint = get_args(hint)
        if not isinstance(node, yaml.MappingNode):
            return doc.problem(node, path, f"expected a mapping of names to entries, got {_describe(node)}")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, path, doc)
            if key is INVALID:
                continue
            if key in out:
                doc.problem(key_node, _join(path, key), "appears twice in this mapping")
                continue
            out[key] = convert(value_node, value_hint, _join(path, key), doc)
        return out

    if dataclasses.is_dataclass(hint):
        return _record(node, hint, path, doc)

    if hint is str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            extra = " (put it in quotes to make it text)" if isinstance(node, yaml.ScalarNode) else ""
            return doc.problem(node, path, f"expected text, got {_describe(node)}{extra}")
        if not node.value.strip():
            return doc.problem(node, path, "is empty")
        return node.value.strip()

    if hint is bool:
        if node.tag != BOOL:
            return doc.problem(node, path, f"expected true or false, got {_describe(node)}")
        return _SCALARS.construct_yaml_bool(node)

    if hint is int:
        return _whole(node, path, doc)

    raise TypeError(f"model uses a type the validator does not know: {hint!r}")


def _choices(choices: tuple[str, ...]) -> str:
    return ", ".join(f"'{c}'" for c in choices)


def _key(node: yaml.Node, path: str, doc: Document) -> Any:
    if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
        return doc.problem(node, path, f"keys must be plain names, got {_describe(node)}")
    return node.value


def _whole(node: yaml.Node, path: str, doc: Document) -> Any:
    if not isinstance(node, yaml.ScalarNode) or node.tag != INT:
        return doc.problem(node, path, f"expected a whole number, got {_describe(node)}")
    value = _SCALARS.construct_yaml_int(node)
    if value < 0:
        return doc.problem(node, path, "must not be negative")
    return value


def _count(node: yaml.Node, path: str, doc: Document) -> Any:
    """A count: `10` or a range `[10, 15]`."""
    if isinstance(node, yaml.SequenceNode):
        if len(node.value) != 2:
            return doc.problem(node, path, f"a range has exactly two numbers, [low, high]; got {len(node.value)}")
        low, high = (_whole(n, path, doc) for n in node.value)
        if INVALID in (low, high):
            return INVALID
        if low > high:
            return doc.problem(node, path, f"range [{low}, {high}] goes downwards; write [{high}, {low}]")
        return Span(low, high)
    if isinstance(node, yaml.ScalarNode) and node.tag == STR and "-" in node.value:
        return doc.problem(node, path, f"write the range '{node.value}' as a list: [{node.value.replace('-', ', ')}]")
    return _whole(node, path, doc)


def _apply_mark(mark: Any, value: Any, node: yaml.Node, path: str, doc: Document) -> Any:
    if value is INVALID or value is None:
        return value
    if isinstance(mark, NonEmpty) and not value:
        return doc.problem(node, path, "needs at least one item")
    if isinstance(mark, AtLeast) and value < mark.minimum:
        return doc.problem(node, path, f"must be at least {mark.minimum}")
    if isinstance(mark, Ref):
        line, column = _position(node)
        doc.references.append(Reference(mark.target, value, path, line, column))
    return value


def _record(node: yaml.Node, cls: type, path: str, doc: Document) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return doc.problem(node, path or cls.__name__.lower(), f"expected a mapping of fields, got {_describe(node)}")
    fields = _fields(cls)
    hints = _hints(cls)
    values: dict[str, Any] = {}
    given = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    missing = [name for name, f in fields.items() if is_required(f) and name not in given]
    broken = False
    for key_node, value_node in node.value:
        key = _key(key_node, path, doc)
        if key is INVALID:
            broken = True
            continue
        where = _join(path, key)
        if key not in fields:
            doc.problem(key_node, where, f"unknown field{_field_suggestion(key, fields, missing)}")
            broken = True
            continue
        if key in values:
            doc.problem(key_node, where, "appears twice")
            broken = True
            continue
        value = convert(value_node, hints[key], where, doc)
        broken |= value is INVALID
        values[key] = value
    for name, f in fields.items():
        if name not in values and is_required(f):
            doc.problem(node, _join(path, name), "is required but missing")
            broken = True
    return INVALID if broken else cls(**values)
