"""The live preview renders again only the pages an edit changed: whatever the edit, every page
and data file of a rebuild is exactly what a fresh render gives (the core; tests/test_preview.py
has the server), and the data files the preview keeps in its site folder are the ones it made."""
from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.utils import clean_directory

from conftest import FIXTURE_SITE, copy_project
from mkdocs_kept_files import KeptFiles
from exercise_site.site import Site


def _edit(project: Path, slug: str, change) -> None:
    path = project / "exercises" / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# Edits of the fixture's heel lift, which has a level with its own figure and a harder exercise.
EDITED = "heel-lift"
EDITS = {
    "summary": lambda d: d.update(summary="An edited summary."),
    "name": lambda d: d.update(name="Heel lift, edited"),
    "muscles": lambda d: d.update(muscles=[*d["muscles"], "tibialis anterior"]),
    "harder": lambda d: d.update(harder=[]),
    "figure": lambda d: d["figure"]["end"].update(feet=[60, 60]),
}
UNCHANGED = "ankle-circle"  # shares a muscle with the heel lift, but none of its own data


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("rebuild") / "project")


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_gives_every_page_as_a_fresh_render(project, edit):
    first = Site.load(project, figures_after=True, remember=True)
    _edit(project, EDITED, EDITS[edit])
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
    text = path.read_text(encoding="utf-8")
    assert "title: A handbook of lower leg exercise\n" in text
    path.write_text(text.replace("title: A handbook of lower leg exercise\n", "title: A handbook, edited\n", 1), encoding="utf-8")


FILE_EDITS = {
    "summary": lambda project: _edit(project, EDITED, EDITS["summary"]),
    "figure": lambda project: _edit(project, EDITED, EDITS["figure"]),
    "a source's title": _edit_sources,
    "an exercise removed": lambda project: (project / "exercises" / f"{EDITED}-2.yml").unlink(),
    "a level's own drawing removed": lambda project: _edit(project, EDITED, lambda d: d["levels"][1].pop("figure")),
}


@pytest.fixture
def files_project(tmp_path: Path) -> Path:
    """The fixture project and a copy of the wall lean named heel-lift-2, a name that could be
    mistaken for the heel lift's second level."""
    project = copy_project(tmp_path / "project")
    lean = yaml.safe_load((FIXTURE_SITE / "exercises" / "wall-lean.yml").read_text(encoding="utf-8"))
    copy = dict(lean, name="Wall lean copy")
    (project / "exercises" / f"{EDITED}-2.yml").write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.mark.parametrize("edit", FILE_EDITS)
def test_a_rebuild_gives_every_data_file_as_a_fresh_load(files_project, edit):
    first = Site.load(files_project, figures_after=True, remember=True)
    level, copy = first.files[f"api/figures/{EDITED}.level-2.svg"], first.files[f"api/figures/{EDITED}-2.svg"]
    assert "Wall lean copy" in copy and "Wall lean copy" not in level
    FILE_EDITS[edit](files_project)
    again = Site.load(files_project, figures_after=True, remember=True, previous=first)
    fresh = Site.load(files_project, figures_after=True)
    assert again.files.keys() == fresh.files.keys()
    stale = [path for path, content in fresh.files.items() if again.files[path] != content]
    assert not stale, f"stale after a {edit} edit: {stale[:5]}"
    unchanged = f"api/exercises/{UNCHANGED}.js"
    assert again.files[unchanged] is first.files[unchanged], "an unchanged exercise's files are taken over, not made again"


def _mkdocs_config(site_dir: Path) -> SimpleNamespace:
    """What KeptFiles and File.generated read of MkDocs' configuration."""
    return SimpleNamespace(site_dir=str(site_dir), use_directory_urls=True, plugins=SimpleNamespace(_current_plugin=None))


def _on_disk(site_dir: Path) -> dict[str, str]:
    """What the site serves: the files outside hidden folders."""
    return {path.relative_to(site_dir).as_posix(): path.read_text(encoding="utf-8") for path in site_dir.rglob("*")
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(site_dir).parts)}


def _build(kept: KeptFiles, config: SimpleNamespace, files: dict[str, str] | None) -> None:
    """The steps of a MkDocs build that concern the kept files; `None`: the data is broken."""
    kept.set_aside(config)  # on_pre_build
    clean_directory(config.site_dir)
    if files is not None:
        made = kept.write(config, files)  # on_files
        assert {file.src_uri for file in made} == files.keys()
        for file in made:
            file.copy_file()


def test_the_preview_keeps_in_its_site_folder_exactly_the_data_files_of_the_last_build(tmp_path):
    config, kept = _mkdocs_config(tmp_path), KeptFiles()
    first = {"api/a.json": "a", "api/figures/b.svg": "b", "api/c.js": "c", "extra.txt": "not kept, written by MkDocs"}
    _build(kept, config, first)
    assert _on_disk(tmp_path) == first
    for path in first:
        os.utime(tmp_path / path, ns=(0, 0))
    second = {"api/a.json": "a", "api/figures/b.svg": "b, edited", "api/d.js": "d"}
    _build(kept, config, second)
    assert _on_disk(tmp_path) == second
    assert (tmp_path / "api/a.json").stat().st_mtime_ns == 0, "an unchanged file is not written again"
    assert (tmp_path / "api/figures/b.svg").stat().st_mtime_ns != 0
    _build(kept, config, None)
    assert _on_disk(tmp_path) == {}
    third = {"api/a.json": "a", "api/figures/b.svg": "b, edited", "api/e.js": "e"}
    _build(kept, config, third)
    assert _on_disk(tmp_path) == third
    kept.forget()  # a failed build: the next writes every file
    _build(kept, config, {"api/a.json": "a"})
    assert _on_disk(tmp_path) == {"api/a.json": "a"}


# --- the speed-up and the search wrapper run only on the MkDocs and Material they were tested with ---

import logging  # noqa: E402
import re  # noqa: E402

import mkdocs_rebuild  # noqa: E402
import mkdocs_search  # noqa: E402


def test_the_tested_releases_are_the_pinned_ones():
    lock = (Path(mkdocs_rebuild.__file__).resolve().parents[1] / "requirements.lock").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9-]+)==(\S+)", lock, re.MULTILINE))
    assert mkdocs_rebuild.TESTED == {name: pinned[name] for name in mkdocs_rebuild.TESTED}


@pytest.mark.parametrize("package", ["mkdocs", "mkdocs-material"])
def test_an_untested_release_turns_the_speed_up_off_with_a_notice(monkeypatch, caplog, package):
    log = logging.getLogger("test.rebuild")
    with caplog.at_level(logging.INFO, logger="test.rebuild"):
        assert isinstance(mkdocs_rebuild.preview_rebuilds(log), mkdocs_rebuild.Rebuilds), "on the tested releases it is on"
        assert not caplog.records
        tested = mkdocs_rebuild.version
        monkeypatch.setattr(mkdocs_rebuild, "version", lambda name: "99.0" if name == package else tested(name))
        assert mkdocs_rebuild.preview_rebuilds(log) is None
    notices = [r.getMessage() for r in caplog.records]
    assert len(notices) == 1 and "\n" not in notices[0]
    assert f"{package} 99.0 (tested with {mkdocs_rebuild.TESTED[package]})" in notices[0]


def test_an_untested_material_leaves_search_unwrapped_with_a_notice(monkeypatch, caplog):
    log = logging.getLogger("test.search")
    with caplog.at_level(logging.INFO, logger="test.search"):
        assert mkdocs_search.search_messages(log) == {"setup": 0, "ready": 1, "query": 2, "result": 3}
        monkeypatch.setattr(mkdocs_rebuild, "version", lambda name: "10.0.0")
        assert mkdocs_search.search_messages(log) is None
    assert [r.getMessage().count("mkdocs-material 10.0.0") for r in caplog.records] == [1]
