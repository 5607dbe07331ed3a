"""The document body as Markdown, keeping the document's own numbering.

"I." sections become level-2 headings, short "1." items level-3 headings and short "a)"
items level-4 headings; longer numbered paragraphs stay paragraphs with their number
written out ("1\\." so Markdown does not renumber them); "-" and "+" items become lists.
Lines broken by the page or by OCR are joined back into paragraphs.
"""
from __future__ import annotations

import re

from .reading import Line
from .textutil import strip_markup

# OCR writes "II." as "Il." or "I11.": accepted when the heading itself is upper case.
_ROMAN = re.compile(r"^([IVX][IVXl1]{0,4})\.\s+(.*)$")
_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.\s+(.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
_BULLET = re.compile(r"^[-+•–]\s*(.*)$")
_INITIALS = re.compile(r"\s*/?\s*\*[^*\s]{1,8}\*\s*$")


def _starts_item(text: str) -> bool:
    return bool(_ROMAN.match(text) or _ARABIC.match(text) or _LETTER.match(text) or _BULLET.match(text))


def paragraphs(lines: list[Line]) -> list[tuple[str, int | None]]:
    """Join continuation lines; returns (text, table index) pairs."""
    out: list[list] = []
    for line in lines:
        if line.table is not None:
            out.append(["", line.table])
            continue
        text = strip_markup(line.text) if line.text.lstrip().startswith("#") or line.text.startswith("**") else line.text
        joined = out and out[-1][1] is None and (
            (not line.para_start and not _starts_item(text))
            # a page break splits a sentence: the next block starts in lower case
            or (line.para_start and text[:1].islower() and not re.search(r"[.:;!?”\")]$", out[-1][0]))
        )
        if joined:
            out[-1][0] = out[-1][0].rstrip() + " " + text
        else:
            out.append([text, None])
    return [(t, tab) for t, tab in out]


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 14 and not re.search(r"[.;]$", text)


def _escape(text: str) -> str:
    """Keep a paragraph from being read as Markdown structure."""
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"^([#>=|])", r"\\\1", text)


def to_markdown(lines: list[Line], tables: list[list[list[str]]] | None = None) -> str:
    blocks: list[str] = []
    paras = paragraphs(lines)
    for i, (text, table) in enumerate(paras):
        if table is not None and tables:
            blocks.append(_table(tables[table]))
            continue
        text = text.strip()
        if i == len(paras) - 1:
            text = _INITIALS.sub("", text)
        plain = strip_markup(text)
        m = _ROMAN.match(plain)
        if m and _mostly_upper(m.group(2).partition(": ")[0]):
            label, rest = m.group(1), m.group(2)
            head, _, after = rest.partition(": ")
            if after and _mostly_upper(head):
                blocks.append(f"## {label}. {head.strip()}")
                blocks.append(_escape(after.strip()))
            else:
                blocks.append(f"## {label}. {rest.rstrip(':').strip()}")
            continue
        m = _ARABIC.match(plain)
        if m and _heading_like(m.group(2)) and ": " not in m.group(2):
            level = "###" if "." not in m.group(1) else "####"
            blocks.append(f"{level} {m.group(1)}. {m.group(2).rstrip(':').strip()}")
            continue
        m = _LETTER.match(plain)
        if m and _heading_like(m.group(2)) and ": " not in m.group(2):
            blocks.append(f"#### {m.group(1)}) {m.group(2).rstrip(':').strip()}")
            continue
        m = _BULLET.match(text)
        if m:
            indent = "    " if text.startswith("+") else ""
            item = f"{indent}- {m.group(1).strip()}"
            if blocks and blocks[-1].lstrip().startswith("- "):
                blocks[-1] += "\n" + item  # consecutive items form one list
            else:
                blocks.append(item)
            continue
        blocks.append(_escape(text))
    return "\n\n".join(blocks).strip() + "\n"


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def _table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(_cell(c) for c in rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(lines)
