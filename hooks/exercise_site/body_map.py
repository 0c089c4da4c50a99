"""The body map: the standing figure seen from the front, the side and the back, with a patch
for each body area of the vocabulary, each patch a link to that area's part of the page.

Drawn with the exercise figures' own body (figure.py), so a fork's map matches its figures;
where each patch sits is data (`vocabulary.yml`, `BodyArea.marks`).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .figure import FAR_OPACITY, HEAD, LINE, PAD, Canvas, _draw_body, _numbers, place
from .model import AreaMark, BodyArea, Figure, Pose, slugify

# The standing figure of each view: arms a little away from the body so the sides of the body show.
# In the side view the arms reach a little forward, so they do not cover the side of the body.
_POSES = {
    "front": ("front", Pose(arms=[14, -14], thighs=[5, -5])),
    "side": ("side", Pose(arms=[45, 40])),
    "back": ("front", Pose(arms=[14, -14], thighs=[5, -5])),
}
SIZE = (150.0, 290.0)  # the largest a view is drawn, in CSS pixels
VIEW_NAMES = {"front": "From the front", "side": "From the side", "back": "From the back"}


def area_id(area: BodyArea) -> Markup:
    """The id of an area's section on the map page, e.g. `inside-of-the-knee`: a slug, safe as it is in
    Markdown (escaping its hyphens would change the id the table of contents records)."""
    return Markup(slugify(area.name))


def map_views(areas: list[BodyArea]) -> list[str]:
    """The views some area is marked on, in the order front, side, back."""
    used = {mark.view for area in areas for mark in area.marks}
    return [view for view in _POSES if view in used]


def body_map_svg(view: str, areas: list[BodyArea], title: str) -> Markup:
    """One view of the map as inline SVG: the figure faded, each area's patch a named link."""
    figure_view, pose = _POSES[view]
    body = place(Figure(view=figure_view, start=pose, end=pose))[1]
    canvas = Canvas()
    figure = Canvas()
    _draw_body(figure, body, figure_view)
    canvas.parts.append(f'<g opacity="{FAR_OPACITY}">' + "".join(figure.parts) + "</g>")
    canvas.include(figure)
    for area in areas:
        for mark in area.marks:
            if mark.view == view:
                canvas.parts.append(_patch(canvas, body, area, mark))
    left, right = canvas.left - PAD, canvas.right + PAD
    top, bottom = canvas.top + HEAD / 2 + PAD, min(canvas.bottom, -LINE) - PAD
    width, height = right - left, top - bottom
    scale = min(SIZE[0] / width, SIZE[1] / height)
    view_box = _numbers("%.1f %.1f %.1f %.1f", (left, -top, width, height))
    uid = f"rx-map-{view}"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rx-map" viewBox="{view_box}"'
        f' width="{width * scale:.0f}" height="{height * scale:.0f}" role="group" aria-labelledby="{uid}-t"'
        ' fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">'
        f'<title id="{uid}-t">{escape(title)}</title>'
        + "".join(canvas.parts) + "</svg>"
    )


def _patch(canvas: Canvas, body, area: BodyArea, mark: AreaMark) -> str:
    x, y = body.point(mark.at)
    x, y = x + mark.offset[0], y + mark.offset[1]
    canvas.extend(x - mark.size, x + mark.size, y - mark.size, y + mark.size)
    name = escape(area.name[:1].upper() + area.name[1:])
    circle = _numbers('cx="%.1f" cy="%.1f" r="%.1f"', (x, -y, mark.size))
    return (f'<a class="rx-map-area" href="#{area_id(area)}" aria-label="{name}">'
            f'<title>{name}</title><circle {circle}/></a>')
