// The card's tracking and pain log: the page's grid (drawn for the most sessions and weeks a
// card may have) cut down to the card's own.
(function (site) {
  "use strict";

  // The most sessions a week the card asks for: a column group each (every day of the week when
  // it asks for more than one a day).
  function sessions(card, data) {
    var read = site.address.parseOften, limits = data.limits;
    var counts = [read(card.f, limits), read(card.u, limits)].filter(Boolean);
    return Math.max.apply(null, counts.map(function (c) { return c.day ? limits.sessions : c.high; }).concat([1]));
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
  // The daily grid, which builder.md renders in .rx-daily-grid: taken out of the page when first needed.
  var dailyGrid;
  function dailyGridOf() {
    if (dailyGrid === undefined) {
      var box = document.querySelector(".rx-daily-grid");
      dailyGrid = box ? box.querySelector(".rx-log") : null;
      if (box) box.remove();
    }
    return dailyGrid;
  }

  // Above `ticked` sessions a week the grid is the daily one.
  function show(sheet, template, card, data) {
    var keep = sessions(card, data), daily = dailyGridOf();
    if (keep > data.limits.ticked && daily) template = daily;
    var fresh = grid(template, keep, +card.w);
    var old = sheet.querySelector(".rx-grid .rx-log:not(.rx-runs)");
    if (old) old.remove();
    sheet.querySelector(".rx-grid").appendChild(fresh);
    var lower = sheet.querySelector(".rx-lower");
    if (lower) lower.classList.toggle("rx-lower-wide", keep > data.limits.ticked + 1);
  }

  site.log = { sessions: sessions, show: show };
})(self.ExerciseSite = self.ExerciseSite || {});
