"""YAML syntax errors as problems an author can act on.

libyaml's wording for a tab ("found character that cannot start any token", "found a tab
character that violates indentation") does not say which character or what to do, and
a tab is invisible in most editors, so that case gets a message of its own.
"""
from __future__ import annotations

import yaml

from .problems import Problem

SYNTAX = "(YAML syntax)"


def syntax_problem(label: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(label, 1, 1, SYNTAX, " ".join(filter(None, [error.context, error.problem])))
    tab = _tab_column(text, mark.line, mark.column)
    if tab is not None:
        return Problem(label, mark.line + 1, tab + 1, SYNTAX,
                       "a tab character here: YAML indents with spaces only; replace the tab with spaces")
    return Problem(label, mark.line + 1, mark.column + 1, SYNTAX, " ".join(filter(None, [error.context, error.problem])))


def _tab_column(text: str, line: int, column: int) -> int | None:
    """The column of the tab the error stopped at: on the mark, or in the line's indentation."""
    lines = text.splitlines()
    if line >= len(lines):
        return None
    row = lines[line]
    if row[column:column + 1] == "\t":
        return column
    indent = row[:len(row) - len(row.lstrip(" \t"))]
    return indent.index("\t") if "\t" in indent else None
