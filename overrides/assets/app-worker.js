// Registers the service worker (sw.js at the site's root, written at build time) and shows the
// page's "updated" notice when a new version of the site takes over an open page.
(function () {
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL((config.base || ".").replace(/\/?$/, "/"), location.href).href;
  var before = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    var notice = document.querySelector(".rx-updated");
    if (before && notice) notice.hidden = false;  // the first install is no update
    before = true;
  });
  // The worker lists every file, so it is large on a big site: the browser may take it from its
  // HTTP cache (a few minutes on GitHub Pages) rather than fetch it at every page opened.
  navigator.serviceWorker.register(root + "sw.js", {scope: root, updateViaCache: "all"}).catch(function () {
    // No worker (a host without sw.js): the site works online as before.
  });
})();
