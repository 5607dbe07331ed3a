"""Markdown bodies to safe HTML, with citations of documents in the site turned into links.

Content is written by many people and may carry pasted HTML, so every rendered body goes
through nh3 (an allow-list sanitiser) before it reaches a page.
"""
from __future__ import annotations

import re

import markdown as md
import nh3

from ..text.slug import toc_slugify

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul", "audio", "source", "track", "wbr",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title", "class"},
    "a": {"href"}, "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "ol": {"start", "type"},
    "audio": {"src", "controls", "preload"}, "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label"},
}

TYPE_WORDS = ("Kế hoạch", "Quyết định", "Chỉ thị", "Công văn", "Hướng dẫn", "Thông báo", "Nghị quyết",
              "Nghị định", "Thông tư")
# "Kế hoạch số 85/KH-UBND ngày 21/9/2021", "Quyết định số 23/2021/QĐ-TTg ngày 07/7/2021"
CITATION = re.compile(
    r"(?<!\[)(?P<type>" + "|".join(TYPE_WORDS) + r")\s+số\s+(?P<number>\d+)\s*/\s*(?:(?P<ymid>\d{4})/)?"
    r"(?P<symbol>[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*)"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?",
    re.UNICODE,
)


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto", "tel"})


# One converter per process, reset before each text (the library's way to convert many
# documents): making one, with its extensions and parsers, cost more than converting a
# decision's body, and a realistic province converts thousands of bodies per language.
_converter: md.Markdown | None = None


def to_html(text: str) -> str:
    global _converter
    if _converter is None:
        _converter = md.Markdown(
            extensions=["extra", "sane_lists", "toc"],
            extension_configs={"toc": {"slugify": toc_slugify, "permalink": False}},
            output_format="html",
        )
    return sanitize(_converter.reset().convert(text))


class CitationLinker:
    """Finds citations like "Kế hoạch số 85/KH-UBND ngày 21/9/2021" and links the ones in the site."""

    def __init__(self, documents):
        self.by_ref: dict[tuple[str, str], list] = {}
        for doc in documents:
            if doc.number:
                self.by_ref.setdefault((doc.number.strip(), doc.symbol.strip().upper()), []).append(doc)

    def find(self, number: str, symbol: str, year: int | None):
        candidates = self.by_ref.get((number, symbol.upper()), [])
        if year is not None:
            candidates = [d for d in candidates if d.date.year == year]
        return candidates[0] if len(candidates) == 1 else None

    def citations(self, text: str):
        """Yield (match, document or None) for every citation in the text."""
        for m in CITATION.finditer(text):
            year = int(m["y"]) if m["y"] else (int(m["ymid"]) if m["ymid"] else None)
            yield m, self.find(m["number"], m["symbol"], year)

    def link(self, text: str, url_of) -> str:
        out, last = [], 0
        for m, doc in self.citations(text):
            if doc is None:
                continue
            out.append(text[last:m.start()])
            out.append(f"[{m.group(0)}]({url_of(doc)})")
            last = m.end()
        out.append(text[last:])
        return "".join(out)
