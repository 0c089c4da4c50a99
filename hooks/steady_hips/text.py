"""Formatting helpers shared by the templates: escaping, counts and dosages."""
from __future__ import annotations

import re

from markupsafe import Markup

from .model import Dosage, Span

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


def count(value: int | Span | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Span):
        return f"{value.low}–{value.high}" if value.is_range else str(value.low)
    return str(value)


def _plural(value: int | Span, word: str) -> str:
    one = value == 1 or (isinstance(value, Span) and value.high == 1)
    return f"{count(value)} {word}{'' if one else 's'}"


def dosage_text(dosage: Dosage | None) -> str:
    """E.g. '1–2 sets of 10–15 reps each side, hold 0–5 s'."""
    if dosage is None:
        return "as comfortable"
    side = " each side" if dosage.per_side else ""
    parts = []
    if dosage.reps is not None:
        amount = _plural(dosage.reps, "rep")
    elif dosage.duration_seconds is not None:
        amount = f"{count(dosage.duration_seconds)} s"
    elif dosage.hold_seconds is not None:
        amount = f"hold {count(dosage.hold_seconds)} s"
    else:
        amount = ""
    if amount:
        sets = f"{_plural(dosage.sets, 'set')} of " if dosage.sets is not None else ""
        parts.append(f"{sets}{amount}{side}")
    elif dosage.sets is not None:
        parts.append(f"{_plural(dosage.sets, 'set')}{side}")
    if dosage.hold_seconds is not None and (dosage.reps is not None or dosage.duration_seconds is not None):
        parts.append(f"hold {count(dosage.hold_seconds)} s")
    if dosage.note:
        parts.append(dosage.note)
    return ", ".join(parts)


def times_a_week(value: int | Span) -> str:
    """'once a week', 'twice a week', '2–3 times a week'."""
    if value == 1 or value == Span(1, 1):
        return "once a week"
    if value == 2 or value == Span(2, 2):
        return "twice a week"
    return f"{count(value)} times a week"


def frequency_text(frequency) -> str:
    text = times_a_week(frequency.per_week)
    if frequency.build_to is not None:
        text += f", building up to {times_a_week(frequency.build_to)}"
    return text


def most_sessions(frequency) -> int:
    """Columns of the tracking grid: the most sessions a week the routine asks for."""
    counts = [frequency.per_week, frequency.build_to]
    return max((c.high if isinstance(c, Span) else c) for c in counts if c is not None)
