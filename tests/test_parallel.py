"""Work shared with forked worker processes gives exactly what one process gives, and is really
shared: each result says which process made it."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, ROOT

from exercise_site import catalogue as catalogue_module
from exercise_site import render as render_module
from exercise_site.catalogue import load_catalogue
from exercise_site.model import RESERVED_FILES
from exercise_site.parallel import shared_map
from exercise_site.problems import CatalogueError
from exercise_site.render import Renderer
from exercise_site import api as api_module
from exercise_site.api import api_files

_forks: list[int] = []
os.register_at_fork(after_in_parent=lambda: _forks.append(1))


@pytest.fixture
def three_workers(monkeypatch):
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "3")


def forks_during(call):
    before = len(_forks)
    result = call()
    return result, len(_forks) - before


@pytest.fixture
def makers(monkeypatch) -> list[list[int]]:
    """The process ids that made each result of every shared_map call of the loader and the renderer:
    each call's function runs as written, and its results come back with the id of the process that ran it."""
    calls: list[list[int]] = []
    real = shared_map

    def recording(function, items, *, minimum):
        made = real(lambda item: (function(item), os.getpid()), items, minimum=minimum)
        calls.append([pid for _, pid in made])
        return [result for result, _ in made]

    monkeypatch.setattr(catalogue_module, "shared_map", recording)
    monkeypatch.setattr(render_module, "shared_map", recording)
    monkeypatch.setattr(api_module, "shared_map", recording)
    return calls


def shared_by(pids: list[int], processes: int) -> None:
    """Every one of `processes` processes, the parent among them, made about an equal share."""
    counts = {pid: pids.count(pid) for pid in set(pids)}
    assert len(counts) == processes and os.getpid() in counts, f"made by {len(counts)} processes: {counts}"
    assert max(counts.values()) - min(counts.values()) <= 1, counts


def test_shared_work_comes_back_whole_and_in_order(three_workers):
    items = list(range(90))
    result, forks = forks_during(lambda: shared_map(lambda i: (i, "x" * i * 1000, os.getpid()), items, minimum=10))
    assert [r[:2] for r in result] == [(i, "x" * i * 1000) for i in items]
    assert forks == 2
    shared_by([r[2] for r in result], 3)


def test_no_fork_below_the_minimum_or_when_told_to_use_one_process(three_workers, monkeypatch):
    here = os.getpid()
    assert forks_during(lambda: shared_map(lambda i: (i, os.getpid()), range(9), minimum=10)) == ([(i, here) for i in range(9)], 0)
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "1")
    assert forks_during(lambda: shared_map(lambda i: (i, os.getpid()), range(90), minimum=10)) == ([(i, here) for i in range(90)], 0)


@pytest.mark.parametrize("value", ["two", "0", "-1"])
def test_a_wrong_number_of_workers_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", value)
    with pytest.raises(ValueError, match=f"EXERCISE_SITE_WORKERS must be a whole number.*got '{value}'"):
        shared_map(str, range(90), minimum=10)


def test_a_share_that_fails_in_a_worker_is_done_again_by_the_parent(three_workers):
    parent = os.getpid()

    def only_here(i):
        if os.getpid() != parent:
            raise RuntimeError("broken worker")
        return i * 2

    assert shared_map(only_here, list(range(30)), minimum=10) == [i * 2 for i in range(30)]
    assert shared_map(lambda i: (lambda: i), [0] * 30, minimum=10)[-1]() == 0  # results that cannot be pickled


def test_an_error_in_a_worker_share_is_raised_in_the_parent(three_workers):
    def fails_at_25(i):
        if i == 25:
            raise ValueError("item 25")
        return i

    with pytest.raises(ValueError, match="item 25"):
        shared_map(fails_at_25, list(range(30)), minimum=10)


def test_an_error_in_the_parent_share_stops_the_workers(three_workers, tmp_path):
    parent = os.getpid()

    def big(i):
        if os.getpid() == parent:
            raise ValueError("parent share")
        (tmp_path / str(os.getpid())).touch()
        return "x" * 1_000_000  # more than a pipe holds: the worker blocks until read or stopped

    with pytest.raises(ValueError, match="parent share"):
        shared_map(big, list(range(30)), minimum=10)
    workers = [int(p.name) for p in tmp_path.iterdir()]
    assert len(workers) == 2
    for pid in workers:
        with pytest.raises(ChildProcessError):  # already reaped: no process left behind
            os.waitpid(pid, os.WNOHANG)


def large_catalogue(target: Path, copies: int) -> Path:
    """The fixture catalogue plus `copies` renamed copies of its exercises; every seventh copy's name
    is long enough for a warning, so that files a worker parsed have warnings too."""
    shutil.copytree(FIXTURE, target)
    originals = sorted(p for p in target.glob("*.yml") if p.name not in RESERVED_FILES)
    for n in range(copies):
        original = originals[n % len(originals)]
        text = original.read_text()
        name = re.search(r"^name: (.*)$", text, re.MULTILINE)
        suffix = f" copy {n}" + (" with a name long enough to break mid-word on a printed card" * (n % 7 == 0))
        renamed = f"name: {json.dumps(yaml.safe_load(name.group(1)) + suffix)}"
        (target / f"{original.stem}-copy-{n:03}.yml").write_text(text.replace(name.group(0), renamed, 1))
    return target


def test_a_large_catalogue_loads_the_same_on_several_processes(tmp_path, monkeypatch, makers):
    alone, shared = large_catalogue(tmp_path / "alone", 260), tmp_path / "shared"
    shutil.copytree(alone, shared)
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "1")
    expected = load_catalogue(alone)
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "3")
    del makers[:]
    catalogue = load_catalogue(shared)
    (parsed,) = makers
    assert len(parsed) >= 260
    shared_by(parsed, 3)
    assert (catalogue.exercises, catalogue.routines, catalogue.sources, catalogue.conditions) == (
        expected.exercises, expected.routines, expected.sources, expected.conditions)
    # Warnings find their positions in files a worker parsed.
    assert len(expected.warnings) >= 260 // 7
    assert [str(w) for w in catalogue.warnings] == [str(w).replace("alone/", "shared/") for w in expected.warnings]


def test_errors_in_files_a_worker_parsed_keep_their_positions(tmp_path, three_workers, makers):
    folder = large_catalogue(tmp_path / "exercises", 260)
    last = sorted(folder.glob("*-copy-*.yml"))[-1]
    last.write_text(last.read_text().replace("kind: ", "kind: [", 1))
    second_last = sorted(folder.glob("*-copy-*.yml"))[-2]
    second_last.write_text(second_last.read_text().replace("\nsummary:", "\nsumary:", 1))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    shared_by(makers[0], 3)
    messages = [str(p) for p in caught.value.problems]
    line = next(i for i, text in enumerate(last.read_text().splitlines(), 1) if text.startswith("kind: ["))
    assert any(m.startswith(f"exercises/{last.name}:{line + 1}:") for m in messages), messages
    line = next(i for i, text in enumerate(second_last.read_text().splitlines(), 1) if text.startswith("sumary:"))
    assert f"exercises/{second_last.name}:{line}:1: sumary: unknown field (did you mean 'summary'?)" in messages


def test_pages_render_the_same_on_several_processes(tmp_path, monkeypatch, makers):
    catalogue = load_catalogue(large_catalogue(tmp_path / "exercises", 120))
    templates = ROOT / "overrides" / "markdown"
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "1")
    expected = Renderer(catalogue, templates).pages()
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "3")
    del makers[:]
    pages = Renderer(catalogue, templates).pages()
    shared = [pids for pids in makers if len(pids) >= render_module._SHARE_FROM]
    assert shared, f"no share of {render_module._SHARE_FROM} or more pages or figures: {[len(p) for p in makers]}"
    for pids in shared:
        shared_by(pids, 3)
    assert list(pages) == list(expected)
    assert pages == expected


def test_the_open_data_and_catalogue_rows_are_the_same_on_several_processes(tmp_path, monkeypatch, makers):
    catalogue = load_catalogue(large_catalogue(tmp_path / "exercises", 120))
    templates = ROOT / "overrides" / "markdown"
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "1")
    expected = api_files(catalogue), Renderer(catalogue, templates).catalogue_data()
    api_module._DRAWN.clear()  # drawn afresh in the workers, not taken from this process's cache
    monkeypatch.setenv("EXERCISE_SITE_WORKERS", "3")
    del makers[:]
    made = api_files(catalogue), Renderer(catalogue, templates).catalogue_data()
    shared = [pids for pids in makers if len(pids) >= api_module._SHARE_FROM]
    assert len(shared) == 2, [len(p) for p in makers]  # the exercises' files, the catalogue's rows
    for pids in shared:
        shared_by(pids, 3)
    assert made == expected
