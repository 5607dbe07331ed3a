/* Portal side of the iframe resizer (site-builder; no dependencies).
 *
 * The portal page includes this file from the embedded site:
 *   <script src="https://<site>/assets/embed/parent.js" defer></script>
 * It takes the site's origin from its own address and resizes only iframes that carry
 * data-sb-embed, point at that origin and are the very window the message came from.
 * Anything else (other origins, other frames, malformed heights) is ignored.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var site = new URL(script.src, location.href).origin;
  var key = "sbEmbedParent:" + site;
  if (window[key]) return; // the snippet pasted twice: one listener is enough
  window[key] = true;

  var HEIGHT = "sb-embed:height", HELLO = "sb-embed:hello", MAX = 100000;

  function ours(frame) {
    try { return new URL(frame.src, location.href).origin === site; } catch (e) { return false; }
  }

  function frames() {
    return Array.prototype.filter.call(document.querySelectorAll("iframe[data-sb-embed]"), ours);
  }

  function hello(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: HELLO }, site);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== site) return;
    var data = event.data;
    if (!data || data.type !== HEIGHT) return;
    var h = Number(data.height);
    if (!(h > 0 && h < MAX)) return;
    frames().forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(h) + "px";
    });
  });

  function start() {
    frames().forEach(function (frame) {
      frame.addEventListener("load", function () { hello(frame); });
      hello(frame);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
