"""This site's own tests: the project fixtures of tests/conftest.py, overridden with the repository
itself (its exercises/, content/ and mkdocs.yml). A fork that deletes tests/site/ loses only these."""
from __future__ import annotations

from pathlib import Path

import pytest

from harness import (  # noqa: F401  (re-exported: pytest may leave this module as `conftest`)
    CHROMIUM_ARGS, CHROMIUM_HINT, FIXTURE, FIXTURE_SITE, FONT_DIR, FONTS_PATH, INSTALL_LINE, MISSING, PREFIX,
    ROOT, SITE_URL, SYSTEM_PACKAGES, TESTS, UNAVAILABLE, build_site, chromium_path, copy_project, make_offline,
    article_paths, condition_slugs, exercise_slugs, mkdocs_build, offline_folder, pdf_fonts, pdf_info, project_for,
    read_data, require, routine_slugs, site_name, unavailable,
)


@pytest.fixture(scope="session")
def project() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This site, built once per test session at SITE_URL."""
    return build_site(ROOT, tmp_path_factory.mktemp("site-build"))


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    from ghpages import pages_server

    with pages_server(built_site, PREFIX) as url:
        yield url


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", ROOT)


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make offline` of this site, in place, once per session."""
    return make_offline(ROOT, tmp_path_factory.mktemp("site-offline"))
