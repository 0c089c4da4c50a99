"""The walk-run planner's rules (return_plan.py) on the fixture project's plan: the cap on a session
and its 30-day window, the stage of the next session from a log, and the plan over weeks."""
from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from exercise_site.catalogue import load_catalogue
from exercise_site.return_plan import (Logged, Result, browser_rules, next_session, sample_week, schedule, session_cap,
                                       stage_repeats, stage_summary, start_stage, window)

from conftest import FIXTURE_SITE

DAY = date(2026, 3, 31)


@pytest.fixture(scope="module")
def plan():
    return load_catalogue(FIXTURE_SITE / "exercises").plans["back-to-jogging"]


def test_the_fixture_plan_is_read(plan):
    assert plan.slug == "back-to-jogging"
    assert [s.total_minutes for s in plan.stages] == [20, 17, 20]
    assert plan.stages[-1].continuous and not plan.stages[0].continuous
    assert (plan.cap.percent, plan.cap.window_days) == (10, 30)


# --- the cap ------------------------------------------------------------------------------------


def test_the_cap_is_the_longest_session_of_the_window_plus_ten_percent(plan):
    logged = [Logged(DAY - timedelta(days=3), Decimal(20)), Logged(DAY - timedelta(days=10), Decimal(30)),
              Logged(DAY - timedelta(days=1), Decimal(25))]
    cap = session_cap(logged, DAY, plan.cap)
    assert cap.status == "cap"
    assert cap.longest.amount == 30 and cap.limit == Decimal(33)


def test_the_cap_is_rounded_down_never_up(plan):
    cap = session_cap([Logged(DAY - timedelta(days=2), Decimal(25))], DAY, plan.cap)
    assert cap.limit == Decimal(27)  # 27.5 minutes would allow more than the rule
    km = session_cap([Logged(DAY - timedelta(days=2), Decimal("5.3"), "km")], DAY, plan.cap, "km")
    assert km.limit == Decimal("5.8")  # 5.83 km


def test_no_session_logged_means_no_cap_yet(plan):
    cap = session_cap([], DAY, plan.cap)
    assert cap.status == "none" and cap.limit is None and cap.longest is None


def test_sessions_of_another_unit_do_not_set_the_cap(plan):
    cap = session_cap([Logged(DAY - timedelta(days=2), Decimal(5), "km")], DAY, plan.cap, "min")
    assert cap.status == "none"


def test_a_long_gap_gives_no_cap_but_says_it_is_a_gap(plan):
    logged = [Logged(DAY - timedelta(days=45), Decimal(40))]
    cap = session_cap(logged, DAY, plan.cap)
    assert cap.status == "gap" and cap.limit is None


def test_the_window_is_the_thirty_days_before_both_ends_included(plan):
    first, last = window(DAY, plan.cap)
    assert first == DAY - timedelta(days=30) and last == DAY - timedelta(days=1)


@pytest.mark.parametrize(("days_before", "counts"), [(30, True), (31, False), (1, True), (0, False)])
def test_each_side_of_the_window_boundary(plan, days_before, counts):
    """A session exactly 30 days before counts, 31 days before does not; one the day before
    counts, one on the day itself does not (it is not before the session being capped)."""
    logged = [Logged(DAY - timedelta(days=10), Decimal(37)), Logged(DAY - timedelta(days=days_before), Decimal(40))]
    cap = session_cap(logged, DAY, plan.cap)
    assert cap.limit == (Decimal(44) if counts else Decimal(40))


def test_a_session_of_nothing_is_no_session(plan):
    assert session_cap([Logged(DAY - timedelta(days=2), Decimal(0))], DAY, plan.cap).status == "none"


def test_see_someone_stays_once_said(plan):
    log = [sore(START), sore(START + timedelta(days=2))] + [good(START + timedelta(days=n)) for n in range(4, 30, 2)]
    answer = next_session(plan, log, START + timedelta(days=31))
    assert answer.action == "see someone" and answer.stage == len(plan.stages)  # the sessions went on to the end; the advice stands


def test_a_session_after_the_day_is_ignored(plan):
    cap = session_cap([Logged(DAY + timedelta(days=2), Decimal(50))], DAY, plan.cap)
    assert cap.status == "none"


# --- the next session's stage --------------------------------------------------------------------


def good(day: date) -> Result:
    return Result(day, 0, 0)


def sore(day: date) -> Result:
    return Result(day, 3, 1)


START = date(2026, 1, 5)  # a Monday


def days(*offsets: int) -> list[date]:
    return [START + timedelta(days=n) for n in offsets]


def test_nothing_logged_starts_at_the_first_stage(plan):
    answer = next_session(plan, [], START)
    assert (answer.stage, answer.action) == (0, "start")


def test_a_stage_is_passed_after_enough_painless_sessions_and_a_week(plan):
    log = [good(d) for d in days(0, 2, 4)]
    assert next_session(plan, log, START + timedelta(days=6)).stage == 0  # three sessions, but not yet a week
    answer = next_session(plan, log, START + timedelta(days=7))
    assert (answer.stage, answer.action) == (1, "advance")


def test_a_week_is_not_enough_without_the_sessions(plan):
    log = [good(d) for d in days(0, 4)]
    answer = next_session(plan, log, START + timedelta(days=9))
    assert (answer.stage, answer.action, answer.pain_free) == (0, "repeat", 2)


def test_any_pain_during_or_the_next_morning_is_a_step_back(plan):
    log = [good(d) for d in days(0, 2, 4)] + [good(d) for d in days(7, 9, 11)] + [Result(START + timedelta(days=14), 0, 1)]
    answer = next_session(plan, log, START + timedelta(days=16))
    assert (answer.stage, answer.action) == (1, "step back")  # stage 2 (index 1) was reached on day 14, then it hurt


def test_a_step_back_never_goes_below_the_first_stage(plan):
    answer = next_session(plan, [sore(START)], START + timedelta(days=2))
    assert (answer.stage, answer.action, answer.setbacks) == (0, "stop", 1)


def test_steps_back_in_a_row_mean_see_someone(plan):
    """Two sessions in a row that hurt, each a step back (the fixture's `see_someone_in_a_row: 2`)."""
    log = [good(d) for d in days(0, 2, 4)] + [sore(START + timedelta(days=7)), sore(START + timedelta(days=9))]
    assert next_session(plan, log, START + timedelta(days=11)).action == "see someone"


def test_setbacks_at_one_stage_mean_see_someone(plan):
    """Three sessions that hurt at one stage (`see_someone_after: 3`), with good ones between."""
    log = []
    for n in range(3):
        log += [good(START + timedelta(days=20 * n)), sore(START + timedelta(days=20 * n + 2))]
    # a good session between ends a run of setbacks, but those at stage 0 add up to three
    assert next_session(plan, log, START + timedelta(days=70)).action == "see someone"
    # two in all, one a step back from the second stage and one at the first: stop for now, not yet see someone
    assert next_session(plan, log[:4], START + timedelta(days=24), start=1).action == "stop"


def test_the_first_stage_hurting_twice_means_see_someone(plan):
    """Two sessions at the first stage that hurt, a good one between (`see_someone_in_a_row: 2`)."""
    log = [sore(START), good(START + timedelta(days=2)), sore(START + timedelta(days=4))]
    assert next_session(plan, log[:2], START + timedelta(days=4)).action == "repeat"
    assert next_session(plan, log, START + timedelta(days=6)).action == "see someone"


def test_an_unscored_morning_waits_and_moves_nothing(plan):
    log = [good(d) for d in days(0, 2)] + [Result(START + timedelta(days=4), 0, None)]
    answer = next_session(plan, log, START + timedelta(days=8))
    assert (answer.stage, answer.action) == (0, "score the morning")


def test_passing_the_last_stage_is_done(plan):
    log = [good(START + timedelta(days=n)) for n in range(0, 21, 2)]  # stages from days 0, 8 and 16
    assert next_session(plan, log, START + timedelta(days=22)).stage == 2  # six days at the last stage: not a week yet
    answer = next_session(plan, log, START + timedelta(days=23))
    assert (answer.stage, answer.action) == (len(plan.stages), "done")


def test_the_log_order_does_not_matter(plan):
    log = [good(d) for d in days(0, 2, 4)] + [sore(START + timedelta(days=7))]
    assert next_session(plan, list(reversed(log)), START + timedelta(days=9)) == next_session(plan, log, START + timedelta(days=9))


@pytest.mark.parametrize(("longest", "stage"), [(None, 0), (0, 0), (1, 0), (2, 0), (5, 1), (19, 1), (20, 3), (45, 3)])
def test_the_first_stage_follows_the_longest_recent_run(plan, longest, stage):
    assert start_stage(plan, longest) == stage


# --- the plan over weeks --------------------------------------------------------------------------


def test_sessions_fall_on_free_days_with_a_rest_day_between(plan):
    planned = schedule(plan, START, set(range(7)))
    sessions = [d.day for w in planned.weeks for d in w.days if d.kind == "session"]
    assert all((b - a).days >= 2 for a, b in zip(sessions, sessions[1:]))
    assert all(w.sessions <= 3 for w in planned.weeks)
    assert [d.kind for d in planned.weeks[0].days][:3] == ["session", "between", "session"]


def test_sessions_only_on_the_days_given(plan):
    planned = schedule(plan, START, {0, 2, 4})  # Monday, Wednesday, Friday
    assert {d.day.weekday() for w in planned.weeks for d in w.days if d.kind == "session"} == {0, 2, 4}
    assert [[d.stage for d in w.days if d.kind == "session"] for w in planned.weeks] == [[0, 0, 0], [1, 1, 1], [2, 2, 2], []]
    assert planned.short_weeks == []


def test_every_week_has_seven_days_and_the_days_between_are_for_exercises(plan):
    planned = schedule(plan, START, {0, 2, 4})
    assert all(len(w.days) == 7 for w in planned.weeks)
    assert {d.kind for w in planned.weeks for d in w.days} == {"session", "between", "done"}


def test_the_week_the_last_stage_is_passed_in_has_sessions_within_the_cap(plan):
    """The stages end on a session day: that day and the week's later session days are `done`, not
    days between, as if the sessions stopped; the days between stay days between."""
    planned = schedule(plan, START, {0, 2, 4})  # the third stage's week is over by the Monday after it
    last = planned.weeks[-1]
    assert [(d.day.weekday(), d.kind, d.stage) for d in last.days if d.day.weekday() in (0, 2, 4)] == [
        (0, "done", None), (2, "done", None), (4, "done", None)]
    assert {d.kind for d in last.days if d.day.weekday() not in (0, 2, 4)} == {"between"}
    # Passed on a Tuesday, the second day of a week from a Monday: the Monday is a day between as before.
    planned = schedule(plan, START, {1, 3, 5})
    assert [d.kind for d in planned.weeks[-1].days] == ["between", "done"] * 3 + ["between"]
    assert len(planned.weeks) == 4 and [w.sessions for w in planned.weeks] == [3, 3, 3, 0]
    # The weekly most and the rest day hold for sessions within the cap too: four free days, three sessions.
    planned = schedule(plan, START, {0, 2, 4, 6})
    assert [d.kind for d in planned.weeks[-1].days] == ["done", "between"] * 2 + ["done", "between", "between"]
    # Past the last stage from the start: a week of sessions within the cap.
    past = schedule(plan, START, {0, 2, 4}, longest=plan.stages[-1].run_minutes)
    assert len(past.weeks) == 1 and [d.kind for d in past.weeks[0].days] == ["done", "between"] * 2 + ["done", "between", "between"]
    assert past.short_weeks == []


def test_too_few_free_days_are_flagged(plan):
    planned = schedule(plan, START, {5, 6})  # a weekend: two days in a row, so one session a week
    assert planned.short_weeks and planned.short_weeks[0] == 1


def test_not_ready_gives_exercises_then_the_checks_again(plan):
    planned = schedule(plan, START, {0, 2, 4}, ready=False)
    kinds = [d.kind for w in planned.weeks for d in w.days]
    assert kinds[:plan.entry.retry_days] == ["between"] * plan.entry.retry_days
    assert kinds[plan.entry.retry_days] == "checks" and "session" not in kinds


def test_a_recent_long_run_starts_later_in_the_plan(plan):
    planned = schedule(plan, START, {0, 2, 4}, longest=6)
    assert planned.start == 1 and planned.weeks[0].days[0].stage == 1


def test_the_sample_week_alternates(plan):
    assert [d.kind for d in sample_week(plan)] == ["session", "between"] * 3 + ["between"]  # three a week at most


def test_stage_words(plan):
    assert [stage_repeats(s) for s in plan.stages] == ["5 times", "run, walk, run, walk, run", "once, non-stop"]
    assert stage_summary(plan.stages[0]) == "run 2 min, walk 2 min, 5 times (20 min)"


def test_the_browser_gets_the_numbers_as_json(plan):
    rules = json.loads(json.dumps(browser_rules(plan)))
    assert rules["cap"] == {"percent": 10, "window_days": 30, "round_down_to": {"min": "1", "km": "0.1"}}
    assert [s["walks"] for s in rules["stages"]] == [5, 2, 0]
    assert rules["advance"] == {"pain_at_most": 0, "sessions": 3, "days": 7}
    assert rules["slug"] == "back-to-jogging" and rules["stage_summaries"] == [stage_summary(s) for s in plan.stages]
    assert rules["texts"]["not_ready"] == plan.entry.not_ready and rules["ics"]["line_octets"] == 75


def test_examples_for_a_port_are_the_rules_answers(plan):
    from exercise_site.return_plan import examples

    cases = json.loads(json.dumps(examples(plan)))
    caps = {c["case"]: (c["status"], c["limit"]) for c in cases["cap"]}
    assert caps.items() >= {"nothing logged": ("none", None), "a month ago and more": ("gap", None),
                            "on the window's first day": ("cap", "33"), "just outside the window": ("cap", "22"),
                            "on the day itself": ("cap", "27"), "kilometres": ("cap", "5.8"),
                            "whole kilometres": ("cap", "22"), "kilometres to a tenth": ("cap", "22.0")}.items()
    actions = {c["case"]: (c["stage"], c["action"]) for c in cases["next"]}
    assert actions.items() >= {"nothing logged": (0, "start"), "a painless week": (1, "advance"), "pain the next morning": (0, "stop"),
                               "pain twice in a row": (0, "see someone"), "morning not scored yet": (0, "score the morning")}.items()
    assert {s["longest"]: s["stage"] for s in cases["start"]}[None] == 0
    assert all(len(w["days"]) == 7 for c in cases["schedule"] if c["ready"] for w in c["schedule"]["weeks"])


def test_a_session_past_its_own_cap_sets_no_higher_one(plan):
    """30 then 35 minutes (past 33): the next is at most 35, not 38; once 35 is run again within its
    cap, the cap builds on it again."""
    logged = [Logged(DAY - timedelta(days=9), Decimal(30)), Logged(DAY - timedelta(days=4), Decimal(35))]
    cap = session_cap(logged, DAY, plan.cap)
    assert (cap.limit, cap.over) == (Decimal(35), logged[0])
    again = session_cap(logged + [Logged(DAY - timedelta(days=2), Decimal(35))], DAY, plan.cap)
    assert (again.limit, again.over) == (Decimal(38), None)
