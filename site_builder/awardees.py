"""The people and collectives an award decision commends.

Communicators keep these lists in Excel, so a decision's awardees come either from its
frontmatter (`awardees:`) or from a spreadsheet beside it with the same stem
(`decisions/qd-12.csv` or `.xlsx`). Both forms go through the same schema; problems in a
sheet name the file, the row and the column header as the communicator sees them.
"""
from __future__ import annotations

import csv
from pathlib import Path

from . import schema
from .model import Awardee, Source
from .problems import rel
from .text.slug import slugify

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
            _add(site, decision, row, Source(name, row_number), sheet=True)
    for decision in site.decisions.values():
        for i, item in enumerate(decision.meta.get("awardees") or []):
            if item:
                _add(site, decision, item, Source(decision.source.file, decision.parsed.line_of(f"awardees[{i}]")),
                     prefix=f"awardees[{i}]")


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
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {headers[i]: c.strip() for i, c in enumerate(cells) if i < len(headers) and c.strip()}
        row["__headers__"] = dict(zip(headers, (h.strip() for h in table[0])))
        rows.append((number, row))
    return rows


def _add(site, decision, item: dict, source: Source, sheet: bool = False, prefix: str = "") -> None:
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
    data = validator.check(item, schema.AWARDEE)
    for ref in validator.refs:
        ref.column = (headers or {}).get(ref.path) if sheet else None
        if not sheet:
            ref.path = f"{prefix}.{ref.path}"
    site.__dict__.setdefault("_awardee_refs", []).extend((source.file, r) for r in validator.refs)
    if not data.get("name"):
        return
    award = data.get("award") or decision.meta.get("award")
    if not award:
        validator.report("award", "missing_field")
    taken = decision.__dict__.setdefault("_awardee_ids", set())
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
