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
    // A compact address (builder/address.js) spells the card in the characters of the code's
    // alphanumeric mode, which takes 5.5 bits a character to the 8 of the rest of the address.
    var at = url.indexOf("#") + 1, card = url.slice(at);
    if (at > 0 && card && /^[0-9A-Z $%*+\-.\/:]+$/.test(card)) {
      qr.addData(url.slice(0, at), "Byte");
      qr.addData(card, "Alphanumeric");
    } else {
      qr.addData(url, "Byte");
    }
    qr.make();
    target.innerHTML = qr.createSvgTag({ cellSize: 1, margin: 4, scalable: true });
    var svg = target.querySelector("svg");
    svg.setAttribute("class", "rx-qr-code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of this card's address");
    // Each module at least 0.35 mm in print (two dots at 150 dpi) and 2.5 px on screen, so that a
    // phone reads a long address from paper and a screenshot keeps it.
    var modules = qr.getModuleCount() + 8, box = sheet.querySelector(".rx-qr");
    var size = Math.max(22, Math.min(65, Math.ceil(modules * 0.35)));
    box.style.setProperty("--rx-qr-size", size + "mm");
    box.style.setProperty("--rx-qr-screen", Math.ceil(modules * 2.5) + "px");
    return true;
  }

  site.qr = { shareable: shareable, draw: draw };
})(self.ExerciseSite = self.ExerciseSite || {});
