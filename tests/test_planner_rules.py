"""The planner's rules in the browser (overrides/assets/planner/rules.js) give the answers of
return_plan.py: on the worked examples (`examples`) and on many seeded random logs and plans over
weeks, in real Chromium, with the fixture project's plan handed over as the page gets it."""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.return_plan import (Logged, Result, browser_rules, examples, next_session, schedule, schedule_json,
                                       session_cap, start_stage)

from conftest import ROOT

PLANNER = ROOT / "overrides" / "assets" / "planner"
SEED = 20261206


@pytest.fixture(scope="module")
def plan(project):
    """The project's plan: the fixture project's back-to-jogging here, this site's under tests/site/."""
    plans = load_catalogue(project / "exercises").plans
    return plans[sorted(plans)[0]]


@pytest.fixture(scope="module")
def rules(plan):
    return json.loads(json.dumps(browser_rules(plan)))


@pytest.fixture
def rules_page(page):
    """A blank page with the planner's rule scripts, as classic scripts like the site loads them."""
    page.set_content("<!doctype html><title>rules</title>")
    for name in ("rules.js", "ical.js"):
        page.add_script_tag(path=str(PLANNER / name))
    assert page.evaluate("typeof self.ExerciseSite.planRules.schedule") == "function"
    return page


def cap_json(cap) -> dict:
    return {"status": cap.status, "on": cap.on.isoformat(), "first": cap.first.isoformat(), "last": cap.last.isoformat(),
            "longest": None if cap.longest is None else {"day": cap.longest.day.isoformat(), "amount": str(cap.longest.amount)},
            "limit": None if cap.limit is None else str(cap.limit),
            "over": None if cap.over is None else {"day": cap.over.day.isoformat(), "amount": str(cap.over.amount)}}


def next_json(answer) -> dict:
    return {"stage": answer.stage, "action": answer.action, "since": None if answer.since is None else answer.since.isoformat(),
            "painFree": answer.pain_free, "setbacks": answer.setbacks}


# --- the worked examples ----------------------------------------------------------------------------


def test_the_browser_rules_carry_the_plans_words(plan, rules):
    assert rules["slug"] == "back-to-jogging" and rules["name"] == plan.name
    assert rules["stage_summaries"][0] == "run 2 min, walk 2 min, 5 times (20 min)"  # the fixture project's first stage
    assert rules["texts"] == {"advance": plan.advance.text, "other_days": plan.week.other_days, "not_ready": plan.entry.not_ready,
                              "cap": plan.cap.text}
    assert rules["events"]["once"] == ["done"] and "done" in rules["events"]["summary"]


def test_the_examples_cover_the_edge_cases(plan):
    cases = examples(plan)
    caps = {c["case"]: (c["status"], c["limit"]) for c in cases["cap"]}
    assert caps["nothing logged"] == ("none", None) and caps["a long gap"] == ("gap", None)
    assert caps["on the window's first day"] == ("cap", "33") and caps["just outside the window"] == ("cap", "22")
    assert caps["on the window's last day"] == ("cap", "44") and caps["on the day itself"] == ("cap", "27")
    assert caps["kilometres"] == ("cap", "5.8") and caps["under a step"] == ("cap", "0.0")
    assert caps["zero-amount sessions"] == ("none", None) and caps["zero and a session"] == ("gap", None)
    assert caps["past the cap"] == ("cap", "35") and caps["past the cap, then as long again"] == ("cap", "38")
    assert caps["within the cap"] == ("cap", "36")
    actions = {c["case"]: c["action"] for c in cases["next"]}
    assert actions["a session at the first stage hurt"] == "stop" and actions["the first stage hurt, then went well"] == "repeat"
    assert actions["a step back to the first stage"] == "step back"  # it hurt at the second stage: go back, not stop
    assert actions["a break as long as the window"] != "start again"
    stages = {c["case"]: c["stage"] for c in cases["next"]}
    assert (actions["a week passed, then a break"], stages["a week passed, then a break"]) == ("resume", 0)  # the latest run 12 days ago
    assert (actions["a break inside the stage"], stages["a break inside the stage"]) == ("resume", 0)  # the count starts again at day 20
    assert (actions["pain during, the morning not scored yet"], stages["pain during, the morning not scored yet"]) == ("step back", 0)
    assert actions["after the plan, pain during, the morning not scored"] == "hold"
    assert actions["the first stage hurt twice, apart"] == "see someone"
    assert (actions["a run after a long break, at a later stage"], stages["a run after a long break, at a later stage"]) == ("repeat", 0)
    assert (actions["a run after a long break, past the stages"], stages["a run after a long break, past the stages"]) == ("repeat", 0)
    assert actions["a run after a long break hurt"] == "stop"
    assert (actions["a week's break inside a stage"], stages["a week's break inside a stage"]) == ("resume", 0)  # 12 and 14: two, not three
    assert actions["after the plan, a week's break"] == "ease back" and actions["after the plan, a week's break after a run that hurt"] == "hold"
    for case in ("a break longer than the window", "after the plan, a long break", "a long break after a setback"):
        assert (actions[case], stages[case]) == ("start again", 0), case
    assert {"start", "repeat", "resume", "advance", "step back", "stop", "see someone", "start again", "score the morning", "done", "hold", "ease back"} == set(actions.values())
    kinds = [{d["kind"] for w in c["schedule"]["weeks"] for d in w["days"]} for c in cases["schedule"]]
    assert all("done" in k for k, c in zip(kinds, cases["schedule"]) if c["ready"] and c["weekdays"]), "every plan ends within the cap"
    assert any("session" in k and "done" in k for k in kinds)
    for case in cases["schedule"]:  # no session, and no day left out, after the first day within the cap
        days = [d for w in case["schedule"]["weeks"] for d in w["days"]]
        done = [i for i, d in enumerate(days) if d["kind"] == "done"]
        assert not done or all(d["kind"] in ("done", "between") for d in days[done[0]:]), case
        assert len(days) % 7 == 0 or not case["ready"]


def test_the_cap_examples(rules_page, plan, rules):
    for case in examples(plan)["cap"]:
        logged = [{"day": d, "amount": amount, "unit": unit} for d, amount, unit in case["log"]]
        answer = rules_page.evaluate("([l, on, r, u]) => self.ExerciseSite.planRules.sessionCap(l, on, r, u)",
                                     [logged, case["on"], rules, case["unit"]])
        longest = None if case["longest"] is None else {"day": case["longest"][0], "amount": case["longest"][1]}
        assert (answer["status"], answer["limit"], answer["longest"]) == (case["status"], case["limit"], longest), case["case"]
        assert [answer["first"], answer["last"]] == [case["first"], case["last"]]


def test_the_cap_window(rules_page, rules):
    assert rules_page.evaluate("([r]) => self.ExerciseSite.planRules.capWindow('2024-03-31', r)", [rules]) == ["2024-03-01", "2024-03-30"]
    assert rules_page.evaluate("([r]) => self.ExerciseSite.planRules.capWindow('2024-03-01', r)", [rules]) == ["2024-01-31", "2024-02-29"]


def test_numbers_as_amounts(rules_page, rules):
    """A log may hold numbers rather than strings: 5.3 is not 5.2999... in the cap."""
    answer = rules_page.evaluate("([r]) => self.ExerciseSite.planRules.sessionCap([{day: '2024-01-01', amount: 5.3, unit: 'km'}],"
                                 " '2024-01-03', r, 'km')", [rules])
    assert answer["limit"] == "5.8" and answer["longest"] == {"day": "2024-01-01", "amount": 5.3}


def test_the_next_session_examples(rules_page, plan, rules):
    for case in examples(plan)["next"]:
        results = [{"day": d, "during": during, "morning": morning} for d, during, morning in case["log"]]
        answer = rules_page.evaluate("([r, l, on, s]) => self.ExerciseSite.planRules.nextSession(r, l, on, s)",
                                     [rules, results, case["on"], case["start"]])
        expected = {"stage": case["stage"], "action": case["action"], "since": case["since"], "painFree": case["pain_free"],
                    "setbacks": case["setbacks"]}
        assert answer == expected, case["case"]


def test_the_start_stage_examples(rules_page, plan, rules):
    for case in examples(plan)["start"]:
        got = rules_page.evaluate("([r, n]) => self.ExerciseSite.planRules.startStage(r, n)", [rules, case["longest"]])
        assert got == case["stage"], case


def test_the_schedule_examples(rules_page, plan, rules):
    for case in examples(plan)["schedule"]:
        got = rules_page.evaluate("([r, c]) => self.ExerciseSite.planRules.schedule(r, c.start, c.weekdays, c.ready, c.longest)",
                                  [rules, case])
        assert got == case["schedule"], case


# --- many random logs -------------------------------------------------------------------------------


def random_amount(chance: random.Random, unit: str) -> str:
    if chance.random() < 0.1:
        return chance.choice(["0", "0.0", "0.00"])
    if unit == "km":
        return f"{chance.randint(1, 2500) / 100:.{chance.choice([0, 1, 2])}f}".rstrip(".")
    return str(chance.randint(1, 120)) if chance.random() < 0.7 else f"{chance.randint(10, 1200) / 10}"


def test_random_caps_match_python(rules_page, plan, rules):
    chance = random.Random(SEED)
    cases, expected = [], []
    for _ in range(300):
        on = date(2024, 1, 1) + timedelta(days=chance.randint(0, 800))
        unit = chance.choice(["min", "km"])
        log = []
        for _ in range(chance.randint(0, 8)):
            logged_unit = unit if chance.random() < 0.85 else ("km" if unit == "min" else "min")
            log.append({"day": (on + timedelta(days=chance.randint(-70, 3))).isoformat(),
                        "amount": random_amount(chance, logged_unit), "unit": logged_unit})
        cases.append({"log": log, "on": on.isoformat(), "unit": unit})
        logged = [Logged(date.fromisoformat(e["day"]), Decimal(e["amount"]), e["unit"]) for e in log]
        expected.append(cap_json(session_cap(logged, on, plan.cap, unit)))
    got = rules_page.evaluate("([r, cases]) => cases.map(c => self.ExerciseSite.planRules.sessionCap(c.log, c.on, r, c.unit))",
                              [rules, cases])
    for case, mine, theirs in zip(cases, got, expected):
        assert mine == theirs, case
    statuses = {e["status"] for e in expected}
    assert statuses == {"cap", "none", "gap"}  # the random logs reach every answer
    assert any(e["over"] for e in expected) and any(e["status"] == "cap" and not e["over"] for e in expected)


def random_results(chance: random.Random, first: date) -> list[dict]:
    day, results = first, []
    for _ in range(chance.randint(0, 30)):
        day += timedelta(days=chance.choice([0, 1, 2, 2, 2, 3, 4, 9]))
        hurt = chance.random() < 0.15
        morning = None if chance.random() < 0.05 else (chance.randint(1, 6) if hurt and chance.random() < 0.6 else 0)
        during = chance.randint(1, 6) if hurt and morning == 0 else chance.choice([0, 0, 0, 1]) if chance.random() < 0.05 else 0
        results.append({"day": day.isoformat(), "during": during, "morning": morning})
    chance.shuffle(results)  # the log's order does not matter
    return results


def test_random_next_sessions_match_python(rules_page, plan, rules):
    chance, breaks = random.Random(SEED + 1), random.Random(SEED + 5)
    cases, expected = [], []
    for _ in range(300):
        first = date(2024, 1, 1) + timedelta(days=chance.randint(0, 400))
        results = random_results(chance, first)
        last = max([date.fromisoformat(r["day"]) for r in results], default=first)
        on = last + timedelta(days=chance.randint(0, 10))
        if breaks.random() < 0.1:  # a break about as long as the cap's window (its own stream keeps the others' cases)
            on = last + timedelta(days=plan.cap.window_days + breaks.randint(-1, 2))
        start = chance.choice([0, 0, 0, 1, 2, len(plan.stages)])
        cases.append({"results": results, "on": on.isoformat(), "start": start})
        answer = next_session(plan, [Result(date.fromisoformat(r["day"]), r["during"], r["morning"]) for r in results], on, start)
        expected.append(next_json(answer))
    got = rules_page.evaluate("([r, cases]) => cases.map(c => self.ExerciseSite.planRules.nextSession(r, c.results, c.on, c.start))",
                              [rules, cases])
    for case, mine, theirs in zip(cases, got, expected):
        assert mine == theirs, case
    assert {e["action"] for e in expected} == {"start", "repeat", "resume", "advance", "step back", "stop", "see someone", "start again", "score the morning", "done", "hold", "ease back"}


def test_random_schedules_match_python(rules_page, plan, rules):
    chance = random.Random(SEED + 2)
    cases, expected = [], []
    runs = [s.run_minutes for s in plan.stages]
    longest_runs = [None, None, 0, *[n + d for n in runs for d in (-1, 0, 1)], runs[-1] + 10]
    for _ in range(120):
        start = date(2024, 1, 1) + timedelta(days=chance.randint(0, 800))
        weekdays = sorted(chance.sample(range(7), chance.randint(0, 7)))
        ready = chance.random() < 0.85
        longest = chance.choice(longest_runs)
        max_weeks = chance.choice([26, 26, 4, 1])
        cases.append({"start": start.isoformat(), "weekdays": weekdays, "ready": ready, "longest": longest, "weeks": max_weeks})
        expected.append(schedule_json(schedule(plan, start, set(weekdays), ready, longest, max_weeks)))
    got = rules_page.evaluate("([r, cases]) => cases.map(c => self.ExerciseSite.planRules.schedule(r, c.start, c.weekdays, c.ready,"
                              " c.longest, c.weeks))", [rules, cases])
    for case, mine, theirs in zip(cases, got, expected):
        assert mine == theirs, case
    kinds = {d["kind"] for e in expected for w in e["weeks"] for d in w["days"]}
    assert kinds == {"session", "between", "checks", "done"}
    starts = {start_stage(plan, n) for n in longest_runs}
    assert {0, 1, len(plan.stages)} <= starts  # the first stage, a later one, and past the last (the cap applies)
    assert {c["ready"] for c in cases} == {True, False}


def test_days_are_utc_whatever_the_time_zone(browser, rules):
    """A reader far east or west of UTC gets the same days: no local-time date sums."""
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        context = browser.new_context(timezone_id=zone)
        try:
            tab = context.new_page()
            tab.set_content("<!doctype html><title>rules</title>")
            tab.add_script_tag(path=str(PLANNER / "rules.js"))
            planned = tab.evaluate("([r]) => self.ExerciseSite.planRules.schedule(r, '2024-03-30', [0, 2, 4, 5, 6], true, null)", [rules])
            assert planned["weeks"][0]["days"][0] == {"day": "2024-03-30", "kind": "session", "stage": 0}
            assert planned["weeks"][0]["days"][2]["day"] == "2024-04-01"
        finally:
            context.close()
