"""Picking and dosing on the card builder (issue 27), in real Chromium on the fixture project: the add
box as a combobox (keyboard alone, pointer, the words search and the body map know, an ambiguous
word, a duplicate, axe with its list open); how often from several times a day to once a week; a
dosage set by hand kept across a level change; long notes, advice and an exercise of one's own,
printed on one sheet and back from the address alone; a twelve-exercise card whose QR code decodes
from print and screen; hostile text in every new field; and addresses the earlier builder wrote."""
from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
from conftest import pdf_pages, read_data
from test_builder import card_rows, open_builder, printed_qr_codes, watch, written
from test_print import FONTS, PAPER, SLACK, flat, open_in_font, print_pdf

from exercise_site.builder_limits import BUILDER_LIMITS
from exercise_site.text import often_words

pytestmark = pytest.mark.browser


def rows(page) -> int:
    return page.locator(".rx-items tbody tr").count()


def options(page) -> list[str]:
    return page.locator("#rx-b-options [role=option] .rx-b-option-name").all_inner_texts()


def status(page) -> str:
    return page.locator("#rx-b-add-status").inner_text()


def empty_builder(page, site_url, add: str = "heel-lift") -> None:
    open_builder(page, f"{site_url}builder/?add={add}", 1)


# --- the add box ------------------------------------------------------------------------------


def test_combobox_by_keyboard_alone(page, site_url):
    errors = watch(page)
    empty_builder(page, site_url, "curl-up")
    box = page.get_by_role("combobox", name="Add an exercise")
    assert box.get_attribute("aria-controls") == "rx-b-options" and box.get_attribute("aria-expanded") == "false"
    box.focus()
    page.keyboard.type("calf")
    assert box.get_attribute("aria-expanded") == "true"
    listed = options(page)
    assert {"Heel lift", "Step drop", "Wall lean"} <= set(listed), listed
    assert page.get_by_role("listbox").is_visible()
    assert box.get_attribute("aria-activedescendant") is None, "nothing is highlighted until the reader moves"
    page.keyboard.press("ArrowDown")
    first = page.locator("#rx-b-options [role=option]").first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")  # from the first, up wraps to the last
    last = page.locator("#rx-b-options [role=option]").last
    assert box.get_attribute("aria-activedescendant") == last.get_attribute("id")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and box.input_value() == "calf"
    page.keyboard.press("ArrowDown")  # opens again, on the first option
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#rx-b-options [aria-selected=true] .rx-b-option-name").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 2")
    assert card_rows(page)[-1][0] == chosen
    assert box.input_value() == "" and page.evaluate("document.activeElement.id") == "rx-b-add"
    assert f"Added {chosen}" in status(page)
    page.keyboard.type("abc")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")  # closed: Escape empties the box
    assert box.input_value() == ""
    assert not errors, errors


def test_combobox_by_pointer(page, site_url):
    empty_builder(page, site_url)
    box = page.get_by_role("combobox", name="Add an exercise")
    box.click()
    page.keyboard.type("abs")
    page.get_by_role("option", name="Front hold").click()
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 2")
    assert card_rows(page)[-1][0] == "Front hold"
    assert box.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("word, expected", [
    ("calf", {"Heel lift", "Step drop", "Wall lean"}),          # a muscle's other word (vocabulary)
    ("abs", {"Curl-up", "Front hold", "Marching on the spot"}),  # a muscle's everyday word
    ("back of the lower leg", {"Heel lift", "Wall lean"}),       # a body area of "Where does it hurt?"
    ("quadriceps", {"Marching on the spot"}),                    # a muscle's own name
    ("stool", {"Heel lift", "Towel grip"}),                      # equipment's other word
])
def test_words_list_options_names_first(page, site_url, word, expected):
    empty_builder(page, site_url)
    box = page.get_by_role("combobox", name="Add an exercise")
    box.fill(word)
    listed = options(page)
    assert expected <= set(listed), listed
    details = page.locator("#rx-b-options [role=option] .rx-b-option-detail").all_inner_texts()
    assert all("level" in d and f"“{word}" in d for d in details), details  # where it works, its levels, why it matched
    box.fill("he")  # a name before a word: Heel lift (by name) before Step drop (by "Heel drop")
    listed = options(page)
    assert listed.index("Heel lift") < listed.index("Step drop")


def test_enter_on_an_ambiguous_word_adds_nothing_and_a_duplicate_says_so(page, site_url):
    empty_builder(page, site_url)
    box = page.get_by_role("combobox", name="Add an exercise")
    box.fill("calf")
    box.press("Enter")
    assert rows(page) == 1, "an ambiguous word must add nothing"
    assert "choose one" in status(page) and "Nothing was added" in status(page)
    assert box.get_attribute("aria-expanded") == "true"
    page.get_by_role("button", name="Add", exact=True).click()
    assert rows(page) == 1 and "choose one" in status(page)
    box.fill("heel lift")  # an exact name, already on the card
    box.press("Enter")
    assert rows(page) == 1 and "already on the card" in status(page)
    box.fill("wall lean")
    box.press("Enter")
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 2")
    box.fill("calf lean")  # Wall lean's other name: one match, and it is on the card
    box.press("Enter")
    assert rows(page) == 2 and "Wall lean is already on the card (number 2)" in status(page)
    box.fill("zzzz")
    box.press("Enter")
    assert rows(page) == 2 and "No exercise matches" in status(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_with_the_list_open(browser, site_url, scheme):
    from test_quality import axe_violations

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    empty_builder(page, site_url)
    box = page.get_by_role("combobox", name="Add an exercise")
    box.fill("calf")
    box.press("ArrowDown")
    box.press("Escape")
    page.locator(".rx-b-own summary").click()
    page.get_by_role("button", name="Add your exercise").click()  # a refused entry's message is shown too
    assert page.locator("#rx-b-msg-own-name").is_visible()
    page.mouse.move(0, 0)  # away from the buttons: Material's hover colours are not this test's
    box.focus()
    box.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    violations = axe_violations(page, page.url)
    context.close()
    assert not violations, violations


# --- dosing -------------------------------------------------------------------------------------

NOTE = ("Go slowly on the way down, taking three seconds, and stop a little short of where it pinches. "
        "If the morning after is worse than usual, drop one set next time and keep the same level. Ask if not sure.")  # 200 characters
ADVICE = ("Keep walking every day. Avoid long downhill walks and standing on one leg for long this fortnight. "
          "Pain up to 3 out of 10 during the exercises is fine if it settles by the next morning.")
OWN_NAME = "Seated knee lift"
OWN_STEPS = "Sit tall on a firm chair. Lift one knee a hand's width, hold, and lower slowly."


def refused_message(page, field) -> str:
    """The message under `field`, which must be one of its descriptions."""
    ids = (field.get_attribute("aria-describedby") or "").split()
    messages = [page.locator(f"#{i}") for i in ids if i.startswith("rx-b-msg")]
    assert messages, "the field has no message of its own"
    return messages[0].inner_text()


@pytest.fixture(scope="module")
def dosed_card(browser, site_url) -> str:
    """A card built as a clinician would: a routine's card, every day, a dosage set by hand kept
    across a level change, a 200-character note, advice and an exercise of the clinician's own."""
    assert len(NOTE) == 200 and BUILDER_LIMITS["note"] >= 200
    context = browser.new_context()
    page = context.new_page()
    errors = watch(page)
    open_builder(page, f"{site_url}builder/?routine=calf-starter", 2)
    page.get_by_label("How often", exact=True).select_option(label=often_words("7"))
    assert page.locator('[data-slot="often"]').inner_text().startswith("every day")
    step = page.get_by_role("group", name="Heel lift")
    step.get_by_label("Sets").fill("3")
    step.get_by_label("Reps").fill("8")
    step.get_by_label("Level for Heel lift").select_option("2")
    assert "the dosage you set is kept" in page.locator(".rx-b-notice").inner_text()
    assert step.get_by_label("Sets").input_value() == "3" and step.get_by_label("Reps").input_value() == "8"
    step = page.get_by_role("group", name="Heel lift")
    step.get_by_label("How often").select_option("2d")
    step.get_by_label("Note (up to").fill(NOTE)
    page.get_by_label("Advice for the patient").fill(ADVICE)
    page.locator(".rx-b-own summary").click()
    page.locator(".rx-b-own").get_by_label("Name", exact=True).fill(OWN_NAME)
    page.locator(".rx-b-own").get_by_label("Steps", exact=True).fill(OWN_STEPS)
    page.get_by_role("button", name="Add your exercise").click()
    own = page.get_by_role("group", name=OWN_NAME)
    own.get_by_label("Sets").fill("2")
    own.get_by_label("Reps").fill("10")
    page.get_by_label("Prepared for").fill("Alex Example")
    written(page)
    address = page.url
    assert not errors, errors
    context.close()
    return address


def check_dosed(page) -> None:
    rows = {row[0]: row for row in card_rows(page)}
    assert set(rows) >= {"Heel lift", OWN_NAME}
    lift = rows["Heel lift"]
    assert lift[2].startswith("3 sets of 8 reps") and NOTE in lift[2] and lift[2].endswith(", " + often_words("2d")), lift
    assert rows[OWN_NAME][2] == "2 sets of 10 reps" and rows[OWN_NAME][4] == OWN_STEPS
    assert page.locator('[data-slot="often"]').inner_text().startswith(often_words("7"))
    assert page.locator('[data-slot="advice"]').inner_text() == ADVICE


def test_a_level_change_keeps_only_a_dosage_set_by_hand(page, site_url, project):
    open_builder(page, f"{site_url}builder/?add=step-drop", 1)
    levels = read_data(project, "exercises/step-drop.yml")["levels"]
    step = page.get_by_role("group", name="Step drop")
    step.get_by_label("Level for Step drop").select_option("2")  # nothing set by hand: the level's own dosage
    assert "its dosage is the level's own" in page.locator(".rx-b-notice").inner_text()
    from exercise_site.api import dosage_item
    from exercise_site.catalogue import load_catalogue
    catalogue = load_catalogue(project / "exercises")
    own = dosage_item(catalogue.exercises["step-drop"].levels[1].dosage)
    assert step.get_by_label("Sets").input_value() == own[0] and step.get_by_label("Reps").input_value() == own[1]
    assert len(levels) >= 3


def test_how_often_from_several_a_day_to_once_a_week(page, site_url):
    empty_builder(page, site_url)
    card = page.get_by_label("How often", exact=True)
    offered = card.locator("option").evaluate_all("options => options.map(o => o.textContent)")
    assert offered[0] == often_words("3d") and often_words("7") in offered and offered[-1] == often_words("1")
    for value in ("3d", "7", "5", "1"):
        card.select_option(value)
        assert page.locator('[data-slot="often"]').inner_text().startswith(often_words(value))
    card.select_option("7")
    heads = page.locator(".rx-grid .rx-log thead tr").first.locator("th").count()
    assert heads == 1 + 7, "a daily card tracks every day of the week"


def test_refused_input_says_why_under_its_own_field_and_nothing_is_cut(page, site_url):
    empty_builder(page, site_url)
    sets = page.get_by_role("group", name="Heel lift").get_by_label("Sets")
    sets.fill("7 a day")
    assert sets.get_attribute("aria-invalid") == "true" and "number" in refused_message(page, sets)
    assert page.locator("#rx-b-msg-t").is_hidden(), "no message under another field"
    sets.fill("3")
    assert sets.get_attribute("aria-invalid") is None and refused_message(page, sets) == ""
    title = page.get_by_label("Title")
    long = "back to 40 km a week " * 5
    title.fill(long)
    assert title.input_value() == long, "nothing typed is cut"
    assert f"At most {BUILDER_LIMITS['text']} characters" in refused_message(page, title)
    weeks = page.get_by_label("Weeks to track")
    weeks.fill("99")
    assert "weeks" in refused_message(page, weeks) and page.locator("#rx-b-msg-t").is_visible()
    note = page.get_by_role("group", name="Heel lift").get_by_label("Note (up to")
    note.fill(NOTE)
    assert note.input_value() == NOTE and note.get_attribute("aria-invalid") is None


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_dosed_card_prints_on_one_sheet_its_weeks_on_the_next_and_comes_back_from_its_address(browser, dosed_card, font, paper):
    context = browser.new_context()
    tab = context.new_page()
    errors = watch(tab)
    open_in_font(tab, dosed_card, font)
    tab.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 3 && document.querySelector('.rx-qr svg')")
    check_dosed(tab)
    pages, _, pdf = print_pdf(tab, font, format=paper, scale=SLACK)
    assert pages == 2, f"the dosed card prints on {pages} {paper} sheets in {font}, not one and its weeks on the next"
    text, weeks = pdf_pages(pdf)
    assert "week by week" not in text and "week by week" in weeks
    for words in (NOTE, ADVICE, OWN_NAME, OWN_STEPS, often_words("2d"), "Alex Example"):
        assert flat(words) in flat(text), f"{words!r} is not printed"
    assert printed_qr_codes(pdf) == [dosed_card]
    context.close()
    fresh = browser.new_context()
    again = fresh.new_page()
    errors += watch(again)
    open_builder(again, dosed_card, 3)
    check_dosed(again)
    assert again.url == dosed_card and again.locator(".rx-b-notice").inner_text() == ""
    fresh.close()
    assert not errors, errors


# --- a long card's QR code ----------------------------------------------------------------------

SENTENCES = ["Keep the knee over the middle toes", "breathe out as you push", "rest a minute between sets",
             "stop short of any sharp pain", "hold a chair for balance if you wobble", "go slower rather than further",
             "the morning after tells you most", "warm up with five minutes of walking", "count three seconds down",
             "let the heel sink below the step", "keep the trunk tall and still", "do this before a run, not after"]


def long_note(i: int) -> str:
    """Twelve different notes of 200 characters, as a clinician would write them."""
    words = ", ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(len(SENTENCES)))
    note = (f"Week {i + 1}: " + words)[:200]
    return note[:-1] + "." if note[-1] in " ," else note


@pytest.fixture(scope="module")
def twelve_card(browser, site_url, project) -> str:
    """Twelve exercises (the fixture's eight and four of one's own), each with a 200-character note, and advice."""
    from conftest import exercise_slugs

    slugs = exercise_slugs(project)
    context = browser.new_context()
    page = context.new_page()
    open_builder(page, f"{site_url}builder/?add={slugs[0]}", 1)
    box = page.get_by_role("combobox", name="Add an exercise")
    for slug in slugs[1:]:
        box.fill(read_data(project, f"exercises/{slug}.yml")["name"])
        box.press("Enter")
    page.locator(".rx-b-own summary").click()
    for n in range(12 - len(slugs)):
        page.locator(".rx-b-own").get_by_label("Name", exact=True).fill(f"Own exercise {n + 1}")
        page.locator(".rx-b-own").get_by_label("Steps", exact=True).fill("Stand tall, lift and lower slowly, ten times.")
        page.get_by_role("button", name="Add your exercise").click()
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 12")
    notes = page.locator('.rx-b-items [name="note"]')
    for i in range(12):
        notes.nth(i).fill(long_note(i))
    page.get_by_label("Advice for the patient").fill(ADVICE)
    page.get_by_label("Title").fill("Twelve for the long haul")
    written(page)
    address = page.url
    context.close()
    return address


def screen_qr_codes(page) -> list[str]:
    """The QR codes in a screenshot of the card's code on screen, read by zxing-cpp (the PNG made
    into grey pixels by the browser's own canvas)."""
    import zxingcpp

    shot = base64.b64encode(page.locator(".rx-qr").screenshot()).decode()
    width, height, grey = page.evaluate(
        """async (png) => {
            const image = new Image();
            image.src = 'data:image/png;base64,' + png;
            await image.decode();
            const canvas = Object.assign(document.createElement('canvas'), {width: image.width, height: image.height});
            const g = canvas.getContext('2d');
            g.drawImage(image, 0, 0);
            const rgba = g.getImageData(0, 0, image.width, image.height).data;
            const out = new Uint8Array(image.width * image.height);
            for (let i = 0; i < out.length; i++) out[i] = (rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3;
            let text = '';
            for (let i = 0; i < out.length; i += 8192) text += String.fromCharCode.apply(null, out.subarray(i, i + 8192));
            return [image.width, image.height, btoa(text)];
        }""", shot)
    pixels = base64.b64decode(grey)
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (height, width)), formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found]


def test_twelve_exercise_card_qr_decodes_from_print_and_screen(browser, twelve_card):
    assert "#V2" in twelve_card, "a long card takes the compact address"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = watch(page)
    open_builder(page, twelve_card, 12)
    assert [len(n) for n in page.locator('.rx-b-items [name="note"]').evaluate_all("a => a.map(t => t.value)")] == [200] * 12
    assert screen_qr_codes(page) == [twelve_card], "the on-screen code must read back to the full address"
    open_in_font(page, twelve_card, "DejaVu Sans")
    page.wait_for_function("document.querySelectorAll('.rx-items tbody tr').length === 12 && document.querySelector('.rx-qr svg')")
    pdf = page.pdf(print_background=True, format="A4")
    found = []
    import pypdf, io
    for number in range(len(pypdf.PdfReader(io.BytesIO(pdf)).pages)):
        found += printed_qr_codes_on(pdf, number, dpi=150)
    assert found == [twelve_card], "the printed code must read back to the full address at 150 dpi"
    context.close()
    fresh = browser.new_context()
    again = fresh.new_page()
    open_builder(again, found[0], 12)
    assert again.locator('[data-slot="advice"]').inner_text() == ADVICE
    assert "Own exercise 4" in [row[0] for row in card_rows(again)]
    fresh.close()
    assert not errors, errors


def printed_qr_codes_on(pdf: bytes, number: int, dpi: int) -> list[str]:
    """printed_qr_codes (test_builder), on page `number` of the PDF."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[number].render(scale=dpi / 72, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        pixels = bytes(bitmap.buffer)
        rows_ = b"".join(pixels[row * stride:row * stride + width] for row in range(height))
        found = zxingcpp.read_barcodes(memoryview(rows_).cast("B", (height, width)), formats=zxingcpp.BarcodeFormat.QRCode)
        return [code.text for code in found]
    finally:
        document.close()


# --- hostile text and earlier addresses ------------------------------------------------------------

HOSTILE = '<img src=x onerror=alert(1)>"&</textarea><script>alert(2)</script>'


def test_hostile_text_in_every_new_field_and_the_address_stays_text(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = watch(page)
    empty_builder(page, site_url)
    page.get_by_label("Advice for the patient").fill(HOSTILE)
    page.get_by_role("group", name="Heel lift").get_by_label("Note (up to").fill(HOSTILE)
    page.locator(".rx-b-own summary").click()
    page.locator(".rx-b-own").get_by_label("Name", exact=True).fill(HOSTILE[:BUILDER_LIMITS["name"]])
    page.locator(".rx-b-own").get_by_label("Steps", exact=True).fill(HOSTILE)
    page.get_by_role("button", name="Add your exercise").click()
    page.get_by_role("combobox", name="Add an exercise").fill(HOSTILE)
    page.get_by_role("combobox", name="Add an exercise").press("Enter")
    written(page)
    address = page.url
    context.close()
    # The same text written straight into a v1 address, as anyone could.
    h = quote(HOSTILE)
    handmade = f"{site_url}builder/#v1&a={h}&e=heel-lift,1,2,10,,,,{h},{h},{h}&e=,,1,,,,,{h},,,{quote(HOSTILE[:40])},{h}"
    for url in (address, handmade):
        fresh = browser.new_context()
        again = fresh.new_page()
        again.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        errors += watch(again)
        open_builder(again, url, 2)
        assert again.locator('[data-slot="advice"]').inner_text() == HOSTILE
        assert HOSTILE in again.locator(".rx-items").inner_text()
        assert again.evaluate("() => document.querySelectorAll('img[src=\"x\"], .md-content script').length") == 0
        fresh.close()
    assert not dialogs and not errors, (dialogs, errors)


# Addresses the builder wrote before v2 (made by its builder/address.js format() at dcf4f94).
EARLIER = ("v1&t=Calves%20%26%20trunk%2C%20week%201&p=Sam%20O%E2%80%99Neil&b=Jo&d=2026-03-02&f=2-3&u=3&w=6"
           "&e=heel-lift,2,3,8,,,s,slowly%2C%203%20s%20down&e=wall-lean,1,,,30,,s,,heel%20down%2C%20knee%20straight"
           "&e=curl-up,1,2,10-15")


def test_addresses_the_earlier_builder_wrote_still_open(page, site_url):
    errors = watch(page)
    open_builder(page, f"{site_url}builder/#{EARLIER}", 3)
    assert page.locator(".rx-b-notice").inner_text() == ""
    assert page.locator('[data-slot="title"]').inner_text() == "Calves & trunk, week 1"
    assert page.locator('[data-slot="for"]').inner_text() == "Sam O’Neil"
    rows_ = card_rows(page)
    assert rows_[0][0] == "Heel lift" and rows_[0][2] == "3 sets of 8 reps on each side; slowly, 3 s down"
    assert rows_[1][4] == "heel down, knee straight" and rows_[2][2] == "2 sets of 10–15 reps"
    assert "2–3 times a week, building up to 3" in page.locator('[data-slot="often"]').inner_text()
    assert not errors, errors


def test_address_codec_round_trips_in_node():
    """v2's spelling of bytes in the QR code's alphanumeric characters, and back, in Node."""
    import shutil
    import subprocess

    from conftest import ROOT, require

    require("Node.js", shutil.which("node") is not None)
    script = """
const vm = require("vm"), fs = require("fs");
const context = vm.createContext({}); context.self = context;
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const a = context.ExerciseSite.address, out = [];
for (const n of [0, 1, 2, 3, 255, 256, 1000]) {
  const bytes = Array.from({length: n}, (_, i) => (i * 97 + n) % 256);
  const text = a.spell(bytes);
  out.push([/^[0-9A-Z$*+\\-./:]*$/.test(text), Array.from(a.unspell(text)).join() === bytes.join(), text.length]);
}
out.push(a.unspell("::::") === null, a.unspell("a") === null);
process.stdout.write(JSON.stringify(out));
"""
    result = subprocess.run(["node", "-e", script, str(ROOT / "overrides/assets/builder/address.js")],
                            capture_output=True, text=True, check=True)
    answers = json.loads(result.stdout)
    assert all(ok and back for ok, back, _ in answers[:-2]), answers
    assert [length for *_, length in answers[:-2]] == [0, 2, 3, 5, 383, 384, 1500]
    assert answers[-2:] == [True, True]
