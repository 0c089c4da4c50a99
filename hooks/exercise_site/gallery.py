"""One HTML page with every exercise's figure drawn large, to look at them side by side.

    python -m exercise_site figures OUTDIR    # writes OUTDIR/figures.html

Not part of the site: a page for authors and reviewers. Each figure is shown at four times
its page size with its name and its text alternative, and every level with its own figure
after the exercise's.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from .catalogue import Catalogue
from .figure import exercise_figure

SCALE = 4

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} figures</title>
<style>
body{{font:16px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222;background:#fff}}
section{{display:inline-block;vertical-align:top;margin:0 1.5rem 2rem 0;max-width:{width}px}}
h2{{font-size:1.1rem;margin:0 0 .3rem}} p{{font-size:.8rem;color:#555;margin:.3rem 0 0}}
svg{{display:block;border:1px solid #ddd}}
</style></head><body>
<h1>Every figure, {scale}&times; its page size ({count})</h1>
{sections}
</body></html>
"""


def _large(svg: str) -> str:
    """The SVG at SCALE times its width and height (its view box keeps the drawing the same)."""
    def bigger(match: re.Match) -> str:
        return f'{match.group(1)}="{float(match.group(2)) * SCALE:g}"'

    return re.sub(r'\b(width|height)="([0-9.]+)"', bigger, svg, count=2)


def gallery_html(catalogue: Catalogue, site_name: str = "Exercise") -> str:
    sections = []
    for slug, exercise in sorted(catalogue.exercises.items()):
        for level in [None, *[lv for lv in exercise.levels if lv.figure is not None]]:
            name = exercise.name + (f" ({level.name})" if level is not None else "")
            svg = str(exercise_figure(exercise, level, catalogue.vocabulary, key="gallery"))
            desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg)
            sections.append(
                f'<section id="{escape(slug)}{"-" + str(exercise.levels.index(level) + 1) if level else ""}">'
                f"<h2>{escape(name)}</h2>{_large(svg)}<p>{desc.group(1) if desc else ''}</p></section>"
            )
    return _PAGE.format(title=escape(site_name), width=280 * SCALE, scale=SCALE, count=len(sections), sections="\n".join(sections))


def write_gallery(catalogue: Catalogue, outdir: Path, site_name: str = "Exercise") -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / "figures.html"
    target.write_text(gallery_html(catalogue, site_name), encoding="utf-8")
    return target
