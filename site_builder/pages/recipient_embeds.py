"""Embeddable recipient cards: one file of cards beside each decision page, not one per recipient.

On a site a portal may frame (`frame_ancestors`; none otherwise: issue 24), every page gets
a chrome-less `nhung.html` beside it (render/embed.py), but recipient pages are the bulk of
the site (100,000 x languages) and a second file for each would double the
build's writes. Instead each page of a decision's roll (100 recipients at most, the same
pages as /khen-thuong/<decision>/trang/N/) gets one embed file:

  /khen-thuong/<decision>/nhung-nguoi.html            recipients of page 1 (all of them, for
                                                       a decision of up to 100 recipients)
  /khen-thuong/<decision>/trang/N/nhung-nguoi.html    recipients of page N

holding a compact card per active recipient with id="<recipient id>". CSS shows only the
card the address points at (`:target`), so `nhung-nguoi.html#<recipient id>` is the
recipient's embed without any JavaScript; with no fragment (or one that matches nothing,
e.g. after a correction moved the recipient to another page) the file shows its list of
names, each a link to its card. Cutting at the decision pages keeps a file under about
150 KB however large the decision: the iframe downloads every card to show one.

The file is written with the same shell as the other embeds (html class="embed" with the
allowed parent origins for child.js, base target _top, noindex); its canonical address is
the decision page the cards come from, the one page that holds all of them.
"""
from __future__ import annotations

from functools import partial

from markupsafe import Markup, escape

from ..embedding import allowed_origins
from ..render.escaping import awardee_fields, escape_text, escaped_achievement
from ..render.embed import shell_attributes, site_base
from ..render.pages import PageBatch, PageSpec, PageTypeHooks
from ..honor.index import index_of, pages_of
from ..urls import cards_file
from .honor_roll import decision_path, facts_of
from ..runtime.keys import cards_key

def cards_path(decision_id: str, page: int = 1) -> str:
    """Path (without language prefix) of the embed file holding a decision page's cards."""
    return cards_file(decision_path(decision_id, page))


def card_path(awardee, page: int) -> str:
    """'khen-thuong/<decision>/nhung-nguoi.html#<recipient>': one recipient's embed."""
    return f"{cards_path(awardee.decision, page)}#{awardee.id}"


def card_path_of(ctx, awardee) -> str | None:
    """The embed address of an active recipient, None when it has no card (revoked)."""
    roll = index_of(ctx).rolls.get(awardee.decision)
    page = roll.page_of.get(awardee.id) if roll else None
    return card_path(awardee, page) if page else None


def pages(ctx, lang):
    """One batch per decision (render/pages.py PageBatch): its card files are kept or made
    together, and only by the worker that renders them. None on a site no origin may frame
    (`frame_ancestors` empty): its recipient pages show no embed code (issue 24); none in a
    language without recipient pages and lists of people (config recipient_pages)."""
    if not allowed_origins(ctx.config):
        return
    index = index_of(ctx)
    facts = facts_of(ctx, lang)
    if not facts.links.people_here:
        return  # nor in a language whose decision pages are summaries (config recipient_pages)
    for decision in index.decisions:
        roll = index.rolls[decision.id]
        if not roll.rows:
            continue  # a decision that only revokes: nobody to show
        yield PageBatch(name=f"cards/{decision.id}", key=partial(cards_key, roll, facts.decision[decision.id]),
                        specs=partial(_card_files, ctx, lang, facts, decision))


def _card_files(ctx, lang, facts, decision):
    config = ctx.config
    shell = shell_attributes(allowed_origins(config))
    base = site_base(config) or config.base_path
    labels = {k: escape(lang.t(k)) for k in ("position", "unit", "place", "achievement", "recipient_card_full")}
    roll = index_of(ctx).rolls[decision.id]
    info = facts.decision[decision.id]
    chunks = pages_of(roll.rows)
    for number, chunk in enumerate(chunks, start=1):
        others = [(n, cards_path(decision.id, n)) for n in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
        root = "../" * (cards_path(decision.id, number).count("/") + lang.prefix.count("/"))
        relative = escape_text(root + lang.prefix)  # to recipient pages, in this language
        yield PageSpec(
            path=cards_path(decision.id, number), template="honor/recipient_cards.html",
            title=info["ref"] if len(chunks) == 1 else f"{info['ref']} ({lang.t('page_n', n=number)})",
            embed=False,
            context={
                "d": info, "frame_attrs": shell, "number": number, "others": others,
                "cards_html": Markup("".join(
                    card_html(a, facts.award_html[a.award], facts.place_html[a.locality], labels, relative)
                    for a in chunk)),
                "index_html": Markup("".join(_index_item(a) for a in chunk)),
                "canonical": base + lang.prefix + decision_path(decision.id, number),
            })


def card_html(a, award_label: str, place: str, labels: dict, base: str) -> str:
    """One recipient's card, escaped as the template escapes: the award label and the place
    already escaped, `base` (page root + the language prefix) too. Cards are made only in a
    language with recipient pages (config recipient_pages): the link stays in it."""
    f = awardee_fields(a)
    out = [f'<article class="rcard recipient" id="{f.id}">\n<p class="award-badge">{award_label}</p>\n'
           f'<h1 lang="vi">{f.name}</h1>\n<dl class="facts">\n']
    if a.position:
        out.append(f'<dt>{labels["position"]}</dt><dd lang="vi">{f.position}</dd>')
    if a.unit:
        out.append(f'<dt>{labels["unit"]}</dt><dd lang="vi">{f.unit}</dd>')
    if place:
        out.append(f'<dt>{labels["place"]}</dt><dd>{place}</dd>')
    if a.achievement:
        out.append(f'<dt>{labels["achievement"]}</dt><dd lang="vi">{escaped_achievement(a)}</dd>')
    out.append(f'</dl>\n<p><a href="{base}{f.href}">{labels["recipient_card_full"]}</a></p>\n</article>\n')
    return "".join(out)


def _index_item(a) -> str:
    f = awardee_fields(a)
    return f'<li><a href="#{f.id}" target="_self" lang="vi">{f.name}</a></li>\n'


PAGE_TYPE = PageTypeHooks("recipient_embeds", pages=pages)
