// The editor: the card's details and one fieldset per exercise (level, counts, side, note, cue,
// and buttons to move or remove it), drawn from the card being built.
(function (site) {
  "use strict";

  function field(labelText, name, value, extra) {
    var label = document.createElement("label");
    label.textContent = labelText + " ";
    var input = document.createElement("input");
    input.type = "text";
    input.name = name;
    input.value = value || "";
    Object.keys(extra || {}).forEach(function (k) { input.setAttribute(k, extra[k]); });
    label.appendChild(input);
    return label;
  }

  // A button that says `visible` and, to a screen reader, whose (`hidden`) it is.
  function button(visible, hidden, after, action, i) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button rx-b-" + action;
    b.dataset.action = action;
    b.dataset.index = String(i);
    b.appendChild(document.createTextNode(visible + " "));
    var name = document.createElement("span");
    name.className = "rx-vh";
    name.textContent = hidden + " ";
    b.appendChild(name);
    if (after) b.appendChild(document.createTextNode(after));
    return b;
  }

  function levels(record, item) {
    var label = document.createElement("label");
    label.textContent = "Level for " + record.name + " ";
    var select = document.createElement("select");
    select.name = "level";
    record.levels.forEach(function (level, n) {
      var option = document.createElement("option");
      option.value = String(n + 1);
      option.textContent = "Level " + (n + 1) + ": " + level.name;
      select.appendChild(option);
    });
    select.value = item.level;
    label.appendChild(select);
    return label;
  }

  function itemBox(item, i, record, data) {
    var box = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = record.name;
    box.appendChild(legend);
    box.appendChild(levels(record, item));
    var most = String(data.limits.count).length;
    var counts = { inputmode: "numeric", maxlength: String(2 * most + 1), pattern: "\\d{1," + most + "}(-\\d{1," + most + "})?" };
    box.appendChild(field("Sets", "sets", item.sets, counts));
    box.appendChild(field("Reps", "reps", item.reps, counts));
    box.appendChild(field("Hold (s)", "hold", item.hold, counts));
    box.appendChild(field("Time (s)", "dur", item.dur, counts));
    var side = document.createElement("label");
    var check = document.createElement("input");
    check.type = "checkbox";
    check.name = "side";
    check.checked = item.side;
    side.appendChild(check);
    side.appendChild(document.createTextNode(" Each side"));
    box.appendChild(side);
    var text = String(data.limits.text);
    box.appendChild(field("Note", "note", item.note, { maxlength: text, autocomplete: "off" }));
    box.appendChild(field("Cue", "cue", item.cue, { maxlength: text, autocomplete: "off", placeholder: record.cues[0] || "" }));
    var actions = document.createElement("div");
    actions.className = "rx-b-actions";
    actions.appendChild(button("Move", record.name, "up", "up", i));
    actions.appendChild(button("Move", record.name, "down", "down", i));
    actions.appendChild(button("Remove", record.name, "", "remove", i));
    box.appendChild(actions);
    return box;
  }

  // Draws the editor of `card` in `form` (details) and `list` (exercises); `focus` ({index, name
  // or action}) says which control to focus after a redraw, `fallback` is focused when it is gone.
  function draw(form, list, card, records, data, focus, fallback) {
    site.address.DETAILS.forEach(function (key) {
      var input = form.elements[key];
      if (input.value !== card[key]) input.value = card[key];
    });
    list.textContent = "";
    if (!card.e.length) {
      var empty = document.createElement("li");
      empty.className = "rx-b-empty";
      empty.textContent = "No exercises yet: add one above.";
      list.appendChild(empty);
    }
    card.e.forEach(function (item, i) {
      var li = document.createElement("li");
      li.dataset.index = String(i);
      li.appendChild(itemBox(item, i, records[item.slug], data));
      list.appendChild(li);
    });
    if (focus) {
      var at = 'li[data-index="' + focus.index + '"] ';
      var target = list.querySelector(at + '[name="' + focus.name + '"]') || list.querySelector(at + '[data-action="' + focus.action + '"]');
      (target || fallback).focus();
    }
  }

  site.editor = { draw: draw };
})(self.ExerciseSite = self.ExerciseSite || {});
