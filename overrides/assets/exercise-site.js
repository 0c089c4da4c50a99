// The card builder's page loads its script (and, through it, only the data it needs).
if (document.querySelector(".sh-builder")) {
  (function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    var script = document.createElement("script");
    script.src = (config.base || ".").replace(/\/$/, "") + "/assets/builder.js";
    document.head.appendChild(script);
  })();
}

// The Print button is hidden until this runs, so readers without JavaScript never see a dead button.
document.querySelectorAll(".sh-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});

// The 404 page's Search button opens Material's search, as the magnifier in the header does.
document.querySelectorAll(".sh-search").forEach(function (button) {
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
