"""Honor-roll pages: one per decision, one per recipient, and browse pages.

URLs (docs/architecture.md, docs/honor-roll.md):
  /khen-thuong/                               overview: counts by award, place, campaign, year
  /khen-thuong/<decision>/ (+ trang/N/)       the decision, laid out as the official document,
                                              with its list in the order of its signed annex
  /khen-thuong/<decision>/in/                 the same with the whole list on one page, for print
                                              (a decision of more than 100 awards only)
  /khen-thuong/<decision>/<recipient>.html    one shareable page per recipient (urls.py)
  /khen-thuong/hinh-thuc/<award>/             by award form
  /khen-thuong/dia-phuong/ and /<unit>/       by place, as recorded and as units are today
  /khen-thuong/phong-trao/<campaign>/         by campaign and phase
  /khen-thuong/nam/<year>/                    by year

Everything shared between pages is computed once (honor_index.build_index and the per-
language `Facts` below), so a recipient page costs a few dictionary look-ups plus its small
template.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import urls
from ..urls import awardee_path
from ..honor.awardees import find_awardee, is_active
from ..content.safe_files import leaves, too_large
from functools import partial

from ..render.pages import PageBatch, PageSpec, PageTypeHooks
from ..render.escaping import awardee_fields, escaped
from ..text.one_line import one_line
from ..rules.corrections import recipient_of
from ..rules.revocation import revocation_of
from ..honor.verification import assign_codes, code_of
from ..feeds.records import absolute, printed_address
from ..feeds.discover import DECISION_OG
from . import recipient_page
from .documents import header_of
from ..honor.index import PER_PAGE, has_print_view, index_of, pages_of
from .honor_rows import Cells, TableRows
from .honor_jump import group_of, jump_list
from ..runtime.keys import (
    awardee_content_stamps, awardee_stamp, decision_key, entry_stamp, list_key, recipients_key, summary_key,
)

# Recipient pages are the bulk of the site (100,000 x languages); an embed copy of each would
# double it. Their embed is a card in one file per decision page instead
# (pages/recipient_embeds.py: khen-thuong/<decision>/nhung-nguoi.html#<recipient>).
EMBED_RECIPIENT_PAGES = False


def decision_path(decision_id: str, page: int = 1) -> str:
    return urls.paged(urls.decision_folder(decision_id), page)


class Facts:
    """Per-language strings about decisions, awards and units, computed once per build."""

    def __init__(self, ctx, lang):
        site = ctx.site
        self.lang = lang
        self.award_label = {a.id: a.label_in(lang.code) for a in site.awards.values()}
        self.unit_name = {u.id: (getattr(u, f"name_{lang.code}", None) or u.name) for u in site.units.values()}
        self.places = index_of(ctx).places  # where each unit lies today (honor/places.py)
        # A language's award labels and place names escaped, each once, for every row and card
        # that shows them: facts.award_html[award id] (its id when the data has no label),
        # facts.place_html[unit id] ("" without one).
        self.award_html = Cells(lambda award: escaped(self.award_label.get(award, award or "")))
        self.place_html = Cells(lambda unit: escaped(self.unit_name.get(unit, "")) if unit else "")
        # Every decision's reference in this language as one digest (runtime/keys.py references_stamp).
        self.references_stamp: str | None = None
        self.decision = {}
        for d in site.decisions.values():
            body = site.bodies.get(d.get("issuer"))
            translation = d.translations.get(lang.code)
            title = (translation.meta.get("title") if translation else None) or d.title
            number = lang.doc_label(d, site.bodies, mark=False)
            self.decision[d.id] = {
                "id": d.id, "path": decision_path(d.id), "ref": number, "title": title,
                # a list row's decision column: "288/QĐ-UBND" (None without a number)
                "number": d.reference if d.number else None,
                "date": lang.date(d.get("date")), "issuer": (body.short or body.name) if body else "",
                "issuer_name": body.name if body else "",
            }
        # How this language's lists, cards and notes link recipient pages (config recipient_pages).
        self.links = recipient_page.RecipientLinks(site.config, lang)
        self.rows = TableRows(self)  # this language's table rows (honor_rows.py)

    def split_note(self, unit_id: str) -> str:
        """"một phần xã Đại Mạch cũ": a unit that was split, named within a sentence."""
        return self.lang.t("place_part_of_former", name=in_sentence(self.unit_name.get(unit_id, unit_id)))

    def campaign_name(self, campaign) -> str:
        return getattr(campaign, f"name_{self.lang.code}", None) or campaign.name


# The words a Vietnamese unit name begins with, written in lower case within a sentence
# ("một phần xã Đại Mạch cũ"); a name without one (an English name) is left as it is.
UNIT_TYPE_WORDS = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ", "Thị xã ", "Thành phố ", "Huyện ", "Quận ", "Tỉnh ")


def in_sentence(name: str) -> str:
    """A unit's name as it reads inside a sentence: "Xã Đại Mạch" -> "xã Đại Mạch"."""
    return name[0].lower() + name[1:] if name.startswith(UNIT_TYPE_WORDS) else name


def facts_of(ctx, lang) -> Facts:
    facts = ctx.honor_facts.get(lang.code)
    if facts is None:
        facts = ctx.honor_facts[lang.code] = Facts(ctx, lang)
    return facts


def pages(ctx, lang):
    index = index_of(ctx)
    facts = facts_of(ctx, lang)
    stamp_all(ctx)
    yield from _decision_pages(ctx, lang, index, facts)
    yield from _recipient_batches(ctx, lang, index, facts)
    yield from _browse_pages(ctx, lang, index, facts)


def prepare(ctx) -> None:
    """The honor index, which pages, CSV downloads, open data and the search index all read:
    built before the data process forks (render/renderer.py), not once in each process; and
    every award's verification code, which recipient pages show (honor/verification.py)."""
    index_of(ctx)
    assign_codes(ctx.site)


def stamp_all(ctx) -> None:
    """Every awardee's content stamps (runtime/keys.py: read with its sheet, made here for one
    written in frontmatter or corrected), jump-list group (honor_jump.py group_of) and,
    on a full build, escaped fields (render/escaping.py), once, before the first page: this
    runs in the warm-up, before the workers fork, so they inherit them instead of each
    recomputing 100,000 of them for the keys of every page they walk and for every list a
    recipient is in."""
    if ctx.awardees_stamped:
        return
    # Escaped fields only serve pages being rendered: worth making up front on a full build
    # (once for every list and language), not on one that keeps nearly every page.
    escape_too = ctx.full_build
    for decision in ctx.site.decisions.values():
        for a in decision.awardees:
            awardee_content_stamps(a)
            group_of(a)
            if escape_too:
                awardee_fields(a)
    ctx.awardees_stamped = True


# ---- decisions ---------------------------------------------------------------------------

def _decision_pages(ctx, lang, index, facts):
    site = ctx.site
    for decision in index.decisions:
        roll = index.rolls[decision.id]
        info = facts.decision[decision.id]
        translation = decision.translations.get(lang.code)
        chunks = pages_of(roll.rows)
        revokes = []
        for item in decision.get("revokes", []):
            target = site.decisions.get(item.get("decision"))
            awardee = recipient_of(site, target.id, item.get("recipient") or "") if target else None
            if awardee is not None and awardee.revoked_by == decision.id:
                revokes.append({"awardee": awardee, "decision": facts.decision[target.id], "reason": item.get("reason")})
        corrects = _corrects(site, facts, decision)
        printable = has_print_view(decision)
        # The print view is made in the site's language only: it prints the official document,
        # which is Vietnamese (docs/honor-roll.md, "Printing a decision"); another language's
        # pages link that one (from the site's root, without their prefix).
        print_path = urls.decision_print_page(decision.id)
        common = {
            "doc": decision, "doc_title": info["title"], "header": header_of(ctx, decision), "info": info,
            "roll": roll, "facts": facts, "translated": bool(translation), "revokes": revokes, "corrects": corrects,
            "plan": site.document(decision.get("plan") or ""),
            "campaign": site.campaigns.get(index.campaign_of.get(decision.id) or ""),
            "revoked_by": [facts.decision[i] for i in roll.revoked_by if i in facts.decision],
            "csv": urls.recipients_file(decision.id, "csv"), "pager": None,
            # (a list that fits on the decision's page prints whole from it: no print view)
            "print_page": print_path if printable else None,
            "print_lang": None if lang.code == lang.default else lang.default,
            "print_address": printed_address(ctx.site.config, print_path),
            "og_keys": DECISION_OG,  # no og:url, og:site_name, og:locale (issue 24)
        }
        title = f"{info['ref']}: {info['title']}" if decision.reference.strip("/") else info["title"]
        extra = ([awardee_stamp(r["awardee"]) for r in revokes],
                 [(awardee_stamp(c["awardee"]), c["decision"]) for c in corrects],
                 entry_stamp(common["plan"]), index.campaign_of.get(decision.id))
        if not facts.links.people_here:
            yield _decision_summary(ctx, lang, decision, roll, info, common, title, translation, extra)
            continue
        for number, chunk in enumerate(chunks, start=1):
            offset = (number - 1) * PER_PAGE
            context = dict(common)
            # A page's share of the annex, in its order; its first group, when it goes on from
            # the page before, is headed again.
            context.update({
                "rows": chunk, "numbers": roll.numbers[offset:offset + PER_PAGE],
                "group_before": roll.rows[offset - 1].group if offset else None,
                "first_row": offset + 1, "last_row": offset + len(chunk),
                "pager": _pager(decision_path(decision.id), number, len(chunks)),
                "first_page": number == 1,
            })
            yield PageSpec(
                path=decision_path(decision.id, number), template="honor/decision.html",
                title=title if number == 1 else f"{title} ({lang.t('page_n', n=number)})",
                description=decision.get("summary", "") or lang.t("decision_count_line", count=roll.count),
                content_lang=lang.code if translation or lang.code == "vi" else "vi", context=context,
                key=partial(decision_key, ctx, decision, roll, info, (number, len(chunks), *extra)),
                elsewhere=facts.links.later_page(decision_path(decision.id), number),
                **later_page_embed(decision_path(decision.id), number))
        # Printing a paged list would print one page of it: the print view holds the whole
        # annex, without pager or site chrome (docs/honor-roll.md, "Printing a decision").
        if not printable or lang.code != lang.default:
            continue
        yield PageSpec(
            path=urls.decision_print_page(decision.id), template="honor/decision.html",
            title=lang.t("print_view_title", title=title), description=lang.t("decision_count_line", count=roll.count),
            content_lang=lang.code if translation or lang.code == "vi" else "vi", embed=False,
            elsewhere=decision_path(decision.id),  # made in this language only: the others' decision page
            context={**common, "rows": roll.rows, "numbers": roll.numbers, "group_before": None, "first_row": 1,
                     "last_row": roll.count, "first_page": True, "print_view": True},
            key=partial(decision_key, ctx, decision, roll, info, ("print", *extra)))


def _decision_summary(ctx, lang, decision, roll, info, common, title, translation, extra) -> PageSpec:
    """A decision's page in a language without the lists of people (config `recipient_pages`,
    docs/honor-roll.md "The lists of people, in the site's language"): at the same address,
    the decision's facts in this language (its summary, award forms and counts, signed
    original, what it annulled or corrected), its text only where it is translated, and a link
    to the list, with the text, in the site's language. No rows, pages 2+, print view or
    embed variant: the rows are the same Vietnamese names, units and achievements in every
    language, and their copies were a sixth of a province's bytes (issue 24)."""
    site_page = decision_path(decision.id)
    context = dict(common, rows=(), numbers=(), group_before=None, first_page=True, print_page=None,
                   summary={"path": site_page, "lang": lang.default, "count": roll.count,
                            "text": bool(translation)})
    return PageSpec(
        path=site_page, template="honor/decision.html", title=title,
        description=decision.get("summary", "") or lang.t("decision_count_line", count=roll.count),
        content_lang=lang.code, context=context, embed=False,
        key=partial(decision_key, ctx, decision, roll, info, ("summary", bool(translation), *extra)))


def _corrects(site, facts, decision) -> list[dict]:
    """What a correction decision corrected, for its own page: each recipient (linked to its
    page unless the award was since annulled), the corrected decision, the field, old and new."""
    found = []
    for item in decision.get("corrects", []):
        target = site.decisions.get(item.get("decision") or "")
        awardee = recipient_of(site, target.id, item.get("recipient") or "") if target else None
        for c in (awardee.corrections if awardee is not None else ()):
            if c.decision == decision.id and c.field == item.get("field"):
                found.append({"awardee": awardee, "decision": facts.decision[target.id], "field": c.field,
                              "old": facts.unit_name.get(c.old, c.old) if c.field == "locality" else c.old,
                              "new": facts.unit_name.get(c.new, c.new) if c.field == "locality" else c.new,
                              "page": None if awardee.revoked_by else awardee_path(awardee)})
                break
    return found


def later_page_embed(base: str, number: int) -> dict:
    """The embed fields of page `number` of the list at `base`: an embed shows a list's first
    page, whose pager opens the later pages on the site in the top window (the embed's
    <base target="_top">), so a later page has no nhung.html of its own (a third of the embed
    files of a long list, docs/embedding.md "Long lists"); its "Nhúng trang này" code is the
    first page's."""
    return {} if number == 1 else {"embed": False, "embed_src": urls.embed_file(base)}


@dataclass(slots=True)
class Pager:
    """Page `number` of `total` of a paged list: the pages its pager links (`pages`: (number,
    path), the first, the last and two either side), the previous and next page's paths.
    Attributes, not a dictionary: the pager macro reads them a dozen times a page, and each
    read of a dictionary's key as an attribute first raised an AttributeError in Jinja."""
    number: int
    total: int
    pages: list[tuple[int, str]]
    prev: str | None
    next: str | None


def _pager(base: str, number: int, total: int) -> Pager | None:
    if total <= 1:
        return None
    window = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    return Pager(number, total, [(n, urls.paged(base, n)) for n in window],
                 urls.paged(base, number - 1) if number > 1 else None,
                 urls.paged(base, number + 1) if number < total else None)


# ---- recipients --------------------------------------------------------------------------

def _recipient_batches(ctx, lang, index, facts):
    """One batch per decision: its recipients' pages are kept or written together (PageBatch),
    so an unchanged decision costs one key, however many recipients it has. They are made from
    stencils of their template, the theme's or ours (recipient_page.py). In the languages that
    have recipient pages only (config recipient_pages): by default the site's own; the former
    addresses and annulled awards' pages of the batch with them."""
    if not recipient_page.made_in(ctx.config, lang):
        return
    for decision in index.decisions:
        yield PageBatch(name=f"recipients/{decision.id}", key=partial(_recipients_key, ctx, index, facts, decision),
                        specs=partial(_recipient_pages, ctx, lang, index, facts, decision),
                        make=partial(_made_recipient_pages, ctx, lang, index, facts, decision))


def _recipients_key(ctx, index, facts, decision) -> str:
    """runtime/keys.py recipients_key, and the verification codes that are not the ids' own
    (a collision made them longer: honor/verification.py); every other code follows from the
    ids the key holds already."""
    longer = [code_of(a) for a in index.rolls[decision.id].rows if len(code_of(a)) > urls.VERIFY_CODE_LENGTH]
    return recipients_key(ctx, index, facts, decision) + ("\0" + repr(longer) if longer else "")


def _recipient_pages(ctx, lang, index, facts, decision):
    """Every recipient's page as a PageSpec (through the template)."""
    roll = index.rolls[decision.id]
    for a in roll.rows:
        yield _recipient_spec(lang, index, facts, decision, a)
    yield from _revoked_pages(ctx, lang, facts, decision)
    yield from _moved_pages(ctx, lang, decision)


def _made_recipient_pages(ctx, lang, index, facts, decision, kit_for):
    """The same pages made from stencils (recipient_page.Maker), but for recipients with a
    story or a correction's history and any the Maker leaves to Jinja."""
    roll = index.rolls[decision.id]
    info = facts.decision[decision.id]
    # Recipient pages are files in the decision's folder: the depth of its index.html.
    make = recipient_page.Maker(kit_for(decision_path(decision.id).count("/")), ctx.site, info,
                                partial(_recipient_spec, lang, index, facts, decision))
    told = index.stories.get(decision.id) or {}
    for a in roll.rows:
        if a.id in told or a.corrections:
            yield _recipient_spec(lang, index, facts, decision, a)
            continue
        label, place, list_path, card = _recipient_parts(facts, roll, a)
        page = make(a, label, recipient_description(label, info, a), place, list_path, card)
        yield page if page is not None else _recipient_spec(lang, index, facts, decision, a)
    yield from _revoked_pages(ctx, lang, facts, decision)
    yield from _moved_pages(ctx, lang, decision)


def _recipient_parts(facts, roll, a) -> tuple[str, str | None, str, str]:
    """What both routes show of a recipient: (award label, place name, the decision page
    listing it, its card's address)."""
    list_path = decision_path(a.decision, roll.page_of.get(a.id, 1))
    return (facts.award_label.get(a.award, a.award or ""), facts.unit_name.get(a.locality) if a.locality else None,
            list_path, urls.cards_file(list_path) + "#" + a.id)


def _recipient_spec(lang, index, facts, decision, a) -> PageSpec:
    info = facts.decision[decision.id]
    label, place, list_path, card = _recipient_parts(facts, index.rolls[decision.id], a)
    story = index.stories.get(decision.id, {}).get(a.id)
    photo = _photo_path(story, a) if story and story.get("photo") else None
    return PageSpec(
        path=awardee_path(a), template=recipient_page.TEMPLATE, title=recipient_page.title(a, label),
        description=recipient_description(label, info, a), embed=EMBED_RECIPIENT_PAGES, embed_src=card,
        elsewhere=facts.links.elsewhere(a),
        context={
            "awardee": a, "d": info, "award_label": label, "story": story, "place": place,
            "anchor": list_path + "#" + a.id, "links": recipient_page.links(a, list_path), "photo": photo, "og_type": "profile", "og_image": photo,
            "verify": urls.verification_page(code_of(a)), "verify_code": code_of(a),
            "history": history_of(facts, a),
        })


def history_of(facts, a) -> list[dict]:
    """The "Lịch sử" note of a corrected recipient: each correction, oldest first, with the
    correcting decision's facts (its page, reference and date) and the values as shown."""
    def shown(field: str, value: str) -> str:
        return facts.unit_name.get(value, value) if field == "locality" else value

    return [{"by": facts.decision[c.decision], "field": c.field, "old": shown(c.field, c.old),
             "new": shown(c.field, c.new)} for c in a.corrections if c.decision in facts.decision]


def _moved_pages(ctx, lang, decision):
    """The former addresses of the decision's recipients whose id changed (rules/moved_recipients.py):
    each a small page that sends the reader on to the recipient's page."""
    for old, (new, _name) in sorted(ctx.site.moved.get(decision.id, {}).items()):
        target = urls.recipient_path(decision.id, new)
        awardee = find_awardee(ctx.site, decision.id, new)
        yield PageSpec(
            path=urls.recipient_path(decision.id, old), template="honor/moved.html",
            title=awardee.name if awardee else new, description="", embed=False,
            context={"target": target, "awardee": awardee,
                     "canonical": absolute(ctx.site.config, lang.prefix + target) if ctx.site.config.site_url
                     else None})


def _revoked_pages(ctx, lang, facts, decision):
    info = facts.decision[decision.id]
    for a in decision.awardees:
        if a.revoked_by:
            revocation = revocation_of(ctx.site, a)
            yield PageSpec(
                path=awardee_path(a), template="honor/revoked.html", title=a.name,
                description=lang.t("revoked_title"), embed=False,
                elsewhere=facts.links.elsewhere(a),
                context={"awardee": a, "d": info, "by": facts.decision.get(revocation["decision"].id)})


def recipient_description(label: str, info: dict, a) -> str:
    """A recipient page's description (search snippet, og:description): the decision and the
    start of the achievement, within the 120 characters a search result shows on a phone. Not the award
    form: the title already names it (docs/honor-roll.md "What a recipient's page carries")."""
    return _shorten(f"{info['ref']}, {info['date']}, {info['issuer']}. {a.achievement or ''}", RECIPIENT_DESCRIPTION)


# Characters of a recipient page's description: what a search result on a phone shows of one
# (about 120; 160 on a wide screen), since the honor roll's readers search on phones. The page
# has it twice (description and og:description), and there is one page per award: 40 characters
# fewer are about 110 bytes a recipient (issue 24).
RECIPIENT_DESCRIPTION = 120


def _shorten(text: str | None, limit: int = 200) -> str:
    if not text:
        return ""
    if len(text) <= limit and "\n" not in text and "  " not in text:
        return text  # the common case, without splitting 100,000 achievements
    # Whitespace collapsed in a prefix is a prefix of the whole text collapsed: once that is
    # longer than the limit, the rest of a long achievement need not be split.
    head = one_line(text[:2 * limit])
    if len(head) <= limit:
        head = one_line(text)
    return head if len(head) <= limit else head[:limit].rsplit(" ", 1)[0] + "…"


def _photo_path(story, awardee) -> str:
    """Story photos are copied beside the recipient page (see write_data), so any shell serves them:
    `<recipient>-<photo file name>` in the decision's folder."""
    return awardee_path(awardee)[:-len(".html")] + "-" + story.get("photo").rsplit("/", 1)[-1]


# ---- browse ------------------------------------------------------------------------------

def _browse_pages(ctx, lang, index, facts):
    site = ctx.site
    history = index.places
    units_with_pages = sorted(set(index.recorded) | set(index.today), key=lambda u: _unit_sort(history, u))
    campaigns = _campaign_groups(site, index)
    years = {y: sum(index.rolls[d.id].count for d in ds) for y, ds in index.by_year.items()}
    cards = {u: _unit_card(index, facts, u) for u in units_with_pages}
    top_units = [cards[u] for u in units_with_pages if site.units[u].parent is None]
    latest = index.decisions[:10]
    # What the browse pages show besides documents and data: counts (runtime/keys.py summary_key).
    overview_counts = (index.collectives, index.total, [(a, len(rows)) for a, rows in index.by_award.items()],
                       top_units, [(cid, g["count"]) for cid, g in campaigns.items()], years,
                       [(d.id, index.rolls[d.id].count) for d in latest])
    yield PageSpec(path=urls.HONOR_ROLL, template="honor/overview.html", title=lang.t("honor_roll"),
                   description=lang.t("honor_overview_intro"), context={
                       "index": index, "facts": facts, "years": years, "campaigns": campaigns,
                       "top_units": top_units,
                       "latest": [facts.decision[d.id] | {"count": index.rolls[d.id].count} for d in latest],
                   }, key=partial(summary_key, ctx, overview_counts))
    for award_id, rows in index.by_award.items():
        base = urls.award_page(award_id)
        yield from _list_pages(lang, base, rows, facts, title=facts.award_label[award_id],
                               context={"kind": "award", "award": site.awards[award_id]})
    # Browse by today's units (their tree as it is today), and by the units of the records
    # that no longer exist (their tree as it was).
    yield PageSpec(path=urls.PLACES, template="honor/places.html", title=lang.t("browse_by_place"),
                   context={"facts": facts,
                            "today": [cards[u] for u in units_with_pages if not cards[u]["ceased"]],
                            "former": [cards[u] for u in units_with_pages if cards[u]["ceased"]]},
                   key=partial(summary_key, ctx, [cards[u] for u in units_with_pages]))
    for unit_id in units_with_pages:
        # A place lists its own awards and links to the units under it, with their counts: as
        # recorded for a unit that ended; as units are today for one in force, whose list holds
        # the awards of the former units that lie in it today (a note on each row says which).
        card = cards[unit_id]
        then = card["ceased"]
        rows = (index.recorded_own if then else index.today_own).get(unit_id, [])
        counts = index.recorded if then else index.today
        under = sorted((index.recorded_under if then else index.today_under).get(unit_id, ()),
                       key=lambda u: _unit_sort(history, u))
        subunits = [{"id": u, "name": facts.unit_name.get(u, u), "count": counts[u]} for u in under]
        former = [] if then else [
            {"id": u, "name": facts.unit_name.get(u, u), "count": index.recorded[u],
             "part": any(p.unit == unit_id and p.part for p in history.today(u))}
            for u in sorted(index.former.get(unit_id, ()), key=lambda u: _unit_sort(history, u))]
        yield from _list_pages(lang, urls.place_page(unit_id), rows, facts, title=card["name"],
                               context={"kind": "place", "card": card, "subunits": subunits, "former": former,
                                        "today_place": None if then else unit_id},
                               total=counts[unit_id])
    for campaign_id, groups in campaigns.items():
        campaign = site.campaigns[campaign_id]
        yield PageSpec(path=urls.honor_campaign_page(campaign_id), template="honor/campaign.html",
                       title=facts.campaign_name(campaign), description=campaign.summary or "",
                       context={"campaign": campaign, "groups": groups["groups"], "count": groups["count"],
                                "facts": facts, "index": index},
                       key=partial(summary_key, ctx, (groups["count"], [
                           (g["campaign"].id, g["plan"].id if g["plan"] else None, g["phase"], g["count"],
                            [(d.id, index.rolls[d.id].count) for d in g["decisions"]]) for g in groups["groups"]])))
    for year, decisions in index.by_year.items():
        counts: dict[str, int] = {}
        for d in decisions:
            for award_id, n in index.rolls[d.id].award_counts.items():
                counts[award_id] = counts.get(award_id, 0) + n
        yield PageSpec(path=urls.year_page(year), template="honor/year.html", title=lang.t("year_n", year=year),
                       context={"year": year, "decisions": decisions, "facts": facts, "index": index,
                                "count": years[year],
                                "award_counts": [(a, counts[a]) for a in site.awards if a in counts]},
                       key=partial(summary_key, ctx, (years[year], sorted(counts.items()),
                                                      [(d.id, index.rolls[d.id].count) for d in decisions])))


def _list_pages(lang, base, rows, facts, title, context, total: int | None = None):
    """A list cut into pages; `total`: the count the page announces (a place counts the
    units under it, whose awards it does not list)."""
    total = len(rows) if total is None else total
    if not facts.links.people_here:
        # A language without the lists of people (config recipient_pages): page 1 only, the
        # list's facts (a place's units, with their counts) and a link to the rows in the
        # site's language. Worth its file: every link of this language to a list (overview,
        # places, years, decisions' award forms) stays on a page in this language.
        summary = {"path": base, "lang": lang.default, "count": len(rows)}
        yield PageSpec(
            path=base, template="honor/list.html", title=title,
            description=lang.t("count_awards", count=lang.number(total)), embed=False,
            context={**context, "heading": title, "rows": (), "total": total, "facts": facts, "start": 0,
                     "pager": None, "jumps": None, "summary": summary},
            key=partial(list_key, (), facts, (sorted(context.items()), total, "summary", len(rows))))
        return
    chunks = pages_of(rows)
    # Where each group of the whole list begins (honor_jump.py): every page shows it.
    jumps = jump_list(rows, base, PER_PAGE, lang.t)
    jump_stamp = tuple((j.id, j.first) for j in jumps.links) if jumps else ()
    for number, chunk in enumerate(chunks, start=1):
        yield PageSpec(
            path=urls.paged(base, number), template="honor/list.html",
            title=title if number == 1 else f"{title} ({lang.t('page_n', n=number)})",
            description=lang.t("count_awards", count=lang.number(total)),
            context={**context, "heading": title, "rows": chunk, "total": total, "facts": facts,
                     "start": (number - 1) * PER_PAGE, "pager": _pager(base, number, len(chunks)), "jumps": jumps},
            key=partial(list_key, chunk, facts, (sorted(context.items()), total, number, len(chunks), jump_stamp)),
            elsewhere=facts.links.later_page(base, number), **later_page_embed(base, number))


def _unit_sort(history, unit_id):
    """A unit's place in a tree of units sorted by name: today's tree for a unit in force,
    the tree as it was for one that ended."""
    from ..text.sorting import vietnamese_key
    chain = history.recorded_chain(unit_id) if history.ended(unit_id) else history.today_chain(unit_id)
    return tuple(vietnamese_key(history.units[u].name) for u in reversed(chain))


def _unit_card(index, facts, unit_id) -> dict:
    history = index.places
    unit = history.units[unit_id]
    ceased = history.ended(unit_id)
    chain = history.recorded_chain(unit_id) if ceased else history.today_chain(unit_id)
    return {
        "id": unit_id, "name": facts.unit_name.get(unit_id, unit.name), "ceased": ceased, "until": unit.until,
        "code": unit.code,
        # where it lies today, each unit with whether only a part of this one does
        "now": [{"id": p.unit, "name": facts.unit_name.get(p.unit, p.unit), "part": p.part}
                for p in history.today(unit_id)] if ceased else [],
        "recorded": index.recorded[unit_id], "today": index.today[unit_id],
        "count": index.recorded[unit_id] if ceased else index.today[unit_id],
        "depth": len(chain) - 1,
    }


def _campaign_groups(site, index) -> dict:
    """campaign id -> {"count", "groups": [{"campaign", "plan", "phase", "decisions", "count"}]};
    a campaign's page also holds the decisions of the local campaigns under it."""
    direct: dict[str, list] = {}
    for d in index.decisions:
        cid = index.campaign_of.get(d.id)
        if cid in site.campaigns:
            direct.setdefault(cid, []).append(d)
    out = {}
    for cid in site.campaigns:
        members = [c for c in site.campaigns if c == cid or _descends(site, c, cid)]
        groups: dict[tuple, dict] = {}
        for member in members:
            for d in direct.get(member, []):
                key = (member, d.get("plan") or "", d.get("phase") or "")
                group = groups.setdefault(key, {"campaign": site.campaigns[member],
                                                "plan": site.document(d.get("plan") or ""),
                                                "phase": d.get("phase"), "decisions": [], "count": 0})
                group["decisions"].append(d)
                group["count"] += index.rolls[d.id].count
        if groups:
            out[cid] = {"groups": list(groups.values()), "count": sum(g["count"] for g in groups.values())}
    return out


@lru_cache(maxsize=None)
def _descends_cached(parents: tuple, child: str, ancestor: str) -> bool:
    mapping = dict(parents)
    seen = set()
    while child in mapping and child not in seen:
        seen.add(child)
        child = mapping[child]
        if child == ancestor:
            return True
    return False


def _descends(site, child: str, ancestor: str) -> bool:
    parents = tuple(sorted((c.id, c.parent) for c in site.campaigns.values() if c.parent))
    return _descends_cached(parents, child, ancestor)


# ---- files written once: story photos ---------------------------------------------------
# (The decision page's CSV download is the open data's file of its recipients,
# feeds/recipient_files.py: one file, not a second copy beside the page.)

def write_data(ctx, output) -> None:
    """Story photos: they need no page, so they are written while pages render
    (Renderer.write_data)."""
    index = index_of(ctx)
    content = ctx.site.config.content_dir
    for decision_id, told in index.stories.items():
        for recipient_id, story in told.items():
            photo = story.get("photo")
            awardee = find_awardee(ctx.site, decision_id, recipient_id)
            if not photo or awardee is None or not is_active(awardee):
                continue
            for candidate in (content / "stories" / photo, content / photo):
                # Never a file reached through a link out of content/, nor one over its limit
                # (the loader refused both already; this is the copy's own guard).
                if candidate.is_file() and not leaves(candidate, content) and too_large(candidate) is None:
                    output.copy(candidate, _photo_path(story, awardee))
                    break


PAGE_TYPE = PageTypeHooks("honor_roll", prepare=prepare, pages=pages, write_data=write_data)
