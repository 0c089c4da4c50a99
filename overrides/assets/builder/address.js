// The card's address: the whole card in the fragment, e.g. #v1&t=My%20card&f=2-3&w=6&e=plank,2,2,10-15,,,s,
// (README "The card builder" documents the format). Reading keeps what it can and lists the rest in `problems`.
(function (site) {
  "use strict";

  var VERSION = "v1";
  var DETAILS = ["t", "p", "b", "d", "f", "u", "w"];  // title, for, by, date, sessions, building up to, weeks
  var ITEM = ["slug", "level", "sets", "reps", "hold", "dur", "side", "note", "cue"];  // an e= entry's fields, in order

  function quote(text) { return "\u201c" + text + "\u201d"; }

  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return null; }
  }

  function encode(text) { return encodeURIComponent(text); }

  // "8" or "8-12" within [low, high] as {low, high}; null when it is neither.
  function parseCount(text, low, high) {
    var m = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(text || "");
    if (!m) return null;
    var a = +m[1], b = m[2] === undefined ? a : +m[2];
    if (a > b || a < low || b > high) return null;
    return { low: a, high: b };
  }

  function clean(text, max) {
    return String(text || "").replace(/\s+/g, " ").trim().slice(0, max);
  }

  // An empty card; `defaults` (api/index.js) give the sessions and weeks a new card starts with.
  function empty(defaults) {
    return { t: "", p: "", b: "", d: "", f: defaults.f, u: "", w: defaults.w, e: [] };
  }

  // The field `name` of an e= entry's decoded fields, "" when the entry is shorter.
  function itemField(fields, name) { return String(fields[ITEM.indexOf(name)] || ""); }

  function isDetail(key) { return DETAILS.indexOf(key) >= 0; }

  // A card as written in the fragment, unchecked: its exercises are lists of decoded fields.
  function parse(fragment, defaults, problems) {
    var card = empty(defaults);
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
      if (value === null || !isDetail(key)) {
        problems.push("a part of the address that is not understood (" + quote(part.slice(0, 30)) + ")");
        return;
      }
      card[key] = value;
    });
    return card;
  }

  // The fragment of a checked card (without the #).
  function format(card) {
    var out = [VERSION];
    DETAILS.forEach(function (key) {
      if (card[key]) out.push(key + "=" + encode(card[key]));
    });
    card.e.forEach(function (item) {
      var fields = ITEM.map(function (name) { return name === "side" ? (item.side ? "s" : "") : item[name]; });
      while (fields.length > 2 && !fields[fields.length - 1]) fields.pop();
      out.push("e=" + fields.map(function (f) { return encode(String(f || "")); }).join(","));
    });
    return out.join("&");
  }

  site.address = { DETAILS: DETAILS, quote: quote, parseCount: parseCount, clean: clean, empty: empty,
                   isDetail: isDetail, itemField: itemField, parse: parse, format: format };
})(self.ExerciseSite = self.ExerciseSite || {});
