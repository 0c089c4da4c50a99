"""After Material's end of life (README "After May 2027"): the same site built by its two successors,
ProperDocs (`make properdocs`) and Zensical (`make zensical`), each for real by its make target into a
temporary folder, at a project prefix, and held to what the Material build promises. Here the fixture
project; tests/site/test_site_successors.py builds this site."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PREFIX, ROOT, SITE_URL, article_paths, copy_project, pdf_pages, read_data, routine_slugs, site_name
from ghpages import pages_server
from test_build import broken_links

from exercise_site.qr import qr_svg
from exercise_site.sections import PART_BYTES, SEARCH_SECTION_LIMIT, split_long_tables
from exercise_site.site import Site

SUCCESSORS = ["properdocs", "zensical"]
SEARCHED = ("wall lean", "wall-lean")  # words typed, and the exercise they must find first


def make(*args: str, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**environment, **(env or {})}, timeout=timeout)


def successor_venv(name: str) -> None:
    """`.venv-<name>` from its lock, as the make target sets it up; skipped without network, never in CI."""
    result = make(f"venv-{name}")
    if result.returncode != 0:
        message = f"cannot set up .venv-{name} from requirements-{name}.lock: {result.stderr.strip()[-500:]}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must build with every successor)")
        pytest.skip(message)


def successor_build(name: str, out: Path, **variables: str) -> Path:
    successor_venv(name)
    target = {"properdocs": "PROPERDOCS_DIR", "zensical": "ZENSICAL_DIR"}[name]
    settings = [f"{key}={value}" for key, value in {target: str(out), **variables}.items()]
    result = make(name, *settings, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def successor_project(project, tmp_path_factory) -> Path:
    """The project the make targets build: this site in place, any other composed with the generator."""
    return project if project == ROOT else copy_project(tmp_path_factory.mktemp("successor") / "project", project)


@pytest.fixture(scope="module", params=SUCCESSORS)
def successor(request, successor_project, tmp_path_factory) -> tuple[str, Path]:
    name = request.param
    work = tmp_path_factory.mktemp(name)
    where = {"PROJECT": str(successor_project)} | ({"ZENSICAL_SRC": str(work / "src")} if name == "zensical" else {})
    return name, successor_build(name, work / "site", **where)


@pytest.fixture(scope="module")
def served(successor):
    name, site = successor
    with pages_server(site, PREFIX) as url:
        yield name, url


def html_page(docs_path: str) -> str:
    """`exercises/heel-lift.md` -> `exercises/heel-lift/index.html`, `routines/index.md` -> `routines/index.html`."""
    stem = docs_path.removesuffix(".md").removesuffix("index")
    return (stem.rstrip("/") + "/" if stem else "") + "index.html"


def test_every_generated_page_and_article_is_built(successor, successor_project):
    name, site = successor
    loaded = Site.load(successor_project)
    paths = loaded.renderer.page_paths() + article_paths(successor_project)
    assert any(p.startswith("browse/") for p in paths) and any(p.startswith("conditions/") for p in paths)
    missing = [p for p in paths if not (site / html_page(p)).is_file()]
    assert not missing, f"{name} did not build {missing}"
    for slug in loaded.catalogue.exercises:
        assert re.search(r'<h2 [^>]*id="progression"', (site / "exercises" / slug / "index.html").read_text()), f"{name}: {slug}"


def test_no_broken_link_under_the_project_prefix(successor):
    name, site = successor
    broken = broken_links(site, list(site.rglob("*.html")))
    assert not broken, f"{name}:\n" + "\n".join(broken[:30])


def test_card_qr_code_and_address_are_the_full_url(successor, project):
    """A scanned card must open the page: the QR code holds the absolute address, as the printed line does."""
    name, site = successor
    for slug in routine_slugs(project):
        html = (site / "routines" / slug / "index.html").read_text()
        address = f"{SITE_URL}routines/{slug}/"
        assert str(qr_svg(address)) in html, f"{name}: the QR code on {slug} does not hold {address}"
        printed = re.search(r'<span class="rx-url">(.*?)</span>', html).group(1).replace("<wbr>", "")
        assert printed == address, f"{name}: {slug} prints {printed}"


def search_successor(page, name: str, words: str):
    """Type into the search box as a reader does; the result links, best first."""
    if name == "zensical":  # Zensical's own search: a button opens a dialog (in a shadow root, which locators enter)
        page.locator(".md-search__button").click()
        page.get_by_role("combobox", name="Search").press_sequentially(words, delay=30)
        results = page.get_by_role("option")
        results.first.wait_for(state="visible", timeout=15000)
        return results
    from test_publish import search

    return search(page, words)


def open_first_result(page, served, words: str, project: Path, slug: str) -> None:
    """Search for `words` from the routines page; the first result must open the page of exercise `slug`."""
    name, url = served
    page.goto(url + "routines/")
    results = search_successor(page, name, words)
    href = results.first.get_attribute("href")
    page.goto(href if "://" in href else url + href.lstrip("./"))
    page.wait_for_load_state()
    assert urlsplit(page.url).path == PREFIX + f"exercises/{slug}/", f"{name}: first result {href}"
    title = read_data(project, f"exercises/{slug}.yml")["name"]
    assert page.title() == f"{title} - {site_name(project)}"


@pytest.mark.browser
def test_search_box_finds_an_exercise_by_name(page, served, project):
    open_first_result(page, served, *SEARCHED[:1], project, SEARCHED[1])


@pytest.mark.browser
def test_the_web_app_installs_and_opens_pages_offline(browser, served, successor, project):
    """ProperDocs runs our hooks; Zensical's build gets the manifest, icons and worker from `exercise_site webapp`."""
    from test_webapp import installed

    name, url = served
    site = successor[1]
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["name"] == site_name(project) and (site / manifest["icons"][-1]["src"]).is_file()
    context, page, errors = installed(browser, url)
    try:
        context.set_offline(True)
        slug = SEARCHED[1]
        page.goto(f"{url}exercises/{slug}/")
        assert read_data(project, f"exercises/{slug}.yml")["name"] in page.locator("h1").first.inner_text()
        page.goto(url + "no/such/page/")
        assert page.locator("h1").first.inner_text().startswith("You are offline")
    finally:
        context.close()
    assert not errors, errors


@pytest.mark.browser
def test_longest_routine_card_prints_on_one_a4_sheet(page, served, project):
    name, url = served
    slug = max(routine_slugs(project), key=lambda s: len(read_data(project, f"exercises/routines/{s}.yml")["exercises"]))
    page.goto(f"{url}routines/{slug}/")
    sheets = pdf_pages(page.pdf(format="A4", print_background=True))
    assert len(sheets) == 2, f"{name}: the {slug} card prints on {len(sheets)} A4 sheets, not the card and its weeks"
    text = sheets[0]
    assert "week by week" not in text and "week by week" in sheets[1], f"{name}: the weeks begin on the card's sheet"
    rule = read_data(project, "exercises/rules.yml")["pain"]["name"]
    assert "Prepared for" in text and rule in text.replace("\n", " ") and f"{SITE_URL}routines/{slug}/" in text.replace("\n", "")


# --- a large catalogue: every search entry stays under Zensical's limit ------------------------


def test_long_tables_are_cut_into_parts_under_the_limit():
    row = "| [Exercise](../x.md) | " + "A summary of about a hundred characters, as the real ones are. " * 2 + "| strength | 1 |"
    small = "# Title\n\n| A | B | C | D |\n| --- | --- | --- | --- |\n" + "\n".join([row] * 10) + "\n\nAfter.\n"
    assert split_long_tables(small) == small
    rows = [f"{row} {n}" for n in range(1000)]
    out = split_long_tables(small.replace("\n".join([row] * 10), "\n".join(rows)))
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings[0] == "# Title" and headings[1].startswith("## Exercises 1 to ") and headings[-1].endswith(" to 1000 of 1000")
    assert out.count("| --- | --- | --- | --- |") == len(headings) - 1, "every part has the table's head"
    assert [line for line in out.splitlines() if line.startswith("| [")] == rows
    assert all(len(section.encode()) < PART_BYTES + 100 for section in out.split("\n## "))
    assert out.rstrip().endswith("After.")


@pytest.mark.slow  # a 1,000-exercise catalogue built by Zensical: about a minute
def test_zensical_builds_a_catalogue_of_1000_exercises(tmp_path):
    """Zensical refuses a search entry over 64 KB; at 1,000 exercises the no-equipment page lists ~700."""
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    from run import synthetic_project

    project = synthetic_project(tmp_path / "project", 1000)
    site = successor_build("zensical", tmp_path / "site", ZENSICAL_PROJECT=str(project), ZENSICAL_SRC=str(tmp_path / "src"))
    assert len(list((site / "exercises").glob("*/index.html"))) == 1000
    index = json.loads((site / "search.json").read_text())
    sizes = {item["location"]: len(item["text"].encode()) for item in index["items"]}
    assert max(sizes.values()) < SEARCH_SECTION_LIMIT, max(sizes.items(), key=lambda item: item[1])
    # The no-equipment list (several hundred) goes on over pages of 100, linked in turn.
    first = site / "browse" / "equipment" / "no-equipment" / "index.html"
    pages = [first, *sorted(first.parent.glob("page/*/index.html"), key=lambda p: int(p.parent.name))]
    assert [len(re.findall(r'rel="next"', p.read_text())) for p in pages] == [2] * (len(pages) - 1) + [0]
    rows = first.read_text().count('<a href="../../../exercises/')
    rows += sum(p.read_text().count('<a href="../../../../../exercises/') for p in pages[1:])
    from exercise_site.catalogue import load_catalogue

    catalogue = load_catalogue(project / "exercises")
    expected = sum(catalogue.needs_no_equipment(e) for e in catalogue.exercises.values())
    assert rows >= expected > 200, f"the no-equipment pages list {rows} exercises, not all {expected}"


def test_pages_command_writes_the_address_of_make_build(tmp_path):
    """`pages` without --site-url takes site_url from mkdocs.yml, so $SITE_URL when set, as MkDocs does."""
    import yaml

    project = copy_project(tmp_path / "project")
    default = yaml.safe_load((project / "mkdocs.yml").read_text().split('SITE_URL, ', 1)[1].split("]", 1)[0])
    first = routine_slugs(project)[0]
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"PYTHONPATH": str(project / "hooks")}
    for site_url, extra in ((default, {}), (SITE_URL, {"SITE_URL": SITE_URL})):
        out = tmp_path / str(len(extra))
        result = subprocess.run([sys.executable, "-m", "exercise_site", "--root", str(project), "pages", str(out)],
                                capture_output=True, text=True, env=env | extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        card = (out / "routines" / f"{first}.md").read_text()
        assert str(qr_svg(f"{site_url}routines/{first}/")) in card


def test_properdocs_runs_the_material_of_the_main_lock():
    """overrides/partials/search.html is checked against the Material of requirements.lock (tests/test_quality.py);
    ProperDocs must render it with that same Material."""
    import re

    def material(lock: str) -> str:
        return re.search(r"^mkdocs-material==(\S+)", (ROOT / lock).read_text(), re.MULTILINE).group(1)

    assert material("requirements-properdocs.lock") == material("requirements.lock")
