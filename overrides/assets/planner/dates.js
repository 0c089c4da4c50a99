// Days as ISO strings ("2026-12-07"), counted in UTC so that no clock change moves a day;
// weekdays 0 = Monday to 6 = Sunday, as the plan's rules count them.
(function (site) {
  "use strict";

  function utc(day) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
    if (!m) return null;
    var time = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    return new Date(time).toISOString().slice(0, 10) === day ? time : null;
  }

  function iso(time) { return new Date(time).toISOString().slice(0, 10); }

  // Today on the reader's own calendar.
  function today() {
    var now = new Date();
    return iso(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  }

  function add(day, days) { return iso(utc(day) + days * 864e5); }

  function weekday(day) { return (new Date(utc(day)).getUTCDay() + 6) % 7; }

  // The day in the page's language, e.g. {weekday: "short", day: "numeric", month: "short"}.
  var formats = {};  // a formatter is slow to make: one for each kind of date, made once

  function format(day, options) {
    var key = JSON.stringify(options);
    if (!formats[key]) {
      var settings = { timeZone: "UTC" };
      Object.keys(options).forEach(function (name) { settings[name] = options[name]; });
      formats[key] = new Intl.DateTimeFormat(document.documentElement.lang || "en", settings);
    }
    return formats[key].format(new Date(utc(day)));
  }

  // The name of weekday `n` (0 Monday), from a Monday of any year.
  function weekdayName(n, width) { return format(add("2024-01-01", n), { weekday: width || "long" }); }

  site.dates = { valid: function (day) { return utc(day) !== null; }, today: today, add: add,
                 weekday: weekday, format: format, weekdayName: weekdayName };
})(self.ExerciseSite = self.ExerciseSite || {});
