"""Exercise figures: drawn from the pose data, valid, accessible, small and deterministic; on the
fixture catalogue (tests/site/test_site_figures.py holds every real exercise to the same rules)."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURE
from markupsafe import escape

from exercise_site import cli
from exercise_site.catalogue import load_catalogue
from exercise_site.figure import _mid, exercise_figure, figure_moves, place
from exercise_site.model import gear_names
from exercise_site.problems import CatalogueError
from exercise_site.render import Renderer

SVG = "{http://www.w3.org/2000/svg}"
CATALOGUE = load_catalogue(FIXTURE)


def figures_of(catalogue) -> list[tuple[str, str | None]]:
    """(slug, level name) of every figure drawn: each exercise's, then each level's own."""
    return [
        (slug, level.name if level is not None else None)
        for slug, ex in catalogue.exercises.items()
        for level in [None, *[lv for lv in ex.levels if lv.figure is not None]]
    ]


FIGURES = figures_of(CATALOGUE)


def ids(figures):
    return [f"{slug}:{level}" if level else slug for slug, level in figures]


def check_small_valid_accessible(catalogue, slug, level, thumb: bool) -> None:
    ex = catalogue.exercises[slug]
    svg = str(exercise_figure(ex, level, catalogue.vocabulary, thumb=thumb))
    assert len(svg.encode()) < 4096, f"{len(svg.encode())} bytes"
    assert "\n" not in svg and "|" not in svg, "must stay one line, safe inside a Markdown table"
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert list(root)[:2] == [title, desc], "title and desc come first"
    assert title.text and ex.name.split(":")[0] in title.text
    own = next((lv for lv in ex.levels if lv.name == level), None) if level else None
    assert desc.text and ((own and own.figure and own.position) or ex.position) in desc.text
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert root.get("stroke") == "currentColor", "follows the text colour in light, dark and print"
    # nothing outside the SVG: no links, images, scripts or fonts
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in {"svg", "title", "desc", "g", "path", "circle", "ellipse", "animate", "style"}, element.tag
        assert not any("href" in name for name in element.attrib)
    assert "url(" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # the view box holds the drawing; the size follows its shape
    x, y, w, h = map(float, root.get("viewBox").split())
    assert w > 0 and h > 0
    assert abs(float(root.get("width")) / float(root.get("height")) - w / h) < 0.02


def check_deterministic(catalogue, again, slug, level) -> None:
    """`again`: the same catalogue loaded a second time."""
    first = exercise_figure(catalogue.exercises[slug], level, catalogue.vocabulary)
    assert str(first) == str(exercise_figure(again.exercises[slug], level, again.vocabulary))
    assert re.search(r'\d\.\d\d', str(first)) is None, "coordinates are rounded to one decimal"


def check_on_the_ground_and_moving(ex, level) -> None:
    own = next((lv for lv in ex.levels if lv.name == level), None)
    figure = own.figure if own is not None else ex.figure
    for body in place(figure):
        assert body.lowest() > -0.6, "part of the figure is below the ground line"
        assert body.lowest() < 1.5 or any(p.kind == "step" for p in figure.props), "the figure floats"
    # A figure may stand still only for a hold: a level dosed in seconds held, not in movements.
    dosage = (own or ex.levels[0]).dosage
    hold = dosage is not None and bool(dosage.hold_seconds or dosage.duration_seconds)
    assert figure_moves(ex, level) or hold, "the figure does not move, but the level is not a hold"


def check_figures_on_pages(catalogue) -> None:
    """Each exercise page shows its figures, each routine card a thumbnail per exercise, with unique ids."""
    pages = Renderer(catalogue).pages()
    for slug, ex in catalogue.exercises.items():
        page = pages[f"exercises/{slug}.md"]
        expected = 1 + sum(lv.figure is not None for lv in ex.levels)
        assert page.count("<svg ") == expected, slug
        found = re.findall(r' id="([^"]+)"', page)
        assert len(found) == len(set(found)), f"{slug}: duplicate ids"
    for slug, routine in catalogue.routines.items():
        page = pages[f"routines/{slug}.md"]
        assert page.count('class="rx-fig rx-fig--thumb"') == len(routine.exercises), slug
        found = re.findall(r' id="([^"]+)"', page)
        assert len(found) == len(set(found)), f"{slug}: duplicate ids"


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
@pytest.mark.parametrize("thumb", [False, True], ids=["page", "thumb"])
def test_figure_is_small_valid_accessible_svg(slug, level, thumb):
    check_small_valid_accessible(CATALOGUE, slug, level, thumb)


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
def test_figure_is_deterministic(slug, level):
    check_deterministic(CATALOGUE, load_catalogue(FIXTURE), slug, level)


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
def test_poses_stand_on_the_ground_and_move(slug, level):
    check_on_the_ground_and_moving(CATALOGUE.exercises[slug], level)


def test_a_figure_that_does_not_move_must_be_a_hold(fixture_dir):
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text().replace("end: {trunk: 270, thighs: [122, 58], shins: [57, 123]}",
                                             "end: {trunk: 270, thighs: [58, 58], shins: [123, 123]}"))
    still = load_catalogue(fixture_dir).exercises["clam"]
    assert not figure_moves(still)
    check_on_the_ground_and_moving(still, None)  # dosed in seconds: a hold may stand still
    clam.write_text(clam.read_text().replace("dosage: {duration_seconds: [30, 45], per_side: true}",
                                             "dosage: {reps: [8, 12], per_side: true}"))
    with pytest.raises(AssertionError, match="the figure does not move"):
        check_on_the_ground_and_moving(load_catalogue(fixture_dir).exercises["clam"], None)


def test_every_figure_shows_on_its_pages_with_unique_ids():
    check_figures_on_pages(CATALOGUE)


def test_thumbnail_macro_works_in_an_article(fixture_dir):
    renderer = Renderer(load_catalogue(fixture_dir))
    out = renderer.article('Try this: {{ figure_thumbnail("clam") }}\n\n{{ figure("bridge", "One leg") }}\n', "guide.md")
    assert out.count("<svg ") == 2 and "<figure " in out and "</figcaption></figure>" in out


def test_level_without_its_own_figure_uses_the_exercise_figure(fixture_dir):
    catalogue = load_catalogue(fixture_dir)
    bridge = catalogue.exercises["bridge"]
    assert bridge.levels[1].figure is None
    assert str(exercise_figure(bridge, "One leg", catalogue.vocabulary)) == str(exercise_figure(bridge, None, catalogue.vocabulary))


# --- bad pose data is reported like every other field: file:line:column: field ----------


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


BAD = [
    ("thighs: [122, 58]", "thighs: [400, 58]", "figure.end.thighs[0]", "400 is out of range: use -180 to 360"),
    ("thighs: [122, 58]", "thighs: [122, 58, 10]", "figure.end.thighs", "needs exactly 2 items, got 3"),
    ("thighs: [122, 58]", "thighs: [12.5, 58]", "figure.end.thighs[0]", "expected a whole number"),
    ("trunk: 270, thighs: [122", "trunk: upright, thighs: [122", "figure.end.trunk", "expected a whole number"),
    ("kind: loop band", "kind: loop bnd", "figure.props[0].kind", "did you mean 'loop band'?"),
    ("at: knees", "at: knee cap", "figure.props[0].at", "is not one of"),
    ("fixed: hips", "fixed: pelvis", "figure.fixed", "is not one of"),
    ("end: {trunk", "ends: {trunk", "figure.ends", "unknown field (did you mean 'end'?)"),
]


@pytest.mark.parametrize(("old", "new", "field", "message"), BAD, ids=[b[2] + ":" + b[3][:20] for b in BAD])
def test_bad_pose_data_names_file_line_and_field(fixture_dir, old, new, field, message):
    clam = fixture_dir / "clam.yml"
    text = clam.read_text()
    assert old in text
    clam.write_text(text.replace(old, new, 1))
    found = [p for p in problems_for(fixture_dir) if f": {field}: " in p]
    assert found, problems_for(fixture_dir)
    assert found[0].startswith(f"exercises/clam.yml:{line_of(clam, new)}:")
    assert message in found[0]


def test_missing_figure_is_reported(fixture_dir):
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text().split("figure:")[0])
    assert any(re.match(r"exercises/clam\.yml:1:1: figure: is required but missing", p) for p in problems_for(fixture_dir))


def test_negative_angles_are_allowed(fixture_dir):
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text().replace("shins: [57, 123]", "shins: [57, -123]"))
    assert load_catalogue(fixture_dir).exercises["clam"].figure.end.shins == [57, -123]


# --- in the browser ------------------------------------------------------------------------


@pytest.mark.browser
def test_figures_render_with_a_size_on_pages_and_cards(page, site_url, project):
    catalogue = load_catalogue(project / "exercises")
    most_drawn = max(catalogue.exercises.values(), key=lambda ex: sum(lv.figure is not None for lv in ex.levels))
    longest = max(catalogue.routines.values(), key=lambda routine: len(routine.exercises))
    for path, selector, count in [
        (f"exercises/{most_drawn.slug}/", ".rx-figure-block svg", 1 + sum(lv.figure is not None for lv in most_drawn.levels)),
        (f"routines/{longest.slug}/", ".rx-figure svg", len(longest.exercises)),
    ]:
        page.goto(f"{site_url}{path}")
        boxes = page.evaluate(
            "s => [...document.querySelectorAll(s)].map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })",
            selector,
        )
        assert len(boxes) == count, path
        assert all(w > 10 and h > 10 for w, h in boxes), boxes
        colour = page.evaluate("s => getComputedStyle(document.querySelector(s)).color", selector)
        text = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset')).color")
        assert colour == text, "figures take the text colour"


@pytest.mark.browser
def test_animation_only_on_screen_and_never_with_reduced_motion(page, site_url, project):
    moving = next(ex for ex in load_catalogue(project / "exercises").exercises.values() if figure_moves(ex))
    page.goto(f"{site_url}exercises/{moving.slug}/")
    shown = "() => getComputedStyle(document.querySelector('.rx-figure-block .rx-fig-a')).display"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(shown) != "none"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(shown) == "none"
    page.emulate_media(media="print", reduced_motion="no-preference")
    assert page.evaluate(shown) == "none"
    assert page.locator(".rx-fig--thumb .rx-fig-a, .rx-figure .rx-fig-a").count() == 0


# --- figures by what they draw: the SVG's own elements, as a reader sees them ----------------

LINE = 4.2  # a body line's width
BAND_EQUIPMENT = {"loop band", "resistance band"}


def poses_drawn(catalogue, slug, level=None):
    """The SVG root and the two drawn poses of exercise `slug`, start (the faded group) and end, each as a
    list of (element, its stroke width, its opacity) without the optional animated copy."""
    root = ET.fromstring(str(exercise_figure(catalogue.exercises[slug], level, catalogue.vocabulary)))
    start, end = [], []
    for child in root:
        if child.tag == f"{SVG}g" and child.get("class") == "rx-fig-a":
            continue  # the moving copy, hidden with reduced motion and in print
        into = start if child.tag == f"{SVG}g" and child.get("opacity") == ".3" else end
        members = list(child) if child.tag == f"{SVG}g" else [child]
        into += [(e, float(e.get("stroke-width", "0")), e.get("opacity")) for e in members]
    return root, start, end


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Polylines of `M x y L x y ...` path data, y turned up (the floor line is y = 0)."""
    lines = []
    for part in re.findall(r"M[^M]+", d):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        lines.append([(x, -y) for x, y in zip(numbers[0::2], numbers[1::2])])
    return lines


def body_lines(pose, far: bool = False):
    """The body path's polylines: side view, trunk and near limbs (far=False) or the far limbs."""
    paths = [e for e, width, opacity in pose if e.tag == f"{SVG}path" and width == LINE and (opacity == ".55") == far]
    assert len(paths) == 1
    return subpaths(paths[0].get("d"))


def head_of(pose):
    (head,) = [e for e, _, _ in pose if e.tag == f"{SVG}circle" and e.get("r") == "6"]
    return float(head.get("cx")), -float(head.get("cy"))


def to_segment(p, a, b) -> float:
    """Distance from point p to the segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def check_lies_on_its_side_and_the_top_knee_opens(catalogue, slug) -> None:
    """A clam drawn lying on its side: trunk and head on the floor, knees bent, the top knee opening."""
    root, start, end = poses_drawn(catalogue, slug)
    assert re.search(r'd="M-?[\d.]+ 0H', ET.tostring(root, encoding="unicode")), "the floor line is y = 0"
    knees = []
    for pose in (start, end):
        (hips, shoulders), arm, (hip, knee, ankle), foot = body_lines(pose)
        far_arm, (_, low_knee, low_ankle), _ = body_lines(pose, far=True)
        # the trunk lies on the floor: hip and shoulder both rest on the line
        for point in (hips, shoulders):
            assert 0 <= point[1] - LINE / 2 <= 0.6, f"{point} is not on the floor line"
        assert shoulders[0] < hips[0] - 20, "lying along the floor, head to the left"
        # the head rests on the lower arm, which lies on the floor beyond the shoulder
        head = head_of(pose)
        assert head[1] - 6 <= 0.6 and head[0] < shoulders[0]
        assert all(abs(y - shoulders[1]) < 0.6 for _, y in far_arm) and far_arm[-1][0] < head[0] - 6
        # both knees bent forward: each knee well off the line from hip to ankle, on the front side
        for h, k, a in ((hip, knee, ankle), (hip, low_knee, low_ankle)):
            assert k[0] > h[0] + 5 and to_segment(k, h, a) > 8, "the knees bend forward"
        # the lower leg lies on the floor: its ankle is on the line, the heels are not at hip height
        assert abs(low_ankle[1] - LINE / 2) < 0.6
        knees.append((knee, low_knee))
    (start_top, start_low), (end_top, end_low) = knees
    assert start_low == end_low, "the lower knee stays put"
    assert end_top[1] - start_top[1] >= 6 and end_top[1] - end_low[1] >= 6, "the top knee opens"


# A clam on its side, head on the lower arm, drawn from the hips: the top thigh opens by 25 degrees.
SIDE_LYING = """figure:
  fixed: hips
  start: {trunk: 270, head: 243, arms: [120, 270], forearms: [62, 270], thighs: [115, 115], shins: [64, 64], feet: [95, 95], short: [feet]}
  end: {trunk: 270, head: 243, arms: [120, 270], forearms: [62, 270], thighs: [140, 115], shins: [60, 64], feet: [95, 95], short: [feet]}
"""


def test_a_clam_lies_on_the_floor_knees_bent_and_the_top_knee_opens(fixture_dir):
    clam = fixture_dir / "clam.yml"
    clam.write_text(clam.read_text().split("figure:")[0] + SIDE_LYING)
    check_lies_on_its_side_and_the_top_knee_opens(load_catalogue(fixture_dir), "clam")
    # The rule sees a pose that is not lying down: the same clam drawn sitting up.
    clam.write_text(clam.read_text().replace("trunk: 270", "trunk: 0"))
    with pytest.raises(AssertionError, match="not on the floor line"):
        check_lies_on_its_side_and_the_top_knee_opens(load_catalogue(fixture_dir), "clam")


def band_figures(catalogue):
    """(slug, level) of every figure whose exercise or level uses a loop band round the legs."""
    for slug, level in figures_of(catalogue):
        ex = catalogue.exercises[slug]
        own = next((lv for lv in ex.levels if lv.name == level), ex.levels[0])
        figure = own.figure or ex.figure
        anchored = any(p.kind == "anchored band" for p in figure.props)  # drawn to its post, not round the legs
        if BAND_EQUIPMENT & {*gear_names(ex.equipment), *gear_names(own.equipment)} and not anchored:
            yield slug, level


BANDS = list(band_figures(CATALOGUE))


def test_the_fixture_draws_a_band():
    assert BANDS == [("clam", None)]


def check_band_drawn(catalogue, slug, level) -> None:
    """The loop band is drawn in each pose, as a thin outline round the thighs or the ankles."""
    ex = catalogue.exercises[slug]
    own = next((lv for lv in ex.levels if lv.name == level), None)
    figure = own.figure if own is not None else ex.figure
    at_feet = any(p.kind == "loop band" and p.at == "feet" for p in figure.props)
    root, start, end = poses_drawn(catalogue, slug, level)
    assert "a loop band around the " + ("ankles" if at_feet else "thighs") in root.find(f"{SVG}desc").text
    held = not figure_moves(ex, level)  # a hold is drawn once, as its end pose
    for pose, body in zip((start, end), place(figure)):
        bands = [e for e, _, _ in pose if e.get("class") == "rx-prop-band"]
        if held and pose is start:
            assert not bands, "a hold has no start pose"
            continue
        assert len(bands) == 1, "one band in each pose"
        band = bands[0]
        assert float(band.get("stroke-width")) < LINE / 2, "a thin outline, not a limb"
        if band.tag == f"{SVG}ellipse":  # legs side by side: a ring around both
            ends = [(float(band.get("cx")), -float(band.get("cy")))] * 2
        else:  # stretched between the legs: a loop from one to the other
            n = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", band.get("d"))]
            # M corner L corner A (radii, flags) corner L corner A ...: a round end at each leg
            corners = [(n[0], -n[1]), (n[2], -n[3]), (n[9], -n[10]), (n[11], -n[12])]
            ends = [_mid(corners[0], corners[3]), _mid(corners[1], corners[2])]
        for i, point in enumerate(ends):
            if at_feet:  # around the ankles: the last part of the shin
                near = min(to_segment(point, body.knee[j], body.ankle[j]) for j in range(2))
                assert near < 1 and min(math.dist(point, body.ankle[j]) for j in range(2)) < 6
            else:  # around the thighs, between the middle of the thigh and the knee
                assert min(to_segment(point, _mid(body.hip[j], body.knee[j]), body.knee[j]) for j in range(2)) < 1
        if ends[0] != ends[1]:
            assert math.dist(*ends) > 4, "a stretched band joins the two legs"


@pytest.mark.parametrize(("slug", "level"), BANDS, ids=ids(BANDS))
def test_a_band_is_drawn_where_a_loop_band_is_used(slug, level):
    check_band_drawn(CATALOGUE, slug, level)


def check_figures_command(root: Path, out: Path) -> None:
    """`figures` writes every figure of the catalogue in root/exercises, named, at four times the page size."""
    catalogue = load_catalogue(root / "exercises")
    assert cli.main(["--root", str(root), "figures", str(out)]) == 0
    html = (out / "figures.html").read_text(encoding="utf-8")
    figures = figures_of(catalogue)
    assert html.count("<svg ") == len(figures)
    for slug, level in figures:
        ex = catalogue.exercises[slug]
        name = ex.name + (f" ({level})" if level else "")
        assert f"<h2>{escape(name)}</h2>" in html, name
    first = next(iter(catalogue.exercises.values()))
    page_width = float(re.search(r'width="([\d.]+)"', str(exercise_figure(first, None, catalogue.vocabulary))).group(1))
    assert f'width="{page_width * 4:g}"' in html, "four times the page size"


def test_figures_command_writes_every_figure_large(fixture_dir, tmp_path):
    check_figures_command(fixture_dir.parent, tmp_path / "out")
