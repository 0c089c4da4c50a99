"""The live preview renders again only the pages an edit changed: whatever the edit, every page
and data file of a rebuild is exactly what a fresh render gives (the core; tests/test_preview.py
has the server)."""
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


# --- the data files under api/ ------------------------------------------------------------------

def _edit_sources(project: Path) -> None:
    path = project / "exercises" / "sources.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: My hip rehab program", "title: My hip rehab, edited", 1),
                    encoding="utf-8")


FILE_EDITS = {
    "summary": lambda project: _edit(project, "clamshell", EDITS["summary"]),
    "figure": lambda project: _edit(project, "clamshell", EDITS["figure"]),
    "a source's title": _edit_sources,
    # api/figures/forward-pelvic-shift-2.svg was its drawing, and is now forward-pelvic-shift's second level's
    "an exercise removed": lambda project: (project / "exercises" / "forward-pelvic-shift-2.yml").unlink(),
    "a level's own drawing removed": lambda project: _edit(project, "forward-pelvic-shift", lambda d: d["levels"][1].pop("figure")),
}


@pytest.fixture
def files_project(tmp_path: Path) -> Path:
    """The real data and a copy of the clamshell named forward-pelvic-shift-2, whose drawing's path
    is also the second level's of forward-pelvic-shift (the first exercise to make a path has it)."""
    for part in ["exercises", "overrides"]:
        shutil.copytree(ROOT / part, tmp_path / part)
    clamshell = yaml.safe_load((ROOT / "exercises" / "clamshell.yml").read_text(encoding="utf-8"))
    copy = dict(clamshell, name="Clamshell copy")
    (tmp_path / "exercises" / "forward-pelvic-shift-2.yml").write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False),
                                                                         encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("edit", FILE_EDITS)
def test_a_rebuild_gives_every_data_file_as_a_fresh_load(files_project, edit):
    first = Site.load(files_project, figures_after=True, remember=True)
    assert "api/figures/forward-pelvic-shift-2.svg" in first.files
    FILE_EDITS[edit](files_project)
    again = Site.load(files_project, figures_after=True, remember=True, previous=first)
    fresh = Site.load(files_project, figures_after=True)
    assert again.files.keys() == fresh.files.keys()
    stale = [path for path, content in fresh.files.items() if again.files[path] != content]
    assert not stale, f"stale after a {edit} edit: {stale[:5]}"
    plank = "api/exercises/plank.js"
    assert again.files[plank] is first.files[plank], "an unchanged exercise's files are taken over, not made again"
