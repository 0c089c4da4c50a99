// The builder's data, as scripts that load from file:// too: api/index.js (names, words, limits,
// sources, ready-made routines) and api/exercises/<slug>.js (one record each), loaded when needed.
// Each script hands its data to self.ExerciseSiteData.push([kind, data]).
(function (site) {
  "use strict";

  // `base` is the site root's address; `ready(index)` is called once the index is in.
  site.data = function (base, ready) {
    var records = {};  // slug -> api/exercises/<slug>.js
    var waiting = {};  // slug -> callbacks
    var store = { index: null, records: records, load: load, need: need };

    function receive(entry) {
      if (entry[0] === "index") {
        var index = entry[1];
        index.bySlug = {};
        index.exercises.forEach(function (e) { index.bySlug[e[0]] = e; });
        store.index = index;
        ready(index);
      } else if (entry[0] === "exercise") {
        var record = entry[1];
        records[record.slug] = record;
        (waiting[record.slug] || []).forEach(function (done) { done(); });
        delete waiting[record.slug];
      }
    }

    function load(path, failed, loaded) {
      var script = document.createElement("script");
      script.src = base + path;
      script.async = true;
      if (failed) script.onerror = failed;
      if (loaded) script.onload = loaded;
      document.head.appendChild(script);
    }

    // Loads the records of `slugs` not loaded yet, then calls done(); one that fails is named by failed(slug).
    function need(slugs, done, failed) {
      var missing = slugs.filter(function (slug, i) { return !records[slug] && slugs.indexOf(slug) === i; });
      var left = missing.length;
      if (!left) return done();
      missing.forEach(function (slug) {
        var finish = function () { if (--left === 0) done(); };
        (waiting[slug] = waiting[slug] || []).push(finish);
        load("api/exercises/" + slug + ".js", function () { failed(slug); finish(); });
      });
    }

    var queued = self.ExerciseSiteData || [];
    self.ExerciseSiteData = { push: receive };
    if (Array.isArray(queued)) queued.forEach(receive);
    return store;
  };
})(self.ExerciseSite = self.ExerciseSite || {});
