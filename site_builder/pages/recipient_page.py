"""A recipient's page made by Python: what templates/honor/recipient.html in base.html makes.

Recipient pages are the bulk of a site (one per award and language: 100,000 per language at
provincial scale). Through Jinja each cost as much as a decision page, and even the generic
PageSpec route (page variables, frame, discovery lines) cost several times the page itself.
A Maker makes a decision's pages in a PageKit (render/stencil.py): what the decision's pages
share is made once, a page costs its own values. The bytes are the template's
(tests/test_recipient_page.py compares the two on every recipient of generated provinces); a
recipient with a story, or a theme that overrides honor/recipient.html, goes through the
template.
"""
from __future__ import annotations

from markupsafe import escape

from .. import urls
from ..urls import awardee_path
from ..feeds.discover import OG_LOCALES, awardee_jsonld
from ..feeds.records import absolute
from ..render.escaping import awardee_fields, escape_text, escaped
from ..render.pages import MadePage
from .honor_rows import Cells

TEMPLATE = "honor/recipient.html"

_LABELS = ("honor_roll", "position", "unit", "place", "award", "decision", "achievement", "in_decision_list")
_DASH = " — ".encode("utf-8")


def title(awardee, label: str) -> str:
    return f"{awardee.name} — {label}"


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


class Maker:
    """Makes the pages of one decision's recipients in one language: call it per recipient.
    Pages are UTF-8 bytes (render/frame.py): what every page of the decision shares is
    encoded here, once; a recipient's own fields were encoded once for every language
    (render/escaping.py EncodedFields)."""

    def __init__(self, kit, site, info: dict):
        self.kit, self.site, self.config = kit, site, kit.config
        lang = kit.lang
        t = {key: str(escape(lang.t(key))) for key in _LABELS}
        self.base = kit.root + lang.prefix
        decision_link = f'<a href="{escaped(self.base + info["path"])}">{escaped(info["ref"])}</a>'
        self.head = _utf8(f'<link rel="stylesheet" href="{escaped(kit.root + "assets/honor.css")}">')
        self.crumbs = _utf8(f'<nav class="crumbs" aria-label="{t["honor_roll"]}">'
                            f'<a href="{escaped(self.base + urls.HONOR_ROLL)}">{t["honor_roll"]}</a>'
                            f' › {decision_link}</nav>\n<article class="recipient" aria-labelledby="r-name">\n'
                            f'  <p class="award-badge">')
        self.position = _utf8(f'<dt>{t["position"]}</dt><dd lang="vi">')
        self.unit = _utf8(f'<dt>{t["unit"]}</dt><dd lang="vi">')
        self.place = _utf8(f'<dt>{t["place"]}</dt><dd><a href="')
        self.award = _utf8(f'    <dt>{t["award"]}</dt><dd><a href="')
        self.decision_line = _utf8(f'    <dt>{t["decision"]}</dt><dd>{decision_link}, {escaped(info["date"])}, '
                                   f'<span lang="vi">{escaped(info["issuer_name"])}</span></dd>\n')
        self.achievement = _utf8(f'<dt>{t["achievement"]}</dt><dd lang="vi">')
        self.in_list = _utf8(f'">{t["in_decision_list"]}</a></p>\n</article>\n')
        config = self.config
        self.og_head = _utf8(f'<meta property="og:site_name" content="{escape(config.site_name)}">\n'
                             f'<meta property="og:title" content="')
        self.og_middle = _utf8(f'">\n<meta property="og:type" content="profile">\n'
                               f'<meta property="og:locale" content="{escape(OG_LOCALES.get(lang.code, lang.code))}">\n')
        self.twitter = b'<meta name="twitter:card" content="summary">\n'
        # Award labels, place links, award links and the decision list's address repeat over
        # a decision's pages: each made (escaped, encoded) once per Maker, looked up by what it
        # is made from. The list's link ends at its "#": escaping is per character, so the
        # escaped address joined with the escaped id is the whole link escaped.
        base = self.base
        self._labels = Cells(lambda label: _utf8(escaped(label)))
        self._places = Cells(lambda key: _utf8(
            f'{escaped(base + urls.place_page(key[0]))}">{escaped(key[1])}</a></dd>'))
        self._awards = Cells(lambda award: _utf8(escaped(base + urls.award_page(award))))
        self._lists = Cells(lambda list_path: _utf8(escaped(base + list_path) + "#"))

    def __call__(self, a, label: str, description: str, place: str | None, list_path: str,
                 embed_src: str) -> MadePage:
        """`list_path`: the decision page listing `a`; `embed_src`: its card (recipient_embeds.py)."""
        kit = self.kit
        path = awardee_path(a)
        label_html = self._labels[label]
        name = awardee_fields(a).utf8.name
        title_html = name + _DASH + label_html
        description_html = _utf8(escape_text(description))
        hreflang, switcher = kit.alternates(path)
        if kit.embeds:
            embed_code, oembed, embed = kit.embed(path, title(a, label), embed_src)
        else:
            embed_code, oembed, embed = b"", b"", None
        frame = kit.frame(bool(description), kit.lang.code, embed)
        return MadePage(path, frame.fill({
            "title": title_html, "description": description_html, "hreflang": hreflang, "switcher": switcher,
            "path": _utf8(path), "head": self.head, "content": self.content(a, label_html, place, list_path),
            "embed_code": embed_code, "oembed": oembed,
            "discovery": self.discovery(a, path, title_html, description_html),
        }))

    def content(self, a, label_html: bytes, place: str | None, list_path: str) -> bytes:
        f = awardee_fields(a).utf8
        out = [self.crumbs, label_html, b'</p>\n  <h1 id="r-name" lang="vi">', f.name, b'</h1>\n  <dl class="facts">\n']
        if a.position:
            out += (self.position, f.position, b"</dd>")
        if a.unit:
            out += (self.unit, f.unit, b"</dd>")
        if place:
            out += (self.place, self._places[(a.locality, place)])
        out += (self.award, self._awards[a.award], b'">', label_html,
                b"</a></dd>\n", self.decision_line)
        if a.achievement:
            out += (self.achievement, f.achievement, b"</dd>")
        out += (b'  </dl>\n  <p><a href="', self._lists[list_path], _utf8(awardee_fields(a).id), self.in_list)
        return b"".join(out)

    def discovery(self, a, path: str, title_html: bytes, description_html: bytes) -> bytes:
        """feeds/discover.py discovery_html() of a recipient page without a story."""
        config = self.config
        canonical = _utf8(str(escape(absolute(config, self.kit.lang.prefix + path)))) if config.site_url else None
        out = [b'<link rel="canonical" href="' + canonical + b'">\n' if canonical else b"", self.og_head,
               title_html, self.og_middle]
        if description_html:
            out += (b'<meta property="og:description" content="', description_html, b'">\n')
        if canonical:
            out += (b'<meta property="og:url" content="', canonical, b'">\n')
        out.append(self.twitter)
        out.append(jsonld_script(self.site, config, a))
        return b"".join(out)


def jsonld_script(site, config, a) -> bytes:
    """The recipient's JSON-LD script line (b"" for none), made once for every language: the
    same in each (feeds/discover.py awardee_jsonld). Kept on the awardee; a full build makes it
    before the workers fork (honor_roll.stamp_all), so neither language's pages make it again."""
    script = a._jsonld
    if script is None:
        jsonld = awardee_jsonld(site, config, a)
        script = a._jsonld = (b'<script type="application/ld+json">' + _utf8(jsonld) + b"</script>\n"
                              if jsonld is not None else b"")
    return script
