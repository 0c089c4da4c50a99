"""The plan's log on the device (overrides/assets/planner/log.js), in real Chromium on a served
page with real localStorage: entries survive a reload; each bad field gets a message; CSV export
then import gives the same entries, hostile text included, and is safe in a spreadsheet; bad CSV
rows are reported by line while good ones are kept; a broken or newer store is reported and never
written over; a format-1 store reads; and the log feeds the plan's rules as Python reads them."""
from __future__ import annotations

import csv
import html
import io
import json
import shutil
from datetime import date
from decimal import Decimal

import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.return_plan import LOG_LIMITS, Logged, Result, browser_rules, next_session, session_cap

from conftest import FIXTURE_SITE, ROOT

PLANNER = ROOT / "overrides" / "assets" / "planner"
KEY = "fixture-exercises"
STORE = f"{KEY}-plan-log"
HOSTILE = ["a, b; c", 'she said "ouch"', "two\nlines\r\nand three", "ünïcödé 日本 🏃‍♀️", "<script>window.pwned=1</script>",
           '<img src=x onerror="window.pwned=1">', "=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "'=already quoted",
           "''+twice", "'plain apostrophe", " leading and trailing ", "\ttab first", "", '"', ",", "\\n not a newline"]


@pytest.fixture(scope="module")
def plan():
    return load_catalogue(FIXTURE_SITE / "exercises").plans["back-to-jogging"]


@pytest.fixture(scope="module")
def served(tmp_path_factory, plan):
    """A page like the plan page: the rules in .rx-plan-rules, the planner's scripts, on a Pages-like server."""
    from ghpages import pages_server

    root = tmp_path_factory.mktemp("plan-log")
    folder = root / "plan"
    folder.mkdir()
    for name in ("rules.js", "ical.js", "log.js"):
        shutil.copy2(PLANNER / name, folder / name)
    rules = json.dumps(browser_rules(plan), separators=(",", ":"))
    (folder / "index.html").write_text(
        "<!doctype html><html lang=en><title>Log</title>"
        f'<div class="rx-plan-rules" data-rules="{html.escape(rules, quote=True)}" hidden></div>'
        '<script src="rules.js"></script><script src="ical.js"></script><script src="log.js"></script>', encoding="utf-8")
    with pages_server(root, "/fork-test/") as url:
        yield url + "plan/"


@pytest.fixture
def log_page(page, served):
    page.goto(served)
    page.wait_for_function("typeof self.ExerciseSite.planLog === 'function'")
    return page


def call(tab, body: str, *args):
    """`body` run with `log` (the page's planLog) and `args`."""
    return tab.evaluate(f"([key, args]) => {{ const log = self.ExerciseSite.planLog(key); return ({body})(...args); }}", [KEY, list(args)])


def stored(tab):
    return tab.evaluate("k => localStorage.getItem(k)", STORE)


def entry(day="2026-03-02", kind="run", minutes=20, km=None, during=0, morning=0, note=""):
    return {"day": day, "kind": kind, "minutes": minutes, "km": km, "during": during, "morning": morning, "note": note}


def without_id(entries: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "id"} for e in entries]


# --- kept on the device ----------------------------------------------------------------------------


def test_entries_survive_a_reload(log_page):
    added = call(log_page, "(e) => log.add(e)", entry(note="first jog"))
    assert added["ok"] and added["problems"] == [] and added["entry"]["id"]
    call(log_page, "(e) => log.add(e)", entry(day="2026-03-04", kind="exercises", minutes=None, morning=None))
    log_page.reload()
    log_page.wait_for_function("typeof self.ExerciseSite.planLog === 'function'")
    read = call(log_page, "() => log.read()")
    assert read["problems"] == []
    assert without_id(read["entries"]) == [entry(note="first jog"),
                                          entry(day="2026-03-04", kind="exercises", minutes=None, morning=None)]
    assert read["entries"][0]["id"] == added["entry"]["id"]
    kept = json.loads(stored(log_page))
    assert kept["format"] == 1 and len(kept["entries"]) == 2


def test_typed_values_are_read_as_numbers(log_page):
    added = call(log_page, "(e) => log.add(e)", {"day": " 2026-03-02 ", "kind": "Run", "minutes": "", "km": "5,25",
                                               "during": "0", "morning": "", "note": "typed"})
    assert added["ok"], added
    assert without_id([added["entry"]]) == [entry(minutes=None, km=5.25, morning=None, note="typed")]


@pytest.mark.parametrize(("changes", "fields"), [
    ({"day": "2026-02-30"}, ["day"]),
    ({"day": "31/03/2026"}, ["day"]),
    ({"kind": "swim"}, ["kind"]),
    ({"minutes": None, "km": None}, ["minutes"]),  # a run needs its time or its distance
    ({"minutes": "twenty"}, ["minutes"]),
    ({"minutes": 601}, ["minutes"]),
    ({"minutes": 20.25}, ["minutes"]),  # one decimal place at most
    ({"km": 0.1 + 0.2}, ["km"]),  # 0.30000000000000004: refused, not rounded
    ({"km": -3}, ["km"]),
    ({"during": None}, ["during"]),
    ({"during": 11}, ["during"]),
    ({"morning": 2.5}, ["morning"]),
    ({"note": "x" * (LOG_LIMITS["note_chars"] + 1)}, ["note"]),
    ({"day": "", "kind": "", "during": "", "note": 5}, ["day", "kind", "during", "note"]),
])
def test_each_bad_field_gets_a_message_and_nothing_is_kept(log_page, changes, fields):
    result = call(log_page, "(e) => log.add(e)", {**entry(), **changes})
    assert not result["ok"] and result["entry"] is None
    assert [p["field"] for p in result["problems"]] == fields
    assert all(p["message"] for p in result["problems"])
    assert stored(log_page) is None


def test_a_long_note_is_refused_with_its_length_not_cut(log_page):
    limit = LOG_LIMITS["note_chars"]
    result = call(log_page, "(e) => log.add(e)", entry(note="🏃" * (limit + 5)))
    (problem,) = result["problems"]
    assert str(limit) in problem["message"] and str(limit + 5) in problem["message"]
    assert call(log_page, "(e) => log.add(e)", entry(note="🏃" * limit))["ok"]  # characters, not UTF-16 units


def test_update_and_remove(log_page):
    first = call(log_page, "(e) => log.add(e)", entry())["entry"]
    second = call(log_page, "(e) => log.add(e)", entry(day="2026-03-04"))["entry"]
    changed = call(log_page, "(id) => log.update(id, {morning: 3, note: 'sore'})", first["id"])
    assert changed["ok"] and changed["entry"]["morning"] == 3 and changed["entry"]["id"] == first["id"]
    refused = call(log_page, "(id) => log.update(id, {during: 12})", first["id"])
    assert not refused["ok"] and [p["field"] for p in refused["problems"]] == ["during"]
    assert call(log_page, "() => log.update('nope', {during: 1})")["problems"][0]["field"] == "id"
    assert call(log_page, "(id) => log.remove(id)", second["id"])["ok"]
    entries = call(log_page, "() => log.read()")["entries"]
    assert without_id(entries) == [entry(morning=3, note="sore")]


# --- export and import ---------------------------------------------------------------------------


def hostile_entries() -> list[dict]:
    return [entry(day=f"2026-03-{n + 1:02d}", kind="run" if n % 3 else "exercises", minutes=None if n % 3 == 0 else 20 + n,
                  km=5.25 if n % 2 else None, during=n % 4, morning=None if n % 5 == 4 else n % 3, note=note)
            for n, note in enumerate(HOSTILE)]


def test_export_then_import_gives_the_same_entries(browser, served):
    entries = hostile_entries() + [entry()] * 2  # two equal sessions stay two
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(served)
        for item in entries:
            assert call(tab, "(e) => log.add(e)", item)["ok"]
        kept = call(tab, "() => log.read()")["entries"]
        text = call(tab, "(e) => log.toCsv(e)", kept)
        assert call(tab, "() => window.pwned") is None
    finally:
        context.close()
    other = browser.new_context()  # another device: an empty log
    try:
        tab = other.new_page()
        tab.goto(served)
        imported = call(tab, "(t) => log.importCsv(t)", text)
        assert imported == {"ok": True, "added": len(entries), "same": 0, "problems": []}
        assert without_id(call(tab, "() => log.read()")["entries"]) == entries
        again = call(tab, "(t) => log.importCsv(t)", text)  # nothing kept is doubled
        assert (again["added"], again["same"]) == (0, len(entries))
        assert len(call(tab, "() => log.read()")["entries"]) == len(entries)
        assert call(tab, "() => window.pwned") is None
    finally:
        other.close()


def test_the_csv_is_rfc_4180_and_safe_in_a_spreadsheet(log_page):
    text = call(log_page, "(e) => log.toCsv(e)", hostile_entries())
    assert text.startswith("day,kind,minutes,km,during,morning,note\r\n") and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["day", "kind", "minutes", "km", "during", "morning", "note"]
    notes = [row[6] for row in rows[1:]]
    assert len(notes) == len(HOSTILE)
    for note, written in zip(HOSTILE, notes):
        risky = note.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r")
        assert written == ("'" + note if risky else note), note
    assert all(not cell or cell[0] not in "=+-@" for row in rows for cell in row)


def test_a_csv_from_elsewhere_reads(log_page):
    """Columns in another order, a byte order mark, LF line ends, a blank line, no note or morning column."""
    text = "\ufeffKind,Day,During,Minutes\nrun,2026-03-02,0,25\n\nexercises,2026-03-03,1,\n"
    read = call(log_page, "(t) => log.fromCsv(t)", text)
    assert read["problems"] == []
    assert without_id(read["entries"]) == [entry(minutes=25, morning=None), entry(day="2026-03-03", kind="exercises", minutes=None,
                                                                              during=1, morning=None)]


def test_bad_rows_are_reported_by_line_and_good_rows_kept(log_page):
    text = ("day,kind,minutes,km,during,morning,note\r\n"
            "2026-03-02,run,20,,0,0,fine\r\n"  # line 2
            '2026-03-03,run,20,,0,0,"a note\r\nover two lines"\r\n'  # lines 3-4
            "2026-13-01,run,20,,0,0,bad day\r\n"  # line 5
            "2026-03-05,walk,20,,0,0,bad kind\r\n"  # line 6
            "2026-03-06,run,,,0,0,no time\r\n"  # line 7
            "2026-03-07,run,20,,0,0\r\n"  # line 8: a cell short
            "2026-03-08,run,20,,11,x,two bad\r\n"  # line 9
            f"2026-03-09,run,20,,0,0,{'y' * 201}\r\n"  # line 10
            "2026-03-10,exercises,,,2,1,fine too\r\n")  # line 11
    read = call(log_page, "(t) => log.fromCsv(t)", text)
    assert [(p["line"], p["field"]) for p in read["problems"]] == [(5, "day"), (6, "kind"), (7, "minutes"), (8, "row"), (9, "during"),
                                                                   (9, "morning"), (10, "note")]
    assert [e["note"] for e in read["entries"]] == ["fine", "a note\r\nover two lines", "fine too"]
    imported = call(log_page, "(t) => log.importCsv(t)", text)
    assert imported["added"] == 3 and len(imported["problems"]) == 7
    assert len(call(log_page, "() => log.read()")["entries"]) == 3


@pytest.mark.parametrize("text", ["", "just,some,words\r\n1,2,3\r\n", '2026-03-02,run,"never closed\r\n'])
def test_an_unreadable_file_says_why(log_page, text):
    read = call(log_page, "(t) => log.fromCsv(t)", text)
    assert read["entries"] == [] and read["problems"] and read["problems"][0]["line"] == 1


def test_an_open_quote_keeps_the_rows_before_it(log_page):
    text = "day,kind,minutes,km,during,morning,note\r\n2026-03-02,run,20,,0,0,ok\r\n2026-03-03,run,20,,0,0,\"open\r\nmore\r\n"
    read = call(log_page, "(t) => log.fromCsv(t)", text)
    assert [e["note"] for e in read["entries"]] == ["ok"]
    assert [(p["line"], p["field"]) for p in read["problems"]] == [(3, "row")]


# --- a store this page did not write ------------------------------------------------------------


@pytest.mark.parametrize("broken", ["{not json", "[]", '{"format": 1}', '{"entries": []}', "null"])
def test_a_broken_store_is_reported_and_never_written_over(log_page, broken):
    log_page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, broken])
    read = call(log_page, "() => log.read()")
    assert read["entries"] == [] and [p["field"] for p in read["problems"]] == ["log"]
    added = call(log_page, "(e) => log.add(e)", entry())
    assert not added["ok"] and added["problems"][0]["field"] == "log"
    assert not call(log_page, "(t) => log.importCsv(t)", "day,kind,during,minutes\r\n2026-03-02,run,0,20\r\n")["ok"]
    assert stored(log_page) == broken


def test_a_newer_format_is_left_alone(log_page):
    newer = json.dumps({"format": 2, "entries": [{"id": "x", "when": "2026-03-02"}]})
    log_page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, newer])
    read = call(log_page, "() => log.read()")
    assert read["entries"] == [] and "newer" in read["problems"][0]["message"]
    assert not call(log_page, "(e) => log.add(e)", entry())["ok"] and stored(log_page) == newer


def test_a_format_1_store_reads(log_page):
    """As an earlier version of the site wrote it: this exact text must keep reading."""
    old = ('{"format":1,"entries":[{"id":"a1","day":"2026-03-02","kind":"run","minutes":20,"km":null,"during":0,"morning":0,"note":"x"},'
           '{"id":"a2","day":"2026-03-04","kind":"exercises","minutes":null,"km":null,"during":1,"morning":null,"note":""}]}')
    log_page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, old])
    read = call(log_page, "() => log.read()")
    assert read == {"entries": json.loads(old)["entries"], "problems": []}


def test_a_bad_stored_entry_is_reported_and_kept(log_page):
    bad = {"id": "b", "day": "someday", "kind": "run", "minutes": 20, "km": None, "during": 0, "morning": 0, "note": ""}
    good = {**entry(), "id": "g"}
    log_page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, json.dumps({"format": 1, "entries": [bad, good]})])
    read = call(log_page, "() => log.read()")
    assert read["entries"] == [good] and len(read["problems"]) == 1 and "entry 1" in read["problems"][0]["message"]
    assert call(log_page, "(e) => log.add(e)", entry(day="2026-03-05"))["ok"]
    assert json.loads(stored(log_page))["entries"][:2] == [bad, good]  # the one it can't read is still there


def test_a_new_log_empties_what_it_reads_and_keeps_what_it_cannot(log_page, broken="{not json"):
    bad = {"id": "b", "day": "someday", "kind": "run", "minutes": 20, "km": None, "during": 0, "morning": 0, "note": ""}
    log_page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, json.dumps({"format": 1, "entries": [bad, {**entry(), "id": "g"}]})])
    assert call(log_page, "() => log.clear()") == {"ok": True, "problems": []}
    assert call(log_page, "() => log.read()")["entries"] == [] and json.loads(stored(log_page))["entries"] == [bad]
    log_page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, broken])
    assert not call(log_page, "() => log.clear()")["ok"] and stored(log_page) == broken  # a store it can't read is never written over


def test_storage_that_refuses_gives_a_message(log_page):
    log_page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }")
    added = call(log_page, "(e) => log.add(e)", entry())
    assert not added["ok"] and added["problems"][0]["field"] == "log" and "nothing was changed" in added["problems"][0]["message"]


# --- the log feeds the plan's rules --------------------------------------------------------------


def test_the_log_gives_the_rules_what_python_reads(log_page, plan):
    items = [entry(day="2026-03-02", minutes=20), entry(day="2026-03-04", minutes=None, km=3.5, morning=1),
             entry(day="2026-03-05", kind="exercises", minutes=None, during=4, morning=4),
             entry(day="2026-03-06", minutes=27.5, km=4.25, morning=None)]
    answer = call(log_page, """(items, plan) => {
        const rules = JSON.parse(document.querySelector('.rx-plan-rules').dataset.rules), R = self.ExerciseSite.planRules;
        return { results: log.results(items), logged: log.logged(items),
                 next: R.nextSession(rules, log.results(items), '2026-03-08', 0),
                 min: R.sessionCap(log.logged(items), '2026-03-08', rules, 'min').limit,
                 km: R.sessionCap(log.logged(items), '2026-03-08', rules, 'km').limit };
    }""", items, None)
    runs = [e for e in items if e["kind"] == "run"]
    assert answer["results"] == [{"day": e["day"], "during": e["during"], "morning": e["morning"]} for e in runs]
    logged = [Logged(date.fromisoformat(e["day"]), Decimal(str(e[key])), unit) for e in runs
              for key, unit in (("minutes", "min"), ("km", "km")) if e[key] is not None]
    assert answer["logged"] == [{"day": s.day.isoformat(), "amount": str(s.amount), "unit": s.unit} for s in logged]
    results = [Result(date.fromisoformat(e["day"]), e["during"], e["morning"]) for e in runs]
    expected = next_session(plan, results, date(2026, 3, 8))
    assert (answer["next"]["stage"], answer["next"]["action"]) == (expected.stage, expected.action) == (0, "score the morning")
    assert answer["min"] == str(session_cap(logged, date(2026, 3, 8), plan.cap, "min").limit) == "27.5"  # 27.5 went past 20's cap: no higher one
    assert answer["km"] == str(session_cap(logged, date(2026, 3, 8), plan.cap, "km").limit) == "4.25"
