"""Every figure of this site's exercises, held to the drawing rules of tests/test_figures.py, and
the drawings of particular exercises: the clamshell lies on its side, the band exercises show their
band, the abductor machine stays behind the legs."""
from __future__ import annotations

import pytest
from conftest import ROOT
from test_figures import (
    LINE, _mid, body_lines, check_band_drawn, check_deterministic, check_figures_command, check_figures_on_pages,
    check_lies_on_its_side_and_the_top_knee_opens, check_on_the_ground_and_moving, check_small_valid_accessible,
    SVG, band_figures, figure_moves, figures_of, ids, poses_drawn, subpaths, to_segment,
)
from test_figures import (  # noqa: F401  (browser tests collected here again, on this site's pages)
    test_animation_only_on_screen_and_never_with_reduced_motion, test_figures_render_with_a_size_on_pages_and_cards,
)

from exercise_site.catalogue import load_catalogue
from exercise_site.model import RESERVED_FILES

CATALOGUE = load_catalogue(ROOT / "exercises")
FIGURES = figures_of(CATALOGUE)
BANDS = list(band_figures(CATALOGUE))


def test_every_exercise_file_has_a_figure():
    files = sorted(p for p in (ROOT / "exercises").glob("*.yml") if p.name not in RESERVED_FILES)
    assert files and sorted(CATALOGUE.exercises) == sorted(p.stem for p in files)
    for ex in CATALOGUE.exercises.values():
        assert ex.figure is not None, ex.slug


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
@pytest.mark.parametrize("thumb", [False, True], ids=["page", "thumb"])
def test_figure_is_small_valid_accessible_svg(slug, level, thumb):
    check_small_valid_accessible(CATALOGUE, slug, level, thumb)


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
def test_figure_is_deterministic(slug, level):
    check_deterministic(CATALOGUE, load_catalogue(ROOT / "exercises"), slug, level)


@pytest.mark.parametrize(("slug", "level"), FIGURES, ids=ids(FIGURES))
def test_poses_stand_on_the_ground_and_move(slug, level):
    check_on_the_ground_and_moving(CATALOGUE.exercises[slug], level)


def test_the_leg_squeeze_is_a_hold_drawn_still():
    assert not figure_moves(CATALOGUE.exercises["leg-squeeze"])


def test_every_figure_shows_on_its_pages_with_unique_ids():
    check_figures_on_pages(CATALOGUE)


def test_clamshell_lies_on_the_floor_knees_bent_and_the_top_knee_opens():
    check_lies_on_its_side_and_the_top_knee_opens(CATALOGUE, "clamshell")


def test_band_exercises_are_the_expected_ones():
    assert {slug for slug, _ in BANDS} == {"hip-flexor-knee-drive", "hip-bridge-with-band", "lateral-band-walk", "leg-lift",
                                           "isometric-hip-abduction", "hip-flexor-march"}


@pytest.mark.parametrize(("slug", "level"), BANDS, ids=ids(BANDS))
def test_a_band_is_drawn_where_a_loop_band_is_used(slug, level):
    check_band_drawn(CATALOGUE, slug, level)


def test_figures_command_writes_every_figure_large(tmp_path):
    check_figures_command(ROOT, tmp_path / "out")


def test_abductor_machine_frame_stays_behind_and_clear_of_the_legs_and_the_knees_open():
    root, start, end = poses_drawn(CATALOGUE, "hip-abductor-machine")
    frame = [(e, width, opacity) for e, width, opacity in end if e.get("class") == "rx-prop-machine"]
    assert len(frame) == 1, "the machine's frame is drawn once"
    element, width, opacity = frame[0]
    assert width <= LINE / 2 and opacity is not None and float(opacity) <= 0.5, "thin and faded: behind the person"
    frame_segments = [(a, b) for line in subpaths(element.get("d")) for a, b in zip(line, line[1:])]
    gaps = []
    for pose in (start, end):
        # front view: trunk, hips, shoulders, then each side's arm, leg and foot
        lines = body_lines(pose)
        legs = [lines[4], lines[7]]
        for hip, knee, ankle in legs:
            clear = min(to_segment(p, a, b) for a, b in frame_segments for p in (knee, _mid(knee, ankle), ankle))
            assert clear > (LINE + width) / 2 + 1, "a lower leg runs along the frame"
        gaps.append(abs(legs[0][1][0] - legs[1][1][0]))
        pads = [e for e, _, _ in pose if e.tag == f"{SVG}path" and e.get("stroke-width") == "3.4"]
        assert pads, "the knee pads move with the knees"
    assert gaps[0] < LINE + 2, "the knees start together"
    assert gaps[1] - gaps[0] >= 15, "the knees move apart by a visible distance"
