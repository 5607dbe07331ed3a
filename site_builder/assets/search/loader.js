// Inline this in a page with a search form (pages/search_page.py inlines it without its lines
// of comment): nothing search-related is downloaded until the reader focuses or touches the
// form, or the URL already carries a query (?q=...). Then it loads search.js (and engine.js,
// which search.js imports) and search.css (URLs in data-search-script and
// data-search-css, relative to the page) and calls mount() on every [data-search-index].
(function () {
  var roots = document.querySelectorAll("[data-search-index]");
  if (!roots.length) return;
  // Parts that only work with JavaScript (the filters) are hidden in the HTML. A folded
  // part (<details>) stays closed on phones, where results come first, and opens on wide screens.
  var jsOnly = document.querySelectorAll("[data-search-js]");
  var wide = window.matchMedia && matchMedia("(min-width: 48rem)").matches;
  for (var j = 0; j < jsOnly.length; j++) {
    jsOnly[j].hidden = false;
    if (wide && jsOnly[j].tagName === "DETAILS") jsOnly[j].open = true;
  }
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var first = roots[0];
    var css = first.getAttribute("data-search-css");
    if (css) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL(css, document.baseURI).href;
      document.head.appendChild(link);
    }
    // search.js imports engine.js (its data layer, beside it): asked for at once, not after
    // search.js has arrived. On the search page preload.js may have asked for it already.
    var engine = document.createElement("link");
    engine.rel = "modulepreload";
    engine.href = new URL("engine.js", new URL(first.getAttribute("data-search-script"), document.baseURI)).href;
    document.head.appendChild(engine);
    import(new URL(first.getAttribute("data-search-script"), document.baseURI).href).then(function (m) {
      // The first index of the page (the names) has the network to itself until its first
      // results show: on a slow connection the others' files would share its bandwidth.
      var rest = function () { for (var i = 1; i < roots.length; i++) m.mount(roots[i]); };
      Promise.resolve(m.mount(first).ready).then(rest, rest);
    });
  }
  if (/[?&]q=./.test(location.search)) start();
  for (var i = 0; i < roots.length; i++) {
    roots[i].addEventListener("focusin", start);
    roots[i].addEventListener("pointerdown", start);
  }
})();
