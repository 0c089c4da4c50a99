// The patient's log from a built card: the session done today (or another day), the pain during it
// and the next morning, kept on this device in the plan's log (planner/log.js: one log, one store,
// the same checks), and sent back to the clinician as its CSV file.
(function (site) {
  "use strict";

  // `box` is the form (builder.md's .rx-b-plog), `getLimits()` the log's bounds (api/index.js `log`).
  site.patientLog = function (box, siteKey, getLimits, fileName) {
    var status = box.querySelector(".rx-b-plog-status"), count = box.querySelector(".rx-b-plog-count");
    var fields = box.elements;

    function log() { var limits = getLimits(); return limits ? site.planLog(siteKey, { log: limits }) : null; }

    function show() {
      var l = log();
      if (!l) return;
      var read = l.read();
      count.textContent = read.entries.length === 1 ? "1 entry is kept on this device." : read.entries.length + " entries are kept on this device.";
    }

    box.addEventListener("submit", function (event) {
      event.preventDefault();
      var l = log(), limits = getLimits();
      if (!l) return;
      var added = l.add({ day: fields.day.value, kind: limits.kinds[1], minutes: "", km: "", during: fields.during.value,
                          morning: fields.morning.value, note: fields.note.value });
      status.textContent = added.ok ? "Added to your log for " + added.entry.day + "." :
        added.problems.map(function (p) { return p.message; }).join(" ");
      if (added.ok) { fields.during.value = fields.morning.value = fields.note.value = ""; }
      show();
    });

    box.querySelector(".rx-b-plog-export").addEventListener("click", function () {
      var l = log();
      if (!l) return;
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([l.toCsv(l.read().entries)], { type: "text/csv;charset=utf-8" }));
      link.download = fileName + "-log.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
      status.textContent = "The log is saved as a file: send it to your clinician (by email or a message).";
    });

    var now = new Date();
    fields.day.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    return show;
  };
})(self.ExerciseSite = self.ExerciseSite || {});
