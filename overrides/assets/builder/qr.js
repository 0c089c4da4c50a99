// The card's QR code: the address a phone can open, drawn by the vendored qrcode-generator.
(function (site) {
  "use strict";

  // This page's address with the card's fragment; from a folder (file://, which a phone cannot
  // open) the published site's, as the page's canonical link gives it.
  function shareable(fragment) {
    var here = location.href.split("#")[0].split("?")[0];
    if (!/^https?:/.test(location.protocol)) {
      var canonical = document.querySelector('link[rel="canonical"]');
      if (canonical) here = canonical.href;
    }
    return here + "#" + fragment;
  }

  // Draws the code of `url` into `target`, sized on `sheet` (the card) for print; false until the library is in.
  function draw(target, sheet, url) {
    if (typeof self.qrcode !== "function") return false;
    var qr = self.qrcode(0, "M");
    qr.addData(url, "Byte");
    qr.make();
    target.innerHTML = qr.createSvgTag({ cellSize: 1, margin: 4, scalable: true });
    var svg = target.querySelector("svg");
    svg.setAttribute("class", "rx-qr-code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of this card's address");
    // Each module at least 0.3 mm in print, so that a phone reads a long address from paper.
    var size = Math.max(22, Math.min(40, Math.ceil((qr.getModuleCount() + 8) * 0.3)));
    sheet.querySelector(".rx-qr").style.setProperty("--rx-qr-size", size + "mm");
    return true;
  }

  site.qr = { shareable: shareable, draw: draw };
})(self.ExerciseSite = self.ExerciseSite || {});
