"""What a page tells search engines, link previews (Zalo, Facebook) and feed readers.

`page_discovery` is a Jinja global (render/env.py) used by templates/partials/discover.html
in base.html's <head>: canonical URL, Open Graph, schema.org JSON-LD and feed links. It reads
the page's own template variables, so page types need not pass anything; a page may add
`og_type`, `og_image` (a path under content/) or `jsonld` (a dict or a list) to its context.
Without an og_image, a page names the share image of its award form (a recipient's, an
award's list), else the site's (pages/share_images.py).
A recipient's page, made without Jinja (pages/recipient_page.py) but to the same lines,
says less (RECIPIENT_OG, issue 24): it is one page per award, the bulk of a site's bytes.
"""
from __future__ import annotations

import json

import jinja2
from markupsafe import Markup, escape

from .. import urls
from ..content.model import Awardee, Document
from ..pages.share_images import image_path
from .records import absolute

OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "km": "km_KH"}
# What a recipient's page tells link previews: the title, type, description and image a
# Zalo or Facebook card shows. Not og:url (its canonical link, the address a crawler fetched,
# says it), og:site_name or og:locale (the card names the host; the page is in the site's
# language), nor JSON-LD repeating its facts (the decision's open data has them as records):
# 1.0 KB of 6.5 on each of a province's 50,000 pages (docs/honor-roll.md, "What a recipient's
# page carries").
RECIPIENT_OG = ("og:title", "og:type", "og:description", "og:image")
# A decision's pages say as little (a context's `og_keys`): a province's decisions are mostly
# of a few awards, so their lines are paid per recipient too (issue 24); they keep their
# issuer's JSON-LD (docs/open-data.md).
DECISION_OG = RECIPIENT_OG
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
    recipient = isinstance(context.get("awardee"), Awardee)
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
    keys = RECIPIENT_OG if recipient else context.get("og_keys")
    meta["og"] = [item for item in og if item[0] in keys] if keys else og
    meta["jsonld"] = [] if recipient else structured_data(context, site, config, lang)
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
    doc = context.get("doc") or context.get("decision")
    if isinstance(doc, Document):
        issuer = organization(site, doc.get("issuer"))
        if issuer:
            out.append(issuer)
    for item in out:
        item.setdefault("@context", "https://schema.org")
    return out
