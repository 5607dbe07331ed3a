"""What a page type needs to make whole pages in Python, for collections of 100,000 pages.

A PageSpec goes through generic steps that cost more than a small page itself: its page
variables (every language's address of the page, the switcher, the embed code), base.html's
frame (render/frame.py) and the discovery lines. A PageBatch with a `make` function
(render/pages.py) gets a PageKit instead: the frame and the parts that depend only on the
language and the page's depth are made once, and a page costs the values that are its own.
The pages are the bytes the PageSpec route writes (tests/test_recipient_page.py compares them),
made as UTF-8 from the start (render/frame.py).
"""
from __future__ import annotations

from html import escape

from markupsafe import escape as jinja_escape

from ..embedding import allowed_origins
from .embed import page_embed
from .frame import Frame, frame_shape

_PATH = "\ue002"  # stands for the page's path while the alternates are cut into literal parts


class PageKit:
    """Page making for one language and one depth (all pages of a batch share both)."""

    def __init__(self, renderer, lang, depth: int):
        self.renderer = renderer
        self.lang = lang
        self.config = renderer.config
        self.root = "../" * depth + "../" * lang.prefix.count("/")
        hreflang, switcher = renderer.alternates_html(_PATH, self.root, lang)
        self._hreflang = [part.encode("utf-8") for part in hreflang.split(_PATH)]
        self._switcher = [part.encode("utf-8") for part in switcher.split(_PATH)]
        self._frames: dict[tuple, Frame] = {}
        # False when no origin may embed the site's pages: then no page of this kit has embed code.
        self.embeds = bool(allowed_origins(self.config))

    def alternates(self, path: str) -> tuple[bytes, bytes]:
        """(hreflang links, language switcher) of the page at `path` (without language prefix)."""
        safe = escape(path).encode("utf-8")
        return safe.join(self._hreflang), safe.join(self._switcher)

    def embed(self, path: str, title: str, src: str | None) -> tuple[bytes, bytes, dict | None]:
        """(escaped embed code, escaped oEmbed address, embed dict for the frame's shape)."""
        prefix = self.lang.prefix
        info = page_embed(self.config, prefix + path, title, src=prefix + src if src else None)
        if info is None:
            return b"", b"", None
        return (str(jinja_escape(info["code"])).encode("utf-8"),
                str(jinja_escape(info["oembed"] or "")).encode("utf-8"), info)

    def frame(self, description: bool, content_lang: str, embed: dict | None) -> Frame:
        """base.html's frame for pages of this shape (Renderer.frame_for), kept per shape."""
        key = frame_shape(description, content_lang == self.lang.code, embed)
        frame = self._frames.get(key)
        if frame is None:
            page = {"description": "x" if description else "", "content_lang": content_lang, "embed": embed,
                    "root": self.root, "path": "", "title": "", "hreflang": "", "switcher": "",
                    "alternates": self.renderer.alternates("", self.root, self.lang)}
            frame = self._frames[key] = self.renderer.frame_for(page, self.lang)
        return frame
