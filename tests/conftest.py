"""Fixtures for the generator's tests, on the neutral fixture project (tests/fixtures/site/).

tests/site/conftest.py overrides the project fixtures (`project`, `built_site`, `site_url`,
`project_copy`, `offline_zip`) with this site itself, for the tests of its own content. What
test modules import lives in harness.py (re-exported here, so `from conftest import X` works)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness import *  # noqa: F401,F403  (harness.__all__, re-exported: test modules import it from conftest)


# --- the project under test: the fixture project here, this site in tests/site/ ----------------


globals().update(project_fixtures(FIXTURE_SITE, "fixture"))


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture catalogue (tests/fixtures/exercises/)."""
    target = tmp_path / "exercises"
    shutil.copytree(FIXTURE, target)
    return target


def pytest_generate_tests(metafunc):
    """A test that takes `exercise_slug` or `routine_slug` runs once for each of its project's
    (harness.project_for: this site under tests/site/, else the fixture project)."""
    project = project_for(metafunc.definition.path)
    for name, slugs in (("exercise_slug", exercise_slugs), ("routine_slug", routine_slugs)):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, slugs(project))


# --- tiers: `make test-fast` runs what needs neither a browser nor a whole site built -----------

BROWSER_FIXTURES = {"browser", "page"}
BUILD_FIXTURES = {"built_site", "site_url", "project_copy", "offline_zip"}
SLOW_FIXTURES = {"successor"}  # test_successors.py: a whole site built by another generator


def pytest_collection_modifyitems(items):
    """Marks every test by what it uses, so that no browser test can miss its marker."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """One place for the skips of unavailable(), so that the summary gives each reason once, with a count
    (a skip in a fixture, such as `browser`, would otherwise be listed at every test that uses it)."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and report.longrepr[2].removeprefix("Skipped: ") in UNAVAILABLE:
        report.longrepr = (__file__, unavailable.__code__.co_firstlineno, report.longrepr[2])
    return report


# `make test-fast` must stay under a minute: a test without a tier marker whose setup or run takes
# longer than this is named at the end of the run, to be made faster or marked `slow`.
FAST_LIMIT = 3.0  # seconds
TOO_SLOW_FOR_FAST: list[str] = []


def pytest_runtest_logreport(report):
    if report.when in ("setup", "call") and report.duration > FAST_LIMIT and not {"browser", "build", "slow"} & set(report.keywords):
        TOO_SLOW_FOR_FAST.append(f"{report.nodeid} ({report.when} {report.duration:.1f} s)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After the list of skips: one line to install every missing tool; then the unit tests that
    took too long for the fast tier."""
    yield
    if TOO_SLOW_FOR_FAST:
        terminalreporter.write_line(f"Over {FAST_LIMIT:.0f} s without a browser, build or slow marker (make test-fast must stay "
                                    "under a minute; make them faster or mark them slow): " + ", ".join(TOO_SLOW_FOR_FAST), yellow=True)
    if MISSING:
        terminalreporter.write_line(f"Skipped for want of {', '.join(sorted(MISSING))}: `{INSTALL_LINE}` "
                                    "installs all that the suite needs from the system; then `make test` again.", yellow=True)


# --- the browser: one Chromium per session, a fresh context per test ------------------------------


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    require("Chromium", executable is not None, CHROMIUM_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # A page the tests open would otherwise install the site's service worker, which saves every
        # file of the site in the background of every test. The worker's own tests ask for it
        # (`service_workers="allow"`, as harness.installed does).
        for name in ("new_context", "new_page"):
            opener = getattr(instance, name)
            setattr(instance, name, lambda *args, _open=opener, **options: _open(*args, **{"service_workers": "block", **options}))
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
