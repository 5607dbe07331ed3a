"""Cutting a document into its parts (Nghị định 30/2020/NĐ-CP order): header, document
type word, title, body, recipients and signature."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .reading import Line
from .textutil import fold, strip_markup

# Document type words and their codes, folded (OCR may lose every mark).
TYPE_WORDS = {
    "ke hoach": "KH", "quyet dinh": "QĐ", "chi thi": "CT", "cong van": "CV",
    "huong dan": "HD", "thong bao": "TB", "nghi quyet": "NQ",
}
AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*(.*)$")
SECTION = re.compile(r"^[IVX][IVXl1]{0,4}\.\s+\S")
RECIPIENTS_HEAD = re.compile(r"^n\S{1,2}i\s+nh\S{1,2}n\s*:?")


@dataclass
class Parts:
    header: list[Line]
    type_line: Line | None
    doc_type: str | None
    title: list[Line]
    body: list[Line]
    tail: list[Line]


def type_code(line: Line) -> str | None:
    key = fold(strip_markup(line.text)).strip(" .:")
    key = re.sub(r"\s+", " ", key)
    return TYPE_WORDS.get(key)


def split_parts(lines: list[Line]) -> Parts:
    t = next((i for i, ln in enumerate(lines[:40]) if type_code(ln)), None)
    if t is None:
        header, type_line, doc_type, rest = [], None, None, lines
        title: list[Line] = []
    else:
        header, type_line, doc_type = lines[:t], lines[t], type_code(lines[t])
        rest = lines[t + 1:]
        title, rest = _take_title(rest)
    end = _body_end(rest)
    return Parts(header, type_line, doc_type, title, rest[:end], rest[end:])


def _take_title(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    if not lines:
        return [], []
    n = 1
    if lines[0].bold:  # Word: the title is the run of bold paragraphs
        # ... up to the upper-case authority line of a decision ("CHỦ TỊCH UBND TỈNH ...").
        while n < len(lines) and lines[n].bold and lines[n].table is None and not lines[n].text.isupper():
            n += 1
    else:  # text: the title is the first paragraph (continuation lines included)
        while n < len(lines) and not lines[n].para_start:
            n += 1
    return lines[:n], lines[n:]


def _body_end(lines: list[Line]) -> int:
    """Index of the first line of the closing block (Nơi nhận or the signing authority)."""
    texts = [strip_markup(ln.text) for ln in lines]
    # The closing block comes after the last numbered section of the body.
    last_section = max((i for i, t in enumerate(texts) if SECTION.match(t)), default=0)
    for i in range(last_section, len(lines)):
        if RECIPIENTS_HEAD.match(fold(texts[i])) or AUTHORITY.match(texts[i]):
            return i
    start = last_section
    # No Nơi nhận and no TM./KT.: the signature is the trailing upper-case title + name.
    i = len(lines)
    while i > start and len(lines) - i < 3 and _looks_like_signature(strip_markup(lines[i - 1].text)):
        i -= 1
    return i


def _looks_like_signature(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 6 and not text.endswith((".", ";", ":")) and (
        text.isupper() or all(w[0].isupper() for w in words))
