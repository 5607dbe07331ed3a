"""Escaping for markup made in Python, exactly as Jinja escapes (markupsafe), done once per
value rather than once per use.

A province's pages repeat the same few thousand strings (award labels, place names, decision
references, interface labels) and show each recipient's fields on several pages (its page,
its card, a row in up to seven lists, in every language): escaping each use cost millions of
calls per build. `escaped()` remembers values that repeat; `awardee_fields()` escapes the
fields of a recipient that its lists show once; its page encodes them as UTF-8
(EncodedFields: render/frame.py makes recipient pages as bytes).
"""
from __future__ import annotations

from markupsafe import escape

from ..urls import awardee_path, recipient_file

_MEMO: dict[str, str] = {}
_MEMO_LIMIT = 100_000  # plenty for labels and places; bounded, so a build cannot grow it without end


def escape_text(value: str) -> str:
    """str(escape(value)) for a str: most values (names, units, achievements) hold none of
    the five characters markupsafe replaces, and looking for them is several times cheaper
    than escaping (a Markup object, then a copy as str)."""
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return str(escape(value))
    return value


def escaped(value) -> str:
    """escape(value) as a str, remembered: for values that repeat across pages."""
    if value is None:
        value = ""
    hit = _MEMO.get(value)
    if hit is None:
        hit = escape_text(value) if type(value) is str else str(escape(value))
        if len(_MEMO) < _MEMO_LIMIT:
            _MEMO[value] = hit
    return hit


class AwardeeFields:
    """A recipient's fields that lists show, escaped once (kept on the awardee: awardee_fields),
    and the parts of its table rows that are the same in every language (pages/honor_rows.py).
    Not the achievement: only its page and its card show it (EncodedFields, escaped_achievement),
    and kept here it was a copy of every achievement in every process (docs/architecture.md,
    "Memory")."""

    __slots__ = ("name", "position", "unit", "id", "href", "file", "position_unit", "place_said")

    def __init__(self, a):
        self.name = escape_text(a.name or "")
        self.position = escape_text(a.position or "")
        self.unit = escape_text(a.unit or "")
        self.id = escape_text(a.id)
        self.href = escape_text(awardee_path(a))  # the recipient page, from the site's root
        self.file = escape_text(recipient_file(a.id))  # ... and from its decision's folder
        joiner = ", " if a.position and a.unit else ""
        self.position_unit = f"{self.position}{joiner}{self.unit}"
        self.place_said = None  # whether its own words name its place: pages/honor_rows.py says it


class EncodedFields:
    """A recipient's escaped name, position, unit and achievement as UTF-8, for its page: made
    per page, not kept (a recipient has one page by default, and the achievement's bytes kept
    on every awardee were the largest part of what the workers inherit)."""

    __slots__ = ("name", "position", "unit", "achievement")

    def __init__(self, fields: AwardeeFields, a):
        self.name = fields.name.encode("utf-8")
        self.position = fields.position.encode("utf-8")
        self.unit = fields.unit.encode("utf-8")
        self.achievement = escaped_achievement(a).encode("utf-8")


def escaped_achievement(a) -> str:
    """The awardee's achievement escaped, made each time it is shown (one page, one card)."""
    return escape_text(a.achievement or "")


def awardee_fields(a) -> AwardeeFields:
    fields = a._escaped
    if fields is None:
        fields = a._escaped = AwardeeFields(a)
    return fields
