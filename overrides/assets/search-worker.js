// The site's search: Material's own search worker, with the query words a reader types put
// into the forms the site's text uses, and results that match more of the words first.
//
// Material appends * to every query word and does not stem it, so a word finds the words it
// is the start of: "squat" finds "squats", but "squats" never finds "squat". Before Material
// sees a query, a plural becomes the singular the site uses ("squats" -> "squat", "calves" ->
// "calf"), and a word the site never uses takes the spelling it does use ("stabilising" ->
// "stabilizing", or the other way round) or, failing that, its halves ("warmup" -> "warm up").
// overrides/partials/search-worker.html points Material at this file and passes the address of
// Material's worker as ?material=..., and Material's private message numbers as ?messages=...
// when the build found the Material release they were read from (hooks/mkdocs_search.py).
// Without them, or when a message is not shaped as that release's, this steps aside: Material's
// search then works as it ships. tests/test_find.py types the queries into the real search box.
(function () {
  "use strict";

  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  var params = new URL(here).searchParams;
  var material = params.get("material");
  var types = null;  // Material's SearchMessageType: {setup, query, result}
  try { types = JSON.parse(params.get("messages") || "null"); } catch (e) { types = null; }
  var aside = false;  // true: every message passes between page and Material untouched

  function stepAside(why) {
    if (!aside) self.console.warn("Search: the site's search wrapper steps aside (" + why + "); Material's own search answers.");
    aside = true;
  }

  if (!types || typeof types.setup !== "number" || typeof types.query !== "number" || typeof types.result !== "number") {
    stepAside("this Material release is not the one it was tested with");
    importScripts(material);
    return;
  }
  var SETUP = types.setup, QUERY = types.query, RESULT = types.result;

  // The messages as the tested release shapes them: the index ({config.separator, docs}), a query (text).
  function shapedAsTested(message) {
    if (message.type === SETUP) {
      var index = message.data;
      return !!index && Array.isArray(index.docs) && !!index.config && typeof index.config.separator === "string";
    }
    if (message.type === QUERY) return typeof message.data === "string";
    return true;
  }

  var words = [];  // every word of the site, sorted, for prefix look-ups
  var known = new Set();
  var pagesOf = new Map();  // word -> Map(page -> how often the page uses it)
  var texts = new Map();  // page -> all its text, for the words of a query side by side
  var lowered = new Map();  // page -> its search boost, where the page asks to come lower (under 1)
  var pageCount = 1;
  var rarity = new Map();  // query word -> its weight, kept while the index stays the same
  var pageNumbers = new Map();  // page address -> its number

  function learn(index) {
    var separator = new RegExp(index.config.separator);
    var pages = new Map();
    index.docs.forEach(function (doc) {
      var page = doc.location.split("#")[0];
      if (!pages.has(page)) pages.set(page, pages.size);
      var number = pages.get(page);
      if (doc.location === page && doc.boost < 1) lowered.set(page, doc.boost);
      var text = (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ").toLowerCase();
      texts.set(page, (texts.get(page) || "") + " " + text.replace(/\s+/g, " "));
      text.split(separator).forEach(function (word) {
        if (!word) return;
        known.add(word);
        if (!pagesOf.has(word)) pagesOf.set(word, new Map());
        var uses = pagesOf.get(word);
        uses.set(number, (uses.get(number) || 0) + 1);
      });
    });
    words = Array.from(known).sort();
    pageCount = Math.max(pages.size, 1);
    pageNumbers = pages;
    rarity.clear();
  }

  function firstFrom(prefix) {
    var low = 0, high = words.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low;
  }

  function startsAWord(prefix) {
    var at = firstFrom(prefix);
    return at < words.length && words[at].lastIndexOf(prefix, 0) === 0;
  }

  // How much a query word says about a page: more the fewer pages use a word it is the start
  // of. A word on most pages of the site says little; "click" or "sit" says a lot.
  function weight(word) {
    if (!rarity.has(word)) {
      var found = new Set();
      for (var at = firstFrom(word); at < words.length && words[at].lastIndexOf(word, 0) === 0; at++) {
        pagesOf.get(words[at]).forEach(function (count, page) { found.add(page); });
      }
      rarity.set(word, Math.log(1 + pageCount / Math.max(found.size, 1)));
    }
    return rarity.get(word);
  }

  // Singular forms of an English plural, most specific first.
  function singulars(word) {
    var found = [];
    if (word.length < 3 || /(ss|us|is)$/.test(word)) return found;
    if (/ies$/.test(word)) found.push(word.slice(0, -3) + "y");
    if (/ves$/.test(word)) found.push(word.slice(0, -3) + "f", word.slice(0, -3) + "fe");
    if (/(s|x|z|ch|sh)es$/.test(word)) found.push(word.slice(0, -2));
    if (/s$/.test(word)) found.push(word.slice(0, -1));
    return found;
  }

  // The word an -ing form is made from, when the site uses it: "running" -> "run", "sitting" -> "sit".
  function stemOfIng(word) {
    if (!/ing$/.test(word) || word.length < 6) return null;
    var stem = word.slice(0, -3);  // only a start of the word, so that it still finds the word
    var forms = [stem];
    if (/([bdgmnprt])\1$/.test(stem)) forms.unshift(stem.slice(0, -1));
    return forms.filter(function (form) { return form.length >= 3 && known.has(form); })[0] || null;
  }

  // British and American spellings of the same word.
  var SPELLINGS = [[/is(e|ed|es|ing|ation|ations)$/, "iz$1"], [/iz(e|ed|es|ing|ation|ations)$/, "is$1"],
    [/ys(e|ed|es|ing)$/, "yz$1"], [/yz(e|ed|es|ing)$/, "ys$1"], [/our(s?)$/, "or$1"], [/or(s?)$/, "our$1"],
    [/tre(s?)$/, "ter$1"], [/ter(s?)$/, "tre$1"], [/ogue(s?)$/, "og$1"],
    [/programme(s?)$/, "program$1"], [/program(s?)$/, "programme$1"]];

  function respell(word) {
    return SPELLINGS.filter(function (rule) { return rule[0].test(word); })
      .map(function (rule) { return word.replace(rule[0], rule[1]); });
  }

  // "warmup" -> ["warm", "up"] when both halves are words of the site and the whole is not.
  function halves(word) {
    for (var cut = 2; cut <= word.length - 2; cut++) {
      if (known.has(word.slice(0, cut)) && known.has(word.slice(cut))) return [word.slice(0, cut), word.slice(cut)];
    }
    return null;
  }

  // A plural becomes its singular when the site uses the singular, since the singular also
  // finds the plural; a word the site never uses takes the site's spelling, or its halves.
  function normalise(word) {
    if (/^[a-z]+(-[a-z]+)+$/.test(word)) return word.split("-").map(normalise).join(" ");  // "step-downs"
    if (!/^[a-z]+$/.test(word)) return word;  // operators, numbers, accents: Material's
    // A spelling that is the start of the word ("programme" -> "program") finds both.
    var shorter = respell(word).filter(function (form) { return word.lastIndexOf(form, 0) === 0 && known.has(form); })[0];
    if (shorter) return shorter;
    var singular = singulars(word).filter(function (form) { return known.has(form); })[0];
    if (singular) return singular;
    var stem = stemOfIng(word);  // "running" -> "run", which also finds "running"
    if (stem) return stem;
    var forms = [word].concat(respell(word)).concat([].concat.apply([], respell(word).map(singulars)));
    var found = forms.filter(startsAWord);
    if (found.length) return found[0];
    var split = halves(word);
    return split ? '"' + split.join(" ") + '"' : word;
  }

  var asked = [];  // the words of the query being answered, as rewritten

  function rewrite(query) {
    var text = query.split(/(\s+)/).map(function (part) {
      return /\s/.test(part) ? part : normalise(part.toLowerCase());
    }).join("");
    asked = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    return text;
  }

  // Results: a page that matches more of the query's words comes first, the rarer words
  // counting for more; Material's score decides between pages that match alike. A query word
  // counts once however many words it is the start of ("step" finds step, steps and stepping),
  // and a word of the index may be a stem shorter than the word asked for.
  // A word in the title of the page or of a section found counts half again.
  function matched(group) {
    var terms = [];
    group.forEach(function (item) {
      Object.keys(item.terms || {}).forEach(function (term) { if (item.terms[term]) terms.push(term.toLowerCase()); });
    });
    var page = group.length ? group[0].location.split("#")[0] : "";
    var titles = group.map(function (item) { return (item.title || "").replace(/<[^>]*>/g, " ").toLowerCase(); }).join(" ");
    var score = asked.reduce(function (total, word) {
      var found = terms.some(function (term) { return term.lastIndexOf(word, 0) === 0 || word.lastIndexOf(term, 0) === 0; });
      if (!found) return total;
      var titled = new RegExp("(^|[^a-z0-9])" + word.replace(/[^a-z0-9]/g, "")).test(titles);
      return total + weight(word) * (titled ? 1.5 : 1);
    }, 0);
    return (score + together(page)) * (lowered.get(page) || 1);
  }

  // Two words of the query side by side on the page, as asked ("hurts to hop", "first run
  // after"), count half again: a page that says the thing asked beats one that has the words apart.
  function together(page) {
    var text = texts.get(page) || "", bonus = 0;
    for (var i = 0; i + 1 < asked.length; i++) {
      var pair = new RegExp("(^|[^a-z0-9])" + plain(asked[i]) + "[a-z0-9]*[^a-z0-9]+(?:[a-z]{1,4}[^a-z0-9]+)?" + plain(asked[i + 1]));
      if (pair.test(text)) bonus += 0.5 * (weight(asked[i]) + weight(asked[i + 1]));
    }
    return bonus;
  }

  function plain(word) {
    return word.replace(/[^a-z0-9]/g, "");
  }

  function rank(result) {
    result.items = result.items
      .map(function (group, order) { return { group: group, order: order, count: matched(group) }; })
      .sort(function (a, b) { return b.count - a.count || a.order - b.order; })
      .map(function (entry) { return entry.group; });
    return result;
  }

  // Every keystroke sends a query, and on a slow phone with a large index each takes a while:
  // of the queries waiting, only the newest is answered, so the results for what has been
  // typed come first instead of after one answer per letter.
  var pending = null;

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (!aside && message && !shapedAsTested(message)) stepAside("a message not shaped as the tested release's");
      if (aside) return listener.call(self, event);
      if (message && message.type === SETUP) learn(message.data);
      if (message && message.type === QUERY) {
        var waiting = pending !== null;
        pending = { type: QUERY, data: rewrite(message.data) };
        if (!waiting) {
          setTimeout(function () {
            var newest = pending;
            pending = null;
            listener.call(self, { data: newest });
          }, 0);
        }
        return undefined;
      }
      return listener.call(self, event);
    }, options);
  };
  var post = self.postMessage.bind(self);
  self.postMessage = function (message, transfer) {
    if (!aside && message && message.type === RESULT && message.data && Array.isArray(message.data.items)) rank(message.data);
    return transfer === undefined ? post(message) : post(message, transfer);
  };

  importScripts(material);

  // Material highlights the words in every section found before it shows any: with a thousand
  // exercises a short word is in thousands of sections. Only the best-scored sections are
  // kept (Lunr sorts by score), enough for every page a reader would scroll to.
  var MOST = 120;
  var lunr = self.lunr;
  if (lunr && lunr.Index && lunr.Index.prototype.search) {
    var search = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function () {
      return search.apply(this, arguments).slice(0, MOST);
    };
  }
})();
