// The editor: the card's details and one fieldset per exercise (level, counts, how often, side,
// note, cue, and buttons to move or remove it), drawn from the card being built. Each field that
// can refuse an entry has a message under it (refuse()), which is also one of its descriptions.
(function (site) {
  "use strict";

  var fields = 0;  // for the ids of fields' messages

  // A field: its label (and the input in it) and the message under it, in a box; `tag` "textarea" or "input".
  function field(labelText, name, value, extra, tag) {
    var box = document.createElement("div");
    box.className = "rx-b-field";
    var label = document.createElement("label");
    label.textContent = labelText + " ";
    var input = document.createElement(tag || "input");
    if (!tag) input.type = "text";
    input.name = name;
    input.value = value || "";
    Object.keys(extra || {}).forEach(function (k) { input.setAttribute(k, extra[k]); });
    var message = document.createElement("p");
    message.className = "rx-b-msg";
    message.id = "rx-b-msg-item-" + (++fields);
    message.hidden = true;
    input.setAttribute("aria-describedby", message.id);
    label.appendChild(input);
    box.appendChild(label);
    box.appendChild(message);
    return box;
  }

  // Shows `text` under `input` (its message, which describes it) and marks it invalid; "" clears both.
  function refuse(input, text) {
    var id = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (one) {
      return /^rx-b-msg/.test(one);
    })[0];
    var message = id && document.getElementById(id);
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (message) {
      message.textContent = text;
      message.hidden = !text;
    }
    return !!text;
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

  function select(labelText, name, choices, value) {
    var label = document.createElement("label");
    label.textContent = labelText + " ";
    var list = document.createElement("select");
    list.name = name;
    choices.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice[0];
      option.textContent = choice[1];
      list.appendChild(option);
    });
    list.value = value;
    label.appendChild(list);
    return label;
  }

  function levels(record, item) {
    return select("Level for " + record.name, "level", record.levels.map(function (level, n) {
      return [String(n + 1), "Level " + (n + 1) + ": " + level.name];
    }), item.level);
  }

  // The choices of "How often" (api/index.js's `often`), with `value` among them when it is another valid one.
  function oftenChoices(data, value, blank) {
    var choices = (blank ? [["", blank]] : []).concat(data.often);
    var known = choices.some(function (c) { return c[0] === value; });
    var read = site.address.parseOften(value, data.limits);
    if (value && !known && read) {
      var words = site.words.oftenWords(data, value);
      choices.push([value, words]);
    }
    return choices;
  }

  function itemBox(item, i, record, data) {
    var box = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = record.name;
    box.appendChild(legend);
    var limits = data.limits;
    if (record.own) {
      box.appendChild(field("Name", "own-name", item.own.name, { autocomplete: "off" }));
      box.appendChild(field("Steps", "own-steps", item.own.steps, { rows: "2" }, "textarea"));
    } else {
      box.appendChild(levels(record, item));
    }
    var counts = { inputmode: "numeric" };
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
    box.appendChild(select("How often", "o", oftenChoices(data, item.o, "as the card says"), item.o || ""));
    box.appendChild(field("Note (up to " + limits.note + " characters)", "note", item.note, { rows: "2", autocomplete: "off" }, "textarea"));
    if (!record.own) box.appendChild(field("Cue", "cue", item.cue, { autocomplete: "off", placeholder: record.cues[0] || "" }));
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
    ["f", "u"].forEach(function (key) {
      var box = form.elements[key];
      var blank = box.options[0] && box.options[0].value === "" ? box.options[0].textContent : "";
      var choices = oftenChoices(data, card[key], blank);
      if (box.options.length !== choices.length) {
        box.textContent = "";
        choices.forEach(function (c) { box.appendChild(new Option(c[1], c[0])); });
      }
    });
    site.address.DETAILS.forEach(function (key) {
      var input = form.elements[key];
      if (input.value !== card[key]) input.value = card[key];
      refuse(input, "");
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

  site.editor = { draw: draw, refuse: refuse };
})(self.ExerciseSite = self.ExerciseSite || {});
