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

// Offline and installable: the service worker is registered once the page has loaded, so the
// first visit is not slowed. Only where the page links a manifest (not the offline copy, which
// opens from file://, where browsers run no service worker).
if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol) && document.querySelector('link[rel="manifest"]')) {
  (function () {
    function load() {
      var config = JSON.parse(document.getElementById("__config").textContent);
      var script = document.createElement("script");
      script.src = (config.base || ".").replace(/\/$/, "") + "/assets/app-worker.js";
      document.head.appendChild(script);
    }
    if (document.readyState === "complete") load();
    else window.addEventListener("load", load);
  })();
}
