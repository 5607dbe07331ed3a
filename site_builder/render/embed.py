"""Embed variants: every core page again, without site chrome, for the provincial portal's iframes.

The full page is rendered once; its head and content regions (between markers that
base.html writes) are wrapped in a minimal shell. That keeps embeds in step with the pages
for the cost of a string slice, and the variant sits beside the page (`<path>nhung.html`),
so every relative link and asset URL stays valid. Links open in the top window.

Beside it goes `oembed.json` (the page's embed code as an oEmbed document) when the site
knows its absolute address (site_url) and has parent origins to be embedded in
(frame_ancestors): oEmbed consumers paste the code into another site, where a relative
address would point at the wrong host.
"""
from __future__ import annotations

import json

from markupsafe import escape

from ..embedding import allowed_origins, embed_code, oembed_document
from ..urls import OEMBED_FILE, embed_file

# Where base.html's head and content regions start and end (embed variants are cut from the
# page's bytes).
HEAD = (b"<!--head:start-->", b"<!--head:end-->")
CONTENT = (b"<!--content:start-->", b"<!--content:end-->")
PARENT_JS = "assets/embed/parent.js"


def _folder(page_file: str) -> str:
    return page_file.rsplit("/", 1)[0] + "/" if "/" in page_file else ""


def embed_path(page_file: str) -> str:
    """'van-ban/x/index.html' -> 'van-ban/x/nhung.html'."""
    return embed_file(_folder(page_file))


def _between(html: bytes, markers: tuple[bytes, bytes]) -> memoryview | None:
    start_mark, end_mark = markers
    start = html.find(start_mark)
    end = html.find(end_mark, start)
    if start < 0 or end < 0:
        return None
    return memoryview(html)[start + len(start_mark):end]


def shell_attributes(parents: list[str]) -> str:
    """Attributes of the <html> of every embed page and widget: child.js reads the parents
    it may post its height to from here (origins never contain spaces or quotes)."""
    return f'class="embed" data-parents="{escape(" ".join(parents))}"'


def embed_variant(html: bytes, lang: str, root: str, canonical: str, parents: list[str] = ()) -> bytes | None:
    """The chrome-less page, or None when the page has no marked content. Made from the
    page's UTF-8 bytes: the content (70 KB on a list page) is copied, not decoded, sliced and
    encoded again."""
    head = _between(html, HEAD)
    content = _between(html, CONTENT)
    if head is None or content is None:
        return None
    return b"".join((
        (f'<!doctype html>\n<html lang="{lang}" {shell_attributes(list(parents))}>\n<head>\n<meta charset="utf-8">\n'
         f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
         f'<meta name="robots" content="noindex">\n<base target="_top">\n'
         f'<link rel="canonical" href="{canonical}">\n').encode("utf-8"),
        head,
        (f'\n<link rel="stylesheet" href="{root}assets/embed/embed.css">\n</head>\n'
         f'<body class="embed">\n<main id="main" class="embed-main">').encode("utf-8"),
        content,
        (f'</main>\n<script src="{root}assets/embed/child.js" defer></script>\n</body>\n</html>\n').encode("utf-8"),
    ))


def site_base(config) -> str | None:
    """'https://thiduakhenthuong.example.gov.vn/' or None when site_url is empty."""
    return config.site_url.rstrip("/") + "/" if config.site_url else None


def page_embed(config, page_path: str, title: str, src: str | None = None) -> dict | None:
    """What a page shows and links about embedding itself; None when no origin may embed it.

    `page_path` includes the language prefix ('en/van-ban/x/'). Without site_url the code
    uses addresses from the site root ('/van-ban/x/nhung.html'): the operator must put the
    site's host in front, and no oEmbed document is offered. `src` (with the language
    prefix) names an embed file other than the page's own nhung.html, e.g. a recipient's
    card; such pages have no oembed.json beside them, so none is announced.
    """
    if not allowed_origins(config):
        return None
    base = site_base(config)
    prefix = base or config.base_path
    code = embed_code(prefix + (src or embed_file(page_path)), title, prefix + PARENT_JS)
    return {
        "code": code,
        "absolute": base is not None,
        "oembed": base + page_path + OEMBED_FILE if base and src is None else None,
    }


def embed_files(html: bytes, config, lang: str, page_file: str, page_path: str, title: str, canonical: str):
    """(path, bytes or text) of the files written beside a rendered page (`html`: its UTF-8
    bytes): nhung.html, oembed.json."""
    root = "../" * page_file.count("/")
    variant = embed_variant(html, lang, root, canonical, allowed_origins(config))
    if variant is not None:
        yield embed_path(page_file), variant
    info = page_embed(config, page_path, title)
    if variant is not None and info and info["oembed"]:
        doc = oembed_document(title=title, code=info["code"], site_name=config.site_name,
                              site_url=site_base(config))
        yield _folder(page_file) + OEMBED_FILE, json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
