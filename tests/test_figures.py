"""Exercise figures: drawn from the pose data, valid, accessible, small and deterministic."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

from steady_hips.catalogue import load_catalogue
from steady_hips.figure import exercise_figure, figure_moves, place
from steady_hips.problems import CatalogueError
from steady_hips.render import Renderer

SVG = "{http://www.w3.org/2000/svg}"
CATALOGUE = load_catalogue(ROOT / "exercises")
FIGURES = [
    (slug, level.name if level is not None else None)
    for slug, ex in CATALOGUE.exercises.items()
    for level in [None, *[lv for lv in ex.levels if lv.figure is not None]]
]


def ids(figures):
    return [f"{slug}:{level}" if level else slug for slug, level in figures]


def test_every_exercise_file_has_a_figure():
    files = sorted(p for p in (ROOT / "exercises").glob("*.yml") if p.name not in ("sources.yml", "conditions.yml"))
    assert files and sorted(CATALOGUE.exercises) == sorted(p.stem for p in files)
    for ex in CATALOGUE.exercises.values():
        assert ex.figure is not None, ex.slug


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
@pytest.mark.parametrize("thumb", [False, True], ids=["page", "thumb"])
def test_figure_is_small_valid_accessible_svg(slug, level, thumb):
    ex = CATALOGUE.exercises[slug]
    svg = str(exercise_figure(ex, level, thumb=thumb))
    assert len(svg.encode()) < 4096, f"{len(svg.encode())} bytes"
    assert "\n" not in svg and "|" not in svg, "must stay one line, safe inside a Markdown table"
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert list(root)[:2] == [title, desc], "title and desc come first"
    assert title.text and ex.name.split(":")[0] in title.text
    assert desc.text and ex.position in desc.text
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


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
def test_figure_is_deterministic(slug, level):
    again = load_catalogue(ROOT / "exercises").exercises[slug]
    first = exercise_figure(CATALOGUE.exercises[slug], level)
    assert str(first) == str(exercise_figure(again, level))
    assert re.search(r'\d\.\d\d', str(first)) is None, "coordinates are rounded to one decimal"


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
def test_poses_stand_on_the_ground_and_move(slug, level):
    ex = CATALOGUE.exercises[slug]
    own = next((lv for lv in ex.levels if lv.name == level), None)
    figure = own.figure if own is not None else ex.figure
    for body in place(figure):
        assert body.lowest() > -0.6, "part of the figure is below the ground line"
        assert body.lowest() < 1.5 or any(p.kind == "step" for p in figure.props), "the figure floats"
    held = ex.slug in {"leg-squeeze"} and level is None
    assert figure_moves(ex, level) is not held


def test_every_figure_shows_on_its_pages_with_unique_ids():
    renderer = Renderer(CATALOGUE)
    pages = renderer.pages()
    for slug, ex in CATALOGUE.exercises.items():
        page = pages[f"exercises/{slug}.md"]
        expected = 1 + sum(lv.figure is not None for lv in ex.levels)
        assert page.count("<svg ") == expected, slug
        found = re.findall(r' id="([^"]+)"', page)
        assert len(found) == len(set(found)), f"{slug}: duplicate ids"
    for slug, routine in CATALOGUE.routines.items():
        page = pages[f"routines/{slug}.md"]
        assert page.count('class="sh-fig sh-fig--thumb"') == len(routine.exercises), slug
        found = re.findall(r' id="([^"]+)"', page)
        assert len(found) == len(set(found)), f"{slug}: duplicate ids"


def test_thumbnail_macro_works_in_an_article(fixture_dir):
    renderer = Renderer(load_catalogue(fixture_dir))
    out = renderer.article('Try this: {{ figure_thumbnail("clam") }}\n\n{{ figure("bridge", "One leg") }}\n', "guide.md")
    assert out.count("<svg ") == 2 and "<figure " in out and "</figcaption></figure>" in out


def test_level_without_its_own_figure_uses_the_exercise_figure(fixture_dir):
    catalogue = load_catalogue(fixture_dir)
    bridge = catalogue.exercises["bridge"]
    assert bridge.levels[1].figure is None
    assert str(exercise_figure(bridge, "One leg")) == str(exercise_figure(bridge))


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
def test_figures_render_with_a_size_on_pages_and_cards(page, site_url):
    for path, selector, count in [
        ("exercises/forward-pelvic-shift/", ".sh-figure-block svg", 3),
        ("routines/hip-stability/", ".sh-figure svg", 7),
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
def test_animation_only_on_screen_and_never_with_reduced_motion(page, site_url):
    page.goto(f"{site_url}exercises/clamshell/")
    shown = "() => getComputedStyle(document.querySelector('.sh-figure-block .sh-fig-a')).display"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(shown) != "none"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(shown) == "none"
    page.emulate_media(media="print", reduced_motion="no-preference")
    assert page.evaluate(shown) == "none"
    assert page.locator(".sh-fig--thumb .sh-fig-a, .sh-figure .sh-fig-a").count() == 0
