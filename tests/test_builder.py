"""The card builder (/builder/) and the open data it reads (/api/): the data against its schema,
then in real Chromium under the project prefix: customise a routine, change a level, add by the
words search knows, reopen the address elsewhere, print on one sheet, read the printed QR code,
damaged addresses, keeping cards on this device, no JavaScript, and the offline copy. On the fixture
project: its lower leg strength routine, heel lift, step drop, wall lean and curl-up."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, copy_project, exercise_slugs, offline_folder, read_data
from ghpages import node_tool

from exercise_site.model import slugify
from exercise_site.settings import read_settings
from exercise_site.site import Site

ROUTINE = "lower-leg-strength"  # the longest ready-made routine: six exercises
MORE = ["ankle-circle", "wall-lean"]  # added to it, with an exercise of one's own (OWN), to make a card of nine
OWN = "Chair stand"


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
def project_root(tmp_path_factory) -> Path:
    """A copy of the fixture project, composed with the generator (the core reads its templates there)."""
    return copy_project(tmp_path_factory.mktemp("builder") / "project")


@pytest.fixture(scope="module")
def site(project_root) -> Site:
    return Site.load(project_root)


def test_api_exercises_match_their_schema(site, project_root):
    files = site.files
    schema = json.loads(files["api/exercises.schema.json"])
    # The schema holds the data to what the model says, not to what the data happens to be: every
    # record and level must give the model's required fields and may give no field it does not know.
    records = schema["$defs"]["Exercise"], schema["$defs"]["Level"]
    assert all(record.get("additionalProperties") is False for record in records), "a record may hold fields the schema does not describe"
    assert {"slug", "name", "levels", "page"} <= set(records[0]["required"]) and {"name", "steps", "figure"} <= set(records[1]["required"])
    data = json.loads(files["api/exercises.json"])
    assert not conforms(data, schema, schema)
    slugs = [e["slug"] for e in data["exercises"]]
    assert slugs == list(site.catalogue.exercises)
    lift = next(e for e in data["exercises"] if e["slug"] == "heel-lift")
    assert lift["page"] == "exercises/heel-lift/" and "Heel raise" in lift["other_names"]
    assert {"name", "changes", "steps", "dosage", "figure"} <= set(lift["levels"][0])
    assert read_settings(project_root).licence in data["licence"]
    for record in data["exercises"]:
        assert json.loads(files[f"api/exercises/{record['slug']}.json"]) == record
        for address in [record["figure"]] + [level["figure"] for level in record["levels"]]:
            svg = files[address]
            assert "currentColor" not in svg and 'class="' not in svg.split(">", 1)[0], "a figure file must draw without page CSS"
    # A wrong record is caught: the check is not a formality.
    broken = json.loads(files["api/exercises.json"])
    broken["exercises"][0]["kind"] = 7
    del broken["exercises"][1]["levels"]
    broken["exercises"][2]["colour"] = "red"
    broken["exercises"][3]["levels"][0]["colour"] = "red"
    assert len(conforms(broken, schema, schema)) == 4


def test_builder_data_is_small_and_complete(site):
    files = site.files
    index = json.loads(files["api/index.js"].split(",", 1)[1].rsplit("]);", 1)[0])
    assert [e[0] for e in index["exercises"]] == list(site.catalogue.exercises)
    words = {e[0]: e[2] for e in index["exercises"]}
    assert "Heel raise" in words["heel-lift"] and "Calf lean" in words["wall-lean"]
    assert any("stool" in w for w in words.values()), "the vocabulary's other words for equipment are searched"
    assert set(index["routines"]) == set(site.catalogue.routines)
    assert index["pain_sources"] and all(key in index["sources"] for key in index["pain_sources"])
    routines = json.loads(files["api/routines.json"])["routines"]
    assert {r["slug"]: r["card"] for r in routines} == index["routines"]
    per_exercise = len(json.dumps(index["exercises"])) + len(json.dumps(index["routines"]))
    assert per_exercise < 20 * len(site.catalogue.exercises) * 30  # well under a full record each (the bibliography aside)


def test_cli_writes_the_same_data_files(project_root, site, tmp_path):
    result = subprocess.run([sys.executable, "-m", "exercise_site", "pages", str(tmp_path)],
                            capture_output=True, text=True, cwd=project_root, env={**os.environ, "PYTHONPATH": str(project_root / "hooks")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "builder" / "index.md").is_file()
    for path in ("api/exercises.json", "api/index.js", "api/figures/heel-lift.svg"):
        assert (tmp_path / path).read_text() == site.files[path], path


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
    page.wait_for_selector(".rx-items tbody tr")
    return [tuple(row) for row in page.locator(".rx-items tbody tr").evaluate_all(
        """rows => rows.map(r => [r.querySelector('a').textContent.trim(),
                                  r.querySelector('.rx-level-name').textContent.trim(),
                                  r.children[2].textContent.trim(),
                                  (r.querySelector('.rx-next-name') || {textContent: ''}).textContent.trim(),
                                  r.children[3].textContent.trim()])""")]


def written(page) -> None:
    """Waits until the page's address is the card's (builder.js writes it a moment after a change)."""
    page.wait_for_function("document.querySelector('.rx-builder').dataset.address === 'written'")


# A card's address: the compact v2, or v1 where that is the shorter code (builder/address.js).
CARD_ADDRESS = re.compile(r"#(?:V2[0-9A-Z$*+\-./:]+$|v1&)")


def open_builder(page, url: str, rows: int) -> None:
    page.goto(url)
    page.wait_for_function(f"document.querySelectorAll('.rx-items tbody tr').length === {rows}")
    written(page)


def last_slug(page) -> str:
    """The slug of the last exercise on the card, from its link."""
    return page.locator(".rx-items tbody tr a").last.get_attribute("href").rstrip("/").rsplit("/", 1)[1].removesuffix(".html")


def exercise_name(project, slug: str) -> str:
    return read_data(project, f"exercises/{slug}.yml")["name"]


def routine_names(project, slug: str) -> list[str]:
    return [exercise_name(project, item["exercise"]) for item in read_data(project, f"exercises/routines/{slug}.yml")["exercises"]]


def nine_names(project) -> list[str]:
    return routine_names(project, ROUTINE) + [exercise_name(project, slug) for slug in MORE] + [OWN]


def add_own(page, name: str) -> None:
    """Adds an exercise of one's own by the builder's form."""
    own = page.locator(".rx-b-own")
    if own.get_attribute("open") is None:
        own.locator("summary").click()
    own.get_by_label("Name", exact=True).fill(name)
    own.get_by_label("Steps", exact=True).fill("Stand up from the chair and sit down slowly.")
    own.get_by_role("button", name="Add your exercise").click()


def storage_key(project) -> str:
    """Where the builder keeps cards in the browser: named after the site (contract 2 of issue 21)."""
    return f"{slugify(read_settings(project).name)}-cards"


@pytest_browser
def test_customise_change_add_and_reopen_elsewhere(browser, site_url, project):
    context = browser.new_context()
    page = context.new_page()
    errors = watch(page)
    page.goto(f"{site_url}routines/{ROUTINE}/")
    fixed = card_rows(page)
    needs = page.locator(".rx-facts li", has_text="You need:").inner_text().split(":", 1)[1].strip()
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function(f"document.querySelectorAll('.rx-items tbody tr').length === {len(fixed)}")
    written(page)
    assert urlsplit(page.url).path.endswith("/builder/") and CARD_ADDRESS.search(page.url)
    # Cues included: a routine's own cue (the heel lift's, for its one-foot level) comes along.
    assert card_rows(page) == fixed, "the builder's card must say what the ready-made card says"
    assert page.locator('[data-slot="title"]').inner_text() == read_data(project, f"exercises/routines/{ROUTINE}.yml")["name"]
    assert "2–3 times a week, building up to 3" in page.locator('[data-slot="often"]').inner_text()
    assert page.locator('[data-slot="needs"]').inner_text() == needs, "the builder must list what the routine page lists"

    page.get_by_label("Level for Step drop").select_option(label="Level 2: Weighted")
    assert next(row for row in card_rows(page) if row[0] == "Step drop")[:2] == ("Step drop", "Weighted")
    added = []
    for words, name in (("calf lean", "Wall lean"), ("ankle circle", "Ankle circle")):
        box = page.get_by_label("Add an exercise")
        box.fill(words)
        box.press("Enter")
        page.wait_for_function(f"document.querySelectorAll('.rx-items tbody tr').length === {len(fixed) + len(added) + 1}")
        last = card_rows(page)[-1][0]
        assert last == name, f"{words!r} added {last!r}"
        added.append(last)
    box.fill("stool")
    listed = page.locator("#rx-b-options [role=option] .rx-b-option-name").all_inner_texts()
    slugs = {read_data(project, f"exercises/{slug}.yml")["name"]: slug for slug in exercise_slugs(project)}
    assert listed and all("chair" in json.dumps(read_data(project, f"exercises/{slugs[n]}.yml")) for n in listed), \
        "stool (another word for a chair) must find the exercises that use a chair"
    box.fill("")
    page.get_by_label("Prepared for").fill("Sam")
    page.get_by_label("Title").fill("Sam's calves")
    page.get_by_role("button", name="Move Wall lean up").first.click()
    rows = card_rows(page)
    assert [row[0] for row in rows].index("Wall lean") == len(fixed) - 1, "one place up"
    written(page)
    address = page.url
    context.close()

    fresh = browser.new_context()
    again = fresh.new_page()
    errors += watch(again)
    open_builder(again, address, len(rows))
    assert card_rows(again) == rows
    assert again.locator('[data-slot="title"]').inner_text() == "Sam's calves"
    assert again.locator('[data-slot="for"]').inner_text() == "Sam"
    assert again.get_by_label("Level for Step drop").first.input_value() in ("1", "2")
    assert again.url == address, "reading and writing the address must give it back unchanged"
    assert again.locator(".rx-b-notice").inner_text() == ""
    fresh.close()
    assert not errors, errors


def weeks_table(page) -> list[list[str]]:
    """The cells of the card's weeks (its second side), heading row first, as the page shows them."""
    return page.locator(".rx-weeks tr").evaluate_all("rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))")


def weeks_row(page, name: str) -> dict[str, str]:
    """The parts of one exercise's row of the weeks."""
    row = page.locator(".rx-weeks tbody tr", has=page.locator(".rx-w-name", has_text=name))
    return {part: row.locator(f".rx-w-{part}").inner_text().strip() for part in ("start", "then", "top")}


@pytest_browser
def test_the_builders_weeks_say_what_the_routine_page_says_and_follow_the_card(page, site_url, project):
    errors = watch(page)
    page.goto(f"{site_url}routines/{ROUTINE}/")
    fixed = weeks_table(page)
    routine = read_data(project, f"exercises/routines/{ROUTINE}.yml")
    weeks = routine["frequency"]["weeks"]
    assert fixed[0] == ["#", "Exercise: start, then", "Move up at", *(f"Week {n}" for n in range(1, weeks + 1))]
    assert page.locator(".rx-weeks .rx-w-name").all_inner_texts() == routine_names(project, ROUTINE)
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function(f"document.querySelectorAll('.rx-weeks tbody tr').length === {len(fixed) - 1}")
    # Drawn in the browser from the card, by the same words and rules: the same table, cell for cell.
    assert weeks_table(page) == fixed
    assert page.locator(".rx-weeks h2").inner_text().removesuffix("¶") == f"{routine['name']}: week by week"
    assert page.locator(".rx-weeks").is_visible()

    page.get_by_label("Weeks to track").fill("4")
    page.wait_for_function("document.querySelectorAll('.rx-weeks thead th').length === 3 + 4")
    table = weeks_table(page)
    assert table[0][3:] == ["Week 1", "Week 2", "Week 3", "Week 4"] and all(len(row) == 7 for row in table)
    assert all(row[3:] == ["", "", "", ""] for row in table[1:]), "a box a week, nothing else"
    assert "Weeks 1 to 4," in page.locator(".rx-weeks-how").inner_text()

    # The routine prescribes its own dosage, which a level change keeps (issue 27); the next step is
    # the next level at its own.
    page.get_by_label("Level for Step drop").select_option(label="Level 2: Weighted")
    assert weeks_row(page, "Step drop") == {
        "start": "Start: 2. Weighted, 2 sets of 10 reps on each side",
        "then": "Then: Slow lowering, 3 sets of 6–8 reps on each side; three seconds down, one up",
        "top": "2 sets of 10 reps on each side",  # the top of the dosage
    }
    page.locator(".rx-b-items li", has_text="Step drop").locator('input[name="reps"]').fill("9-14")
    page.wait_for_function("[...document.querySelectorAll('.rx-weeks .rx-w-top')].some(t => t.textContent.startsWith('2 sets of 14 reps'))")
    assert weeks_row(page, "Step drop")["start"].startswith("Start: 2. Weighted, 2 sets of 9–14 reps")
    page.get_by_label("Level for Step drop").select_option(label="Level 3: Slow lowering")
    assert weeks_row(page, "Step drop")["then"] == "Then: the top of the ladder; stay at this level"
    assert weeks_row(page, "Heel lift")["then"] == "Then: the next exercise, Step drop, from its first level"

    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Print the weeks on their own").click()
    assert page.evaluate("() => window.__printed") == 1
    alone = pdf_pages(page.pdf(format="A4"))
    assert len(alone) == 1 and alone[0].split("\n", 1)[0].strip() == f"{routine['name']}: week by week", alone[0][:80]
    assert "Prepared for" not in alone[0] and "Card details" not in alone[0]
    assert not errors, errors


@pytest_browser
def test_add_to_a_card_from_an_exercise_page(page, site_url):
    page.goto(f"{site_url}exercises/curl-up/")
    page.get_by_role("link", name="Add to a card").click()
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 1")
    written(page)
    assert card_rows(page)[0][0] == "Curl-up" and CARD_ADDRESS.search(page.url) and "?" not in page.url


@pytest_browser
def test_the_add_box_lists_every_exercise_by_its_name(page, site_url, project):
    """The add box's list (a listbox of options) is made as the reader types, not while the page
    loads: at a thousand exercises it would be most of the page's elements. Each name lists its exercise first."""
    open_builder(page, f"{site_url}builder/?routine={ROUTINE}", len(routine_names(project, ROUTINE)))
    options = page.locator("#rx-b-options [role=option]")
    assert options.count() == 0
    box = page.get_by_role("combobox", name="Add an exercise")
    for slug in exercise_slugs(project):
        box.fill(exercise_name(project, slug))
        assert options.first.locator(".rx-b-option-name").inner_text() == exercise_name(project, slug)


@pytest_browser
@pytest.mark.parametrize("address", ["#v1&t=Old%20card&e=no-such-exercise,1&e=heel-lift,9&e=curl-up,1,abc&w=99&zz%",
                                     "#v7&%%%", "#v1&e=%E0%A4%A,1&e=curl-up", "#garbage", "#V2ABC", "#V2&&"])
def test_damaged_address_gives_a_notice_and_keeps_the_rest(page, site_url, address):
    errors = watch(page)
    page.goto(f"{site_url}builder/{address}")
    page.wait_for_function("document.querySelector('.rx-b-notice').textContent.length > 0")
    notice = page.locator(".rx-b-notice").inner_text()
    assert notice.startswith("Part of this card could not be restored")
    if "Old%20card" in address:
        assert [row[:2] for row in card_rows(page)] == [("Heel lift", "Two feet"), ("Curl-up", "Hands by your sides")]
        assert "no-such-exercise" in notice and "level “9”" in notice and "“abc”" in notice and "“99”" in notice
        assert page.locator('[data-slot="title"]').inner_text() == "Old card"
    assert page.locator(".rx-b-notice").get_attribute("role") == "status"
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
    open_builder(page, f"{site_url}builder/#v1&t={h}&p={h}&b={h}&w=6&e=heel-lift,1,2,10,,,s,{h}&e={h},1", rows=1)
    page.wait_for_function("document.querySelector('.rx-b-notice').textContent.length > 0")  # the unknown slug's notice
    assert page.locator('[data-slot="title"]').inner_text() == hostile
    assert page.locator('[data-slot="for"]').inner_text() == hostile
    assert hostile in page.locator(".rx-b-notice").inner_text()
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], .md-content script').length") == 0
    assert not dialogs and not errors, (dialogs, errors)


@pytest_browser
def test_keep_on_this_device_is_off_until_ticked(page, site_url, project):
    key = storage_key(project)
    page.goto(f"{site_url}builder/?add=heel-lift")
    page.wait_for_selector(".rx-items tbody tr")
    keep = page.get_by_label(re.compile("Keep my cards on this device"))
    assert not keep.is_checked()
    assert page.evaluate("key => localStorage.getItem(key)", key) is None
    keep.check()
    page.get_by_label("Title").fill("Morning card")
    written(page)
    assert page.locator(".rx-b-kept a").inner_text().startswith("Morning card")
    assert "Morning card" in (page.evaluate("key => localStorage.getItem(key)", key) or ""), f"no card kept under {key}"
    page.goto(f"{site_url}builder/")
    page.wait_for_selector(".rx-b-kept a")
    page.locator(".rx-b-kept a").first.click()
    page.wait_for_selector(".rx-items tbody tr")
    assert card_rows(page)[0][0] == "Heel lift"
    keep.uncheck()
    assert page.evaluate("key => localStorage.getItem(key)", key) is None


@pytest_browser
def test_without_javascript_the_page_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}builder/")
    message = page.locator(".rx-nojs")
    assert message.is_visible() and "needs JavaScript" in message.inner_text()
    assert "ready-made routines" in message.inner_text()
    assert not page.locator(".rx-builder").is_visible()
    context.close()


# --- printing: nine exercises on one sheet, and the printed QR code ------------------------

from conftest import pdf_pages  # noqa: E402
from test_print import FONTS, PAPER, SLACK, check_weeks_side, flat, open_in_font, print_pdf  # noqa: E402


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
def nine_card(browser, site_url, project) -> str:
    """The address of a built card with nine exercises (the longest routine and three more), six weeks
    to track, names filled in and one long note."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}routines/{ROUTINE}/")
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 6")
    box = page.get_by_role("combobox", name="Add an exercise")
    for slug in MORE:
        box.fill(exercise_name(project, slug))
        box.press("Enter")
    add_own(page, OWN)
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 9")
    page.get_by_label("Prepared for").fill("Alex Example")
    page.get_by_label("By", exact=True).fill("Coach Jordan")
    page.get_by_label("Date").fill("2026-03-02")
    page.get_by_label("Weeks to track").fill("6")
    page.locator('.rx-b-items [name="note"]').first.fill("slowly, and only as far as is comfortable today")
    written(page)
    address = page.url
    context.close()
    return address


@pytest_browser
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_built_card_of_nine_prints_on_one_sheet_with_its_qr_code_and_its_weeks_on_the_next(browser, nine_card, project, font, paper):
    context = browser.new_context()
    tab = context.new_page()
    errors = watch(tab)
    open_in_font(tab, nine_card, font)
    tab.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 9 && document.querySelector('.rx-qr svg')")
    pages, _, pdf = print_pdf(tab, font, format=paper, scale=SLACK)
    where = f"a built card of nine in {font} on {paper} at scale {SLACK}"
    assert pages == 2, f"{where} prints on {pages} sheets, not the card and its weeks"
    text, weeks = pdf_pages(pdf)
    check_weeks_side(weeks, read_data(project, f"exercises/routines/{ROUTINE}.yml")["name"], nine_names(project), 6, where)
    assert "week by week" not in text, f"the weeks begin on the card's own sheet ({where})"
    for name in nine_names(project):
        assert flat(name) in flat(text)
    rule = read_data(project, "exercises/rules.yml")["pain"]
    source = read_data(project, "exercises/sources.yml")[rule["sources"][0]]
    for words in ("Prepared for", "Alex Example", "Coach Jordan", rule["name"], "Tracking and pain log", "Distance or time",
                  source.get("author") or source["publisher"], "not a substitute for a clinician"):
        assert words in flat(text), f"{words!r} missing from the printed built card"
    assert "Card details" not in text and "Add an exercise" not in text, "the editor must not print"
    heights = tab.locator(".rx-grid tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
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
    assert [row[0] for row in card_rows(again)] == nine_names(project)
    assert again.locator('[data-slot="for"]').inner_text() == "Alex Example"
    fresh.close()
    assert not errors, errors


@pytest_browser
def test_built_card_prints_legibly(page, nine_card):
    page.set_viewport_size({"width": round((PAPER["A4"] - 24) / 25.4 * 96), "height": 1000})
    page.goto(nine_card)
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 9")
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.md-content *')]
                 .filter(e => e.offsetParent && !e.closest('svg')
                              && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 12, f"text of {smallest}px (< 9 pt) on the printed built card"
    heights = page.locator(".rx-log-weeks tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(heights) == 6 and min(heights) >= 6 * 96 / 25.4 - 0.01
    runs = page.locator(".rx-runs tbody tr").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(runs) == 4 and min(runs) >= 6 * 96 / 25.4 - 0.01
    assert page.locator(".rx-two-sheets").is_hidden()


@pytest_browser
def test_a_card_says_it_takes_two_sheets_when_it_is_measured_to(page, nine_card):
    """The warning follows the card laid out as it prints (builder/sheets.js), not a count of exercises;
    tests/test_builder_clinic.py prints cards either side of the line."""
    open_builder(page, nine_card, 9)
    for n in range(10, 21):
        add_own(page, f"Side step {n}")
        page.wait_for_function(f"document.querySelectorAll('.rx-items tbody tr').length === {n}")
        written(page)
        sheets = dict(part.split(":") for part in page.locator(".rx-builder").get_attribute("data-sheets").split())
        over = [paper for paper, count in sheets.items() if int(count) > 1]
        assert page.locator(".rx-two-sheets").is_visible() == bool(over), (n, sheets)
        if over:
            break
    assert over, "twenty exercises fit one sheet?"
    assert "prints on two" in page.locator(".rx-two-sheets").inner_text() and over[0] in page.locator(".rx-two-sheets").inner_text()
    assert "two sheets" in page.locator("#rx-b-add-status").inner_text()


# --- the offline copy ---------------------------------------------------------------------


@pytest_browser
def test_builder_works_in_the_offline_copy(browser, offline_zip):
    folder = offline_folder(offline_zip)
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors = watch(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((folder / "routines" / "daily-feet.html").as_uri())
    page.get_by_role("link", name="Customise this card").click()
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 3")
    written(page)
    assert page.url.startswith("file://") and f"/{folder.name}/builder/index.html#" in page.url and CARD_ADDRESS.search(page.url)
    box = page.get_by_label("Add an exercise")
    box.fill("calf lean")
    box.press("Enter")
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 4")
    href = page.locator(".rx-items tbody tr a").last.get_attribute("href")
    assert href == "../exercises/wall-lean.html"
    assert page.locator(".rx-qr svg").count() == 1
    assert page.locator(".rx-qr svg").get_attribute("aria-label")
    context.close()
    assert not errors, errors
    outside = sorted({u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))})
    assert not outside, outside


# --- accessibility with a card on it (tests/test_quality.py runs axe on the empty page) -----


@pytest_browser
@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 390)])
def test_builder_with_a_card_has_no_serious_axe_violation(browser, nine_card, scheme, width):
    from test_quality import axe_violations

    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(nine_card)
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 9 && document.querySelector('.rx-qr svg')")
    page.locator(".rx-b-up").first.click()  # the notice is shown too
    page.wait_for_function("document.querySelector('.rx-b-notice').textContent.length > 0")
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    violations = axe_violations(page, page.url)
    context.close()
    assert not violations, violations


@pytest_browser
def test_builder_controls_have_names_for_keyboard_and_screen_reader(page, nine_card):
    page.goto(nine_card)
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 9")
    for name in ("Move Step drop up", "Move Step drop down", "Remove Step drop"):
        assert page.get_by_role("button", name=name, exact=True).count() == 1, name
    assert page.get_by_role("combobox", name="Level for Front hold").count() == 1
    second = card_rows(page)[1][0]
    page.get_by_role("button", name=f"Move {second} up", exact=True).focus()
    page.keyboard.press("Enter")
    assert card_rows(page)[0][0] == second
    assert page.evaluate("() => document.activeElement.textContent.replace(/\\s+/g, ' ').trim()") == f"Move {second} up"
    assert "moved to number 1" in page.locator(".rx-b-notice").inner_text()
