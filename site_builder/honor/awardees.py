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
from ..text.normal_names import D_LOOKALIKE, NFC, SPACES, is_normal, normal_name
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


# The fields people type names into: their one form (text/normal_names.py) is what every page,
# file, sort and search index gets.
NAME_FIELDS = ("name", "position", "unit", "locality")
# What normal_name changed, as the warning says it (vi, en).
_CHANGES = {
    NFC: ("dấu gõ tách rời khỏi chữ (NFD) được ghép lại (NFC)",
          "marks typed apart from their letters (NFD) composed (NFC)"),
    D_LOOKALIKE: ("chữ Ð/Ɖ giống Đ nhưng là chữ khác, được thay bằng Đ",
                  "Ð/Ɖ, letters that look like Đ, replaced by Đ"),
    SPACES: ("khoảng trắng thừa, tab, xuống dòng hoặc khoảng trắng không ngắt được gộp thành một dấu cách",
             "extra spaces, tabs, line breaks or non-breaking spaces collapsed into one space"),
}


class NameNormaliser:
    """Puts the names of awardee records (NAME_FIELDS) in their one form as they are read,
    and warns what changed: a warning a cell for the first SHOWN cells of a column (or field)
    of one file, then one warning at the next cell that counts the rest of that column. A sheet
    typed in NFD throughout is six warnings a column, not 50,000."""
    SHOWN = 5

    def __init__(self):
        self._counts: dict[str, int] = {}
        self._rest: dict[str, tuple] = {}  # field -> (its summary problem, the changes seen)

    def normalise(self, item: dict, report) -> None:
        """Normalise the fields of `item` in place; `report(field, code, **params)` places a
        warning (file, line or row and column) and returns its problem."""
        values = [value for field in NAME_FIELDS if isinstance(value := item.get(field), str) and value]
        # Texts in their one form joined by single spaces are in it, and no others are: one
        # look at the row, not four (a sheet of 50,000 rows asks for every row).
        if is_normal(" ".join(values)):
            return
        for field in NAME_FIELDS:
            value = item.get(field)
            if isinstance(value, str) and value:
                normal = normal_name(value)
                if normal is not None:
                    item[field] = normal[0]
                    self._tell(field, normal[0], normal[1], report)

    def _tell(self, field: str, value: str, changes: tuple, report) -> None:
        count = self._counts[field] = self._counts.get(field, 0) + 1
        if count <= self.SHOWN:
            report(field, "name_normalised", severity="warning", changes=_describe(changes), value=value)
        elif count == self.SHOWN + 1:
            problem = report(field, "names_normalised", severity="warning", count=1, changes=_describe(changes))
            self._rest[field] = (problem, set(changes))
        else:
            problem, seen = self._rest[field]
            problem.params["count"] += 1
            if not seen.issuperset(changes):
                seen.update(changes)
                problem.params["changes"] = _describe(seen)


def _describe(changes) -> tuple[str, str]:
    said = [_CHANGES[change] for change in (NFC, D_LOOKALIKE, SPACES) if change in changes]
    return "; ".join(vi for vi, _en in said), "; ".join(en for _vi, en in said)


def active_awardees(site) -> list[Awardee]:
    """Every awardee whose award stands: the one list pages, counts, downloads, feeds and search
    indexes must use, so that a revocation (rules/revocation.py sets `revoked_by`) reaches all of
    them in the same build."""
    return [a for d in site.decisions.values() for a in d.awardees if not a.revoked_by]


def is_active(awardee: Awardee) -> bool:
    return not awardee.revoked_by


def amend(awardee: Awardee, field: str, value: str | None) -> None:
    """Set one field of an awardee after it was read (a correction: rules/corrections.py) and
    forget what was derived from the old value: its stamps, sort key and escaped fields are
    made again from the new one, so every page, list, file and index shows it."""
    setattr(awardee, field, value)
    awardee._sort_key = awardee._content_stamps = None
    awardee._escaped = None


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
