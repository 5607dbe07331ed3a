"""Embed variants: every core page again, without site chrome, for the provincial portal's iframes.

The full page is rendered once; its head and content regions (between markers that
base.html writes) are wrapped in a minimal shell. That keeps embeds in step with the pages
for the cost of a string slice, and the variant sits beside the page (`<path>nhung.html`),
so every relative link and asset URL stays valid. Links open in the top window.
"""
from __future__ import annotations

HEAD = ("<!--head:start-->", "<!--head:end-->")
CONTENT = ("<!--content:start-->", "<!--content:end-->")
EMBED_FILE = "nhung.html"


def embed_path(page_file: str) -> str:
    """'van-ban/x/index.html' -> 'van-ban/x/nhung.html'."""
    folder = page_file.rsplit("/", 1)[0] + "/" if "/" in page_file else ""
    return folder + EMBED_FILE


def _between(html: str, markers: tuple[str, str]) -> str | None:
    start = html.find(markers[0])
    end = html.find(markers[1], start)
    if start < 0 or end < 0:
        return None
    return html[start + len(markers[0]):end]


def embed_variant(html: str, lang: str, root: str, canonical: str) -> str | None:
    """The chrome-less page, or None when the page has no marked content."""
    head = _between(html, HEAD)
    content = _between(html, CONTENT)
    if head is None or content is None:
        return None
    return (
        f'<!doctype html>\n<html lang="{lang}" class="embed">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n<base target="_top">\n'
        f'<link rel="canonical" href="{canonical}">\n{head}\n'
        f'<link rel="stylesheet" href="{root}assets/site.css">\n</head>\n'
        f'<body class="embed">\n<main id="main" class="embed-main">{content}</main>\n'
        f'<script src="{root}assets/embed/child.js" defer></script>\n</body>\n</html>\n'
    )
