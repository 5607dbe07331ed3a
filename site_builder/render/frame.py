"""The page frame (templates/base.html) as a stencil, for pages made by Python code.

Recipient pages are the bulk of a site (one per award: 100,000 per language at provincial
scale), and rendering each through Jinja's inheritance cost several times the page itself.
Their content is made by Python (a PageBatch's `make`, in a PageKit: render/stencil.py); the frame
around it still comes from base.html: rendered once per language, depth and shape with a
marker in place of every per-page value, then cut at the markers. A page is the frame's
literal parts joined with its own values, and a theme that overrides base.html changes these
pages as well. Both are UTF-8 bytes: the literals are encoded once per frame, and a page is
never a Python string to be encoded again (CPython encodes Vietnamese text at about a byte a
nanosecond: 7 µs of a recipient page's 24 before they were bytes).
"""
from __future__ import annotations

import re

from markupsafe import Markup

_MARK = re.compile("\ue000([a-z_]+)\ue001")
# A child of base.html whose blocks are markers (private-use characters: escaping keeps them).
FRAME_TEMPLATE = ('{% extends "base.html" %}{% block head %}{{ mark("head") }}{% endblock %}'
                  '{% block content %}{{ mark("content") }}{% endblock %}')


def mark(name: str) -> Markup:
    return Markup(f"\ue000{name}\ue001")


class Frame:
    """base.html cut at its markers: literal parts (UTF-8) with named slots between them."""

    def __init__(self, html: str):
        parts = _MARK.split(html)
        self.literals = [part.encode("utf-8") for part in parts[0::2]]
        self.slots = parts[1::2]

    def fill(self, values: dict[str, bytes]) -> bytes:
        """The page: the literals with each slot's value (UTF-8) between them."""
        out = [self.literals[0]]
        for slot, literal in zip(self.slots, self.literals[1:]):
            out.append(values[slot])
            out.append(literal)
        return b"".join(out)


def frame_shape(described: bool, in_page_language: bool, embed: dict | None) -> tuple:
    """Pages of the same shape share a frame. The shape holds what base.html branches on (a
    description or none, a fallback note or none, the kind of embed code), so a frame never
    has a slot its page would not fill."""
    return described, in_page_language, None if embed is None else (embed["absolute"], embed["oembed"] is None)


def marked_page_vars(page: dict) -> dict:
    """The page variables a frame is rendered with: markers in place of per-page values."""
    embed = page["embed"]
    marked = dict(page, title=mark("title"), description=mark("description") if page["description"] else "",
                  hreflang=mark("hreflang"), switcher=mark("switcher"), path=mark("path"))
    if embed is not None:
        marked["embed"] = {"code": mark("embed_code"), "absolute": embed["absolute"],
                           "oembed": mark("oembed") if embed["oembed"] else None}
    return marked
