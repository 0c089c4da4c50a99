// The plan's address: its state in the fragment, e.g. #v=1&s=2026-12-07&d=0,2,4&l=12&c=110
// (start day, weekdays 0 = Monday, longest recent run in minutes, each entry check ticked or
// not). Reading keeps what it can and lists the rest in `problems`, as the card's address does.
(function (site) {
  "use strict";

  var VERSION = "v=1";
  var LONGEST = 600;  // minutes: the form's own maximum

  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return null; }
  }

  // {s, d, l, c} from the fragment (without #); null when there is none. `checks`: how many the plan has.
  function parse(fragment, checks, problems, words) {
    if (!fragment) return null;
    var quote = site.address.quote;
    // Checks not read are not ticked: the plan then waits for them, and the notice says why.
    var state = { s: site.dates.today(), d: [], l: null, c: new Array(checks + 1).join("0") };
    var parts = fragment.split("&");
    if (parts[0] !== VERSION) {
      problems.push("the address is not a plan this page knows (it should start with #" + VERSION + ")");
      return null;
    }
    var seen = {};
    parts.slice(1).forEach(function (part) {
      var at = part.indexOf("=");
      var key = at < 0 ? part : part.slice(0, at);
      var value = decode(at < 0 ? "" : part.slice(at + 1));
      var shown = quote(String(value === null ? part : value).slice(0, 30));
      if (value === null || seen[key] || ["s", "d", "l", "c"].indexOf(key) < 0) {
        problems.push("a part of the address that is not understood (" + quote(part.slice(0, 30)) + ")");
        return;
      }
      seen[key] = true;
      if (key === "s") {
        if (site.dates.valid(value)) state.s = value;
        else problems.push("the start date " + shown + ", so the plan starts today");
      } else if (key === "d") {
        var days = value.split(",");
        var good = days.every(function (d) { return /^[0-6]$/.test(d); });
        if (good && value) state.d = days.map(Number).filter(function (d, i, all) { return all.indexOf(d) === i; }).sort();
        else problems.push("the days " + shown);
      } else if (key === "l") {
        var count = site.address.parseCount(value, 0, LONGEST);
        if (count && count.low === count.high) state.l = count.low || null;
        else if (value) problems.push("the longest run " + shown);
      } else if (new RegExp("^[01]{" + checks + "}$").test(value)) {
        state.c = value;
      } else {
        problems.push(words("checks changed"));
      }
    });
    if (!state.d.length && !seen.d) problems.push("the days, which the address does not give");
    if (!seen.c) problems.push("the checks, which the address does not give: tick them again");
    return state;
  }

  function format(state) {
    var out = [VERSION, "s=" + state.s, "d=" + state.d.join(",")];
    if (state.l) out.push("l=" + state.l);
    out.push("c=" + state.c);
    return out.join("&");
  }

  site.planAddress = { parse: parse, format: format, LONGEST: LONGEST };
})(self.ExerciseSite = self.ExerciseSite || {});
