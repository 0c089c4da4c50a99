// How a card says its dosages, how often and what it needs: by the rules the site's pages use
// (WORDS in hooks/exercise_site/text.py, handed over in api/index.js as `words`). Nothing is
// worded here; this file only picks from those rules.
(function (site) {
  "use strict";

  function count(c) { return c.low === c.high ? String(c.low) : c.low + "\u2013" + c.high; }

  // The wording `form` picks for the count c ({low, high}), as text.py's say() does.
  function say(form, c) {
    var text;
    if (c.low === c.high && form.hasOwnProperty(String(c.low))) text = form[String(c.low)];
    else if (c.high === 1 && form.one !== undefined) text = form.one;
    else if (c.low === 0 && c.high !== 0 && form.from_zero !== undefined) text = form.from_zero;
    else text = form.other;
    return text.split("{n}").join(count(c)).split("{high}").join(String(c.high));
  }

  // An item's dosage (sets, reps, hold, dur as "8" or "8-12", side, note) as a sentence.
  function dosage(data, item) {
    var rules = data.words.dosage, read = site.address.parseCount, most = data.limits.count;
    var given = { sets: read(item.sets, 0, most), reps: read(item.reps, 0, most), hold: read(item.hold, 0, most),
                  dur: read(item.dur, 0, most), side: item.side ? { low: 1, high: 1 } : null };
    if (rules.no_hold_at_zero && given.hold && given.hold.high === 0) given.hold = null;
    var note = item.note;
    var nothing = Object.keys(given).every(function (key) { return !given[key]; });
    if (nothing && !note) return rules.nothing;
    var rule = rules.rules.filter(function (r) { return given[r.when]; })[0];
    var text = !rule ? "" : rule.say.map(function (part) {
      if (typeof part === "string") return part;
      return given[part[0]] ? say(rules.forms[part[1]], given[part[0]]) : "";
    }).join("");
    if (note) text = text ? text + (rule ? rule.note : "") + note : note;
    var often = item.o ? oftenWords(data, item.o) : "";
    return often ? text + data.words.frequency.item.split("{text}").join(often) : text;
  }

  // How often as the address writes it ("2-3", "2d") in words; "" when it is not valid.
  function oftenWords(data, value) {
    var c = site.address.parseOften(value, data.limits), rules = data.words.frequency;
    return c ? say(c.day ? rules.per_day : rules.per_week, c) : "";
  }

  // "2–3 times a week, building up to ...; track 6 weeks"
  function often(data, card) {
    var rules = data.words.frequency;
    var text = oftenWords(data, card.f) || oftenWords(data, data.defaults.f);
    var up = oftenWords(data, card.u);
    if (up) text += rules.build_to.split("{text}").join(up);
    return text + rules.track.split("{n}").join(card.w);
  }

  // What a card needs: each piece once, and a choice left out when one of its alternatives
  // is needed anyway (as render.py's routine equipment). `entries` are names and {one_of: [...]}.
  function needs(data, entries) {
    var names = data.words.equipment, needed = [], keys = [];
    entries.forEach(function (entry) {
      var key = JSON.stringify(entry);
      if (keys.indexOf(key) < 0) { keys.push(key); needed.push(entry); }
    });
    var plain = needed.filter(function (e) { return typeof e === "string"; });
    needed = needed.filter(function (e) {
      return typeof e === "string" || !e.one_of.some(function (name) { return plain.indexOf(name) >= 0; });
    });
    if (!needed.length) return names.none;
    var choice = needed.some(function (e) { return typeof e !== "string"; });
    return needed.map(function (e) { return typeof e === "string" ? e : either(names, e.one_of); })
      .join(choice ? names.choices : names.and);
  }

  function either(names, list) {
    return list.length > 1 ? list.slice(0, -1).join(names.and) + names.or + list[list.length - 1] : list.join("");
  }

  site.words = { count: count, say: say, dosage: dosage, often: often, oftenWords: oftenWords, needs: needs };
})(self.ExerciseSite = self.ExerciseSite || {});
