// Filters for the exercise catalogue (/exercises/). Without JavaScript the form stays
// hidden and the table, page by page, is the whole catalogue. Each table row carries its
// values as data attributes (data-muscle="quadriceps core", data-low="1", ...). A
// catalogue longer than one page (data-pages) filters every exercise: on the first tick it
// loads all rows from api/catalogue.js (a script, so that it loads from file:// too), and
// shows the matches in place of the page's own rows, a hundred at a time. The form's state
// lives in the address, e.g. ?muscle=quadriceps&muscle=core&equipment=none&from=1&to=3,
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

  var STEP = 100;  // matches shown at first, and added by "Show more"

  // api/catalogue.js announces itself through ExerciseSiteData, as the builder's data does.
  // The receiver goes in only when the rows are wanted, and hands anything else on, so the
  // builder's own receiver (builder.js, on its page) is never displaced.
  var catalogueData = null;
  var waiting = [];

  function loadRows(done, failed) {
    if (catalogueData) return done();
    waiting.push(done);
    if (waiting.length > 1) return;
    var previous = window.ExerciseSiteData;
    window.ExerciseSiteData = {push: function (entry) {
      if (entry[0] !== "catalogue") return previous && previous.push(entry);
      catalogueData = entry[1];
      waiting.splice(0).forEach(function (next) { next(); });
    }};
    var config = JSON.parse(document.getElementById("__config").textContent);
    var script = document.createElement("script");
    script.src = (config.base || ".").replace(/\/$/, "") + "/api/catalogue.js";
    script.async = true;
    script.onerror = function () { waiting.length = 0; failed(); };
    document.head.appendChild(script);
  }

  // A row of the table for a row of api/catalogue.js, made from one of the page's own rows:
  // the exercise's address and thumbnail are that row's with the slug changed, so they come
  // out right under a project prefix and in the offline copy (.html addresses) alike.
  function rowMaker(sample) {
    var slug = sample.getAttribute("data-slug");
    var link = sample.querySelector("a");
    var image = sample.querySelector("img");
    function swap(text, other) {
      var at = text.lastIndexOf(slug);
      return at < 0 ? text : text.slice(0, at) + other + text.slice(at + slug.length);
    }
    var linkPattern = link.getAttribute("href");
    var imagePattern = image ? image.getAttribute("src") : "";
    var fields = catalogueData.fields;
    var facets = catalogueData.facets;
    return function (values) {
      var get = function (name) { return values[fields.indexOf(name)]; };
      var row = sample.cloneNode(true);
      row.hidden = false;
      row.setAttribute("data-slug", get("slug"));
      facets.forEach(function (facet, i) { row.setAttribute("data-" + facet, values[fields.length + i]); });
      var a = row.querySelector("a");
      a.setAttribute("href", swap(linkPattern, get("slug")));
      a.textContent = get("name");
      var img = row.querySelector("img");
      if (img) {
        img.setAttribute("src", swap(imagePattern, get("slug")));
        img.setAttribute("width", get("thumb")[0]);
        img.setAttribute("height", get("thumb")[1]);
      }
      var cells = row.cells;
      ["kind", "muscles", "equipment", "position", "difficulty"].forEach(function (name, i) {
        cells[i + 1].textContent = get(name);
      });
      return row;
    };
  }

  function setUp() {
    var form = document.querySelector("form.rx-filters");
    var table = document.querySelector(".rx-catalogue table");
    var status = document.querySelector(".rx-count");
    var applied = document.querySelector(".rx-applied");
    if (!form || !table || !status || form.dataset.ready) return;
    form.dataset.ready = "yes";

    // On a phone the rows are drawn as cards (exercise-site.css), no longer display: table, and
    // some browsers then stop telling screen readers it is a table; explicit roles keep it one.
    var ROLES = {"table": "table", "thead, tbody": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell"};
    Object.keys(ROLES).forEach(function (selector) {
      table.parentNode.querySelectorAll(selector).forEach(function (el) { el.setAttribute("role", ROLES[selector]); });
    });

    var tbody = table.tBodies[0];
    var ownRows = Array.prototype.slice.call(tbody.rows);
    var list = table.closest(".rx-catalogue");
    var paged = +(list.getAttribute("data-pages") || 1) > 1;
    var pagers = Array.prototype.slice.call(document.querySelectorAll(".rx-pager"));
    var more = document.querySelector(".rx-more");
    var limit = STEP;
    var entries = null;  // every exercise: {row (built when first shown), values (facet -> list), low, high}
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    // The groups of boxes and their names, as the page's form has them (exercise_index.md).
    var groups = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-facet]")).filter(function (group) {
      return group.querySelector("input[type=checkbox]");
    });
    var FACETS = groups.map(function (group) { return group.getAttribute("data-facet"); });
    var NAMES = {};
    groups.forEach(function (group) { NAMES[group.getAttribute("data-facet")] = group.querySelector("legend").textContent.trim(); });
    var from = form.elements.namedItem("from");
    var to = form.elements.namedItem("to");
    var lowest = from.options[0].value;
    var highest = to.options[to.options.length - 1].value;

    function entryOf(row) {
      var values = {};
      FACETS.forEach(function (facet) { values[facet] = (row.getAttribute("data-" + facet) || "").split(" "); });
      return {row: row, values: values, low: +row.getAttribute("data-low"), high: +row.getAttribute("data-high")};
    }

    function allEntries() {
      if (!paged) return ownRows.map(entryOf);
      var make = rowMaker(ownRows[0]);
      var fields = catalogueData.fields.length;
      return catalogueData.rows.map(function (values) {
        var entry = {row: null, values: {}, make: function () { return make(values); }};
        catalogueData.facets.forEach(function (facet, i) {
          var value = values[fields + i];
          if (facet === "low" || facet === "high") entry[facet] = +value;
          else entry.values[facet] = value.split(" ");
        });
        return entry;
      });
    }

    function ticked(facet) {
      return boxes.filter(function (box) { return box.name === facet && box.checked; })
        .map(function (box) { return box.value; });
    }

    function filtering() {
      return FACETS.some(function (facet) { return ticked(facet).length; }) || from.value !== lowest || to.value !== highest;
    }

    // The box's own words, without the count beside it ("a muscle (its everyday word)").
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

    // The page's own rows as the server wrote them, and its links to the other pages.
    function showOwnRows() {
      if (tbody.rows[0] !== ownRows[0] || tbody.rows.length !== ownRows.length) {
        tbody.replaceChildren.apply(tbody, ownRows);
      }
      ownRows.forEach(function (row) { row.hidden = false; });
    }

    // Matches from every page, in place of this page's rows; up to `limit` of them.
    function showMatches(matched) {
      var rows = matched.slice(0, limit).map(function (entry) {
        if (!entry.row) entry.row = entry.make();
        return entry.row;
      });
      tbody.replaceChildren.apply(tbody, rows);
      var left = matched.length - rows.length;
      more.hidden = left <= 0;
      if (left > 0) {
        more.querySelector("button").textContent = "Show " + Math.min(STEP, left) + " more (" + left + " not shown yet)";
      }
    }

    function apply() {
      if (paged && filtering() && !catalogueData) {
        status.textContent = "Loading every exercise…";
        loadRows(apply, function () {
          // Offline without the data file: the filters still work on this page's rows.
          paged = false;
          entries = null;
          apply();
          status.textContent += " (on this page only: the full list could not be loaded)";
        });
        return;
      }
      if (!entries && (!paged || catalogueData)) entries = allEntries();
      var chosen = {};
      FACETS.forEach(function (facet) { chosen[facet] = ticked(facet); });
      var low = +from.value;
      var high = +to.value;
      // For each exercise, the groups it fails (difficulty counts as a group of its own).
      var failing = (entries || []).map(function (entry) {
        var failed = FACETS.filter(function (facet) {
          var have = entry.values[facet];
          return chosen[facet].length && !chosen[facet].some(function (value) { return have.indexOf(value) !== -1; });
        });
        // Difficulty: the exercise's steps overlap the chosen range.
        if (entry.low > high || entry.high < low) failed.push("difficulty");
        return failed;
      });
      var matched = (entries || []).filter(function (entry, i) { return !failing[i].length; });

      var total = entries ? entries.length : +list.getAttribute("data-total");
      var shown = entries ? matched.length : total;
      if (paged && !filtering()) {
        showOwnRows();
        more.hidden = true;
      } else if (paged) {
        showMatches(matched);
      } else {
        entries.forEach(function (entry, i) { entry.row.hidden = failing[i].length > 0; });
      }
      pagers.forEach(function (pager) { pager.hidden = paged && filtering(); });
      status.textContent = shown === total
        ? total + " exercises"
        : shown === 0
          ? "No exercise matches these filters. Untick some boxes or widen the difficulty."
          : "Showing " + shown + " of " + total + " exercises";
      table.classList.toggle("rx-empty", shown === 0);

      // Faceted counts: an exercise counts for a box when it fails no group other than the box's own.
      // Before the rows of other pages are loaded nothing is ticked, and the server's totals stand.
      if (entries) {
        boxes.forEach(function (box) {
          var n = 0;
          entries.forEach(function (entry, i) {
            var others = failing[i].filter(function (facet) { return facet !== box.name; });
            if (!others.length && entry.values[box.name].indexOf(box.value) !== -1) n += 1;
          });
          box.parentNode.querySelector(".rx-n").textContent = "(" + n + ")";
        });
      }

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
      limit = STEP;
      apply();
      window.history.pushState(null, "", address());
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls are cleared.
      window.setTimeout(function () {
        limit = STEP;
        apply();
        if (address() !== window.location.pathname + window.location.search + window.location.hash) {
          window.history.pushState(null, "", address());
        }
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      readAddress();
      limit = STEP;
      apply();
    });
    if (more) {
      more.querySelector("button").addEventListener("click", function () {
        limit += STEP;
        apply();
      });
    }
    // On paper every match is listed, not only those shown so far.
    window.addEventListener("beforeprint", function () {
      if (paged && filtering() && limit < Infinity) {
        limit = Infinity;
        apply();
      }
    });

    // The address shows what is applied: a swapped range is written back the right way round.
    if (readAddress()) window.history.replaceState(window.history.state, "", address());
    apply();
    // On a phone the long list of boxes would push the table far down: start folded
    // there, unless the address already holds filters to show.
    var details = form.querySelector("details");
    if (details && !window.location.search && window.matchMedia("(max-width: 44.9375em)").matches) details.open = false;
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
