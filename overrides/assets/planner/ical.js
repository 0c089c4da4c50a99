// A plan's calendar file (RFC 5545), ported from ical.py and return_plan.plan_events: the same
// events give the same bytes. Every word, UID pattern, escape and fold comes from `rules` (the plan
// page's JSON: rules.events, rules.ics), so nothing here is a second copy of a rule.
(function (site) {
  "use strict";

  // `template` with each {key} of `values` put in, in one pass (a value is never read as a placeholder).
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function compact(iso) { return iso.replace(/-/g, ""); }

  function events(rules, planned, uidDomain) {
    var words = rules.events, out = [], seen = {};
    planned.weeks.forEach(function (week) {
      week.days.forEach(function (planDay) {
        if (words.once.indexOf(planDay.kind) >= 0 && seen[planDay.kind]) return;  // the plan done: one event
        seen[planDay.kind] = true;
        var number = planDay.stage === null || planDay.stage === undefined ? "" : planDay.stage + 1;
        var description = planDay.kind === "session"
          ? fill(words.session, { stage: rules.stage_summaries[planDay.stage], advance: rules.texts.advance })
          : planDay.kind === "checks" ? rules.texts.not_ready
          : planDay.kind === "done" ? rules.texts.cap : rules.texts.other_days;
        out.push({
          day: planDay.day,
          summary: fill(words.summary[planDay.kind], { name: rules.name, number: number }),
          uid: fill(words.uid, { slug: rules.slug, date: compact(planDay.day), kind: planDay.kind, domain: uidDomain }),
          description: description,
          alarm: words.alarm.indexOf(planDay.kind) >= 0
        });
      });
    });
    return out;
  }

  function escapeText(ics, value) {
    var text = String(value).replace(/\r\n/g, "\n").replace(/\r/g, "\n"), out = "";
    for (var char of text) out += Object.prototype.hasOwnProperty.call(ics.escape, char) ? ics.escape[char] : char;
    return out;
  }

  function octets(char) {
    var code = char.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  // No line longer than ics.line_octets octets of UTF-8; a continuation's leading space counts.
  function fold(ics, line) {
    var parts = [], current = "", size = 0, limit = ics.line_octets;
    for (var char of line) {
      var width = octets(char);
      if (size + width > limit) {
        parts.push(current);
        current = ""; size = 0; limit = ics.line_octets - 1;
      }
      current += char;
      size += width;
    }
    parts.push(current);
    return parts.join(ics.fold);
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function stampText(stamp) {
    var t = stamp instanceof Date ? stamp : new Date(stamp);
    return t.getUTCFullYear() + two(t.getUTCMonth() + 1) + two(t.getUTCDate()) + "T" +
      two(t.getUTCHours()) + two(t.getUTCMinutes()) + two(t.getUTCSeconds()) + "Z";
  }

  function nextDay(iso) { return site.planRules.days.add(iso, 1); }

  // options: {rules (the plan's JSON), site (site_name, for PRODID), stamp (Date or ISO time; now
  // when left out), name (the calendar's name; the plan's name when left out, "" for none)}.
  function write(list, options) {
    var rules = options.rules, ics = rules.ics;
    var name = options.name === undefined ? rules.name : options.name;
    var stamp = stampText(options.stamp === undefined ? new Date() : options.stamp);
    var text = function (value) { return escapeText(ics, value); };
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + text(fill(ics.prodid, { site: options.site })),
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    if (name) lines.push("X-WR-CALNAME:" + text(name));
    list.forEach(function (event) {
      lines.push("BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(event.day), "DTEND;VALUE=DATE:" + compact(nextDay(event.day)),
        "SUMMARY:" + text(event.summary));
      if (event.description) lines.push("DESCRIPTION:" + text(event.description));
      lines.push("TRANSP:TRANSPARENT");
      if (event.alarm) lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + text(event.summary), "TRIGGER:" + ics.alarm, "END:VALARM");
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(function (line) { return fold(ics, line) + ics.line_end; }).join("");
  }

  site.planIcal = { events: events, write: write };
})(self.ExerciseSite = self.ExerciseSite || {});
