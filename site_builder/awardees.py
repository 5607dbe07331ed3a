"""The people and collectives an award decision commends.

Communicators keep these lists in Excel, so a decision's awardees come either from its
frontmatter (`awardees:`) or from a spreadsheet beside it with the same stem
(`decisions/qd-12.csv` or `.xlsx`). Both forms go through the same schema; problems in a
sheet name the file, the row and the column header as the communicator sees them.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .model import Awardee, Source
from .problems import rel
from .text.slug import slugify

# Recipient ids become page files (/khen-thuong/<decision>/<id>.html, addresses.py) and HTML ids
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


def find_awardee(site, decision_id: str, awardee_id: str) -> Awardee | None:
    decision = site.decisions.get(decision_id)
    if decision is None:
        return None
    index = decision.__dict__.get("_awardee_index")
    if index is None or len(index) != len(decision.awardees):
        index = decision.__dict__["_awardee_index"] = {a.id: a for a in decision.awardees}
    return index.get(awardee_id)

# Column headers communicators may write, Vietnamese first, folded to our field names.
HEADER_ALIASES = {
    "loai": "kind", "loại": "kind", "ho_ten": "name", "họ tên": "name", "họ và tên": "name", "ten": "name",
    "tên": "name", "chuc_vu": "position", "chức vụ": "position", "don_vi": "unit", "đơn vị": "unit",
    "dia_phuong": "locality", "địa phương": "locality", "hinh_thuc": "award", "hình thức": "award",
    "hình thức khen thưởng": "award", "thanh_tich": "achievement", "thành tích": "achievement",
    "ma": "id", "mã": "id",
}
KIND_ALIASES = {"cá nhân": "individual", "ca nhan": "individual", "tập thể": "collective",
                "tap the": "collective"}


def load_awardees(site, sheets: dict[str, Path]) -> None:
    root = site.config.project_dir
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
        rows = _read_sheet(site, path)
        name = rel(path, root)
        site.problems.mark(name, "built" if rows is not None else "failed")
        for row_number, row in rows or []:
            _add(site, decision, row, AwardeeSource(name, row_number, columns=row.get("__headers__") or {}),
                 sheet=True)
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


def _read_sheet(site, path: Path):
    """[(row number, {field: value})], or None when the file cannot be read."""
    name = rel(path, site.config.project_dir)
    try:
        if path.suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as fh:
                table = list(csv.reader(fh))
        else:
            from openpyxl import load_workbook
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
            table = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # noqa: BLE001 - any unreadable sheet is reported, not raised
        site.problems.add(name, None, None, "bad_file", detail=str(exc))
        return None
    if not table:
        return []
    headers = [HEADER_ALIASES.get(h.strip().lower(), h.strip()) for h in table[0]]
    # One mapping shared by every row of the sheet (read only): field -> header as written.
    written = dict(zip(headers, (h.strip() for h in table[0])))
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        row = {h: c for h, c in zip(headers, cells) if c}
        row["__headers__"] = written
        rows.append((number, row))
    return rows


# Sheet cells are text; these sets let _plain_sheet_row validate a row without the
# Validator's per-field dispatch (the same result, for the rows that need no report).
_TEXT_FIELDS = frozenset(k for k, f in schema.AWARDEE.items() if f.type in ("str", "text"))
_REF_FIELDS = {k: f.ref for k, f in schema.AWARDEE.items() if f.type == "ref"}
_KINDS = schema.AWARDEE["kind"].choices


def _plain_sheet_row(item: dict, line: int) -> tuple[dict, list] | None:
    """What Validator.check(item, AWARDEE) returns for a sheet row whose every cell is valid
    (known column, known kind, a name): (data, refs). None when something must be reported:
    then the Validator checks the row and says what is wrong."""
    data, refs = {}, []
    for key, value in item.items():
        if not isinstance(value, str):
            if key == "public_fields" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                data[key] = [v.strip() for v in value]
                continue
            return None
        if key in _TEXT_FIELDS:
            data[key] = value.strip()
        elif key in _REF_FIELDS:
            if value:
                refs.append(schema.Ref(key, _REF_FIELDS[key], value, line))
                data[key] = value
        elif key == "kind" and (value in _KINDS or not value):
            if value:
                data[key] = value
        else:
            return None
    if not data.get("name"):
        return None
    return data, refs


def _add(site, decision, item: dict, source: Source, sheet: bool = False, prefix: str = "",
         raw: dict | None = None) -> None:
    headers = item.pop("__headers__", None) if sheet else None
    if sheet:
        if "public_fields" in item and isinstance(item["public_fields"], str):
            item["public_fields"] = [f.strip() for f in item["public_fields"].split(",") if f.strip()]
        if "kind" in item:
            item["kind"] = KIND_ALIASES.get(item["kind"].lower(), item["kind"])
        validator = schema.Validator(site.problems, source.file, None, "awardee",
                                     line_of=lambda p: source.line,
                                     column_of=lambda p: (headers or {}).get(p.split(".")[0].split("[")[0], p))
    else:
        validator = schema.Validator(site.problems, source.file, decision.parsed, "awardee")
        validator._line_of = lambda p: decision.parsed.line_of(f"{prefix}.{p}") if p else source.line
    from .rules.privacy import check_awardee_fields  # late import: rules import this module
    check_awardee_fields(raw if raw is not None else item, validator.report)
    plain = _plain_sheet_row(item, source.line) if sheet else None
    if plain is not None:
        data, validator.refs = plain
    else:
        data = validator.check(item, schema.AWARDEE)
    for ref in validator.refs:
        ref.column = (headers or {}).get(ref.path) if sheet else None
        if not sheet:
            ref.path = f"{prefix}.{ref.path}"
    site.refs.extend((source.file, r) for r in validator.refs)
    if not data.get("name"):
        return
    award = data.get("award") or decision.meta.get("award")
    if not award:
        validator.report("award", "missing_field")
    source.award_from_decision = not data.get("award")
    taken = decision.__dict__.setdefault("_awardee_ids", set(RESERVED_IDS))
    base = data.get("id") or slugify(data["name"]) or "nguoi"
    awardee_id, n = base, 2
    while awardee_id in taken:
        awardee_id, n = f"{base}-{n}", n + 1
    taken.add(awardee_id)
    decision.awardees.append(Awardee(
        decision=decision.id, id=awardee_id, kind=data.get("kind") or "individual", name=data["name"],
        award=award, position=data.get("position"), unit=data.get("unit"), locality=data.get("locality"),
        achievement=data.get("achievement"), public_fields=data.get("public_fields") or [], source=source,
    ))
