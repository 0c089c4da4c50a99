// The card builder (/builder/): a routine card made in the browser and kept whole in its own
// address, e.g. builder/#v1&t=My%20card&f=2-3&w=6&e=clamshell,2,2,10-15,,,s,
// (README "The card builder" documents the format). The card is the one builder.md renders
// from the same macros as the ready-made cards; this script fills its data-slot spans.
// Data comes as scripts (api/index.js, api/exercises/<slug>.js), which load from file:// too.
(function () {
  "use strict";

  var root = document.querySelector(".sh-builder");
  if (!root) return;

  var LIMITS = { oneSheet: 9, exercises: 20, sessions: 3, weeks: 8, text: 80, name: 40 };
  var VERSION = "v1";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = (config.base || ".").replace(/\/$/, "") + "/";

  var form = root.querySelector(".sh-editor");
  var card = root.querySelector(".sh-built");
  var notice = root.querySelector(".sh-b-notice");
  var list = root.querySelector(".sh-b-items");
  var addInput = root.querySelector("#sh-b-add");
  var rowTemplate = card.querySelector(".sh-items tbody tr");
  var tbody = rowTemplate.parentNode;
  var gridTemplate = card.querySelector(".sh-log:not(.sh-runs)");
  var nameLink = rowTemplate.querySelector("a");
  rowTemplate.remove();
  gridTemplate.remove();

  var index = null;          // api/index.js
  var records = {};          // slug -> api/exercises/<slug>.js
  var waiting = {};          // slug -> callbacks
  var state = null;
  var problems = [];
  var keptId = null;

  // --- data, as scripts ---------------------------------------------------------

  var queued = self.ExerciseSiteData || [];
  self.ExerciseSiteData = { push: receive };
  queued.forEach(receive);

  function receive(entry) {
    if (entry[0] === "index") {
      index = entry[1];
      index.bySlug = {};
      index.exercises.forEach(function (e) { index.bySlug[e[0]] = e; });
      start();
    } else if (entry[0] === "exercise") {
      var record = entry[1];
      records[record.slug] = record;
      (waiting[record.slug] || []).forEach(function (done) { done(); });
      delete waiting[record.slug];
    }
  }

  function load(path, failed, loaded) {
    var script = document.createElement("script");
    script.src = base + path;
    script.async = true;
    if (failed) script.onerror = failed;
    if (loaded) script.onload = loaded;
    document.head.appendChild(script);
  }

  function needRecords(slugs, done) {
    var missing = slugs.filter(function (slug, i) { return !records[slug] && slugs.indexOf(slug) === i; });
    var left = missing.length;
    if (!left) return done();
    missing.forEach(function (slug) {
      var finish = function () { if (--left === 0) done(); };
      (waiting[slug] = waiting[slug] || []).push(finish);
      load("api/exercises/" + slug + ".js", function () {
        problems.push("the exercise " + quote(slug) + " could not be loaded");
        finish();
      });
    });
  }

  // --- the address --------------------------------------------------------------

  function quote(text) { return "\u201c" + text + "\u201d"; }

  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return null; }
  }

  function encode(text) { return encodeURIComponent(text).replace(/%20/g, "%20"); }

  function parseCount(text, low, high) {
    var m = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(text || "");
    if (!m) return null;
    var a = +m[1], b = m[2] === undefined ? a : +m[2];
    if (a > b || a < low || b > high) return null;
    return { low: a, high: b };
  }

  function emptyState() {
    return { t: "", p: "", b: "", d: "", f: "2", u: "", w: "6", e: [] };
  }

  function clean(text, max) {
    return String(text || "").replace(/\s+/g, " ").trim().slice(0, max);
  }

  // Reads a card from the address's fragment; whatever cannot be read is listed in `problems`.
  function parseFragment(fragment) {
    var card = emptyState();
    if (!fragment) return card;
    var parts = fragment.split("&");
    if (parts[0] !== VERSION) {
      problems.push("the address is not a card this builder knows (it should start with #" + VERSION + ")");
      return card;
    }
    parts.slice(1).forEach(function (part) {
      var at = part.indexOf("=");
      var key = at < 0 ? part : part.slice(0, at);
      var raw = at < 0 ? "" : part.slice(at + 1);
      if (key === "e") {
        var fields = raw.split(",").map(decode);
        if (fields.some(function (f) { return f === null; })) {
          problems.push("an exercise whose text is damaged");
          return;
        }
        card.e.push(fields);
        return;
      }
      var value = decode(raw);
      if (value === null || !/^[tpbdfuw]$/.test(key)) {
        problems.push("a part of the address that is not understood (" + quote(part.slice(0, 30)) + ")");
        return;
      }
      card[key] = value;
    });
    return card;
  }

  function serialize(s) {
    var out = [VERSION];
    ["t", "p", "b", "d", "f", "u", "w"].forEach(function (key) {
      if (s[key]) out.push(key + "=" + encode(s[key]));
    });
    s.e.forEach(function (item) {
      var fields = [item.slug, item.level, item.sets, item.reps, item.hold, item.dur, item.side ? "s" : "", item.note, item.cue];
      while (fields.length > 2 && !fields[fields.length - 1]) fields.pop();
      out.push("e=" + fields.map(function (f) { return encode(String(f || "")); }).join(","));
    });
    return out.join("&");
  }

  // Checks a card read from an address or a routine against the data, keeping what is sound.
  function validate(raw) {
    var s = emptyState();
    s.t = clean(raw.t, LIMITS.text);
    s.p = clean(raw.p, LIMITS.name);
    s.b = clean(raw.b, LIMITS.name);
    if (raw.d) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(raw.d)) s.d = raw.d;
      else problems.push("the date " + quote(raw.d));
    }
    [["f", "sessions a week"], ["u", "sessions to build up to"]].forEach(function (pair) {
      var value = raw[pair[0]];
      if (!value) { s[pair[0]] = pair[0] === "f" ? "2" : ""; return; }
      if (parseCount(value, 1, LIMITS.sessions)) s[pair[0]] = value;
      else {
        problems.push("the " + pair[1] + " " + quote(value));
        s[pair[0]] = pair[0] === "f" ? "2" : "";
      }
    });
    var weeks = parseCount(raw.w, 1, LIMITS.weeks);
    if (raw.w && (!weeks || weeks.low !== weeks.high)) problems.push("the weeks to track " + quote(raw.w));
    s.w = weeks && weeks.low === weeks.high ? String(weeks.low) : "6";
    (raw.e || []).forEach(function (fields) {
      if (s.e.length >= LIMITS.exercises) {
        problems.push("exercises after the " + LIMITS.exercises + "th");
        return;
      }
      var slug = String(fields[0] || "");
      var entry = index.bySlug[slug];
      if (!entry) {
        problems.push("the exercise " + quote(slug) + ", which is not in the catalogue now (renamed or removed?)");
        return;
      }
      s.e.push({ slug: slug, level: fields[1] || "1", raw: fields });
    });
    return s;
  }

  // Fills each item's dosage from its fields, or from the data where the address gives none.
  function settle(s) {
    s.e = s.e.filter(function (item) {
      var record = records[item.slug];
      if (!record) return false;
      var name = record.name;
      var number = parseInt(item.level, 10);
      var fields = item.raw || [];
      if (!(number >= 1 && number <= record.levels.length && String(number) === String(item.level))) {
        problems.push(name + " level " + quote(item.level) + ", which does not exist now; level 1 is shown");
        number = 1;
        fields = [];
      }
      item.level = String(number);
      var defaults = record.levels[number - 1].dosage;
      var given = fields.length > 2;
      var counts = ["sets", "reps", "hold", "dur"];
      counts.forEach(function (key, i) {
        var value = given ? String(fields[2 + i] || "") : defaults[i];
        if (value && !parseCount(value, 0, 999)) {
          problems.push("the " + (key === "dur" ? "time" : key) + " of " + name + " (" + quote(value) + ")");
          value = defaults[i];
        }
        item[key] = value;
      });
      var side = given ? String(fields[6] || "") : defaults[4];
      if (side && side !== "s") problems.push("the sides of " + name + " (" + quote(side) + ")");
      item.side = side === "s";
      item.note = clean(given ? fields[7] : defaults[5], LIMITS.text);
      item.cue = clean(fields[8], LIMITS.text);
      delete item.raw;
      return true;
    });
    return s;
  }

  function address(s) {
    return "#" + serialize(s);
  }

  // The address the QR code and the kept cards hold: this page's own, or from a folder
  // (file://, which a phone cannot open) the published site's.
  function shareable() {
    var here = location.href.split("#")[0].split("?")[0];
    if (!/^https?:/.test(location.protocol)) {
      var canonical = document.querySelector('link[rel="canonical"]');
      if (canonical) here = canonical.href;
    }
    return here + address(state);
  }

  // --- words: dosage, frequency, equipment (as hooks/exercise_site/text.py says them) ----

  function count(c) { return c.low === c.high ? String(c.low) : c.low + "\u2013" + c.high; }
  function plural(c, word) { return count(c) + " " + word + (c.high === 1 ? "" : "s"); }
  function setsOf(sets) { return sets ? plural(sets, "set") + " of " : ""; }
  function seconds(c) { return c.low === 0 && c.high !== 0 ? "up to " + c.high + " s" : count(c) + " s"; }
  function repHold(c) { return c.low === 0 && c.high !== 0 ? "pausing up to " + c.high + " s" : "holding each for " + count(c) + " s"; }
  function times(c) {
    if (c.low === c.high && c.low === 1) return "once";
    if (c.low === c.high && c.low === 2) return "twice";
    return count(c) + " times";
  }

  function dosageText(item) {
    var sets = parseCount(item.sets, 0, 999), reps = parseCount(item.reps, 0, 999);
    var hold = parseCount(item.hold, 0, 999), dur = parseCount(item.dur, 0, 999);
    var note = item.note, side = item.side ? " on each side" : "", text;
    if (hold && hold.high === 0) hold = null;
    if (!sets && !reps && !hold && !dur && !note) return "as comfortable";
    if (reps) {
      text = setsOf(sets) + plural(reps, "rep") + side;
      if (hold) text += ", " + repHold(hold);
    } else if (dur) {
      text = setsOf(sets) + count(dur) + " s" + side;
      if (hold) text += ", " + repHold(hold);
    } else if (hold) {
      text = "hold " + seconds(hold) + side;
      if (sets) text += ", " + times(sets);
    } else if (sets) {
      text = plural(sets, "set") + side;
      return note ? text + ": " + note : text;
    } else {
      text = "";
    }
    if (note) return text ? text + "; " + note : note;
    return text;
  }

  function oftenText(s) {
    var text = times(parseCount(s.f, 1, LIMITS.sessions) || { low: 2, high: 2 }) + " a week";
    var up = parseCount(s.u, 1, LIMITS.sessions);
    if (up) text += ", building up to " + times(up) + " a week";
    return text + "; track " + s.w + " weeks";
  }

  function sessions(s) {
    return Math.max.apply(null, [parseCount(s.f, 1, 3), parseCount(s.u, 1, 3)].filter(Boolean).map(function (c) { return c.high; }).concat([1]));
  }

  function either(names) { return names.length > 1 ? names.slice(0, -1).join(", ") + " or " + names[names.length - 1] : names[0]; }

  function needsText(s) {
    var needed = [], keys = [];
    s.e.forEach(function (item) {
      var record = records[item.slug];
      record.equipment.concat(record.levels[item.level - 1].equipment).forEach(function (entry) {
        var key = JSON.stringify(entry);
        if (keys.indexOf(key) < 0) { keys.push(key); needed.push(entry); }
      });
    });
    var plain = needed.filter(function (e) { return typeof e === "string"; });
    needed = needed.filter(function (e) {
      return typeof e === "string" || !e.one_of.some(function (name) { return plain.indexOf(name) >= 0; });
    });
    if (!needed.length) return "none";
    var choice = needed.some(function (e) { return typeof e !== "string"; });
    return needed.map(function (e) { return typeof e === "string" ? e : either(e.one_of); }).join(choice ? "; " : ", ");
  }

  // --- the card -----------------------------------------------------------------

  function slot(name) { return card.querySelector('[data-slot="' + name + '"]'); }

  function exerciseHref(slug) {
    var href = nameLink.getAttribute("href"), first = index.exercises[0][0];
    var at = href.lastIndexOf(first);
    return at < 0 ? href : href.slice(0, at) + slug + href.slice(at + first.length);
  }

  function renderCard() {
    slot("title").textContent = state.t || "Your card";
    slot("for").textContent = state.p;
    slot("by").textContent = state.b;
    slot("date").textContent = state.d;
    slot("often").textContent = oftenText(state);
    slot("needs").textContent = needsText(state);
    slot("sheets").hidden = state.e.length <= LIMITS.oneSheet;

    tbody.textContent = "";
    state.e.forEach(function (item, i) {
      var record = records[item.slug], level = record.levels[item.level - 1];
      var row = rowTemplate.cloneNode(true);
      var cells = row.children;
      cells[0].textContent = String(i + 1);
      row.querySelector(".sh-figure").innerHTML = level.thumb.split("-sh-key").join("-b" + (i + 1));
      var link = row.querySelector("a");
      link.textContent = record.name;
      link.setAttribute("href", exerciseHref(item.slug));
      row.querySelector(".sh-level-name").textContent = level.name;
      var harder = record.harder.length && index.bySlug[record.harder[0]];
      var next = record.levels[item.level] ? record.levels[item.level].name : harder ? harder[1] : "";
      if (next) row.querySelector(".sh-next-name").textContent = next;
      else row.querySelector(".sh-next").remove();
      cells[2].textContent = dosageText(item);
      cells[3].textContent = item.cue || record.cues.join(" \u00b7 ");
      tbody.appendChild(row);
    });

    var grid = gridTemplate.cloneNode(true), keep = sessions(state), weeks = +state.w;
    var heads = grid.querySelectorAll("thead tr");
    [].slice.call(heads[0].children, 1 + keep).forEach(function (th) { th.remove(); });
    [].slice.call(heads[1].children, 3 * keep).forEach(function (th) { th.remove(); });
    [].slice.call(grid.querySelectorAll(".sh-log-weeks tr"), weeks).forEach(function (tr) { tr.remove(); });
    grid.querySelectorAll(".sh-log-weeks tr").forEach(function (tr) {
      [].slice.call(tr.children, 1 + 3 * keep).forEach(function (td) { td.remove(); });
    });
    grid.querySelector(".sh-log-baseline").colSpan = 3 * keep;
    var old = card.querySelector(".sh-grid .sh-log:not(.sh-runs)");
    if (old) old.remove();
    card.querySelector(".sh-grid").appendChild(grid);

    var keys = [];
    state.e.forEach(function (item) {
      records[item.slug].sources.forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
    });
    index.pain_sources.forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
    var named = [];  // two sources by one hospital read the same in a few words: name it once
    keys.forEach(function (key) {
      var short = index.sources[key] && index.sources[key].short;
      if (short && named.indexOf(short) < 0) named.push(short);
    });
    slot("sources").textContent = named.join("; ") + ".";
    renderQr();
  }

  function renderQr() {
    var target = slot("qr"), url = shareable();
    if (typeof self.qrcode !== "function") return;
    var qr = self.qrcode(0, "M");
    qr.addData(url, "Byte");
    qr.make();
    target.innerHTML = qr.createSvgTag({ cellSize: 1, margin: 4, scalable: true });
    var svg = target.querySelector("svg");
    svg.setAttribute("class", "sh-qr-code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of this card's address");
    // Each module at least 0.3 mm in print, so that a phone reads a long address from paper.
    var size = Math.max(22, Math.min(40, Math.ceil((qr.getModuleCount() + 8) * 0.3)));
    card.querySelector(".sh-qr").style.setProperty("--sh-qr-size", size + "mm");
  }

  // --- the editor ---------------------------------------------------------------

  function field(labelText, name, value, extra) {
    var label = document.createElement("label");
    label.textContent = labelText + " ";
    var input = document.createElement("input");
    input.type = "text";
    input.name = name;
    input.value = value || "";
    Object.keys(extra || {}).forEach(function (k) { input.setAttribute(k, extra[k]); });
    label.appendChild(input);
    return label;
  }

  function button(visible, hidden, after, action, i) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button sh-b-" + action;
    b.dataset.action = action;
    b.dataset.index = String(i);
    b.appendChild(document.createTextNode(visible + " "));
    var name = document.createElement("span");
    name.className = "sh-vh";
    name.textContent = hidden + " ";
    b.appendChild(name);
    if (after) b.appendChild(document.createTextNode(after));
    return b;
  }

  function renderEditor(focus) {
    ["t", "p", "b", "d", "f", "u", "w"].forEach(function (key) {
      var input = form.elements[key];
      if (input.value !== state[key]) input.value = state[key];
    });
    list.textContent = "";
    if (!state.e.length) {
      var empty = document.createElement("li");
      empty.className = "sh-b-empty";
      empty.textContent = "No exercises yet: add one above.";
      list.appendChild(empty);
    }
    state.e.forEach(function (item, i) {
      var record = records[item.slug];
      var li = document.createElement("li");
      li.dataset.index = String(i);
      var box = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = record.name;
      box.appendChild(legend);
      var label = document.createElement("label");
      label.textContent = "Level for " + record.name + " ";
      var select = document.createElement("select");
      select.name = "level";
      record.levels.forEach(function (level, n) {
        var option = document.createElement("option");
        option.value = String(n + 1);
        option.textContent = "Level " + (n + 1) + ": " + level.name;
        select.appendChild(option);
      });
      select.value = item.level;
      label.appendChild(select);
      box.appendChild(label);
      var counts = { inputmode: "numeric", maxlength: "7", pattern: "\\d{1,3}(-\\d{1,3})?" };
      box.appendChild(field("Sets", "sets", item.sets, counts));
      box.appendChild(field("Reps", "reps", item.reps, counts));
      box.appendChild(field("Hold (s)", "hold", item.hold, counts));
      box.appendChild(field("Time (s)", "dur", item.dur, counts));
      var side = document.createElement("label");
      var check = document.createElement("input");
      check.type = "checkbox";
      check.name = "side";
      check.checked = item.side;
      side.appendChild(check);
      side.appendChild(document.createTextNode(" Each side"));
      box.appendChild(side);
      box.appendChild(field("Note", "note", item.note, { maxlength: String(LIMITS.text), autocomplete: "off" }));
      box.appendChild(field("Cue", "cue", item.cue, { maxlength: String(LIMITS.text), autocomplete: "off", placeholder: record.cues[0] || "" }));
      var actions = document.createElement("div");
      actions.className = "sh-b-actions";
      actions.appendChild(button("Move", record.name, "up", "up", i));
      actions.appendChild(button("Move", record.name, "down", "down", i));
      actions.appendChild(button("Remove", record.name, "", "remove", i));
      box.appendChild(actions);
      li.appendChild(box);
      list.appendChild(li);
    });
    if (focus) {
      var target = list.querySelector('li[data-index="' + focus.index + '"] [name="' + focus.name + '"]') ||
        list.querySelector('li[data-index="' + focus.index + '"] [data-action="' + focus.action + '"]');
      (target || addInput).focus();
    }
  }

  function say(text) {
    notice.textContent = text;
  }

  function update(options) {
    options = options || {};
    var hash = address(state);
    if (location.hash !== hash || location.search) {
      history.replaceState(null, "", location.pathname + hash);
    }
    if (options.editor) renderEditor(options.focus);
    renderCard();
    keep();
  }

  // --- adding exercises ----------------------------------------------------------

  // The add box's suggestions: a thousand exercises are a thousand <option>s, made when the
  // box is first used rather than while the page loads.
  function fillSuggestions() {
    var datalist = root.querySelector("#sh-b-names");
    if (datalist.options.length || !index) return;
    var fragment = document.createDocumentFragment();
    index.exercises.forEach(function (e) {
      var option = document.createElement("option");
      option.value = e[1];
      if (e[2].length) option.label = e[2].join(", ");
      fragment.appendChild(option);
    });
    datalist.appendChild(fragment);
  }

  // The exercise a typed text means: its name, then a name that starts with it or holds it,
  // then one of the words site search knows it by (other names, muscles, equipment).
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (e) { return e[1].toLowerCase() === q; },
      function (e) { return e[2].some(function (w) { return w.toLowerCase() === q; }); },
      function (e) { return e[1].toLowerCase().indexOf(q) === 0; },
      function (e) { return e[1].toLowerCase().indexOf(q) >= 0; },
      function (e) { return e[2].some(function (w) { return w.toLowerCase().indexOf(q) >= 0; }); }
    ];
    for (var i = 0; i < tests.length; i++) {
      var found = index.exercises.filter(tests[i]);
      if (found.length) return found[0];
    }
    return null;
  }

  function add(slug, then) {
    if (state.e.length >= LIMITS.exercises) {
      say("A card holds at most " + LIMITS.exercises + " exercises.");
      return;
    }
    needRecords([slug], function () {
      var record = records[slug];
      if (!record) { say("That exercise could not be loaded."); return; }
      var d = record.levels[0].dosage;
      state.e.push({ slug: slug, level: "1", sets: d[0], reps: d[1], hold: d[2], dur: d[3], side: d[4] === "s", note: d[5] });
      update({ editor: true });
      var extra = state.e.length === LIMITS.oneSheet + 1 ? " The card now takes two sheets." : "";
      say("Added " + record.name + ", number " + state.e.length + " on the card." + extra);
      if (then) then();
    });
  }

  function addTyped() {
    var found = find(addInput.value);
    if (!found) {
      say("No exercise matches " + quote(addInput.value.trim()) + ". Try another word.");
      return;
    }
    add(found[0], function () { addInput.value = ""; addInput.focus(); });
  }

  addInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); addTyped(); }
  });
  root.querySelector(".sh-b-add-button").addEventListener("click", addTyped);
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  form.addEventListener("input", function (event) {
    var target = event.target, li = target.closest("li[data-index]");
    if (target === addInput || target.name === "keep") return;
    if (!li) {
      if (/^[tpbdfuw]$/.test(target.name)) {
        var value = target.value;
        if (target.name === "f" || target.name === "u") {
          if (value && !parseCount(value, 1, LIMITS.sessions)) return target.setAttribute("aria-invalid", "true");
          target.removeAttribute("aria-invalid");
          if (target.name === "f" && !value) value = "2";
        }
        if (target.name === "w") {
          var w = parseCount(value, 1, LIMITS.weeks);
          if (!w || w.low !== w.high) return target.setAttribute("aria-invalid", "true");
          target.removeAttribute("aria-invalid");
        }
        state[target.name] = target.type === "text" ? value.slice(0, target.maxLength > 0 ? target.maxLength : 80) : value;
        update();
      }
      return;
    }
    var item = state.e[+li.dataset.index];
    if (target.name === "level") {
      var d = records[item.slug].levels[+target.value - 1].dosage;
      item.level = target.value;
      item.sets = d[0]; item.reps = d[1]; item.hold = d[2]; item.dur = d[3]; item.side = d[4] === "s"; item.note = d[5];
      update({ editor: true, focus: { index: li.dataset.index, name: "level" } });
      say(records[item.slug].name + " set to level " + item.level + "; its dosage is the level's own.");
    } else if (target.name === "side") {
      item.side = target.checked;
      update();
    } else if (target.name === "note" || target.name === "cue") {
      item[target.name] = target.value.slice(0, LIMITS.text);
      update();
    } else if (["sets", "reps", "hold", "dur"].indexOf(target.name) >= 0) {
      if (target.value && !parseCount(target.value, 0, 999)) return target.setAttribute("aria-invalid", "true");
      target.removeAttribute("aria-invalid");
      item[target.name] = target.value;
      update();
    }
  });

  list.addEventListener("click", function (event) {
    var b = event.target.closest("button[data-action]");
    if (!b) return;
    var i = +b.dataset.index, action = b.dataset.action, item = state.e[i], name = records[item.slug].name;
    if (action === "remove") {
      state.e.splice(i, 1);
      update({ editor: true, focus: { index: Math.min(i, state.e.length - 1), action: "remove" } });
      say("Removed " + name + ".");
      return;
    }
    var j = action === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= state.e.length) { say(name + " is already " + (action === "up" ? "first." : "last.")); return; }
    state.e.splice(i, 1);
    state.e.splice(j, 0, item);
    update({ editor: true, focus: { index: j, action: action } });
    say(name + " moved to number " + (j + 1) + ".");
  });

  // --- keep on this device (off unless ticked) -------------------------------------

  var STORE = "steady-hips-cards";
  var keepBox = form.elements.keep;

  function stored() {
    try { return JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { return null; }
  }

  function keep() {
    var kept = stored();
    if (!kept) return showKept(null);
    if (state.e.length || state.t) {
      keptId = keptId || String(Date.now());
      var entry = kept.cards.filter(function (c) { return c.id === keptId; })[0];
      if (!entry) { entry = { id: keptId }; kept.cards.unshift(entry); }
      entry.title = state.t || "Untitled card";
      entry.address = address(state);
      entry.saved = new Date().toISOString().slice(0, 10);
      try { localStorage.setItem(STORE, JSON.stringify(kept)); } catch (e) { say("This browser would not keep the card."); }
    }
    showKept(kept);
  }

  function showKept(kept) {
    var ul = root.querySelector(".sh-b-kept");
    keepBox.checked = !!kept;
    ul.textContent = "";
    (kept ? kept.cards : []).forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = c.address;
      a.textContent = c.title + " (" + c.saved + ")";
      a.addEventListener("click", function (event) {
        event.preventDefault();
        keptId = c.id;
        open(c.address.slice(1));
      });
      li.appendChild(a);
      var forget = document.createElement("button");
      forget.type = "button";
      forget.className = "md-button sh-b-forget";
      forget.appendChild(document.createTextNode("Forget "));
      var hidden = document.createElement("span");
      hidden.className = "sh-vh";
      hidden.textContent = c.title;
      forget.appendChild(hidden);
      forget.addEventListener("click", function () {
        var now = stored();
        if (!now) return;
        now.cards = now.cards.filter(function (other) { return other.id !== c.id; });
        if (c.id === keptId) keptId = null;
        localStorage.setItem(STORE, JSON.stringify(now));
        showKept(now);
        say("Forgot " + c.title + ".");
      });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(forget);
      ul.appendChild(li);
    });
  }

  keepBox.addEventListener("change", function () {
    try {
      if (keepBox.checked) {
        localStorage.setItem(STORE, JSON.stringify({ format: 1, cards: [] }));
        say("Your cards are now kept in this browser.");
      } else {
        localStorage.removeItem(STORE);
        keptId = null;
        say("Kept cards forgotten; nothing is stored in this browser now.");
      }
    } catch (e) {
      say("This browser does not allow storage here.");
    }
    keep();
  });

  // --- start ---------------------------------------------------------------------

  function open(fragment, extra) {
    problems = [];
    var raw = parseFragment(fragment);
    if (extra) extra(raw);
    var s = validate(raw);
    needRecords(s.e.map(function (item) { return item.slug; }), function () {
      state = settle(s);
      update({ editor: true });
      if (problems.length) {
        say("Part of this card could not be restored, and the rest is shown: " + problems.join("; ") + ".");
      } else {
        say("");
      }
    });
  }

  function start() {
    if (document.activeElement === addInput) fillSuggestions();
    var params = new URLSearchParams(location.search);
    var routine = params.get("routine"), adding = params.get("add");
    var fragment = location.hash.replace(/^#/, "");
    open(fragment, function (raw) {
      if (routine) {
        var ready = index.routines[routine];
        if (ready) {
          raw.t = ready.t; raw.f = ready.f; raw.u = ready.u; raw.w = ready.w; raw.e = ready.e.slice();
        } else {
          problems.push("the routine " + quote(routine) + ", which is not on the site now");
        }
      }
      if (adding) raw.e.push([adding]);
    });
  }

  document.querySelectorAll(".sh-nojs").forEach(function (p) { p.hidden = true; });
  root.hidden = false;
  load("assets/vendor/qrcode-generator/qrcode.js", null, function () { if (state) renderQr(); });
  load("api/index.js", function () { say("The exercise list could not be loaded."); });
  ["focus", "input", "pointerdown"].forEach(function (type) { addInput.addEventListener(type, fillSuggestions); });
  // An address pasted into this tab (only its fragment changed) opens that card.
  self.addEventListener("hashchange", function () {
    if (state && location.hash !== address(state)) { keptId = null; open(location.hash.replace(/^#/, "")); }
  });
})();
