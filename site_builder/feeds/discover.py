"""What a page tells search engines, link previews (Zalo, Facebook) and feed readers.

`page_discovery` is a Jinja global (render/env.py) used by templates/partials/discover.html
in base.html's <head>: canonical URL, Open Graph, schema.org JSON-LD and feed links. It reads
the page's own template variables, so page types need not pass anything; a page may add
`og_type`, `og_image` (a path under content/) or `jsonld` (a dict or a list) to its context.
Without an og_image, a page names the share image of its award form (a recipient's, an
award's list), else the site's (pages/share_images.py).
Recipient pages, made without Jinja (pages/recipient_page.py), take their JSON-LD from
`awardee_jsonld`: the text `discovery_html` would write, made from parts kept per decision.
"""
from __future__ import annotations

import json
import re
import weakref
from json.encoder import encode_basestring

import jinja2
from markupsafe import Markup, escape

from .. import urls
from ..content.model import Awardee, Document
from ..urls import awardee_path
from ..pages.share_images import image_path
from .records import absolute

OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "km": "km_KH"}
# Raster formats only: link previews of social networks ignore SVG.
OG_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
FEED_FOLDERS = {urls.DOCUMENTS: urls.DOCUMENTS, urls.HONOR_ROLL: urls.HONOR_ROLL, urls.MESSAGES: urls.MESSAGES,
                urls.MESSAGES_CURRENT: urls.MESSAGES, urls.CONSULTATIONS: urls.CONSULTATIONS}


def feed_folder(path: str) -> str | None:
    """The folder whose rss.xml / atom.xml a page should advertise, if any."""
    if path in FEED_FOLDERS:
        return FEED_FOLDERS[path]
    match = urls.CAMPAIGN_PAGE.match(path)
    return urls.campaign_page(match[1]) if match else None


def canonical_path(path: str) -> str:
    """A print view's canonical page is the message itself."""
    match = urls.PRINT_VIEW.match(path)
    return match[1] if match else path


@jinja2.pass_context
def page_discovery(context) -> Markup:
    return discovery_html(context)


def discovery_html(context) -> Markup:
    """The <head> lines of page_meta(): one implementation for template-made and Python-made
    pages. JSON-LD is serialised as Jinja's |tojson does (sorted keys, <>&' escaped)."""
    meta = page_meta(context)
    title = escape(context["page"]["title"])
    lines = []
    if meta["canonical"]:
        lines.append(f'<link rel="canonical" href="{escape(meta["canonical"])}">\n')
    # Property names are this module's own ASCII constants: only the values need escaping.
    lines += [f'<meta property="{p}" content="{escape(v)}">\n' for p, v in meta["og"]]
    lines.append('<meta name="twitter:card" content="summary">\n')
    lines += [f'<link rel="alternate" type="{escape(t)}" title="{escape(label)}: {title}" href="{escape(href)}">\n'
              for t, label, href in meta["feeds"]]
    lines += [f'<script type="application/ld+json">{_json_for_html(item)}</script>\n' for item in meta["jsonld"]]
    return Markup("".join(lines))


def _json_for_html(data) -> str:
    # Characters as they are (ensure_ascii=False): Vietnamese text as \u escapes doubled the
    # size of every page's JSON-LD. <, >, & and ' are still escaped, as Jinja's |tojson does.
    return _html_safe(json.dumps(data, sort_keys=True, ensure_ascii=False))


def _html_safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def page_meta(context) -> dict:
    config, page, lang = context["config"], context["page"], context["lang"]
    site = context["site"]
    meta = {
        "canonical": None, "og": [], "jsonld": [], "feeds": [],
    }
    og = [("og:site_name", config.site_name), ("og:title", page["title"]),
          ("og:type", context.get("og_type") or ("article" if isinstance(context.get("doc"), Document) else "website")),
          ("og:locale", OG_LOCALES.get(lang.code, lang.code))]
    if page.get("description"):
        og.append(("og:description", page["description"]))
    if config.site_url:
        meta["canonical"] = absolute(config, lang.prefix + canonical_path(page["path"]))
        og.append(("og:url", meta["canonical"]))
        image = context.get("og_image")
        if not (image and image.lower().endswith(OG_IMAGE_SUFFIXES)):
            image = lang.prefix + image_path(context["ctx"], _award_of(context)) if "ctx" in context else None
        if image:
            og.append(("og:image", absolute(config, image)))
        folder = feed_folder(page["path"])
        if folder:
            meta["feeds"] = [("application/rss+xml", "RSS", absolute(config, folder + "rss.xml")),
                             ("application/atom+xml", "Atom", absolute(config, folder + "atom.xml"))]
    meta["og"] = og
    meta["jsonld"] = structured_data(context, site, config, lang)
    return meta


def _award_of(context) -> str | None:
    """The award form a page is about, whose share image it names (pages/share_images.py):
    a recipient's, or the award of an award's list."""
    awardee = context.get("awardee")
    if isinstance(awardee, Awardee):
        return awardee.award
    award = context.get("award")
    return award.id if context.get("kind") == "award" and award is not None else None


def organization(site, body_id: str | None, config=None) -> dict | None:
    """schema.org GovernmentOrganization of an issuing or conferring body, with its parents."""
    body = site.bodies.get(body_id) if body_id else None
    if body is None:
        return None
    data = {"@type": "GovernmentOrganization", "name": body.name}
    if body.short and body.short != body.name:
        data["alternateName"] = body.short
    unit = site.units.get(body.locality) if body.locality else None
    if unit:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": unit.name}
    if body.parent and body.parent != body_id:
        parent = organization(site, body.parent)
        if parent:
            data["parentOrganization"] = parent
    return data


def structured_data(context, site, config, lang) -> list[dict]:
    out = []
    explicit = context.get("jsonld")
    if isinstance(explicit, dict):
        out.append(explicit)
    elif isinstance(explicit, list):
        out.extend(explicit)
    awardee = context.get("awardee") or context.get("recipient")
    doc = context.get("doc") or context.get("decision")
    if isinstance(awardee, Awardee):
        person = awardee_data(site, config, awardee)
        if person:
            out.append(person)
    elif isinstance(doc, Document):
        issuer = organization(site, doc.get("issuer"))
        if issuer:
            out.append(issuer)
    for item in out:
        item.setdefault("@context", "https://schema.org")
    return out


def awardee_data(site, config, awardee: Awardee) -> dict | None:
    """schema.org Person (individual) or Organization (collective) with the award it received."""
    decision = site.decisions.get(awardee.decision)
    if decision is None or awardee.revoked_by:
        return None  # a revoked award is not claimed anywhere, not even in page metadata
    data = {"@type": "Person" if awardee.kind == "individual" else "Organization", "name": awardee.name,
            "award": _award_text(site, decision, awardee)}
    if awardee.kind == "individual":
        if awardee.position:
            data["jobTitle"] = awardee.position
        if awardee.unit:
            data["affiliation"] = {"@type": "Organization", "name": awardee.unit}
    elif awardee.unit and awardee.unit != awardee.name:
        data["parentOrganization"] = {"@type": "Organization", "name": awardee.unit}
    if config.site_url:
        data["url"] = absolute(config, awardee_path(awardee))
    # The conferring body by name only: its parents and area are on the decision's page (the
    # document's url), and repeating them on 100,000 recipient pages cost 30 MB.
    body = site.bodies.get(decision.get("issuer") or "")
    if body is not None:
        conferrer = {"@type": "GovernmentOrganization", "name": body.name}
        data["subjectOf"] = {"@type": "DigitalDocument", "name": f"{decision.type_name} {decision.reference}".strip(),
                             "author": conferrer}
        if config.site_url:
            data["subjectOf"]["url"] = absolute(config, urls.decision_folder(decision.id))
    return data


def _award_text(site, decision, awardee: Awardee) -> str:
    """JSON-LD `award`: the form's Vietnamese label and the decision that conferred it."""
    award = site.awards.get(awardee.award) if awardee.award else None
    label = award.label_in("vi") if award else ""
    reference = f"Quyết định số {decision.reference}" if decision.number else decision.title
    return f"{label} ({reference})" if label else reference


class DecisionParts:
    """The JSON-LD parts of each decision (awardee_jsonld), for the site being built: one
    site at a time, referred to weakly so that a development server's old sites go."""

    def __init__(self):
        self._site = lambda: None
        self._config = None
        self.by_decision: dict[str, dict] = {}  # decision id -> {"subject": ..., "awards": {award: ...}}

    def of(self, site, config) -> dict[str, dict]:
        if self._site() is not site or self._config is not config:
            self._site, self._config, self.by_decision = weakref.ref(site), config, {}
        return self.by_decision


_DECISION_PARTS = DecisionParts()


def awardee_jsonld(site, config, awardee: Awardee) -> str | None:
    """`_json_for_html` of awardee_data() with its @context, for 100,000 recipient pages: the
    decision's parts (the conferring document, each award's text) are serialised once per
    decision, the recipient's strings each with json's own string encoder, keys in sorted
    order. `_html_safe` works character by character, so the parts are made safe one by one."""
    decision = site.decisions.get(awardee.decision)
    if decision is None or awardee.revoked_by:
        return None  # as awardee_data
    by_decision = _DECISION_PARTS.of(site, config)
    parts = by_decision.get(decision.id)
    if parts is None:  # the same for every recipient of the decision
        whole = awardee_data(site, config, awardee).get("subjectOf")
        subject = ', "subjectOf": ' + json.dumps(whole, sort_keys=True, ensure_ascii=False) if whole else ""
        parts = by_decision[decision.id] = {"subject": _html_safe(subject), "awards": {}}
    award = parts["awards"].get(awardee.award)
    if award is None:
        award = parts["awards"][awardee.award] = _html_safe(encode_basestring(_award_text(site, decision, awardee)))
    out = ['{"@context": "https://schema.org", "@type": ']
    if awardee.kind == "individual":
        out.append('"Person"')
        if awardee.unit:
            out.append(', "affiliation": {"@type": "Organization", "name": ' + _safe_string(awardee.unit) + "}")
        out.append(', "award": ' + award)
        if awardee.position:
            out.append(', "jobTitle": ' + _safe_string(awardee.position))
        out.append(', "name": ' + _safe_string(awardee.name))
    else:
        out.append('"Organization", "award": ' + award)
        out.append(', "name": ' + _safe_string(awardee.name))
        if awardee.unit and awardee.unit != awardee.name:
            out.append(', "parentOrganization": {"@type": "Organization", "name": ' + _safe_string(awardee.unit) + "}")
    out.append(parts["subject"])
    if config.site_url:
        out.append(', "url": ' + _safe_string(absolute(config, awardee_path(awardee))))
    out.append("}")
    return "".join(out)


_UNSAFE = frozenset("<>&'")


def _safe_string(text: str) -> str:
    """A JSON string literal, safe in <script> (_html_safe), without four replace passes over
    the many names that need none."""
    literal = encode_basestring(text)
    return _html_safe(literal) if not _UNSAFE.isdisjoint(text) else literal
