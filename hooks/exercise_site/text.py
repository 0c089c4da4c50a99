"""Formatting helpers shared by the templates: escaping, counts and dosages."""
from __future__ import annotations

import re

from markupsafe import Markup

from .model import Dosage, Exercise, Gear, OneOf, Source, Span

# Characters Python-Markdown (with the tables extension) accepts a backslash escape for,
# plus the three HTML specials as entities: one translation table, applied in one pass.
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]()#+-.!|"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPACE = re.compile(r"\s+")


def markdown_text(value: object) -> Markup:
    """Render any value as literal inline text inside Markdown: no HTML, no Markdown, no line breaks."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if "\n" in text or "\r" in text or "\t" in text or "  " in text:
        text = _SPACE.sub(" ", text)
    return Markup(text.translate(_ESCAPES))


def count(value: int | Span | None, dash: str = "–") -> str:
    """A number or a range as text: `8–12` to read, `8-12` (dash="-") in an address."""
    if value is None:
        return ""
    if isinstance(value, Span):
        return f"{value.low}{dash}{value.high}" if value.is_range else str(value.low)
    return str(value)


def _plural(value: int | Span, word: str) -> str:
    one = value == 1 or (isinstance(value, Span) and value.high == 1)
    return f"{count(value)} {word}{'' if one else 's'}"


def dosage_text(dosage: Dosage | None) -> str:
    """The dosage as a person would say it, used on exercise pages, in progression tables and on cards.

    '1–2 sets of 10–15 reps on each side, pausing up to 5 s', 'hold 30 s on each side, 1–2 times',
    '2 sets of 30–45 s', '2 sets on each side: hold for as long as your form stays good'.
    """
    if dosage is None:
        return "as comfortable"
    side = " on each side" if dosage.per_side else ""
    sets = dosage.sets
    hold = dosage.hold_seconds if dosage.hold_seconds is not None and _high(dosage.hold_seconds) > 0 else None
    if dosage.reps is not None:
        text = f"{_sets_of(sets)}{_plural(dosage.reps, 'rep')}{side}"
        if hold is not None:
            text += f", {_rep_hold(hold)}"
    elif dosage.duration_seconds is not None:
        text = f"{_sets_of(sets)}{count(dosage.duration_seconds)} s{side}"
        if hold is not None:
            text += f", {_rep_hold(hold)}"
    elif hold is not None:
        text = f"hold {_seconds(hold)}{side}"
        if sets is not None:
            text += f", {_times(sets)}"
    elif sets is not None:
        # Sets with no count: the note says what a set is.
        text = f"{_plural(sets, 'set')}{side}"
        return f"{text}: {dosage.note}" if dosage.note else text
    else:
        text = ""
    if dosage.note:
        return f"{text}; {dosage.note}" if text else dosage.note
    return text


def _high(value: int | Span) -> int:
    return value.high if isinstance(value, Span) else value


def _sets_of(sets: int | Span | None) -> str:
    return f"{_plural(sets, 'set')} of " if sets is not None else ""


def _seconds(value: int | Span) -> str:
    """'30 s', '10–30 s'; a range from zero is an upper limit: 'up to 5 s'."""
    if isinstance(value, Span) and value.low == 0:
        return f"up to {value.high} s"
    return f"{count(value)} s"


def _rep_hold(hold: int | Span) -> str:
    """A hold within each rep: an optional one (from zero) is a pause, a set one a hold."""
    if isinstance(hold, Span) and hold.low == 0:
        return f"pausing up to {hold.high} s"
    return f"holding each for {count(hold)} s"


def _times(value: int | Span) -> str:
    """'once', 'twice', '1–2 times'."""
    if value == 1 or value == Span(1, 1):
        return "once"
    if value == 2 or value == Span(2, 2):
        return "twice"
    return f"{count(value)} times"


def either(names: list[str]) -> str:
    """'chair or step', 'chair, step or wall'."""
    return " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def equipment_text(entries: list[Gear]) -> str:
    """'loop band, chair'; with a choice the items are split by semicolons so 'or' cannot take in its
    neighbours: 'loop band; chair or suspension straps'."""
    if not entries:
        return "none"
    words = [either(e.one_of) if isinstance(e, OneOf) else e for e in entries]
    return ("; " if any(isinstance(e, OneOf) for e in entries) else ", ").join(words)


def levels_text(numbers: list[int]) -> str:
    """'level 3', 'levels 1–2', 'levels 1 and 3', 'levels 1–2 and 4'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    word = "level" if len(numbers) == 1 else "levels"
    return f"{word} {' and '.join([', '.join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]}"


def other_levels(exercise: Exercise, name: str) -> str:
    """The levels whose `name` ('sides', 'position') differs from the exercise's, as a
    parenthesis to put after its value: ' (level 2: each side)'; '' when none does."""
    other: dict[str, list[int]] = {}
    for number, level in enumerate(exercise.levels, 1):
        value = getattr(level, name)
        if value is not None and value != getattr(exercise, name):
            other.setdefault(value, []).append(number)
    return f" ({'; '.join(f'{levels_text(n)}: {value}' for value, n in other.items())})" if other else ""


def sides_text(exercise: Exercise) -> str:
    """'each side', or with the levels that differ: 'both together (level 2: each side)'."""
    return exercise.sides + other_levels(exercise, "sides")


def times_a_week(value: int | Span) -> str:
    """'once a week', 'twice a week', '2–3 times a week', 'every day'."""
    if value == 7 or value == Span(7, 7):
        return "every day"
    return f"{_times(value)} a week"


def frequency_text(frequency) -> str:
    text = times_a_week(frequency.per_week)
    if frequency.build_to is not None:
        text += f", building up to {times_a_week(frequency.build_to)}"
    return text


def most_sessions(frequency) -> int:
    """Columns of the tracking grid: the most sessions a week the routine asks for."""
    counts = [frequency.per_week, frequency.build_to]
    return max((c.high if isinstance(c, Span) else c) for c in counts if c is not None)


_CITED_NAME = re.compile(r"^(?P<surname>.+) [A-Z]{1,3}$")  # "Silbernagel KG", as journals list authors


def source_short(source: Source) -> str:
    """A source in a few words, for a sentence or a printed card: "Silbernagel and colleagues, 2007", "NHS"."""
    who = source.author or source.publisher or ""
    if source.author:
        names = source.author.split(", ")
        first = _CITED_NAME.match(names[0])
        if first:
            second = _CITED_NAME.match(names[1]) if len(names) == 2 else None
            who = first["surname"] + (f" and {second['surname']}" if second else " and colleagues" if len(names) > 1 else "")
    return f"{who}, {source.published[:4]}" if source.published else who
