"""The Vietnamese words Decap's own "vi" locale lacks (decap_vi.yml: "Writing in VI", "Copy
Name", the Markdown toolbar...), served beside the CMS as a script of ours that adds them to
Decap's words through its public API (CMS.getLocale, CMS.registerLocale): Decap's files stay
as published (bundle.py checks their sha512).

Decap takes a locale's words when its configuration has loaded, which it fetches after its
script ran; the page loads this script right after Decap's, so the words are in place by
then. registerLocale replaces a locale's words: the script merges ours into Decap's first.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

SCRIPT = "tieng-viet-bo-sung.js"  # beside decap-cms.js in /quan-tri/
WORDS_FILE = Path(__file__).with_name("decap_vi.yml")

_TEMPLATE = """\
// Vietnamese words Decap CMS's own "vi" locale lacks (site_builder/editor/decap_vi.yml),
// merged into its words before its configuration has loaded.
(function (cms, words) {{
  function merge(into, from) {{
    Object.keys(from).forEach(function (key) {{
      var value = from[key];
      if (value && typeof value === "object") {{
        into[key] = merge(into[key] && typeof into[key] === "object" ? into[key] : {{}}, value);
      }} else {{
        into[key] = value;
      }}
    }});
    return into;
  }}
  if (cms && cms.registerLocale) {{
    cms.registerLocale("vi", merge(merge({{}}, cms.getLocale("vi") || {{}}), words));
  }}
}})(window.CMS, {words});
"""


def words() -> dict:
    """decap_vi.yml: Decap's phrase paths as nested mappings, their Vietnamese at the leaves."""
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}


def script() -> str:
    return _TEMPLATE.format(words=json.dumps(words(), ensure_ascii=False, indent=1, sort_keys=True))
