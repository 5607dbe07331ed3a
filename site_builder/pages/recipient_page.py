"""A recipient's page made from a stencil of templates/honor/recipient.html (or the theme's).

Recipient pages are the bulk of a site (one per award and language: 100,000 per language at
provincial scale), and through Jinja each cost as much as a decision page (about 200 µs, with
its page variables and discovery lines). A Maker makes a decision's pages in a PageKit
(render/stencil.py): the template in force is rendered once per shape of page (which of the
recipient's and the decision's values are empty, collective or individual, with a description
and embed code or not) with markers in place of those values (render/frame.py); a batch puts
its decision's values in once, and a page is that stencil filled with the recipient's values,
escaped as Jinja escapes them. The template is the one source of the markup: a theme that
overrides it changes these pages as well. A recipient with a story goes through the template
(its story block reads the story's body), and so does a corrected one (its "Lịch sử" note).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .. import urls
from ..urls import awardee_path
from ..honor.verification import code_of
from ..feeds.records import absolute
from ..render.escaping import EncodedFields, awardee_fields, escape_text, escaped
from ..render.frame import MarkerUsed, frame_shape, mark
from ..render.pages import MadePage
from .honor_rows import Cells
from .share_images import image_path

TEMPLATE = "honor/recipient.html"

_DASH = " — ".encode("utf-8")
# The recipient's fields a stencil marks (slot "a_<field>"); its kind is shown as it is (a
# stencil per kind), its decision put in per batch (Maker).
_MARKED_FIELDS = ("name", "position", "unit", "locality", "award", "achievement", "id")


class RecipientLinks:
    """How the pages of one language link a recipient's page. By default a recipient page is
    made in the site's language only (config `recipient_pages`), and so are the lists of
    people (a decision's list, the lists by place and by award form: `people_here`); another
    language has a summary of each list that links the site-language list (honor_roll.py). A
    card, note or search result of another language links the site-language recipient page,
    marked with its language (hreflang), so a reader knows the page will be in another
    language. `prefix`: the language prefix of the pages linked ("" for the site's language);
    `hreflang`: the attribute, empty when they are in the language of the page that links
    them; `people_here`: this language has recipient pages and lists of people;
    `everywhere`: every language has them."""

    __slots__ = ("code", "prefix", "hreflang", "people_here", "everywhere")

    def __init__(self, config, lang):
        self.code = config.recipient_language(lang.code)
        own = self.people_here = made_in(config, lang)
        self.prefix = lang.prefix if own else ""
        self.hreflang = Markup("" if own else f' hreflang="{escape(self.code)}"')
        self.everywhere = all(config.recipient_language(code) == code for code in config.languages)

    def url(self, root: str, path: str) -> str:
        """The address of the recipient page at `path` (without prefix) from a page's `root`."""
        return root + self.prefix + path

    def elsewhere(self, a) -> str | None:
        """What the language switcher of `a`'s page offers in a language without recipient
        pages (render/pages.py PageSpec.elsewhere): its decision's page in that language, a
        summary of the decision that links the list in the site's language. None when every
        language has the page."""
        return None if self.everywhere else urls.decision_folder(a.decision)

    def later_page(self, base: str, number: int) -> str | None:
        """What the language switcher of page `number` of the list at `base` offers in the
        other languages (PageSpec.elsewhere): None (the same page) when every language has the
        lists of people, else the list's first page (its summary there) for a later page,
        which the other languages do not have."""
        return None if self.everywhere or number == 1 else base


def links(a, list_path: str) -> dict:
    """The links of `a`'s page to the honor roll, its decision, its place, its award and its
    row in the list (`list_path`), relative to the page's folder, its decision's: "../",
    "./", "../dia-phuong/<unit>/", "./#<id>" rather than from the site's root
    ("../../khen-thuong/<decision>/" twice): about 160 bytes a page (issue 24, docs/honor-roll.md
    "What a recipient's page carries"). Pages of every language link within their language."""
    here = urls.decision_folder(a.decision)

    def link(target: str) -> str:
        # an empty link, or one that is only a fragment, would be this page itself
        relative = urls.relative(here, target)
        return relative if relative and relative[0] != "#" else "./" + relative

    return {"honor_roll": link(urls.HONOR_ROLL), "decision": link(here),
            "place": link(urls.place_page(a.locality)) if a.locality else "",
            "award": link(urls.award_page(a.award)), "row": link(list_path + "#" + a.id)}


def made_in(config, lang) -> bool:
    """Whether recipient pages, and the lists of people with their rows, are made in `lang`
    (config `recipient_pages`); elsewhere a list is a summary linking the site-language one."""
    return config.recipient_language(lang.code) == lang.code


def title(awardee, label: str) -> str:
    return f"{awardee.name} — {label}"


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


class MarkedAwardee:
    """The awardee a stencil is rendered with: a marker for each field of _MARKED_FIELDS that
    is not empty, the empty value for one that is, a marker for its decision's id and its kind
    as it is. Any other attribute is refused (MarkerUsed): this awardee could not show it."""

    __slots__ = _MARKED_FIELDS + ("kind", "decision")

    def __init__(self, kind: str, present: dict):
        self.kind, self.decision = kind, mark("a_decision")
        for field in _MARKED_FIELDS:
            value = present[field]
            setattr(self, field, mark("a_" + field) if value is True else value)

    def __getattr__(self, name: str):
        raise MarkerUsed(f"awardee.{name}")

    def __html__(self):
        raise MarkerUsed("awardee")

    __str__ = __html__


class Maker:
    """Makes the pages of one decision's recipients in one language: call it per recipient.
    Pages are UTF-8 bytes (render/frame.py): the decision's own values are in its stencils, a
    recipient's fields were encoded once for every language (render/escaping.py EncodedFields)."""

    def __init__(self, kit, site, info: dict, spec_of):
        """`info`: the decision's facts (honor_roll.Facts.decision); `spec_of(a)`: the page of
        recipient `a` as a PageSpec, rendered by Jinja to confirm a stencil's first page."""
        self.kit, self.site, self.config = kit, site, kit.config
        self.spec_of = spec_of
        # The decision's values are marked too ("d_<key>"), so that a kit's stencil serves
        # every decision with values present alike (one Jinja rendering per shape, not per
        # decision: 0.27 ms each), and put into the stencil once per batch (Frame.partial).
        self._decision = {key: mark("d_" + key) if value else value for key, value in info.items()}
        self._decision_shape = tuple((key, True if value else value) for key, value in info.items())
        self._decision_values = {"d_" + key: _utf8(escaped(value)) for key, value in info.items() if value}
        self._decision_values["a_decision"] = _utf8(escaped(info["id"]))  # awardee.decision
        self._stencils: dict[tuple, object] = {}  # by shape, the decision's values in; None: through Jinja
        self._confirmed: set[tuple] = set()  # shapes the kit compared (PageKit.confirmed)
        lang, config = kit.lang, self.config
        self.links = RecipientLinks(config, lang)
        self.og_head = b'<meta property="og:title" content="'
        self.og_middle = b'">\n<meta property="og:type" content="profile">\n'
        self.twitter = b'<meta name="twitter:card" content="summary">\n'
        # Award labels, places, localities, award ids and the decision list's address repeat
        # over a decision's pages: each escaped and encoded once per Maker. The list's link
        # ends at its "#": escaping is per character, so the escaped address joined with the
        # escaped id is the whole link escaped.
        self._escaped = Cells(lambda value: _utf8(escaped(value)))
        self._lists = Cells(lambda list_path: _utf8(escaped(list_path) + "#"))
        # og:image: the share image of the recipient's award form (pages/share_images.py).
        ctx = kit.renderer.ctx
        self._images = Cells(lambda award: _utf8(escape(absolute(config, lang.prefix + image_path(ctx, award)))))

    def __call__(self, a, label: str, description: str, place: str | None, list_path: str,
                 embed_src: str) -> MadePage | None:
        """`list_path`: the decision page listing `a`; `embed_src`: its card (recipient_embeds.py).
        None when the template cannot be a stencil: the page goes through Jinja."""
        kit = self.kit
        path = awardee_path(a)
        if kit.embeds:
            embed_code, oembed, embed = kit.embed(path, title(a, label), embed_src)
        else:
            embed_code, oembed, embed = b"", b"", None
        # Which fields are empty, and how (None and "" print differently): inline, as the
        # shape is made for every page.
        present = (True if a.name else a.name, True if a.position else a.position, True if a.unit else a.unit,
                   True if a.locality else a.locality, True if a.award else a.award,
                   True if a.achievement else a.achievement, True if a.id else a.id)
        shape = (a.kind, present, True if place else place, True if label else label,
                 frame_shape(bool(description), True, embed))
        stencil = self._stencils.get(shape)
        if stencil is None and shape not in self._stencils:
            frame = kit.stencil(TEMPLATE, (shape, self._decision_shape),
                                lambda: self._context(a, dict(zip(_MARKED_FIELDS, present)), place, label, list_path),
                                bool(description), embed)
            stencil = self._stencils[shape] = frame.partial(self._decision_values) if frame is not None else None
        if stencil is None:
            return None
        fields = awardee_fields(a)
        page_links = links(a, list_path)
        code = code_of(a)  # letters and digits of urls.VERIFY_ALPHABET: nothing to escape
        encoded = EncodedFields(fields, a)
        id_html = _utf8(fields.id)
        label_html = self._escaped[label]
        title_html = encoded.name + _DASH + label_html
        description_html = _utf8(escape_text(description))
        hreflang, switcher = kit.alternates(path, self.links.elsewhere(a))
        html = stencil.fill({
            "title": title_html, "description": description_html, "hreflang": hreflang, "switcher": switcher,
            "path": _utf8(escape_text(path)), "embed_code": embed_code, "oembed": oembed,
            "discovery": self.discovery(a, path, title_html, description_html),
            "a_name": encoded.name, "a_position": encoded.position, "a_unit": encoded.unit,
            "a_achievement": encoded.achievement, "a_id": id_html, "a_locality": self._escaped[a.locality],
            "a_award": self._escaped[a.award], "place": self._escaped[place], "award_label": label_html,
            "anchor": self._lists[list_path] + id_html, "row_link": _utf8(escaped(page_links["row"])),
            "place_link": self._escaped[page_links["place"]],
            "award_link": self._escaped[page_links["award"]],
            "verify": _utf8(urls.verification_page(code)), "verify_code": _utf8(code),
        })
        if shape not in self._confirmed:
            if not kit.confirmed(TEMPLATE, (shape, self._decision_shape), html, lambda: self.spec_of(a)):
                self._stencils = dict.fromkeys(self._stencils)  # the kit refused the template
                return None
            self._confirmed.add(shape)
        return MadePage(path, html)

    def _context(self, a, present: dict, place, label: str, list_path: str) -> dict:
        """What the template is rendered with for a stencil of this shape: markers for the
        recipient's and the decision's values that are not empty; the links to the honor roll
        and the decision are the same from every recipient page ("../", "./")."""
        shown = links(a, list_path)
        return {"awardee": MarkedAwardee(a.kind, present), "d": self._decision,
                "links": dict(shown, place=mark("place_link") if shown["place"] else "", award=mark("award_link"),
                              row=mark("row_link")),
                "award_label": mark("award_label") if label else label,
                "place": mark("place") if place else place, "anchor": mark("anchor"),
                "story": None, "photo": None, "og_type": "profile", "og_image": None,
                "verify": mark("verify"), "verify_code": mark("verify_code"), "history": None}

    def discovery(self, a, path: str, title_html: bytes, description_html: bytes) -> bytes:
        """feeds/discover.py discovery_html() of a recipient page without a story (its
        RECIPIENT_OG lines)."""
        config = self.config
        canonical = _utf8(str(escape(absolute(config, self.kit.lang.prefix + path)))) if config.site_url else None
        out = [b'<link rel="canonical" href="' + canonical + b'">\n' if canonical else b"", self.og_head,
               title_html, self.og_middle]
        if description_html:
            out += (b'<meta property="og:description" content="', description_html, b'">\n')
        if canonical:
            out += (b'<meta property="og:image" content="', self._images[a.award], b'">\n')
        out.append(self.twitter)
        return b"".join(out)

