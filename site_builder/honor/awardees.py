"""The people and collectives an award decision commends.

Communicators keep these lists in Excel, so a decision's awardees come either from its
frontmatter (`awardees:`) or from a spreadsheet beside it with the same stem
(`decisions/qd-12.csv` or `.xlsx`, read by honor/sheets.py). Both forms go through the same
schema; problems in a sheet name the file, the row and the column header as the communicator
sees them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content import schema
from . import read_ahead as sheet_prefetch
from ..content.model import Awardee, Source
from ..content.problems import rel
from .sheet_cache import SheetCache
from ..text.slug import slugify
from ..text.sorting import vietnamese_name_order, vietnamese_order

# Recipient ids become page files (/khen-thuong/<decision>/<id>.html, urls.py) and HTML ids
# on the decision page; these names are taken by the decision's own files and by ids the page
# layout uses.
RESERVED_IDS = frozenset({"trang", "danh-sach", "main", "doc-title", "summary-title", "q", "nhung",
                          "nhung-nguoi", "index", "tap-the", "ca-nhan", "thu-hoi"})


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
    index = decision.__dict__.get("_awardee_index")
    if index is None or len(index) != len(decision.awardees):
        index = decision.__dict__["_awardee_index"] = {a.id: a for a in decision.awardees}
    return index.get(awardee_id)


def load_awardees(site, sheets: dict[str, Path]) -> None:
    from .sheets import read_sheets

    root = site.config.project_dir
    cache = SheetCache(root)
    decisions = []
    for stem, path in sheets.items():
        decision = site.decisions.get(stem)
        if decision is None:
            if stem not in site.unpublished:
                site.problems.add(rel(path, root), None, None, "unknown_ref",
                                  target=("quyết định (tệp .md cùng tên)", "decision (a .md file of the same name)"),
                                  value=stem, hint=("", ""))
            continue
        if decision.meta.get("awardees"):
            site.problems.add(decision.source.file, decision.parsed.line_of("awardees"), "awardees",
                              "duplicate_key")
        decisions.append((decision, (rel(path, root), path, decision.meta.get("award"))))
    # A helper may be reading these sheets already (the site-builder command starts it).
    prefetch = sheet_prefetch.take(site.config.content_dir)
    for (decision, _job), sheet in zip(decisions, read_sheets(cache, [job for _decision, job in decisions], prefetch)):
        site.problems.mark(sheet.file, "built" if sheet.readable else "failed")
        sheet.attach(site, decision)
    cache.prune(rel(path, root) for path in sheets.values())
    for decision in site.decisions.values():
        # The raw frontmatter items, not the validated ones: the privacy check must also see
        # fields the schema does not know (a "ngay_sinh:" typed by hand).
        raw_items = decision.parsed.meta.get("awardees") if decision.parsed else None
        for i, item in enumerate(decision.meta.get("awardees") or []):
            raw = raw_items[i] if isinstance(raw_items, list) and i < len(raw_items) else item
            if item:
                prefix = f"awardees[{i}]"
                _add(site, decision, item,
                     AwardeeSource(decision.source.file, decision.parsed.line_of(prefix), prefix=prefix),
                     prefix=prefix, raw=raw if isinstance(raw, dict) else None)


def _add(site, decision, item: dict, source: Source, prefix: str = "", raw: dict | None = None) -> None:
    """One awardee written in the decision's frontmatter (`awardees[i]`)."""
    validator = schema.Validator(site.problems, source.file, decision.parsed, "awardee")
    validator._line_of = lambda p: decision.parsed.line_of(f"{prefix}.{p}") if p else source.line
    from ..rules.privacy import check_awardee_fields
    check_awardee_fields(raw if raw is not None else item, validator.report)
    data = validator.check(item, schema.AWARDEE)
    for ref in validator.refs:
        ref.column = None
        ref.path = f"{prefix}.{ref.path}"
    site.refs.extend((source.file, r) for r in validator.refs)
    if not data.get("name"):
        return
    award = data.get("award") or decision.meta.get("award")
    if not award:
        validator.report("award", "missing_field")
    source.award_from_decision = not data.get("award")
    taken = decision.__dict__.setdefault("_awardee_ids", set(RESERVED_IDS))
    decision.awardees.append(Awardee(
        decision=decision.id, id=new_id(taken, data), kind=data.get("kind") or "individual",
        name=data["name"], award=award, position=data.get("position"), unit=data.get("unit"),
        locality=data.get("locality"), achievement=data.get("achievement"),
        public_fields=data.get("public_fields") or [], source=source,
    ))


def new_id(taken: set, data: dict) -> str:
    """The awardee's id (`id`, else its name as a slug), made unique in its decision."""
    base = data.get("id") or slugify(data["name"]) or "nguoi"
    awardee_id, n = base, 2
    while awardee_id in taken:
        awardee_id, n = f"{base}-{n}", n + 1
    taken.add(awardee_id)
    return awardee_id
