// The log on the planner's page: a form to record a run or a day of exercises, the entries
// (each can be changed or removed), CSV export and import, and what the log says of the next
// session: its stage and what to do (planRules.nextSession), then the cap (planRules.sessionCap).
// Kept by planner/log.js in this browser only. Every text from the log is shown as text.
(function (site) {
  "use strict";

  var NUMBERS = ["minutes", "km", "during", "morning"];

  // startStage(): the open plan's first stage; ready(): its checks are ticked; open(): a plan is open;
  // forget(): closes the open plan (after a new log).
  site.planDiary = function (root, word, rules, startStage, ready, open, forget) {
    var box = root.querySelector(".rx-p-log");
    var form = box.querySelector(".rx-p-log-form");
    var notice = box.querySelector(".rx-p-log-notice");
    var list = box.querySelector(".rx-p-entries");
    var next = box.querySelector(".rx-p-next");
    var cancel = box.querySelector(".rx-p-cancel");
    var log = site.planLog(root.getAttribute("data-site-key"));
    var editing = null;  // the id of the entry in the form, when changing one

    function say(text) { notice.textContent = text; }

    function messages(problems) {
      return problems.map(function (p) { return (p.line ? p.line + ": " : "") + p.message; }).join(" ");
    }

    function element(name, className, text) {
      var e = document.createElement(name);
      if (className) e.className = className;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    function entries() {
      var kept = log.read();
      if (kept.problems.length) say(word("log broken", { problems: messages(kept.problems) }));
      return kept.entries || [];
    }

    function describe(entry) {
      var amounts = [];
      if (entry.minutes !== null && entry.minutes !== undefined) amounts.push(entry.minutes + " " + word("unit min"));
      if (entry.km !== null && entry.km !== undefined) amounts.push(entry.km + " " + word("unit km"));
      return [entry.day, word("entry " + entry.kind)].concat(amounts).join(", ");
    }

    // --- the form -----------------------------------------------------------------------------

    function mark(problems) {
      NUMBERS.concat(["day", "kind", "note"]).forEach(function (name) {
        var bad = problems.some(function (p) { return p.field === name; });
        if (bad) form.elements[name].setAttribute("aria-invalid", "true");
        else form.elements[name].removeAttribute("aria-invalid");
      });
    }

    // The form as an entry; a number box holding what is not a number is a problem, not an empty field.
    function read(problems) {
      var entry = { day: form.elements.day.value, kind: form.elements.kind.value, note: form.elements.note.value };
      NUMBERS.forEach(function (name) {
        var input = form.elements[name];
        if (input.validity.badInput) {
          var label = input.closest("label").firstChild.textContent.trim();
          problems.push({ field: name, message: label + ": not a number" });
        }
        entry[name] = input.value;  // as typed: the log's check names what is wrong with it
      });
      return entry;
    }

    function reset() {
      editing = null;
      cancel.hidden = true;
      form.reset();
      form.elements.day.value = site.dates.today();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var problems = [];
      var entry = read(problems);
      var result = { ok: false, problems: problems };
      if (!problems.length) {
        result = editing ? log.update(editing, entry) : log.add(entry);
      }
      mark(result.problems || []);
      if (!result.ok) {
        say(word("log refused", { problems: messages(result.problems || []) }));
        return;
      }
      say(word(editing ? "log changed" : "log added", { entry: describe(result.entry || entry) }));
      reset();
      refresh();
    });

    cancel.addEventListener("click", function () { reset(); mark([]); say(""); });

    function change(entry) {
      editing = entry.id;
      cancel.hidden = false;
      ["day", "kind", "note"].concat(NUMBERS).forEach(function (name) {
        form.elements[name].value = entry[name] === null || entry[name] === undefined ? "" : String(entry[name]);
      });
      form.elements.day.focus();
    }

    // --- the entries ------------------------------------------------------------------------

    function drawList(all) {
      list.textContent = "";
      if (!all.length) { list.appendChild(element("p", "", word("log empty"))); return; }
      var ul = list.appendChild(element("ul"));
      all.slice().sort(function (a, b) { return a.day < b.day ? 1 : a.day > b.day ? -1 : 0; }).forEach(function (entry) {
        var li = ul.appendChild(element("li"));
        var scores = word("during") + " " + entry.during + ", " + word("morning") + " " +
          (entry.morning === null || entry.morning === undefined ? word("entry morning") : entry.morning);
        li.appendChild(element("span", "rx-p-entry", describe(entry) + "; " + scores + (entry.note ? "; " : "")));
        if (entry.note) li.appendChild(element("q", "rx-p-entry-note", entry.note));
        [["change", function () { change(entry); }], ["remove", function () {
          var result = log.remove(entry.id);
          say(result.ok ? word("log removed", { entry: describe(entry) }) : word("log refused", { problems: messages(result.problems) }));
          refresh();
        }]].forEach(function (action) {
          var button = element("button", "md-button rx-p-" + action[0], word(action[0]) + " ");
          button.type = "button";
          button.appendChild(element("span", "rx-vh", describe(entry)));
          button.addEventListener("click", action[1]);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(button);
        });
      });
    }

    // --- what the log says of the next session ---------------------------------------------------

    function paragraph(text) { return next.appendChild(element("p", "", text)); }

    function drawNext(all) {
      var today = site.dates.today();
      var planRules = site.planRules;
      var now = planRules.nextSession(rules, log.results(all), today, startStage());
      next.textContent = "";
      // No plan open: say so first, and with nothing logged, say nothing more.
      if (!open()) {
        var offered = !root.querySelector(".rx-p-kept").hidden;
        paragraph(word("no plan") + (offered ? " " + word("no plan kept") : ""));
        if (!all.length) return;
      }
      // Not ready, told to see someone or to stop running for now: no stage to name. Done: no stage, the cap below.
      var what = ready() ? now.action : "not ready";
      if (now.stage < rules.stages.length && ["not ready", "see someone", "stop"].indexOf(what) < 0) {
        paragraph(word("next", { n: now.stage + 1, summary: rules.stage_summaries[now.stage] }));
      }
      var action = paragraph(word("action " + what));
      action.className = "rx-p-action";
      // Whenever a session hurt, the warning signs come with the advice.
      if (["step back", "stop", "hold", "see someone"].indexOf(what) >= 0) {
        var warning = what === "see someone" ? action : paragraph(word("warning"));
        var flags = root.querySelector(".rx-p-flags");
        if (flags) { warning.appendChild(document.createTextNode(" " + word("read more") + " ")); warning.appendChild(flags.cloneNode(true)); }
      }
      if (what !== "done") return;
      // The cap builds on runs without pain only: one that hurt sets no new longest.
      var logged = log.logged(all.filter(function (entry) {
        return planRules.held(rules, { during: entry.during, morning: entry.morning });
      }));
      var units = ["min", "km"].filter(function (unit, i) {
        return i === 0 || logged.some(function (l) { return l.unit === unit; });
      });
      units.forEach(function (unit) {
        var cap = planRules.sessionCap(logged, today, rules, unit);
        var values = { unit: word("unit " + unit), units: word("units " + unit) };
        if (cap.longest) { values.limit = cap.limit; values.amount = cap.longest.amount; values.day = cap.longest.day; }
        if (cap.over) { values.before = cap.over.amount; values.since = cap.over.day; }
        paragraph(word("cap " + (cap.over ? "over" : cap.status), values)).className = "rx-p-cap";
      });
    }

    var restoreButton = box.querySelector(".rx-p-restore");

    function refresh() {
      var all = entries();
      drawList(all);
      drawNext(all);
      restoreButton.hidden = !log.previous().length;
    }

    // --- CSV files ----------------------------------------------------------------------------

    // Hands the log to the reader as a CSV file; returns the file's name.
    function download(all, name) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([log.toCsv(all)], { type: "text/csv;charset=utf-8" }));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
      return name;
    }

    box.querySelector(".rx-p-export").addEventListener("click", function () {
      download(entries(), root.getAttribute("data-plan") + "-log.csv");
    });

    // A new log (after a clinician has cleared the runner to start again): the old one is saved to a
    // dated file first, and the entries leave this device only once that file has been handed over.
    box.querySelector(".rx-p-new-log").addEventListener("click", function () {
      var all = entries();
      if (!all.length) { say(word("log empty")); return; }
      if (!self.confirm(word("log new confirm"))) return;
      var file = download(all, root.getAttribute("data-plan") + "-log-" + site.dates.today() + ".csv");
      var result = log.clear();
      say(result.ok ? word("log new", { count: all.length, file: file }) : word("log refused", { problems: messages(result.problems) }));
      if (result.ok) forget();
      refresh();
    });

    restoreButton.addEventListener("click", function () {
      var result = log.restore();
      say(result.ok ? word("log restored", { added: result.added, same: result.same }) : word("log refused", { problems: messages(result.problems) }));
      refresh();
    });

    var file = box.querySelector(".rx-p-import input");
    file.addEventListener("change", function () {
      var chosen = file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      reader.onerror = function () { say(word("log unreadable", { file: chosen.name })); };
      reader.onload = function () {
        var result = log.importCsv(String(reader.result));
        var text = word("log imported", { file: chosen.name, added: result.added, same: result.same });
        if (result.problems.length) text += " " + word("log import problems", { file: chosen.name, problems: messages(result.problems) });
        say(text);
        file.value = "";
        refresh();
      };
      reader.readAsText(chosen);
    });

    reset();
    return { refresh: refresh };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
