"""A walk-run plan's rules as functions: the cap on the next session, the stage of the next session
from what was logged, and a plan over weeks as data. No MkDocs. Answers are data, not sentences:
the page's template says what each means (only a stage and a calendar event are worded here), and
the browser gets the same numbers from `browser_rules`, so no rule is written twice, and a port
of the functions to the planner's script is checked against their answers (`examples`).

Days are `datetime.date`s. Stages are counted from 0 here; pages number them from 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Literal

from .ical import ICS_RULES, PRODID, Event
from .model import Plan, PlanCap, PlanStage, Span

Unit = Literal["min", "km"]
# The cap is rounded down to these steps, so it never allows more than the rule: 27.5 min -> 27 min.
STEPS: dict[str, Decimal] = {"min": Decimal(1), "km": Decimal("0.1")}


# --- the cap on a single session, after the last stage ---------------------------------------


@dataclass(frozen=True)
class Logged:
    """A session as logged: its day and how long (minutes) or how far (km)."""

    day: date
    amount: Decimal
    unit: Unit = "min"


@dataclass(frozen=True)
class Cap:
    """The cap on the session of day `on`.

    `status` is `cap` (the limit is set by `longest`), `none` (no session of this unit logged at
    all: there is no cap yet) or `gap` (sessions were logged, but none in the window: too long a
    break for a cap, so the plan starts again from its first stage, after the entry checks)."""

    status: Literal["cap", "none", "gap"]
    on: date
    first: date  # the window's first day, included
    last: date  # the window's last day, included: the day before `on`
    longest: Logged | None = None
    limit: Decimal | None = None
    # When `longest` itself went past the cap of its day: the longest before it, and the limit is
    # `longest` again (no longer run until one that long is done again within its cap).
    over: Logged | None = None


def window(on: date, rule: PlanCap) -> tuple[date, date]:
    """The days whose sessions set the cap for day `on`: the `window_days` days before it, both
    ends included. With 30, a session on 1 March counts for 31 March, and not for 1 April; a
    session on the day itself does not count (it is not before it)."""
    return on - timedelta(days=rule.window_days), on - timedelta(days=1)


def session_cap(logged: list[Logged], on: date, rule: PlanCap, unit: Unit = "min") -> Cap:
    """The longest session of `unit` in the window before `on`, plus `percent`, rounded down; that
    session's own length if it went past the cap of its own day."""
    first, last = window(on, rule)
    same_unit = [s for s in logged if s.unit == unit and s.day < on and s.amount > 0]  # nothing run is no session
    if not same_unit:
        return Cap("none", on, first, last)
    inside = [s for s in same_unit if first <= s.day <= last]
    if not inside:
        return Cap("gap", on, first, last)
    longest = max(inside, key=lambda s: (s.amount, s.day))
    before = session_cap([s for s in same_unit if s.day < longest.day], longest.day, rule, unit)
    if before.status == "cap" and before.limit is not None and longest.amount > before.limit:
        return Cap("cap", on, first, last, longest, Decimal(longest.amount), before.longest)
    raw = Decimal(longest.amount) * (100 + rule.percent) / 100
    step = STEPS[unit]
    limit = (raw / step).to_integral_value(rounding=ROUND_FLOOR) * step
    return Cap("cap", on, first, last, longest, limit)


# --- which stage next: advance, repeat, step back or see someone -----------------------------


@dataclass(frozen=True)
class Result:
    """A plan session as logged: its day, the pain during it and the next morning (0 to 10;
    `morning` is None until the next morning has been scored)."""

    day: date
    during: int
    morning: int | None


# After the last stage, a session that hurt (by the same rule as the stages) holds the cap: no
# longer session until one goes without pain; `see_someone_in_a_row` of them in a row, or
# `see_someone_after` in all (stages included), see someone. The cap counts only sessions without pain (the planner
# leaves the others out of what it hands `session_cap`).
# A session that hurt at the first stage means no running for now (`stop`); a break longer than the cap's
# window since the latest session leaves nothing to build on, so the plan starts again (`start again`).
# A stage's sessions that would pass it, but the latest longer ago than `advance.days`: the stage once more (`resume`).
# Past the stages, a break of more than `advance.days`: the first run back no longer than the last (`ease back`).
Action = Literal["start", "repeat", "resume", "advance", "step back", "stop", "see someone", "start again", "score the morning",
                 "done", "hold", "ease back"]


@dataclass(frozen=True)
class Next:
    """What the next session is: `stage` (len(stages) once the plan is done and the cap applies)
    and why (`action`). `since` is the first day at the stage, `pain_free` the sessions there
    without pain so far, `setbacks` the sessions that hurt at the stage."""

    stage: int
    action: Action
    since: date | None = None
    pain_free: int = 0
    setbacks: int = 0


def held(plan: Plan, result: Result) -> bool:
    """The session went without pain, during it and the next morning (`advance.pain_at_most`)."""
    most = plan.advance.pain_at_most
    return result.during <= most and result.morning is not None and result.morning <= most


def waiting(plan: Plan, result: Result) -> bool:
    """The next morning is not scored yet, and the session went without pain during it: a session that
    hurt during it counts as one that hurt at once, without waiting for the morning."""
    return result.morning is None and result.during <= plan.advance.pain_at_most


def next_session(plan: Plan, results: list[Result], on: date, start: int = 0) -> Next:
    """The stage of a session on day `on`, after `results` (in any order), from stage `start`.

    A stage is passed after `advance.sessions` sessions at it without pain and `advance.days`
    days since its first session, counted to `on`; a break of more than `advance.days` between sessions
    starts the stage's count again (`resume` when the break is before `on`), and one of more than the
    cap's `window_days` starts the plan again at the first stage. A session that hurt sends the next one back
    `setback.stages_back` stages (not below the first) and starts the count again there. After
    `see_someone_after` sessions that hurt in all, or `see_someone_in_a_row` in a row, the answer is to see someone, and it stays so for this log: a clinician's advice takes
    over from the plan. A session that hurt at the first stage is `stop`; `see_someone_in_a_row` of them, in a row or not, see someone. Once the last stage is passed, the plan is done and the cap applies, while sessions go without pain (`hold` after one that hurt).
    With no session in the cap's `window_days` before `on`, the plan starts again at the first stage.
    """
    last = len(plan.stages)
    stage, since, good, in_a_row = min(start, last), None, 0, 0
    setbacks: dict[int, int] = {}
    hurt = 0  # sessions that hurt, at any stage or after the last
    action: Action = "start" if stage < last else "done"
    see = False
    stopped = False  # the latest session hurt at the first stage
    first_stage_hurt = 0  # sessions that hurt at the first stage

    previous: date | None = None  # the day of the latest session before the one being counted

    def passed(day: date) -> bool:
        # ...and the stage's latest session within `advance.days` of `day`: after a longer break, repeat the stage first.
        return (since is not None and good >= plan.advance.sessions and (day - since).days >= plan.advance.days
                and previous is not None and (day - previous).days <= plan.advance.days)

    ordered = sorted(results, key=lambda r: r.day)
    after: Action | None = None  # after the last stage: done, hold or score the morning, from the latest session
    for result in ordered:
        stopped = False
        gap = None if previous is None else (result.day - previous).days
        if gap is not None and gap > plan.cap.window_days:  # nothing to build on: the first stage again
            stage, since, good, in_a_row, after = 0, None, 0, 0, None
        elif gap is not None and gap > plan.advance.days and stage < last:  # the stage's week starts again
            since, good = None, 0
        if stage < last and passed(result.day):
            stage, since, good, in_a_row, action = stage + 1, None, 0, 0, "advance"
        previous = result.day
        if stage >= last:
            if waiting(plan, result):
                after = "score the morning"
            elif held(plan, result):
                in_a_row, after = 0, "done"
            else:
                in_a_row += 1
                hurt += 1
                see = see or in_a_row >= plan.setback.see_someone_in_a_row or hurt >= plan.setback.see_someone_after
                after = "hold"
            continue
        since = since or result.day
        if waiting(plan, result):
            action = "score the morning"
            continue
        if held(plan, result):
            good, in_a_row = good + 1, 0
            action = "repeat"
            continue
        setbacks[stage] = setbacks.get(stage, 0) + 1
        hurt += 1
        in_a_row += 1
        see = see or hurt >= plan.setback.see_someone_after or in_a_row >= plan.setback.see_someone_in_a_row
        stopped = stage == 0
        first_stage_hurt += stopped
        see = see or first_stage_hurt >= plan.setback.see_someone_in_a_row
        stage, since, good, action = max(0, stage - plan.setback.stages_back), None, 0, "step back"
    if stage < last and ordered and ordered[-1].morning is not None and passed(on):
        stage, since, good, in_a_row, action = stage + 1, None, 0, 0, "advance"
    elif action == "repeat" and stage < last and previous is not None and (on - previous).days > plan.advance.days:
        action = "resume"
    if see:
        action = "see someone"
    elif ordered and (on - ordered[-1].day).days > plan.cap.window_days:
        stage, since, good, action = 0, None, 0, "start again"
    elif stage >= last:
        action = after or "done"
        if action == "done" and previous is not None and (on - previous).days > plan.advance.days:
            action = "ease back"
    elif ordered and waiting(plan, ordered[-1]):
        action = "score the morning"
    elif stopped:
        action = "stop"
    return Next(stage, action, since, good, setbacks.get(stage, 0))


def start_stage(plan: Plan, longest: int | None) -> int:
    """The first stage for someone whose longest continuous run of the last 30 days took
    `longest` minutes: the hardest stage whose runs are no longer than it (the first stage when
    there was none), or len(stages) when it is as long as the last stage's (the cap applies)."""
    if not longest:
        return 0
    if longest >= plan.stages[-1].run_minutes:
        return len(plan.stages)
    fitting = [i for i, stage in enumerate(plan.stages) if stage.run_minutes <= longest]
    return fitting[-1] if fitting else 0


# --- a plan over weeks -------------------------------------------------------------------------

DayKind = Literal["session", "between", "checks", "done"]


@dataclass(frozen=True)
class PlanDay:
    day: date
    # A plan session, a day between (exercises), the day to try the entry checks again, or a
    # session day once the last stage is passed (a session within the cap).
    kind: DayKind
    stage: int | None = None  # the session's stage, when it is one


@dataclass
class PlanWeek:
    number: int  # 1 for the week that starts on the start day
    days: list[PlanDay] = field(default_factory=list)

    @property
    def sessions(self) -> int:
        return sum(d.kind == "session" for d in self.days)


@dataclass
class Schedule:
    weeks: list[PlanWeek]
    start: int  # the first stage
    ready: bool  # the entry checks passed
    short_weeks: list[int] = field(default_factory=list)  # weeks with fewer sessions than the plan asks for


def _most(count: int | Span) -> tuple[int, int]:
    return (count, count) if isinstance(count, int) else (count.low, count.high)


def schedule(plan: Plan, start: date, weekdays: set[int], ready: bool = True, longest: int | None = None,
             max_weeks: int = 26) -> Schedule:
    """Week by week from `start`, if every session goes without pain: sessions on `weekdays`
    (0 Monday to 6 Sunday) with at least `rest_days_between` days between two and no more than
    the plan's sessions a week, each at the stage `next_session` gives; the days between are for
    exercises. Not `ready` (an entry check failed): exercises only, and the checks again after
    `entry.retry_days`. The plan ends with the week its last stage is passed in: from the day it is
    passed, the session days of that week are `done` (sessions within the cap)."""
    if not ready:
        days = [PlanDay(start + timedelta(days=n), "between") for n in range(plan.entry.retry_days)]
        days.append(PlanDay(start + timedelta(days=plan.entry.retry_days), "checks"))
        return Schedule(_weeks(days, start), 0, False)
    first = start_stage(plan, longest)
    fewest, most = _most(plan.week.sessions_a_week)
    results: list[Result] = []
    days: list[PlanDay] = []
    last_session: date | None = None
    done = False  # the last stage is passed: the rest of this week's sessions are within the cap
    day = start
    while (day - start).days < max_weeks * 7 and not (done and (day - start).days % 7 == 0):
        week_index = (day - start).days // 7
        in_week = sum(1 for d in days if d.kind in ("session", "done") and (d.day - start).days // 7 == week_index)
        rested = last_session is None or (day - last_session).days > plan.week.rest_days_between
        if day.weekday() in weekdays and rested and in_week < most:
            stage = len(plan.stages) if done else next_session(plan, results, day, first).stage
            done = stage >= len(plan.stages)
            days.append(PlanDay(day, "done") if done else PlanDay(day, "session", stage))
            results.append(Result(day, 0, 0))
            last_session = day
        else:
            days.append(PlanDay(day, "between"))
        day += timedelta(days=1)
    weeks = _weeks(days, start)
    short = [w.number for w in weeks[:-1] if w.sessions < fewest]  # the last week may end the plan early
    return Schedule(weeks, first, True, short)


def _weeks(days: list[PlanDay], start: date) -> list[PlanWeek]:
    weeks: list[PlanWeek] = []
    for plan_day in days:
        number = (plan_day.day - start).days // 7 + 1
        if not weeks or weeks[-1].number != number:
            weeks.append(PlanWeek(number))
        weeks[-1].days.append(plan_day)
    return weeks


def session_range(plan: Plan) -> tuple[int, int]:
    """The fewest and most sessions a week the plan asks for."""
    return _most(plan.week.sessions_a_week)


def sample_week(plan: Plan) -> list[PlanDay]:
    """The first week of the plan for someone free every day: the pattern the page shows."""
    monday = date(2024, 1, 1)  # any Monday: the page numbers the days, it names no dates
    return schedule(plan, monday, set(range(7))).weeks[0].days


# --- for the browser ---------------------------------------------------------------------------

# What the log kept on the reader's device accepts (planner/log.js): pain on the 0 to 10 scale the
# plan's pain rule uses, time and distance to these places and no more, a note of a line or two.
LOG_LIMITS = {"kinds": ["run", "exercises"], "pain": {"least": 0, "most": 10}, "note_chars": 200,
              "minutes": {"most": 600, "places": 1}, "km": {"most": 200, "places": 2}}


def browser_rules(plan: Plan) -> dict:
    """The plan's numbers and words for the planner's script, as JSON-ready data: the script looks
    rules and sentences up here instead of having its own."""
    fewest, most = _most(plan.week.sessions_a_week)
    return {
        "slug": plan.slug,
        "name": plan.name,
        "stages": [{"run": s.run_minutes, "walk": s.walk_minutes, "repeats": s.repeats, "walks": s.walks,
                    "total": s.total_minutes} for s in plan.stages],
        "stage_summaries": [stage_summary(s) for s in plan.stages],
        "week": {"fewest": fewest, "most": most, "rest_days_between": plan.week.rest_days_between},
        "advance": {"pain_at_most": plan.advance.pain_at_most, "sessions": plan.advance.sessions, "days": plan.advance.days},
        "setback": {"stages_back": plan.setback.stages_back, "see_someone_after": plan.setback.see_someone_after,
                    "see_someone_in_a_row": plan.setback.see_someone_in_a_row},
        # The window is the `days` days before the session, both ends included: from on - days to on - 1.
        "cap": {"percent": plan.cap.percent, "window_days": plan.cap.window_days, "round_down_to": {u: str(s) for u, s in STEPS.items()}},
        "retry_days": plan.entry.retry_days,
        "texts": {"advance": plan.advance.text, "other_days": plan.week.other_days, "not_ready": plan.entry.not_ready,
                  "cap": plan.cap.text},
        # How plan_events words and names an event, with {placeholders} the script fills in.
        "events": {"summary": EVENT_SUMMARIES, "session": SESSION_DESCRIPTION, "uid": EVENT_UID, "alarm": EVENT_ALARMS,
                   "once": EVENT_ONCE},
        "ics": {**ICS_RULES, "prodid": PRODID},
        "log": LOG_LIMITS,
    }


# --- words for a stage and calendar events ---------------------------------------------------


def minutes(n: int) -> str:
    return f"{n} min"


def stage_repeats(stage: PlanStage) -> str:
    """The Repeat column: `15 times`, `run, walk, run`, `once, non-stop`."""
    if stage.continuous:
        return "once, non-stop"
    if stage.ends_with == "run" and stage.repeats <= 3:
        return ", ".join(["run", "walk"] * (stage.repeats - 1) + ["run"])
    if stage.ends_with == "run":
        return f"{stage.repeats} runs with a walk between"
    return "once" if stage.repeats == 1 else f"{stage.repeats} times"


def stage_summary(stage: PlanStage) -> str:
    """One line: `run 2 min, walk 1 min, 10 times (30 min)`."""
    if stage.continuous:
        return f"run {minutes(stage.run_minutes)} non-stop"
    return f"run {minutes(stage.run_minutes)}, walk {minutes(stage.walk_minutes)}, {stage_repeats(stage)} ({minutes(stage.total_minutes)})"


# An event's title by the kind of day, its description on a session day, and its UID: {placeholders}
# filled by str.format here and by the planner's script (browser_rules hands these over).
EVENT_SUMMARIES: dict[str, str] = {"session": "{name}: stage {number}", "checks": "{name}: try the checks again",
                                   "between": "{name}: exercises", "done": "{name}: plan done, the cap from now on"}
SESSION_DESCRIPTION = "{stage}. {advance}"
EVENT_UID = "{slug}-{date}-{kind}@{domain}"
EVENT_ALARMS = ["session", "checks", "done"]  # the days with a reminder the evening before; not every day between
# Kinds of day with an event on their first day only: the cap holds from then on, with no end, so
# the last week's other sessions within it would only stop the reminders at an arbitrary day.
EVENT_ONCE = ["done"]


def plan_events(plan: Plan, planned: Schedule, uid_domain: str) -> list[Event]:
    """A calendar event for each session, day between and day of the checks, and one for the day
    the plan is done (the first `done` day); the same plan gives the same UIDs, so importing it
    again updates the events."""
    events = []
    seen: set[str] = set()
    for week in planned.weeks:
        for plan_day in week.days:
            if plan_day.kind in EVENT_ONCE and plan_day.kind in seen:
                continue
            seen.add(plan_day.kind)
            uid = EVENT_UID.format(slug=plan.slug, date=f"{plan_day.day:%Y%m%d}", kind=plan_day.kind, domain=uid_domain)
            number = "" if plan_day.stage is None else plan_day.stage + 1
            summary = EVENT_SUMMARIES[plan_day.kind].format(name=plan.name, number=number)
            if plan_day.kind == "session":
                description = SESSION_DESCRIPTION.format(stage=stage_summary(plan.stages[plan_day.stage]), advance=plan.advance.text)
            elif plan_day.kind == "checks":
                description = plan.entry.not_ready
            elif plan_day.kind == "done":
                description = plan.cap.text
            else:
                description = plan.week.other_days
            events.append(Event(plan_day.day, summary, uid, description, plan_day.kind in EVENT_ALARMS))
    return events


def examples(plan: Plan, first: date = date(2024, 1, 1)) -> dict[str, list[dict]]:
    """Answers of the rules above on a few logs, JSON-ready, for testing a port of them (the
    planner's script) against this one: each case is the input and what Python answers."""
    def day(n: int) -> str:
        return (first + timedelta(days=n)).isoformat()

    window = plan.cap.window_days
    cap_logs: dict[str, tuple[Unit, list[tuple[int, str]]]] = {
        "nothing logged": ("min", []),
        "a month ago and more": ("min", [(-window - 1, "30")]),
        "a long gap": ("min", [(-90, "45"), (-window - 20, "30")]),
        "on the window's first day": ("min", [(-window, "30"), (-3, "20")]),
        "just outside the window": ("min", [(-window - 1, "40"), (-3, "20")]),
        "on the window's last day": ("min", [(-1, "40"), (-3, "37")]),
        "on the day itself": ("min", [(0, "50"), (-2, "25")]),
        "after the day": ("min", [(3, "50")]),
        "a tie keeps the later day": ("min", [(-9, "30"), (-4, "30")]),
        "kilometres": ("km", [(-2, "5.3")]),
        "kilometres to the hundredth": ("km", [(-2, "5.35"), (-5, "4.99")]),
        "whole kilometres": ("km", [(-2, "20")]),  # Decimal keeps the places it was given: "22" here,
        "kilometres to a tenth": ("km", [(-2, "20.0")]),  # "22.0" here

        "under a step": ("km", [(-2, "0.05")]),
        "minutes from another unit": ("min", [(-2, "5")]),
        "zero-amount sessions": ("min", [(-2, "0"), (-5, "0.0")]),
        "zero and a session": ("min", [(-2, "0"), (-40, "25")]),
        "a fraction of a minute": ("min", [(-2, "27.5")]),
        "past the cap": ("min", [(-9, "30"), (-4, "35")]),
        "past the cap, then as long again": ("min", [(-9, "30"), (-4, "35"), (-2, "35")]),
        "within the cap": ("min", [(-9, "30"), (-4, "33")]),
    }
    caps = []
    for name, (unit, entries) in cap_logs.items():
        logged_unit: Unit = "km" if name == "minutes from another unit" else unit
        logged = [Logged(first + timedelta(days=n), Decimal(amount), logged_unit) for n, amount in entries]
        answer = session_cap(logged, first, plan.cap, unit)
        longest = answer.longest
        caps.append({"case": name, "on": day(0), "unit": unit, "log": [[day(n), amount, logged_unit] for n, amount in entries],
                     "status": answer.status, "first": answer.first.isoformat(), "last": answer.last.isoformat(),
                     "longest": None if longest is None else [longest.day.isoformat(), str(longest.amount)],
                     "limit": None if answer.limit is None else str(answer.limit)})
    good = [(n, 0, 0) for n in range(0, 60, 2)]
    stage_logs: dict[str, tuple[int, int, list[tuple[int, int, int | None]]]] = {
        "nothing logged": (7, 0, []),
        "a painless week": (7, 0, [(0, 0, 0), (2, 0, 0), (4, 0, 0)]),
        "three sessions, not yet a week": (6, 0, [(0, 0, 0), (2, 0, 0), (4, 0, 0)]),
        "pain the next morning": (7, 0, [(0, 0, 0), (2, 0, 1)]),
        "pain during": (7, 0, [(0, 0, 0), (2, 4, 0)]),
        "pain twice in a row": (7, 0, [(0, 2, 0), (2, 0, 3)]),
        "morning not scored yet": (7, 0, [(0, 0, 0), (2, 0, None)]),
        "a setback after a stage up": (16, 0, [(0, 0, 0), (2, 0, 0), (4, 0, 0), (7, 0, 0), (9, 0, 0), (11, 0, 0), (14, 0, 1)]),
        "setbacks add up at a stage": (70, 0, [(0, 0, 0), (2, 3, 1), (20, 0, 0), (22, 3, 1), (40, 0, 0), (42, 3, 1)]),
        "two setbacks, good between": (70, 0, [(0, 0, 0), (2, 3, 1), (20, 0, 0), (22, 3, 1)]),
        "see someone stays": (31, 0, [(0, 3, 1), (2, 3, 1)] + [(n, 0, 0) for n in range(4, 30, 2)]),
        "all stages passed": (30, 0, good[:12]),
        "from a later stage": (9, 1, [(0, 0, 0), (2, 0, 0), (4, 0, 0)]),
        "started past the end": (3, len(plan.stages), [(0, 0, 0)]),
        "out of order": (9, 0, [(7, 3, 1), (4, 0, 0), (0, 0, 0), (2, 0, 0)]),
        "two on one day": (9, 0, [(0, 0, 0), (0, 0, 0), (2, 0, 0), (2, 5, 5)]),
        "pain at the stage's end": (9, 0, [(0, 0, 0), (2, 0, 0), (4, 0, 0), (7, 2, 2)]),
        "going backwards across stages": (12, 3, [(0, 3, 1), (2, 0, 0), (4, 3, 1), (6, 0, 0), (8, 3, 1), (10, 0, 0)]),
        "after the plan, a session that hurt": (9, len(plan.stages), [(0, 0, 0), (2, 7, 8)]),
        "after the plan, hurt then fine": (9, len(plan.stages), [(0, 0, 0), (2, 3, 1), (4, 0, 0)]),
        "after the plan, hurt twice in a row": (9, len(plan.stages), [(0, 7, 8), (2, 8, 9)]),
        "after the plan, hurt every other session": (12, len(plan.stages), [(0, 3, 2), (2, 0, 0), (4, 3, 3), (6, 0, 0), (8, 4, 3), (10, 0, 0)]),
        "after the plan, morning not scored": (9, len(plan.stages), [(0, 0, 0), (2, 0, None)]),
        "the last stage passed, then a session that hurt": (80, 0, good[:30] + [(61, 4, 2)]),
        "a session at the first stage hurt": (5, 0, [(0, 0, 0), (2, 3, 1)]),
        "the first stage hurt, then went well": (7, 0, [(0, 3, 1), (2, 0, 0), (4, 0, 0)]),
        "a step back to the first stage": (12, 1, [(0, 0, 0), (2, 0, 0), (4, 0, 0), (7, 0, 0), (9, 4, 2)]),
        "a break as long as the window": (4 + window, 2, [(0, 0, 0), (2, 0, 0), (4, 0, 0)]),
        "a break longer than the window": (5 + window, 2, [(0, 0, 0), (2, 0, 0), (4, 0, 0)]),
        "after the plan, a long break": (3 + window, len(plan.stages), [(0, 0, 0), (2, 0, 0)]),
        "a long break after a setback": (60, 0, [(0, 3, 1), (20, 0, None)]),
        "a week passed, then a break": (16, 0, [(0, 0, 0), (2, 0, 0), (4, 0, 0)]),
        "pain during, the morning not scored yet": (5, 1, [(0, 0, 0), (2, 6, None)]),
        "after the plan, pain during, the morning not scored": (3, len(plan.stages), [(0, 0, 0), (2, 6, None)]),
        "the first stage hurt twice, apart": (7, 0, [(0, 3, 1), (2, 0, 0), (4, 3, 1)]),
        "a run after a long break, at a later stage": (48, 3, [(0, 0, 0), (2, 0, 0), (4, 0, 0), (46, 0, 0)]),
        "a run after a long break, past the stages": (48, len(plan.stages), [(0, 0, 0), (46, 0, 0)]),
        "a run after a long break hurt": (48, 3, [(0, 0, 0), (46, 3, 1)]),
        "a week's break inside a stage": (24, 0, [(0, 0, 0), (2, 0, 0), (12, 0, 0), (14, 0, 0)]),
        "after the plan, a week's break": (12, len(plan.stages), [(0, 0, 0), (2, 0, 0)]),
        "after the plan, a week's break after a run that hurt": (12, len(plan.stages), [(0, 0, 0), (2, 3, 1)]),
        "a break inside the stage": (30, 0, [(0, 0, 0), (2, 0, 0), (20, 0, 0), (22, 0, 0)]),
    }
    stages = []
    for name, (on, start, entries) in stage_logs.items():
        results = [Result(first + timedelta(days=n), during, morning) for n, during, morning in entries]
        answer = next_session(plan, results, first + timedelta(days=on), start)
        stages.append({"case": name, "on": day(on), "start": start, "log": [[day(n), during, morning] for n, during, morning in entries],
                       "stage": answer.stage, "action": answer.action, "since": None if answer.since is None else answer.since.isoformat(),
                       "pain_free": answer.pain_free, "setbacks": answer.setbacks})
    longest_runs = [None, 0, 1, *sorted({n for s in plan.stages for n in (s.run_minutes - 1, s.run_minutes, s.run_minutes + 1)}), 600]
    starts = [{"longest": n, "stage": start_stage(plan, n)} for n in longest_runs]
    plans = []
    for weekdays, ready, longest in [([0, 2, 4], True, None), (list(range(7)), True, None), ([5, 6], True, None),
                                     ([0, 2, 4], False, None), ([1, 3, 5], True, plan.stages[-1].run_minutes - 1),
                                     ([0, 1, 2], True, None), ([], True, None), ([3], True, plan.stages[-1].run_minutes)]:
        planned = schedule(plan, first, set(weekdays), ready, longest)
        plans.append({"start": first.isoformat(), "weekdays": weekdays, "ready": ready, "longest": longest,
                      "schedule": schedule_json(planned)})
    return {"cap": caps, "next": stages, "start": starts, "schedule": plans}


def schedule_json(planned: Schedule) -> dict:
    """A plan over weeks as the planner's script gives it."""
    return {"weeks": [{"number": w.number, "days": [{"day": d.day.isoformat(), "kind": d.kind, "stage": d.stage} for d in w.days]}
                      for w in planned.weeks],
            "start": planned.start, "ready": planned.ready, "shortWeeks": planned.short_weeks}
