"""Keys of the honor-roll pages: what each page's output depends on (PageSpec.key, runtime/manifest.py).

The renderer skips a page whose key and site fingerprint (code, templates, theme, data
files, configuration) are those of the previous build. A key must therefore cover every
piece of content the page shows that is not in the fingerprint; when in doubt it covers
more (a page rendered for nothing costs a millisecond, a stale page misinforms citizens).

Keys are built from per-awardee and per-entry stamps computed once per process, so a list
page of 200 rows costs one string join, not 200 reprs.
"""
from __future__ import annotations

import operator

from ..honor.awardees import awardee_content_stamps
from ..runtime.digests import digest


def awardee_stamp(a) -> str:
    """Every field of an awardee a page may show (revocation included)."""
    stamp = a._page_stamp
    if stamp is None:
        stamp = a._page_stamp = f"{awardee_content_stamps(a)[0]}|{a.decision}|{a.revoked_by or ''}"
    return stamp


def row_stamp(a) -> str:
    """The fields a browse list shows of an awardee (not the achievement: editing it must
    not re-render every list the awardee appears in)."""
    stamp = a._row_stamp
    if stamp is None:
        stamp = a._row_stamp = f"{awardee_content_stamps(a)[1]}|{a.decision}|{a.revoked_by or ''}"
    return stamp


def entry_stamp(entry) -> str:
    """A document, decision or story as written: frontmatter, body and translations."""
    if entry is None:
        return "-"
    stamp = entry._page_stamp
    if stamp is None:
        parts = [repr(sorted((str(k), repr(v)) for k, v in (entry.meta or {}).items())), entry.body or ""]
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


def _joined(rows, attribute: str, stamp) -> str:
    """The rows' stamps in order: read straight from each awardee when made beforehand
    (honor_roll.stamp_all, before the fork), else made here."""
    read = operator.attrgetter(attribute)
    try:
        return "".join([read(a) for a in rows])
    except TypeError:  # one not made yet (None)
        return "".join(stamp(a) for a in rows)


def rows_key(rows) -> str:
    """Every awardee's stamp, in order."""
    return _joined(rows, "_page_stamp", awardee_stamp)


def roll_key(roll) -> str:
    """rows_key of a decision's roll, once per process: every page of the decision, its
    recipient pages, its card files and its CSV share it."""
    key = roll.rows_key
    if key is None:
        key = roll.rows_key = rows_key(roll.rows)
    return key


def row_stamps(rows) -> str:
    """Every awardee's row stamp, in order."""
    return _joined(rows, "_row_stamp", row_stamp)


def decision_stamp(decision, info: dict) -> str:
    """What every recipient page of a decision shows of it: computed once per decision and
    language, not once per recipient (100,000 of them)."""
    return repr(sorted(info.items())) + "\0" + entry_stamp(decision)


def list_key(rows, facts, extra) -> str:
    """A list page: its rows, the decisions they link to, and what else it shows (`extra`).
    The decisions are covered by one stamp of every decision's reference in the language
    (renumbering a decision, which is rare, re-renders every list): collecting the few
    decisions of each page's 200 rows cost as much as the rows' stamps."""
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
