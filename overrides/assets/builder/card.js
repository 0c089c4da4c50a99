// The card itself: builder.md renders it once from the same macros as the ready-made cards, with
// empty data-slot spans and one sample row; this fills them from the card being built.
(function (site) {
  "use strict";

  // `sheet` is the card's element; returns a renderer that draws a card on it.
  site.card = function (sheet) {
    var rowTemplate = sheet.querySelector(".rx-items tbody tr");
    var tbody = rowTemplate.parentNode;
    var gridTemplate = sheet.querySelector(".rx-log:not(.rx-runs)");
    var sampleHref = rowTemplate.querySelector("a").getAttribute("href");
    rowTemplate.remove();
    gridTemplate.remove();
    var drawWeeks = site.weeks(sheet);  // the second side, week by week (builder/weeks.js)

    function slot(name) { return sheet.querySelector('[data-slot="' + name + '"]'); }

    // The sample row's link is to the catalogue's first exercise: the same address with another slug.
    function exerciseHref(slug, data) {
      var first = data.exercises[0][0], at = sampleHref.lastIndexOf(first);
      return at < 0 ? sampleHref : sampleHref.slice(0, at) + slug + sampleHref.slice(at + first.length);
    }

    function row(item, i, records, data) {
      var record = records[item.slug], level = record.levels[item.level - 1];
      var tr = rowTemplate.cloneNode(true);
      var cells = tr.children;
      cells[0].textContent = String(i + 1);
      tr.querySelector(".rx-figure").innerHTML = level.thumb.split("-" + data.thumb_key).join("-b" + (i + 1));
      var link = tr.querySelector("a");
      link.textContent = record.name;
      if (record.own) link.removeAttribute("href");  // an exercise of the clinician's own has no page
      else link.setAttribute("href", exerciseHref(item.slug, data));
      tr.querySelector(".rx-level-name").textContent = level.name;
      var harder = record.harder.length && data.bySlug[record.harder[0]];
      var next = record.levels[item.level] ? record.levels[item.level].name : harder ? harder[1] : "";
      if (next) tr.querySelector(".rx-next-name").textContent = next;
      else tr.querySelector(".rx-next").remove();
      cells[2].textContent = site.words.dosage(data, item);
      cells[3].textContent = item.cue || record.cues.join(" \u00b7 ");
      return tr;
    }

    function gear(card, records) {
      var entries = [];
      card.e.forEach(function (item) {
        var record = records[item.slug];
        entries = entries.concat(record.equipment, record.levels[item.level - 1].equipment);
      });
      return entries;
    }

    // The sources in a few words, each once: the exercises' and the pain rule's.
    function sources(card, records, data) {
      var keys = [], named = [];
      card.e.forEach(function (item) {
        records[item.slug].sources.forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
      });
      data.pain_sources.forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
      keys.forEach(function (key) {  // two sources by one publisher read the same in a few words: name it once
        var short = data.sources[key] && data.sources[key].short;
        if (short && named.indexOf(short) < 0) named.push(short);
      });
      return named.join("; ") + ".";
    }

    return function draw(card, records, data) {
      slot("title").textContent = card.t || "Your card";
      slot("for").textContent = card.p;
      slot("by").textContent = card.b;
      slot("date").textContent = card.d;
      slot("clinic").textContent = card.c;
      slot("clinic-line").hidden = !card.c;
      slot("often").textContent = site.words.often(data, card);
      slot("needs").textContent = site.words.needs(data, gear(card, records));
      tbody.textContent = "";
      card.e.forEach(function (item, i) { tbody.appendChild(row(item, i, records, data)); });
      site.log.show(sheet, gridTemplate, card, data);
      slot("sources").textContent = sources(card, records, data);
      drawWeeks(card, records, data);
    };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
