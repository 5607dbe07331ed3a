"""The people and collectives an award decision commends.

Communicators keep these lists in Excel, so a decision's awardees come either from its
frontmatter (`awardees:`) or from a spreadsheet beside it with the same stem
(`decisions/qd-12.csv` or `.xlsx`, read by honor/sheets.py). Both forms go through the same
schema; problems in a sheet name the file, the row and the column header as the communicator
sees them. This module holds what is known of one awardee record (ids, stamps, sort keys,
lookups); honor/loading.py loads them all, above the sheet reader that uses this module.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..content.model import Awardee, Source
from ..text.slug import slugify
from ..text.sorting import vietnamese_name_order, vietnamese_order

# Recipient ids become page files (/khen-thuong/<decision>/<id>.html, urls.py) and HTML ids
# on the decision page; these names are taken by the decision's own files and folders
# (urls.DECISION_NAMES) and by ids the page layout uses.
RESERVED_IDS = urls.DECISION_NAMES | frozenset({"main", "doc-title", "summary-title", "q", "tap-the", "ca-nhan",
                                                "thu-hoi"})


@dataclass
class AwardeeSource(Source):
    """Where an awardee was written, precise enough to point at one of its fields later
    (rules run after loading): a sheet row with its column headers, or a frontmatter item."""
    prefix: str = ""  # frontmatter: "awardees[3]"
    columns: dict | None = None  # sheet: field name -> column header as the communicator wrote it
    award_from_decision: bool = False  # the award is the decision's default `award`


def locate(site, awardee: Awardee, field: str) -> dict:
    """file, line and column (sheets) of one field of an awardee, for Problems.add()."""
    src = awardee.source
    decision = site.decisions.get(awardee.decision)
    if field == "award" and getattr(src, "award_from_decision", False) and decision is not None:
        return {"file": decision.source.file, "line": decision.parsed.line_of("award"), "field": "award",
                "column": None}
    if getattr(src, "columns", None) is not None:
        return {"file": src.file, "line": src.line, "field": field, "column": src.columns.get(field, field)}
    line = src.line
    if decision is not None and getattr(src, "prefix", ""):
        line = decision.parsed.line_of(f"{src.prefix}.{field}") or src.line
    return {"file": src.file, "line": line, "field": field, "column": None}


def active_awardees(site) -> list[Awardee]:
    """Every awardee whose award stands: the one list pages, counts, downloads, feeds and search
    indexes must use, so that a revocation (rules/revocation.py sets `revoked_by`) reaches all of
    them in the same build."""
    return [a for d in site.decisions.values() for a in d.awardees if not a.revoked_by]


def is_active(awardee: Awardee) -> bool:
    return not awardee.revoked_by


def name_sort_key(kind: str, name: str) -> str:
    """The order of the honor lists: a collective's name as text, a person's the Vietnamese
    way (given name first). Made when a sheet is read and kept in the sheet cache: computing
    it for 50,000 names cost a quarter of a second of every build's serial part. A string
    (text/sorting.py vietnamese_order): sorting by tuples cost a fifth of a second more."""
    return vietnamese_order(name) if kind == "collective" else vietnamese_name_order(name)


def awardee_sort_key(a) -> str:
    key = a._sort_key
    if key is None:
        key = a._sort_key = name_sort_key(a.kind, a.name)
    return key


def find_awardee(site, decision_id: str, awardee_id: str) -> Awardee | None:
    decision = site.decisions.get(decision_id)
    if decision is None:
        return None
    index = decision._awardee_index
    if index is None or len(index) != len(decision.awardees):
        index = decision._awardee_index = {a.id: a for a in decision.awardees}
    return index.get(awardee_id)


def taken_ids(decision) -> set[str]:
    """The ids a new awardee of the decision may not have: its awardees' and the reserved ones."""
    taken = decision._awardee_ids
    if taken is None:
        taken = decision._awardee_ids = set(RESERVED_IDS)
    return taken


def new_id(taken: set, data: dict) -> str:
    """The awardee's id (`id`, else its name as a slug), made unique in its decision."""
    base = data.get("id") or slugify(data["name"]) or "nguoi"
    awardee_id, n = base, 2
    while awardee_id in taken:
        awardee_id, n = f"{base}-{n}", n + 1
    taken.add(awardee_id)
    return awardee_id
