// Inlined at the top of the search page's <head>, before any stylesheet (an inline script
// placed after a stylesheet waits for it). When the address already carries a query (?q=...,
// as after Enter in the header's search box), the first results are fetched at once instead
// of once the page has been read, in three round trips after the page's:
//   1. engine.js (search.js's data layer, next to it: data-search-script) and the first
//      index's meta.json (data-search-indexes), beside the page's stylesheets;
//   2. the term shards the query reads, as soon as the first index's meta.json has given its
//      shard table (the first term of every shard), not once engine.js has arrived;
//   3. the row chunks of the first results, as soon as engine.js runs (which ones depends on
//      the ranking, engine.js's), then the other indexes' files (meta.json first).
// search.js (the page layer, which draws the rows) and search.css are asked for once engine.js
// has arrived: not needed before the rows, asked for in 1. they would share the connection
// (and the browser's six connections to a server) with what is.
// Files fetched here go into window.__searchFiles (address -> promise of the parsed JSON),
// the map engine.js keeps its files in: the forms' queries find them there, each fetched once.
// Without a query nothing is fetched: nothing search-related is downloaded before use.
(function (me) {
  var q = me && /[?&]q=./.test(location.search) && new URLSearchParams(location.search).get("q");
  if (!q) return;
  var base = document.baseURI;
  var files = window.__searchFiles || (window.__searchFiles = new Map());
  var keep = function (url, p) { // as engine.js's get(): a failed file is fetched again later
    p.catch(function () { files.delete(url); });
    files.set(url, p);
    return p;
  };
  var json = function (r) {
    if (!r.ok) throw new Error("search index: " + r.url + " " + r.status);
    return r.json();
  };
  var indexes = me.getAttribute("data-search-indexes").split(" ");
  var at = function (i) { return new URL(indexes[i], base).href; };
  var get = function (url) {
    return files.has(url) ? files.get(url) : keep(url, fetch(url).then(json));
  };
  get(at(0) + "meta.json").then(function (m) { // engine.js's meta()
    shards(m.shards || [], q).forEach(function (n) { get(at(0) + "t/" + n + ".json"); });
  }, function () {});
  var script = new URL(me.getAttribute("data-search-script"), base);
  import(new URL("engine.js", script).href).then(function (m) {
    var first = m.prefetch(at(0), q);
    // search.js and search.css, which draw the rows, while the shards and rows are on their
    // way: they arrive (and search.js is compiled) before the rows, not once loader.js has run
    // (after every stylesheet). loader.js's own <link> for search.css finds it preloaded.
    var css = document.createElement("link");
    css.rel = "preload";
    css.as = "style";
    css.href = new URL(me.getAttribute("data-search-css"), base).href;
    document.head.appendChild(css);
    import(script.href).catch(function () {});
    // The first index has the network to itself: the others' files would share its bandwidth.
    return first.then(function () {
      for (var i = 1; i < indexes.length; i++) m.prefetch(at(i), q);
    });
  }).catch(function () {}); // loader.js tries again and reports

  // The term shards engine.js's query(q) reads, numbered as in t/<n>.json: the words as its
  // parseQuery() makes them, each looked up as its lookup() does. A copy of engine.js's
  // fold() and parseQuery(), kept in step by tests/browser/test_search.py (with engine.js
  // held back, the shards asked for here are the ones the query reads). Were they to drift,
  // a shard would be fetched late or for nothing; the results would not change.
  function shards(firsts, text) {
    var apostrophes = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\ua78c\u2032";
    var fold = function (s) {
      return String(s).normalize("NFD").replace(/[đĐÐðƉɖ]/g, "d").replace(new RegExp("[" + apostrophes + "]", "g"), "")
        .replace(/[\u0300-\u036f]/g, "").replace(/\u200b/g, " ").replace(/\p{Cf}/gu, "").toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ").normalize("NFC").trim();
    };
    var shardOf = function (term) { // the last shard whose first term is <= term
      var found = 0;
      for (var k = 0; k < firsts.length; k++) if (firsts[k] <= term) found = k;
      return found;
    };
    text = String(text).normalize("NFC").replace(/\u200b/g, " ");
    var written = text.split(new RegExp("[^\\p{L}\\p{N}\\p{M}" + apostrophes + "]+", "u"))
      .filter(function (w) { return w && fold(w); });
    var open = !/[\s\p{P}]$/u.test(text); // the last word is still being typed: a prefix
    var out = [];
    written.forEach(function (w, i) {
      fold(w).split(" ").forEach(function (word) {
        var khmer = /[\u1780-\u17ff\u19e0-\u19ff]/.test(word); // looked up as pairs of characters
        var terms = [];
        for (var k = 0; khmer && k + 1 < word.length; k++) terms.push(word.slice(k, k + 2));
        if (!terms.length) terms.push(word);
        var prefix = khmer ? word.length < 2 : open && i === written.length - 1;
        terms.forEach(function (term) {
          var first = shardOf(term);
          var last = Math.min(prefix ? shardOf(term + "\uffff") : first, first + 2); // MAX_PREFIX_SHARDS
          for (var n = first; n <= last; n++) if (out.indexOf(n) < 0) out.push(n);
        });
      });
    });
    return out;
  }
})(document.currentScript);
