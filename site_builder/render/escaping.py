"""Escaping for markup made in Python, exactly as Jinja escapes (markupsafe), done once per
value rather than once per use.

A province's pages repeat the same few thousand strings (award labels, place names, decision
references, interface labels) and show each recipient's fields on several pages (its page,
its card, a row in up to seven lists, in every language): escaping each use cost millions of
calls per build. `escaped()` remembers values that repeat; `awardee_fields()` escapes a
recipient's own fields once.
"""
from __future__ import annotations

from markupsafe import escape

_MEMO: dict[str, str] = {}
_MEMO_LIMIT = 100_000  # plenty for labels and places; bounded, so a build cannot grow it without end


def escaped(value) -> str:
    """escape(value) as a str, remembered: for values that repeat across pages."""
    if value is None:
        value = ""
    hit = _MEMO.get(value)
    if hit is None:
        hit = str(escape(value))
        if len(_MEMO) < _MEMO_LIMIT:
            _MEMO[value] = hit
    return hit


class AwardeeFields:
    """A recipient's fields, escaped once (kept on the awardee: awardee_fields)."""

    __slots__ = ("name", "position", "unit", "achievement", "id")

    def __init__(self, a):
        self.name = str(escape(a.name or ""))
        self.position = str(escape(a.position or ""))
        self.unit = str(escape(a.unit or ""))
        self.achievement = str(escape(a.achievement or ""))
        self.id = str(escape(a.id))


def awardee_fields(a) -> AwardeeFields:
    fields = a.__dict__.get("_escaped")
    if fields is None:
        fields = a.__dict__["_escaped"] = AwardeeFields(a)
    return fields
