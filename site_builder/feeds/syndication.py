"""RSS 2.0 and Atom (RFC 4287) documents from feed items.

XML is built with ElementTree so that titles with quotes, ampersands or Khmer text are
always escaped correctly. Dates come from the content, never from the clock, so a rebuild
of unchanged content gives byte-identical feeds (readers do not see phantom updates).
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from .records import Item, absolute

ATOM_NS = "http://www.w3.org/2005/Atom"
ET.register_namespace("atom", ATOM_NS)

# Documents carry a day, not a time: publish them at midnight in Vietnam (UTC+7).
VN = dt.timezone(dt.timedelta(hours=7))


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=VN)


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def rss(config, title: str, description: str, page_path: str, feed_path: str, items: list[Item],
        lang: str = "vi") -> str:
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", absolute(config, page_path))
    _sub(channel, "description", description or title)
    _sub(channel, "language", lang)
    _sub(channel, f"{{{ATOM_NS}}}link", href=absolute(config, feed_path), rel="self", type="application/rss+xml")
    if items:
        _sub(channel, "lastBuildDate", format_datetime(_moment(max(i.date for i in items))))
    for item in items:
        node = _sub(channel, "item")
        _sub(node, "title", item.title)
        _sub(node, "link", absolute(config, item.path))
        _sub(node, "guid", absolute(config, item.path), isPermaLink="true")
        _sub(node, "pubDate", format_datetime(_moment(item.date)))
        if item.summary:
            _sub(node, "description", item.summary)
        for category in item.categories:
            _sub(node, "category", category)
    return _xml(root)


def atom(config, title: str, description: str, page_path: str, feed_path: str, items: list[Item],
         lang: str = "vi") -> str:
    # Atom is the default namespace of its own document: unprefixed names, xmlns on the root.
    a = lambda tag: tag  # noqa: E731
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    _sub(root, a("title"), title)
    if description:
        _sub(root, a("subtitle"), description)
    _sub(root, a("id"), absolute(config, feed_path))
    _sub(root, a("link"), href=absolute(config, feed_path), rel="self", type="application/atom+xml")
    _sub(root, a("link"), href=absolute(config, page_path), rel="alternate", type="text/html")
    newest = max((i.date for i in items), default=None)
    _sub(root, a("updated"), _moment(newest).isoformat() if newest else "1970-01-01T00:00:00+00:00")
    author = _sub(root, a("author"))
    _sub(author, a("name"), config.site_name)
    for item in items:
        entry = _sub(root, a("entry"))
        _sub(entry, a("title"), item.title)
        _sub(entry, a("id"), absolute(config, item.path))
        _sub(entry, a("link"), href=absolute(config, item.path), rel="alternate", type="text/html")
        _sub(entry, a("updated"), _moment(item.date).isoformat())
        _sub(entry, a("published"), _moment(item.date).isoformat())
        if item.author:
            _sub(_sub(entry, a("author")), a("name"), item.author)
        if item.summary:
            _sub(entry, a("summary"), item.summary)
        for category in item.categories:
            _sub(entry, a("category"), term=category)
    return _xml(root)
