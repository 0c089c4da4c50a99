// Finding the exercise a typed text means, and the add box's suggestions.
(function (site) {
  "use strict";

  // Its name, then a name that starts with it or holds it, then one of the words site search
  // knows it by (other names, muscles, equipment). `exercises` are api/index.js's [slug, name, words].
  function find(text, exercises) {
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
      var found = exercises.filter(tests[i]);
      if (found.length) return found[0];
    }
    return null;
  }

  // A thousand exercises are a thousand <option>s: made when the box is first used, not while the page loads.
  function suggest(datalist, exercises) {
    if (datalist.options.length) return;
    var fragment = document.createDocumentFragment();
    exercises.forEach(function (e) {
      var option = document.createElement("option");
      option.value = e[1];
      if (e[2].length) option.label = e[2].join(", ");
      fragment.appendChild(option);
    });
    datalist.appendChild(fragment);
  }

  site.find = { find: find, suggest: suggest };
})(self.ExerciseSite = self.ExerciseSite || {});
