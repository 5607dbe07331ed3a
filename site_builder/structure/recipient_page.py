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

from ..addresses import awardee_path
from ..feeds.discover import OG_LOCALES, awardee_jsonld
from ..feeds.records import absolute
from ..render.escaping import awardee_fields, escape_text, escaped
from ..render.pages import MadePage

TEMPLATE = "honor/recipient.html"

_LABELS = ("honor_roll", "position", "unit", "place", "award", "decision", "achievement", "in_decision_list")


def title(awardee, label: str) -> str:
    return f"{awardee.name} — {label}"


class Maker:
    """Makes the pages of one decision's recipients in one language: call it per recipient."""

    def __init__(self, kit, site, info: dict):
        self.kit, self.site, self.config = kit, site, kit.config
        lang = kit.lang
        self.t = {key: str(escape(lang.t(key))) for key in _LABELS}
        self.base = kit.root + lang.prefix
        decision_link = f'<a href="{escaped(self.base + info["path"])}">{escaped(info["ref"])}</a>'
        self.head = f'<link rel="stylesheet" href="{escaped(kit.root + "assets/honor.css")}">'
        self.crumbs = (f'<nav class="crumbs" aria-label="{self.t["honor_roll"]}">'
                       f'<a href="{escaped(self.base + "khen-thuong/")}">{self.t["honor_roll"]}</a>'
                       f' › {decision_link}</nav>\n<article class="recipient" aria-labelledby="r-name">\n')
        self.decision_line = (f'    <dt>{self.t["decision"]}</dt><dd>{decision_link}, {escaped(info["date"])}, '
                              f'<span lang="vi">{escaped(info["issuer_name"])}</span></dd>\n')
        config = self.config
        self.og_head = f'<meta property="og:site_name" content="{escape(config.site_name)}">\n'
        self.og_middle = (f'<meta property="og:type" content="profile">\n'
                          f'<meta property="og:locale" content="{escape(OG_LOCALES.get(lang.code, lang.code))}">\n')
        self.twitter = '<meta name="twitter:card" content="summary">\n'

    def __call__(self, a, label: str, description: str, place: str | None, list_path: str,
                 embed_src: str) -> MadePage:
        """`list_path`: the decision page listing `a`; `embed_src`: its card (recipient_embeds.py)."""
        kit, lang = self.kit, self.kit.lang
        path = awardee_path(a)
        page_title = title(a, label)
        title_html = awardee_fields(a).name + " — " + escaped(label)
        description_html = escape_text(description)
        hreflang, switcher = kit.alternates(path)
        embed_code, oembed, embed = kit.embed(path, page_title, embed_src)
        frame = kit.frame(bool(description), lang.code, embed)
        return MadePage(path, frame.fill({
            "title": title_html, "description": description_html, "hreflang": hreflang, "switcher": switcher,
            "path": path, "head": self.head, "content": self.content(a, label, place, list_path),
            "embed_code": embed_code, "oembed": oembed,
            "discovery": self.discovery(a, path, title_html, description_html),
        }))

    def content(self, a, label: str, place: str | None, list_path: str) -> str:
        t, base, f = self.t, self.base, awardee_fields(a)
        label = escaped(label)
        out = [self.crumbs, f'  <p class="award-badge">{label}</p>\n  <h1 id="r-name" lang="vi">{f.name}</h1>\n'
                            f'  <dl class="facts">\n']
        if a.position:
            out.append(f'<dt>{t["position"]}</dt><dd lang="vi">{f.position}</dd>')
        if a.unit:
            out.append(f'<dt>{t["unit"]}</dt><dd lang="vi">{f.unit}</dd>')
        if place:
            out.append(f'<dt>{t["place"]}</dt><dd><a href="{escaped(f"{base}khen-thuong/dia-phuong/{a.locality}/")}">'
                       f'{escaped(place)}</a></dd>')
        out.append(f'    <dt>{t["award"]}</dt><dd><a href="{escaped(f"{base}khen-thuong/hinh-thuc/{a.award}/")}">'
                   f'{label}</a></dd>\n')
        out.append(self.decision_line)
        if a.achievement:
            out.append(f'<dt>{t["achievement"]}</dt><dd lang="vi">{f.achievement}</dd>')
        out.append(f'  </dl>\n  <p><a href="{escape_text(base + list_path + "#" + a.id)}">{t["in_decision_list"]}</a></p>\n'
                   f'</article>\n')
        return "".join(out)

    def discovery(self, a, path: str, title_html: str, description_html: str) -> str:
        """feeds/discover.py discovery_html() of a recipient page without a story."""
        config = self.config
        canonical = absolute(config, self.kit.lang.prefix + path) if config.site_url else None
        out = [f'<link rel="canonical" href="{escape(canonical)}">\n' if canonical else "", self.og_head,
               f'<meta property="og:title" content="{title_html}">\n', self.og_middle]
        if description_html:
            out.append(f'<meta property="og:description" content="{description_html}">\n')
        if canonical:
            out.append(f'<meta property="og:url" content="{escape(canonical)}">\n')
        out.append(self.twitter)
        jsonld = awardee_jsonld(self.site, config, a)
        if jsonld is not None:
            out.append(f'<script type="application/ld+json">{jsonld}</script>\n')
        return "".join(out)
