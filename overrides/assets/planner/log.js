// The reader's plan log, kept on this device only: localStorage under "<siteKey>-plan-log" as
// {format: 1, entries: [...]}, with CSV export and import. Every entry is checked before it is
// kept, with a message naming the field; nothing stored is dropped or overwritten unread: a stored
// entry this page can't read is left as it was, and a store it can't read is never written over.
// Bounds come from the plan's JSON (rules.log, browser_rules in return_plan.py).
(function (site) {
  "use strict";

  var FORMAT = 1;  // a later format must still read this one: add an upgrade in `upgrade` then
  var COLUMNS = ["day", "kind", "minutes", "km", "during", "morning", "note"];
  var NAMES = { day: "Day", kind: "Kind", minutes: "Minutes", km: "Km", during: "Pain during",
    morning: "Pain next morning", note: "Note", id: "Entry", log: "Log", row: "Row" };
  var FORMULA = /^'*[=+\-@\t\r]/;  // what a spreadsheet could run as a formula, behind any apostrophes

  function pageRules() {
    var element = typeof document !== "undefined" && document.querySelector(".rx-plan-rules");
    return element ? JSON.parse(element.getAttribute("data-rules")) : null;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function chars(text) { return Array.from(text).length; }

  function newId() {
    var bytes = new Uint8Array(8);
    if (self.crypto && self.crypto.getRandomValues) self.crypto.getRandomValues(bytes);
    else for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.from(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function isDay(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var parts = value.split("-").map(Number), made = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return made.toISOString().slice(0, 10) === value;
  }

  // An entry checked against the limits: {entry, problems: [{field, message}]}. Numbers may come
  // as numbers or as typed text ("5.3", "5,3", "" for none).
  function checker(limits) {
    var pain = limits.pain;

    function amount(value, field, problems) {
      var bound = limits[field], label = NAMES[field];
      if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return null;
      var text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim().replace(",", ".") : "";
      var m = /^(\d+)(?:\.(\d+))?$/.exec(text);
      if (!m || (typeof value === "number" && !isFinite(value))) {
        problems.push({ field: field, message: label + ": write a number, e.g. 25 or 5.5 (this one reads “" + String(value) + "”)." });
        return null;
      }
      var number = Number(text);
      if ((m[2] || "").length > bound.places || number > bound.most) {
        problems.push({ field: field, message: label + ": a number from 0 to " + bound.most + ", with at most " + bound.places +
          (bound.places === 1 ? " decimal place" : " decimal places") + " (this one reads “" + text + "”)." });
        return null;
      }
      return number;
    }

    function score(value, field, optional, problems) {
      if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) {
        if (!optional) problems.push({ field: field, message: NAMES[field] + ": give a score from " + pain.least + " (none) to " + pain.most + "." });
        return null;
      }
      var text = String(value).trim(), number = Number(text);
      if (!/^\d+$/.test(text) || number < pain.least || number > pain.most) {
        problems.push({ field: field, message: NAMES[field] + ": a whole number from " + pain.least + " to " + pain.most +
          (optional ? ", or empty until that morning" : "") + " (this one reads “" + text + "”)." });
        return null;
      }
      return number;
    }

    return function check(raw) {
      var problems = [], entry = {};
      if (!raw || typeof raw !== "object") return { entry: null, problems: [{ field: "row", message: "Row: not an entry." }] };
      entry.id = typeof raw.id === "string" && raw.id ? raw.id : null;
      entry.day = typeof raw.day === "string" ? raw.day.trim() : raw.day;
      if (!isDay(entry.day)) {
        problems.push({ field: "day", message: "Day: give a date as year-month-day, e.g. 2026-03-31 (this one reads “" +
          (entry.day === undefined || entry.day === null ? "" : String(entry.day)) + "”)." });
      }
      entry.kind = typeof raw.kind === "string" ? raw.kind.trim().toLowerCase() : raw.kind;
      if (limits.kinds.indexOf(entry.kind) < 0) {
        problems.push({ field: "kind", message: "Kind: one of " + limits.kinds.map(function (k) { return "“" + k + "”"; }).join(" or ") +
          " (this one reads “" + (entry.kind === undefined || entry.kind === null ? "" : String(entry.kind)) + "”)." });
      }
      entry.minutes = amount(raw.minutes, "minutes", problems);
      entry.km = amount(raw.km, "km", problems);
      if (entry.kind === limits.kinds[0] && entry.minutes === null && entry.km === null &&
          !problems.some(function (p) { return p.field === "minutes" || p.field === "km"; })) {
        problems.push({ field: "minutes", message: "Minutes: a " + limits.kinds[0] + " needs its time in minutes or its distance in km." });
      }
      entry.during = score(raw.during, "during", false, problems);
      entry.morning = score(raw.morning, "morning", true, problems);
      var note = raw.note === undefined || raw.note === null ? "" : raw.note;
      if (typeof note !== "string") {
        problems.push({ field: "note", message: "Note: not text." });
      } else if (chars(note) > limits.note_chars) {
        problems.push({ field: "note", message: "Note: at most " + limits.note_chars + " characters; this one has " + chars(note) +
          ". Shorten it; nothing was kept." });
      }
      entry.note = typeof note === "string" ? note : "";
      return { entry: problems.length ? null : entry, problems: problems };
    };
  }

  function same(a, b) {
    return COLUMNS.every(function (key) { return a[key] === b[key]; });
  }

  // --- CSV (RFC 4180), safe to open in a spreadsheet ---------------------------------------------

  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (FORMULA.test(text)) text = "'" + text;  // read back without it (fromCsv), so a note round-trips
    return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(entries) {
    return [COLUMNS].concat((entries || []).map(function (e) {
      return COLUMNS.map(function (key) { return e[key]; });
    })).map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  // Records with the line each starts on; a quote left open is a problem of its line.
  function records(text) {
    var rows = [], row = [], field = "", quoted = false, line = 1, start = 1, i = 0, wasQuoted = false;
    function endField() { row.push(field); field = ""; wasQuoted = false; }
    function endRow() { endField(); rows.push({ line: start, cells: row }); row = []; }
    while (i < text.length) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i += 1; continue; }
        if (c === "\n") line += 1;
        field += c; i += 1; continue;
      }
      if (c === '"' && field === "" && !wasQuoted) { quoted = true; wasQuoted = true; i += 1; continue; }
      if (c === ",") { endField(); i += 1; continue; }
      if (c === "\r" || c === "\n") {
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        endRow(); line += 1; start = line; continue;
      }
      field += c; i += 1;
    }
    if (quoted) return { rows: rows, open: start };
    if (field !== "" || row.length || wasQuoted) endRow();
    return { rows: rows, open: null };
  }

  function uncell(text) { return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text; }

  function fromCsv(text, check) {
    var problems = [], entries = [];
    var parsed = records(String(text || "").replace(/^\uFEFF/, ""));
    var rows = parsed.rows.filter(function (r) { return !(r.cells.length === 1 && r.cells[0].trim() === ""); });
    if (!rows.length) return { entries: [], problems: [{ line: 1, field: "row", message: "Row: the file is empty; the first line must name the columns: " + COLUMNS.join(",") + "." }] };
    var header = rows[0].cells.map(function (h) { return h.trim().toLowerCase(); });
    var missing = ["day", "kind", "during"].filter(function (key) { return header.indexOf(key) < 0; });
    if (missing.length) {
      return { entries: [], problems: [{ line: rows[0].line, field: "row", message: "Row: the first line must name the columns " +
        COLUMNS.join(",") + "; " + missing.join(", ") + (missing.length === 1 ? " is" : " are") + " missing." }] };
    }
    rows.slice(1).forEach(function (r) {
      if (r.cells.length !== header.length) {
        problems.push({ line: r.line, field: "row", message: "Row: " + r.cells.length + " cells where the first line names " + header.length + "." });
        return;
      }
      var raw = {};
      header.forEach(function (key, n) { if (COLUMNS.indexOf(key) >= 0) raw[key] = uncell(r.cells[n]); });
      var checked = check(raw);
      if (checked.entry) { checked.entry.id = null; entries.push(checked.entry); }
      checked.problems.forEach(function (p) { problems.push({ line: r.line, field: p.field, message: p.message }); });
    });
    if (parsed.open !== null) {
      problems.push({ line: parsed.open, field: "row", message: "Row: a quote opened here is never closed, so the rest of the file can't be read." });
    }
    return { entries: entries, problems: problems };
  }

  // Imported entries not already kept, each kept one matched at most once (two equal sessions on
  // one day stay two); new ones get ids.
  function merge(entries, imported) {
    var kept = (entries || []).slice(), used = kept.map(function () { return false; }), added = 0, equal = 0;
    (imported || []).forEach(function (entry) {
      for (var n = 0; n < kept.length; n++) {
        if (!used[n] && same(kept[n], entry)) { used[n] = true; equal += 1; return; }
      }
      var copy = {};
      COLUMNS.forEach(function (key) { copy[key] = entry[key]; });
      copy.id = newId();
      kept.push(copy);
      used.push(true);
      added += 1;
    });
    return { entries: kept, added: added, same: equal };
  }

  // --- what the plan's rules read --------------------------------------------------------------

  function runs(entries, kinds) { return (entries || []).filter(function (e) { return e.kind === kinds[0]; }); }

  site.planLog = function (siteKey, rules) {
    rules = rules || pageRules();
    if (!rules || !rules.log) throw new Error("planLog needs the plan's rules (the .rx-plan-rules element's JSON)");
    var limits = rules.log, name = siteKey + "-plan-log", check = checker(limits);

    // {raw, entries, problems, writable}: raw is the stored object, kept whole for writing back.
    function load() {
      var text;
      try { text = localStorage.getItem(name); } catch (e) {
        return { raw: null, entries: [], writable: false, problems: [{ field: "log", message: "Log: this browser does not let the page keep a log here, so nothing can be kept on this device." }] };
      }
      if (text === null) return { raw: { format: FORMAT, entries: [] }, entries: [], problems: [], writable: true };
      var stored;
      try { stored = JSON.parse(text); } catch (e) { stored = null; }
      if (!stored || typeof stored !== "object" || !Array.isArray(stored.entries) || typeof stored.format !== "number") {
        return { raw: null, entries: [], writable: false, problems: [{ field: "log", message: "Log: the log kept on this device can't be read. It is left as it is, and nothing new is kept over it; to start a new log, clear this site's data in the browser's settings." }] };
      }
      if (stored.format > FORMAT) {
        return { raw: null, entries: [], writable: false, problems: [{ field: "log", message: "Log: the log kept on this device was written by a newer version of this site; this copy can't read it and leaves it as it is. Open the site online to see it." }] };
      }
      var entries = [], problems = [];
      stored.entries.forEach(function (item, n) {
        var checked = check(item);
        if (checked.entry && checked.entry.id) entries.push(checked.entry);
        else {
          var why = checked.problems.map(function (p) { return p.message; }).join(" ") || "Entry: it has no id.";
          problems.push({ field: "log", message: "Log: entry " + (n + 1) + " kept on this device can't be read and is left as it is. " + why });
        }
      });
      return { raw: stored, entries: entries, problems: problems, writable: true };
    }

    function save(raw) {
      raw.format = FORMAT;
      try { localStorage.setItem(name, JSON.stringify(raw)); return null; } catch (e) {
        return { field: "log", message: "Log: this browser would not keep the entry (its storage is full or not allowed); nothing was changed." };
      }
    }

    function refused(state) { return { ok: false, entry: null, problems: state.problems.filter(function (p) { return p.field === "log"; }) }; }

    function add(entry) {
      var checked = check(entry);
      if (!checked.entry) return { ok: false, entry: null, problems: checked.problems };
      var state = load();
      if (!state.writable) return refused(state);
      var fresh = checked.entry;
      if (!fresh.id || state.raw.entries.some(function (e) { return e && e.id === fresh.id; })) fresh.id = newId();
      state.raw.entries.push(fresh);
      var failed = save(state.raw);
      return failed ? { ok: false, entry: null, problems: [failed] } : { ok: true, entry: fresh, problems: [] };
    }

    function update(id, changes) {
      var state = load();
      if (!state.writable) return refused(state);
      var index = -1;
      state.raw.entries.forEach(function (e, n) { if (e && e.id === id) index = n; });
      if (index < 0) return { ok: false, entry: null, problems: [{ field: "id", message: "Entry: there is no entry " + id + " in the log." }] };
      var merged = {};
      COLUMNS.concat(["id"]).forEach(function (key) {
        merged[key] = changes && has(changes, key) && key !== "id" ? changes[key] : state.raw.entries[index][key];
      });
      var checked = check(merged);
      if (!checked.entry) return { ok: false, entry: null, problems: checked.problems };
      state.raw.entries[index] = checked.entry;
      var failed = save(state.raw);
      return failed ? { ok: false, entry: null, problems: [failed] } : { ok: true, entry: checked.entry, problems: [] };
    }

    function remove(id) {
      var state = load();
      if (!state.writable) return refused(state);
      var left = state.raw.entries.filter(function (e) { return !(e && e.id === id); });
      if (left.length === state.raw.entries.length) return { ok: false, problems: [{ field: "id", message: "Entry: there is no entry " + id + " in the log." }] };
      state.raw.entries = left;
      var failed = save(state.raw);
      return failed ? { ok: false, problems: [failed] } : { ok: true, problems: [] };
    }

    // The log before the latest new one, kept whole under "<siteKey>-plan-log-previous" until the next.
    var previousName = name + "-previous";

    function previous() {
      try { var stored = JSON.parse(localStorage.getItem(previousName)); } catch (e) { return []; }
      return stored && Array.isArray(stored.entries) ? stored.entries.filter(function (e) { return check(e).entry; }) : [];
    }

    // Empties the log: what it reads goes to the previous log's slot first (the page also hands it
    // over as a file), and a stored entry it can't read stays where it is, never dropped unread.
    function clear() {
      var state = load();
      if (!state.writable) return refused(state);
      try { localStorage.setItem(previousName, JSON.stringify({ format: FORMAT, entries: state.entries })); } catch (e) {
        return { ok: false, problems: [{ field: "log", message: "Log: this browser would not keep a copy of the log, so it was left as it is." }] };
      }
      state.raw.entries = state.raw.entries.filter(function (e) { return !(e && check(e).entry && e.id); });
      var failed = save(state.raw);
      return failed ? { ok: false, problems: [failed] } : { ok: true, problems: [] };
    }

    // The previous log's entries back in this one (those not in it already); the slot is then empty.
    function restore() {
      var state = load();
      if (!state.writable) return refused(state);
      var merged = merge(state.entries, previous());
      state.raw.entries = state.raw.entries.concat(merged.entries.slice(state.entries.length));
      var failed = merged.added ? save(state.raw) : null;
      if (failed) return { ok: false, added: 0, same: merged.same, problems: [failed] };
      try { localStorage.removeItem(previousName); } catch (e) { /* kept: restoring again adds nothing twice */ }
      return { ok: true, added: merged.added, same: merged.same, problems: [] };
    }

    // The CSV's good rows added to the log (those not kept already), in one write.
    function importCsv(text) {
      var read = fromCsv(text, check), state = load();
      if (!state.writable) return { ok: false, added: 0, same: 0, problems: refused(state).problems.concat(read.problems) };
      var merged = merge(state.entries, read.entries);
      state.raw.entries = state.raw.entries.concat(merged.entries.slice(state.entries.length));
      var failed = merged.added ? save(state.raw) : null;
      if (failed) return { ok: false, added: 0, same: merged.same, problems: [failed].concat(read.problems) };
      return { ok: true, added: merged.added, same: merged.same, problems: read.problems };
    }

    return {
      read: function () { var state = load(); return { entries: state.entries, problems: state.problems }; },
      add: add,
      update: update,
      remove: remove,
      clear: clear,
      restore: restore,
      previous: previous,
      importCsv: importCsv,
      toCsv: toCsv,
      fromCsv: function (text) { return fromCsv(text, check); },
      check: function (entry) { return check(entry); },
      merge: merge,
      results: function (entries) {
        return runs(entries, limits.kinds).map(function (e) { return { day: e.day, during: e.during, morning: e.morning }; });
      },
      logged: function (entries) {
        var out = [];
        runs(entries, limits.kinds).forEach(function (e) {
          if (e.minutes !== null) out.push({ day: e.day, amount: String(e.minutes), unit: "min" });
          if (e.km !== null) out.push({ day: e.day, amount: String(e.km), unit: "km" });
        });
        return out;
      }
    };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
