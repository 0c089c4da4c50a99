from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "exercises"
PROJECT_PARTS = ["mkdocs.yml", "content", "exercises", "overrides", "hooks"]


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture catalogue."""
    target = tmp_path / "exercises"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of the real project, for builds that break the data on purpose."""
    target = tmp_path / "project"
    target.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def mkdocs_build(project: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, in a subprocess like a user would run it."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("PYTHONPATH", None)  # the hook must find the core on its own
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        env=environment,
        cwd=project,
    )


# Built as GitHub Pages would serve a fork: under a project prefix.
SITE_URL = "https://example.github.io/steady-hips-test/"
PREFIX = "/steady-hips-test/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site
