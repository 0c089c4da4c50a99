"""Exercise figures: two poses from the data drawn as one small inline SVG.

A pose is a set of angles (see the figure section of `model.py`). The start pose is
drawn faded, the end pose solid, and an arrow follows the point that moves most. Lines
use `currentColor`, so a figure follows the page's text colour in light and dark mode
and prints black. Everything is computed here: no files, no fonts, no network; the same
data always gives the same bytes (coordinates are rounded to one decimal).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from operator import itemgetter

from markupsafe import Markup, escape

from .model import Exercise, Figure, Level, Pose, Prop, Vocabulary

# --- body measures, in figure units (standing, the figure is about 93 units tall) -----

TRUNK = 30.0
NECK = 2.5
HEAD = 6.0  # radius
UPPER_ARM = 16.0
FOREARM = 17.0  # with the hand
THIGH = 23.0
SHIN = 22.0
HEEL = 3.0
TOE = 10.0
FRONT_FOOT = 5.0  # a foot seen from the front points at the viewer: drawn short
HIP_HALF = 5.0  # front view: half the width of the pelvis
SHOULDER_HALF = 8.0
SHORT = 0.5  # parts listed under `short` point toward the viewer
LINE = 4.2  # body line width
STEP = 10.0  # height of a step
BALL = 13.0  # radius of a gym ball
ROLLER = 4.5  # radius of a foam roller
SMALL_BALL = 3.2  # radius of a small ball held between the knees or feet
PAD = 3.0  # margin around the drawing
BAND = 1.4  # line width of a loop band
BAND_HALF = 2.8  # half the width of a stretched loop band: it wraps round the limb lines
MAX_BYTES = 4000  # a figure stays under 4 KB of SVG
# Display size in CSS pixels: as large as fits the box, at most `scale` pixels a unit.
PAGE_SIZE = (280.0, 220.0, 2.3)  # exercise pages
THUMB_SIZE = (84.0, 56.0, 0.6)  # lists and routine cards

START_OPACITY = ".3"
FAR_OPACITY = ".55"
HIGHLIGHT_OPACITY = ".22"
FRAME_OPACITY = ".45"  # a machine's frame, behind the person

_PROP_WORDS = {
    "wall": "a wall", "chair": "a chair", "chair back": "a chair back", "step": "a step", "gym ball": "a gym ball",
    "foam roller": "a foam roller", "loop band": "a loop band", "weights": "hand weights", "straps": "suspension straps",
    "machine": "an abductor machine", "bench": "a bench", "anchored band": "a band tied to a post", "ball": "a small ball",
}
_STATIC_PROPS = {"wall", "chair", "chair back", "step", "bench"}
BENCH_HALF = 13.0  # half the length of a bench top
ANCHOR_REACH = 24.0  # how far in front of the point a band's post stands


# --- geometry ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _dir(angle: float) -> tuple[float, float]:
    """Unit vector for an angle: 0 straight down, counter-clockwise (y points up)."""
    rad = math.radians(angle)
    return (math.sin(rad), -math.cos(rad))


def _at(point: tuple[float, float], angle: float, length: float) -> tuple[float, float]:
    dx, dy = _dir(angle)
    return (point[0] + dx * length, point[1] + dy * length)


def _mid(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _add(a: tuple[float, float], b: tuple[float, float], k: float = 1.0) -> tuple[float, float]:
    return (a[0] + b[0] * k, a[1] + b[1] * k)


@dataclass
class Angles:
    """A pose with every default filled in."""

    trunk: float
    head: float
    arms: list[float]
    forearms: list[float]
    thighs: list[float]
    shins: list[float]
    feet: list[float]


def resolve(pose: Pose, view: str) -> Angles:
    thighs = list(pose.thighs)
    shins = list(pose.shins) if pose.shins is not None else list(thighs)
    if pose.arms is not None:
        arms = list(pose.arms)
    else:
        arms = [pose.trunk - 180 + a for a in ((0, 0) if view == "side" else (15, -15))]
    forearms = list(pose.forearms) if pose.forearms is not None else list(arms)
    if pose.feet is not None:
        feet = list(pose.feet)
    elif view == "side":
        feet = [s + 90 for s in shins]
    else:
        feet = [shins[0] + 80, shins[1] - 80]
    head = pose.head if pose.head is not None else pose.trunk
    return Angles(pose.trunk, head, arms, forearms, thighs, shins, feet)


@dataclass
class Body:
    """Joint positions of one pose, before it is placed on the ground."""

    angles: Angles
    hips: tuple[float, float]
    hip: list[tuple[float, float]]  # where each leg joins (the same point in a side view)
    shoulders: tuple[float, float]
    shoulder: list[tuple[float, float]]
    head: tuple[float, float]
    elbow: list[tuple[float, float]]
    hand: list[tuple[float, float]]
    knee: list[tuple[float, float]]
    ankle: list[tuple[float, float]]
    heel: list[tuple[float, float]]
    toe: list[tuple[float, float]]

    def moved(self, dx: float, dy: float) -> Body:
        def one(p):
            return (p[0] + dx, p[1] + dy)

        def both(sides):
            a, b = sides
            return [(a[0] + dx, a[1] + dy), (b[0] + dx, b[1] + dy)]

        return Body(self.angles, one(self.hips), both(self.hip), one(self.shoulders), both(self.shoulder),
                    one(self.head), both(self.elbow), both(self.hand), both(self.knee), both(self.ankle),
                    both(self.heel), both(self.toe))

    def point(self, name: str) -> tuple[float, float]:
        return _NAMED_POINTS[name](self)

    def foot_bottom(self, i: int) -> float:
        return min(self.heel[i][1], self.toe[i][1], self.ankle[i][1]) - LINE / 2

    def lowest(self) -> float:
        joints = (self.hips, self.shoulders, *self.hip, *self.shoulder, *self.elbow, *self.hand, *self.knee,
                  *self.ankle, *self.heel, *self.toe)
        # min(y) - c equals min(y - c) exactly (subtracting is monotonic), so one subtraction will do
        return min(self.head[1] - HEAD, min(map(itemgetter(1), joints)) - LINE / 2)


def _ends(starts: list[tuple[float, float]], angles: list[float], length: float) -> list[tuple[float, float]]:
    """Where a segment of `length` from each start point at its angle ends (one per side):
    `_at` for both sides at once, for speed."""
    (x0, y0), (x1, y1) = starts
    (dx0, dy0), (dx1, dy1) = _dir(angles[0]), _dir(angles[1])
    return [(x0 + dx0 * length, y0 + dy0 * length), (x1 + dx1 * length, y1 + dy1 * length)]


def build(pose: Pose, view: str) -> Body:
    a = resolve(pose, view)
    short = pose.short

    def length(part: str, base: float) -> float:
        return base * SHORT if part in short else base

    hips = (0.0, 0.0)
    shoulders = _at(hips, a.trunk, length("trunk", TRUNK))
    if view == "front":
        across = [a.trunk - 90, a.trunk + 90]
        hip = _ends([hips, hips], across, HIP_HALF)
        shoulder = _ends([shoulders, shoulders], across, SHOULDER_HALF)
    else:
        hip = [hips, hips]
        shoulder = [shoulders, shoulders]
    head = _at(shoulders, a.head, NECK + HEAD)
    elbow = _ends(shoulder, a.arms, length("arms", UPPER_ARM))
    hand = _ends(elbow, a.forearms, length("forearms", FOREARM))
    knee = _ends(hip, a.thighs, length("thighs", THIGH))
    ankle = _ends(knee, a.shins, length("shins", SHIN))
    if view == "front":
        heel = list(ankle)
        toe = _ends(ankle, a.feet, length("feet", FRONT_FOOT))
    else:
        heel = _ends(ankle, [a.feet[0] + 180, a.feet[1] + 180], length("feet", HEEL))
        toe = _ends(ankle, a.feet, length("feet", TOE))
    return Body(a, hips, hip, shoulders, shoulder, head, elbow, hand, knee, ankle, heel, toe)


def place(figure: Figure) -> tuple[Body, Body]:
    """Both poses on the ground (or standing on their step), the start pose moved sideways
    so that its `fixed` point is where the end pose has it (plus the poses' `shift`). Seated
    in a machine, the seat holds the hips at one height in both poses."""
    steps = [p for p in figure.props if p.kind == "step"]
    bodies = [build(pose, figure.view) for pose in (figure.start, figure.end)]
    if steps:
        lifts = [STEP - body.foot_bottom(1 if steps[0].at.startswith("other") else 0) for body in bodies]
    else:
        lifts = [-body.lowest() for body in bodies]
    if any(p.kind == "machine" for p in figure.props):
        seat = max(lift + body.hips[1] for lift, body in zip(lifts, bodies))
        lifts = [seat - body.hips[1] for body in bodies]
    return tuple(body.moved(pose.shift - body.point(figure.fixed)[0], lift)
                 for pose, body, lift in zip((figure.start, figure.end), bodies, lifts))


# Named points of a body, for `fixed` and arrows; looked up often, so built once.
_NAMED_POINTS = {
    "head": lambda b: b.head, "shoulders": lambda b: b.shoulders, "hips": lambda b: b.hips,
    "hand": lambda b: b.hand[0], "other hand": lambda b: b.hand[1], "hands": lambda b: _mid(*b.hand),
    "elbow": lambda b: b.elbow[0], "other elbow": lambda b: b.elbow[1],
    "knee": lambda b: b.knee[0], "other knee": lambda b: b.knee[1], "knees": lambda b: _mid(*b.knee),
    "foot": lambda b: b.ankle[0], "other foot": lambda b: b.ankle[1], "feet": lambda b: _mid(*b.ankle),
    "toes": lambda b: b.toe[0], "other toes": lambda b: b.toe[1],
    "heel": lambda b: b.heel[0], "other heel": lambda b: b.heel[1], "heels": lambda b: _mid(*b.heel),
}


# --- SVG writing -------------------------------------------------------------------------


def _numbers(template: str, values: tuple | list) -> str:
    """`template % values` for a template of `%.1f` fields, each number written to one decimal and
    as short as SVG allows: 12.0 as "12", -0.04 as "0".

    One `%` formats a whole run of numbers. In its output every "-0.0" is a negative zero and
    every ".0" a zero decimal, as long as the template's own text has neither and never puts
    a digit right after a field."""
    return (template % tuple(values)).replace("-0.0", "0.0").replace(".0", "")


def _n(value: float) -> str:
    return _numbers("%.1f", (value,))


@functools.lru_cache(maxsize=64)
def _width(value: float) -> str:
    """A stroke width: one of a few constants, so written once each."""
    return _n(value)


@functools.lru_cache(maxsize=256)
def _path_template(lengths: tuple[int, ...]) -> str:
    """The `_numbers` template for polylines of these numbers of points: `M x y L x y ...`."""
    return "".join("M%.1f %.1f" + "L%.1f %.1f" * (n - 1) for n in lengths)


class Canvas:
    """Collects SVG elements (y flipped) and the extent of everything drawn."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.left = self.bottom = math.inf
        self.right = self.top = -math.inf

    def extend(self, left: float, right: float, bottom: float, top: float) -> None:
        """Grow the extent to take in this box."""
        if left < self.left:
            self.left = left
        if right > self.right:
            self.right = right
        if bottom < self.bottom:
            self.bottom = bottom
        if top > self.top:
            self.top = top

    def include(self, other: Canvas) -> None:
        """Take in another canvas's extent (not its parts)."""
        self.extend(other.left, other.right, other.bottom, other.top)

    def grow(self, p: tuple[float, float], margin: float = 0.0) -> None:
        x, y = p
        self.extend(x - margin, x + margin, y - margin, y + margin)

    def path(self, lines: list[list[tuple[float, float]]], margin: float) -> str:
        """Path data for polylines: `M x y L x y ...`, written as short as SVG allows."""
        numbers: list[float] = []  # x, -y, x, -y, ... as written
        for line in lines:
            for x, y in line:
                numbers.append(x)
                numbers.append(-y)
        xs, flipped_ys = numbers[0::2], numbers[1::2]
        # min(v) - m equals min(v - m) exactly (adding is monotonic): one sum per side will do
        self.extend(min(xs) - margin, max(xs) + margin, -max(flipped_ys) - margin, -min(flipped_ys) + margin)
        return _numbers(_path_template(tuple(map(len, lines))), numbers)

    def lines(self, lines, width: float, extra: str = "") -> str:
        """Draws the polylines as one path; returns its path data ("" when there is nothing to draw)."""
        if not all(lines):
            lines = [ln for ln in lines if ln]
        if not lines:
            return ""
        data = self.path(lines, width / 2)
        self.parts.append(f'<path d="{data}" stroke-width="{_width(width)}"{extra}/>')
        return data

    def circle(self, centre, radius: float, extra: str = "", margin: float = 0.0) -> None:
        x, y = centre
        reach = radius + margin
        self.extend(x - reach, x + reach, y - reach, y + reach)
        attributes = _numbers('cx="%.1f" cy="%.1f" r="%.1f"', (x, -y, radius))
        self.parts.append(f"<circle {attributes}{extra}/>")


def _limb_lines(body: Body, i: int) -> list[list[tuple[float, float]]]:
    return [
        [body.shoulder[i], body.elbow[i], body.hand[i]],
        [body.hip[i], body.knee[i], body.ankle[i]],
        [body.heel[i], body.toe[i]],
    ]


def _body_lines(body: Body, view: str) -> list[tuple[list, str]]:
    """The body as groups of polylines with their extra attributes: far limbs, then the rest."""
    trunk = [[body.hips, body.shoulders]]
    if view == "front":
        trunk += [[body.hip[1], body.hip[0]], [body.shoulder[1], body.shoulder[0]]]
        return [(trunk + _limb_lines(body, 0) + _limb_lines(body, 1), "")]
    return [(_limb_lines(body, 1), f' opacity="{FAR_OPACITY}"'), (trunk + _limb_lines(body, 0), "")]


def _draw_body(canvas: Canvas, body: Body, view: str) -> list[tuple[str, str]]:
    """Draws the body; returns each path's data with its extra attributes, for the animation."""
    drawn = [(canvas.lines(lines, LINE, extra), extra) for lines, extra in _body_lines(body, view)]
    canvas.circle(body.head, HEAD, ' fill="currentColor" stroke="none"')
    return drawn


# The optional animation: a third, solid figure moving between the two poses, shown only on
# screen and only when the reader has not asked for reduced motion; the static picture
# (start faded, end solid) is what prints and what everyone else sees.
_ANIMATION_STYLE = (
    "<style>.rx-fig-a{display:none}@media screen and (prefers-reduced-motion:no-preference)"
    "{.rx-fig-a{display:inline}.rx-fig-e{opacity:.3}}</style>"
)
_TIMING = ' dur="4s" repeatCount="indefinite" keyTimes="0;.5;1" calcMode="spline" keySplines=".5 0 .5 1;.5 0 .5 1"'


def _animation(start: Body, end: Body, start_paths: list[tuple[str, str]], end_paths: list[tuple[str, str]]) -> str:
    """`start_paths`, `end_paths`: the two bodies' path data as `_draw_body` returned them."""
    parts = []
    for (a, extra), (b, _) in zip(start_paths, end_paths):
        move = f'<animate attributeName="d" values="{a};{b};{a}"{_TIMING}/>' if a != b else ""
        parts.append(f'<path d="{a}" stroke-width="{_width(LINE)}"{extra}>{move}</path>')
    (ax, ay), (bx, by) = (_numbers("%.1f %.1f", (x, -y)).split() for x, y in (start.head, end.head))
    move = "".join(f'<animate attributeName="{name}" values="{u};{v};{u}"{_TIMING}/>'
                   for name, u, v in (("cx", ax, bx), ("cy", ay, by)) if u != v)
    parts.append(f'<circle cx="{ax}" cy="{ay}" r="{_n(HEAD)}" fill="currentColor" stroke="none">{move}</circle>')
    return '<g class="rx-fig-a">' + "".join(parts) + "</g>"


def _highlight(canvas: Canvas, body: Body, view: str, place_: str | None, both: bool) -> None:
    """Shade a muscle's place (`model.MusclePlace`, given for each muscle in vocabulary.yml)."""
    if place_ is None:
        return
    sides = [0, 1] if both and view == "front" else [0]
    extra = f' opacity="{HIGHLIGHT_OPACITY}"'
    if place_ == "hip":
        for i in sides:
            canvas.circle(body.hip[i], 7.5, ' fill="currentColor" stroke="none"' + extra)
    elif place_ == "trunk":
        canvas.lines([[body.hips, body.shoulders]], 11, extra)
    elif place_ == "thigh":
        canvas.lines([[body.hip[i], body.knee[i]] for i in sides], 10, extra)
    elif place_ == "shin":
        canvas.lines([[body.knee[i], body.ankle[i]] for i in sides], 9, extra)
    elif place_ == "upper arm":
        canvas.lines([[body.shoulder[i], body.elbow[i]] for i in sides], 8, extra)
    elif place_ == "forearm":
        canvas.lines([[body.elbow[i], body.hand[i]] for i in sides], 7, extra)
    elif place_ == "foot":
        canvas.lines([[body.heel[i], body.toe[i]] for i in sides], 7, extra)
    else:
        raise ValueError(f"no way to shade the place {place_!r}")


def _static_props(canvas: Canvas, props: list[Prop], body: Body) -> None:
    lines: list[list[tuple[float, float]]] = []
    for prop in props:
        if prop.kind not in _STATIC_PROPS:
            continue
        p = body.point(prop.at)
        if prop.kind == "wall":
            side = 1.0 if p[0] >= body.hips[0] else -1.0
            x = p[0] + side * (LINE / 2 + 1.2)
            top = max(88.0, p[1] + 8)
            lines.append([(x, 0), (x, top)])
            for k in range(5):
                y = 8 + k * (top - 12) / 4
                lines.append([(x, y), (x + side * 3.5, y + 3.5)])
        elif prop.kind == "chair":
            seat = p[1] - (5.0 if prop.at == "hips" else LINE / 2)
            front, back = p[0] + 5, p[0] - 14
            lines += [[(front, 0), (front, seat), (back, seat), (back, 0)], [(back, seat), (back - 1.5, seat + 24)]]
        elif prop.kind == "chair back":
            top = p[1] - LINE / 2
            seat = top - 24 if top > 40 else top * 0.55
            x = p[0]
            lines += [[(x + 1.5, top), (x, seat), (x, 0)], [(x, seat), (x - 17, seat), (x - 17, 0)]]
        elif prop.kind == "bench":
            top = p[1] - LINE / 2
            left, right = p[0] - BENCH_HALF, p[0] + BENCH_HALF
            lines += [[(left, top), (right, top)], [(left + 2, top), (left + 2, 0)], [(right - 2, top), (right - 2, 0)]]
        elif prop.kind == "step":
            i = 1 if prop.at.startswith("other") else 0
            left = min(body.heel[i][0], body.toe[i][0]) - 14
            right = max(body.heel[i][0], body.toe[i][0]) + 1
            lines.append([(left, 0), (left, STEP), (right, STEP), (right, 0)])
    canvas.lines(lines, 1.8)


def _moving_props(canvas: Canvas, props: list[Prop], body: Body, view: str) -> None:
    if not props:
        return
    lines: list[list[tuple[float, float]]] = []
    for prop in props:
        kind = prop.kind
        if kind in _STATIC_PROPS:
            continue
        if kind in ("gym ball", "foam roller"):
            p = body.point(prop.at)
            r = BALL if kind == "gym ball" else ROLLER
            canvas.circle((p[0], r), r, ' stroke-width="1.8"', 0.9)
            if kind == "foam roller":
                canvas.circle((p[0], r), 1.5, ' stroke-width="1.2"', 0.6)
        elif kind == "loop band":
            _band(canvas, body, prop.at)
        elif kind == "weights":
            hands = [0, 1] if prop.at == "hands" else [1] if prop.at == "other hand" else [0]
            for i in hands:
                h = body.hand[i]
                ang = body.angles.forearms[i] + 90
                d = _dir(ang)
                canvas.lines([[_add(h, d, -4), _add(h, d, 4)]], 3.6)
                canvas.lines([[_add(h, d, -4.5), _add(h, d, -3)], [_add(h, d, 3), _add(h, d, 4.5)]], 6.5)
        elif kind == "straps":
            hands = [0, 1] if prop.at == "hands" else [1] if prop.at == "other hand" else [0]
            for i in hands:
                h = body.hand[i]
                lines.append([h, (h[0] + 4, h[1] + 40)])
        elif kind == "ball":
            p = body.point(prop.at)
            canvas.circle(p, SMALL_BALL, ' stroke-width="1.4"', 0.7)
        elif kind == "anchored band":
            p = body.point(prop.at)
            post = p[0] + ANCHOR_REACH
            lines.append([(post, 0), (post, p[1] + 10)])
            canvas.lines([[p, (post, p[1])]], BAND)
        elif kind == "machine":
            for i in range(2):
                k = body.knee[i]
                side = 1.0 if i == 0 else -1.0
                x = k[0] + side * 4.5
                canvas.lines([[(x, k[1] - 4), (x, k[1] + 5)]], 3.4)
    canvas.lines(lines, 1.8)


def _band_points(body: Body, at: str) -> list[tuple[float, float]]:
    """Where a loop band sits on each leg: around the thighs just above the knees, or just
    above the ankles for a band at the feet."""
    if at in _AT_FEET:
        return [_at(body.ankle[i], body.angles.shins[i] + 180, 3.5) for i in range(2)]
    return [_add(body.hip[i], (body.knee[i][0] - body.hip[i][0], body.knee[i][1] - body.hip[i][1]), 0.78)
            for i in range(2)]


def _band(canvas: Canvas, body: Body, at: str) -> None:
    """A loop band: a flat loop stretched between the legs, or, with the legs side by side, a
    ring around them seen edge on. A thin outline, so it never reads as a limb."""
    a, b = _band_points(body, at)
    r = BAND_HALF
    if math.dist(a, b) < 2 * r + LINE / 2:
        along = body.angles.shins[0] if at in _AT_FEET else body.angles.thighs[0]
        c = _mid(a, b)
        canvas.grow(c, r * 2 + BAND / 2)
        attributes = _numbers('cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f" transform="rotate(%.1f %.1f %.1f)"',
                              (c[0], -c[1], r * 2, r * 0.75, -along, c[0], -c[1]))
        canvas.parts.append(f'<ellipse class="rx-prop-band" {attributes} stroke-width="{_width(BAND)}"/>')
        return
    dist = math.dist(a, b)
    nx, ny = -(b[1] - a[1]) / dist * r, (b[0] - a[0]) / dist * r
    corners = [(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)]
    for p in corners:
        canvas.grow(p, r + BAND / 2)
    flipped = [v for x, y in corners for v in (x, -y)]
    data = _numbers("M%.1f %.1fL%.1f %.1fA" + _band_arc + "%.1f %.1fL%.1f %.1fA" + _band_arc + "%.1f %.1fZ",
                    (*flipped, *flipped[:2]))
    canvas.parts.append(f'<path class="rx-prop-band" d="{data}" stroke-width="{_width(BAND)}"/>')


_AT_FEET = {"feet", "foot", "other foot", "heel", "other heel", "heels", "toes", "other toes"}
_BAND_PLACE = {False: " around the thighs", True: " around the ankles"}
_band_arc = _n(BAND_HALF) + " " + _n(BAND_HALF) + " 0 0 1 "


def _machine_frame(canvas: Canvas, body: Body) -> None:
    """An abductor machine seen from the front, faded and thin behind the person: the seat
    under the hips on two legs and a backrest, wide enough to stay clear of the legs and
    arms; the pads at the knees are drawn with each pose."""
    x, hips = body.hips[0], body.hips[1]
    reach = max(abs(k[0] - x) for k in body.knee) + 4.5 + 1.7
    wide = max(reach + 5.5, SHOULDER_HALF + 12)
    seat = hips - LINE / 2 - 1.5
    back = max(hips + TRUNK * 0.8, body.shoulders[1] - 4)
    canvas.lines([[(x - wide, 0), (x - wide, seat), (x + wide, seat), (x + wide, 0)],
                  [(x - wide + 4, seat), (x - wide + 4, back), (x + wide - 4, back), (x + wide - 4, seat)]],
                 1.5, f' class="rx-prop-machine" opacity="{FRAME_OPACITY}"')


def _arrow(canvas: Canvas, a: tuple[float, float], b: tuple[float, float], pivot: tuple[float, float]) -> None:
    """A curved arrow from a to b, bulging away from `pivot` (the joint the movement turns about)."""
    dist = math.dist(a, b)
    if dist < 4:
        return
    ux, uy = (b[0] - a[0]) / dist, (b[1] - a[1]) / dist
    if dist < 14:  # a small movement still gets an arrow long enough to see
        grow = (14 - dist) / 2
        a, b = (a[0] - ux * grow, a[1] - uy * grow), (b[0] + ux * grow, b[1] + uy * grow)
        dist = 14.0
    mid = _mid(a, b)
    off = 6.0
    bend = min(0.3 * dist, 12.0)

    def curve(side: float):
        nx, ny = -uy * side, ux * side
        s = (a[0] + nx * off + ux * 2, a[1] + ny * off + uy * 2)
        e = (b[0] + nx * off - ux * 2, b[1] + ny * off - uy * 2)
        c = (mid[0] + nx * (off + bend), mid[1] + ny * (off + bend))
        return s, e, c

    side = 1.0 if (mid[0] - pivot[0]) * -uy + (mid[1] - pivot[1]) * ux >= 0 else -1.0
    s, e, c = curve(side)
    if min(s[1], e[1], c[1]) < 3:
        flipped = curve(-side)
        if min(p[1] for p in flipped) > min(s[1], e[1], c[1]):
            s, e, c = flipped
    for p in (s, e, c):
        canvas.grow(p, 3)
    # the head: a small filled triangle along the curve's last tangent
    tx, ty = e[0] - c[0], e[1] - c[1]
    size = math.hypot(tx, ty) or 1.0
    tx, ty = tx / size, ty / size
    tip = (e[0] + tx * 2.5, e[1] + ty * 2.5)
    left = (e[0] - tx * 3.5 - ty * 3, e[1] - ty * 3.5 + tx * 3)
    right = (e[0] - tx * 3.5 + ty * 3, e[1] - ty * 3.5 - tx * 3)
    for p in (tip, left, right):
        canvas.grow(p, 1)
    curve_data = _numbers("M%.1f %.1fQ%.1f %.1f %.1f %.1f", (s[0], -s[1], c[0], -c[1], e[0], -e[1]))
    head_data = _numbers("M%.1f %.1fL%.1f %.1fL%.1f %.1fZ", (tip[0], -tip[1], left[0], -left[1], right[0], -right[1]))
    canvas.parts.append(
        f'<path d="{curve_data}" stroke-width="1.8"/><path d="{head_data}" fill="currentColor" stroke-width="1"/>'
    )


# The joint each point turns about, for the bend of the arrow.
_PIVOT = {
    "hand": "shoulders", "other hand": "shoulders", "hands": "shoulders", "elbow": "shoulders", "other elbow": "shoulders",
    "knee": "hips", "other knee": "hips", "knees": "hips", "foot": "hips", "other foot": "hips", "feet": "hips",
    "toes": "hips", "other toes": "hips", "head": "hips", "shoulders": "hips", "hips": "feet",
    "heel": "toes", "other heel": "other toes", "heels": "toes",
}

# The points an arrow may follow when the data names none (`_tracked` gives them in this order).
_POINTS = ["hips", "head", "shoulders", "knee", "other knee", "foot", "other foot", "toes", "other toes",
           "hand", "other hand", "elbow", "other elbow"]


def _tracked(body: Body) -> list[tuple[float, float]]:
    """Where each of `_POINTS` is, in the same order."""
    return [body.hips, body.head, body.shoulders, *body.knee, *body.ankle, *body.toe, *body.hand, *body.elbow]


def _moves(start: Body, end: Body) -> list[float]:
    """How far each of `_POINTS` moves from the start pose to the end pose."""
    return list(map(math.dist, _tracked(start), _tracked(end)))


def arrow_point(figure: Figure, moves: list[float]) -> str:
    """The figure's arrow point, or the one that moves most (to a tenth; the first listed on a tie)."""
    if figure.arrow is not None:
        return figure.arrow
    most = round(max(moves), 1)  # rounding never reorders, so no point rounds to more
    # the first point listed whose move rounds to `most`; those under `most - 0.1` cannot
    return next(name for name, move in zip(_POINTS, moves) if move > most - 0.1 and round(move, 1) == most)


# --- text alternative --------------------------------------------------------------------


def _turn(a: float, b: float) -> float:
    """Signed change from angle a to angle b, in -180..180."""
    return (b - a + 180) % 360 - 180


# The angle at each joint of a pose, both sides.
_JOINTS = {
    "hip": lambda a: (a.thighs[0] - a.trunk, a.thighs[1] - a.trunk),
    "knee": lambda a: (a.shins[0] - a.thighs[0], a.shins[1] - a.thighs[1]),
    "ankle": lambda a: (a.feet[0] - a.shins[0], a.feet[1] - a.shins[1]),
    "shoulder": lambda a: (a.arms[0] - a.trunk, a.arms[1] - a.trunk),
}


_VERBS = {
    # joint: (word when the angle grows, word when it shrinks), side view
    "hip": ("bends", "straightens"),
    "knee": ("straightens", "bends"),
    "ankle": ("bends", "points"),
}
_PLURAL = {"bends": "bend", "straightens": "straighten", "points": "point", "opens": "open", "closes": "close",
           "moves out": "move out", "moves in": "move in", "rises": "rise", "lowers": "lower"}


def _movement_words(figure: Figure, start: Body, end: Body, side_lying: bool) -> list[str]:
    a, b = start.angles, end.angles
    trunk_turn = _turn(a.trunk, b.trunk)
    if figure.view == "side" and abs(trunk_turn) >= 5:
        body_turn = [trunk_turn] + [_turn(x, y) for x, y in zip(a.thighs + a.shins, b.thighs + b.shins)]
        if max(body_turn) - min(body_turn) <= 4:
            if end.hips[1] - start.hips[1] >= 3:
                return ["the body lifts off the floor in one straight line"]
            return [f"the whole body tips {'forward' if trunk_turn < 0 else 'back'} in one straight line"]
    words: list[str] = []
    for joint in ("hip", "knee", "ankle", "shoulder"):
        if joint in ("knee", "ankle") and (figure.view == "front" or side_lying):
            continue  # these bend toward the viewer, so their drawn angles mislead: the arrow tells it
        before, after = _JOINTS[joint](a), _JOINTS[joint](b)
        changes = [_turn(before[0], after[0]), _turn(before[1], after[1])]
        least = 30 if joint == "shoulder" else 10
        moving = [i for i, c in enumerate(changes) if abs(c) >= least]
        if not moving:
            continue
        name = joint
        if joint == "shoulder":
            name = "arm"
            rise = [(end.hand[i][1] - end.shoulders[1]) - (start.hand[i][1] - start.shoulders[1]) for i in moving]
            verbs = ["rises" if r > 0 else "lowers" for r in rise]
        elif figure.view == "front" and joint == "hip":
            spread = [abs(end.knee[i][0] - end.hips[0]) - abs(start.knee[i][0] - start.hips[0]) for i in moving]
            verbs = ["moves out" if d > 0 else "moves in" for d in spread]
        elif side_lying and joint == "hip":
            verbs = ["opens" if changes[i] > 0 else "closes" for i in moving]
        else:
            grow, shrink = _VERBS[joint]
            verbs = [grow if changes[i] > 0 else shrink for i in moving]
        if len(moving) == 2 and verbs[0] == verbs[1]:
            words.append(f"both {name}s {_PLURAL[verbs[0]]}")
        else:
            for i, verb in zip(moving, verbs):
                words.append(f"{'one' if i == 0 else 'the other'} {name} {verb}")
    return words


def _direction(figure: Figure, name: str, a: tuple[float, float], b: tuple[float, float], centre_x: float) -> str:
    dx, dy = b[0] - a[0], b[1] - a[1]
    total = math.hypot(dx, dy)
    parts = []
    if abs(dy) >= 0.35 * total:
        parts.append("up" if dy > 0 else "down")
    if abs(dx) >= 0.35 * total:
        if figure.view == "side":
            parts.append("forward" if dx > 0 else "back")
        else:
            out = abs(b[0] - centre_x) > abs(a[0] - centre_x)
            if name in ("hips", "head", "shoulders"):
                parts.append("to the side")
            else:
                parts.append("out to the side" if out else "in toward the middle")
    label = {"hands": "the hands", "feet": "the feet", "knees": "the knees", "hips": "the hips",
             "shoulders": "the shoulders", "head": "the head", "toes": "the toes", "heels": "the heels"}.get(name)
    if label is None:
        label = "the other " + name.removeprefix("other ") if name.startswith("other ") else "the " + name
    verb = "move" if label.endswith(("hands", "feet", "knees", "hips", "shoulders", "toes", "heels")) else "moves"
    return f"{label} {verb} {' and '.join(parts)}" if parts else ""


def describe(figure: Figure, start: Body, end: Body, position: str, arrow: str | None, muscle: str | None = None,
             *, side_lying: bool = False) -> str:
    """The figure in words, for its `<desc>`; `muscle` is named when it is shaded."""
    view = "Side view" if figure.view == "side" else "Front view"
    props = [_PROP_WORDS[p.kind] + _BAND_PLACE[p.at in _AT_FEET] if p.kind == "loop band" else _PROP_WORDS[p.kind]
             for p in figure.props]
    props = list(dict.fromkeys(props))
    setting = position + (", with " + _and(props) if props else "")
    words = _movement_words(figure, start, end, side_lying)
    if arrow is not None:
        direction = _direction(figure, arrow, start.point(arrow), end.point(arrow), end.hips[0])
        if direction:
            words.append(direction)
    shaded = f" Shaded: {muscle}." if muscle else ""
    if arrow is None or not words:
        return f"{view}, one position held: {setting}.{shaded}"
    return f"{view}. Start, drawn faded: {setting}. End, drawn solid: {'; '.join(words)}.{shaded}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Characters Markdown could act on inside an inline SVG's text are written as references.
_TEXT_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-!|~^]")


def _text(value: str) -> str:
    return _TEXT_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", str(escape(" ".join(value.split()))))


# --- the figure ----------------------------------------------------------------------------


def figure_svg(
    figure: Figure,
    *,
    title: str,
    position: str,
    uid: str,
    muscle: str | None = None,
    shade_at: str | None = None,
    side_lying: bool = False,
    both_sides: bool = False,
    size: tuple[float, float, float] = (280.0, 220.0, 2.3),
    css_class: str = "rx-fig",
    animate: bool = False,
) -> Markup:
    """The figure as one line of inline SVG (safe inside a Markdown table cell). `muscle` is
    shaded at `shade_at` (a `model.MusclePlace`) and named in the description; `side_lying`: the
    position lies on one side (`PositionTerm.side_lying`)."""
    start, end = place(figure)
    canvas = Canvas()
    if figure.props:  # most figures have none
        _static_props(canvas, [p for p in figure.props if p.kind in _STATIC_PROPS], end)
        if any(p.kind == "machine" for p in figure.props):
            _machine_frame(canvas, end)

    start_canvas = Canvas()
    _moving_props(start_canvas, figure.props, start, figure.view)
    start_paths = _draw_body(start_canvas, start, figure.view)
    end_canvas = Canvas()
    _highlight(end_canvas, end, figure.view, shade_at if muscle else None, both_sides)
    _moving_props(end_canvas, figure.props, end, figure.view)
    end_body = Canvas()
    end_paths = _draw_body(end_body, end, figure.view)
    moves = _moves(start, end)
    arrow = arrow_point(figure, moves)
    same = max(moves) < 1
    if not same:
        canvas.parts.append(f'<g opacity="{START_OPACITY}">' + "".join(start_canvas.parts) + "</g>")
    canvas.parts += end_canvas.parts
    animate = animate and not same
    if animate:
        canvas.parts.append('<g class="rx-fig-e">' + "".join(end_body.parts) + "</g>" + _animation(start, end, start_paths, end_paths))
    else:
        canvas.parts += end_body.parts
    for other in (start_canvas, end_canvas, end_body):
        canvas.include(other)
    if not same:
        # seen from the front, a sideways shift of the hips is shown under them, between the legs
        pivot = "shoulders" if figure.view == "front" and arrow == "hips" else _PIVOT[arrow]
        _arrow(canvas, start.point(arrow), end.point(arrow), end.point(pivot))

    # the ground line under everything, a little wider than the drawing
    left, right = canvas.left - 2, canvas.right + 2
    ground = f'<path d="{_numbers("M%.1f 0H%.1f", (left, right))}" stroke-width="1.5"/>'
    low = min(canvas.bottom, -1.0)
    x0, x1 = left - PAD, right + PAD
    y0, y1 = -canvas.top - PAD, -low + PAD
    width, height = x1 - x0, y1 - y0
    scale = min(size[2], size[0] / width, size[1] / height)

    desc = describe(figure, start, end, position, None if same else arrow, muscle if shade_at else None, side_lying=side_lying)
    view_box = _numbers("%.1f %.1f %.1f %.1f", (x0, y0, width, height))
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="{view_box}"'
        f' width="{_n(width * scale)}" height="{_n(height * scale)}" role="img"'
        f' aria-labelledby="{uid}-t" aria-describedby="{uid}-d" fill="none" stroke="currentColor"'
        ' stroke-linecap="round" stroke-linejoin="round">'
        f'<title id="{uid}-t">{_text(title)}</title><desc id="{uid}-d">{_text(desc)}</desc>'
        + (_ANIMATION_STYLE if animate else "")
    )
    svg = head + ground + "".join(canvas.parts) + "</svg>"
    if animate and len(svg.encode()) > MAX_BYTES:  # the moving copy is optional: keep under the budget
        return figure_svg(figure, title=title, position=position, uid=uid, muscle=muscle, shade_at=shade_at, side_lying=side_lying,
                          both_sides=both_sides, size=size, css_class=css_class)
    return Markup(svg)


# --- an exercise's figures, for the templates ------------------------------------------------


def _figure_of(exercise: Exercise, level: Level | str | None) -> tuple[Figure, int, Level | None]:
    """The figure to draw for `level` (its own, or the exercise's) and its number on the page."""
    if isinstance(level, str):
        level = next(lv for lv in exercise.levels if lv.name == level)
    if level is not None and level.figure is not None:
        number = next(i for i, lv in enumerate(exercise.levels, 1) if lv is level)
        return level.figure, number, level
    return exercise.figure, 0, None


def exercise_figure(exercise: Exercise, level: Level | str | None, vocabulary: Vocabulary, *, thumb: bool = False,
                    key: object = "") -> Markup:
    """The SVG for an exercise (or a level with its own figure). The vocabulary says where its
    first muscle is shaded and how its position is told. `key` keeps the element ids unique
    when the same figure appears twice on one page."""
    figure, number, own = _figure_of(exercise, level)
    title = exercise.name + (f" ({own.name})" if own is not None else "")
    uid = f"rx{'t' if thumb else 'f'}-{exercise.slug}-{number}" + (f"-{key}" if key != "" else "")
    position = own.position if own is not None and own.position else exercise.position
    muscle = exercise.muscles[0] if exercise.muscles else None
    return figure_svg(
        figure,
        title=title,
        position=position,
        uid=uid,
        muscle=muscle,
        shade_at=vocabulary.place_of(muscle),
        side_lying=vocabulary.side_lying(position),
        both_sides=exercise.sides == "both together",
        size=THUMB_SIZE if thumb else PAGE_SIZE,
        css_class="rx-fig rx-fig--thumb" if thumb else "rx-fig",
        animate=not thumb,
    )


def figure_moves(exercise: Exercise, level: Level | str | None = None) -> bool:
    """False when the figure shows one held position (start and end are the same)."""
    start, end = place(_figure_of(exercise, level)[0])
    return max(_moves(start, end)) >= 1
