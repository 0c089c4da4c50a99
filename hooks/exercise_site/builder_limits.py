"""The card builder's bounds and choices: read by its page (builder.md, through render.py) and by
its scripts (through api/index.js), so that no number is written twice."""
from __future__ import annotations

from .text import often_words

# The card builder's bounds (builder.md, and the builder's scripts through api/index.js): a card of
# up to `one_sheet` exercises prints on one sheet; the tracking grid has at most `sessions` a week
# for `weeks` weeks; a title or note holds `text` characters, a name `name`, a count up to `count`.
# How often is a number of sessions a week, `sessions` at most (a range "2-3" too), or "<n>d", n times
# a day, `per_day` at most; `note` and `advice` bound an exercise's note and the card's advice,
# `steps` an exercise of the clinician's own; the add box lists `listed` matches at most.
BUILDER_LIMITS = {"one_sheet": 9, "exercises": 20, "sessions": 7, "per_day": 3, "weeks": 8, "text": 80, "name": 40,
                  "note": 240, "advice": 600, "steps": 400, "count": 999, "listed": 50, "clinic": 120}
# The papers a built card is measured on (width, height in mm), for its "two sheets" warning; the
# margins are the print CSS's own @page margins.
BUILDER_PAPER = {"A4": [210, 297], "Letter": [215.9, 279.4]}
# The choices of "How often" on the builder, as the address writes them, most often first.
BUILDER_OFTEN = ["3d", "2d", "7", "6", "5", "4", "3", "2-3", "2", "1-2", "1"]
# A new card's sessions a week and weeks to track, as the address writes them.
BUILDER_DEFAULTS = {"f": "2", "w": "6"}
LOG_TICKED = 3  # up to this many sessions a week, the tracking grid has a tick, the pain during and next morning; above, a daily grid


def builder_often() -> list[list[str]]:
    """[value, words] of each choice of "How often", worded as the cards word it."""
    return [[value, often_words(value)] for value in BUILDER_OFTEN]
