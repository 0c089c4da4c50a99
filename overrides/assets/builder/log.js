// The card's tracking and pain log: the page's grid (drawn for the most sessions and weeks a
// card may have) cut down to the card's own.
(function (site) {
  "use strict";

  // The most sessions a week the card asks for: a column group each.
  function sessions(card, data) {
    var read = site.address.parseCount, most = data.limits.sessions;
    var counts = [read(card.f, 1, most), read(card.u, 1, most)].filter(Boolean);
    return Math.max.apply(null, counts.map(function (c) { return c.high; }).concat([1]));
  }

  // A copy of `template` (the full grid) with `keep` sessions a week and `weeks` rows.
  function grid(template, keep, weeks) {
    var copy = template.cloneNode(true);
    var heads = copy.querySelectorAll("thead tr");
    var perSession = heads[1].children.length / (heads[0].children.length - 1);  // columns under each session's head
    [].slice.call(heads[0].children, 1 + keep).forEach(function (th) { th.remove(); });
    [].slice.call(heads[1].children, perSession * keep).forEach(function (th) { th.remove(); });
    [].slice.call(copy.querySelectorAll(".rx-log-weeks tr"), weeks).forEach(function (tr) { tr.remove(); });
    copy.querySelectorAll(".rx-log-weeks tr").forEach(function (tr) {
      [].slice.call(tr.children, 1 + perSession * keep).forEach(function (td) { td.remove(); });
    });
    copy.querySelector(".rx-log-baseline").colSpan = perSession * keep;
    return copy;
  }

  // Puts the card's grid in place of the one shown.
  function show(sheet, template, card, data) {
    var fresh = grid(template, sessions(card, data), +card.w);
    var old = sheet.querySelector(".rx-grid .rx-log:not(.rx-runs)");
    if (old) old.remove();
    sheet.querySelector(".rx-grid").appendChild(fresh);
  }

  site.log = { sessions: sessions, show: show };
})(self.ExerciseSite = self.ExerciseSite || {});
