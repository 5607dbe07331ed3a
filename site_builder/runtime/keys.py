"""Keys and stamps: what the honor-roll pages and files, the calendars and the feeds depend
on (PageSpec.key, PageBatch.key, Output.write's key; runtime/manifest.py), in one place, all
made with runtime/digests.py. Two keys stay beside the records they hash, made the same way
(digests.values_digest): a recipients piece of the open data (feeds/recipient_files.py) and a
search index (pages/search_page.py).

The renderer skips a page whose key and site fingerprint (code, templates, theme, data
files, configuration) are those of the previous build. A key must therefore cover every
piece of content the page shows that is not in the fingerprint; when in doubt it covers
more (a page rendered for nothing costs a millisecond, a stale page misinforms citizens).

Keys are built from per-entry stamps computed once per process and per-awardee stamps made
from digests read with the sheets, so a list page of 100 rows costs 100 short texts and one
join, not 100 reprs.
"""
from __future__ import annotations

from .digests import digest, raw_digest


# ---- awardees ---------------------------------------------------------------------------------

# The bytes of an awardee's content stamps (content_stamps): the row's digest, then the whole's.
STAMPS_BYTES = 24
_ROW_BYTES = 12


def content_stamps(awardee_id, kind, name, award, position, unit, locality, achievement,
                   public_fields, stt=None, group=None) -> bytes:
    """Digests of what a record says, as 24 bytes: the fields a list row shows (not the
    achievement, so that editing it re-renders no list), then every field a page may show.
    Made when a sheet is read and kept in the sheet cache, so a rebuild does not digest
    100,000 records again; awardee_stamp and row_stamp add the decision and the revocation
    (which other files decide). Raw bytes, one object: an awardee holds them in every process
    of a build (docs/architecture.md, "Memory"), where two hex texts in a tuple took 216 bytes."""
    # Joined with NULs, which no field holds, rather than repr()'d: repr checks every character
    # of 50,000 achievements for printability (half the cost). An absent field and an empty
    # one stamp alike; pages show them alike.
    row = "\0".join((awardee_id, kind or "", name or "", award or "", position or "", unit or "", locality or ""))
    # The annex's STT and group show on the decision's pages only: not in the row stamp of
    # browse lists.
    whole = "\0".join((row, achievement or "", "\1".join(map(str, public_fields or ())), stt or "", group or ""))
    return raw_digest(row) + raw_digest(whole)


def awardee_content_stamps(a) -> bytes:
    stamps = a._content_stamps
    if stamps is None:
        stamps = a._content_stamps = content_stamps(
            a.id, a.kind, a.name, a.award, a.position, a.unit, a.locality, a.achievement, a.public_fields,
            a.stt, a.group)
    return stamps


# awardee_stamp and row_stamp are made each time a key asks for them, not kept on the awardee:
# kept, they were two texts of about 90 bytes per awardee in every process of a build (about
# 180 MB at 500,000 recipients over the two), and a key asks for each only a few times.

def awardee_stamp(a) -> str:
    """Every field of an awardee a page may show (revocation and corrections included)."""
    stamp = f"{awardee_content_stamps(a).hex()}|{a.decision}|{a.revoked_by or ''}"
    return stamp + "|" + digest(repr(a.corrections)) if a.corrections else stamp


def row_stamp(a) -> str:
    """The fields a browse list shows of an awardee (not the achievement: editing it must
    not re-render every list the awardee appears in)."""
    return f"{awardee_content_stamps(a)[:_ROW_BYTES].hex()}|{a.decision}|{a.revoked_by or ''}"


def entry_stamp(entry) -> str:
    """A document, decision or story as written: frontmatter, body and translations."""
    if entry is None:
        return "-"
    stamp = entry._page_stamp
    if stamp is None:
        parts = [repr(sorted((str(k), repr(v)) for k, v in (entry.meta or {}).items())), entry.body or "",
                 repr(getattr(entry, "original", None))]  # its signed original's kind and size
        for code, tr in sorted((entry.translations or {}).items()):
            parts += [code, repr(sorted((str(k), repr(v)) for k, v in (tr.meta or {}).items())), tr.body or ""]
        stamp = entry._page_stamp = digest("\0".join(parts))
    return stamp


def documents_stamp(ctx) -> str:
    """Every document's identity and title: bodies link citations to them (CitationLinker)."""
    stamp = ctx.documents_stamp
    if stamp is None:
        docs = sorted(ctx.site.documents.values(), key=lambda d: d.id)
        stamp = ctx.documents_stamp = digest(repr([(d.id, d.collection, entry_stamp(d)) for d in docs]))
    return stamp


def messages_stamp(ctx) -> str:
    """Every message as written (a message page names no other, but the lists name them all)
    and every document, which their bodies may cite: the key of every message page."""
    stamp = ctx.messages_stamp
    if stamp is None:
        messages = sorted(ctx.site.messages.values(), key=lambda m: m.id)
        stamp = ctx.messages_stamp = digest("\0".join(
            [documents_stamp(ctx), *(f"{m.id}\1{entry_stamp(m)}" for m in messages)]))
    return stamp


def summary_key(ctx, counts) -> str:
    """A page that names documents and counts awards without listing a recipient (a campaign,
    a year, the honor roll's overview, the places): every document as written (references,
    titles, dates, plans, phases) and the counts the page shows (`counts`: plain values). An
    edit to a recipient that changes no count renders none of these pages. (A plan's page
    shows no count: its key is documents_stamp itself.)"""
    return documents_stamp(ctx) + "\0" + repr(counts)


def site_stamp(ctx) -> str:
    """Everything the loaded site says besides the fingerprint (which covers the data files,
    the configuration and today's date): every published entry as written, every awardee and
    candidate, the hand-written pages and media, what is withheld, unpublished or moved. The
    key of a page that declares none (the search page, the widgets, the open-data page, the
    consultations' list: cheap pages that count or list across collections): on a rebuild
    with nothing changed such a page is neither rendered nor written, and with any change it is
    rendered again. Once per build, before the workers fork."""
    stamp = ctx.site_stamp
    if stamp is None:
        site = ctx.site
        parts = []
        for entry in site.entries():
            parts += [entry.collection, entry.id, entry_stamp(entry)]
            awardees = getattr(entry, "awardees", None)
            if awardees:
                parts.append(rows_key(awardees))
        parts += [repr(sorted(site.pages)), repr(sorted(site.media)), repr(sorted(site.withheld)),
                  repr(sorted(site.unpublished)),
                  repr(sorted((decision, sorted(moved.items())) for decision, moved in site.moved.items()))]
        stamp = ctx.site_stamp = digest("\0".join(parts))
    return stamp


def pages_stamp(ctx) -> str:
    """Every core page this build publishes, language and path, in order (ctx.pages_written,
    complete once every page is written): what the sitemap and the folder indexes are made of
    besides the fingerprint. An edit that adds or removes no page leaves it as it was."""
    stamp = ctx.pages_stamp
    if stamp is None:
        stamp = ctx.pages_stamp = digest("\0".join(map("\1".join, ctx.pages_written)))
    return stamp


def rows_key(rows) -> str:
    """Every awardee's stamp, in order."""
    return "".join([awardee_stamp(a) for a in rows])


def roll_key(roll) -> str:
    """A digest of rows_key of a decision's roll, once per process: every page of the
    decision, its recipient pages, its card files and its CSV share it. Digested, not the
    joined stamps themselves: a decision of 1,000 rows has 10 pages of its list, and each
    page's key held all 1,000 stamps (48 MB of keys hashed by an incremental build at 50,000
    recipients, docs/benchmarks.md "Sixteenth session"), and the digest is kept instead of
    them (about 70 bytes a recipient, on every roll of every process)."""
    key = roll.rows_key
    if key is None:
        key = roll.rows_key = digest(rows_key(roll.rows))
    return key


def row_stamps(rows) -> str:
    """Every awardee's row stamp, in order."""
    return "".join([row_stamp(a) for a in rows])


def decision_stamp(decision, info: dict) -> str:
    """What every recipient page of a decision shows of it: computed once per decision and
    language, not once per recipient (100,000 of them)."""
    return repr(sorted(info.items())) + "\0" + entry_stamp(decision)


def list_key(rows, facts, extra) -> str:
    """A list page: its rows, the decisions they link to, and what else it shows (`extra`).
    The decisions are covered by one stamp of every decision's reference in the language
    (renumbering a decision, which is rare, re-renders every list): collecting the few
    decisions of each page's 100 rows cost as much as the rows' stamps."""
    return "\0".join((row_stamps(rows), references_stamp(facts), repr(extra)))


def references_stamp(facts) -> str:
    """Every decision's reference in the language of `facts` (pages/honor_roll.Facts)."""
    stamp = facts.references_stamp
    if stamp is None:
        stamp = facts.references_stamp = digest(repr(sorted(
            (d, info["ref"]) for d, info in facts.decision.items())))
    return stamp


def decision_key(ctx, decision, roll, info: dict, extra) -> str:
    """A decision page: the decision as written, every row of its roll (numbering and page
    breaks depend on all of them), revocations, and the documents its body may cite."""
    return "\0".join((entry_stamp(decision), roll_key(roll), repr((roll.revoked, list(roll.revoked_by))),
                      repr(sorted(info.items())), documents_stamp(ctx), repr(extra)))


# ---- page batches and files of a decision -----------------------------------------------------

def recipients_key(ctx, index, facts, decision) -> str:
    """Everything a decision's recipient pages show besides the site fingerprint (award labels
    and place names come from data files, which it covers): the decision, every row in order
    (it sets each recipient's page of the list), revoked awards with the decisions that
    revoked them, the decisions that corrected awards (their "Lịch sử" links them), the pages
    that moved (rules/moved_recipients.py), and stories (a story's body may cite any document)."""
    roll = index.rolls[decision.id]
    revoked = [a for a in decision.awardees if a.revoked_by]
    corrected = [a for a in decision.awardees if a.corrections]
    told = index.stories.get(decision.id)
    stories = [told[a.id] for a in roll.rows if a.id in told] if told else []
    return "\0".join((
        decision_stamp(decision, facts.decision[decision.id]),
        roll_key(roll),
        repr([(awardee_stamp(a), facts.decision.get(a.revoked_by)) for a in revoked]),
        repr([facts.decision.get(c.decision) for a in corrected for c in a.corrections]) if corrected else "",
        repr(sorted(ctx.site.moved.get(decision.id, {}).items())),
        "".join(entry_stamp(s) for s in stories), documents_stamp(ctx) if stories else "",
    ))


def cards_key(roll, info) -> str:
    """Everything a decision's card files show besides the site fingerprint (labels, place
    names, the shell and addresses come from data files and configuration): every row in order
    (it sets the files' cut) and the decision line."""
    return roll_key(roll) + "\0" + repr(sorted(info.items()))
