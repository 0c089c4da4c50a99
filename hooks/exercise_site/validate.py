"""Turn a YAML node tree into model objects, reporting every mismatch with its position.

The rules come from the type hints in `model.py`; nothing here knows a field by name.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import re
import functools
import itertools
import operator
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Annotated, Literal, Union, get_args, get_origin

import yaml

from .model import FIELD_ALIASES, VOCABULARY_FILE, AtLeast, Between, Length, MinItems, NonEmpty, Ref, Span, Word
from .problems import Problem
from .yaml_loader import Loader

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
FLOAT = "tag:yaml.org,2002:float"

_SCALARS = yaml.constructor.SafeConstructor()
_TAG_WORDS = {STR: "text", INT: "a whole number", BOOL: "true/false", NULL: "nothing", FLOAT: "a decimal number"}


class _Invalid:
    """Marks a value that could not be converted; its problem is already recorded."""

    def __reduce__(self) -> str:
        return "INVALID"  # stays the one marker when results come back from a worker process


INVALID = _Invalid()


@dataclass
class Reference:
    """A name that must exist elsewhere in the catalogue, checked once everything is loaded:
    `target` is `exercise`, `source`, `routine` or a list of the vocabulary, e.g. `muscles`."""

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
    root: yaml.Node | None = None
    text: str = ""  # the YAML source, kept so `root` can be dropped and composed again if asked for

    def forget_nodes(self) -> None:
        """Drop the node tree: a loaded catalogue would otherwise keep one node per YAML value."""
        self.root = None

    def position(self, path: str) -> tuple[int, int]:
        """Line and column of the node at `path` (e.g. `levels[1].name`), found when needed."""
        if self.root is None and self.text:
            self.root = yaml.compose(self.text, Loader=Loader)
        node = self.root
        for name, index, quoted in _PATH_PART.findall(path):
            key = name or (json.loads(quoted) if quoted else None)
            if key is not None and isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            elif index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
                node = node.value[int(index)]
            else:
                node = None
            if node is None:
                return (1, 1)
        return _position(node)

    def problem(self, node: yaml.Node | None, path: str, message: str) -> _Invalid:
        line, column = _position(node)
        self.problems.append(Problem(self.file, line, column, path, message))
        return INVALID


def _position(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def suggestion(word: str, choices: typing.Iterable[str], meaning: typing.Mapping[str, str] | None = None) -> str:
    """` (did you mean 'x'?)` for the closest choice, or "". `meaning` maps a choice to what to suggest for it."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean '{(meaning or {}).get(close[0], close[0])}'?)"


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


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_PATH_PART = re.compile(r'([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


@functools.lru_cache(maxsize=4096)
def _plain(name: str) -> bool:
    return bool(_PLAIN_KEY.match(name))


def _join(path: str, name: str) -> str:
    """`levels[0].dosage`; odd keys are quoted so the message stays readable."""
    if not _plain(name):
        return f"{path}[{json.dumps(name, ensure_ascii=False)}]"
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
    """Convert `node` to a value of type `hint`, or record why not and return INVALID.

    A YAML alias that contains itself recurses without end; it surfaces as RecursionError,
    which the caller reports as a problem of the file.
    """
    doc.root = doc.root or node
    return _converter(hint)(node, path, doc)


Converter = typing.Callable[[yaml.Node, str, Document], Any]


@functools.cache
def _converter(hint: Any) -> Converter:
    """Build, once per type hint, the function that converts a node to that type."""
    origin = get_origin(hint)

    if origin is Annotated:
        inner, *marks = get_args(hint)
        if inner is int and len(marks) == 1 and isinstance(marks[0], Between):
            return _bounded_int(marks[0].minimum, marks[0].maximum)
        signed = inner is int and any(isinstance(m, Between) and m.minimum < 0 for m in marks)
        convert_inner = _signed if signed else _converter(inner)
        checks = tuple(_mark_check(mark) for mark in marks)

        def annotated(node, path, doc):
            value = convert_inner(node, path, doc)
            for check in checks:
                if value is INVALID or value is None:
                    break
                value = check(value, node, path, doc)
            return value

        return annotated

    if origin in (Union, types.UnionType):
        options = get_args(hint)
        optional = type(None) in options
        rest = [o for o in options if o is not type(None)]
        if set(rest) == {int, Span}:
            convert_rest = _count
        elif len(rest) == 1:
            convert_rest = _converter(rest[0])
        else:
            convert_rest = _either(tuple(rest))

        def union(node, path, doc):
            if optional and node.tag == NULL:
                return None
            return convert_rest(node, path, doc)

        return union

    if origin is Literal:
        choices = get_args(hint)
        allowed = frozenset(choices)

        def literal(node, path, doc):
            if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
                return doc.problem(node, path, f"expected one of {_choices(choices)}, got {_describe(node)}")
            if node.value not in allowed:
                return doc.problem(node, path, f"'{node.value}' is not one of {_choices(choices)}{suggestion(node.value, choices)}")
            return node.value

        return literal

    if origin is list:
        (item_hint,) = get_args(hint)
        convert_item = _converter(item_hint)

        def listing(node, path, doc):
            if not isinstance(node, yaml.SequenceNode):
                return doc.problem(node, path, f"expected a list (one '- ' item per line or [a, b]), got {_describe(node)}")
            items = [convert_item(item, f"{path}[{i}]", doc) for i, item in enumerate(node.value)]
            return INVALID if any(map(operator.is_, items, itertools.repeat(INVALID))) else items

        return listing

    if origin is dict:
        key_hint, value_hint = get_args(hint)
        key_choices = get_args(key_hint) if get_origin(key_hint) is Literal else None
        convert_value = _converter(value_hint)

        def mapping(node, path, doc):
            if not isinstance(node, yaml.MappingNode):
                return doc.problem(node, path, f"expected a mapping of names to entries, got {_describe(node)}")
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = _key(key_node, path, doc)
                if key is INVALID:
                    continue
                if key_choices is not None and key not in key_choices:
                    doc.problem(key_node, _join(path, key), f"'{key}' is not one of {_choices(key_choices)}{suggestion(key, key_choices)}")
                    continue
                if key in out:
                    doc.problem(key_node, _join(path, key), "appears twice in this mapping")
                    continue
                out[key] = convert_value(value_node, _join(path, key), doc)
            return out

        return mapping

    if dataclasses.is_dataclass(hint):
        return functools.partial(_record, cls=hint)

    if hint is str:
        return _text
    if hint is bool:
        return _boolean
    if hint is int:
        return _whole
    raise TypeError(f"model uses a type the validator does not know: {hint!r}")


def _either(options: tuple) -> Converter:
    """A value or a record, e.g. `chair` or `{one_of: [chair, step]}`: a mapping is the record."""
    records = [o for o in options if dataclasses.is_dataclass(o)]
    others = [o for o in options if not dataclasses.is_dataclass(o)]
    if len(records) != 1 or len(others) != 1:
        raise TypeError(f"model uses a union the validator does not know: {options!r}")
    convert_record, convert_other = _converter(records[0]), _converter(others[0])
    record_form = "{" + ", ".join(f"{name}: ..." for name in _fields(records[0])) + "}"
    word = next((m for m in get_args(others[0])[1:] if isinstance(m, Word)), None) if get_origin(others[0]) is Annotated else None
    expected = (f"one of {_choices(get_args(others[0]))}" if get_origin(others[0]) is Literal
                else f"a name from `{word.vocabulary}` in {VOCABULARY_FILE}" if word else "a value")

    def either(node, path, doc):
        if isinstance(node, yaml.MappingNode):
            return convert_record(node, path, doc)
        if isinstance(node, yaml.SequenceNode):
            return doc.problem(node, path, f"expected {expected}, or a choice written {record_form}, got a list")
        return convert_other(node, path, doc)

    return either


def _text(node: yaml.Node, path: str, doc: Document) -> Any:
    if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
        extra = " (put it in quotes to make it text)" if isinstance(node, yaml.ScalarNode) else ""
        return doc.problem(node, path, f"expected text, got {_describe(node)}{extra}")
    value = node.value.strip()
    if not value:
        return doc.problem(node, path, "is empty")
    return value


def _boolean(node: yaml.Node, path: str, doc: Document) -> Any:
    if node.tag != BOOL:
        return doc.problem(node, path, f"expected true or false, got {_describe(node)}")
    return _SCALARS.construct_yaml_bool(node)


def _choices(choices: tuple[str, ...]) -> str:
    return ", ".join(f"'{c}'" for c in choices)


def _key(node: yaml.Node, path: str, doc: Document) -> Any:
    if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
        return doc.problem(node, path, f"keys must be plain names, got {_describe(node)}")
    return node.value


def _whole(node: yaml.Node, path: str, doc: Document) -> Any:
    if not isinstance(node, yaml.ScalarNode) or node.tag != INT:
        return doc.problem(node, path, f"expected a whole number, got {_describe(node)}")
    value = _int_value(node)
    if value < 0:
        return doc.problem(node, path, "must not be negative")
    return value


def _signed(node: yaml.Node, path: str, doc: Document) -> Any:
    """A whole number that may be negative (its range comes from a `Between` mark)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != INT:
        return doc.problem(node, path, f"expected a whole number, got {_describe(node)}")
    return _int_value(node)


def _bounded_int(low: int, high: int) -> Converter:
    """A whole number from low to high, in one step: pose data holds thousands of these."""

    def bounded(node, path, doc):
        if node.tag != INT or not isinstance(node, yaml.ScalarNode):
            return doc.problem(node, path, f"expected a whole number, got {_describe(node)}")
        value = _int_value(node)
        if low <= value <= high:
            return value
        return doc.problem(node, path, f"{value} is out of range: use {low} to {high}")

    return bounded


def _int_value(node: yaml.ScalarNode) -> int:
    text = node.value
    digits = text[1:] if text[:1] == "-" else text
    if digits.isdigit() and (digits[0] != "0" or digits == "0"):  # plain decimal; YAML 1.1 reads 010 as octal
        return int(text)
    return _SCALARS.construct_yaml_int(node)


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


@functools.cache
def _mark_check(mark: Any) -> typing.Callable[[Any, yaml.Node, str, Document], Any]:
    """The check a field marker stands for, built once per marker."""
    if isinstance(mark, NonEmpty):
        return lambda value, node, path, doc: value if value else doc.problem(node, path, "needs at least one item")
    if isinstance(mark, AtLeast):
        return lambda value, node, path, doc: (
            value if value >= mark.minimum else doc.problem(node, path, f"must be at least {mark.minimum}"))
    if isinstance(mark, Between):
        low, high = mark.minimum, mark.maximum
        return lambda value, node, path, doc: (
            value if low <= value <= high else doc.problem(node, path, f"{value} is out of range: use {low} to {high}"))
    if isinstance(mark, MinItems):
        return lambda value, node, path, doc: (
            value if len(value) >= mark.items else doc.problem(node, path, f"needs at least {mark.items} items, got {len(value)}"))
    if isinstance(mark, Length):
        return lambda value, node, path, doc: (
            value if len(value) == mark.items else doc.problem(node, path, f"needs exactly {mark.items} items, got {len(value)}"))
    if isinstance(mark, (Ref, Word)):
        target = mark.target if isinstance(mark, Ref) else mark.vocabulary

        def reference(value, node, path, doc):
            line, column = _position(node)
            doc.references.append(Reference(target, value, path, line, column))
            return value

        return reference
    return lambda value, node, path, doc: value


@functools.cache
def _plan(cls: type) -> tuple[dict[str, Converter], tuple[str, ...]]:
    """Per record type, once: each field's converter, and the required fields."""
    hints = _hints(cls)
    fields = _fields(cls)
    return {name: _converter(hints[name]) for name in fields}, tuple(n for n, f in fields.items() if is_required(f))


def _record(node: yaml.Node, path: str, doc: Document, cls: type) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return doc.problem(node, path or cls.__name__.lower(), f"expected a mapping of fields, got {_describe(node)}")
    converters, required = _plan(cls)
    values: dict[str, Any] = {}
    broken = False
    for key_node, value_node in node.value:
        key = _key(key_node, path, doc)
        if key is INVALID:
            broken = True
            continue
        where = f"{path}.{key}" if path and _plain(key) else _join(path, key)
        converter = converters.get(key)
        if converter is None:
            given = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
            missing = [name for name in required if name not in given]
            doc.problem(key_node, where, f"unknown field{_field_suggestion(key, converters, missing)}")
            broken = True
            continue
        if key in values:
            doc.problem(key_node, where, "appears twice")
            broken = True
            continue
        value = converter(value_node, where, doc)
        broken |= value is INVALID
        values[key] = value
    for name in required:
        if name not in values:
            doc.problem(node, _join(path, name), "is required but missing")
            broken = True
    return INVALID if broken else cls(**values)
