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


# How a dosage, a frequency and a list of equipment are said, as rules: the pages say them through the
# functions below, and the card builder's scripts read the same rules from api/index.js (`words`), so
# a card made in the browser says them as the site does. A form picks its wording by the count: an
# exact number ("1", "7"), "one" (at most one), "from_zero" (a range from 0), else "other"; "{n}" is
# the count as read ("8–12"), "{high}" its top.
WORDS = {
    "dosage": {
        "nothing": "as comfortable",
        "no_hold_at_zero": True,  # a hold of 0 s is no hold
        # The first rule whose `when` is given makes the sentence; a part is literal text or
        # [field, form], and says nothing when its field is not given. The note follows after `note`.
        "rules": [
            {"when": "reps", "say": [["sets", "sets_of"], ["reps", "reps"], ["side", "side"], ["hold", "rep_hold"]], "note": "; "},
            {"when": "dur", "say": [["sets", "sets_of"], ["dur", "seconds"], ["side", "side"], ["hold", "rep_hold"]], "note": "; "},
            {"when": "hold", "say": [["hold", "hold"], ["side", "side"], ["sets", "times"]], "note": "; "},
            {"when": "sets", "say": [["sets", "sets"], ["side", "side"]], "note": ": "},  # the note says what a set is
        ],
        "forms": {
            "sets_of": {"one": "{n} set of ", "other": "{n} sets of "},
            "reps": {"one": "{n} rep", "other": "{n} reps"},
            "seconds": {"other": "{n} s"},
            "rep_hold": {"from_zero": ", pausing up to {high} s", "other": ", holding each for {n} s"},
            "hold": {"from_zero": "hold up to {high} s", "other": "hold {n} s"},
            "times": {"1": ", once", "2": ", twice", "other": ", {n} times"},
            "sets": {"one": "{n} set", "other": "{n} sets"},
            "side": {"other": " on each side"},
        },
    },
    "frequency": {
        "per_week": {"1": "once a week", "2": "twice a week", "7": "every day", "other": "{n} times a week"},
        "per_day": {"1": "every day", "2": "twice a day", "other": "{n} times a day"},  # the builder's "<n>d"
        "item": ", {text}",  # after a dosage on a builder's card, when an exercise is done more or less often than the card
        "build_to": ", building up to {text}",
        "track": "; track {n} weeks",
    },
    "equipment": {"none": "none", "or": " or ", "and": ", ", "choices": "; "},
    "own_level": "your own exercise",  # the level column of an exercise a card builder's user wrote
}


def _ends(value: int | Span) -> tuple[int, int]:
    return (value.low, value.high) if isinstance(value, Span) else (value, value)


def say(form: dict[str, str], value: int | Span) -> str:
    """`value` in the wording `form` picks for it (see WORDS)."""
    low, high = _ends(value)
    if low == high and str(low) in form:
        text = form[str(low)]
    elif high == 1 and "one" in form:
        text = form["one"]
    elif low == 0 and high != 0 and "from_zero" in form:
        text = form["from_zero"]
    else:
        text = form["other"]
    return text.replace("{n}", count(value)).replace("{high}", str(high))


def dosage_text(dosage: Dosage | None) -> str:
    """The dosage as a person would say it, used on exercise pages, in progression tables and on cards.

    '1–2 sets of 10–15 reps on each side, pausing up to 5 s', 'hold 30 s on each side, 1–2 times',
    '2 sets of 30–45 s', '2 sets on each side: hold for as long as your form stays good'.
    """
    if dosage is None:
        return WORDS["dosage"]["nothing"]
    return dosage_words({"sets": dosage.sets, "reps": dosage.reps, "hold": dosage.hold_seconds,
                         "dur": dosage.duration_seconds, "side": dosage.per_side or None}, dosage.note)


def dosage_words(given: dict[str, int | Span | bool | None], note: str | None) -> str:
    """What WORDS["dosage"] makes of the counts `given` (None: not given) and a note."""
    rules = WORDS["dosage"]
    given = dict(given)
    if rules["no_hold_at_zero"] and given.get("hold") is not None and _ends(given["hold"])[1] == 0:
        given["hold"] = None
    if not note and all(value is None for value in given.values()):
        return rules["nothing"]
    rule = next((r for r in rules["rules"] if given.get(r["when"]) is not None), None)
    text = "" if rule is None else "".join(
        part if isinstance(part, str) else
        "" if given.get(part[0]) is None else say(rules["forms"][part[1]], 1 if given[part[0]] is True else given[part[0]])
        for part in rule["say"])
    if note:
        return f"{text}{rule['note'] if rule else ''}{note}" if text else note
    return text


def either(names: list[str]) -> str:
    """'chair or step', 'chair, step or wall'."""
    words = WORDS["equipment"]
    return words["or"].join([words["and"].join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def equipment_text(entries: list[Gear]) -> str:
    """'loop band, chair'; with a choice the items are split by semicolons so 'or' cannot take in its
    neighbours: 'loop band; chair or suspension straps'."""
    words = WORDS["equipment"]
    if not entries:
        return words["none"]
    names = [either(e.one_of) if isinstance(e, OneOf) else e for e in entries]
    return (words["choices"] if any(isinstance(e, OneOf) for e in entries) else words["and"]).join(names)


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
    return say(WORDS["frequency"]["per_week"], value)


def often_words(value: str) -> str:
    """How often as the builder's address writes it ("2", "2-3", "2d": twice a day), in words."""
    low, _, high = value.rstrip("d").partition("-")
    span = Span(int(low), int(high or low))
    return say(WORDS["frequency"]["per_day" if value.endswith("d") else "per_week"], span if span.is_range else span.low)


def frequency_text(frequency) -> str:
    text = times_a_week(frequency.per_week)
    if frequency.build_to is not None:
        text += WORDS["frequency"]["build_to"].replace("{text}", times_a_week(frequency.build_to))
    return text


def often_text(frequency) -> str:
    """How often, as a card says it, with the weeks its grid tracks: '2–3 times a week; track 6 weeks'."""
    return frequency_text(frequency) + WORDS["frequency"]["track"].replace("{n}", str(frequency.weeks))


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
