"""Issue 22's "Done when", end to end, in Chromium on the fixture project served as GitHub Pages
serves it under a project prefix: after a first visit the service worker controls the page; then,
with the network off, the entry questions make a plan, it prints on one sheet whose QR code reads
back as the full address, its calendar file parses, the decoded address opens the same plan in a
fresh tab, a logged week of runs says to move up, more runs finish the plan and give the next
run's cap, and the log is still there after a reload."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import icalendar
import pytest
from conftest import installed, pdf_info

from exercise_site.return_plan import Logged, Result, next_session, plan_events, schedule, session_cap, stage_summary
from test_builder import printed_qr_codes
from test_planner_page import (DAYS, SLUG, START, calendar, entries_shown, log_entry, make_plan, open_planner, plan,  # noqa: F401
                               watch)
from test_print import flat

pytestmark = pytest.mark.browser


def served_offline(page, failed: list[str]) -> None:
    """Every request of `page` that fails, other than one cut short by the next navigation, goes in `failed`."""
    page.on("requestfailed", lambda request: None if "ERR_ABORTED" in (request.failure or "")
            else failed.append(f"{request.url} ({request.failure})"))


def next_panel(page) -> str:
    return page.locator(".rx-p-next").inner_text()


def test_from_the_questions_to_the_cap_all_offline_after_the_first_visit(browser, site_url, plan):  # noqa: F811
    context, page, errors = installed(browser, f"{site_url}{SLUG}/")
    errors += watch(page)
    failed: list[str] = []
    served_offline(page, failed)
    # Only what the worker saved: not the browser's HTTP cache.
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    try:
        context.set_offline(True)

        # The entry questions, and the plan on the reader's days.
        make_plan(page, site_url)
        address = page.url
        assert address.startswith(site_url) and address.endswith(f"{SLUG}/#v=1&s={START}&d=0,2,4&c=11"), address
        weeks = calendar(page)
        planned = schedule(plan, date.fromisoformat(START), set(DAYS))
        assert len(weeks) == len(planned.weeks) and "Stage 1" in weeks[0][1]
        assert "Within the cap" in weeks[-1][1], "the week the plan is done in has its sessions within the cap"

        # Printed: one sheet, whose QR code reads back as the whole address.
        page.wait_for_function("document.querySelector('.rx-p-sheet .rx-qr svg')")
        pdf = page.pdf(format="A4", print_background=True)
        pages, text = pdf_info(pdf)
        assert pages == 1, f"the plan prints on {pages} sheets"
        assert f"{plan.name}: your plan" in text and flat(f"Within the cap: once the last stage is passed") in flat(text)
        decoded = printed_qr_codes(pdf, dpi=150)
        assert decoded == [address], f"the printed QR code reads {decoded}"

        # The calendar file, read by a maintained iCalendar library.
        with page.expect_download() as caught:
            page.get_by_role("button", name="Add to calendar").click()
        parsed = icalendar.Calendar.from_ical(open(caught.value.path(), "rb").read())
        events = [(e.decoded("dtstart"), str(e["summary"])) for e in parsed.walk("VEVENT")]
        assert events == [(e.day, e.summary) for e in plan_events(plan, planned, "example.github.io")]
        assert sum(summary.endswith("plan done, the cap from now on") for _, summary in events) == 1

        # The code scanned: its address in a fresh tab, still offline, gives the same plan.
        again = context.new_page()
        errors += watch(again)
        served_offline(again, failed)
        open_planner(again, decoded[0])
        again.wait_for_selector(".rx-p-sheet:not([hidden]) .rx-p-weeks")
        assert calendar(again) == weeks and again.url == address
        assert again.evaluate("() => Boolean(navigator.serviceWorker.controller)"), "not served by the worker"

        # A week of runs without pain, the latest over a week ago: the stage's pain-free week starts again.
        today = date.today()
        first_week = [today - timedelta(days=n) for n in (21, 19, 17)]
        for day in first_week:
            log_entry(again, day, minutes=plan.stages[0].total_minutes)
        assert next_session(plan, [Result(d, 0, 0) for d in first_week], today).action == "resume"
        panel = next_panel(again)
        assert f"Next session: stage 1, {stage_summary(plan.stages[0])}." in panel and "pain-free week starts again" in panel, panel

        # Then the other stages, each a week without pain: the plan is done, and the next run has its cap.
        later = [(n, plan.stages[1].total_minutes) for n in (14, 12, 10)] + [(n, plan.stages[2].total_minutes) for n in (7, 5, 3)]
        for n, minutes in later:
            log_entry(again, today - timedelta(days=n), minutes=minutes)
        runs = [(d, plan.stages[0].total_minutes) for d in first_week] + [(today - timedelta(days=n), m) for n, m in later]
        assert next_session(plan, [Result(d, 0, 0) for d, _ in runs], today).action == "done"
        cap = session_cap([Logged(d, Decimal(m)) for d, m in runs], today, plan.cap)
        assert cap.status == "cap"
        panel = next_panel(again)
        assert "You have passed the last stage" in panel and f"at most {cap.limit} min" in panel, panel

        # Reloaded, still offline: the log is kept on the device.
        shown = entries_shown(again)
        assert len(shown) == len(runs)
        again.reload()
        again.wait_for_selector(".rx-p-sheet:not([hidden]) .rx-p-weeks")
        again.wait_for_function("document.querySelector('.rx-p-next').textContent.includes('at most')")
        assert entries_shown(again) == shown and f"at most {cap.limit} min" in next_panel(again)
    finally:
        context.close()
    assert not errors, errors
    assert not failed, f"not served offline: {failed}"
