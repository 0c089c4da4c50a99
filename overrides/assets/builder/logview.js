// The clinician's view of a patient's log: a CSV file exported from the plan's log on the patient's
// device, read by planner/log.js's own reader (the same columns and checks), drawn as a chart of
// pain during and the next morning (an inline SVG made here) with sessions a week, and a table beside it.
(function (site) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000, WEEK = 604800000;

  function svg(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function time(day) { return Date.parse(day + "T00:00:00Z"); }

  // The Monday of `day`'s week, as YYYY-MM-DD.
  function monday(day) {
    var t = time(day), days = WEEK / DAY, weekday = (new Date(t).getUTCDay() + days - 1) % days;  // Monday first
    return new Date(t - weekday * DAY).toISOString().slice(0, 10);
  }

  function weeks(entries) {
    var out = {};
    entries.forEach(function (e) {
      var w = monday(e.day);
      out[w] = out[w] || { week: w, sessions: 0, during: null, morning: null };
      out[w].sessions += 1;
      if (e.during !== null && (out[w].during === null || e.during > out[w].during)) out[w].during = e.during;
      if (e.morning !== null && (out[w].morning === null || e.morning > out[w].morning)) out[w].morning = e.morning;
    });
    return Object.keys(out).sort().map(function (w) { return out[w]; });
  }

  // The chart: pain during (solid) and the next morning (dashed) at each entry, sessions a week as bars.
  function chart(entries, byWeek, pain) {
    var width = 620, height = 250, left = 36, right = 10, top = 12, bottom = 28;
    var first = time(monday(entries[0].day)), last = time(entries[entries.length - 1].day) + WEEK;
    var span = Math.max(DAY, last - first), most = Math.max.apply(null, byWeek.map(function (w) { return w.sessions; }));
    var x = function (t) { return left + (t - first) / span * (width - left - right); };
    var y = function (v) { return top + (1 - (v - pain.least) / (pain.most - pain.least)) * (height - top - bottom); };
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", class: "rx-lv-chart" });
    var title = svg("title", {}, root);
    title.textContent = "Pain during and the next morning at each entry, from " + pain.least + " to " + pain.most +
      ", and sessions each week as bars (the highest week had " + most + ").";
    byWeek.forEach(function (w) {
      var x0 = x(time(w.week)), x1 = x(time(w.week) + WEEK);
      var h = w.sessions / most * (height - top - bottom) * 0.5;
      svg("rect", { x: x0 + 2, y: height - bottom - h, width: Math.max(1, x1 - x0 - 4), height: h, class: "rx-lv-bar" }, root);
    });
    [pain.least, (pain.least + pain.most) / 2, pain.most].forEach(function (v) {
      svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: "rx-lv-grid" }, root);
      var label = svg("text", { x: left - 5, y: y(v) + 4, "text-anchor": "end", class: "rx-lv-label" }, root);
      label.textContent = String(v);
    });
    [["during", "rx-lv-during"], ["morning", "rx-lv-morning"]].forEach(function (pair) {
      var points = entries.filter(function (e) { return e[pair[0]] !== null; }).map(function (e) {
        return x(time(e.day) + DAY / 2).toFixed(1) + "," + y(e[pair[0]]).toFixed(1);
      });
      if (!points.length) return;
      svg("polyline", { points: points.join(" "), class: pair[1] }, root);
      points.forEach(function (p) {
        var xy = p.split(",");
        svg("circle", { cx: xy[0], cy: xy[1], r: 3, class: pair[1] + " rx-lv-point" }, root);
      });
    });
    var from = svg("text", { x: left, y: height - bottom + 18, class: "rx-lv-label" }, root);
    from.textContent = entries[0].day;
    var to = svg("text", { x: width - right, y: height - bottom + 18, "text-anchor": "end", class: "rx-lv-label" }, root);
    to.textContent = entries[entries.length - 1].day;
    return root;
  }

  function table(byWeek) {
    var t = document.createElement("table"), head = t.createTHead().insertRow();
    ["Week of", "Sessions", "Highest pain during", "Highest pain next morning"].forEach(function (h) {
      var th = document.createElement("th");
      th.textContent = h;
      head.appendChild(th);
    });
    var body = t.createTBody();
    byWeek.forEach(function (w) {
      var row = body.insertRow();
      [w.week, w.sessions, w.during === null ? "" : w.during, w.morning === null ? "" : w.morning].forEach(function (v) {
        row.insertCell().textContent = String(v);
      });
    });
    return t;
  }

  // `box` holds the file input, `out` where the view goes, `getLimits()` the log's (api/index.js `log`).
  site.logView = function (box, out, siteKey, getLimits) {
    var input = box.querySelector('input[type="file"]'), status = box.querySelector(".rx-lv-status");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      var limits = getLimits();
      if (!file || !limits) return;
      file.text().then(function (text) {
        var read = site.planLog(siteKey, { log: limits }).fromCsv(text);
        var entries = read.entries.slice().sort(function (a, b) { return a.day < b.day ? -1 : a.day > b.day ? 1 : 0; });
        out.textContent = "";
        var told = read.problems.map(function (p) { return "line " + p.line + ": " + p.message; });
        status.textContent = (entries.length ? entries.length + (entries.length === 1 ? " entry" : " entries") + " read from " + file.name + "." :
          "No entries could be read from " + file.name + ".") + (told.length ? " Not read: " + told.join(" ") : "");
        if (!entries.length) return;
        var byWeek = weeks(entries);
        var figure = document.createElement("figure");
        figure.className = "rx-lv";
        figure.appendChild(chart(entries, byWeek, limits.pain));
        var caption = document.createElement("figcaption");
        caption.textContent = "Solid line: pain during; dashed: the next morning; bars: sessions each week.";
        figure.appendChild(caption);
        var wrap = document.createElement("div");
        wrap.className = "rx-lv-table";
        wrap.appendChild(table(byWeek));
        out.appendChild(figure);
        out.appendChild(wrap);
      }, function () { status.textContent = "The file could not be read."; });
    });
  };
})(self.ExerciseSite = self.ExerciseSite || {});
