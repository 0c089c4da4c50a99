"""The planner's calendar file in the browser (overrides/assets/planner/ical.js): its events are
return_plan.plan_events', its file is ical.calendar's byte for byte, and a maintained iCalendar
library (`icalendar`) reads it back with every event's day and title. In real Chromium, on the
fixture project's plan."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest

from exercise_site.ical import PRODID, Event, calendar
from exercise_site.return_plan import plan_events, schedule, schedule_json

from conftest import ROOT
from test_planner_rules import plan, rules  # noqa: F401  (the project's plan, and its JSON as the page has it)

PLANNER = ROOT / "overrides" / "assets" / "planner"
STAMP = datetime(2026, 12, 6, 1, 30, 5, tzinfo=timezone.utc)
SITE = "Fixture Exercises"
DOMAIN = "example.github.io"


@pytest.fixture
def ics_page(page):
    page.set_content("<!doctype html><title>ics</title>")
    for name in ("rules.js", "ical.js"):
        page.add_script_tag(path=str(PLANNER / name))
    return page


def js_calendar(tab, rules, start: str, weekdays: list[int], ready: bool = True, longest=None) -> tuple[list[dict], str]:
    return tab.evaluate("""([r, start, weekdays, ready, longest, domain, site, stamp]) => {
        const S = self.ExerciseSite;
        const planned = S.planRules.schedule(r, start, weekdays, ready, longest);
        const events = S.planIcal.events(r, planned, domain);
        return [events, S.planIcal.write(events, {rules: r, site, stamp})];
    }""", [rules, start, weekdays, ready, longest, DOMAIN, SITE, STAMP.isoformat()])


def python_calendar(plan, start: date, weekdays: list[int], ready: bool = True, longest=None) -> tuple[list[Event], str]:
    events = plan_events(plan, schedule(plan, start, set(weekdays), ready, longest), DOMAIN)
    return events, calendar(events, PRODID.format(site=SITE), STAMP, name=plan.name)


def event_json(event: Event) -> dict:
    return {"day": event.day.isoformat(), "summary": event.summary, "uid": event.uid, "description": event.description,
            "alarm": event.alarm}


@pytest.mark.parametrize(("start", "weekdays", "ready", "longest"), [
    (date(2026, 1, 5), [0, 2, 4], True, None),
    (date(2026, 12, 28), list(range(7)), True, None),  # over a new year
    (date(2024, 2, 26), [5, 6], True, None),  # a leap day, and weeks too short
    (date(2026, 3, 29), [1, 3, 5], True, 6),  # a clock change in Europe
    (date(2026, 1, 5), [0, 2, 4], False, None),  # not ready: exercises, then the checks again
])
def test_the_browsers_file_is_pythons_byte_for_byte(ics_page, plan, rules, start, weekdays, ready, longest):
    events, text = js_calendar(ics_page, rules, start.isoformat(), weekdays, ready, longest)
    expected_events, expected = python_calendar(plan, start, weekdays, ready, longest)
    assert events == [event_json(e) for e in expected_events]
    assert text.encode("utf-8") == expected.encode("utf-8")

    parsed = icalendar.Calendar.from_ical(text)
    vevents = list(parsed.walk("VEVENT"))
    planned = schedule(plan, start, set(weekdays), ready, longest)
    done = [d.day for w in planned.weeks for d in w.days if d.kind == "done"]
    assert len(vevents) == sum(len(w.days) for w in planned.weeks) - len(done) + bool(done) == len(expected_events)
    assert [v.decoded("DTSTART") for v in vevents if "plan done" in str(v["SUMMARY"])] == done[:1]
    assert bool(done) == ready, "a plan ends with the day it is done, and one event for it"
    assert str(parsed["PRODID"]) == f"-//{SITE}//Plan//EN" and str(parsed["X-WR-CALNAME"]) == plan.name
    for vevent, event in zip(vevents, expected_events):
        assert vevent.decoded("DTSTART") == event.day and vevent.decoded("DTEND") == event.day + timedelta(days=1)
        assert str(vevent["SUMMARY"]) == event.summary and str(vevent["DESCRIPTION"]) == event.description
        assert str(vevent["UID"]) == event.uid
        assert vevent.decoded("DTSTAMP") == STAMP
        alarms = list(vevent.walk("VALARM"))
        # A reminder the evening before a session, the checks, or the day the plan is done.
        if "stage" in event.summary or "checks" in event.summary or "plan done" in event.summary:
            (alarm,) = alarms
            assert alarm.decoded("TRIGGER") == -timedelta(hours=6) and str(alarm["ACTION"]) == "DISPLAY"
            assert str(alarm["DESCRIPTION"]) == event.summary
        else:
            assert alarms == []
    sessions = [(v.decoded("DTSTART"), str(v["SUMMARY"])) for v in vevents if "stage" in str(v["SUMMARY"])]
    planned_sessions = [(d.day, f"{plan.name}: stage {d.stage + 1}") for w in planned.weeks for d in w.days if d.kind == "session"]
    assert sessions == planned_sessions and (sessions or not ready)


def hostile_text(chance: random.Random) -> str:
    pieces = ["a,b", "c;d", "back\\slash", "two\nlines", "win\r\nbreak", "old\rmac", "é", "🏃", "日本", "<script>x</script>",
              "\\n", " ", "x" * chance.randint(1, 90), "=cmd"]
    return "".join(chance.choice(pieces) for _ in range(chance.randint(0, 12)))


def test_any_text_is_escaped_and_folded_as_python_does(ics_page, rules):
    chance = random.Random(7)
    cases = []
    for n in range(60):
        events = [Event(date(2026, 1, 1) + timedelta(days=chance.randint(0, 400)), hostile_text(chance),
                        f"u{n}-{i}@{DOMAIN}", hostile_text(chance), chance.random() < 0.5) for i in range(chance.randint(0, 4))]
        cases.append((events, hostile_text(chance) or "Fixture", hostile_text(chance)))
    payload = [{"events": [event_json(e) for e in events], "site": site, "name": name} for events, site, name in cases]
    written = ics_page.evaluate("""([r, cases, stamp]) => cases.map(c =>
        self.ExerciseSite.planIcal.write(c.events, {rules: r, site: c.site, stamp, name: c.name}))""",
                                [rules, payload, STAMP.isoformat()])
    for (events, site, name), text in zip(cases, written):
        assert text.encode("utf-8") == calendar(events, PRODID.format(site=site), STAMP, name=name).encode("utf-8")
        parsed = icalendar.Calendar.from_ical(text)
        read_back = list(parsed.walk("VEVENT"))
        assert [str(v["SUMMARY"]) for v in read_back] == [e.summary.replace("\r\n", "\n").replace("\r", "\n") for e in events]
        assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_the_same_plan_gives_the_same_uids(ics_page, rules):
    first, _ = js_calendar(ics_page, rules, "2026-01-05", [0, 2, 4])
    again, _ = js_calendar(ics_page, rules, "2026-01-05", [0, 2, 4])
    uids = [e["uid"] for e in first]
    assert uids == [e["uid"] for e in again] and len(set(uids)) == len(uids)


def test_a_schedule_from_python_gives_the_same_events(ics_page, plan, rules):
    """events() on the schedule as Python lays it out (what the page may carry), not only its own."""
    planned = schedule(plan, date(2026, 5, 4), {0, 3, 5})
    got = ics_page.evaluate("([r, s, d]) => self.ExerciseSite.planIcal.events(r, s, d)", [rules, schedule_json(planned), DOMAIN])
    assert got == [event_json(e) for e in plan_events(plan, planned, DOMAIN)]
