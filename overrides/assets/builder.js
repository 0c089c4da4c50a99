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
  var addStatus = root.querySelector("#rx-b-add-status");
  var sheet = root.querySelector(".rx-built");
  var drawCard = site.card(sheet);

  var data = site.data(base, start);  // data.index once api/index.js is in
  var records = data.records;
  var state = null;     // the card being built
  var problems = [];    // what could not be restored, for the notice
  var keptId = null;    // the card's id among the kept cards
  var keptOf = null;    // the id of its first version, and its version's number (a follow-up is the next)
  var keptVersion = 1;
  // Cards kept on this device (builder/store.js), under the site's key: the slug of site_name, from builder.md.
  var store = site.store(root.getAttribute("data-site-key"));

  function say(text) { notice.textContent = text; }

  var written = "";   // the card's fragment, once written (builder/address.js writes it asynchronously)
  var writing = 0;    // the latest write asked for; an earlier one that ends later is dropped

  function fragment() { return written; }

  // The code is drawn for a card with exercises only, and its library is fetched the first time one
  // is drawn: making a code is the costliest work on an empty builder, and an empty card needs none.
  var qrLoading = false;
  function drawQr() {
    var slot = sheet.querySelector('[data-slot="qr"]'), wanted = written && state && state.e.length;
    sheet.querySelector(".rx-qr").hidden = !wanted;
    if (!wanted) slot.textContent = "";
    else if (typeof self.qrcode === "function") site.qr.draw(slot, sheet, site.qr.shareable(written));
    else if (!qrLoading) {
      qrLoading = true;
      data.load("assets/vendor/qrcode-generator/qrcode.js", function () { qrLoading = false; }, drawQr);
    }
    measure();
  }

  // Says when the card's front does not fit one sheet, measured as it prints on each paper.
  var overflows = "";
  function measure() {
    // An empty card fits; laying the page out as it prints twice is the costliest thing the page does.
    var taken = state && state.e.length ? site.sheets(sheet, data.index.paper) : {}, over = Object.keys(taken).filter(function (name) { return taken[name] > 1; });
    var warning = sheet.querySelector('[data-slot="sheets"]'), now = over.join(" and ");
    warning.textContent = over.length ? "This card does not fit on one " + now + " sheet: it prints on two. " +
      "Shorten notes or advice, or take an exercise off, to keep it on one." : "";
    warning.hidden = !over.length;
    root.setAttribute("data-sheets", Object.keys(taken).map(function (name) { return name + ":" + taken[name]; }).join(" "));
    if (now && now !== overflows) tell((addStatus.textContent ? addStatus.textContent + " " : "") + "The card now takes two sheets on " + now + " paper.");
    overflows = now;
  }

  // Draws the card now, and writes its address (then the QR code and the kept copy) as soon as it is made.
  // The root's data-address says when the address is the card's (tests and scripts wait for it).
  function update(options) {
    options = options || {};
    if (options.editor) site.editor.draw(form, list, state, records, data.index, options.focus, addInput);
    drawCard(state, records, data.index);
    var advice = sheet.querySelector('[data-slot="advice-line"]');
    sheet.querySelector('[data-slot="advice"]').textContent = state.a;
    advice.hidden = !state.a;
    var ticket = ++writing;
    root.setAttribute("data-address", "writing");
    address.write(state).then(function (text) {
      if (ticket !== writing) return;
      written = text;
      var hash = "#" + text;
      if (location.hash !== hash || location.search) history.replaceState(null, "", location.pathname + hash);
      drawQr();
      keep().then(function () { if (ticket === writing) root.setAttribute("data-address", "written"); });
    });
  }

  // --- opening a card ------------------------------------------------------------------

  function open(text, extra) {
    var found = [];
    problems = found;
    address.read(text, data.index.defaults, found, function (raw) {
      if (problems !== found) return;  // another card was opened meanwhile
      if (extra) extra(raw);
      var s = site.restore.check(raw, data.index, problems);
      var failed = function (slug) { problems.push("the exercise " + quote(slug) + " could not be loaded"); };
      var slugs = s.e.filter(function (item) { return !item.own; }).map(function (item) { return item.slug; });
      data.need(slugs, function () {
        state = site.restore.settle(s, records, data.index, problems);
        update({ editor: true });
        say(problems.length ? "Part of this card could not be restored, and the rest is shown: " + problems.join("; ") + "." : "");
      }, failed);
    });
  }

  function start(index) {
    showLog();
    if (document.activeElement === addInput && addInput.value) combo.refresh();
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
      if (!raw.b && !raw.c) {  // a new card: the clinic line and the clinician's name kept for it
        var mine = store.clinic();
        raw.b = mine.b;
        raw.c = mine.c;
      }
    });
  }

  // --- adding exercises ----------------------------------------------------------------

  function tell(text) { addStatus.textContent = text; }

  function full() {
    var limits = data.index.limits;
    if (state.e.length < limits.exercises) return false;
    tell("A card holds at most " + limits.exercises + " exercises.");
    return true;
  }

  function added(name) {
    tell("Added " + name + ", number " + state.e.length + " on the card.");
  }

  var coming = [];  // exercises chosen whose records are still loading

  // Adds the exercise `slug`; `then()` runs at once when it is taken (the box is free for the next).
  function add(slug, then) {
    if (!state || full()) return;
    var entry = data.index.bySlug[slug];
    var at = state.e.map(function (item) { return item.slug; }).indexOf(slug);
    if (at >= 0 || coming.indexOf(slug) >= 0) {
      tell(entry[1] + " is already on the card" + (at >= 0 ? " (number " + (at + 1) + ")" : "") + ", so it was not added again.");
      return;
    }
    coming.push(slug);
    if (then) then();
    data.need([slug], function () {
      coming.splice(coming.indexOf(slug), 1);
      var record = records[slug];
      if (!record) { tell("That exercise could not be loaded."); return; }
      state.e.push(site.restore.levelDosage({ slug: slug, level: "1", cue: "", o: "" }, record));
      update({ editor: true });
      added(record.name);
    }, function () {});
  }

  function levelsWord(n) { return n === 1 ? "1 level" : n + " levels"; }

  // The add box's options: its matches, each with where it works and its levels, and why it matched.
  function options(text) {
    if (!data.index) return { options: [], more: 0 };
    var found = site.find.matches(text, data.index.exercises), most = data.index.limits.listed;
    var onCard = state ? state.e.map(function (item) { return item.slug; }) : [];
    return {
      more: Math.max(0, found.length - most),
      options: found.slice(0, most).map(function (m) {
        var e = m.entry, parts = [e[3], levelsWord(e[4])];
        if (m.word) parts.push("matches \u201c" + m.word + "\u201d");
        if (onCard.indexOf(e[0]) >= 0) parts.push("on the card");
        return { key: e[0], name: e[1], detail: parts.join(" \u00b7 ") };
      })
    };
  }

  function cleared() { addInput.value = ""; addInput.focus(); }

  // Enter (or the Add button) with no option highlighted: an exact name, or the only match, is added;
  // a word that matches more than one adds nothing and asks to choose.
  function enter(text, shown) {
    var q = text.trim();
    if (!q || !data.index) { tell("Type the name of an exercise, or a word such as a muscle, first."); return; }
    var exact = site.find.exact(q, data.index.exercises);
    var found = exact ? [{ entry: exact }] : site.find.matches(q, data.index.exercises);
    if (found.length === 1) { add(found[0].entry[0], cleared); return; }
    if (!found.length) { tell("No exercise matches " + quote(q) + ". Try another word."); return; }
    if (!shown.length) combo.refresh();
    tell(found.length + " exercises match " + quote(q) + ": choose one from the list (arrow keys, then Enter), or type more of its name. Nothing was added.");
  }

  var combo = site.combobox(addInput, root.querySelector("#rx-b-options"), {
    list: options,
    choose: function (slug) { add(slug, cleared); },
    enter: enter,
    told: function (count, more) {
      if (count < 0) tell("");
      else if (!count) tell("No exercise matches; try another word.");
      else tell(count + (count === 1 ? " exercise matches" : " exercises match") + (more ? " (the first " + (count - more) + " are listed)" : "") +
                ": use the arrow keys to choose, then Enter.");
    }
  });
  root.querySelector(".rx-b-add-button").addEventListener("click", function () { enter(addInput.value, []); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  // An exercise of the clinician's own: a name and steps; its dosage is set on the card like the others'.
  var ownName = form.elements["own-name"], ownSteps = form.elements["own-steps"];
  root.querySelector(".rx-b-own-add").addEventListener("click", function () {
    var limits = data.index && data.index.limits;
    if (!state || !limits) return;
    var name = ownName.value.replace(/\s+/g, " ").trim(), steps = ownSteps.value.replace(/\s+/g, " ").trim();
    var bad = site.editor.refuse(ownName, !name ? "Give the exercise a name." : tooLong(name, limits.name));
    bad = site.editor.refuse(ownSteps, tooLong(steps, limits.steps)) || bad;
    if (bad || full()) return;
    var item = { slug: "", level: "1", cue: "", o: "", own: { name: name, steps: steps } };
    site.restore.levelDosage(item, { levels: [{ dosage: ["", "", "", "", "", ""] }] });
    item.slug = site.restore.ownSlug(item, records, data.index);
    state.e.push(item);
    ownName.value = ownSteps.value = "";
    update({ editor: true, focus: { index: state.e.length - 1, name: "sets" } });
    added(name);
  });

  // --- editing -------------------------------------------------------------------------

  // Why `text` is refused for being longer than `most` characters, or "".
  function tooLong(text, most) {
    return text.length > most ? "At most " + most + " characters: this has " + text.length + ". Shorten it; nothing was cut." : "";
  }

  var MOST = { t: "text", p: "name", b: "name", c: "clinic", a: "advice", note: "note", cue: "text", "own-name": "name", "own-steps": "steps" };

  function editDetail(target) {
    var limits = data.index.limits, value = target.value, refuse = site.editor.refuse;
    if (target.name === "w") {
      var w = address.parseCount(value, 1, limits.weeks);
      if (refuse(target, !w || w.low !== w.high ? "A whole number of weeks from 1 to " + limits.weeks + "." : "")) return;
    }
    if (MOST[target.name] && refuse(target, tooLong(value, limits[MOST[target.name]]))) return;
    if (target.name === "f" && !value) value = data.index.defaults.f;
    state[target.name] = value;
    if (target.name === "b" || target.name === "c") {
      var mine = store.clinic();
      if (!store.keepClinic({ c: state.c, b: state.b, names: mine.names })) say("This browser would not keep the clinic line.");
    }
    update();
  }

  function editItem(target, li) {
    var item = state.e[+li.dataset.index], limits = data.index.limits, record = records[item.slug];
    var refuse = site.editor.refuse;
    if (target.name === "level") {
      var kept = site.restore.changeLevel(item, record, target.value);
      update({ editor: true, focus: { index: li.dataset.index, name: "level" } });
      say(record.name + " set to level " + item.level + (kept ? "; the dosage you set is kept." : "; its dosage is the level's own."));
    } else if (target.name === "side") {
      item.side = target.checked;
      update();
    } else if (target.name === "o") {
      item.o = target.value;
      update();
    } else if (MOST[target.name]) {
      if (refuse(target, tooLong(target.value, limits[MOST[target.name]]))) return;
      if (target.name === "own-name") {
        if (refuse(target, target.value.trim() ? "" : "Give the exercise a name.")) return;
        item.own.name = record.name = target.value;
        li.querySelector("legend").textContent = target.value;
      } else if (target.name === "own-steps") {
        item.own.steps = target.value;
        record.cues = target.value ? [target.value] : [];
      } else {
        item[target.name] = target.value;
      }
      update();
    } else if (["sets", "reps", "hold", "dur"].indexOf(target.name) >= 0) {
      var bad = target.value && !address.parseCount(target.value, 0, limits.count);
      if (refuse(target, bad ? "A number from 0 to " + limits.count + ", or a range such as 8-12." : "")) return;
      item[target.name] = target.value;
      update();
    }
  }

  form.addEventListener("input", function (event) {
    var target = event.target, li = target.closest("li[data-index]");
    if (!state || target === addInput || target.name === "keep" || target.name === "names" || target === ownName || target === ownSteps) return;
    if (li) editItem(target, li);
    else if (address.isDetail(target.name)) editDetail(target);
  });
  form.addEventListener("change", function (event) {  // a <select> says "input" too; a date picker may say only "change"
    var target = event.target;
    if (state && target.name === "d" && state.d !== target.value) editDetail(target);
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

  // The card as kept without the patient's name: left out of "Prepared for", and each of its words
  // taken out of the title, advice, notes, cues and exercises of one's own.
  function withoutName(card) {
    var words = card.p.split(/\s+/).filter(function (w) { return w.length > 1; }).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    var pattern = words.length ? new RegExp("(^|[^\\w])(" + words.join("|") + ")(?=$|[^\\w])", "gi") : null;
    function scrub(text) { return pattern ? String(text || "").replace(pattern, "$1\u2026") : text; }
    var copy = {};
    Object.keys(card).forEach(function (key) { copy[key] = card[key]; });
    copy.p = "";
    copy.t = scrub(card.t);
    copy.a = scrub(card.a);
    copy.e = card.e.map(function (item) {
      var other = {};
      Object.keys(item).forEach(function (key) { other[key] = item[key]; });
      other.note = scrub(item.note);
      other.cue = scrub(item.cue);
      if (item.own) other.own = { name: scrub(item.own.name) || "\u2026", steps: scrub(item.own.steps) };
      return other;
    });
    return copy;
  }

  // Keeps the card among the kept cards (when they are kept); a promise, done once it is.
  function keep() {
    var kept = store.read();
    if (!kept || !(state.e.length || state.t)) { showKept(kept); return Promise.resolve(); }
    keptId = keptId || String(Date.now());
    var named = store.clinic().names && !!state.p;
    var card = named || !state.p ? state : withoutName(state);
    var entry = { id: keptId, of: keptOf || keptId, version: keptVersion, title: card.t || "Untitled card", named: named };
    var ticket = writing;
    return (card === state ? Promise.resolve(fragment()) : address.write(card)).then(function (text) {
      if (ticket !== writing || entry.id !== keptId) return;
      entry.address = "#" + text;
      var saved = store.save(entry);
      if (saved === false) say("This browser would not keep the card.");
      else if (saved) kept = saved;
      showKept(kept);
    });
  }

  function showKept(kept) {
    var ul = root.querySelector(".rx-b-kept");
    keepBox.checked = !!kept;
    ul.textContent = "";
    (kept ? kept.cards : []).forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = c.address;
      a.textContent = c.title + " (version " + (c.version || 1) + ", " + c.saved + ")";
      a.addEventListener("click", function (event) {
        event.preventDefault();
        keptId = c.id;
        keptOf = c.of || c.id;
        keptVersion = c.version || 1;
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
      if (!keepBox.checked) { keptId = keptOf = null; keptVersion = 1; }
      say(keepBox.checked ? "Your cards are now kept in this browser." : "Kept cards forgotten; nothing is stored in this browser now.");
    } catch (e) {
      say("This browser does not allow storage here.");
    }
    if (state) keep();
  });

  var namesBox = form.elements.names;
  namesBox.checked = store.clinic().names;
  namesBox.addEventListener("change", function () {
    var mine = store.clinic();
    mine.names = namesBox.checked;
    if (!store.keepClinic(mine)) { say("This browser does not allow storage here."); return; }
    if (namesBox.checked) say("Patients' names are now kept with the kept cards.");
    else forgetNames();
    if (state) keep();
  });

  // Unticked: each kept card that holds a patient's name is kept again without it (its date unchanged).
  function forgetNames() {
    if (!data.index) return;
    var kept = store.read(), named = kept ? kept.cards.filter(function (c) { return c.named && c.id !== keptId; }) : [];
    var left = named.length;
    if (!left) { say("Patients' names are no longer kept."); return; }
    named.forEach(function (c) {
      address.read(c.address.replace(/^#/, ""), data.index.defaults, [], function (raw) {
        var card = address.empty(data.index.defaults);
        address.DETAILS.forEach(function (key) { if (typeof raw[key] === "string") card[key] = raw[key]; });
        card.e = (raw.e || []).map(function (fields) {
          var item = {}, field = function (name) { return address.itemField(fields, name); };
          ["slug", "level", "sets", "reps", "hold", "dur", "note", "cue", "o"].forEach(function (name) { item[name] = field(name); });
          item.side = field("side") === "s";
          if (!item.slug) item.own = { name: field("name"), steps: field("steps") };
          return item;
        });
        var plain = withoutName(card);
        address.write(plain).then(function (text) {
          store.save({ id: c.id, of: c.of, version: c.version, title: plain.t || "Untitled card", address: "#" + text, named: false, saved: c.saved });
          if (--left === 0) { showKept(store.read()); say("Patients' names are no longer kept, and the kept cards no longer hold any."); }
        });
      });
    });
  }

  // A follow-up: a new version of the card, dated today; the earlier one keeps its address (and its kept copy).
  root.querySelector(".rx-b-followup").addEventListener("click", function () {
    if (!state) return;
    var kept = store.read(), first = keptOf || keptId, version = keptVersion + 1;
    (kept ? kept.cards : []).forEach(function (c) {
      if (first && (c.of || c.id) === first && (c.version || 1) >= version) version = (c.version || 1) + 1;
    });
    var id = String(Date.now());
    keptOf = first;
    keptId = kept ? (id === keptId ? id + "1" : id) : null;
    keptVersion = version;
    var now = new Date();
    state.d = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    update({ editor: true });
    say("Version " + version + " of this card, dated " + state.d + ". The earlier version is unchanged: its address and QR code still open it" +
        (kept ? ", and it stays in \u201cYour cards\u201d." : ". Tick \u201cKeep my cards\u201d to list every version."));
  });

  // --- copying and sharing the address ---------------------------------------------------

  var send = sheet.querySelector(".rx-b-send"), sent = sheet.querySelector(".rx-b-send-status");
  var shareButton = sheet.querySelector(".rx-b-share");
  send.hidden = false;
  shareButton.hidden = typeof navigator.share !== "function";
  sheet.querySelector(".rx-b-copy").addEventListener("click", function () {
    if (!written) return;
    var url = site.qr.shareable(written);
    var failed = function () { sent.textContent = "This browser would not copy it: copy the page's address from the address bar."; };
    if (!navigator.clipboard || !navigator.clipboard.writeText) { failed(); return; }
    navigator.clipboard.writeText(url).then(function () {
      sent.textContent = "Link copied: paste it into a message or an email. It opens this card, and sends nothing anywhere until you do.";
    }, failed);
  });
  shareButton.addEventListener("click", function () {
    if (!written) return;
    navigator.share({ title: state.t || document.title, url: site.qr.shareable(written) }).catch(function () {});
  });

  // An exercise tapped on the card opens its page saying what this card prescribes (exercise-site.js
  // shows it there); its href stays the plain page, for a new tab or a copied link.
  sheet.querySelector(".rx-items").addEventListener("click", function (event) {
    var link = event.target.closest("a[href]"), tr = link && link.closest("tr");
    if (!tr || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    var item = state && state.e[Array.prototype.indexOf.call(tr.parentNode.children, tr)];
    if (!item) return;
    var level = records[item.slug].levels[item.level - 1];
    var words = [level.name, site.words.dosage(data.index, item), item.note].filter(Boolean).join(" \u00b7 ");
    event.preventDefault();
    location.href = link.href.split("#")[0] + "#rx-dose=" + encodeURIComponent(words);
  });

  // --- the patient's side: a card opened from its address shows the card first --------------

  if (/^#(v1|V2)/.test(location.hash) && !location.search) {
    root.classList.add("rx-b-viewing");
    document.documentElement.classList.add("rx-b-viewing-page");
    var edit = sheet.querySelector(".rx-b-edit");
    edit.hidden = false;
    edit.addEventListener("click", function () {
      form.scrollIntoView();
      form.elements.t.focus();
    });
  }

  var logBox = root.querySelector(".rx-b-logview");
  site.logView(logBox, logBox.querySelector(".rx-lv-view"), root.getAttribute("data-site-key"),
               function () { return data.index && data.index.log; });

  var showLog = site.patientLog(root.querySelector(".rx-b-plog"), root.getAttribute("data-site-key"),
                                function () { return data.index && data.index.log; }, "card");

  // --- start -----------------------------------------------------------------------------

  root.hidden = false;
  if (document.fonts) document.fonts.addEventListener("loadingdone", function () { if (state && written) measure(); });
  data.load("api/index.js", function () { say("The exercise list could not be loaded."); });
  // An address pasted into this tab (only its fragment changed) opens that card.
  self.addEventListener("hashchange", function () {
    if (state && location.hash !== "#" + fragment()) { keptId = keptOf = null; keptVersion = 1; open(location.hash.replace(/^#/, "")); }
  });
})(self.ExerciseSite = self.ExerciseSite || {});
