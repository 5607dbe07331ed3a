/* Embedded side of the iframe resizer (site-builder; no dependencies).
 *
 * Runs in every chrome-less page and widget. It tells the parent window how tall the page
 * is, so the portal can size the <iframe> to fit, and it tells only parents on the list
 * that the build wrote into <html data-parents="..."> from `frame_ancestors` (plus this
 * site itself). postMessage delivers a message only when targetOrigin equals the parent's
 * origin, so a page framed by anyone else posts nothing to it.
 */
(function () {
  "use strict";
  if (window.parent === window || !document.body) return;

  var HEIGHT = "sb-embed:height", HELLO = "sb-embed:hello";
  var allowed = (document.documentElement.getAttribute("data-parents") || "").split(/\s+/)
    .filter(Boolean).concat([location.origin]);
  var last = -1;
  var target = parentOrigin();
  var root = document.documentElement;
  if (target && allowed.indexOf(target) < 0) {
    // A parent we know and do not trust (the server's frame-ancestors header should
    // have refused it already): say nothing to it, ever. The mark helps operators debug.
    root.setAttribute("data-embed-state", "refused");
    return;
  }
  root.setAttribute("data-embed-state", "allowed");

  // The parent's origin when the browser tells it (Chromium, Safari: ancestorOrigins;
  // otherwise the referrer's origin); null when unknown.
  function parentOrigin() {
    try {
      if (location.ancestorOrigins && location.ancestorOrigins.length) return location.ancestorOrigins[0];
      if (document.referrer) return new URL(document.referrer).origin;
    } catch (e) { /* an opaque or malformed referrer: unknown */ }
    return null;
  }

  function height() {
    // The body's own box: html and body have no min-height in embeds (embed.css), so this
    // does not grow with the iframe and cannot feed back into itself.
    return Math.ceil(document.body.getBoundingClientRect().height);
  }

  function send(force) {
    var h = height();
    if (h === last && !force) return;
    last = h;
    var message = { type: HEIGHT, height: h };
    if (target) {
      window.parent.postMessage(message, target);
      return;
    }
    // Parent origin unknown: offer it to each allowed origin; the browser delivers at most
    // the one that matches.
    for (var i = 0; i < allowed.length; i++) window.parent.postMessage(message, allowed[i]);
  }

  // parent.js says hello when it starts (it may load after this page): answer allowed parents.
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || allowed.indexOf(event.origin) < 0) return;
    if (!event.data || event.data.type !== HELLO) return;
    target = event.origin;
    send(true);
  });

  if (window.ResizeObserver) {
    new ResizeObserver(function () { send(false); }).observe(document.body);
  } else {
    window.addEventListener("resize", function () { send(false); });
  }
  window.addEventListener("load", function () { send(true); });
  send(true);
})();
