// Which exercises a typed text means, for the add box: names first (the whole name, then names
// that start with it, then names that hold it), then the words the site search knows them by
// (other names, muscles, equipment) and the body areas of "Where does it hurt?".
// `exercises` are api/index.js's [slug, name, words, region, levels].
(function (site) {
  "use strict";

  // [{entry, word}] in that order, each exercise once; `word` is the word it matched by ("" for its name).
  function matches(text, exercises) {
    var q = text.trim().toLowerCase().replace(/\s+/g, " ");
    if (!q) return [];
    var name = function (e) { return e[1].toLowerCase(); };
    var tests = [
      function (e) { return name(e) === q ? "" : null; },
      function (e) { return name(e).indexOf(q) === 0 ? "" : null; },
      function (e) { return name(e).indexOf(q) > 0 ? "" : null; },
      function (e) { return word(e, function (w) { return w === q; }); },
      function (e) { return word(e, function (w) { return w.indexOf(q) === 0; }); },
      function (e) { return word(e, function (w) { return w.indexOf(q) > 0; }); }
    ];
    var found = [], seen = {};
    tests.forEach(function (test) {
      exercises.forEach(function (e) {
        if (seen[e[0]]) return;
        var why = test(e);
        if (why === null) return;
        seen[e[0]] = true;
        found.push({ entry: e, word: why });
      });
    });
    return found;
  }

  function word(e, test) {
    var hit = e[2].filter(function (w) { return test(w.toLowerCase()); })[0];
    return hit === undefined ? null : hit;
  }

  // The exercise whose name is the text, or null.
  function exact(text, exercises) {
    var q = text.trim().toLowerCase().replace(/\s+/g, " ");
    return exercises.filter(function (e) { return e[1].toLowerCase() === q; })[0] || null;
  }

  site.find = { matches: matches, exact: exact };
})(self.ExerciseSite = self.ExerciseSite || {});
