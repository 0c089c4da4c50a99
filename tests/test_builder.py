"""The card builder (/builder/) and the open data it reads (/api/): the data against its schema,
then in real Chromium under the project prefix: customise a routine, change a level, add by the
words search knows, reopen the address elsewhere, print on one sheet, read the printed QR code,
damaged addresses, keeping cards on this device, no JavaScript, and the offline copy."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, SITE_URL
from ghpages import node_tool

from exercise_site.api import api_schema
from exercise_site.site import Site
from exercise_site.model import RESERVED_FILES

NINE = "landing-and-weight-shift"  # the longest ready-made routine: nine exercises


# --- the open data ------------------------------------------------------------------------


def conforms(value, schema: dict, root: dict, where: str = "$") -> list[str]:
    """The parts of JSON Schema that api_schema() uses, checked by hand (no jsonschema dependency)."""
    if "$ref" in schema:
        return conforms(value, root["$defs"][schema["$ref"].rsplit("/", 1)[-1]], root, where)
    problems: list[str] = []
    if "oneOf" in schema or "anyOf" in schema:
        options = schema.get("oneOf") or schema.get("anyOf")
        matches = sum(not conforms(value, option, root, where) for option in options)
        return [] if matches >= 1 else [f"{where}: matches none of {len(options)} options"]
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool}
    if kind and (not isinstance(value, types[kind]) or kind == "integer" and isinstance(value, bool)):
        return [f"{where}: {value!r} is not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: {value!r} != {schema['const']!r}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            problems.append(f"{where}: empty")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            problems.append(f"{where}: {value} out of bounds")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            problems.append(f"{where}: {len(value)} items")
        for i, item in enumerate(value):
            problems += conforms(item, schema.get("items", {}), root, f"{where}[{i}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        problems += [f"{where}: {name} missing" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                problems += conforms(item, properties[name], root, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: unexpected {name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                problems += conforms(item, schema["additionalProperties"], root, f"{where}.{name}")
    return problems


@pytest.fixture(scope="module")
def site() -> Site:
    return Site.load(ROOT)


def test_api_exercises_match_their_schema(site):
    files = site.files
    schema = json.loads(files["api/exercises.schema.json"])
    assert schema == api_schema(site.settings.name)
    data = json.loads(files["api/exercises.json"])
    assert not conforms(data, schema, schema)
    slugs = [e["slug"] for e in data["exercises"]]
    assert slugs == list(site.catalogue.exercises)
    clamshell = next(e for e in data["exercises"] if e["slug"] == "clamshell")
    assert clamshell["page"] == "exercises/clamshell/" and "Clams" in clamshell["other_names"]
    assert {"name", "changes", "steps", "dosage", "figure"} <= set(clamshell["levels"][0])
    assert "MIT" in data["licence"]
    for record in data["exercises"]:
        assert json.loads(files[f"api/exercises/{record['slug']}.json"]) == record
        for address in [record["figure"]] + [level["figure"] for level in record["levels"]]:
            svg = files[address]
            assert "currentColor" not in svg and 'class="' not in svg.split(">", 1)[0], "a figure file must draw without page CSS"
    # A wrong record is caught: the check is not a formality.
    broken = json.loads(files["api/exercises.json"])
    broken["exercises"][0]["kind"] = "yoga"
    del broken["exercises"][1]["levels"]
    assert len(conforms(broken, schema, schema)) == 2


def test_builder_data_is_small_and_complete(site):
    files = site.files
    index = json.loads(files["api/index.js"].split(",", 1)[1].rsplit("]);", 1)[0])
    assert [e[0] for e in index["exercises"]] == list(site.catalogue.exercises)
    words = {e[0]: e[2] for e in index["exercises"]}
    assert "Clams" in words["clamshell"] and "Glute bridge" in words["hip-bridge-with-band"]
    assert any("TRX" in w for w in words.values())
    assert set(index["routines"]) == set(site.catalogue.routines)
    assert index["pain_sources"] and all(key in index["sources"] for key in index["pain_sources"])
    routines = json.loads(files["api/routines.json"])["routines"]
    assert {r["slug"]: r["card"] for r in routines} == index["routines"]
    per_exercise = len(json.dumps(index["exercises"])) + len(json.dumps(index["routines"]))
    assert per_exercise < 20 * len(site.catalogue.exercises) * 30  # well under a full record each (the bibliography aside)


def test_cli_writes_the_same_data_files(tmp_path):
    result = subprocess.run([sys.executable, "-m", "exercise_site", "pages", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "builder" / "index.md").is_file()
    assert json.loads((tmp_path / "api" / "exercises.json").read_text())["exercises"]
    assert (tmp_path / "api" / "index.js").is_file() and (tmp_path / "api" / "figures" / "clamshell.svg").is_file()


def test_vendored_qr_library_is_the_pinned_package():
    vendored = (ROOT / "overrides" / "assets" / "vendor" / "qrcode-generator" / "qrcode.js").read_text()
    upstream = node_tool("qrcode-generator/dist/qrcode.js").read_text()
    assert vendored.split("*/\n", 1)[1] == upstream
    pins = json.loads((ROOT / "tests" / "web" / "package.json").read_text())["devDependencies"]
    assert pins["qrcode-generator"] == "2.0.4"
    assert (ROOT / "overrides" / "assets" / "vendor" / "qrcode-generator" / "LICENSE").read_text().startswith("MIT License")


# --- in Chromium --------------------------------------------------------------------------

pytest_browser = pytest.mark.browser


def watch(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def card_rows(page) -> list[tuple[str, str, str, str, str]]:
    """(name, level, dosage, next step, cue) of each row of the card on the page; the next step is "" at the top."""
    page.wait_for_selector(".sh-items tbody tr")
    return [tuple(row) for row in page.locator(".sh-items tbody tr").evaluate_all(
        """rows => rows.map(r => [r.querySelector('a').textContent.trim(),
                                  r.querySelector('.sh-level-name').textContent.trim(),
                                  r.children[2].textContent.trim(),
                                  (r.querySelector('.sh-next-name') || {textContent: ''}).textContent.trim(),
                                  r.children[3].textContent.trim()])""")]


def open_builder(page, url: str, rows: int) -> None:
    page.goto(url)
    page.wait_for_function(f"document.querySelectorAll('.sh-items tbody tr').length === {rows}")


def routine_names(slug: str) -> list[str]:
    data = yaml.safe_load((ROOT / "exercises" / "routines" / f"{slug}.yml").read_text())
    return [yaml.safe_load((ROOT / "exercises" / f"{i['exercise']}.yml").read_text())["name"] for i in data["exercises"]]


@pytest_browser
def test_customise_change_add_and_reopen_elsewhere(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    errors = watch(page)
    page.goto(f"{site_url}routines/hip-stability/")
    fixed = card_rows(page)
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function(f"document.querySelectorAll('.sh-items tbody tr').length === {len(fixed)}")
    assert urlsplit(page.url).path.endswith("/builder/") and "#v1&" in page.url
    # Cues included: a routine's own cue (the clamshell's change for a sore outer hip) comes along.
    assert card_rows(page) == fixed, "the builder's card must say what the ready-made card says"
    assert page.locator('[data-slot="title"]').inner_text() == "Hip stability program for runners"
    assert "building up to 2–3 times a week" in page.locator('[data-slot="often"]').inner_text()

    page.get_by_label("Level for Single-leg squat").select_option(label="Level 2: Supported, leg lifted")
    assert card_rows(page)[-1][:2] == ("Single-leg squat", "Supported, leg lifted")
    added = []
    for words, name in (("clams", "Clamshell"), ("glute bridge", "Hip bridge with band"), ("TRX", None)):
        box = page.get_by_label("Add an exercise")
        box.fill(words)
        box.press("Enter")
        page.wait_for_function(f"document.querySelectorAll('.sh-items tbody tr').length === {len(fixed) + len(added) + 1}")
        last = card_rows(page)[-1][0]
        assert name is None or last == name, f"{words!r} added {last!r}"
        added.append(last)
    trx = yaml.safe_load((ROOT / "exercises" / f"{page.url.rsplit('e=', 1)[1].split(',')[0]}.yml").read_text())
    assert "suspension straps" in json.dumps(trx), "TRX must find an exercise that uses suspension straps"
    page.get_by_label("Prepared for").fill("Sam")
    page.get_by_label("Title").fill("Sam's hips")
    page.get_by_role("button", name="Move Clamshell up").first.click()
    rows = card_rows(page)
    assert rows[1][0] == "Clamshell" or rows[0][0] == "Clamshell"
    address = page.url
    context.close()

    fresh = browser.new_context()
    again = fresh.new_page()
    errors += watch(again)
    open_builder(again, address, len(rows))
    assert card_rows(again) == rows
    assert again.locator('[data-slot="title"]').inner_text() == "Sam's hips"
    assert again.locator('[data-slot="for"]').inner_text() == "Sam"
    assert again.get_by_label("Level for Single-leg squat").first.input_value() in ("1", "2")
    assert again.url == address, "reading and writing the address must give it back unchanged"
    assert again.locator(".sh-b-notice").inner_text() == ""
    fresh.close()
    assert not errors, errors


@pytest_browser
def test_add_to_a_card_from_an_exercise_page(page, site_url):
    page.goto(f"{site_url}exercises/plank/")
    page.get_by_role("link", name="Add to a card").click()
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 1")
    assert card_rows(page)[0][0] == "Plank" and "#v1&" in page.url and "?" not in page.url


@pytest_browser
def test_the_add_box_suggests_every_exercise_once_it_is_used(page, site_url):
    """The suggestions (a <datalist> option per exercise) are made when the box is first used,
    not while the page loads: at a thousand exercises they are most of the page's elements."""
    open_builder(page, f"{site_url}builder/?routine=hip-stability", len(routine_names("hip-stability")))
    names = page.locator("#sh-b-names option")
    assert names.count() == 0
    page.locator("#sh-b-add").focus()
    names = page.eval_on_selector_all("#sh-b-names option", "options => options.map(o => o.value)")
    assert sorted(names) == sorted(yaml.safe_load(p.read_text())["name"] for p in (ROOT / "exercises").glob("*.yml")
                                   if p.name not in RESERVED_FILES)


@pytest_browser
@pytest.mark.parametrize("address", ["#v1&t=Old%20card&e=no-such-exercise,1&e=clamshell,9&e=plank,1,abc&w=99&zz%",
                                     "#v7&%%%", "#v1&e=%E0%A4%A,1&e=plank", "#garbage"])
def test_damaged_address_gives_a_notice_and_keeps_the_rest(page, site_url, address):
    errors = watch(page)
    page.goto(f"{site_url}builder/{address}")
    page.wait_for_function("document.querySelector('.sh-b-notice').textContent.length > 0")
    notice = page.locator(".sh-b-notice").inner_text()
    assert notice.startswith("Part of this card could not be restored")
    if "Old%20card" in address:
        assert [row[:2] for row in card_rows(page)] == [("Clamshell", "Basic"), ("Plank", "Basic")]
        assert "no-such-exercise" in notice and "level “9”" in notice and "“abc”" in notice and "“99”" in notice
        assert page.locator('[data-slot="title"]').inner_text() == "Old card"
    assert page.locator(".sh-b-notice").get_attribute("role") == "status"
    assert not errors, errors


@pytest_browser
def test_text_from_an_address_stays_text(page, site_url):
    """The address is anyone's to write: title, names, note and an unknown slug come out as text."""
    from urllib.parse import quote

    hostile = '</title><img src=x onerror=alert(1)>&"'  # within the 40 characters a name may have
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = watch(page)
    h = quote(hostile)
    open_builder(page, f"{site_url}builder/#v1&t={h}&p={h}&b={h}&w=6&e=clamshell,1,2,10,,,s,{h}&e={h},1", rows=1)
    page.wait_for_timeout(300)
    assert page.locator('[data-slot="title"]').inner_text() == hostile
    assert page.locator('[data-slot="for"]').inner_text() == hostile
    assert hostile in page.locator(".sh-b-notice").inner_text()
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], .md-content script').length") == 0
    assert not dialogs and not errors, (dialogs, errors)


@pytest_browser
def test_keep_on_this_device_is_off_until_ticked(page, site_url):
    page.goto(f"{site_url}builder/?add=clamshell")
    page.wait_for_selector(".sh-items tbody tr")
    keep = page.get_by_label(re.compile("Keep my cards on this device"))
    assert not keep.is_checked()
    assert page.evaluate("() => localStorage.getItem('steady-hips-cards')") is None
    keep.check()
    page.get_by_label("Title").fill("Morning card")
    assert page.locator(".sh-b-kept a").inner_text().startswith("Morning card")
    page.goto(f"{site_url}builder/")
    page.wait_for_selector(".sh-b-kept a")
    page.locator(".sh-b-kept a").first.click()
    page.wait_for_selector(".sh-items tbody tr")
    assert card_rows(page)[0][0] == "Clamshell"
    keep.uncheck()
    assert page.evaluate("() => localStorage.getItem('steady-hips-cards')") is None


@pytest_browser
def test_without_javascript_the_page_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}builder/")
    message = page.locator(".sh-nojs")
    assert message.is_visible() and "needs JavaScript" in message.inner_text()
    assert message.get_by_role("link", name="ready-made routines").get_attribute("href") == "../routines/"
    assert not page.locator(".sh-builder").is_visible()
    context.close()


# --- printing: nine exercises on one sheet, and the printed QR code ------------------------

from test_print import FONTS, PAPER, SLACK, flat, open_in_font, print_pdf  # noqa: E402


def printed_qr_codes(pdf: bytes, dpi: int = 200) -> list[str]:
    """The QR codes on the first page of a PDF, drawn at `dpi` by PDFium and read by zxing-cpp."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[0].render(scale=dpi / 72, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        pixels = bytes(bitmap.buffer)
        rows = b"".join(pixels[row * stride:row * stride + width] for row in range(height))  # without the padding
        found = zxingcpp.read_barcodes(memoryview(rows).cast("B", (height, width)), formats=zxingcpp.BarcodeFormat.QRCode)
        return [code.text for code in found]
    finally:
        document.close()


@pytest.fixture(scope="module")
def nine_card(browser, site_url) -> str:
    """The address of a built card with nine exercises, names filled in and one long note."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}routines/{NINE}/")
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 9")
    page.get_by_label("Prepared for").fill("Alex Example")
    page.get_by_label("By").fill("Coach Jordan")
    page.get_by_label("Date").fill("2026-03-02")
    page.locator('.sh-b-items input[name="note"]').first.fill("slowly, and only as far as is comfortable today")
    address = page.url
    context.close()
    return address


@pytest_browser
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_built_card_of_nine_prints_on_one_sheet_with_its_qr_code(browser, nine_card, font, paper):
    context = browser.new_context()
    tab = context.new_page()
    errors = watch(tab)
    open_in_font(tab, nine_card, font)
    tab.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 9 && document.querySelector('.sh-qr svg')")
    pages, text, pdf = print_pdf(tab, font, format=paper, scale=SLACK)
    assert pages == 1, f"a built card of nine in {font} prints on {pages} {paper} sheets at scale {SLACK}"
    for name in routine_names(NINE):
        assert flat(name) in flat(text)
    for words in ("Prepared for", "Alex Example", "Coach Jordan", "pain rule", "Tracking and pain log", "Distance or time", "Silbernagel",
                  "not a substitute for a clinician"):
        assert words in flat(text), f"{words!r} missing from the printed built card"
    assert "Card details" not in text and "Add an exercise" not in text, "the editor must not print"
    heights = tab.locator(".sh-grid tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert heights
    if (ROOT / "build").is_dir():  # to look at
        (ROOT / "build" / f"built-card-{font.replace(' ', '-')}-{paper}.pdf").write_bytes(pdf)
    decoded = printed_qr_codes(pdf)
    assert decoded == [nine_card], f"the printed QR code reads {decoded}"
    context.close()

    # The address read from paper opens the same card in a browser that has never seen it.
    fresh = browser.new_context()
    again = fresh.new_page()
    errors += watch(again)
    open_builder(again, decoded[0], 9)
    assert [row[0] for row in card_rows(again)] == routine_names(NINE)
    assert again.locator('[data-slot="for"]').inner_text() == "Alex Example"
    fresh.close()
    assert not errors, errors


@pytest_browser
def test_built_card_prints_legibly(page, nine_card):
    page.set_viewport_size({"width": round((PAPER["A4"] - 24) / 25.4 * 96), "height": 1000})
    page.goto(nine_card)
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 9")
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.md-content *')]
                 .filter(e => e.offsetParent && !e.closest('svg')
                              && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 12, f"text of {smallest}px (< 9 pt) on the printed built card"
    heights = page.locator(".sh-log-weeks tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(heights) == 6 and min(heights) >= 6 * 96 / 25.4 - 0.01
    runs = page.locator(".sh-runs tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(runs) == 4 and min(runs) >= 6 * 96 / 25.4 - 0.01
    assert page.locator(".sh-two-sheets").is_hidden()


@pytest_browser
def test_a_card_of_ten_says_it_takes_two_sheets(page, nine_card):
    page.goto(nine_card + "&e=plank")
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 10")
    assert "two sheets" in page.locator(".sh-two-sheets").inner_text()


# --- the offline copy ---------------------------------------------------------------------


@pytest_browser
def test_builder_works_in_the_offline_copy(browser, offline_zip):
    folder = offline_zip.parent / "unzipped" / "steady-hips"
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors = watch(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((folder / "routines" / "cool-down.html").as_uri())
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 3")
    assert page.url.startswith("file://") and "/steady-hips/builder/index.html#v1&" in page.url
    box = page.get_by_label("Add an exercise")
    box.fill("clams")
    box.press("Enter")
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 4")
    href = page.locator(".sh-items tbody tr a").last.get_attribute("href")
    assert href == "../exercises/clamshell.html"
    assert page.locator(".sh-qr svg").count() == 1
    assert page.locator(".sh-qr svg").get_attribute("aria-label")
    context.close()
    assert not errors, errors
    outside = sorted({u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))})
    assert not outside, outside


# --- accessibility with a card on it (tests/test_quality.py runs axe on the empty page) -----


@pytest_browser
@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 390)])
def test_builder_with_a_card_has_no_serious_axe_violation(browser, nine_card, scheme, width):
    from test_quality import WCAG_TAGS

    axe = node_tool("axe-core/axe.min.js")
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(nine_card + "&e=no-such-exercise")  # the notice is shown too
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 9 && document.querySelector('.sh-qr svg')")
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
             .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""",
        WCAG_TAGS,
    )
    context.close()
    assert not violations, violations


@pytest_browser
def test_builder_controls_have_names_for_keyboard_and_screen_reader(page, nine_card):
    page.goto(nine_card)
    page.wait_for_function("document.querySelectorAll('.sh-items tbody tr').length === 9")
    for name in ("Move Toe raise up", "Move Toe raise down", "Remove Toe raise"):
        assert page.get_by_role("button", name=name, exact=True).count() == 1, name
    assert page.get_by_role("combobox", name="Level for Knee bend").count() == 1
    page.get_by_role("button", name="Move Toe raise up", exact=True).focus()
    page.keyboard.press("Enter")
    assert card_rows(page)[0][0] == "Toe raise"
    assert page.evaluate("() => document.activeElement.textContent.replace(/\\s+/g, ' ').trim()") == "Move Toe raise up"
    assert "moved to number 1" in page.locator(".sh-b-notice").inner_text()
