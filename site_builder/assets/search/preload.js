// Inlined at the top of the search page's <head>, before any stylesheet (an inline script
// placed after a stylesheet waits for it). When the address already carries a query (?q=...,
// as after Enter in the header's search box), the first results are fetched at once instead
// of once the page has been read: search.js (data-search-script), search.css and each
// index's meta.json (data-search-indexes) beside the page's stylesheets, then, as soon as
// search.js runs, the query's other files of the first index (the names), then the others'.
// loader.js mounts the forms later, and their queries find these files on their way.
// Without a query nothing is fetched: nothing search-related is downloaded before use.
(function (me) {
  var q = me && /[?&]q=./.test(location.search) && new URLSearchParams(location.search).get("q");
  if (!q) return;
  var base = document.baseURI;
  var hint = function (href, as) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = as;
    link.href = href;
    if (as === "fetch") link.crossOrigin = "anonymous"; // as fetch() asks: CORS mode, same-origin credentials
    document.head.appendChild(link);
  };
  hint(new URL(me.getAttribute("data-search-css"), base).href, "style");
  var indexes = me.getAttribute("data-search-indexes").split(" ");
  var at = function (i) { return new URL(indexes[i], base).href; };
  for (var i = 0; i < indexes.length; i++) hint(at(i) + "meta.json", "fetch"); // search.js's meta()
  import(new URL(me.getAttribute("data-search-script"), base).href).then(function (m) {
    // The first index has the network to itself: the others' files would share its bandwidth.
    return m.prefetch(at(0), q).then(function () {
      for (var i = 1; i < indexes.length; i++) m.prefetch(at(i), q);
    });
  }).catch(function () {}); // loader.js tries again and reports
})(document.currentScript);
