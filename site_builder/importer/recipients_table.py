"""A decision's table of recipients (Word) -> the honor-roll CSV of the content model.

Columns of the CSV: kind,name,position,unit,locality,award,achievement. Header cells are
recognised by their Vietnamese wording; the row number column (STT) is dropped. Rows that
only name a group ("I. TẬP THỂ", "II. CÁ NHÂN") set the kind of the rows under them.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .textutil import fold

COLUMNS = ["kind", "name", "position", "unit", "locality", "award", "achievement"]
# Folded header wording -> column; the first that a header cell contains wins.
_HEADER_WORDS = [
    ("loai", "kind"), ("ca nhan/tap the", "kind"),
    ("ho va ten", "name"), ("ho ten", "name"), ("ten tap the", "name"), ("ten don vi", "name"),
    ("ten ca nhan", "name"),
    ("chuc vu", "position"), ("don vi", "unit"), ("noi cong tac", "unit"), ("co quan", "unit"),
    ("dia phuong", "locality"), ("dia ban", "locality"),
    ("hinh thuc", "award"), ("thanh tich", "achievement"),
]


@dataclass
class RecipientsTable:
    rows: list[dict] = field(default_factory=list)
    unknown_kind: int = 0  # rows whose kind could not be told
    unmatched_awards: list[str] = field(default_factory=list)


def _column_of(header: str) -> str | None:
    key = fold(header.lower())
    if key.strip() in ("stt", "tt", "so tt"):
        return None
    for words, column in _HEADER_WORDS:
        if words in key:
            return column
    return None


def _group_kind(cells: list[str]) -> str | None:
    values = {c.strip() for c in cells if c.strip()}
    if len(values) != 1:
        return None
    key = fold(values.pop().lower())
    if "tap the" in key and len(key) < 40:
        return "collective"
    if "ca nhan" in key and len(key) < 40:
        return "individual"
    return None


def convert(rows: list[list[str]], award_ids: dict[str, str] | None = None) -> RecipientsTable:
    """`award_ids` maps an award cell's text to an award id (see awards.match_awards)."""
    result = RecipientsTable()
    columns = [_column_of(h) for h in rows[0]]
    kind: str | None = None
    for cells in rows[1:]:
        group = _group_kind(cells)
        if group:
            kind = group
            continue
        record = {c: "" for c in COLUMNS}
        for column, value in zip(columns, cells):
            if column and not record[column]:
                record[column] = re.sub(r"\s+", " ", value).strip()
        if not record["name"]:
            continue
        if record["kind"]:
            k = fold(record["kind"].lower())
            record["kind"] = "collective" if "tap the" in k else "individual" if "ca nhan" in k else record["kind"]
        elif kind:
            record["kind"] = kind
        elif record["position"]:
            record["kind"] = "individual"
        else:
            result.unknown_kind += 1
        if record["award"] and award_ids is not None:
            matched = award_ids.get(record["award"])
            if matched:
                record["award"] = matched
            elif record["award"] not in result.unmatched_awards:
                result.unmatched_awards.append(record["award"])
        result.rows.append(record)
    return result


def to_csv(table: RecipientsTable) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.rows)
    return buffer.getvalue()
