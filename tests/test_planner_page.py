"""The planner on a plan's page (planner.md, planner.js), in real Chromium on the fixture project
served as GitHub Pages serves it: the questions make a plan on the reader's days and dates; the
plan is its address and reopens from it; it prints on one A4 or Letter sheet whose QR code reads
back as the address; its calendar file is valid iCalendar with the planned days; a log of runs
gives the next stage and the cap; hostile text in the address and the log stays text; and the
page without JavaScript (or before it runs) is the plan's own table, with no dead controls."""
from __future__ import annotations

import functools
import http.server
import threading
import time
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from conftest import PREFIX, read_data
from ghpages import PagesHandler

from exercise_site.catalogue import load_catalogue
from exercise_site.return_plan import plan_events, schedule, stage_summary

pytestmark = pytest.mark.browser

SLUG = "back-to-jogging"
STOP_UNTIL_SEEN = "Stop running until a physiotherapist or doctor has checked you"
START = "2026-12-07"  # a Monday
DAYS = [0, 2, 4]


@pytest.fixture(scope="module")
def plan(project):
    return load_catalogue(project / "exercises").plans[SLUG]


def watch(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    return errors


def open_planner(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".rx-planner:not([hidden])")


def make_plan(page, site_url: str, days=DAYS, ticked: bool = True, longest: str = "", start: str = START) -> None:
    open_planner(page, f"{site_url}{SLUG}/")
    for box in page.locator('.rx-p-checks input[type="checkbox"]').all():
        box.set_checked(ticked)
    for n in days:
        page.locator(f'.rx-p-days input[value="{n}"]').check()
    page.get_by_label("Start date").fill(start)
    page.get_by_label("Your longest non-stop run").fill(longest)
    page.get_by_role("button", name="Make my plan").click()
    page.wait_for_selector(".rx-p-sheet:not([hidden]) .rx-p-weeks")


def calendar(page) -> list[list[str]]:
    """The plan's table as shown: for each week its heading and each day's text, spaces folded."""
    return page.locator(".rx-p-weeks tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.innerText.replace(/\\s+/g, ' ').trim()))")


def expected_sessions(plan, start: date, days, ready=True, longest=None) -> list[tuple[str, str]]:
    """(day, kind + stage) of each planned day, as Python plans them."""
    planned = schedule(plan, start, set(days), ready, longest)
    return [(d.day.isoformat(), d.kind if d.stage is None else f"session {d.stage + 1}") for w in planned.weeks for d in w.days]


def shown_days(page) -> list[tuple[str, str]]:
    return [tuple(x) for x in page.locator(".rx-p-weeks td:not(.rx-p-none)").evaluate_all(
        "cells => cells.map(c => [c.dataset.day, c.className.replace('rx-p-day-', '') + (c.dataset.stage ? ' ' + c.dataset.stage : '')])")]


# --- from the questions to the plan, and back from its address ---------------------------------


def test_questions_make_the_plan_and_its_address_reopens_it(browser, site_url, plan):
    context = browser.new_context()
    page = context.new_page()
    errors = watch(page)
    make_plan(page, site_url, longest="")
    assert page.url.endswith(f"{SLUG}/#v=1&s={START}&d=0,2,4&c=11"), page.url
    assert shown_days(page) == expected_sessions(plan, date(2026, 12, 7), DAYS), "the page must plan as Python does"
    weeks = calendar(page)
    assert weeks[0][0] == "Week 1" and weeks[0][1].startswith("Dec 7") and "Stage 1" in weeks[0][1]
    assert "Exercises" in weeks[0][2] and "During" in weeks[0][2] and "Morning" in weeks[0][2]
    summary = page.locator('[data-slot="summary"]').inner_text()
    assert "Monday, December 7, 2026" in summary and "Monday, Wednesday, Friday" in summary and "stage 1" in summary
    stages = page.locator('[data-slot="stages"]').inner_text()
    assert all(stage_summary(s) in stages for s in plan.stages)
    key = page.locator(".rx-p-key")
    assert plan.setback.text in key.inner_text() and plan.advance.text in key.inner_text()
    assert key.get_by_role("link", name="when to see a professional").get_attribute("href") == f"../red-flags/#{plan.setback.section}"
    assert key.get_by_role("link", name="Lower leg strength").count() == 1, "the days between link the plan's routine"
    address = page.url
    assert page.locator('[data-slot="address"]').inner_text() == address
    context.close()

    fresh = browser.new_context()
    again = fresh.new_page()
    errors += watch(again)
    open_planner(again, address)
    again.wait_for_selector(".rx-p-sheet:not([hidden]) .rx-p-weeks")
    assert calendar(again) == weeks
    assert again.url == address, "reading and writing the address must give it back unchanged"
    assert again.locator(".rx-p-notice").inner_text() == ""
    assert again.get_by_label("Start date").input_value() == START
    assert [again.locator(f'.rx-p-days input[value="{n}"]').is_checked() for n in range(7)] == [n in DAYS for n in range(7)]
    fresh.close()
    assert not errors, errors


def test_a_longer_recent_run_starts_further_on(page, site_url, plan):
    make_plan(page, site_url, longest="6")  # longer than the second stage's runs (5 min), shorter than the last's
    assert page.url.endswith("&l=6&c=11")
    assert shown_days(page) == expected_sessions(plan, date(2026, 12, 7), DAYS, longest=6)
    assert "stage 2" in page.locator('[data-slot="summary"]').inner_text()


def test_not_ready_plans_exercises_and_the_checks_again(page, site_url, plan):
    make_plan(page, site_url, ticked=False)
    assert page.url.endswith("&c=00")
    retry = date(2026, 12, 7) + timedelta(days=plan.entry.retry_days)
    assert shown_days(page) == expected_sessions(plan, date(2026, 12, 7), DAYS, ready=False)
    assert ("checks" in dict(shown_days(page)).get(retry.isoformat(), ""))
    summary = page.locator('[data-slot="summary"]').inner_text()
    assert "not ready" in summary and plan.entry.not_ready in summary and "Monday, December 14, 2026" in summary
    assert page.locator(".rx-p-checks").inner_text().count("Walk for 20 minutes") == 1


def test_the_form_names_what_is_wrong_and_keeps_what_was_typed(page, site_url):
    open_planner(page, f"{site_url}{SLUG}/")
    page.get_by_label("Your longest non-stop run").fill("9999")
    page.get_by_role("button", name="Make my plan").click()
    notice = page.locator(".rx-p-notice").inner_text()
    assert "Days you can run" in notice and "Longest run" in notice
    assert page.locator(".rx-p-sheet").is_hidden()
    assert page.get_by_label("Your longest non-stop run").input_value() == "9999"
    assert page.get_by_label("Your longest non-stop run").get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize("address, named", [
    ("#v=1&s=2026-02-30&d=0,2,4&c=11&zz=1", ["start date “2026-02-30”", "“zz=1”"]),
    ("#v=1&s=2026-12-07&d=0,9&c=1", ["days “0,9”", "checks have changed"]),
    ("#v=1&s=2026-12-07&d=1,3&c=1", ["checks have changed"]),
    ("#v=9&s=2026-12-07", ["not a plan this page knows"]),
    ("#v=1&s=%E0%A4%A&d=1", ["not understood"]),
])
def test_a_damaged_address_gives_a_notice_and_keeps_the_rest(page, site_url, address, named):
    errors = watch(page)
    open_planner(page, f"{site_url}{SLUG}/{address}")
    page.wait_for_function("document.querySelector('.rx-p-notice').textContent.length > 0")
    notice = page.locator(".rx-p-notice").inner_text()
    assert notice.startswith("Part of this address could not be read")
    for words in named:
        assert words in notice, (words, notice)
    if "d=1,3" in address:  # checks that cannot be read are not ticked: not ready yet
        assert page.url.endswith("&c=00") and "not ready" in page.locator('[data-slot="summary"]').inner_text()
    if "d=0,2,4" in address:  # the days were read: the plan is shown from today
        assert page.locator(".rx-p-sheet").is_visible()
        assert page.get_by_label("Start date").input_value() == date.today().isoformat()
    assert not errors, errors


def test_hostile_text_in_the_address_stays_text(page, site_url):
    hostile = quote('<img src=x onerror=alert(1)><script>alert(2)</script>"&')
    errors = watch(page)
    open_planner(page, f"{site_url}{SLUG}/#v=1&s={hostile}&d=0,2,4&l={hostile}&c={hostile}&{hostile}={hostile}")
    page.wait_for_function("document.querySelector('.rx-p-notice').textContent.length > 0")
    assert "<img src=x" in page.locator(".rx-p-notice").inner_text()
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], .md-content script').length") == 0
    assert not errors, errors


# --- the printed sheet, and its QR code -------------------------------------------------------

from test_builder import printed_qr_codes  # noqa: E402
from test_print import FONTS, PAPER, flat, open_in_font, print_pdf  # noqa: E402


@pytest.fixture(scope="module")
def addresses(browser, site_url) -> dict[str, str]:
    """Plans to print: three days a week, and one day a week (the longest plan the fixture makes)."""
    made = {}
    for name, days in (("three days", DAYS), ("one day", [5])):
        context = browser.new_context()
        page = context.new_page()
        make_plan(page, site_url, days=days)
        made[name] = page.url
        context.close()
    return made


@pytest.mark.parametrize("which", ["three days", "one day"])
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("font", FONTS)
def test_the_plan_prints_on_one_sheet_with_its_qr_code(browser, addresses, plan, project, font, paper, which):
    address = addresses[which]
    context = browser.new_context()
    tab = context.new_page()
    errors = watch(tab)
    open_in_font(tab, address, font)
    tab.wait_for_selector(".rx-p-weeks")
    tab.wait_for_function("document.querySelector('.rx-p-sheet .rx-qr svg')")
    weeks = tab.locator(".rx-p-weeks tbody tr").count()
    pages, text, pdf = print_pdf(tab, font, format=paper)
    assert pages == 1, f"the {which} plan of {weeks} weeks in {font} prints on {pages} {paper} sheets"
    # A long plan's cells score on one line, D and M, as the key says; a short one's say During and Morning.
    assert ("Morning" in text) == (weeks <= 8) and "(D)" in text and "(M)" in text
    for words in (f"{plan.name}: your plan", f"Week {weeks}", plan.advance.text, plan.setback.text,
                  read_data(project, "exercises/rules.yml")["pain"]["name"], "This plan's address"):
        assert flat(words) in flat(text), f"{words!r} missing from the printed plan"
    for words in ("Make this plan yours", "Your log", "Print the plan", "Before your first session"):
        assert words not in text, f"{words!r} must not print with the plan"
    decoded = printed_qr_codes(pdf, dpi=150)
    assert decoded == [address], f"the printed QR code reads {decoded}"
    context.close()
    assert not errors, errors


def test_the_printed_sheet_is_legible_and_its_boxes_can_be_written_in(page, addresses):
    page.goto(addresses["one day"])
    page.wait_for_selector(".rx-p-weeks")
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.rx-p-sheet *')]
                 .filter(e => e.offsetParent && !e.closest('svg')
                              && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 10.6, f"text of {smallest}px (< 8 pt) on the printed plan"
    boxes = page.locator(".rx-p-blank").evaluate_all("bs => bs.map(b => b.getBoundingClientRect().width)")
    assert boxes and min(boxes) >= 4 * 96 / 25.4, "a score box narrower than 4 mm"


# --- the calendar file --------------------------------------------------------------------------


def test_add_to_calendar_downloads_the_planned_days(page, site_url, plan):
    import icalendar

    make_plan(page, site_url)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Add to calendar").click()
    download = caught.value
    assert download.suggested_filename == f"{SLUG}.ics"
    data = open(download.path(), "rb").read()
    parsed = icalendar.Calendar.from_ical(data)
    events = [(e.decoded("dtstart").isoformat(), str(e["summary"]), str(e["uid"])) for e in parsed.walk("VEVENT")]
    planned = schedule(plan, date(2026, 12, 7), set(DAYS))
    expected = [(e.day.isoformat(), e.summary, e.uid) for e in plan_events(plan, planned, "example.github.io")]
    assert events == expected, "the calendar file must hold the planned days, as Python makes them"
    assert sum("stage" in summary for _, summary, _ in events) == sum(w.sessions for w in planned.weeks) > 0


# --- without JavaScript, and before it runs -----------------------------------------------------


def test_without_javascript_the_plan_table_is_the_page(browser, site_url, plan):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{SLUG}/")
    notice = page.locator(".rx-nojs")
    assert notice.is_visible() and "needs JavaScript" in notice.inner_text()
    assert not page.locator(".rx-planner").is_visible()
    assert page.get_by_role("button").filter(has_text="Make my plan").count() == 0 or not page.get_by_role("button", name="Make my plan").is_visible()
    table = page.locator("h2#plan ~ table").first
    assert table.is_visible() and table.locator("tbody tr").count() == len(plan.stages)
    context.close()


class SlowScripts(PagesHandler):
    """The site, with the planner's scripts 2.5 s late, as on a slow connection."""

    def send_head(self):
        if "/assets/planner" in self.path:
            time.sleep(2.5)
        return super().send_head()


@pytest.fixture
def slow_site_url(built_site):
    handler = type("Handler", (SlowScripts,), {"prefix": PREFIX, "root": built_site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_no_javascript_notice_never_shows_while_scripts_load(page, slow_site_url):
    # Every frame, from the first, notes whether the notice (or a planner control) is on screen.
    page.add_init_script("""(() => {
        self.__seen = [];
        const look = () => {
            for (const e of document.querySelectorAll('.rx-nojs'))
                if (e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden') self.__seen.push(e.className + '@' + performance.now());
            if (!document.querySelector('.rx-planner:not([hidden])')) requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
    })()""")
    began = time.monotonic()
    page.goto(f"{slow_site_url}{SLUG}/", wait_until="commit")
    page.wait_for_selector(".rx-planner:not([hidden])", timeout=20000)
    assert time.monotonic() - began >= 2.5, "the scripts were not delayed"
    seen = page.evaluate("self.__seen")
    assert seen == [], f"shown before the planner was ready: {seen[:3]}"


# --- the log on this device ---------------------------------------------------------------------

from decimal import Decimal  # noqa: E402

from exercise_site.return_plan import Logged, Result, next_session, session_cap, start_stage  # noqa: E402


def log_entry(page, day: date, minutes="", during="0", morning="0", kind="run", km="", note="") -> None:
    form = page.locator(".rx-p-log-form")
    form.get_by_label("Date", exact=True).fill(day.isoformat())
    form.get_by_label("What").select_option(kind)
    form.get_by_label("Minutes").fill(str(minutes))
    form.get_by_label("Kilometres").fill(str(km))
    form.get_by_label("Pain during").fill(str(during))
    form.get_by_label("Pain the next morning").fill(str(morning))
    form.get_by_label("Note").fill(note)
    before = page.locator(".rx-p-log-notice").inner_text()
    form.get_by_role("button", name="Add to the log").click()
    page.wait_for_function("before => document.querySelector('.rx-p-log-notice').textContent !== before", arg=before)


def entries_shown(page) -> list[str]:
    return page.locator(".rx-p-entries li").evaluate_all(
        "items => items.map(li => [...li.childNodes].filter(n => !n.matches || !n.matches('button')).map(n => n.textContent).join('').trim())")


def test_a_week_of_runs_gives_the_next_stage_then_the_cap(browser, site_url, plan):
    today = date.today()
    context = browser.new_context()
    page = context.new_page()
    errors = watch(page)
    open_planner(page, f"{site_url}{SLUG}/")
    assert "Nothing logged yet" in page.locator(".rx-p-entries").inner_text()
    assert "entries stay on this device" in page.locator(".rx-p-stays").inner_text()
    week = [today - timedelta(days=n) for n in (8, 6, 4)]
    for day in week:
        log_entry(page, day, minutes=plan.stages[0].total_minutes)
    expected = next_session(plan, [Result(day, 0, 0) for day in week], today)
    assert (expected.stage, expected.action) == (1, "advance")
    panel = page.locator(".rx-p-next").inner_text()
    assert f"Next session: stage {expected.stage + 1}, {stage_summary(plan.stages[expected.stage])}." in panel
    assert "Move up a stage" in panel
    assert len(entries_shown(page)) == 3

    # A run at the first stage that hurt the next morning: no running for now, no stage named, and
    # the warning signs in the plan's own words.
    log_entry(page, today - timedelta(days=2), minutes=10, morning="3")
    assert next_session(plan, [Result(day, 0, 0) for day in week] + [Result(today - timedelta(days=2), 0, 3)], today).action == "stop"
    panel = page.locator(".rx-p-next").inner_text()
    assert "stop running for now" in panel.lower() and "Next session" not in panel, panel
    assert plan.setback.not_a_stage_problem in panel

    # The entries survive a reload; with a recent run as long as the last stage's, the stages are done: the cap.
    page.reload()
    page.wait_for_selector(".rx-planner:not([hidden])")
    assert len(entries_shown(page)) == 4
    last = plan.stages[-1].run_minutes
    make_plan(page, site_url, longest=str(last), start=today.isoformat())
    assert start_stage(plan, last) == len(plan.stages)
    log_entry(page, today - timedelta(days=1), minutes=last + 3, km="5.3")
    # The cap builds on runs without pain: the one that hurt (2 days ago) is left out.
    logged = [Logged(today - timedelta(days=n), Decimal(m)) for n, m in ((8, 20), (6, 20), (4, 20), (1, last + 3))]
    cap = session_cap(logged, today, plan.cap)
    assert cap.status == "cap"
    panel = page.locator(".rx-p-next").inner_text()
    assert "You have passed the last stage" in panel and plan.cap.text in panel
    assert f"at most {cap.limit} min" in panel, panel
    km = session_cap([Logged(today - timedelta(days=1), Decimal("5.3"), "km")], today, plan.cap, "km")
    assert f"at most {km.limit} km" in panel
    context.close()
    assert not errors, errors


def test_no_run_logged_and_a_long_gap_are_worded_plainly(page, site_url, plan):
    today = date.today()
    make_plan(page, site_url, longest=str(plan.stages[-1].run_minutes), start=today.isoformat())
    page.wait_for_function("document.querySelector('.rx-p-next').textContent.includes('no cap in minutes yet')")
    log_entry(page, today - timedelta(days=plan.cap.window_days + 1), minutes=25)
    assert "start again at stage 1" in page.locator(".rx-p-next").inner_text()


def test_the_log_names_what_is_wrong_and_keeps_the_entry_typed(page, site_url):
    open_planner(page, f"{site_url}{SLUG}/")
    form = page.locator(".rx-p-log-form")
    form.get_by_label("Minutes").fill("25")
    form.get_by_label("Pain during").fill("12")
    form.get_by_label("Note").fill("x" * 201)
    form.get_by_role("button", name="Add to the log").click()
    notice = page.locator(".rx-p-log-notice").inner_text()
    assert notice.startswith("Not added") and "Pain during" in notice and "Note" in notice, notice
    assert form.get_by_label("Note").input_value() == "x" * 201, "nothing typed is dropped"
    assert form.get_by_label("Pain during").get_attribute("aria-invalid") == "true"
    assert "Nothing logged yet" in page.locator(".rx-p-entries").inner_text()


HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>"&{{7*7}}'


def test_log_export_import_and_hostile_text_stay_text(browser, site_url, tmp_path):
    today = date.today()
    context = browser.new_context()
    page = context.new_page()
    errors = watch(page)
    open_planner(page, f"{site_url}{SLUG}/")
    log_entry(page, today - timedelta(days=2), minutes=12, note=HOSTILE)
    log_entry(page, today - timedelta(days=1), kind="exercises", during="1", morning="")
    shown = entries_shown(page)
    assert any(HOSTILE in entry for entry in shown) and any("not scored yet" in entry for entry in shown), shown
    with page.expect_download() as caught:
        page.get_by_role("button", name="Export CSV").click()
    csv = tmp_path / "log.csv"
    caught.value.save_as(csv)
    assert csv.read_text().splitlines()[0] == "day,kind,minutes,km,during,morning,note"
    context.close()

    fresh = browser.new_context()
    again = fresh.new_page()
    errors += watch(again)
    open_planner(again, f"{site_url}{SLUG}/")
    bad = tmp_path / "more.csv"
    unquoted = HOSTILE.replace('"', "")
    bad.write_text(csv.read_text() + f"not a day,run,10,,0,0,fine\n{today},run,=1+2,,0,0,{unquoted}\n")
    again.locator(".rx-p-import input").set_input_files(str(csv))
    again.wait_for_function("document.querySelector('.rx-p-log-notice').textContent.includes('2 new')")
    assert sorted(entries_shown(again)) == sorted(shown), "export then import gives the same entries"
    again.locator(".rx-p-import input").set_input_files(str(bad))
    again.wait_for_function("document.querySelector('.rx-p-log-notice').textContent.includes('0 new, 2 already')")
    notice = again.locator(".rx-p-log-notice").inner_text()
    assert "Lines left out of more.csv" in notice and "4: Day" in notice and "5: Minutes" in notice, notice
    assert len(entries_shown(again)) == 2
    assert again.evaluate("() => document.querySelectorAll('img[src=\"x\"], .md-content script').length") == 0
    fresh.close()
    assert not errors, errors


# --- accessibility with a plan, a log and a notice on the page ---------------------------------


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 360)])
def test_the_planner_with_a_plan_has_no_serious_axe_violation(browser, site_url, scheme, width):
    """The planner itself (tests/test_quality.py runs axe on the whole page as built)."""
    from test_quality import axe_violations

    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    open_planner(page, f"{site_url}{SLUG}/#v=1&s={START}&d=0,2,4&c=10&zz")  # the notice is shown too
    page.wait_for_selector(".rx-p-weeks")
    log_entry(page, date.today() - timedelta(days=1), minutes=20, morning="", note="slow")
    violations = axe_violations(page, page.url, ".rx-planner")
    context.close()
    assert not violations, violations


# --- the offline copy -------------------------------------------------------------------------


def test_the_planner_works_in_the_offline_copy(browser, offline_zip):
    from conftest import offline_folder

    folder = offline_folder(offline_zip)
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors = watch(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((folder / SLUG / "index.html").as_uri() + f"#v=1&s={START}&d=0,2,4&c=11")
    page.wait_for_selector(".rx-p-weeks")
    page.wait_for_function("document.querySelector('.rx-p-sheet .rx-qr svg')")
    # A phone cannot open a file: the printed address is the published site's, with the plan.
    printed = page.locator('[data-slot="address"]').inner_text()
    assert printed.startswith("https://") and f"/{SLUG}/" in printed and printed.endswith(f"#v=1&s={START}&d=0,2,4&c=11"), printed
    log_entry(page, date.today() - timedelta(days=1), minutes=20)
    assert "Added to the log" in page.locator(".rx-p-log-notice").inner_text()
    context.close()
    assert not errors, errors
    outside = sorted({u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))})
    assert not outside, outside


def test_runs_that_keep_hurting_say_to_see_someone_with_the_red_flags(page, site_url, plan):
    today = date.today()
    open_planner(page, f"{site_url}{SLUG}/")
    hurt = [today - timedelta(days=n) for n in (4, 2)][:plan.setback.see_someone_in_a_row]
    for day in hurt:
        log_entry(page, day, minutes=10, during="3")
    assert next_session(plan, [Result(day, 3, 0) for day in hurt], today).action == "see someone"
    panel = page.locator(".rx-p-next")
    assert STOP_UNTIL_SEEN in panel.inner_text() and plan.setback.not_a_stage_problem in panel.inner_text()
    assert panel.get_by_role("link", name="when to see a professional").get_attribute("href") == f"../red-flags/#{plan.setback.section}"


def test_after_the_last_stage_a_run_that_hurt_holds_the_cap(page, site_url, plan):
    """Past the stages: a longer run that hurt gives no cap and sets no new longest; a later run
    without pain brings the cap back, built on the runs without pain; hurting again and again
    says to see someone."""
    today = date.today()
    last = plan.stages[-1].run_minutes
    make_plan(page, site_url, longest=str(last), start=today.isoformat())
    log_entry(page, today - timedelta(days=6), minutes=last)
    log_entry(page, today - timedelta(days=4), minutes=last + 10, during="4", morning="3")
    panel = page.locator(".rx-p-next").inner_text()
    assert "do not make the next one longer" in panel and "at most" not in panel, panel
    assert plan.setback.not_a_stage_problem in panel
    log_entry(page, today - timedelta(days=2), minutes=last - 5)
    cap = session_cap([Logged(today - timedelta(days=n), Decimal(m)) for n, m in ((6, last), (2, last - 5))], today, plan.cap)
    panel = page.locator(".rx-p-next").inner_text()
    assert f"at most {cap.limit} min" in panel, panel
    log_entry(page, today - timedelta(days=1), minutes=last, during="3", morning="2")
    results = [Result(today - timedelta(days=n), d, m) for n, d, m in ((6, 0, 0), (4, 4, 3), (2, 0, 0), (1, 3, 2))]
    expected = next_session(plan, results, today, len(plan.stages))
    panel = page.locator(".rx-p-next").inner_text()
    if expected.action == "see someone":
        assert STOP_UNTIL_SEEN in panel and "at most" not in panel, panel
    else:
        assert expected.action == "hold" and "do not make the next one longer" in panel, panel


def test_after_a_break_longer_than_the_window_the_plan_starts_again(page, site_url, plan):
    """Past the stages, the last run more than the cap's window ago: the plan says to start again at
    the first stage, after the checks, and shows no cap and no "passed the last stage"."""
    today = date.today()
    last = plan.stages[-1].run_minutes
    make_plan(page, site_url, longest=str(last), start=today.isoformat())
    long_ago = today - timedelta(days=plan.cap.window_days + 1)
    log_entry(page, long_ago, minutes=last)
    expected = next_session(plan, [Result(long_ago, 0, 0)], today, len(plan.stages))
    assert (expected.stage, expected.action) == (0, "start again")
    panel = page.locator(".rx-p-next").inner_text()
    assert "start again at stage 1" in panel and f"Next session: stage 1, {stage_summary(plan.stages[0])}." in panel, panel
    assert "passed the last stage" not in panel and "at most" not in panel, panel
    log_entry(page, today - timedelta(days=plan.cap.window_days), minutes=last)  # on the window's first day: no longer than that
    panel = page.locator(".rx-p-next").inner_text()
    assert "first run back no longer than your last one without pain" in panel and "at most" not in panel, panel
    log_entry(page, today - timedelta(days=2), minutes=last)  # a run within the week: the cap again
    panel = page.locator(".rx-p-next").inner_text()
    assert "passed the last stage" in panel and f"at most {last + last * plan.cap.percent // 100} min" in panel, panel


def test_a_new_log_after_seeing_someone_saves_the_old_one_first(page, site_url, plan, tmp_path):
    """Told to see someone, then cleared to run again: "Save and start a new log" hands over the whole
    log as a file before emptying it, the plan starts afresh, and importing the file brings every
    entry back."""
    today = date.today()
    make_plan(page, site_url, start=(today - timedelta(days=8)).isoformat())
    hurt = [today - timedelta(days=n) for n in (6, 4, 2)][-plan.setback.see_someone_in_a_row:]
    for day in hurt:
        log_entry(page, day, minutes=10, during="3", note="sore, 'quoted'")
    shown = entries_shown(page)
    panel = page.locator(".rx-p-next").inner_text()
    assert STOP_UNTIL_SEEN in panel and "start a new one" in panel, panel
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Save and start a new log").click()
    assert sorted(entries_shown(page)) == sorted(shown), "a dismissed question changes nothing"
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_download() as caught:
        page.get_by_role("button", name="Save and start a new log").click()
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    assert saved.name == f"{SLUG.rstrip('/')}-log-{today.isoformat()}.csv"
    assert len(saved.read_text().strip().splitlines()) == len(hurt) + 1
    notice = page.locator(".rx-p-log-notice").inner_text()
    assert f"{len(hurt)} entries were saved to the file {saved.name}" in notice, notice
    assert "Nothing logged yet" in page.locator(".rx-p-entries").inner_text()
    assert STOP_UNTIL_SEEN not in page.locator(".rx-p-next").inner_text()
    # The old plan is closed with it: no address, no sheet, and nothing offered to open it again.
    assert "#" not in page.url and page.locator(".rx-p-sheet").is_hidden()
    assert page.locator(".rx-p-next").inner_text().startswith("No plan is open")
    page.reload()
    page.wait_for_selector(".rx-planner:not([hidden])")
    assert "Nothing logged yet" in page.locator(".rx-p-entries").inner_text(), "the new log is what is kept"
    assert page.locator(".rx-p-kept").is_hidden()
    page.locator(".rx-p-import input").set_input_files(str(saved))
    page.wait_for_function(f"document.querySelector('.rx-p-log-notice').textContent.includes('{len(hurt)} new')")
    assert sorted(entries_shown(page)) == sorted(shown)
    # The copy kept on the device brings the same entries back, once, and then its button goes.
    page.get_by_role("button", name="Bring back the previous log").click()
    assert f"0 entries added, {len(hurt)} already in the log" in page.locator(".rx-p-log-notice").inner_text()
    assert sorted(entries_shown(page)) == sorted(shown) and page.locator(".rx-p-restore").is_hidden()


def test_the_latest_plan_opens_again_from_this_device(page, site_url, plan):
    """Opened without its address, the page offers the plan last made on this device, and the log
    then counts from that plan's stage; a fresh browser is offered nothing."""
    last = plan.stages[-1].run_minutes
    make_plan(page, site_url, longest=str(last - 1))
    address = page.url
    page.goto(f"{site_url}{SLUG}/")
    page.wait_for_selector(".rx-planner:not([hidden])")
    offer = page.get_by_role("link", name="Open the plan you last made on this device")
    assert offer.is_visible() and page.locator(".rx-p-sheet").is_hidden()
    assert "address of the latest plan" in page.locator(".rx-p-stays").inner_text()
    page.wait_for_function("document.querySelector('.rx-p-next').textContent.includes('Or open the plan you last made')")
    offer.click()
    page.wait_for_selector(".rx-p-sheet:not([hidden]) .rx-p-weeks")
    assert page.url == address and page.locator(".rx-p-kept").is_hidden()
    stage = start_stage(plan, last - 1)
    assert f"Next session: stage {stage + 1}," in page.locator(".rx-p-next").inner_text()
    fresh = page.context.browser.new_context().new_page()
    fresh.goto(f"{site_url}{SLUG}/")
    fresh.wait_for_selector(".rx-planner:not([hidden])")
    assert fresh.locator(".rx-p-kept").is_hidden()
    fresh.wait_for_function("document.querySelector('.rx-p-next').textContent.startsWith('No plan is open')")
    assert "Or open the plan" not in fresh.locator(".rx-p-next").inner_text()
    fresh.context.close()


def test_a_chosen_day_the_plan_rests_is_named_in_the_summary(page, site_url, plan):
    """Monday, Wednesday, Friday and Sunday: whichever of them the plan makes an exercise day (for the
    rest day between runs or the most runs a week) the summary names; with days apart, none."""
    import calendar
    chosen = (0, 2, 4, 6)
    make_plan(page, site_url, days=chosen)
    planned = schedule(plan, date.fromisoformat(START), set(chosen))
    rested = sorted({d.day.weekday() for w in planned.weeks for d in w.days if d.kind == "between" and d.day.weekday() in chosen})
    assert rested, "four days a week, one straight after another: some chosen day must be rested"
    summary = page.locator(".rx-p-summary").inner_text()
    assert f"On {', '.join(calendar.day_name[n] for n in rested)}, the plan sometimes puts exercises instead" in summary, summary
    make_plan(page, site_url, days=(0, 2, 4))
    assert "puts exercises instead" not in page.locator(".rx-p-summary").inner_text()
    # Past the stages the plan is one week: Monday after Sunday is named too.
    make_plan(page, site_url, days=chosen, longest=str(plan.stages[-1].run_minutes))
    summary = page.locator(".rx-p-summary").inner_text()
    assert "Never run two days in a row: on Monday, do your exercises instead" in summary, summary


def test_a_run_past_the_cap_is_named_and_sets_no_higher_cap(page, site_url, plan):
    today = date.today()
    last = plan.stages[-1].run_minutes
    make_plan(page, site_url, longest=str(last), start=today.isoformat())
    over = last + last * plan.cap.percent // 100 + 2
    log_entry(page, today - timedelta(days=6), minutes=last)
    log_entry(page, today - timedelta(days=3), minutes=over)
    cap = session_cap([Logged(today - timedelta(days=6), Decimal(last)), Logged(today - timedelta(days=3), Decimal(over))], today, plan.cap)
    assert cap.limit == over and cap.over is not None
    panel = page.locator(".rx-p-next").inner_text()
    assert f"Your {over} min run on {(today - timedelta(days=3)).isoformat()} was more than" in panel, panel
    assert f"at most {over} min" in panel and f"({last} min on" in panel, panel
