"""The iCalendar writer (ical.py) and a plan's calendar, checked against RFC 5545 by a strict reader
written here: CRLF line ends, no line over 75 octets, folds that begin with one space, the required
properties, whole-day dates, and text that reads back exactly as written. The issue asks for a
parse by a maintained library (`icalendar` on PyPI) as well: it is not in requirements.lock yet."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.ical import CRLF, LINE_OCTETS, Event, calendar, escape_text, fold
from exercise_site.return_plan import plan_events, schedule

from conftest import FIXTURE_SITE

STAMP = datetime(2026, 12, 6, 1, 30, tzinfo=timezone.utc)
_NAME = re.compile(r"^[A-Z][A-Z0-9-]*$")
_PARAM = re.compile(r'^[A-Z][A-Z0-9-]*=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*$')


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            following = value[i + 1]
            assert following in "\\;,nN", f"bad escape \\{following} in {value!r}"
            out.append("\n" if following in "nN" else following)
            i += 2
            continue
        assert char not in ";,", f"unescaped {char!r} in a text value: {value!r}"
        out.append(char)
        i += 1
    return "".join(out)


def read(text: str) -> list[dict]:
    """The calendar's components as dicts of property -> (params, value), strictly: any break of
    the rules the writer must follow fails the test."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical), "a bare LF or CR"
    assert all(len(line) <= LINE_OCTETS for line in physical), "a line over 75 octets"
    logical: list[str] = []
    for line in physical:
        decoded = line.decode("utf-8")  # a fold never splits a character
        if decoded.startswith((" ", "\t")):
            assert decoded.startswith(" ") and logical, "a continuation begins with one space"
            logical[-1] += decoded[1:]
        else:
            logical.append(decoded)
    stack: list[dict] = [{"_kind": "ROOT", "_children": []}]
    for line in logical:
        head, sep, value = line.partition(":")
        assert sep, f"no colon in {line!r}"
        name, *params = head.split(";")
        assert _NAME.match(name), name
        assert all(_PARAM.match(p) for p in params), params
        if name == "BEGIN":
            component = {"_kind": value, "_children": []}
            stack[-1]["_children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack[-1]["_kind"] == value, f"END:{value} closes {stack[-1]['_kind']}"
            stack.pop()
        else:
            assert name not in stack[-1], f"{name} twice"
            stack[-1][name] = (params, value)
    assert len(stack) == 1, "a component is not closed"
    (vcalendar,) = stack[0]["_children"]
    assert vcalendar["_kind"] == "VCALENDAR"
    assert vcalendar["VERSION"][1] == "2.0" and vcalendar["PRODID"][1]
    events = vcalendar["_children"]
    for event in events:
        assert event["_kind"] == "VEVENT"
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event, f"{required} missing"
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
        assert event["DTSTART"][0] == ["VALUE=DATE"] and re.fullmatch(r"\d{8}", event["DTSTART"][1])
        start = datetime.strptime(event["DTSTART"][1], "%Y%m%d").date()
        end = datetime.strptime(event["DTEND"][1], "%Y%m%d").date()
        assert end == start + timedelta(days=1)
    return events


def test_a_calendar_reads_back():
    events = read(calendar([Event(date(2026, 12, 7), "Stage 1", "a@example.org")], "-//Fixture//Plan//EN", STAMP))
    (event,) = events
    assert event["UID"][1] == "a@example.org" and event["DTSTART"][1] == "20261207"
    assert event["DTSTAMP"][1] == "20261206T013000Z"


@pytest.mark.parametrize("text", ["a, b; c \\ d", "two\nlines", "Windows\r\nbreak", "ünïcödé, ok", "\\n is not a newline"])
def test_text_is_escaped_and_reads_back_exactly(text):
    (event,) = read(calendar([Event(date(2026, 1, 1), text, "u@x", text)], "-//F//EN", STAMP))
    expected = text.replace("\r\n", "\n")
    assert unescape(event["SUMMARY"][1]) == expected and unescape(event["DESCRIPTION"][1]) == expected


def test_escaping_of_each_special_character():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


@pytest.mark.parametrize("length", [74, 75, 76, 149, 150, 151, 400])
def test_long_lines_fold_at_75_octets(length):
    line = "SUMMARY:" + "x" * (length - 8)
    folded = fold(line)
    parts = folded.split(CRLF)
    assert all(len(p.encode()) <= LINE_OCTETS for p in parts)
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line
    assert (len(parts) == 1) == (length <= LINE_OCTETS)


def test_a_fold_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "é" * 100 + "🏃" * 20
    parts = fold(line).split(CRLF)
    assert all(len(p.encode("utf-8")) <= LINE_OCTETS for p in parts)
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line  # each part decoded on its own


def test_a_plans_calendar_has_an_event_a_day_with_stable_uids():
    plan = load_catalogue(FIXTURE_SITE / "exercises").plans["back-to-jogging"]
    planned = schedule(plan, date(2026, 1, 5), {0, 2, 4})
    events = plan_events(plan, planned, "example.org")
    text = calendar(events, "-//Fixture Exercises//Plan//EN", STAMP, name=plan.name)
    read_back = read(text)
    done = [d.day for w in planned.weeks for d in w.days if d.kind == "done"]
    assert len(done) == 3, "the week the last stage is passed in has its sessions within the cap"
    # An event a day, but one only for the sessions within the cap: on the day the plan is done.
    assert len(read_back) == sum(len(w.days) for w in planned.weeks) - len(done) + 1
    (finished,) = [e for e in read_back if e["UID"][1].endswith("-done@example.org")]
    assert finished["DTSTART"][1] == f"{done[0]:%Y%m%d}" and unescape(finished["DESCRIPTION"][1]) == plan.cap.text
    assert unescape(finished["SUMMARY"][1]) == f"{plan.name}: plan done, the cap from now on"
    assert [c["_kind"] for c in finished["_children"]] == ["VALARM"], "a reminder the evening before"
    uids = [e["UID"][1] for e in read_back]
    assert len(set(uids)) == len(uids)
    assert uids == [e.uid for e in plan_events(plan, schedule(plan, date(2026, 1, 5), {0, 2, 4}), "example.org")]
    sessions = [e for e in read_back if unescape(e["SUMMARY"][1]).endswith("stage 1")]
    assert [e["DTSTART"][1] for e in sessions] == ["20260105", "20260107", "20260109"]
    assert "run 2 min, walk 2 min, 5 times (20 min)" in unescape(sessions[0]["DESCRIPTION"][1])



def test_a_reminder_the_evening_before_when_asked():
    text = calendar([Event(date(2026, 1, 5), "Stage 1, run", "a@x", alarm=True), Event(date(2026, 1, 6), "Rest", "b@x")], "-//F//EN", STAMP)
    first, second = read(text)
    (alarm,) = first["_children"]
    assert alarm["_kind"] == "VALARM" and alarm["TRIGGER"][1] == "-PT6H" and alarm["ACTION"][1] == "DISPLAY"
    assert unescape(alarm["DESCRIPTION"][1]) == "Stage 1, run"
    assert second["_children"] == []
