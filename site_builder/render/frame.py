"""Templates as stencils: a page template rendered once with markers, cut at the markers.

Recipient pages are the bulk of a site (one per award: 100,000 per language at provincial
scale), and rendering each through Jinja cost about 200 µs, most of a build. Their template
(base.html and the page's own, whichever the theme has in force) is therefore rendered once
per language, depth and shape with a marker in place of every per-page value, then cut at the
markers (render/stencil.py). A page is the literal parts joined with its own values, escaped
as Jinja escapes them. Both are UTF-8 bytes: the literals are encoded once per stencil, and a
page is never a Python string to be encoded again (CPython encodes Vietnamese text at about a
byte a nanosecond: 7 µs of a recipient page's 24 before they were bytes).

A marker stands for a value a template may show, join to text (`~`, `+`) and test for truth,
and nothing else: what a template would compute from the value (a filter, a comparison, a
method) the stencil could not reproduce, so a marker refuses it (MarkerUsed), and the page is
rendered through Jinja instead.
"""
from __future__ import annotations

import re
from operator import itemgetter

from markupsafe import Markup

_MARK = re.compile("\ue000([a-z_]+)\ue001")


class MarkerUsed(Exception):
    """A template did more with a marked value than show it: it cannot be a stencil."""


class Marker(Markup):
    """A per-page value's place in a stencil. Markup, so that escaping keeps it as it is (its
    value is escaped when the page is filled in); joining text to it gives a Marker again.
    Truthy: a value that may be empty is passed as itself in the stencil of its shape."""

    __slots__ = ()

    def __getattribute__(self, name: str):
        # Markup's own joining and escaping use dunder methods and `escape`; anything else
        # (upper, replace, startswith, format, striptags...) would compute from the value.
        if name.startswith("__") or name == "escape":
            return super().__getattribute__(name)
        raise MarkerUsed(name)

    def __bool__(self) -> bool:
        return True

    def _refuse(self, *args):
        raise MarkerUsed("operation")

    # (str() cannot refuse: escaping a Markup makes a str of it; what filters such as
    # striptags or title do to the text, the first page of each stencil shows: stencil.py.)
    __format__ = __len__ = __iter__ = __getitem__ = __contains__ = __mod__ = __mul__ = __rmul__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __hash__ = Markup.__hash__


def mark(name: str) -> Marker:
    return Marker(f"\ue000{name}\ue001")


class Frame:
    """A template cut at its markers: literal parts (UTF-8) with named slots between them."""

    def __init__(self, html: str):
        parts = _MARK.split(html)
        if any("\ue000" in part or "\ue001" in part for part in parts[0::2]):
            raise MarkerUsed("a marker was changed")  # cut or altered by what the template did
        self._cut([part.encode("utf-8") for part in parts[0::2]], parts[1::2])

    def _cut(self, literals: list[bytes], slots: list[str]) -> None:
        self.literals, self.slots = literals, slots
        # A page is one bytes formatting: the literals with %b for the slots (a recipient page
        # has twenty; joining them in a Python loop cost a quarter of the page).
        self._format = b"%b".join(literal.replace(b"%", b"%%") for literal in literals)
        self._values = itemgetter(*slots) if len(slots) > 1 else (lambda values: tuple(values[s] for s in slots))

    def fill(self, values: dict[str, bytes]) -> bytes:
        """The page: the literals with each slot's value (UTF-8) between them."""
        return self._format % self._values(values)

    def partial(self, values: dict[str, bytes]) -> Frame:
        """This frame with the slots `values` has filled in: a frame of the other slots (what
        the pages of one batch share, put in once for the batch)."""
        literals, slots = [self.literals[0]], []
        for slot, literal in zip(self.slots, self.literals[1:]):
            if slot in values:
                literals[-1] += values[slot] + literal
            else:
                slots.append(slot)
                literals.append(literal)
        frame = Frame.__new__(Frame)
        frame._cut(literals, slots)
        return frame


def frame_shape(described: bool, in_page_language: bool, embed: dict | None) -> tuple:
    """Pages of the same shape share a frame. The shape holds what base.html branches on (a
    description or none, a fallback note or none, the kind of embed code), so a frame never
    has a slot its page would not fill."""
    return described, in_page_language, None if embed is None else (embed["absolute"], embed["oembed"] is None)


def marked_page_vars(page: dict) -> dict:
    """The page variables a stencil is rendered with: markers in place of per-page values."""
    embed = page["embed"]
    marked = dict(page, title=mark("title"), description=mark("description") if page["description"] else "",
                  hreflang=mark("hreflang"), switcher=mark("switcher"), path=mark("path"))
    if embed is not None:
        marked["embed"] = {"code": mark("embed_code"), "absolute": embed["absolute"],
                           "oembed": mark("oembed") if embed["oembed"] else None}
    return marked
