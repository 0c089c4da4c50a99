// The card builder's page loads its scripts (and, through them, only the data it needs): the
// modules of builder/, each one job, then builder.js, which uses them. Plain scripts sharing
// self.ExerciseSite, run in this order, since a module script does not load from file://.
if (document.querySelector(".rx-builder")) {
  (function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    var base = (config.base || ".").replace(/\/$/, "") + "/assets/";
    ["address", "words", "data", "restore", "log", "weeks", "card", "qr", "store", "editor", "find", "combobox"].map(function (name) {
      return "builder/" + name + ".js";
    }).concat(["builder.js"]).forEach(function (path) {
      var script = document.createElement("script");
      script.src = base + path;
      script.async = false;  // run in the order added
      document.head.appendChild(script);
    });
  })();
}

// The Print button is hidden until this runs, so readers without JavaScript never see a dead button.
// The weeks' own button prints that sheet alone (the print styles read the class; see exercise-site.css).
document.querySelectorAll(".rx-print").forEach(function (button) {
  var alone = button.classList.contains("rx-print-weeks");
  button.hidden = false;
  button.addEventListener("click", function () {
    document.documentElement.classList.toggle("rx-weeks-alone", alone);
    window.print();
  });
});
self.addEventListener("afterprint", function () { document.documentElement.classList.remove("rx-weeks-alone"); });

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
