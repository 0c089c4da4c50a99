"""The live preview (`mkdocs serve`, as `make serve` runs it) never hangs on a broken file: every
page answers at once with the list of problems, and the open page reloads by itself when the
file is fixed. Real `mkdocs serve` of a copy of the fixture project in a subprocess, watched in Chromium."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import PREFIX, SITE_URL, exercise_slugs

pytestmark = pytest.mark.browser

PROBLEM_LINE = re.compile(r"^exercises/heel-lift\.yml:\d+:\d+: kind: .+", re.MULTILINE)
WAITING = "The preview is waiting for a fix"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


POLL = 0.3  # seconds between two looks while waiting for a condition (never a wait of its own)


def fetch(url: str, timeout: float = 10) -> str:
    """A page, or an error if the server has not answered within `timeout` seconds."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


@contextmanager
def serving(project: Path):
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    environment.pop("PYTHONPATH", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                fetch(url, timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail(f"mkdocs serve did not start:\n{server.stdout.read()}")
                time.sleep(POLL)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().removesuffix("¶").strip()


def test_broken_data_shows_the_problems_at_once_and_the_fix_reloads_the_page(page, project_copy):
    lift = project_copy / "exercises" / "heel-lift.yml"
    with serving(project_copy) as url:
        page.goto(url + "exercises/heel-lift/")
        assert heading(page) == "Heel lift"
        data = {path: fetch(url + path) for path in ["api/exercises/heel-lift.json", "api/exercises/wall-lean.js"]}

        edit(lift, "kind: strength", "kind: strenght")
        page.wait_for_function(f"() => document.body.innerText.includes({WAITING!r})", timeout=30000)
        assert PROBLEM_LINE.search(page.locator("article pre").inner_text()), page.locator("article").inner_text()
        for other in ["", "routines/", "getting-started/", "exercises/wall-lean/"]:
            started = time.monotonic()
            assert WAITING in fetch(url + other), f"{other or 'home'} does not show the problems"
            assert time.monotonic() - started < 5, f"{other or 'home'} took {time.monotonic() - started:.1f} s"

        edit(lift, "kind: strenght", "kind: strength")
        page.wait_for_function(f"() => !document.body.innerText.includes({WAITING!r})", timeout=30000)
        assert heading(page) == "Heel lift"
        assert {path: fetch(url + path) for path in data} == data, "the open data is back as it was"


def test_preview_that_starts_broken_still_answers(project_copy):
    edit(project_copy / "exercises" / "front-hold.yml", "kind: stability", "kind: stabilty")
    with serving(project_copy) as url:
        for address in ["", "exercises/front-hold/", "exercises/heel-lift/", "browse/muscles/"]:
            text = fetch(url + address)
            assert WAITING in text and "exercises/front-hold.yml:" in text, address


def test_broken_article_shows_its_problem_and_the_rest_still_works(page, project_copy):
    article = project_copy / "content" / "getting-started.md"
    with serving(project_copy) as url:
        page.goto(url + "getting-started/")
        article.write_text(article.read_text(encoding="utf-8") + '\n{{ exercise_link("pigeon") }}\n', encoding="utf-8")
        page.wait_for_function(f"() => document.body.innerText.includes({WAITING!r})", timeout=30000)
        assert "content/getting-started.md:" in page.locator("article pre").inner_text()
        assert "pigeon" in page.locator("article pre").inner_text()
        assert '<h1 id="heel-lift">' in fetch(url + "exercises/heel-lift/")


# --- a rebuild renders again only what an edit changed, and every page stays right ----------------

def wait_for(url: str, text: str, present: bool = True, limit: float = 60) -> str:
    deadline = time.monotonic() + limit
    while True:
        body = fetch(url)
        if (text in body) == present:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"{url}: {text!r} {'never appeared' if present else 'never went'}")
        time.sleep(POLL)


def test_an_edit_shows_on_every_page_that_lists_the_exercise(project_copy):
    lift = project_copy / "exercises" / "heel-lift.yml"
    # Its page, the list of all, a muscle it works, a routine with it; last, an exercise that does not list it.
    pages = ["exercises/heel-lift/", "exercises/", "browse/muscles/calves/", "routines/calf-starter/", "exercises/curl-up/"]
    with serving(project_copy) as url:
        before = {page: fetch(url + page) for page in pages}
        sitemap = fetch(url + "sitemap.xml").count("<loc>")
        other_data = fetch(url + "api/exercises/curl-up.js")
        assert all("Heel lift" in before[page] for page in pages[:4])
        assert "Heel lift" not in before[pages[4]]
        edit(lift, "name: Heel lift", "name: Heel lift Edited")
        wait_for(url + "exercises/heel-lift/", '<h1 id="heel-lift-edited">Heel lift Edited')
        for page in pages[1:4]:
            assert "Heel lift Edited" in fetch(url + page), f"{page} still shows the old name"
        # The open data too: the edited exercise's files and the whole catalogue's, the others kept.
        for data in ["api/exercises/heel-lift.json", "api/exercises/heel-lift.js", "api/exercises.json", "api/index.js"]:
            assert "Heel lift Edited" in fetch(url + data), f"{data} still has the old name"
        assert fetch(url + "api/exercises/curl-up.js") == other_data
        # A page that does not list it is the same as before; the navigation and search are whole.
        unserved = lambda body: re.sub(r"livereload\(\d+, \d+\)", "", body)  # the server's reload script
        assert unserved(fetch(url + "exercises/curl-up/")) == unserved(before["exercises/curl-up/"])
        index = fetch(url + "search/search_index.json")
        assert "Heel lift Edited" in index and '"location":"exercises/curl-up/"' in index
        assert '"location":"getting-started/"' in index
        assert index.count('"location":"exercises/') > 2 * len(exercise_slugs(project_copy)), "every exercise's sections"
        assert fetch(url + "sitemap.xml").count("<loc>") == sitemap

        # A template change renders every page again.
        template = project_copy / "overrides" / "markdown" / "exercise.md"
        edit(template, "## At a glance", "## At a glance, edited")
        wait_for(url + "exercises/curl-up/", "At a glance, edited")
