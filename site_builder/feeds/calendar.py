"""iCalendar (RFC 5545) files of plan phases and deadlines, so an office can subscribe to them.

Written by hand (the format is small) to keep the runtime free of another dependency:
all-day events, escaped text, lines folded at 75 octets without cutting a UTF-8 character,
CRLF line ends. DTSTAMP is the plan's own date, not the clock, so rebuilding unchanged
content gives the same file and calendar apps see no false changes.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from .. import urls
from ..i18n import Lang
from .records import absolute, campaign_ids, doc_day


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces; continuation lines start with a space."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines carry one leading space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _host(config) -> str:
    return urlsplit(config.site_url).hostname or "site-builder.invalid"


def events_of(ctx, doc) -> list[dict]:
    """All-day events of one plan: each phase (start to end) and each deadline."""
    events = []
    # named as every page names it (Lang.doc_label), in the site's language: "Kế hoạch số
    # 85/KH-UBND"; without a number, "Kế hoạch của UBND tỉnh Sóc Trăng năm 2021"
    label = Lang(ctx.config.default_language).doc_label(doc, ctx.site.bodies, mark=False)
    for index, phase in enumerate(doc.get("phases", [])):
        start, end = phase.get("start"), phase.get("end")
        if not (start or end):
            continue
        events.append({"uid": f"{doc.id}-phase-{index + 1}", "start": start or end, "end": end or start,
                       "summary": f"{phase['name']} ({label})",
                       "description": f"{label}: {doc.title}" + (f"\n{phase['note']}" if phase.get("note") else "")})
    for index, deadline in enumerate(doc.get("deadlines", [])):
        events.append({"uid": f"{doc.id}-deadline-{index + 1}", "start": deadline["date"], "end": deadline["date"],
                       "summary": f"Hạn: {deadline['what']}", "description": f"{label}: {doc.title}"})
    return events


def calendar(ctx, name: str, docs) -> str:
    config = ctx.config
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//site-builder//Thi dua khen thuong//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    host = _host(config)
    for doc in sorted(docs, key=lambda d: (d.date.sort_key(), d.id)):
        stamp = doc_day(doc.date)
        for event in events_of(ctx, doc):
            lines += [
                "BEGIN:VEVENT",
                f"UID:{event['uid']}@{host}",
                f"DTSTAMP:{_day(stamp)}T000000Z",
                f"DTSTART;VALUE=DATE:{_day(event['start'])}",
                # DTEND of an all-day event is the day after the last day (exclusive).
                f"DTEND;VALUE=DATE:{_day(max(event['end'], event['start']) + dt.timedelta(days=1))}",
                f"SUMMARY:{escape(event['summary'])}",
                f"DESCRIPTION:{escape(event['description'])}",
            ]
            if config.site_url:
                lines.append(f"URL:{absolute(config, ctx.doc_path(doc))}")
            lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def paths(site) -> list[str]:
    """The calendar files: everything together, and one per campaign."""
    return [urls.ALL_CALENDAR] + [urls.campaign_calendar(campaign_id) for campaign_id in site.campaigns]


def calendars(ctx) -> dict[str, str]:
    """{output path: .ics text} of every path in paths()."""
    site = ctx.site
    out = {urls.ALL_CALENDAR: calendar(ctx, f"{site.config.site_name}: các đợt thi đua và thời hạn",
                                       site.plans.values())}
    for campaign in site.campaigns.values():
        ids = campaign_ids(site, campaign.id)
        docs = [d for d in site.plans.values() if d.get("campaign") in ids]
        out[urls.campaign_calendar(campaign.id)] = calendar(ctx, campaign.name, docs)
    return out
