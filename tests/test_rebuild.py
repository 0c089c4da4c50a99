"""The live preview renders again only the pages an edit changed: whatever the edit, every page
of a rebuild is exactly what a fresh render gives (the core; tests/test_preview.py has the server)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from steady_hips.site import Site


def _edit(project: Path, slug: str, change) -> None:
    path = project / "exercises" / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


EDITS = {
    "summary": lambda d: d.update(summary="An edited summary."),
    "name": lambda d: d.update(name="Clamshell, edited"),
    "muscles": lambda d: d.update(muscles=[*d["muscles"], "hip adductors"]),
    "harder": lambda d: d.update(harder=[]),
    "figure": lambda d: d["figure"]["end"].update(trunk=260),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("rebuild") / "project"
    for part in ["exercises", "overrides"]:
        shutil.copytree(ROOT / part, target / part)
    return target


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_gives_every_page_as_a_fresh_render(project, edit):
    first = Site.load(project, figures_after=True, remember=True)
    _edit(project, "clamshell", EDITS[edit])
    again = Site.load(project, figures_after=True, remember=True, previous=first)
    fresh = Site.load(project, figures_after=True)
    assert again.pages.keys() == fresh.pages.keys()
    for path, markdown in fresh.pages.items():
        assert again.pages[path] == markdown, f"{path} is stale after a {edit} edit"
        assert again.with_figures(markdown) == fresh.with_figures(markdown), f"{path}: a stale figure"
    assert 0 < again.renderer.memo.reused < len(fresh.pages), "a rebuild renders only the changed pages"


def test_a_changed_template_renders_every_page(project):
    first = Site.load(project, figures_after=True, remember=True)
    template = project / "overrides" / "markdown" / "exercise.md"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = Site.load(project, figures_after=True, remember=True, previous=first)
    assert again.renderer.memo.reused == 0
