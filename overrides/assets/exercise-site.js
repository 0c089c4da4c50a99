// The card builder's and a plan's pages load their scripts (and, through them, only the data
// they need): small plain scripts sharing self.ExerciseSite, each one job, run in the order given,
// since a module script does not load from file://.
(function () {
function loadInOrder(paths) {
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = (config.base || ".").replace(/\/$/, "") + "/assets/";
  paths.forEach(function (path) {
    var script = document.createElement("script");
    script.src = base + path;
    script.async = false;  // run in the order added
    document.head.appendChild(script);
  });
}

function inFolder(folder, names) {
  return names.map(function (name) { return folder + "/" + name + ".js"; });
}

// The builder: the modules of builder/, then builder.js, which uses them.
if (document.querySelector(".rx-builder")) {
  loadInOrder(inFolder("builder", ["address", "words", "data", "restore", "log", "weeks", "card", "qr", "sheets", "store",
    "editor", "find", "combobox", "logview", "patientlog"]).concat(["planner/log.js", "builder.js"]));
}

// A plan's planner: the card's address helpers and QR code (the builder's), the plan's rules,
// calendar file and log, then the page's own modules and planner.js (which loads the QR library
// once there is a plan to draw).
if (document.querySelector(".rx-planner")) {
  loadInOrder(["builder/address.js", "builder/qr.js"].concat(inFolder("planner", ["rules", "ical", "log", "dates",
    "words", "address", "calendar", "diary"])).concat(["planner.js"]));
}
})();

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

// An exercise opened from a built card (builder.js adds "#rx-dose=" and the card's words for it):
// what the card prescribes, above the page's general dosages. Shown as text, whatever it says.
(function () {
  var m = /^#rx-dose=(.+)$/.exec(location.hash), heading = document.querySelector(".md-content h1");
  if (!m || !heading) return;
  var text;
  try { text = decodeURIComponent(m[1]); } catch (e) { return; }
  var note = document.createElement("p");
  note.className = "rx-your-dose";
  var lead = document.createElement("strong");
  lead.textContent = "On your card: ";
  note.appendChild(lead);
  note.appendChild(document.createTextNode(text.slice(0, 400)));
  var back = document.createElement("a");
  back.href = document.referrer && /\/builder\//.test(document.referrer) ? document.referrer : "#";
  back.textContent = "Back to your card";
  back.addEventListener("click", function (event) {
    if (history.length > 1) { event.preventDefault(); history.back(); }
  });
  note.appendChild(document.createTextNode(" "));
  note.appendChild(back);
  heading.parentNode.insertBefore(note, heading.nextSibling);
})();

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
