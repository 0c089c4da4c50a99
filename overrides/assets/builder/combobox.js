// The add box: a combobox with a listbox popup (the WAI-ARIA Authoring Practices pattern, list
// autocomplete with manual selection). Typing lists the matches; the arrow keys move through them
// (focus stays in the box, aria-activedescendant names the option); Enter or a click chooses one;
// Escape closes the list, or empties the box when it is closed.
(function (site) {
  "use strict";

  // `input` has role=combobox, `listbox` role=listbox; `how` gives:
  //   list(text) -> {options: [{key, name, detail}], more: matches not listed};
  //   choose(key) when an option is chosen; enter(text, options) when Enter is pressed with none highlighted;
  //   told(text): what the list now holds, for a status line.
  site.combobox = function (input, listbox, how) {
    var shown = [], active = -1, counter = 0;

    function isOpen() { return input.getAttribute("aria-expanded") === "true"; }

    function show(open) {
      input.setAttribute("aria-expanded", open ? "true" : "false");
      listbox.hidden = !open;
      if (!open) highlight(-1);
    }

    function refresh() {
      var found = how.list(input.value);
      shown = found.options;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.textContent = "";
      shown.forEach(function (option, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = listbox.id + "-" + (++counter);
        li.setAttribute("aria-selected", "false");
        li.dataset.i = String(i);
        var name = document.createElement("span");
        name.className = "rx-b-option-name";
        name.textContent = option.name;
        var detail = document.createElement("span");
        detail.className = "rx-b-option-detail";
        detail.textContent = option.detail;
        li.appendChild(name);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(detail);
        listbox.appendChild(li);
      });
      show(shown.length > 0);
      how.told(input.value.trim() ? shown.length + found.more : -1, found.more);
    }

    function highlight(i) {
      var old = listbox.querySelector('[aria-selected="true"]');
      if (old) old.setAttribute("aria-selected", "false");
      active = i;
      if (i < 0) { input.removeAttribute("aria-activedescendant"); return; }
      var li = listbox.children[i];
      li.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", li.id);
      if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    }

    function choose(i) {
      var option = shown[i];
      show(false);
      how.choose(option.key);
    }

    input.addEventListener("input", refresh);
    input.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "ArrowDown" || key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen()) { refresh(); if (!shown.length) return; }
        if (event.altKey) return;  // Alt+Down opens without choosing
        var n = shown.length;
        highlight(key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n : active) - 1);
      } else if (key === "Enter") {
        event.preventDefault();
        if (isOpen() && active >= 0) choose(active);
        else how.enter(input.value, shown);
      } else if (key === "Escape") {
        if (isOpen()) { event.preventDefault(); show(false); }
        else if (input.value) { event.preventDefault(); input.value = ""; how.told(-1, 0); }
      } else if (key === "Tab") {
        show(false);
      }
    });
    input.addEventListener("blur", function () { show(false); });
    // The list is a pointer's too: pressing on it keeps the focus in the box, a click chooses.
    listbox.addEventListener("pointerdown", function (event) { event.preventDefault(); });
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var li = event.target.closest('[role="option"]');
      if (li) { input.focus(); choose(+li.dataset.i); }
    });

    return { refresh: refresh, close: function () { show(false); } };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
