"""The copy-paste embed code of a page, and the same code as an oEmbed document.

The code is an <iframe> marked with EMBED_MARK plus the parent script of this site:
parent.js resizes only iframes carrying the mark whose address is on this site's origin.
It is built as a string (not by a template) because oEmbed JSON carries the very same text.
"""
from __future__ import annotations

from markupsafe import escape

EMBED_MARK = "data-sb-embed"
DEFAULT_HEIGHT = 600  # px until the first message from child.js; long pages grow from there
OEMBED_WIDTH = 800  # oEmbed requires a width for "rich"; the iframe itself is fluid (100%)


def embed_code(src: str, title: str, parent_js: str, height: int = DEFAULT_HEIGHT) -> str:
    """<iframe> + <script> for the portal's page; `src` and `parent_js` should be absolute URLs."""
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" {EMBED_MARK} loading="lazy" '
        f'style="display:block;width:100%;height:{int(height)}px;border:0"></iframe>\n'
        f'<script src="{escape(parent_js)}" defer></script>'
    )


def oembed_document(*, title: str, code: str, site_name: str, site_url: str,
                    height: int = DEFAULT_HEIGHT) -> dict:
    """oEmbed 1.0 "rich" response (oembed.com, section 2.3.4.4) for a static JSON file."""
    return {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": site_name,
        "provider_url": site_url,
        "html": code,
        "width": OEMBED_WIDTH,
        "height": int(height),
    }
