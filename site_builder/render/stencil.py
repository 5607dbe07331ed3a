"""Pages made from stencils of their template, for collections of 100,000 pages.

A PageSpec goes through generic steps that cost more than a small page itself: its page
variables (every language's address of the page, the switcher, the embed code), the template
and the discovery lines. A PageBatch with a `make` function (render/pages.py) gets a PageKit
instead: the parts that depend only on the language and the page's depth are made once, the
page template (the theme's when it overrides it) is rendered once per shape of page with
markers in place of per-page values (render/frame.py), and a page costs its own values.

The first page of each shape is also rendered through Jinja and compared: a template that
does with a value what a marker cannot show (a filter that rewrites it, say) is found there,
and its pages go through Jinja from then on; the build says so on stderr, once per template.
"""
from __future__ import annotations

import sys
from html import escape

from markupsafe import escape as jinja_escape

from ..embedding import allowed_origins
from .embed import page_embed
from .frame import Frame, MarkerUsed

_PATH = "\ue002"  # stands for the page's path while the alternates are cut into literal parts
_ELSEWHERE = "\ue003"  # stands for PageSpec.elsewhere, the page offered in the other languages


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
        # The switcher of a page made in this language only: its own path, `elsewhere` in the
        # other languages (no hreflang links).
        self._switcher_elsewhere = renderer.alternates_html(_PATH, self.root, lang, _ELSEWHERE)[1].encode("utf-8")
        # False when no origin may embed the site's pages: then no page of this kit has embed code.
        self.embeds = bool(allowed_origins(self.config))
        self._stencils: dict[tuple, Frame | None] = {}  # by (template, shape)
        self._refused: set[str] = set()  # templates whose pages go through Jinja
        self._checked: set[tuple] = set()  # (template, shape) whose first page was compared
        # What a page type that makes its stencils itself keeps for every batch of this kit
        # (pages/verification.py: one stencil per shape of page, not per decision).
        self.kept: dict = {}

    def alternates(self, path: str, elsewhere: str | None = None) -> tuple[bytes, bytes]:
        """(hreflang links, language switcher) of the page at `path` (without language prefix);
        of a page made in this language only with `elsewhere` (render/pages.py PageSpec)."""
        safe = escape(path).encode("utf-8")
        if elsewhere is not None:
            return b"", self._switcher_elsewhere.replace(_PATH.encode("utf-8"), safe).replace(
                _ELSEWHERE.encode("utf-8"), escape(elsewhere).encode("utf-8"))
        return safe.join(self._hreflang), safe.join(self._switcher)

    def embed(self, path: str, title: str, src: str | None) -> tuple[bytes, bytes, dict | None]:
        """(escaped embed code, escaped oEmbed address, embed dict for the stencil's shape)."""
        prefix = self.lang.prefix
        info = page_embed(self.config, prefix + path, title, src=prefix + src if src else None)
        if info is None:
            return b"", b"", None
        return (str(jinja_escape(info["code"])).encode("utf-8"),
                str(jinja_escape(info["oembed"] or "")).encode("utf-8"), info)

    def stencil(self, template: str, shape: tuple, context_of, described: bool, embed: dict | None) -> Frame | None:
        """`template` rendered for pages of this language, depth and `shape`, with the context
        `context_of()` makes, markers (frame.mark) in place of the page's own values; None when
        the template cannot be a stencil (it computes from a marked value): its pages go
        through Jinja. Kept per shape."""
        key = (template, shape)
        if key in self._stencils:
            return self._stencils[key]
        frame = None
        if template not in self._refused:
            page = {"description": "x" if described else "", "content_lang": self.lang.code, "embed": embed,
                    "root": self.root, "path": "", "title": "", "hreflang": "", "switcher": "",
                    "variant": False,  # a stencil's pages are files, never cut into embed variants
                    "alternates": self.renderer.alternates("", self.root, self.lang)}
            try:
                frame = self.renderer.stencil_for(template, page, self.lang, context_of())
            except MarkerUsed as used:
                self.refuse(template, f"it computes from a page's value ({used})")
        self._stencils[key] = frame
        return frame

    def confirmed(self, template: str, shape: tuple, html: bytes, spec_of) -> bool:
        """Whether `html`, the first page of its template and shape, is the page Jinja makes
        of `spec_of()` (a PageSpec; later pages of the shape are not compared). When it is
        not, the template's pages go through Jinja from now on."""
        key = (template, shape)
        if key in self._checked:
            return True
        self._checked.add(key)
        if self.renderer.render(spec_of(), self.lang).encode("utf-8") == html:
            return True
        self.refuse(template, "its stencil made a page other than Jinja's")
        return False

    def refuse(self, template: str, why: str) -> None:
        self._refused.add(template)
        self._stencils = {key: frame for key, frame in self._stencils.items() if key[0] != template}
        reported = self.renderer.refused_templates  # said once per build and process
        if template not in reported:
            reported.add(template)
            print(f"site-builder: {template}: {why}; its pages are rendered through Jinja, "
                  f"about 15 times slower (render/stencil.py)", file=sys.stderr, flush=True)
