// A walk-run plan's rules, ported from return_plan.py (session_cap, next_session, start_stage,
// schedule) and tested against its answers: every number comes from `rules`, the JSON the plan
// page carries (browser_rules). Days are "YYYY-MM-DD" strings, counted as whole UTC days, so the
// reader's time zone and clock changes never move a day. Weekdays: 0 Monday to 6 Sunday.
(function (site) {
  "use strict";

  var DAY_MS = 86400000;

  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    if (!m) throw new Error("not a day: " + iso);
    return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS;
  }

  function isoDay(number) { return new Date(number * DAY_MS).toISOString().slice(0, 10); }
  function addDays(iso, n) { return isoDay(dayNumber(iso) + n); }
  function daysBetween(from, to) { return dayNumber(to) - dayNumber(from); }
  function weekday(iso) { return (new Date(dayNumber(iso) * DAY_MS).getUTCDay() + 6) % 7; }

  // A decimal as an exact integer and a count of decimal places: "5.35" -> {digits: 535, places: 2};
  // null for anything else (a negative or unreadable amount is no session, as in Python).
  function decimal(value) {
    var m = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(String(value));
    if (!m || (m[1] + (m[2] || "")) === "") return null;
    var places = (m[2] || "").length;
    return { digits: parseInt((m[1] || "0") + (m[2] || ""), 10), places: places };
  }

  function pow10(n) { var p = 1; while (n-- > 0) p *= 10; return p; }

  // a and b on the same scale, compared exactly.
  function compare(a, b) {
    var places = Math.max(a.places, b.places);
    var x = a.digits * pow10(places - a.places), y = b.digits * pow10(places - b.places);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // floor(n / d) for non-negative integers, corrected for any rounding of the division.
  function floorDiv(n, d) {
    var q = Math.floor(n / d);
    while (q * d > n) q -= 1;
    while ((q + 1) * d <= n) q += 1;
    return q;
  }

  function trailingZeros(n) { var z = 0; while (n && n % 10 === 0) { n /= 10; z += 1; } return z; }

  // A coefficient and a (non-positive) exponent written as Python's str(Decimal) writes them.
  function written(coefficient, exponent) {
    var text = String(coefficient), places = -exponent;
    if (!places) return text;
    while (text.length <= places) text = "0" + text;
    return text.slice(0, text.length - places) + "." + text.slice(text.length - places);
  }

  // Python's `(amount * (100 + percent) / 100 / step).to_integral_value(ROUND_FLOOR) * step`, digit
  // for digit: the whole steps, and the places Decimal's exponent rules give the answer ("22" from
  // "20" km, "22.0" from "20.0", "5.8" from "5.3"). An exact quotient keeps the exponent nearest
  // the ideal one (dividend's less divisor's); to_integral_value leaves a non-negative one alone.
  function capLimit(amount, percent, step) {
    var v = amount.digits * (100 + percent), places = amount.places + 2;  // the raw value: v / 10^places
    var rawExp = Math.min(-amount.places, -places + trailingZeros(v));
    var k = 0;
    while (k < 20 && (v * pow10(k)) % step.digits) k += 1;
    if (k < 20) {  // raw / step is exact: q x 10^qBase
      var q = v * pow10(k) / step.digits, qBase = step.places - places - k;
      var qExp = Math.min(rawExp + step.places, qBase + trailingZeros(q));
      if (qExp >= 0) {  // q's digits at exponent qExp (qExp is at most qBase + its trailing zeros)
        var digits = qBase >= qExp ? q * pow10(qBase - qExp) : q / pow10(qExp - qBase);
        return written(digits * step.digits, qExp - step.places);
      }
    }
    var count = floorDiv(v * pow10(step.places), pow10(places) * step.digits);
    return written(count * step.digits, -step.places);
  }

  function capWindow(on, rules) {
    return [addDays(on, -rules.cap.window_days), addDays(on, -1)];
  }

  function sessionCap(logged, on, rules, unit) {
    unit = unit || "min";
    var bounds = capWindow(on, rules), first = bounds[0], last = bounds[1];
    var answer = { status: "none", on: on, first: first, last: last, longest: null, limit: null, over: null };
    var sameUnit = (logged || []).filter(function (s) {
      var amount = decimal(s.amount);
      return (s.unit || "min") === unit && s.day < on && amount !== null && amount.digits > 0;  // nothing done is no session
    });
    if (!sameUnit.length) return answer;
    var inside = sameUnit.filter(function (s) { return first <= s.day && s.day <= last; });
    if (!inside.length) { answer.status = "gap"; return answer; }
    var longest = inside.reduce(function (best, s) {
      var order = compare(decimal(s.amount), decimal(best.amount));
      return order > 0 || (order === 0 && s.day > best.day) ? s : best;
    });
    answer.status = "cap";
    answer.longest = { day: longest.day, amount: longest.amount };
    answer.over = null;
    // A longest session past the cap of its own day sets no higher cap: its own length is the limit.
    var before = sessionCap(sameUnit.filter(function (s) { return s.day < longest.day; }), longest.day, rules, unit);
    if (before.status === "cap" && compare(decimal(longest.amount), decimal(before.limit)) > 0) {
      answer.limit = written(decimal(longest.amount).digits, -decimal(longest.amount).places);
      answer.over = before.longest;
      return answer;
    }
    answer.limit = capLimit(decimal(longest.amount), rules.cap.percent, decimal(rules.cap.round_down_to[unit]));
    return answer;
  }

  function held(rules, result) {
    var most = rules.advance.pain_at_most;
    return result.during <= most && result.morning !== null && result.morning !== undefined && result.morning <= most;
  }

  function nextSession(rules, results, on, start) {
    var last = rules.stages.length;
    var stage = Math.min(start || 0, last), since = null, good = 0, inARow = 0;
    var setbacks = {}, see = false, hurt = 0;  // hurt: sessions that hurt, at any stage or after the last
    var stopped = false;  // the latest session hurt at the first stage
    var firstStageHurt = 0;  // sessions that hurt at the first stage
    var action = stage < last ? "start" : "done";

    var previous = null;  // the day of the latest session before the one being counted
    function passed(day) {
      return since !== null && good >= rules.advance.sessions && daysBetween(since, day) >= rules.advance.days &&
        previous !== null && daysBetween(previous, day) <= rules.advance.days;
    }
    function unscored(result) { return result.morning === null || result.morning === undefined; }
    // Not scored the next morning yet, and no pain during it (one that hurt during it hurt at once).
    function waiting(result) { return unscored(result) && result.during <= rules.advance.pain_at_most; }

    var ordered = (results || []).slice().sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0; });
    var after = null;  // after the last stage: "done", "hold" or "score the morning", from the latest session
    for (var i = 0; i < ordered.length; i++) {
      var result = ordered[i];
      stopped = false;
      var gap = previous === null ? null : daysBetween(previous, result.day);
      if (gap !== null && gap > rules.cap.window_days) { stage = 0; since = null; good = 0; inARow = 0; after = null; }
      else if (gap !== null && gap > rules.advance.days && stage < last) { since = null; good = 0; }
      if (stage < last && passed(result.day)) {
        stage += 1; since = null; good = 0; inARow = 0; action = "advance";
      }
      previous = result.day;
      if (stage >= last) {
        if (waiting(result)) { after = "score the morning"; continue; }
        if (held(rules, result)) { inARow = 0; after = "done"; continue; }
        inARow += 1;
        hurt += 1;
        see = see || inARow >= rules.setback.see_someone_in_a_row || hurt >= rules.setback.see_someone_after;
        after = "hold";
        continue;
      }
      since = since || result.day;
      if (waiting(result)) { action = "score the morning"; continue; }
      if (held(rules, result)) { good += 1; inARow = 0; action = "repeat"; continue; }
      setbacks[stage] = (setbacks[stage] || 0) + 1;
      hurt += 1;
      inARow += 1;
      see = see || hurt >= rules.setback.see_someone_after || inARow >= rules.setback.see_someone_in_a_row;
      stopped = stage === 0;
      if (stopped) firstStageHurt += 1;
      see = see || firstStageHurt >= rules.setback.see_someone_in_a_row;
      stage = Math.max(0, stage - rules.setback.stages_back); since = null; good = 0; action = "step back";
    }
    var latest = ordered[ordered.length - 1];
    if (stage < last && latest && !unscored(latest) && passed(on)) {
      stage += 1; since = null; good = 0; inARow = 0; action = "advance";
    } else if (action === "repeat" && stage < last && previous !== null && daysBetween(previous, on) > rules.advance.days) {
      action = "resume";
    }
    if (see) action = "see someone";
    else if (latest && daysBetween(latest.day, on) > rules.cap.window_days) { stage = 0; since = null; good = 0; action = "start again"; }
    else if (stage >= last) {
      action = after || "done";
      if (action === "done" && previous !== null && daysBetween(previous, on) > rules.advance.days) action = "ease back";
    }
    else if (latest && waiting(latest)) action = "score the morning";
    else if (stopped) action = "stop";
    return { stage: stage, action: action, since: since, painFree: good, setbacks: setbacks[stage] || 0 };
  }

  function startStage(rules, longest) {
    if (!longest) return 0;
    var stages = rules.stages;
    if (longest >= stages[stages.length - 1].run) return stages.length;
    var fitting = 0;
    stages.forEach(function (s, i) { if (s.run <= longest) fitting = i; });
    return fitting;
  }

  function weeksOf(days, start) {
    var weeks = [];
    days.forEach(function (planDay) {
      var number = Math.floor(daysBetween(start, planDay.day) / 7) + 1;
      if (!weeks.length || weeks[weeks.length - 1].number !== number) weeks.push({ number: number, days: [] });
      weeks[weeks.length - 1].days.push(planDay);
    });
    return weeks;
  }

  function schedule(rules, start, weekdays, ready, longest, maxWeeks) {
    if (ready === undefined) ready = true;
    if (maxWeeks === undefined) maxWeeks = 26;
    var days = [], n;
    if (!ready) {
      for (n = 0; n < rules.retry_days; n++) days.push({ day: addDays(start, n), kind: "between", stage: null });
      days.push({ day: addDays(start, rules.retry_days), kind: "checks", stage: null });
      return { weeks: weeksOf(days, start), start: 0, ready: false, shortWeeks: [] };
    }
    var free = {};
    (weekdays || []).forEach(function (d) { free[d] = true; });
    var first = startStage(rules, longest);
    var results = [], lastSession = null, day = start;
    var done = false;  // the last stage is passed: the rest of this week's sessions are within the cap
    while (daysBetween(start, day) < maxWeeks * 7 && !(done && daysBetween(start, day) % 7 === 0)) {
      var weekIndex = Math.floor(daysBetween(start, day) / 7);
      var inWeek = days.filter(function (d) {
        return (d.kind === "session" || d.kind === "done") && Math.floor(daysBetween(start, d.day) / 7) === weekIndex;
      }).length;
      var rested = lastSession === null || daysBetween(lastSession, day) > rules.week.rest_days_between;
      if (free[weekday(day)] && rested && inWeek < rules.week.most) {
        var stage = done ? rules.stages.length : nextSession(rules, results, day, first).stage;
        done = stage >= rules.stages.length;
        days.push(done ? { day: day, kind: "done", stage: null } : { day: day, kind: "session", stage: stage });
        results.push({ day: day, during: 0, morning: 0 });
        lastSession = day;
      } else {
        days.push({ day: day, kind: "between", stage: null });
      }
      day = addDays(day, 1);
    }
    var weeks = weeksOf(days, start);
    var short = weeks.slice(0, -1).filter(function (w) {  // the last week may end the plan early
      return w.days.filter(function (d) { return d.kind === "session"; }).length < rules.week.fewest;
    }).map(function (w) { return w.number; });
    return { weeks: weeks, start: first, ready: true, shortWeeks: short };
  }

  site.planRules = {
    held: held,
    capWindow: capWindow,
    sessionCap: sessionCap,
    nextSession: nextSession,
    startStage: startStage,
    schedule: schedule,
    days: { add: addDays, between: daysBetween, weekday: weekday, valid: function (iso) {
      try { return isoDay(dayNumber(iso)) === iso; } catch (e) { return false; }
    } }
  };
})(self.ExerciseSite = self.ExerciseSite || {});
