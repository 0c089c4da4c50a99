// The planner's sentences, from the page (planner.md's .rx-p-words, rendered from the plan's
// data): word("next", {n: 2}) fills {n}. The result is text, for textContent only.
(function (site) {
  "use strict";

  site.planWords = function (root) {
    var texts = {};
    root.querySelectorAll(".rx-p-words [data-word]").forEach(function (element) {
      texts[element.getAttribute("data-word")] = element.textContent.replace(/\s+/g, " ").trim();
    });
    return function (key, values) {
      if (!Object.prototype.hasOwnProperty.call(texts, key)) throw new Error("planner.md has no word " + key);
      return texts[key].replace(/\{(\w+)\}/g, function (all, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    };
  };
})(self.ExerciseSite = self.ExerciseSite || {});
