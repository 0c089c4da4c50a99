"""This site's prose check (tests/site/test_content.py) needs the team's shared/ folder: without it a
public clone skips it with a reason, and CI fails."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project


# The prose check compares this site's articles with the team's source articles.
PROSE_TESTS = Path(__file__).parent / "test_content.py"


def run_prose_check(project: Path, ci: bool) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        environment["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", str(PROSE_TESTS.relative_to(ROOT)), "-k", "prose"],
        cwd=project, capture_output=True, text=True, env=environment,
    )


@pytest.mark.slow  # two pytest runs in a subprocess
def test_prose_check_without_shared_skips_with_a_reason_and_fails_in_ci(tmp_path):
    project = copy_project(tmp_path / "project", ROOT)  # no shared/ beside it, as in a public clone
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")

    local = run_prose_check(project, ci=False)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
    assert "shared/ folder beside the project" in local.stdout

    in_ci = run_prose_check(project, ci=True)
    assert in_ci.returncode == 1 and "1 failed" in in_ci.stdout, in_ci.stdout
    assert "CI must check every change against the sources" in in_ci.stdout
