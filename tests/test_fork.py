"""A fork changes only data, articles and mkdocs.yml (README, "Make your own site"). Made here from
the example site: its exercises/, content/ and mkdocs.yml in place of this site's, tests/site/
deleted. It must pass `make check` and the generator's own tests (the fast tier; the browser
and build tests run on the neutral fixture project, which a fork does not change)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from exercise_site.model import RESERVED_FILES

EXAMPLE = ROOT / "examples" / "ankles"
REPLACED = ("exercises/", "content/", "mkdocs.yml", "tests/site/")


def make_fork(target: Path) -> Path:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, tracked.split("\0")):
        source = ROOT / name
        if name.startswith(REPLACED) or not source.is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    shutil.copytree(EXAMPLE / "exercises", target / "exercises")
    shutil.copytree(EXAMPLE / "content", target / "content")
    config = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config.replace("../../", ""), encoding="utf-8")
    modules = ROOT / "tests" / "web" / "node_modules"  # the quality gates' tools, installed once by `make test`
    if modules.is_dir():
        (target / "tests" / "web" / "node_modules").symlink_to(modules)
    return target


@pytest.mark.slow
def test_a_fork_with_only_its_data_changed_passes_check_and_the_generator_tests(tmp_path):
    fork = make_fork(tmp_path / "fork")
    assert not (fork / "tests" / "site").exists() and "hip" not in (fork / "mkdocs.yml").read_text().casefold()
    env = {**os.environ, "PYTHONPATH": str(fork / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run(["make", "--no-print-directory", "check", f"VENV={ROOT / '.venv'}"], cwd=fork, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    exercises = [f for f in (EXAMPLE / "exercises").glob("*.yml") if f.name not in RESERVED_FILES]
    assert f"ok: {len(exercises)} exercises" in check.stdout, check.stdout
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser and not build and not slow"],
                           cwd=fork, env=env, capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout and " failed" not in tests.stdout
