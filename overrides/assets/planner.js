// The planner on a plan's page: the entry questions, the plan on the reader's own days and dates
// (planRules.schedule), its printed sheet with the QR code of its address, the calendar file,
// and the log (planner/diary.js). The plan is kept whole in the address (planner/address.js);
// the rules and every sentence come from the page (planner.md), so none is written here.
(function (site) {
  "use strict";

  var root = document.querySelector(".rx-planner");
  if (!root) return;

  var rules = JSON.parse(document.querySelector(".rx-plan-rules").getAttribute("data-rules"));
  var word = site.planWords(root);
  var dates = site.dates, address = site.planAddress;
  var form = root.querySelector(".rx-p-form");
  var notice = root.querySelector(".rx-p-notice");
  var sheet = root.querySelector(".rx-p-sheet");
  var checks = form.querySelectorAll('input[name="c"]').length;
  var state = null;     // the plan shown: {s, d, l, c}
  var planned = null;   // its schedule

  function say(text) { notice.textContent = text; }

  function slot(name) { return sheet.querySelector('[data-slot="' + name + '"]'); }

  function fragment() { return address.format(state); }

  function dayList(days) {
    return days.map(function (n) { return dates.weekdayName(n); }).join(", ");
  }

  // Week numbers as runs: [1, 2, 3, 5] -> "1–3, 5".
  function ranges(numbers) {
    var out = [];
    numbers.forEach(function (n, i) {
      if (i && n === numbers[i - 1] + 1) out[out.length - 1][1] = n;
      else out.push([n, n]);
    });
    return out.map(function (r) { return r[0] === r[1] ? String(r[0]) : r[0] + "\u2013" + r[1]; }).join(", ");
  }

  function longDate(day) { return dates.format(day, { weekday: "long", day: "numeric", month: "long", year: "numeric" }); }

  // --- the form ---------------------------------------------------------------------------

  function fill(s) {
    form.elements.s.value = s.s;
    form.elements.l.value = s.l === null ? "" : String(s.l);
    form.querySelectorAll('input[name="d"]').forEach(function (box) { box.checked = s.d.indexOf(+box.value) >= 0; });
    form.querySelectorAll('input[name="c"]').forEach(function (box) { box.checked = s.c.charAt(+box.value) === "1"; });
  }

  function mark(input, bad) {
    if (bad) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return bad;
  }

  // The form as a state, or null with a message naming each field that is wrong.
  function read() {
    var wrong = [];
    var s = form.elements.s.value;
    if (mark(form.elements.s, !dates.valid(s))) wrong.push(word("field s"));
    var days = [].slice.call(form.querySelectorAll('input[name="d"]:checked')).map(function (box) { return +box.value; });
    if (mark(form.querySelector('input[name="d"]'), !days.length)) wrong.push(word("field d"));
    var raw = form.elements.l.value.trim();
    var longest = raw ? site.address.parseCount(raw, 0, address.LONGEST) : null;
    if (mark(form.elements.l, form.elements.l.validity.badInput || (raw && (!longest || longest.low !== longest.high)))) wrong.push(word("field l"));
    if (wrong.length) { say(wrong.join(". ") + "."); return null; }
    var ticked = [].map.call(form.querySelectorAll('input[name="c"]'), function (box) { return box.checked ? "1" : "0"; }).join("");
    return { s: s, d: days, l: longest && longest.low ? longest.low : null, c: ticked };
  }

  // --- the plan ---------------------------------------------------------------------------

  function summary() {
    var ready = state.c.indexOf("0") < 0;
    var values = { start: longDate(state.s), days: dayList(state.d), stage: planned.start + 1, weeks: planned.weeks.length };
    var text;
    if (!ready) {
      var last = planned.weeks[planned.weeks.length - 1].days;
      values.checks = longDate(last.filter(function (d) { return d.kind === "checks"; })[0].day);
      text = word("not ready", values);
    } else if (planned.start >= rules.stages.length) {
      text = word("past", values);
    } else {
      text = word("from", values);
    }
    if (planned.shortWeeks && planned.shortWeeks.length) text += " " + word("short", { weeks: ranges(planned.shortWeeks) });
    // A chosen day right after a run day is an exercise day in the plan: the summary says which.
    var skipped = ready ? state.d.filter(function (n) {
      return planned.weeks.some(function (w) {
        return w.days.some(function (d) { return d.kind === "between" && dates.weekday(d.day) === n; });
      });
    }) : [];
    if (skipped.length) text += " " + word("skipped", { days: dayList(skipped) });
    // Past the stages the plan is one week of the chosen days, so a day after another chosen day
    // (Monday after Sunday, across weeks too) is named: never two runs in a row.
    var following = ready && planned.start >= rules.stages.length ? state.d.filter(function (n) {
      return state.d.indexOf((n + 6) % 7) >= 0;
    }) : [];
    if (following.length) text += " " + word("following", { days: dayList(following) });
    return text;
  }

  function show() {
    var ready = state.c.indexOf("0") < 0;
    planned = site.planRules.schedule(rules, state.s, state.d, ready, state.l);
    site.planCalendar.draw(sheet.querySelector(".rx-p-calendar"), planned, word);
    slot("summary").textContent = summary();
    slot("stages").textContent = rules.stage_summaries.map(function (text, i) {
      return word("stage", { n: i + 1, summary: text });
    }).join("; ");
    var url = site.qr.shareable(fragment());
    slot("address").textContent = url;
    // On paper a link is its address: the red flags' page in full, for a sheet read away from the site.
    var flags = sheet.querySelector(".rx-p-key .rx-p-flags");
    if (flags && slot("flags-url")) slot("flags-url").textContent = " (" + flags.href.split("#")[0] + ")";
    sheet.hidden = false;
    // The QR code (for paper) and the log's advice in tasks of their own, after the plan is on screen.
    setTimeout(function () { drawQr(url); }, 0);
    setTimeout(diary.refresh, 0);
  }

  // The vendored QR library, loaded once a plan is shown (a first visit without one never needs it).
  var qrLoading = false;
  function loadQr() {
    if (qrLoading || typeof self.qrcode === "function") return;
    qrLoading = true;
    var config = JSON.parse(document.getElementById("__config").textContent);
    var script = document.createElement("script");
    script.src = (config.base || ".").replace(/\/$/, "") + "/assets/vendor/qrcode-generator/qrcode.js";
    script.onload = function () { drawQr(); };
    document.head.appendChild(script);
  }

  function drawQr(url) {
    if (!state) return;
    loadQr();
    var target = slot("qr");
    if (site.qr.draw(target, sheet, url || site.qr.shareable(fragment()))) {
      target.querySelector("svg").setAttribute("aria-label", word("qr"));
    }
  }

  // The latest plan's address, kept on this device (the page says so) to open again without it.
  var keptKey = root.getAttribute("data-site-key") + "-plan-address-" + root.getAttribute("data-plan");
  function keep(hash) { try { localStorage.setItem(keptKey, hash); } catch (e) { /* not kept: the address still holds it */ } }
  function kept() { try { return localStorage.getItem(keptKey) || ""; } catch (e) { return ""; } }

  function update(text) {
    var hash = "#" + fragment();
    if (location.hash !== hash || location.search) history.replaceState(null, "", location.pathname + hash);
    keep(hash);
    root.querySelector(".rx-p-kept").hidden = true;
    show();
    say(text);
  }

  // Opens the plan of an address; what cannot be read is named, the rest kept.
  function open(text) {
    var problems = [];
    var s = address.parse(text, checks, problems, word);
    if (s) {
      fill(s);
      if (s.d.length) { state = s; update(""); }
    }
    say(problems.length ? word("damaged", { problems: problems.join("; ") }) : "");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var s = read();
    if (!s) return;
    state = s;
    update("");
    say(word("made", { summary: slot("summary").textContent }));
    sheet.querySelector(".rx-p-title").focus();  // the plan, just below the form, comes into view
  });

  root.querySelector(".rx-p-print").addEventListener("click", function () { window.print(); });

  root.querySelector(".rx-p-ics").addEventListener("click", function () {
    var canonical = document.querySelector('link[rel="canonical"]');
    var domain = canonical ? new URL(canonical.href).hostname : location.hostname || "localhost";
    var named = document.querySelector('meta[property="og:site_name"]');
    var text = site.planIcal.write(site.planIcal.events(rules, planned, domain),
                                   { rules: rules, site: named ? named.getAttribute("content") : "" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    link.download = root.getAttribute("data-plan") + ".ics";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  });

  // --- start --------------------------------------------------------------------------------

  // The log needs planner/log.js; without it the rest of the planner still works.
  // After a new log the old plan is done with: the reader makes one again (at their clinician's stage).
  function forget() {
    state = planned = null;
    history.replaceState(null, "", location.pathname);
    try { localStorage.removeItem(keptKey); } catch (e) { /* nothing kept */ }
    sheet.hidden = true;
    root.querySelector(".rx-p-kept").hidden = true;
    form.scrollIntoView();
  }

  var diary = { refresh: function () {} };
  if (site.planLog) diary = site.planDiary(root, word, rules, function () { return planned ? planned.start : 0; },
    function () { return !state || state.c.indexOf("0") < 0; }, function () { return Boolean(state); }, forget);
  else root.querySelector(".rx-p-log").hidden = true;
  root.querySelectorAll("[data-weekday]").forEach(function (span) { span.textContent = dates.weekdayName(+span.getAttribute("data-weekday")); });
  form.elements.s.value = dates.today();
  root.hidden = false;
  open(location.hash.replace(/^#/, ""));
  if (!state) setTimeout(diary.refresh, 0);
  if (!state && /^#./.test(kept())) {
    root.querySelector(".rx-p-kept-link").setAttribute("href", kept());
    root.querySelector(".rx-p-kept").hidden = false;
  }
  // An address pasted into this tab (only its fragment changed) opens that plan.
  self.addEventListener("hashchange", function () {
    if (!state || location.hash !== "#" + fragment()) open(location.hash.replace(/^#/, ""));
  });
})(self.ExerciseSite = self.ExerciseSite || {});
