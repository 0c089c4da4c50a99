// The plan week by week, as a table that prints: a row a week, a cell a day with its date, what
// to do (a session at its stage, exercises, the checks again, or once the stages are passed a session
// within the cap), a box to tick and two to score the pain during it and the next morning. Built with
// DOM methods: every text is text.
(function (site) {
  "use strict";

  var dates = site.dates;

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function cell(day, word) {
    var td = element("td", "rx-p-day-" + day.kind);
    td.setAttribute("data-day", day.day);
    if (day.stage !== null && day.stage !== undefined) td.setAttribute("data-stage", String(day.stage + 1));
    td.appendChild(element("span", "rx-p-date", dates.format(day.day, { day: "numeric", month: "short" })));
    td.appendChild(element("span", "rx-p-daynum", dates.format(day.day, { day: "numeric" })));
    var what = element("span", "rx-p-what");
    what.appendChild(element("span", "rx-p-box"));
    what.appendChild(element("span", "rx-p-label", word(day.kind, { n: day.stage === null ? "" : day.stage + 1 })));
    td.appendChild(what);
    if (day.kind !== "checks") {
      var scores = element("span", "rx-p-scores");
      ["during", "morning"].forEach(function (name) {
        var score = element("span", "rx-p-score");
        score.appendChild(element("span", "rx-p-full", word(name)));
        score.appendChild(element("span", "rx-p-short", word(name + " short")));
        score.appendChild(document.createTextNode(" "));
        score.appendChild(element("span", "rx-p-blank"));
        scores.appendChild(score);
      });
      td.appendChild(scores);
    }
    return td;
  }

  // The table of `schedule` (planRules.schedule) in place of `container`'s content.
  function draw(container, schedule, word) {
    var first = schedule.weeks[0].days[0].day;
    var table = element("table", "rx-p-weeks");
    var head = table.appendChild(element("thead")).appendChild(element("tr"));
    head.appendChild(element("th", "", word("week", { n: "" }).trim())).scope = "col";
    for (var i = 0; i < 7; i++) {
      var th = head.appendChild(element("th", "", dates.format(dates.add(first, i), { weekday: "short" })));
      th.scope = "col";
    }
    var body = table.appendChild(element("tbody"));
    schedule.weeks.forEach(function (week) {
      var tr = body.appendChild(element("tr"));
      var th = tr.appendChild(element("th", "", word("week", { n: week.number })));
      th.scope = "row";
      // A long plan's cells give the day's number only; the row says the month.
      var months = [week.days[0].day, week.days[week.days.length - 1].day].map(function (day) {
        return dates.format(day, { month: "short" });
      });
      th.appendChild(element("span", "rx-p-month", months[0] === months[1] ? months[0] : months.join("\u2013")));
      week.days.forEach(function (day) {
        var td = tr.appendChild(cell(day, word));
        td.setAttribute("data-weekday", dates.format(day.day, { weekday: "short" }));
      });
      for (var n = week.days.length; n < 7; n++) tr.appendChild(element("td", "rx-p-none"));
    });
    container.textContent = "";
    container.appendChild(table);
    // Fewer, taller rows for a short plan; a long one packs its weeks tighter to stay on one sheet.
    container.style.setProperty("--rx-p-weeks", String(schedule.weeks.length));
    container.setAttribute("data-size", schedule.weeks.length > 8 ? "long" : "short");
  }

  site.planCalendar = { draw: draw };
})(self.ExerciseSite = self.ExerciseSite || {});
