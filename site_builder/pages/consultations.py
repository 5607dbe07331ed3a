"""Public consultations (lấy ý kiến nhân dân): proposal lists put out for comment.

Before orders, "Anh hùng" titles and Chiến sĩ thi đua toàn quốc are proposed, the list of
candidates is published for comment for a set time (docs/consultation.md). A consultation is
`upcoming` before its first day (`from`), `open` from that day to its last (`to`), both
included, and `closed` after it, as seen from the build's "today" (config.today, settable
with SITE_BUILDER_TODAY). Upcoming consultations are not published at all (previews show
them); open ones are on the home page, at the top of /lay-y-kien/, in its feed and in the
portal widget; closed ones move to the archive part of /lay-y-kien/ and keep their page. A
daily scheduled rebuild is what makes a consultation appear and move on its day.

Its candidates are shown on its own page only: they are not awardees, so nothing of the honor
roll (decision and recipient pages, browse pages, search, open data, award counts) reads
them; they live in `site.consultations`, never in a decision. Every output that shows
consultations calls `published_consultations` / `state_of`, so all of them agree.
"""
from __future__ import annotations

import datetime as dt

from .. import urls
from ..render.pages import PageSpec, PageTypeHooks

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"


def state_of(consultation, today: dt.date) -> str:
    opens, closes = consultation.opens, consultation.closes
    if opens and today < opens:
        return UPCOMING
    if closes and today > closes:
        return CLOSED
    return OPEN


def days_left(consultation, today: dt.date) -> int | None:
    """Days after today that comments are still taken (0 on the last day); None without `to`."""
    return (consultation.closes - today).days if consultation.closes else None


def published_consultations(site) -> dict[str, list]:
    """{open, closed, upcoming}: open ones closing soonest first, closed ones most recently
    closed first; upcoming is empty except in preview builds."""
    today = site.config.today
    groups = {OPEN: [], CLOSED: [], UPCOMING: []}
    for consultation in site.consultations.values():
        groups[state_of(consultation, today)].append(consultation)
    if not site.config.preview:
        groups[UPCOMING] = []
    far = dt.date.max
    groups[OPEN].sort(key=lambda c: (c.closes or far, c.id))
    groups[UPCOMING].sort(key=lambda c: (c.opens or far, c.id))
    groups[CLOSED].sort(key=lambda c: (c.closes or dt.date.min, c.id), reverse=True)
    return groups


def consultation_path(consultation) -> str:
    return urls.consultation_page(consultation.id)


def view(site, consultation, lang) -> dict:
    """What a template shows about one consultation, in one language."""
    today = site.config.today
    return {
        "consultation": consultation,
        "title": lang.field(consultation, "title"),
        "summary": lang.field(consultation, "summary"),
        "content_lang": lang.content_lang(consultation),
        "state": state_of(consultation, today),
        "days_left": days_left(consultation, today),
        "issuer": site.bodies.get(consultation.get("issuer")),
        "award": site.awards.get(consultation.get("award")),
        "contact": consultation.get("contact") or {},
        "path": consultation_path(consultation),
    }


def open_views(site, lang) -> list[dict]:
    """The open consultations as the home page and the portal widget show them."""
    return [view(site, c, lang) for c in published_consultations(site)[OPEN]]


def pages(ctx, lang):
    site = ctx.site
    groups = published_consultations(site)
    views = {state: [view(site, c, lang) for c in groups[state]] for state in groups}
    for state in (OPEN, UPCOMING, CLOSED):
        for item in views[state]:
            consultation = item["consultation"]
            candidates = [{"awardee": a, "award": site.awards.get(a.award), "place": site.units.get(a.locality)}
                          for a in consultation.candidates]
            yield PageSpec(path=item["path"], template="consultations/page.html", title=item["title"],
                           description=item["summary"], content_lang=item["content_lang"],
                           context={"view": item, "candidates": candidates, "og_type": "article"})
    sections = [{"state": state, "items": views[state]} for state in (OPEN, UPCOMING, CLOSED)]
    yield PageSpec(path=urls.CONSULTATIONS, template="consultations/list.html", title=lang.t("consultations"),
                   description=lang.t("consultations_intro"), context={"sections": sections})


PAGE_TYPE = PageTypeHooks("consultations", pages=pages)
