// The card builder (/builder/): a routine card made in the browser and kept whole in its own
// address (builder/address.js). This file holds the card being built and answers the page's
// controls; the modules in builder/ each do one part of the work and are loaded before it, in
// order, by exercise-site.js. Data comes from api/index.js and api/exercises/<slug>.js (builder/data.js).
(function (site) {
  "use strict";

  var root = document.querySelector(".rx-builder");
  if (!root) return;

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = (config.base || ".").replace(/\/$/, "") + "/";
  var address = site.address, quote = address.quote;

  var form = root.querySelector(".rx-editor");
  var notice = root.querySelector(".rx-b-notice");
  var list = root.querySelector(".rx-b-items");
  var addInput = root.querySelector("#rx-b-add");
  var sheet = root.querySelector(".rx-built");
  var drawCard = site.card(sheet);

  var data = site.data(base, start);  // data.index once api/index.js is in
  var records = data.records;
  var state = null;     // the card being built
  var problems = [];    // what could not be restored, for the notice
  var keptId = null;    // the card's id among the kept cards
  // Cards kept on this device (builder/store.js), under the site's key: the slug of site_name, from builder.md.
  var store = site.store(root.getAttribute("data-site-key"));

  function say(text) { notice.textContent = text; }

  function fragment() { return address.format(state); }

  function drawQr() {
    site.qr.draw(sheet.querySelector('[data-slot="qr"]'), sheet, site.qr.shareable(fragment()));
  }

  function update(options) {
    options = options || {};
    var hash = "#" + fragment();
    if (location.hash !== hash || location.search) history.replaceState(null, "", location.pathname + hash);
    if (options.editor) site.editor.draw(form, list, state, records, data.index, options.focus, addInput);
    drawCard(state, records, data.index);
    drawQr();
    keep();
  }

  // --- opening a card ------------------------------------------------------------------

  function open(text, extra) {
    problems = [];
    var raw = address.parse(text, data.index.defaults, problems);
    if (extra) extra(raw);
    var s = site.restore.check(raw, data.index, problems);
    var failed = function (slug) { problems.push("the exercise " + quote(slug) + " could not be loaded"); };
    data.need(s.e.map(function (item) { return item.slug; }), function () {
      state = site.restore.settle(s, records, data.index, problems);
      update({ editor: true });
      say(problems.length ? "Part of this card could not be restored, and the rest is shown: " + problems.join("; ") + "." : "");
    }, failed);
  }

  function start(index) {
    if (document.activeElement === addInput) suggest();
    var params = new URLSearchParams(location.search);
    var routine = params.get("routine"), adding = params.get("add");
    open(location.hash.replace(/^#/, ""), function (raw) {
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

  // --- adding exercises ----------------------------------------------------------------

  function suggest() {
    if (data.index) site.find.suggest(root.querySelector("#rx-b-names"), data.index.exercises);
  }

  function add(slug, then) {
    var limits = data.index.limits;
    if (state.e.length >= limits.exercises) {
      say("A card holds at most " + limits.exercises + " exercises.");
      return;
    }
    data.need([slug], function () {
      var record = records[slug];
      if (!record) { say("That exercise could not be loaded."); return; }
      state.e.push(site.restore.levelDosage({ slug: slug, level: "1", cue: "" }, record));
      update({ editor: true });
      var extra = state.e.length === limits.one_sheet + 1 ? " The card now takes two sheets." : "";
      say("Added " + record.name + ", number " + state.e.length + " on the card." + extra);
      if (then) then();
    }, function () {});
  }

  function addTyped() {
    var found = data.index && site.find.find(addInput.value, data.index.exercises);
    if (!found) {
      say("No exercise matches " + quote(addInput.value.trim()) + ". Try another word.");
      return;
    }
    add(found[0], function () { addInput.value = ""; addInput.focus(); });
  }

  addInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); addTyped(); }
  });
  root.querySelector(".rx-b-add-button").addEventListener("click", addTyped);
  ["focus", "input", "pointerdown"].forEach(function (type) { addInput.addEventListener(type, suggest); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  // --- editing -------------------------------------------------------------------------

  function invalid(target, bad) {
    if (bad) target.setAttribute("aria-invalid", "true");
    else target.removeAttribute("aria-invalid");
    return bad;
  }

  function editDetail(target) {
    var limits = data.index.limits, value = target.value;
    if (target.name === "f" || target.name === "u") {
      if (invalid(target, value && !address.parseCount(value, 1, limits.sessions))) return;
      if (target.name === "f" && !value) value = data.index.defaults.f;
    }
    if (target.name === "w") {
      var w = address.parseCount(value, 1, limits.weeks);
      if (invalid(target, !w || w.low !== w.high)) return;
    }
    state[target.name] = target.type === "text" ? value.slice(0, target.maxLength > 0 ? target.maxLength : limits.text) : value;
    update();
  }

  function editItem(target, li) {
    var item = state.e[+li.dataset.index], limits = data.index.limits;
    if (target.name === "level") {
      item.level = target.value;
      site.restore.levelDosage(item, records[item.slug]);
      update({ editor: true, focus: { index: li.dataset.index, name: "level" } });
      say(records[item.slug].name + " set to level " + item.level + "; its dosage is the level's own.");
    } else if (target.name === "side") {
      item.side = target.checked;
      update();
    } else if (target.name === "note" || target.name === "cue") {
      item[target.name] = target.value.slice(0, limits.text);
      update();
    } else if (["sets", "reps", "hold", "dur"].indexOf(target.name) >= 0) {
      if (invalid(target, target.value && !address.parseCount(target.value, 0, limits.count))) return;
      item[target.name] = target.value;
      update();
    }
  }

  form.addEventListener("input", function (event) {
    var target = event.target, li = target.closest("li[data-index]");
    if (!state || target === addInput || target.name === "keep") return;
    if (li) editItem(target, li);
    else if (address.isDetail(target.name)) editDetail(target);
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

  // --- keeping cards on this device (off unless ticked) ----------------------------------

  var keepBox = form.elements.keep;

  function keep() {
    var kept = store.read();
    if (kept && (state.e.length || state.t)) {
      keptId = keptId || String(Date.now());
      var saved = store.save({ id: keptId, title: state.t || "Untitled card", address: "#" + fragment() });
      if (saved === false) say("This browser would not keep the card.");
      else kept = saved;
    }
    showKept(kept);
  }

  function showKept(kept) {
    var ul = root.querySelector(".rx-b-kept");
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
      forget.className = "md-button rx-b-forget";
      forget.appendChild(document.createTextNode("Forget "));
      var hidden = document.createElement("span");
      hidden.className = "rx-vh";
      hidden.textContent = c.title;
      forget.appendChild(hidden);
      forget.addEventListener("click", function () {
        var now = store.forget(c.id);
        if (!now) return;
        if (c.id === keptId) keptId = null;
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
      store.turn(keepBox.checked);
      if (!keepBox.checked) keptId = null;
      say(keepBox.checked ? "Your cards are now kept in this browser." : "Kept cards forgotten; nothing is stored in this browser now.");
    } catch (e) {
      say("This browser does not allow storage here.");
    }
    if (state) keep();
  });

  // --- start -----------------------------------------------------------------------------

  root.hidden = false;
  data.load("assets/vendor/qrcode-generator/qrcode.js", null, function () { if (state) drawQr(); });
  data.load("api/index.js", function () { say("The exercise list could not be loaded."); });
  // An address pasted into this tab (only its fragment changed) opens that card.
  self.addEventListener("hashchange", function () {
    if (state && location.hash !== "#" + fragment()) { keptId = null; open(location.hash.replace(/^#/, "")); }
  });
})(self.ExerciseSite = self.ExerciseSite || {});
