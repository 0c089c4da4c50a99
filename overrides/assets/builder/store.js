// What the builder keeps on this device, in the browser's storage under the site's own key (the slug
// of site_name, which builder.md hands over):
// - "<key>-cards", only once the reader has ticked "Keep my cards": {format: 1, cards: [{id, title,
//   address, saved, of, version, named}]}, newest first. A follow-up is a new entry with the `of` (the first
//   version's id) of the card it follows and the next `version`; the earlier entry keeps its address.
// - "<key>-clinic": the clinic line, the clinician's name and whether patients' names are kept with
//   the cards ({format: 1, c, b, names}), for the next card.
(function (site) {
  "use strict";

  site.store = function (key) {
    var name = key + "-cards", clinicName = key + "-clinic";

    function get(where) {
      try { return JSON.parse(localStorage.getItem(where) || "null"); } catch (e) { return null; }
    }

    function read() { return get(name); }

    function write(kept) { localStorage.setItem(name, JSON.stringify(kept)); }

    return {
      read: read,
      // Starts keeping (an empty list) or forgets everything; throws where storage is not allowed.
      turn: function (on) {
        if (on) write({ format: 1, cards: [] });
        else localStorage.removeItem(name);
      },
      // Keeps `entry` ({id, title, address, of, version, named, saved: today unless given}) in place of the card with its id; false if the browser would not.
      save: function (entry) {
        var kept = read();
        if (!kept) return null;
        var old = kept.cards.filter(function (c) { return c.id === entry.id; })[0];
        if (!old) { old = { id: entry.id }; kept.cards.unshift(old); }
        old.title = entry.title;
        old.address = entry.address;
        old.of = entry.of || entry.id;
        old.version = entry.version || 1;
        old.named = !!entry.named;
        old.saved = entry.saved || new Date().toISOString().slice(0, 10);
        try { write(kept); } catch (e) { return false; }
        return kept;
      },
      forget: function (id) {
        var kept = read();
        if (!kept) return null;
        kept.cards = kept.cards.filter(function (other) { return other.id !== id; });
        write(kept);
        return kept;
      },
      // The clinic line, the clinician's name and `names`, or empty ones.
      clinic: function () {
        var kept = get(clinicName) || {};
        return { c: String(kept.c || ""), b: String(kept.b || ""), names: kept.names === true };
      },
      // Keeps them for the next card; false if the browser would not.
      keepClinic: function (clinic) {
        try {
          localStorage.setItem(clinicName, JSON.stringify({ format: 1, c: clinic.c, b: clinic.b, names: !!clinic.names }));
          return true;
        } catch (e) { return false; }
      }
    };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
