// The site's service worker. webapp.py writes it at the site's root after each build, with the
// lines above: VERSION (a hash of every file's hash), OFFLINE (the offline page's address) and
// FILES (each file's address relative to the site's root, and its hash).
// Pages: the network first, then the saved copy, then the offline page. Other files: the saved
// copy first. Nothing from another origin is touched. The worker never reads or writes the
// pages' own storage (localStorage), so nothing a reader saved is lost in an update.
"use strict";

var SCOPE = self.registration.scope;
var PREFIX = "rx-offline " + SCOPE + " ";  // one origin may host several sites (GitHub Pages projects)
var CACHE = PREFIX + VERSION;
var INDEX = "rx-offline-index";  // each cache keeps its FILES, so an update fetches only what changed
var PATIENCE = 4000;  // ms a page waits for the network before a saved copy is shown instead
var PARALLEL = 6;

function address(path) {
  return new URL(path, SCOPE).href;
}

self.addEventListener("install", function (event) {
  event.waitUntil(precache().then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () {
    return self.clients.claim();
  }));
});

// Saves every file of FILES; an unchanged file is copied from an earlier version's cache, and a
// file saved by an install that was cut off is kept, so a poor connection resumes, not restarts.
function precache() {
  return Promise.all([caches.open(CACHE), earlier()]).then(function (opened) {
    var cache = opened[0], old = opened[1], paths = Object.keys(FILES), next = 0;
    function work() {
      if (next >= paths.length) return Promise.resolve();
      var path = paths[next++];
      return save(cache, old, path).then(work);
    }
    var workers = [];
    for (var i = 0; i < PARALLEL; i++) workers.push(work());
    return Promise.all(workers).then(function () {
      return cache.put(address(INDEX), new Response(JSON.stringify(FILES)));
    });
  });
}

function earlier() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.match(address(INDEX)).then(function (index) {
          return index ? index.json().then(function (files) { return {cache: cache, files: files}; }) : null;
        });
      });
    }));
  }).then(function (found) {
    return found.filter(Boolean);
  });
}

function save(cache, old, path) {
  var url = address(path);
  return cache.match(url).then(function (saved) {
    if (saved) return null;
    var same = old.filter(function (entry) { return entry.files[path] === FILES[path]; })[0];
    var copy = same ? same.cache.match(url) : Promise.resolve(null);
    return copy.then(function (response) {
      return response || fetch(url, {cache: "no-cache", credentials: "same-origin"}).then(function (fresh) {
        if (!fresh.ok) throw new Error(url + ": " + fresh.status);
        return plain(fresh);
      });
    }).then(function (response) {
      return cache.put(url, response);
    });
  });
}

// A response that followed a redirect cannot answer a page's request; a copy without that mark can.
function plain(response) {
  if (!response.redirected) return Promise.resolve(response);
  return response.blob().then(function (body) {
    return new Response(body, {status: response.status, statusText: response.statusText, headers: response.headers});
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;  // another origin or site: untouched
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

function page(request) {
  var url = request.url.split("#")[0].split("?")[0];
  return caches.open(CACHE).then(function (cache) {
    var saved = cache.match(url);
    var network = fetch(request).then(function (response) {
      if (response.ok && response.type === "basic" && !response.redirected) cache.put(url, response.clone());
      return response;
    });
    var waited = new Promise(function (resolve) {
      setTimeout(function () { saved.then(resolve); }, PATIENCE);
    });
    return Promise.race([network.catch(function () { return saved; }), waited]).then(function (response) {
      return response || network.catch(function () { return saved; });
    }).then(function (response) {
      return response || offline(cache);
    });
  });
}

// The offline page, shown at the address asked for: a <base> makes its links and styles resolve
// as at its own address, and the theme's settings get absolute addresses (its scripts resolve
// them against the page's address, not the <base>).
function offline(cache) {
  var here = address(OFFLINE);
  return cache.match(here).then(function (saved) {
    if (!saved) return Response.error();
    return saved.text().then(function (html) {
      html = html.replace(/<head>/i, '<head><base href="' + here + '">')
        .replace(/(<script id="__config" type="application\/json">)([\s\S]*?)(<\/script>)/, function (all, open, text, close) {
          var config = JSON.parse(text);
          ["base", "search"].forEach(function (key) {
            if (typeof config[key] === "string") config[key] = new URL(config[key], here).href;
          });
          return open + JSON.stringify(config).replace(/</g, "\\u003c") + close;
        });
      return new Response(html, {status: 200, headers: {"Content-Type": "text/html; charset=utf-8"}});
    });
  });
}

// A file asked for with a query (the search worker's script carries its settings in one) falls
// back, with no signal, to the saved file of the same address without it.
function file(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (saved) {
      return saved || fetch(request).then(function (response) {
        if (response.ok && response.type === "basic" && response.status === 200) cache.put(request, response.clone());
        return response;
      }, function (error) {
        return cache.match(request, {ignoreSearch: true}).then(function (similar) {
          if (!similar) throw error;
          // A fresh response has no address of its own, so a worker's script keeps the query it was asked with.
          return similar.blob().then(function (body) {
            return new Response(body, {status: similar.status, statusText: similar.statusText, headers: similar.headers});
          });
        });
      });
    });
  });
}
