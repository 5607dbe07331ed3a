"""Documents cited in the text: "Kế hoạch số 85/KH-UBND ngày 21/9/2021 của UBND tỉnh"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import ANY_DATE, date_from_groups, fold

# On folded text: "số" (OCR: "s6", "sé", "s"), the reference, an optional date, "của ...".
_REF = re.compile(
    r"\bs\S{0,2}\s*:?\s*(\d+(?:/\d{4})?\s*/\s*[a-z]+(?:\s*-\s*[a-z]+)*)"
    r"(?:\s*,?\s*(?:ng\w{0,2}y\s+(?=\d{1,2}\s*/))?" + ANY_DATE + ")?",
)
# The kind of document, from the code in the symbol ("85/KH-UBND" -> KH).
_CODES = {"KH": "KH", "QĐ": "QĐ", "QD": "QĐ", "CT": "CT", "CV": "CV", "HD": "HD", "TB": "TB",
          "NQ": "NQ", "NĐ": "NĐ", "ND": "NĐ", "TT": "TT"}
# Who issues a document with this national code when the text does not say ("của ...").
_NATIONAL = {"TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội", "CTN": "Chủ tịch nước"}
_ISSUER_END = re.compile(r"\s+(?:v\S{1,2}\s|t\S{0,2}i\s|theo\s|nh\S{1,2}m\s|đ\S{0,2}\s|v\S{0,2}c\s)|[,;.:(\n“\"]|$")


@dataclass
class Citation:
    ref: str
    date: str | None
    issuer_name: str | None
    doc_type: str | None
    start: int  # position in the text, for "this plan carries out / replaces"


def find_citations(text: str) -> list[Citation]:
    folded = fold(text)
    found: list[Citation] = []
    seen: set[str] = set()
    for m in _REF.finditer(folded):
        ref = re.sub(r"\s+", "", text[m.start(1):m.end(1)])
        date = date_from_groups(m.groups()[1:7]) if any(m.groups()[1:7]) else None
        issuer = _issuer_after(text, folded, m.end())
        parts = ref.split("/")[-1].split("-")
        code = _CODES.get(parts[0].upper())
        if issuer is None and parts[-1] in _NATIONAL:
            issuer = _NATIONAL[parts[-1]]
        if ref in seen:
            continue
        seen.add(ref)
        found.append(Citation(ref, date, issuer, code, m.start()))
    _share_issuers(found, text)
    return found


def _issuer_after(text: str, folded: str, pos: int) -> str | None:
    m = re.match(r"\s*c\S{1,2}a\s+", folded[pos:])  # "của" (OCR: "cua", "cta", "ctia")
    if not m:
        return None
    start = pos + m.end()
    end_m = _ISSUER_END.search(folded, start)
    end = end_m.start() if end_m else len(text)
    name = re.sub(r"\s+", " ", text[start:end]).strip(" *")
    words = name.split()
    return " ".join(words[:10]) or None


def _share_issuers(found: list[Citation], text: str) -> None:
    """"Chỉ thị số 21/CT-UBND ngày ... và Chỉ thị số 02/CT-UBND ngày ... của UBND tỉnh"."""
    for a, b in zip(found, found[1:]):
        if a.issuer_name is None and b.issuer_name and re.fullmatch(
            r"[^.;]{0,40}?\s(?:và|va)\s[^.;]{0,30}", fold(text[a.start:b.start]).split(a.ref.lower(), 1)[-1]
        ):
            a.issuer_name = b.issuer_name


_CARRY_OUT = re.compile(r"(th\S{1,2}c hi\S{1,2}n|tri\S{1,2}n khai|h\S{1,3}ng \S{1,3}ng|c\S{1,2}n c\S{1,2})\s[^.;]{0,120}$")
_REPLACE = re.compile(r"thay th\S{1,2}\s[^.;]{0,40}$")


def carried_out(text: str, cites: list[Citation], preamble_end: int) -> list[Citation]:
    """Citations the preamble says this document carries out (Thực hiện, Triển khai, Hưởng ứng)."""
    folded = fold(text)
    out = []
    for c in cites:
        if c.start >= preamble_end:
            continue
        m = _CARRY_OUT.search(folded[max(0, c.start - 200):c.start])
        if m and not m.group(1).startswith("c"):  # "Căn cứ" is a legal basis, not carried out
            out.append(c)
    return out


def replaced(text: str, cites: list[Citation]) -> list[Citation]:
    folded = fold(text)
    return [c for c in cites if _REPLACE.search(folded[max(0, c.start - 60):c.start])]
