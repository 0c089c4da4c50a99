// A card read from an address or a ready-made routine, checked against the data: what is sound
// is kept, what is not is named in `problems` for the notice.
(function (site) {
  "use strict";

  var address = site.address;

  // The card's details and which exercises it names; `data` is api/index.js.
  function check(raw, data, problems) {
    var limits = data.limits, defaults = data.defaults, quote = address.quote, read = address.parseCount;
    var s = address.empty(defaults);
    s.t = address.clean(raw.t, limits.text);
    s.p = address.clean(raw.p, limits.name);
    s.b = address.clean(raw.b, limits.name);
    if (raw.d) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(raw.d)) s.d = raw.d;
      else problems.push("the date " + quote(raw.d));
    }
    s.a = address.clean(raw.a, limits.advice);
    s.c = address.clean(raw.c, limits.clinic);
    [["f", "how often"], ["u", "how often to build up to"]].forEach(function (pair) {
      var key = pair[0], value = raw[key], fallback = key === "f" ? defaults.f : "";
      if (!value) { s[key] = fallback; return; }
      if (address.parseOften(value, limits)) s[key] = value;
      else {
        problems.push("the " + pair[1] + " " + quote(value));
        s[key] = fallback;
      }
    });
    var weeks = read(raw.w, 1, limits.weeks);
    if (raw.w && (!weeks || weeks.low !== weeks.high)) problems.push("the weeks to track " + quote(raw.w));
    s.w = weeks && weeks.low === weeks.high ? String(weeks.low) : defaults.w;
    (raw.e || []).forEach(function (fields) {
      if (s.e.length >= limits.exercises) {
        problems.push("exercises after the " + limits.exercises + "th");
        return;
      }
      var slug = String(fields[0] || "");
      var name = address.itemField(fields, "name");
      if (!slug && name) {  // an exercise of the clinician's own
        s.e.push({ slug: "", level: "1", raw: fields, own: { name: address.clean(name, limits.name),
                                                               steps: address.clean(address.itemField(fields, "steps"), limits.steps) } });
        return;
      }
      if (!data.bySlug[slug]) {
        problems.push("the exercise " + quote(slug) + ", which is not in the catalogue now (renamed or removed?)");
        return;
      }
      s.e.push({ slug: slug, level: fields[1] || "1", raw: fields });
    });
    return s;
  }

  var DOSAGE = ["sets", "reps", "hold", "dur", "side", "note"];  // as a level's dosage lists them

  function asGiven(item, key) { return key === "side" ? (item.side ? "s" : "") : String(item[key] || ""); }

  // A level's own dosage on an item (fields as the address writes them).
  function levelDosage(item, record) {
    var d = record.levels[+item.level - 1].dosage;
    DOSAGE.forEach(function (key, i) { item[key] = key === "side" ? d[i] === "s" : d[i]; });
    return item;
  }

  // True when the item's dosage is not level `level`'s own: it was set by hand.
  function setByHand(item, record, level) {
    var d = record.levels[+level - 1].dosage;
    return DOSAGE.some(function (key, i) { return asGiven(item, key) !== String(d[i] || ""); });
  }

  // Moves an item to `level`: a dosage set by hand stays; one that was the old level's becomes the new one's.
  // True when the dosage was kept.
  function changeLevel(item, record, level) {
    var kept = setByHand(item, record, item.level);
    item.level = level;
    if (!kept) levelDosage(item, record);
    return kept;
  }

  // A record for an exercise of the clinician's own, as the card and editor read records.
  function ownRecord(item, data) {
    var blank = ["", "", "", "", "", ""];
    return { slug: "", own: true, name: item.own.name, cues: item.own.steps ? [item.own.steps] : [], sources: [],
             equipment: [], harder: [], levels: [{ name: data.words.own_level, equipment: [], dosage: blank, thumb: "" }] };
  }

  // Each item's level and dosage from its fields, or from the record where the address gives none;
  // items whose record could not be loaded are dropped.
  function settle(s, records, data, problems) {
    var limits = data.limits, quote = address.quote;
    s.e = s.e.filter(function (item) {
      if (item.own) item.slug = ownSlug(item, records, data);
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
      var given = fields.length > 2;  // more than slug and level: the address says the dosage
      var field = function (name) { return address.itemField(fields, name); };
      ["sets", "reps", "hold", "dur"].forEach(function (key, i) {
        var value = given ? field(key) : defaults[i];
        if (value && !address.parseCount(value, 0, limits.count)) {
          problems.push("the " + (key === "dur" ? "time" : key) + " of " + name + " (" + quote(value) + ")");
          value = defaults[i];
        }
        item[key] = value;
      });
      var side = given ? field("side") : defaults[4];
      if (side && side !== "s") problems.push("the sides of " + name + " (" + quote(side) + ")");
      item.side = side === "s";
      item.note = address.clean(given ? field("note") : defaults[5], limits.note);
      item.cue = address.clean(field("cue"), limits.text);
      item.o = field("o");
      if (item.o && !address.parseOften(item.o, limits)) {
        problems.push("how often " + name + " is done (" + quote(item.o) + ")");
        item.o = "";
      }
      delete item.raw;
      return true;
    });
    return s;
  }

  // Gives an own exercise a key of its own among the records ("~1", "~2": no slug has a "~").
  var owned = 0;
  function ownSlug(item, records, data) {
    var slug = "~" + (++owned);
    records[slug] = ownRecord(item, data);
    return slug;
  }

  site.restore = { check: check, settle: settle, levelDosage: levelDosage, changeLevel: changeLevel, setByHand: setByHand,
                   ownSlug: ownSlug };
})(self.ExerciseSite = self.ExerciseSite || {});
