// The card builder's page loads its scripts (and, through them, only the data it needs): the
// modules of builder/, each one job, then builder.js, which uses them. Plain scripts sharing
// self.ExerciseSite, run in this order, since a module script does not load from file://.
if (document.querySelector(".rx-builder")) {
  (function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    var base = (config.base || ".").replace(/\/$/, "") + "/assets/";
    ["address", "words", "data", "restore", "log", "card", "qr", "store", "editor", "find"].map(function (name) {
      return "builder/" + name + ".js";
    }).concat(["builder.js"]).forEach(function (path) {
      var script = document.createElement("script");
      script.src = base + path;
      script.async = false;  // run in the order added
      document.head.appendChild(script);
    });
  })();
}

// A plan's planner, in the same way: the card's address helpers and QR code (the builder's), the
// plan's rules, calendar file and log (planner/rules.js, ical.js, log.js), then the page's own
// modules and planner.js (which loads the QR library once there is a plan to draw).
if (document.querySelector(".rx-planner")) {
  (function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    var base = (config.base || ".").replace(/\/$/, "") + "/assets/";
    ["builder/address.js", "builder/qr.js"].concat(
      ["rules", "ical", "log", "dates", "words", "address", "calendar", "diary"].map(function (name) {
        return "planner/" + name + ".js";
      })
    ).concat(["planner.js"]).forEach(function (path) {
      var script = document.createElement("script");
      script.src = base + path;
      script.async = false;  // run in the order added
      document.head.appendChild(script);
    });
  })();
}

// The Print button is hidden until this runs, so readers without JavaScript never see a dead button.
document.querySelectorAll(".rx-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});

// The 404 page's Search button opens Material's search, as the magnifier in the header does.
document.querySelectorAll(".rx-search").forEach(function (button) {
  var toggle = document.getElementById("__search");
  var input = document.querySelector(".md-search__input");
  if (!toggle || !input) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
  });
});
