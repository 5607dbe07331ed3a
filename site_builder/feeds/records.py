"""What feeds, calendars, open data and the sitemap publish: one selection for all of them.

Every output of this package takes its records from here (recipients from the honor roll's
own rule, awardees.active_awardees), so a revoked award or an expired
message is left out of the RSS feed, the Atom feed, the JSON, the CSV and the sitemap alike.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import urls
from ..pages.consultations import OPEN, consultation_path, published_consultations
from ..pages.messages import message_path, published_messages


def unlisted_paths(site) -> set[str]:
    """Recipient pages that stay but are never listed: revoked awards' (saying the award was
    annulled) and moved addresses' (redirecting to the recipient's page now)."""
    return {urls.awardee_path(a) for d in site.decisions.values() for a in d.awardees if a.revoked_by} | {
        urls.recipient_path(decision, old) for decision, moves in site.moved.items() for old in moves}


def absolute(config, path: str) -> str:
    """The absolute URL of a site path ("" path = home). Needs config.site_url."""
    return config.site_url.rstrip("/") + "/" + path


def printed_address(config, path: str) -> str:
    """A page's address as a reader types it from paper: absolute with a site_url, else
    from the site's root."""
    return absolute(config, path) if config.site_url else config.base_path + path


def doc_day(value) -> dt.date | None:
    """A document date as a calendar day: partial dates take the first day of their period."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date(value.year, value.month or 1, value.day or 1)


@dataclass
class Item:
    """One entry of a feed."""
    key: str  # stable id: collection/id
    path: str  # site path of its page
    title: str
    date: dt.date
    summary: str = ""
    author: str = ""
    categories: list[str] = field(default_factory=list)
    campaign: str | None = None


def _issuer_name(site, entry) -> str:
    body = site.bodies.get(entry.get("issuer"))
    return body.name if body else ""


def _doc_item(ctx, doc) -> Item:
    site = ctx.site
    title = f"{doc.type_name} {doc.reference}: {doc.title}" if doc.reference.strip("/") else doc.title
    campaign = doc.get("campaign")
    if doc.collection == "decision" and not campaign:
        plan = site.document(doc.get("plan")) if doc.get("plan") else None
        campaign = plan.get("campaign") if plan else None
    return Item(key=f"{doc.collection}/{doc.id}", path=ctx.doc_path(doc), title=title, date=doc_day(doc.date),
                summary=doc.get("summary", ""), author=_issuer_name(site, doc),
                categories=[site.campaigns[campaign].name] if campaign in site.campaigns else [],
                campaign=campaign)


def _message_item(ctx, message) -> Item:
    site = ctx.site
    campaign = message.get("campaign")
    # A message is news on the day it comes into force; without a start, on its publish date.
    date = message.get("valid_from") or message.publish_date or site.config.today
    return Item(key=f"message/{message.id}", path=message_path(message), title=message.title, date=date,
                summary=message.get("summary", ""), author=_issuer_name(site, message) or site.config.site_name,
                categories=[site.campaigns[campaign].name] if campaign in site.campaigns else [],
                campaign=campaign)


def _consultation_item(ctx, consultation) -> Item:
    site = ctx.site
    campaign = consultation.get("campaign")
    # News on the day comments open; the window is in the summary, the candidates are not.
    window = f"{consultation.opens.isoformat()} – {consultation.closes.isoformat()}" \
        if consultation.opens and consultation.closes else ""
    summary = " ".join(part for part in (window, consultation.get("summary", "")) if part)
    return Item(key=f"consultation/{consultation.id}", path=consultation_path(consultation),
                title=consultation.title, date=consultation.opens or site.config.today, summary=summary,
                author=_issuer_name(site, consultation) or site.config.site_name,
                categories=[site.campaigns[campaign].name] if campaign in site.campaigns else [],
                campaign=campaign)


def _newest_first(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.date, i.key), reverse=True)


def collections(ctx) -> dict[str, list[Item]]:
    """Feed items per collection: documents (plans), decisions, messages in force, open
    consultations."""
    site = ctx.site
    return {
        "documents": _newest_first([_doc_item(ctx, d) for d in site.plans.values()]),
        "decisions": _newest_first([_doc_item(ctx, d) for d in site.decisions.values()]),
        # Feeds announce what is in force: expired messages live on in the archive page only.
        "messages": _newest_first([_message_item(ctx, m) for m in published_messages(site)["current"]]),
        # Like messages: a consultation is announced while comments are taken; once closed it
        # stays on its page and in the archive part of /lay-y-kien/ only.
        "consultations": _newest_first([_consultation_item(ctx, c) for c in published_consultations(site)[OPEN]]),
    }


def campaign_ids(site, campaign_id: str) -> set[str]:
    """A campaign and every local campaign that answers to it."""
    ids = {campaign_id}
    changed = True
    while changed:
        changed = False
        for c in site.campaigns.values():
            if c.parent in ids and c.id not in ids:
                ids.add(c.id)
                changed = True
    return ids


def by_campaign(ctx) -> dict[str, list[Item]]:
    """Every item of every collection, per campaign (its local campaigns included)."""
    everything = [item for items in collections(ctx).values() for item in items]
    out = {}
    for campaign_id in ctx.site.campaigns:
        ids = campaign_ids(ctx.site, campaign_id)
        out[campaign_id] = _newest_first([i for i in everything if i.campaign in ids])
    return out
