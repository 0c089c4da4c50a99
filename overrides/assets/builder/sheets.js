// How many sheets the card's front really takes on each paper: the page laid out for a moment as
// it prints (the stylesheets' print rules on, their screen rules off, the width of the paper inside
// the @page margins the print CSS gives), measured, and put back before the browser paints.
(function (site) {
  "use strict";

  var MM = 96 / 25.4;  // CSS pixels in a millimetre

  // Every @media rule of the page's stylesheets that names print or screen, and the @page margins
  // (Material's and then the site's own, which wins).
  function mediaRules() {
    var found = { print: [], screen: [], margins: null };
    function walk(rules) {
      Array.prototype.forEach.call(rules, function (rule) {
        if (rule instanceof CSSPageRule) found.margins = rule.style;  // the last one wins, as in the cascade
        if (!(rule instanceof CSSMediaRule)) return;
        var text = rule.media.mediaText;
        if (/\bprint\b/.test(text) && !/\bscreen\b/.test(text)) found.print.push(rule);
        else if (/\bscreen\b/.test(text)) found.screen.push(rule);
        walk(rule.cssRules);
      });
    }
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      try { walk(sheet.cssRules); } catch (e) { /* another origin's sheet: none on this site */ }
    });
    return found;
  }

  function mm(value) {
    var m = /^([\d.]+)(mm|cm|in|px)$/.exec(String(value || "").trim());
    if (!m) return 0;
    return +m[1] * { mm: 1, cm: 10, in: 25.4, px: 1 / MM }[m[2]];
  }

  // {paper name: sheets the card's front takes}; `papers` is {name: [width, height] in mm} (api/index.js).
  site.sheets = function (card, papers) {
    var rules = mediaRules(), html = document.documentElement;
    var margins = rules.margins;
    var side = margins ? [mm(margins.marginLeft) + mm(margins.marginRight), mm(margins.marginTop) + mm(margins.marginBottom)] : [0, 0];
    var saved = [];
    function setMedia(rule, text) { saved.push([rule, rule.media.mediaText]); rule.media.mediaText = text; }
    var width = html.style.width, out = {};
    try {
      rules.print.forEach(function (rule) { setMedia(rule, "all"); });
      rules.screen.forEach(function (rule) { setMedia(rule, "not all"); });
      Object.keys(papers).forEach(function (name) {
        html.style.width = (papers[name][0] - side[0]) * MM + "px";
        var top = document.body.getBoundingClientRect().top;
        var footer = card.querySelector(".rx-card-footer").getBoundingClientRect();
        var height = (papers[name][1] - side[1]) * MM;
        out[name] = Math.max(1, Math.ceil((footer.bottom - top) / height - 0.0001));
      });
    } finally {
      saved.reverse().forEach(function (pair) { pair[0].media.mediaText = pair[1]; });
      html.style.width = width;
    }
    return out;
  };
})(self.ExerciseSite = self.ExerciseSite || {});
