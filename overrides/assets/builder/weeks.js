// The card's second side, week by week (weeks_view in macros.md, as the ready-made cards have it):
// for each exercise where it starts and the next step, the top of its dosage and its own check, and
// a box a week. builder.md renders the table once with one row of empty slots and the most weeks a
// card may track; this fills a copy of the row for each exercise and keeps the card's weeks.
(function (site) {
  "use strict";

  // The dosage with every range at its top ("10-15" reps become 15), as weeks.py's top_dosage():
  // what the moving-up rule calls the top of the dosage. "" when the item gives no dosage.
  function top(data, item) {
    var read = site.address.parseCount, most = data.limits.count, at = { side: item.side, note: item.note };
    var given = false;
    ["sets", "reps", "hold", "dur"].forEach(function (key) {
      var c = read(item[key], 0, most);
      at[key] = c ? String(c.high) : "";
      given = given || !!c;
    });
    return given || item.note ? site.words.dosage(data, at) : "";
  }

  // An item's fields from a level's own dosage (the record's [sets, reps, hold, dur, side, note]).
  function levelItem(level) {
    var d = level.dosage;
    return { sets: d[0], reps: d[1], hold: d[2], dur: d[3], side: d[4] === "s", note: d[5] };
  }

  function text(parent, selector, value) { parent.querySelector(selector).textContent = value; }

  // `sheet` is the card's element; returns a renderer that draws the weeks of a card on it.
  site.weeks = function weeks(sheet) {
    var part = sheet.querySelector(".rx-weeks");
    var rowTemplate = part.querySelector("tbody tr");
    var tbody = rowTemplate.parentNode;
    var head = part.querySelector("thead tr");
    var headTemplate = head.cloneNode(true);
    var firstWeek = 3;  // cells before the weeks: #, exercise, move up at
    rowTemplate.remove();

    // A copy of `tr` with only the first `weeks` week cells.
    function trim(tr, weeks) {
      var copy = tr.cloneNode(true);
      [].slice.call(copy.children, firstWeek + weeks).forEach(function (cell) { cell.remove(); });
      return copy;
    }

    function row(item, i, records, data, weeks) {
      var record = records[item.slug], number = +item.level, level = record.levels[number - 1];
      var tr = trim(rowTemplate, weeks);
      tr.children[0].textContent = String(i + 1);
      text(tr, ".rx-w-name", record.name);
      text(tr, ".rx-w-number", String(number));
      text(tr, ".rx-w-level", level.name);
      text(tr, ".rx-w-dosage", site.words.dosage(data, item));
      text(tr, ".rx-w-top", top(data, item));
      if (record.progress_when) text(tr, ".rx-w-check", ". " + record.progress_when);  // after the top of the dosage, as macros.md has it
      else tr.querySelector(".rx-w-check").remove();
      var next = record.levels[number], harder = !next && record.harder.length && data.bySlug[record.harder[0]];
      if (next) {
        text(tr, ".rx-w-next-name", next.name);
        text(tr, ".rx-w-next-dosage", site.words.dosage(data, levelItem(next)));
      } else tr.querySelector(".rx-w-up").remove();
      if (harder) text(tr, ".rx-w-harder-name", harder[1]);
      else tr.querySelector(".rx-w-harder").remove();
      if (next || harder) tr.querySelector(".rx-w-stay").remove();
      return tr;
    }

    return function draw(card, records, data) {
      var weeks = +card.w;
      text(part, '[data-slot="weeks-title"]', sheet.querySelector('[data-slot="title"]').textContent);
      text(part, '[data-slot="weeks"]', String(weeks));
      head.parentNode.replaceChild(trim(headTemplate, weeks), head);
      head = part.querySelector("thead tr");
      tbody.textContent = "";
      card.e.forEach(function (item, i) { tbody.appendChild(row(item, i, records, data, weeks)); });
      part.hidden = !card.e.length;
    };
  };
  site.weeks.top = top;
})(self.ExerciseSite = self.ExerciseSite || {});
