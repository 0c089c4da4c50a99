from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

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


def copy_project(target: Path) -> Path:
    """A writable copy of the real project in `target`, for builds that change the data on purpose."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


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
# The print tests' fonts (tests/fonts/), served beside the site, outside its prefix.
FONT_DIR = Path(__file__).parent / "fonts"
FONTS_PATH = "/__test-fonts__/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


# --- tiers: `make test-fast` runs what needs neither a browser nor a whole site built -----------

BROWSER_FIXTURES = {"browser", "page"}
BUILD_FIXTURES = {"built_site", "site_url", "project_copy", "offline_zip"}


def pytest_collection_modifyitems(items):
    """Marks every test by what it uses, so that no browser test can miss its marker."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


# --- what `make test` cannot install: Debian's packages, one install line (README, "Two commands")

SYSTEM_PACKAGES = {"Chromium": "chromium", "Java": "default-jre-headless", "Node.js": "nodejs npm"}
INSTALL_LINE = "sudo apt-get install " + " ".join(SYSTEM_PACKAGES.values())
MISSING: set[str] = set()  # the tools whose tests were skipped, for the line at the end of the run
UNAVAILABLE: set[str] = set()  # the reasons given by unavailable()


def unavailable(message: str) -> NoReturn:
    """Skip for want of something outside the project; fail in CI, which must run every test."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run every test)")
    UNAVAILABLE.add(message)
    pytest.skip(message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """One place for the skips of unavailable(), so that the summary gives each reason once, with a count
    (a skip in a fixture, such as `browser`, would otherwise be listed at every test that uses it)."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and report.longrepr[2].removeprefix("Skipped: ") in UNAVAILABLE:
        report.longrepr = (__file__, unavailable.__code__.co_firstlineno, report.longrepr[2])
    return report


def require(tool: str, present: bool, hint: str = "") -> None:
    """Go on when `tool` (a key of SYSTEM_PACKAGES) is present; else skip, saying in one line what to install."""
    if not present:
        MISSING.add(tool)
        unavailable(f"{tool} not found: `sudo apt-get install {SYSTEM_PACKAGES[tool]}`{hint}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After the list of skips: one line to install every missing tool."""
    yield
    if MISSING:
        terminalreporter.write_line(f"Skipped for want of {', '.join(sorted(MISSING))}: `{INSTALL_LINE}` "
                                    "installs all that the suite needs from the system; then `make test` again.", yellow=True)


# --- browser tests: Debian's Chromium through Playwright ---------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


CHROMIUM_HINT = ", or set $CHROMIUM to the browser's path"


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over HTTP on loopback, under the project prefix."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if path.startswith(FONTS_PATH):
                return str(FONT_DIR / Path(path[len(FONTS_PATH):]).name)
            if not path.startswith(PREFIX):
                return str(built_site / "__outside_prefix__")
            return super().translate_path("/" + path[len(PREFIX):])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    require("Chromium", executable is not None, CHROMIUM_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def pdf_info(pdf: bytes) -> tuple[int, str]:
    """Number of pages and the text of a PDF, read by PDFium (pypdfium2), line by line as laid out."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        # PDFium marks a hyphen that ends a line with U+FFFE and joins the lines: keep both, as printed.
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
        return len(document), text.replace("\r\n", "\n").replace("\ufffe", "-\n")
    finally:
        document.close()


def pdf_fonts(pdf: bytes) -> set[str]:
    """The names of the fonts a PDF embeds (subset prefix such as `AAAAAA+` left off), read by pypdf
    from the resources of every page and of the forms drawn on it."""
    import io

    import pypdf

    names: set[str] = set()

    def walk(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont", f"[unnamed {font.get('/Subtype')}]")).split("+")[-1])
        for form in resources.get("/XObject", {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                walk(form.get("/Resources"))

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        walk(page.get("/Resources"))
    return names


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """`make offline` once per test session, as a reader gets it: the zip (unzipped beside it)."""
    import zipfile

    folder = tmp_path_factory.mktemp("offline")
    zip_path = folder / "steady-hips-offline.zip"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(["make", "--no-print-directory", "offline", f"OFFLINE_DIR={folder / 'out'}", f"OFFLINE_ZIP={zip_path}"],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder / "unzipped")
    return zip_path
