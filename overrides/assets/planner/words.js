// The planner's sentences, from the page (planner.md's .rx-p-words, rendered from the plan's
// data): word("next", {n: 2}) fills {n}. The result is text, for textContent only.
(function (site) {
  "use strict";

  site.planWords = function (root) {
    var box = root.querySelector(".rx-p-words");
    return function (key, values) {
      var element = box.querySelector('[data-word="' + key + '"]');
      if (!element) throw new Error("planner.md has no word " + key);
      return element.textContent.replace(/\s+/g, " ").trim().replace(/\{(\w+)\}/g, function (all, name) {
        return values && name in values ? String(values[name]) : all;
      });
    };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
