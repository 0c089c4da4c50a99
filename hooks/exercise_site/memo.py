"""Render again only the pages whose data changed since the previous render (the live preview).

While a page renders, every call its templates make that reads the catalogue is recorded:
the `catalogue` object's methods and attributes, and every template global that
`queries.is_recorded` names (the `Queries` methods, such as `exercise` and `routine`, and the
renderer's figures and catalogue rows). Everything else a template calls is a pure function of what
those calls returned. On the next render, a page is taken over unchanged when its template
values are equal, none of the exercises or routines it saw has changed, and every recorded
call, made again on the new catalogue, returns the same. Otherwise (or on any doubt) the
page is rendered afresh, so a page is never older than its data.

Exercises and routines are compared by value (they are dataclasses); a call's result is
compared with each exercise or routine in it replaced by its slug, and those slugs checked
against the set that changed. Templates are compared by their text: a changed template or
macro renders every page again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable

import jinja2
import jinja2.bccache

from .model import Exercise, Routine
from .queries import is_recorded


@dataclass
class _Page:
    template: str
    values: dict[str, Any]
    reads: list[tuple[str, bool, tuple, dict, Any]]  # (name, is a call, args, kwargs, canonical result)
    refs: set[tuple[str, str]]
    markdown: str


@dataclass
class Memo:
    """The pages one renderer made and what each of them read."""
    catalogue: Any
    functions: dict[str, Callable[..., Any]]  # the recorded globals, unwrapped
    templates: str = ""
    pages: dict[str, _Page] = field(default_factory=dict)
    reads: list | None = None  # the page being rendered: its reads so far
    reused: int = 0

    def replay(self, name: str, call: bool, args: tuple, kwargs: dict) -> Any:
        """A recorded read, made again on this memo's catalogue."""
        if name.startswith("catalogue."):
            value = getattr(self.catalogue, name.removeprefix("catalogue."))
            return value(*args, **kwargs) if call else value
        return self.functions[name](*args, **kwargs)


def install(renderer: Any) -> Memo:
    """Record the reads of `renderer`'s templates from now on."""
    globals_ = renderer.env.globals
    recorded = {name: value for name, value in globals_.items() if is_recorded(value)}
    memo = Memo(renderer.catalogue, recorded, _templates_key(renderer))
    for name, value in recorded.items():
        globals_[name] = _recording(memo, name, value)
    globals_["catalogue"] = _RecordingCatalogue(memo, renderer.catalogue)
    return memo


def render(memo: Memo, jobs: list[tuple[str, str, dict]], render_page: Callable[[str, str, dict], str],
           previous: Memo | None) -> list[str]:
    """Every job's Markdown: taken over from `previous` when nothing the page read has changed."""
    changed: set[tuple[str, str]] = set()
    if previous is not None and (previous.templates != memo.templates or previous.catalogue.vocabulary != memo.catalogue.vocabulary):
        previous = None  # the vocabulary's words are on most pages (glosses, search words, filters)
    if previous is not None:
        changed = _changed(previous.catalogue, memo.catalogue)
    out = []
    answers: dict = {}  # this pass's replayed reads, shared by the pages that made the same read
    for template, path, values in jobs:
        before = previous.pages.get(path) if previous is not None else None
        if before is not None and _still_valid(memo, before, template, values, changed, answers):
            memo.pages[path] = before
            memo.reused += 1
            out.append(before.markdown)
            continue
        memo.reads = []
        try:
            markdown = render_page(template, path, values)
            reads = memo.reads
        finally:
            memo.reads = None
        refs = set(_refs(_canonical(values)))
        for *_, result in reads:
            refs.update(_refs(result))
        memo.pages[path] = _Page(template, values, reads, refs, markdown)
        out.append(markdown)
    return out


# Lookups whose answer is an exercise or routine by its slug: that answer is in the page's refs,
# so a changed or removed one already fails the page through `changed`; replaying them adds nothing.
_LOOKUPS = {"exercise", "routine"}


def _still_valid(memo: Memo, page: _Page, template: str, values: dict, changed: set, answers: dict) -> bool:
    if page.template != template or page.values != values or page.refs & changed:
        return False
    try:
        return all(_answer(memo, answers, name, call, args, kwargs) == result
                   for name, call, args, kwargs, result in page.reads if name not in _LOOKUPS)
    except Exception:  # noqa: BLE001 - a read that fails now: render the page and let it report
        return False


def _answer(memo: Memo, answers: dict, name: str, call: bool, args: tuple, kwargs: dict) -> Any:
    """A recorded read made again on the new catalogue, canonical; asked once per pass when its arguments can be a key."""
    try:
        key = (name, call, args, tuple(sorted(kwargs.items())))
        return answers[key]
    except TypeError:  # an argument that cannot be a key (a list of exercises): ask every time
        return _canonical(memo.replay(name, call, args, kwargs))
    except KeyError:
        answers[key] = answer = _canonical(memo.replay(name, call, args, kwargs))
        return answer


def _changed(old: Any, new: Any) -> set[tuple[str, str]]:
    changed = set()
    for kind, attribute in (("E", "exercises"), ("R", "routines")):
        before, after = getattr(old, attribute), getattr(new, attribute)
        changed.update((kind, slug) for slug in before.keys() | after.keys() if before.get(slug) != after.get(slug))
    return changed


def _recording(memo: Memo, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def recorded(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        if memo.reads is not None:
            memo.reads.append((name, True, args, kwargs, _canonical(result)))
        return result
    return recorded


class _RecordingCatalogue:
    """The catalogue as templates see it: every method call and attribute read is recorded."""

    def __init__(self, memo: Memo, catalogue: Any):
        self._memo, self._catalogue = memo, catalogue

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalogue, name)
        if callable(value):
            return _recording(self._memo, f"catalogue.{name}", value)
        if self._memo.reads is not None:
            self._memo.reads.append((f"catalogue.{name}", False, (), {}, _canonical(value)))
        return value


def _canonical(value: Any) -> Any:
    """`value` with exercises and routines as ("E", slug) and ("R", slug), comparable by ==."""
    if isinstance(value, Exercise):
        return ("E", value.slug)
    if isinstance(value, Routine):
        return ("R", value.slug)
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(item) for item in value)
    if isinstance(value, dict):
        return ("dict", tuple((key, _canonical(item)) for key, item in value.items()))
    return value


def _refs(canonical: Any):
    if isinstance(canonical, tuple):
        if len(canonical) == 2 and canonical[0] in ("E", "R") and isinstance(canonical[1], str):
            yield canonical
        else:
            for item in canonical:
                yield from _refs(item)


def _templates_key(renderer: Any) -> str:
    digest = hashlib.sha256(renderer.site_url.encode())
    digest.update(repr(renderer.settings).encode())  # mkdocs.yml's settings: every page may show them
    loader = renderer.env.loader
    for name in sorted(loader.list_templates()):
        digest.update(f"\0{name}\0".encode())
        digest.update(loader.get_source(renderer.env, name)[0].encode())
    return digest.hexdigest()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in this process: a rebuild compiles only the templates whose text changed."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


COMPILED = MemoryBytecodeCache()  # the generator's templates
