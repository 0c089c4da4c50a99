"""What the tests share, in a module of its own: both tests/conftest.py and tests/site/conftest.py
re-export it, and `from conftest import X` finds whichever conftest pytest loaded last (they are
not in packages), so nothing shared may live in a conftest alone.

Two projects are built: the neutral fixture project (tests/fixtures/site/, the generator's tests)
and this site (the repository itself, tests/site/). Either is composed with the repository's
generator (hooks/, overrides/) by `copy_project`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import NoReturn

import pytest
import yaml

from exercise_site.model import RESERVED_FILES

__all__ = [  # what test modules import, from here or from either conftest
    "CHROMIUM_ARGS",
    "CHROMIUM_HINT",
    "CONTROLLED",
    "FIXTURE",
    "FIXTURE_SITE",
    "FONT_DIR",
    "FONTS_PATH",
    "INSTALL_LINE",
    "MISSING",
    "PREFIX",
    "ROOT",
    "SITE_URL",
    "SYSTEM_PACKAGES",
    "TESTS",
    "UNAVAILABLE",
    "article_paths",
    "build_site",
    "chromium_path",
    "condition_slugs",
    "copy_project",
    "exercise_slugs",
    "installed",
    "make_offline",
    "mkdocs_build",
    "offline_folder",
    "pdf_fonts",
    "pdf_info",
    "pdf_pages",
    "problems_for",
    "edit",
    "line_of",
    "project_fixtures",
    "project_for",
    "read_data",
    "require",
    "routine_slugs",
    "site_name",
    "unavailable",
]

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
FIXTURE_SITE = TESTS / "fixtures" / "site"  # the neutral project: mkdocs.yml, content/, exercises/
FIXTURE = TESTS / "fixtures" / "exercises"  # a two-exercise catalogue for the loader's unit tests

# What a project brings (its data, articles and settings) and what the repository brings (the generator).
PROJECT_DATA = ["mkdocs.yml", "content", "exercises"]
GENERATOR = ["hooks", "overrides"]
# Needed to run `make` in a copy (the offline zip): the Makefile, its lock file, the offline config.
MAKE_PARTS = ["Makefile", "requirements.lock", "mkdocs.offline.yml"]


def copy_project(target: Path, source: Path = FIXTURE_SITE) -> Path:
    """A writable project in `target` (created; must not exist): `source`'s data, articles and
    mkdocs.yml with the repository's generator, so it builds with `mkdocs_build` and `make`.
    `source` is the fixture project by default, or ROOT for this site."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__")
    for part in PROJECT_DATA:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=ignore)
        else:
            shutil.copy2(source / part, target / part)
    for part in GENERATOR:
        shutil.copytree(ROOT / part, target / part, ignore=ignore)
    for part in MAKE_PARTS:
        shutil.copy2(source / part if (source / part).is_file() else ROOT / part, target / part)
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
SITE_URL = "https://example.github.io/fork-test/"
PREFIX = "/fork-test/"
# The print tests' fonts (tests/fonts/), served beside the site, outside its prefix.
FONT_DIR = TESTS / "fonts"
FONTS_PATH = "/__test-fonts__/"


def build_site(source: Path, workdir: Path) -> Path:
    """`source` built with SITE_URL into workdir/site; a project other than ROOT is composed in
    workdir/project first. Fails the test with MkDocs's output when the build fails."""
    project = source if source == ROOT else copy_project(workdir / "project", source)
    site = workdir / "site"
    result = mkdocs_build(project, site, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


def make_offline(project: Path, folder: Path) -> Path:
    """`make offline` in `project` (ROOT or a copy_project), as a reader gets it: the zip in
    `folder`, unzipped beside it into folder/unzipped. The copy uses the repository's .venv."""
    zip_path = folder / "offline.zip"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(["make", "--no-print-directory", "-C", str(project), "offline", f"VENV={ROOT / '.venv'}",
                             f"OFFLINE_DIR={folder / 'out'}", f"OFFLINE_ZIP={zip_path}"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder / "unzipped")
    return zip_path


def offline_folder(offline_zip: Path) -> Path:
    """The unzipped offline copy's one top folder (named after the site)."""
    (folder,) = [p for p in (offline_zip.parent / "unzipped").iterdir() if p.is_dir()]
    return folder


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


def require(tool: str, present: bool, hint: str = "") -> None:
    """Go on when `tool` (a key of SYSTEM_PACKAGES) is present; else skip, saying in one line what to install."""
    if not present:
        MISSING.add(tool)
        unavailable(f"{tool} not found: `sudo apt-get install {SYSTEM_PACKAGES[tool]}`{hint}")


# --- the browser: Debian's Chromium through Playwright ---------------------------------------

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


# --- the site's service worker (issue 23): installed, then offline ---------------------------

CONTROLLED = "() => navigator.serviceWorker.ready.then(() => Boolean(navigator.serviceWorker.controller))"


def installed(browser, url: str):
    """A fresh context with `url` opened, its service worker installed (every file saved) and in control."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error} {error.stack}"))
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.ready.then(r => Boolean(r.active))", polling=200)
    page.reload()
    assert page.evaluate(CONTROLLED), "the service worker does not control the page after a reload"
    return context, page, errors


# --- printed PDFs, read in Python --------------------------------------------------------------


def pdf_info(pdf: bytes) -> tuple[int, str]:
    """Number of pages and the text of a PDF, read by PDFium (pypdfium2), line by line as laid out."""
    pages = pdf_pages(pdf)
    return len(pages), "\n".join(pages)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, as laid out."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        # PDFium marks a hyphen that ends a line with U+FFFE and joins the lines: keep both, as printed.
        return [page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\ufffe", "-\n") for page in document]
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


# --- what a project holds, read from its files ----------------------------------------------------


def project_for(test_path: Path) -> Path:
    """The project a test file is about: this site for tests/site/, the fixture project for the rest."""
    return ROOT if (TESTS / "site") in Path(test_path).resolve().parents else FIXTURE_SITE


def exercise_slugs(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "exercises").glob("*.yml") if p.name not in RESERVED_FILES)


def routine_slugs(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "exercises" / "routines").glob("*.yml"))


def condition_slugs(project: Path) -> list[str]:
    return sorted(p.stem for p in (project / "exercises" / "conditions").glob("*.yml"))


def article_paths(project: Path) -> list[str]:
    """The articles' paths under content/, e.g. `index.md`, `red-flags.md`."""
    return sorted(p.relative_to(project / "content").as_posix() for p in (project / "content").rglob("*.md"))


def read_data(project: Path, relative: str) -> dict:
    """A data file of the project, e.g. `exercises/heel-lift.yml` or `exercises/routines/x.yml`."""
    return yaml.safe_load((project / relative).read_text(encoding="utf-8"))


def site_name(project: Path) -> str:
    """`site_name` in the project's mkdocs.yml (read without MkDocs, whose tags it need not know)."""
    return re.search(r"^site_name:\s*(.+?)\s*$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1).strip("'\"")



def project_fixtures(source: Path, name: str) -> dict:
    """The fixtures of one project under test, for a conftest to take in (`globals().update(...)`):
    `project` (the source folder), `built_site` (built once per session at SITE_URL), `site_url` (it
    served as GitHub Pages serves it, under PREFIX), `project_copy` (a writable copy, per test) and
    `offline_zip` (`make offline`, once per session). Each conftest gets its own, cached apart."""

    @pytest.fixture(scope="session")
    def project() -> Path:
        return source

    @pytest.fixture(scope="session")
    def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return build_site(source, tmp_path_factory.mktemp(f"{name}-build"))

    @pytest.fixture(scope="session")
    def site_url(built_site: Path):
        from ghpages import pages_server

        with pages_server(built_site, PREFIX) as url:
            yield url

    @pytest.fixture
    def project_copy(tmp_path: Path) -> Path:
        return copy_project(tmp_path / "project", source)

    @pytest.fixture(scope="session")
    def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
        folder = tmp_path_factory.mktemp(f"{name}-offline")
        return make_offline(copy_project(folder / "project", source), folder)  # the zip, unzipped beside it (offline_folder())

    return {"project": project, "built_site": built_site, "site_url": site_url, "project_copy": project_copy,
            "offline_zip": offline_zip}


# --- editing a copy of the data on purpose, and reading what the loader says of it ----------------


def problems_for(folder: Path) -> list[str]:
    from exercise_site.catalogue import load_catalogue
    from exercise_site.problems import CatalogueError

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)
