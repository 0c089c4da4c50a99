"""On the phone, offline, installable (issue 23): the web app manifest and its icons, the service
worker at the site's root, every kind of page with the network off, the offline page, and an
update from one build to the next. On the fixture project, served as GitHub Pages serves it
under a project prefix."""
from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import (PREFIX, SITE_URL, copy_project, edit, exercise_slugs, installed, mkdocs_build, offline_folder,
                      read_data, routine_slugs, site_name)
from ghpages import pages_server
from test_hostile_text import INJECTED, hostile_site  # noqa: F401 (a fixture)
from exercise_site.icons import IconError, png_icon
from exercise_site.model import slugify
from exercise_site.settings import Settings
from exercise_site.webapp import manifest, precache_list, primary_colours

browser_test = pytest.mark.browser

CACHES = "() => caches.keys()"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def png_pixels(data: bytes) -> list[bytes]:
    """The rows of an 8-bit RGB PNG without filters (as icons.py writes them)."""
    width, height = png_size(data)
    raw = zlib.decompress(data[data.index(b"IDAT") + 4:data.index(b"IEND") - 8])
    stride = width * 3 + 1
    return [raw[y * stride + 1:(y + 1) * stride] for y in range(height)]


# --- the manifest and its icons ---------------------------------------------------------------


def test_colours_come_from_the_theme_palette():
    sheet = ("[data-md-color-primary=teal]{--md-primary-bg-color:#fff;--md-primary-bg-color--light:#ffffffb3}"
             "[data-md-color-primary=teal]{--md-primary-fg-color:#009485;--md-primary-fg-color--light:#26a699}"
             "[data-md-color-primary=yellow]{--md-primary-fg-color:#ffec3d}"
             "[data-md-color-primary=yellow]{--md-primary-bg-color:#000000de}")
    assert primary_colours(sheet, "teal") == ("#009485", "#ffffff")
    assert primary_colours(sheet, "yellow") == ("#ffec3d", "#000000")
    assert primary_colours(sheet, "custom") is None


def test_manifest_takes_the_short_name_when_set():
    long_name = Settings(name="A Very Long Site Name For A Phone", description="What it is.")
    assert json.loads(manifest(long_name, "#123456"))["short_name"] == long_name.name
    short = Settings(name=long_name.name, short_name="Short")
    data = json.loads(manifest(short, "#123456"))
    assert data["short_name"] == "Short" and data["name"] == long_name.name and data["theme_color"] == "#123456"


def test_icons_draw_arcs_curves_and_holes():
    # A ring (a hole by winding the other way) with arcs whose flags are written together, and a curve.
    ring = '<svg viewBox="0 0 24 24"><path d="M12 2a10 10 0 110 20 10 10 0 110-20zm0 4a6 6 0 100 12 6 6 0 100-12z"/></svg>'
    rows = png_pixels(png_icon(ring, 96, "#000000", "#ffffff"))
    centre, on_ring = rows[48][48 * 3:48 * 3 + 3], rows[48][(48 + 20) * 3:(48 + 20) * 3 + 3]
    assert centre == b"\x00\x00\x00" and on_ring == b"\xff\xff\xff"
    curve = '<svg width="10" height="10"><path d="M0 0C10 0 10 10 0 10Z"/></svg>'
    assert png_size(png_icon(curve, 48, "#000000", "#ffffff")) == (48, 48)
    with pytest.raises(IconError, match="viewBox"):
        png_icon('<svg><path d="M0 0L1 1"/></svg>', 48, "#000000", "#ffffff")
    with pytest.raises(IconError, match="expected a multiple of 7"):
        png_icon('<svg viewBox="0 0 24 24"><path d="M0 0a1 1 0 0 1"/></svg>', 48, "#000000", "#ffffff")


def test_the_offline_copy_has_no_worker_and_no_manifest(offline_zip):
    """Browsers run no service worker from file://: the copy neither has one nor links a manifest."""
    folder = offline_folder(offline_zip)
    assert not (folder / "sw.js").exists() and not (folder / "manifest.webmanifest").exists()
    assert 'rel="manifest"' not in (folder / "index.html").read_text()



@browser_test
def test_manifest_names_colours_start_and_icons(page, site_url, project):
    page.goto(site_url)
    href = page.evaluate("() => document.querySelector('link[rel=manifest]').href")
    assert href == site_url + "manifest.webmanifest"
    manifest = json.loads(page.request.get(href).text())
    name = site_name(project)
    assert manifest["name"] == name and manifest["short_name"] == name
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    # The header's colour, as the theme draws it.
    header = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    red, green, blue = (int(manifest["theme_color"][i:i + 2], 16) for i in (1, 3, 5))
    assert header == f"rgb({red}, {green}, {blue})"
    assert page.evaluate("() => document.querySelector('meta[name=theme-color]').content") == manifest["theme_color"]
    sizes = set()
    for icon in manifest["icons"]:
        response = page.request.get(site_url + icon["src"])
        assert response.ok and icon["type"] == "image/png"
        width, height = png_size(response.body())
        assert icon["sizes"] == f"{width}x{height}" and width == height
        sizes.add(width)
        rows = png_pixels(response.body())
        assert rows[0][:3] == bytes((red, green, blue))  # the corner is the background
        middle = rows[height // 2]
        assert len({middle[i:i + 3] for i in range(0, len(middle), 3)}) > 2, "no logo drawn on the icon"
    assert {192, 512} <= sizes
    touch = page.evaluate("() => document.querySelector('link[rel=apple-touch-icon]').href")
    assert png_size(page.request.get(touch).body()) == (192, 192)


def test_worker_precaches_pages_assets_and_data_but_no_source_maps(built_site: Path, project):
    listing = precache_list(built_site)
    assert "" in listing and "offline/" in listing and "builder/" in listing and "search/search_index.json" in listing
    assert all(f"exercises/{slug}/" in listing and f"api/exercises/{slug}.js" in listing for slug in exercise_slugs(project))
    assert all(f"routines/{slug}/" in listing for slug in routine_slugs(project))
    assert not [path for path in listing if path.startswith("api/") and path.endswith(".json")], "the open data is for programs, not pages"
    assert {p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*.js")
            if "/lunr/" not in p.as_posix()} <= set(listing)
    assert not [path for path in listing if path.endswith(".map") or path.startswith("sitemap") or path == "sw.js"]
    worker = (built_site / "sw.js").read_text()
    assert json.dumps(listing, separators=(",", ":")) in worker


# --- offline ------------------------------------------------------------------------------------


@browser_test
def test_every_kind_of_page_opens_offline_after_the_first_visit(browser, site_url, project):
    exercise = exercise_slugs(project)[0]
    routine = routine_slugs(project)[0]
    condition = sorted(p.stem for p in (project / "exercises" / "conditions").glob("*.yml"))[0]
    plan = sorted(p.stem for p in (project / "exercises" / "plans").glob("*.yml"))[0]
    context, page, errors = installed(browser, site_url)
    failed: list[str] = []
    # A request cut short by the next navigation is aborted, not missing: a file the worker lacks fails otherwise.
    page.on("requestfailed", lambda request: None if "ERR_ABORTED" in (request.failure or "")
            else failed.append(f"{request.url} ({request.failure})"))
    # Only what the worker saved at install: files kept since on the way (with a query) are forgotten,
    # and so is the browser's HTTP cache (Pages lets it keep files for minutes, not days).
    page.evaluate("""() => caches.keys().then(names => Promise.all(names.map(name => caches.open(name).then(cache =>
        cache.keys().then(keys => Promise.all(keys.filter(k => k.url.includes('?')).map(k => cache.delete(k))))))))""")
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    try:
        context.set_offline(True)
        pages = {
            "": site_name(project),
            f"exercises/{exercise}/": read_data(project, f"exercises/{exercise}.yml")["name"],
            f"routines/{routine}/": read_data(project, f"exercises/routines/{routine}.yml")["name"],
            f"conditions/{condition}/": read_data(project, f"exercises/conditions/{condition}.yml")["name"],
            f"{plan}/": read_data(project, f"exercises/plans/{plan}.yml")["name"],
            "builder/": "Build your own card",
        }
        for address, heading in pages.items():
            page.goto(site_url + address)
            assert heading in page.locator("h1").first.inner_text(), address
            # Styles came from the saved copy too.
            assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky", address
        # A built card from its address (the part after # is the card).
        page.goto(f"{site_url}builder/#v1&t={quote('Offline card')}&e={exercise},1")
        page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 1")
        assert page.locator('[data-slot="title"]').inner_text() == "Offline card"
        # Search, from the saved index.
        page.goto(site_url)
        name = pages[f"exercises/{exercise}/"]
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially(name, delay=30)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(state="visible", timeout=15000)
        assert name in results.first.inner_text()
        results.first.click()
        page.wait_for_load_state()
        assert name in page.locator("h1").first.inner_text()
        # A page that was never saved: the offline page, styled and searchable, at the address asked for.
        page.goto(site_url + "no/such/page/")
        assert page.locator("h1").first.inner_text().startswith("You are offline")
        assert page.url == site_url + "no/such/page/"
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially(name, delay=30)
        page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=15000)
        page.keyboard.press("Escape")
        page.locator(".md-content").get_by_role("link", name="All exercises").click()
        page.wait_for_load_state()
        assert page.url == site_url + "exercises/"
    finally:
        context.close()
    assert not errors, errors
    assert not failed, f"not saved for offline use: {failed}"


@browser_test
def test_registration_waits_for_the_load_event(browser, site_url):
    """The first visit is not slowed: the worker's script is asked for only once the page has loaded."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_function("() => navigator.serviceWorker.getRegistration().then(r => Boolean(r))", polling=200)
    assert page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.scope)") == site_url
    timing = page.evaluate("""() => ({
        loaded: performance.getEntriesByType('navigation')[0].loadEventStart,
        script: performance.getEntriesByType('resource').filter(e => e.name.endsWith('/assets/app-worker.js'))[0].startTime,
    })""")
    context.close()
    assert timing["script"] >= timing["loaded"] > 0, timing


# --- an update ------------------------------------------------------------------------------------


@browser_test
def test_a_new_build_replaces_the_cache_and_keeps_what_the_reader_saved(browser, tmp_path, project):
    copy = copy_project(tmp_path / "project", project)
    site = tmp_path / "site"
    assert mkdocs_build(copy, site, env={"SITE_URL": SITE_URL}).returncode == 0
    key = f"{slugify(site_name(project))}-cards"
    with pages_server(site, PREFIX) as url:
        context, page, errors = installed(browser, url)
        try:
            first = page.evaluate(CACHES)
            assert len(first) == 1 and url in first[0]
            page.evaluate(f"() => localStorage.setItem({json.dumps(key)}, 'a card the reader kept')")
            home = copy / "content" / "index.md"
            edit(home, "# Fixture Exercises", "# Fixture Exercises\n\nA sentence added in the second build.")
            result = mkdocs_build(copy, site, env={"SITE_URL": SITE_URL})
            assert result.returncode == 0, result.stderr
            # The browser looks for a new sw.js on a navigation, once its HTTP cache has let it go (minutes on Pages).
            context.new_cdp_session(page).send("Network.clearBrowserCache")
            page.reload()
            page.wait_for_function(f"() => caches.keys().then(k => k.length === 1 && k[0] !== {json.dumps(first[0])})",
                                   polling=200, timeout=30000)
            page.locator(".rx-updated").wait_for(state="visible")  # the open page says so
            context.set_offline(True)
            page.reload()
            assert "A sentence added in the second build." in page.locator(".md-content").inner_text()
            assert page.evaluate(f"() => localStorage.getItem({json.dumps(key)})") == "a card the reader kept"
        finally:
            context.close()
    assert not errors, errors


@browser_test
def test_hostile_text_stays_text_offline(browser, hostile_site):  # noqa: F811
    site, url, pages = hostile_site
    context, page, errors = installed(browser, url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        context.set_offline(True)
        for address in [*pages, "offline/", "no/such/page/"]:
            page.goto(url + address)
            assert page.evaluate(INJECTED) == {"elements": [], "scripts": []}, address
    finally:
        context.close()
    assert not dialogs and not errors, (dialogs, errors)
