"""The header row of a recipients sheet: which column holds which awardee field.

Communicators write headers the way their office's template does: "Họ và tên", "HỌ TÊN",
"ho_ten", "Ho ten". Headers are compared in folded form (text/folding.py: no marks, lower
case, `_` as a space), so all of those name the same field. A header that names no field is
one problem at the header row, with the nearest known header as a hint: a typo in a header
used to give one error per row (over a thousand for a real list), and with the name column
misspelt, every row was lost.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..text.folding import fold

# field -> the headers that name it; the first is the one a hint suggests.
FIELD_HEADERS = {
    "kind": ("Loại", "loai", "kind"),
    "name": ("Họ tên", "Họ và tên", "Tên", "ho_ten", "ten", "name"),
    "position": ("Chức vụ", "chuc_vu", "position"),
    "unit": ("Đơn vị", "don_vi", "unit"),
    "locality": ("Địa phương", "dia_phuong", "locality"),
    "award": ("Hình thức", "Hình thức khen thưởng", "hinh_thuc", "award"),
    "achievement": ("Thành tích", "thanh_tich", "achievement"),
    "id": ("Mã", "ma", "id"),
    "public_fields": ("public_fields",),
    # The annex's own numbering and groups, kept as signed (honor/annex.py).
    "stt": ("STT", "TT", "Số TT", "Số thứ tự", "stt"),
    "group": ("Nhóm", "nhom", "group"),
}


def header_key(text: str) -> str:
    """The form headers are compared in: "Họ và tên", "HO_VA_TEN" -> "ho va ten"."""
    return " ".join(fold(text).replace("_", " ").split())


_FIELD_OF = {header_key(h): name for name, headers in FIELD_HEADERS.items() for h in headers}
# The headers a message lists, (vi, en).
KNOWN_HEADERS = (", ".join(headers[0] for headers in FIELD_HEADERS.values()),
                 ", ".join(headers[0] if headers[0] == name else f"{headers[0]} ({name})"
                           for name, headers in FIELD_HEADERS.items()))


def is_name_header(text: str) -> bool:
    return _FIELD_OF.get(header_key(text)) == "name"


@dataclass
class Header:
    """What the header row says: the field of each column (None: a column not read), the
    header of each field as written, and the problems, by column index."""
    fields: list  # column index -> field name or None
    columns: dict = field(default_factory=dict)  # field -> header as written
    unknown: dict = field(default_factory=dict)  # column index -> header as written (not a field)
    blank: list = field(default_factory=list)  # indexes of columns without a header
    problems: list = field(default_factory=list)  # (column index, code, params)


def read_header(cells: list[str]) -> Header:
    header = Header([])
    name_suggested = False
    for index, text in enumerate(cells):
        text = text.strip()
        key = header_key(text)
        name = _FIELD_OF.get(key)
        header.fields.append(None)
        if not text:
            header.blank.append(index)
        elif name is None:
            header.unknown[index] = text
            nearest = _nearest_field(key)
            name_suggested = name_suggested or nearest == "name"
            shown = FIELD_HEADERS[nearest][0] if nearest else None
            hint = (f'; có phải là "{shown}"?', f'; did you mean "{shown}"?') if shown else ("", "")
            header.problems.append((index, "unknown_column", {"value": text, "hint": hint, "known": KNOWN_HEADERS}))
        elif name in header.columns:
            header.problems.append((index, "duplicate_column", {"value": text, "other": header.columns[name]}))
        elif name is not None:
            header.fields[-1] = name
            header.columns[name] = text
    if "name" not in header.columns and not name_suggested:
        # A misspelt name header ("Họ tê") already says what is wrong: one problem, not two.
        header.problems.append((None, "missing_name_column", {}))
    return header


def _nearest_field(key: str) -> str | None:
    close = difflib.get_close_matches(key, list(_FIELD_OF), n=1, cutoff=0.6)
    return _FIELD_OF[close[0]] if close else None
