"""The installed app's icons: the site's logo (an SVG) drawn on its colour, as PNG files written
in plain Python (zlib and struct), since the lock file has no imaging library.

Only `<path d="...">` shapes are drawn (every Material icon is one path), filled with the SVG
default rule (non-zero winding), anti-aliased by sampling each pixel row several times."""
from __future__ import annotations

import functools
import math
import re
import struct
import zlib

_COMMAND = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
_ROWS = 5  # samples per pixel row
GLYPH = 0.56  # the logo's share of the icon's side: inside the safe circle of a maskable icon (0.8)


class IconError(ValueError):
    """An SVG the icon maker cannot read; the message says what is wrong."""


def png_icon(svg: str, size: int, background: str, foreground: str) -> bytes:
    """A `size` x `size` opaque PNG: `background` (#rrggbb) with the SVG's paths in `foreground`, centred."""
    return _png_icon(svg, size, background, foreground)


@functools.lru_cache(maxsize=8)  # a live preview rebuilds the same icons
def _png_icon(svg: str, size: int, background: str, foreground: str) -> bytes:
    box = _view_box(svg)
    polygons = [polygon for d in re.findall(r"<path\b[^>]*?\sd=\"([^\"]*)\"", svg) for polygon in _polygons(d)]
    scale = size * GLYPH / max(box[2], box[3])
    left = (size - box[2] * scale) / 2 - box[0] * scale
    top = (size - box[3] * scale) / 2 - box[1] * scale
    edges = [((x0 * scale + left, y0 * scale + top), (x1 * scale + left, y1 * scale + top))
             for polygon in polygons for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1])]
    back, fore = _rgb(background), _rgb(foreground)
    rows = []
    for y in range(size):
        coverage = _row_coverage(edges, y, size)
        row = bytearray(b"\x00")  # filter: none
        for amount in coverage:
            amount = min(1.0, amount)
            row += bytes(round(b + (f - b) * amount) for b, f in zip(back, fore))
        rows.append(bytes(row))
    return _png(size, size, b"".join(rows))


def _row_coverage(edges, y: int, width: int) -> list[float]:
    """How much of each pixel of row `y` the shape covers (0 to 1)."""
    diff = [0.0] * (width + 2)
    partial = [0.0] * (width + 1)
    weight = 1 / _ROWS
    for sample in range(_ROWS):
        sy = y + (sample + 0.5) / _ROWS
        crossings = []
        for (x0, y0), (x1, y1) in edges:
            if (y0 <= sy < y1) or (y1 <= sy < y0):
                crossings.append((x0 + (sy - y0) * (x1 - x0) / (y1 - y0), 1 if y1 > y0 else -1))
        crossings.sort()
        winding = 0
        for index, (x, direction) in enumerate(crossings[:-1]):
            winding += direction
            if winding == 0:
                continue
            start, end = max(0.0, x), min(float(width), crossings[index + 1][0])
            if end <= start:
                continue
            first, last = int(start), int(end)
            if first == last:
                partial[first] += (end - start) * weight
                continue
            partial[first] += (first + 1 - start) * weight
            if last < width:
                partial[last] += (end - last) * weight
            diff[first + 1] += weight
            diff[last] -= weight
    coverage, running = [], 0.0
    for x in range(width):
        running += diff[x]
        coverage.append(running + partial[x])
    return coverage


def _view_box(svg: str) -> tuple[float, float, float, float]:
    match = re.search(r"viewBox=\"([^\"]+)\"", svg)
    if match:
        numbers = [float(n) for n in _NUMBER.findall(match.group(1))]
        if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
            return numbers[0], numbers[1], numbers[2], numbers[3]
    sizes = [re.search(rf"\b{name}=\"([\d.]+)", svg) for name in ("width", "height")]
    if all(sizes):
        return 0.0, 0.0, float(sizes[0].group(1)), float(sizes[1].group(1))
    raise IconError("the logo's SVG has neither a viewBox nor a width and height")


def _polygons(d: str) -> list[list[tuple[float, float]]]:
    """The path's subpaths as closed polygons (curves and arcs cut into short lines)."""
    polygons: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    control = None  # the last curve's second control point, for S and T
    for command, args in _commands(d):
        relative = command.islower()
        kind = command.upper()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        if kind == "Z":
            if len(current) > 2:
                polygons.append(current)
            current, (x, y), control = [], (start_x, start_y), None
            continue
        if kind == "M":
            if len(current) > 2:
                polygons.append(current)
            x, y = args[0] + dx, args[1] + dy
            start_x, start_y, current, control = x, y, [(x, y)], None
            continue
        if not current:
            current = [(x, y)]
        if kind in ("L", "T") or kind == "H" or kind == "V":
            if kind == "H":
                nx, ny = args[0] + dx, y
            elif kind == "V":
                nx, ny = x, args[0] + dy
            else:
                nx, ny = args[0] + dx, args[1] + dy
            if kind == "T":
                cx, cy = (2 * x - control[0], 2 * y - control[1]) if control and control[2] == "Q" else (x, y)
                current += _quadratic((x, y), (cx, cy), (nx, ny))
                control = (cx, cy, "Q")
            else:
                current.append((nx, ny))
                control = None
        elif kind in ("C", "S"):
            if kind == "C":
                c1 = (args[0] + dx, args[1] + dy)
                rest = args[2:]
            else:
                c1 = (2 * x - control[0], 2 * y - control[1]) if control and control[2] == "C" else (x, y)
                rest = args
            c2, (nx, ny) = (rest[0] + dx, rest[1] + dy), (rest[2] + dx, rest[3] + dy)
            current += _cubic((x, y), c1, c2, (nx, ny))
            control = (*c2, "C")
        elif kind == "Q":
            c, (nx, ny) = (args[0] + dx, args[1] + dy), (args[2] + dx, args[3] + dy)
            current += _quadratic((x, y), c, (nx, ny))
            control = (*c, "Q")
        else:  # A
            nx, ny = args[5] + dx, args[6] + dy
            current += _arc((x, y), args[0], args[1], args[2], bool(args[3]), bool(args[4]), (nx, ny))
            control = None
        x, y = nx, ny
    if len(current) > 2:
        polygons.append(current)
    return polygons


def _commands(d: str):
    """(command, numbers) pairs; a command's numbers may repeat it (a moveto's extra pairs are linetos)."""
    position = 0
    command = None
    while True:
        match = _COMMAND.search(d, position)
        chunk = d[position:match.start()] if match else d[position:]
        if command is not None:
            yield from _split(command, chunk)
        if not match:
            return
        command, position = match.group(), match.end()


def _split(command: str, chunk: str):
    count = _ARGS[command.upper()]
    if count == 0:
        yield command, []
        return
    numbers = _arc_numbers(chunk) if command in "Aa" else [float(n) for n in _NUMBER.findall(chunk)]
    if len(numbers) % count or not numbers:
        raise IconError(f"the logo's path has {len(numbers)} numbers after '{command}', expected a multiple of {count}")
    for index in range(0, len(numbers), count):
        yield command, numbers[index:index + count]
        if command in "Mm":
            command = "l" if command == "m" else "L"


def _arc_numbers(chunk: str) -> list[float]:
    """An arc's numbers, where the two flags may be written without spaces (`a1 1 0 011 1`)."""
    numbers, position, index = [], 0, 0
    while True:
        while position < len(chunk) and chunk[position] in " ,\t\n\r":
            position += 1
        if position >= len(chunk):
            return numbers
        if index % 7 in (3, 4):
            numbers.append(float(chunk[position]))
            position += 1
        else:
            match = _NUMBER.match(chunk, position)
            if not match:
                raise IconError(f"the logo's path has an unreadable arc near '{chunk[position:position + 12]}'")
            numbers.append(float(match.group()))
            position = match.end()
        index += 1


def _cubic(p0, p1, p2, p3, steps: int = 16):
    points = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        points.append((u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                       u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]))
    return points


def _quadratic(p0, p1, p2, steps: int = 12):
    return [((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
             (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1])
            for t in (i / steps for i in range(1, steps + 1))]


def _arc(p0, rx, ry, angle, large, sweep, p1):
    """SVG's endpoint arc (implementation notes, F.6.5) as points every 10 degrees or less."""
    if p0 == p1:
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [p1]
    phi = math.radians(angle)
    cos, sin = math.cos(phi), math.sin(phi)
    hx, hy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1 = cos * hx + sin * hy
    y1 = -sin * hx + cos * hy
    grow = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry)
    if grow > 1:
        rx, ry = rx * math.sqrt(grow), ry * math.sqrt(grow)
    numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
    factor = math.sqrt(max(0.0, numerator / (rx * rx * y1 * y1 + ry * ry * x1 * x1)))
    if large == sweep:
        factor = -factor
    cx1, cy1 = factor * rx * y1 / ry, -factor * ry * x1 / rx
    cx = cos * cx1 - sin * cy1 + (p0[0] + p1[0]) / 2
    cy = sin * cx1 + cos * cy1 + (p0[1] + p1[1]) / 2
    start = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    delta = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx) - start
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    steps = max(2, math.ceil(abs(delta) / math.radians(10)))
    points = []
    for i in range(1, steps + 1):
        theta = start + delta * i / steps
        ex, ey = rx * math.cos(theta), ry * math.sin(theta)
        points.append((cos * ex - sin * ey + cx, sin * ex + cos * ey + cy))
    return points


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise IconError(f"'{colour}' is not a colour as #rrggbb")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
