// Filters for the exercise catalogue (/exercises/). Without JavaScript the form stays
// hidden and the full table is the page. Each table row carries its values as data
// attributes (data-muscle="gluteus-medius core", data-low="1", ...); the form's state
// lives in the address, e.g. ?muscle=gluteus-medius&muscle=core&equipment=none&from=1&to=3,
// so a filtered view can be bookmarked or shared, and every change is a history entry
// that Back undoes. Within one group the ticked boxes are alternatives (any of them);
// across groups every group must match.
//
// The number beside each box is how many exercises it would give now: of the exercises
// that match the other groups' ticks and the difficulty range, how many have this value.
// Ticking it adds exactly those when nothing in its group is ticked yet, and at most
// those otherwise (the boxes of one group are OR-ed). Without JavaScript the numbers
// are the plain totals.
(function () {
  "use strict";

  var FACETS = ["muscle", "equipment", "position", "kind"];
  var NAMES = {muscle: "Muscle", equipment: "Equipment", position: "Body position", kind: "Kind"};

  function setUp() {
    var form = document.querySelector("form.sh-filters");
    var table = document.querySelector(".sh-catalogue table");
    var status = document.querySelector(".sh-count");
    var applied = document.querySelector(".sh-applied");
    if (!form || !table || !status || form.dataset.ready) return;
    form.dataset.ready = "yes";

    // On a phone the rows are drawn as cards (steady-hips.css), no longer display: table, and
    // some browsers then stop telling screen readers it is a table; explicit roles keep it one.
    var ROLES = {"table": "table", "thead, tbody": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell"};
    Object.keys(ROLES).forEach(function (selector) {
      table.parentNode.querySelectorAll(selector).forEach(function (el) { el.setAttribute("role", ROLES[selector]); });
    });

    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var from = form.elements.namedItem("from");
    var to = form.elements.namedItem("to");
    var lowest = from.options[0].value;
    var highest = to.options[to.options.length - 1].value;

    function values(row, facet) {
      return (row.getAttribute("data-" + facet) || "").split(" ");
    }

    function ticked(facet) {
      return boxes.filter(function (box) { return box.name === facet && box.checked; })
        .map(function (box) { return box.value; });
    }

    // The box's own words, without the count beside it ("gluteus medius (glute med)").
    function words(box) {
      return Array.prototype.map.call(box.parentNode.childNodes, function (node) {
        return node.nodeType === Node.TEXT_NODE ? node.textContent : "";
      }).join("").trim();
    }

    // A range typed the wrong way round (?from=6&to=1) means the same steps as 1 to 6.
    function normaliseRange() {
      if (+from.value <= +to.value) return false;
      var low = to.value;
      to.value = from.value;
      from.value = low;
      return true;
    }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      boxes.forEach(function (box) {
        box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
      });
      from.value = params.get("from") || lowest;
      to.value = params.get("to") || highest;
      // An unknown step in a hand-edited address falls back to the full range.
      if (!from.value) from.value = lowest;
      if (!to.value) to.value = highest;
      return normaliseRange();
    }

    function address() {
      var params = new URLSearchParams();
      FACETS.forEach(function (facet) {
        ticked(facet).forEach(function (value) { params.append(facet, value); });
      });
      if (from.value !== lowest) params.set("from", from.value);
      if (to.value !== highest) params.set("to", to.value);
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }

    function apply() {
      var chosen = {};
      FACETS.forEach(function (facet) { chosen[facet] = ticked(facet); });
      var low = +from.value;
      var high = +to.value;
      // For each row, the groups it fails (difficulty counts as a group of its own).
      var failing = rows.map(function (row) {
        var failed = FACETS.filter(function (facet) {
          var have = values(row, facet);
          return chosen[facet].length && !chosen[facet].some(function (value) { return have.indexOf(value) !== -1; });
        });
        // Difficulty: the exercise's steps overlap the chosen range.
        if (+row.getAttribute("data-low") > high || +row.getAttribute("data-high") < low) failed.push("difficulty");
        return failed;
      });

      var shown = 0;
      rows.forEach(function (row, i) {
        row.hidden = failing[i].length > 0;
        if (!row.hidden) shown += 1;
      });
      var total = rows.length;
      status.textContent = shown === total
        ? total + " exercises"
        : shown === 0
          ? "No exercise matches these filters. Untick some boxes or widen the difficulty."
          : "Showing " + shown + " of " + total + " exercises";
      table.classList.toggle("sh-empty", shown === 0);

      // Faceted counts: a row counts for a box when it fails no group other than the box's own.
      boxes.forEach(function (box) {
        var n = 0;
        rows.forEach(function (row, i) {
          var others = failing[i].filter(function (facet) { return facet !== box.name; });
          if (!others.length && values(row, box.name).indexOf(box.value) !== -1) n += 1;
        });
        box.parentNode.querySelector(".sh-n").textContent = "(" + n + ")";
      });

      // Printed, "Showing 5 of 26" needs the filters that made it.
      var parts = FACETS.filter(function (facet) { return chosen[facet].length; }).map(function (facet) {
        return NAMES[facet] + ": " + boxes.filter(function (box) { return box.name === facet && box.checked; })
          .map(words).join(", ");
      });
      if (from.value !== lowest || to.value !== highest) {
        parts.push("Difficulty " + (low === high ? "step " + low : "steps " + low + "–" + high));
      }
      if (applied) {
        applied.textContent = parts.length ? "Filters: " + parts.join("; ") : "";
        applied.hidden = !parts.length;
      }
    }

    form.addEventListener("change", function (event) {
      // Moving one end of the range past the other takes the other along.
      if (event.target === from && +from.value > +to.value) to.value = from.value;
      if (event.target === to && +to.value < +from.value) from.value = to.value;
      apply();
      window.history.pushState(null, "", address());
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls are cleared.
      window.setTimeout(function () {
        apply();
        if (address() !== window.location.pathname + window.location.search + window.location.hash) {
          window.history.pushState(null, "", address());
        }
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      readAddress();
      apply();
    });

    // The address shows what is applied: a swapped range is written back the right way round.
    if (readAddress()) window.history.replaceState(window.history.state, "", address());
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
