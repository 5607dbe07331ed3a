"""The notice a page shows when it is opened from disk (file://) instead of from a server.

The site's links are folder addresses (`../van-ban/`, urls.py), which a server answers with
the folder's index.html and a browser reading files answers with a folder listing; search
reads its index with fetch(), which browsers refuse for file:// pages. So the site is meant
to be served (`make serve`, README.md), and a page opened from disk says so, in its own
language, at its top: every page's <head> but a recipient's carries one short line (partials/shell.html,
theme/main.html) that loads assets/from-disk.js only when `location.protocol` is "file:".
Served, no page loads it. Written here, from the interface strings of the site's languages.
Why this and not links to index.html: docs/architecture.md, "Opened from disk".
"""
from __future__ import annotations

import json

from ..i18n import Lang
from ..render.pages import PageTypeHooks

SCRIPT = "assets/from-disk.js"

_SOURCE = """// Shown only on a page opened from disk (file://): pages/from_disk.py.
(function () {
  var notes = %s, fallback = %s;
  function show() {
    var note = document.createElement("p"), lang = document.documentElement.lang;
    var text = notes[lang] || notes[fallback];
    note.className = "from-disk";
    note.setAttribute("role", "note");
    note.lang = notes[lang] ? lang : fallback;
    note.textContent = text;
    note.style.cssText = "margin:0;padding:.75rem 1rem;background:#fff3cd;color:#1d1d1f;" +
      "border-bottom:3px solid #8a5a00;font-size:1rem;line-height:1.4";
    document.body.insertBefore(note, document.body.firstChild);
  }
  if (document.body) show(); else document.addEventListener("DOMContentLoaded", show);
})();
"""


def script(config) -> str:
    extra = str(config.theme_dir / "strings") if config.theme_dir else None
    notes = {code: Lang(code, config.default_language, extra).t("from_disk_notice") for code in config.languages}
    return _SOURCE % (json.dumps(notes, ensure_ascii=False, sort_keys=True), json.dumps(config.default_language))


def write_data(ctx, output) -> None:
    output.write(SCRIPT, script(ctx.config))


PAGE_TYPE = PageTypeHooks("from disk", write_data=write_data)
