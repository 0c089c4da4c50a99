// Filters for the exercise catalogue (/exercises/). Without JavaScript the form stays
// hidden and the full table is the page. Each table row carries its values as data
// attributes (data-muscle="gluteus-medius core", data-low="1", ...); the form's state
// lives in the address, e.g. ?muscle=gluteus-medius&muscle=core&equipment=none&from=1&to=3,
// so a filtered view can be bookmarked or shared. Within one group the ticked boxes are
// alternatives (any of them); across groups every group must match.
(function () {
  "use strict";

  var FACETS = ["muscle", "equipment", "position", "kind"];

  function setUp() {
    var form = document.querySelector("form.sh-filters");
    var table = document.querySelector(".sh-catalogue table");
    var status = document.querySelector(".sh-count");
    if (!form || !table || !status || form.dataset.ready) return;
    form.dataset.ready = "yes";

    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var from = form.elements.namedItem("from");
    var to = form.elements.namedItem("to");
    var lowest = from.options[0].value;
    var highest = to.options[to.options.length - 1].value;

    function ticked(facet) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + facet + '"]:checked'))
        .map(function (box) { return box.value; });
    }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      FACETS.forEach(function (facet) {
        var wanted = params.getAll(facet);
        form.querySelectorAll('input[name="' + facet + '"]').forEach(function (box) {
          box.checked = wanted.indexOf(box.value) !== -1;
        });
      });
      from.value = params.get("from") || lowest;
      to.value = params.get("to") || highest;
      // An unknown step in a hand-edited address falls back to the full range.
      if (!from.value) from.value = lowest;
      if (!to.value) to.value = highest;
    }

    function writeAddress() {
      var params = new URLSearchParams();
      FACETS.forEach(function (facet) {
        ticked(facet).forEach(function (value) { params.append(facet, value); });
      });
      if (from.value !== lowest) params.set("from", from.value);
      if (to.value !== highest) params.set("to", to.value);
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", address);
    }

    function apply() {
      var chosen = {};
      FACETS.forEach(function (facet) { chosen[facet] = ticked(facet); });
      var low = Math.min(+from.value, +to.value);
      var high = Math.max(+from.value, +to.value);
      var shown = 0;
      rows.forEach(function (row) {
        var match = FACETS.every(function (facet) {
          if (!chosen[facet].length) return true;
          var values = (row.getAttribute("data-" + facet) || "").split(" ");
          return chosen[facet].some(function (value) { return values.indexOf(value) !== -1; });
        });
        // Difficulty: the exercise's steps overlap the chosen range.
        match = match && +row.getAttribute("data-low") <= high && +row.getAttribute("data-high") >= low;
        row.hidden = !match;
        if (match) shown += 1;
      });
      var total = rows.length;
      status.textContent = shown === total
        ? total + " exercises"
        : shown === 0
          ? "No exercise matches these filters. Untick some boxes or widen the difficulty."
          : "Showing " + shown + " of " + total + " exercises";
      table.classList.toggle("sh-empty", shown === 0);
    }

    form.addEventListener("change", function () {
      apply();
      writeAddress();
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls are cleared.
      window.setTimeout(function () {
        apply();
        writeAddress();
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      readAddress();
      apply();
    });

    readAddress();
    apply();
    // On a phone the long list of boxes would push the table far down: start folded
    // there, unless the address already holds filters to show.
    var box = form.querySelector("details");
    if (box && !window.location.search && window.matchMedia("(max-width: 44.9375em)").matches) box.open = false;
    form.hidden = false;
  }

  // Material's instant navigation swaps pages without a reload; document$ announces each.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
