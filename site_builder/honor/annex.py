"""The signed order of a decision's annex: its numbering (STT) and its group headings.

A decision's list (danh sách kèm theo) is signed in an order, usually grouped ("I. TẬP THỂ",
"II. CÁ NHÂN", "Khối cơ quan", a unit's name), and its STT is what people cite ("số 17 trong
danh sách"). The decision's page, its print view and its open data keep that order, those
headings and those numbers; browse pages and search sort by name (text/sorting.py).

How communicators write groups in a sheet, each recognised by honor/sheets.py:
- a heading row: a row without a name whose one value stands in the STT column or the first
  column ("I. KHỐI CƠ QUAN"), or a row merged across several cells with one value (Excel's
  "Gộp và Căn giữa", the usual way);
- "I" (a Roman numeral) in the STT column and the heading in the name column, nothing else;
- a `Nhóm` (group) column: a heading wherever its value changes.
Consecutive heading rows ("I. TẬP THỂ" then "Khối cơ quan") are one group of several lines.
A group whose heading says "Tập thể" or "Cá nhân" makes its rows collectives or individuals
when they have no `Loại` of their own.
"""
from __future__ import annotations

import re

from ..text.folding import fold

# Lines of one group's heading are joined by this in Awardee.group.
GROUP_LINES = "\n"

_ROMAN = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})[.)]?$")
# A heading's numbering ("I.", "II)", "A.", "1.") before its words.
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d+)\s*[.)]\s*")
_HEADING_KINDS = {"tap the": "collective", "ca nhan": "individual"}
_LETTER = re.compile(r"[^\W\d_]")


def is_roman(text: str) -> bool:
    """"I", "IV.", "XII)": a section number of an annex, never a recipient's."""
    return bool(_ROMAN.match(text.strip()))


def has_letter(text: str) -> bool:
    """A heading has words: a row holding only "5" is a numbered row left empty, not a heading."""
    return bool(_LETTER.search(text))


def roman_heading(number: str, words: str) -> str:
    """"I", "TẬP THỂ" -> "I. TẬP THỂ"."""
    number = number.strip()
    return f"{number} {words}" if number.endswith((".", ")")) else f"{number}. {words}"


def kind_of_heading(lines: list[str]) -> str | None:
    """"I. TẬP THỂ" -> collective, "II. Cá nhân" -> individual; None for any other heading."""
    for line in lines:
        kind = _HEADING_KINDS.get(" ".join(fold(_NUMBERING.sub("", line)).split()))
        if kind:
            return kind
    return None


def annex_numbers(awardees: list) -> list[str]:
    """The STT of each awardee of a decision (all of them, in annex order, revoked ones too):
    as signed when the annex gives any STT (a row without one shows none), else its place in
    the annex, so a revoked award leaves its number unused rather than renumbering the rest."""
    if any(a.stt for a in awardees):
        return [a.stt or "" for a in awardees]
    return [str(n) for n in range(1, len(awardees) + 1)]
