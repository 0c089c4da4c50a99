// Cards kept on this device, in the browser's storage under the site's own key (the slug of
// site_name, which builder.md hands over, + "-cards"), only once the reader has ticked "Keep my cards". Stored as
// {format: 1, cards: [{id, title, address, saved}]}, newest first.
(function (site) {
  "use strict";

  site.store = function (key) {
    var name = key + "-cards";

    function read() {
      try { return JSON.parse(localStorage.getItem(name) || "null"); } catch (e) { return null; }
    }

    function write(kept) { localStorage.setItem(name, JSON.stringify(kept)); }

    return {
      read: read,
      // Starts keeping (an empty list) or forgets everything; throws where storage is not allowed.
      turn: function (on) {
        if (on) write({ format: 1, cards: [] });
        else localStorage.removeItem(name);
      },
      // Keeps `entry` ({id, title, address}) in place of the card with its id; false if the browser would not.
      save: function (entry) {
        var kept = read();
        if (!kept) return null;
        var old = kept.cards.filter(function (c) { return c.id === entry.id; })[0];
        if (!old) { old = { id: entry.id }; kept.cards.unshift(old); }
        old.title = entry.title;
        old.address = entry.address;
        old.saved = new Date().toISOString().slice(0, 10);
        try { write(kept); } catch (e) { return false; }
        return kept;
      },
      forget: function (id) {
        var kept = read();
        if (!kept) return null;
        kept.cards = kept.cards.filter(function (other) { return other.id !== id; });
        write(kept);
        return kept;
      }
    };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
