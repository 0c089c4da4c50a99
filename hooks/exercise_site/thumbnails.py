"""One look for every thumbnail file (`api/figures/<slug>.svg`, written by api.py), for listings that show many.

An inline thumbnail costs every row of a long list its own copy (about 1.4 KB and twenty
elements); a file is fetched once, cached by the browser, and loaded only when its row comes
into view (`<img loading="lazy">`). An SVG shown through `<img>` cannot use the page's CSS
nor inherit its text colour, so each file carries its own: dark lines on a light plate,
which reads the same on the light and the dark palette and on paper.
"""
from __future__ import annotations

import re

from .model import Exercise

FOLDER = "api/figures"  # in the docs tree; the site serves it at <site>/api/figures/<slug>.svg
INK = "#1f2329"  # the lines: contrast 15:1 on the plate
PLATE = "#f4f5f7"  # the background behind the lines, a little off-white on both palettes
_SIZE = re.compile(r' width="([\d.]+)" height="([\d.]+)"')
_VIEW_BOX = re.compile(r' viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


def thumbnail_path(exercise: Exercise | str) -> str:
    """The docs path of an exercise's thumbnail file, e.g. `api/figures/clamshell.svg`."""
    slug = exercise if isinstance(exercise, str) else exercise.slug
    return f"{FOLDER}/{slug}.svg"


def standalone(svg: str) -> str:
    """An inline figure as a file of its own: its own colours, a plate behind it, no page classes."""
    x, y, width, height = _VIEW_BOX.search(svg).groups()
    plate = f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="4" fill="{PLATE}" stroke="none"/>'
    svg = svg.replace("currentColor", INK)
    svg = re.sub(r' class="[^"]*"| role="img"| aria-labelledby="[^"]*"| aria-describedby="[^"]*"', "", svg.split(">", 1)[0]) + ">" + svg.split(">", 1)[1]
    head, _, rest = svg.partition("</desc>")
    return head + "</desc>" + plate + rest + "\n"


def thumbnail_size(svg: str) -> tuple[str, str]:
    """(width, height) in whole CSS pixels (HTML's width and height take integers)."""
    width, height = _SIZE.search(svg).groups()
    return str(round(float(width))), str(round(float(height)))
