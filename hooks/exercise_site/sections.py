"""Long listings in parts, so that no section of a page carries more text than a search index takes.

Search indexes hold one entry per section (the text under one heading). Zensical refuses an entry
over 64 KB, and a listing page can hold most of the catalogue in one table (the no-equipment page,
at 1,000 exercises, about 110 KB). Such a table is cut into parts, each under a heading of its own
one level below the section's; smaller tables, and so pages at today's size, are left as they are.
"""
from __future__ import annotations

import re

SEARCH_SECTION_LIMIT = 64 * 1024  # bytes of text in one search entry
# Markdown bytes of one part: its text in the index is shorter (no link targets, no escapes),
# and the other half leaves room for the prose of the section around the table.
PART_BYTES = SEARCH_SECTION_LIMIT // 2

_HEADING = re.compile(r"(#{1,6}) ")
_DELIMITER_ROW = re.compile(r"\|(\s*:?-+:?\s*\|)+\s*$")


def split_long_tables(markdown: str, noun: str = "Exercises") -> str:
    """`markdown` with every pipe table over PART_BYTES cut into parts titled `<noun> 1 to 120`."""
    if len(markdown.encode()) <= PART_BYTES:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    level, i = 1, 0
    while i < len(lines):
        heading = _HEADING.match(lines[i])
        if heading:
            level = len(heading.group(1))
        if lines[i].startswith("|") and i + 1 < len(lines) and _DELIMITER_ROW.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            table = lines[i:end]
            out += _parts(table[:2], table[2:], min(level + 1, 6), noun) if _size(table) > PART_BYTES else table
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _size(lines: list[str]) -> int:
    return sum(len(line.encode()) + 1 for line in lines)


def _parts(head: list[str], rows: list[str], level: int, noun: str) -> list[str]:
    budget = PART_BYTES - _size(head)
    target = _size(rows) / -(-_size(rows) // budget)  # parts of about equal size
    parts: list[list[str]] = [[]]
    for row in rows:
        if parts[-1] and _size(parts[-1]) + _size([row]) > min(target * 1.02, budget):
            parts.append([])
        parts[-1].append(row)
    out: list[str] = []
    first = 1
    for part in parts:
        last = first + len(part) - 1
        out += [f"{'#' * level} {noun} {first} to {last} of {len(rows)}", "", *head, *part, ""]
        first = last + 1
    return out
