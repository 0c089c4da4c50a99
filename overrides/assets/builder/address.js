// The card's address: the whole card in the fragment (README "The card builder" documents the format).
// v2 (written now): "#V2" and the card as JSON, deflated and spelt in the 43 characters a QR code
// stores most densely (its alphanumeric mode) that an address carries unescaped, so that a card of
// many exercises with long notes still fits a QR code a phone reads from paper.
// v1: #v1&t=My%20card&f=2-3&w=6&e=plank,2,2,10-15,,,s, — still written for a card whose v1 address
// is the shorter code, and where the browser cannot deflate. Reading keeps what it can and lists
// the rest in `problems`.
(function (site) {
  "use strict";

  var V1 = "v1", V2 = "V2";
  var DETAILS = ["t", "p", "b", "d", "f", "u", "w", "a", "c"];  // title, for, by, date, how often, building up to, weeks, advice, clinic line
  // An exercise's fields, in order; "o" is how often it is done when not as the card says, "name"
  // and "steps" are those of an exercise of the clinician's own (whose slug is "").
  var ITEM = ["slug", "level", "sets", "reps", "hold", "dur", "side", "note", "cue", "o", "name", "steps"];
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:";
  var BASE = ALPHABET.length;

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

  // How often as the address writes it: sessions a week ("2", "2-3") or "<n>d", n times a day.
  // {low, high, day} or null; `limits` are api/index.js's.
  function parseOften(text, limits) {
    var m = /^(\d{1,3})d$/.exec(text || "");
    if (m) return +m[1] >= 1 && +m[1] <= limits.per_day ? { low: +m[1], high: +m[1], day: true } : null;
    return parseCount(text, 1, limits.sessions);
  }

  function clean(text, max) {
    return String(text || "").replace(/\s+/g, " ").trim().slice(0, max);
  }

  // An empty card; `defaults` (api/index.js) give the sessions and weeks a new card starts with.
  function empty(defaults) {
    return { t: "", p: "", b: "", d: "", f: defaults.f, u: "", w: defaults.w, a: "", c: "", e: [] };
  }

  // The field `name` of an e= entry's decoded fields, "" when the entry is shorter.
  function itemField(fields, name) { return String(fields[ITEM.indexOf(name)] || ""); }

  function isDetail(key) { return DETAILS.indexOf(key) >= 0; }

  // --- v1 ---------------------------------------------------------------------------------

  function parseV1(fragment, card, problems) {
    fragment.split("&").slice(1).forEach(function (part) {
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

  function itemFields(item) {
    var fields = ITEM.map(function (name) {
      if (name === "side") return item.side ? "s" : "";
      if (name === "slug") return item.own ? "" : item.slug;
      if (name === "name" || name === "steps") return item.own ? item.own[name] : "";
      return item[name];
    });
    while (fields.length > 2 && !fields[fields.length - 1]) fields.pop();
    return fields.map(function (f) { return String(f || ""); });
  }

  function formatV1(card) {
    var out = [V1];
    DETAILS.forEach(function (key) {
      if (card[key]) out.push(key + "=" + encode(card[key]));
    });
    card.e.forEach(function (item) {
      out.push("e=" + itemFields(item).map(encode).join(","));
    });
    return out.join("&");
  }

  // --- v2 ---------------------------------------------------------------------------------

  // Bytes as ALPHABET text: two bytes in three characters, a last odd byte in two.
  function spell(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i += 2) {
      var n = i + 1 < bytes.length ? bytes[i] * 256 + bytes[i + 1] : bytes[i];
      var digits = i + 1 < bytes.length ? 3 : 2;
      var chunk = "";
      for (var k = 0; k < digits; k++) { chunk = ALPHABET.charAt(n % BASE) + chunk; n = Math.floor(n / BASE); }
      out += chunk;
    }
    return out;
  }

  function unspell(text) {
    var bytes = [];
    for (var i = 0; i < text.length; i += 3) {
      var chunk = text.slice(i, i + 3), n = 0;
      for (var k = 0; k < chunk.length; k++) {
        var d = ALPHABET.indexOf(chunk.charAt(k));
        if (d < 0) return null;
        n = n * BASE + d;
      }
      if (chunk.length === 3) { if (n > 65535) return null; bytes.push(Math.floor(n / 256), n % 256); }
      else if (chunk.length === 2 && n < 256) bytes.push(n);
      else return null;
    }
    return new Uint8Array(bytes);
  }

  function pipe(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer()
      .then(function (buffer) { return new Uint8Array(buffer); });
  }

  var deflates = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

  function formatV2(card) {
    var json = {};
    DETAILS.forEach(function (key) { if (card[key]) json[key] = card[key]; });
    json.e = card.e.map(itemFields);
    var bytes = new TextEncoder().encode(JSON.stringify(json));
    return pipe(bytes, new CompressionStream("deflate-raw")).then(function (packed) { return V2 + spell(packed); });
  }

  function parseV2(payload, card, problems) {
    var damaged = function () { problems.push("the address is damaged (it may have been cut short)"); return card; };
    var bytes = unspell(payload);
    if (!bytes || !deflates) return Promise.resolve(bytes ? (problems.push("this browser cannot read a compact address"), card) : damaged());
    return pipe(bytes, new DecompressionStream("deflate-raw")).then(function (out) {
      var json = JSON.parse(new TextDecoder().decode(out));
      DETAILS.forEach(function (key) { if (typeof json[key] === "string") card[key] = json[key]; });
      (Array.isArray(json.e) ? json.e : []).forEach(function (fields) {
        if (Array.isArray(fields)) card.e.push(fields.map(function (f) { return typeof f === "string" ? f : String(f); }));
        else problems.push("an exercise whose text is damaged");
      });
      return card;
    }).catch(damaged);
  }

  // --- reading and writing ----------------------------------------------------------------

  // A card as written in the fragment, unchecked (its exercises are lists of fields), to done(card).
  function read(fragment, defaults, problems, done) {
    var card = empty(defaults);
    if (!fragment) return done(card);
    if (fragment.indexOf(V2) === 0) { parseV2(fragment.slice(V2.length), card, problems).then(done); return; }
    if (fragment.split("&")[0] !== V1) {
      problems.push("the address is not a card this builder knows (it should start with #" + V2 + " or #" + V1 + ")");
      return done(card);
    }
    done(parseV1(fragment, card, problems));
  }

  // The fragment of a checked card (without the #), as a promise: whichever of v1 and v2 takes the
  // fewer bits in a QR code (v1 is 8 a character there, v2 5.5), so a short card keeps a readable address.
  function write(card) {
    var plain = formatV1(card);
    if (!deflates) return Promise.resolve(plain);
    return formatV2(card).then(function (compact) { return compact.length * 11 < plain.length * 16 ? compact : plain; },
                               function () { return plain; });
  }

  site.address = { DETAILS: DETAILS, ALPHABET: ALPHABET, quote: quote, parseCount: parseCount, parseOften: parseOften,
                   clean: clean, empty: empty, isDetail: isDetail, itemField: itemField, read: read, write: write,
                   formatV1: formatV1, spell: spell, unspell: unspell };
})(self.ExerciseSite = self.ExerciseSite || {});
