"""Reading a source file into lines: plain text and Word (.docx).

Everything downstream works on `Line`s, whatever the format, so the header, signature and
body parsers are shared. A Word table that is only layout (the two-column header, the
"Nơi nhận" / signature block) is flattened into lines, cell by cell; a table with a header
row of data (a decision's list of recipients) is kept as a `Table` and leaves a
placeholder line where it stood.

PDF is not read: no PDF text library is installed in the project environment, and the
copies that exist only as PDF are mostly scans without a text layer, which need OCR first
(see docs/import.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .textutil import fold, nfc

SUPPORTED = (".txt", ".md", ".docx")


class UnsupportedFile(Exception):
    """The file type cannot be imported (message key and suffix for the user message)."""

    def __init__(self, suffix: str):
        super().__init__(suffix)
        self.suffix = suffix


@dataclass
class Line:
    text: str
    para_start: bool = True   # a blank line (or a new Word paragraph) comes before it
    bold: bool = False
    centered: bool = False
    table: int | None = None  # index into SourceDocument.tables for a placeholder line


@dataclass
class SourceDocument:
    path: Path
    lines: list[Line]
    tables: list[list[list[str]]] = field(default_factory=list)
    fmt: str = "txt"

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_source(path: Path) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return _read_text(path)
    if suffix == ".docx":
        return _read_docx(path)
    raise UnsupportedFile(suffix)


def _read_text(path: Path) -> SourceDocument:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1258", errors="replace")  # Windows Vietnamese code page
    lines: list[Line] = []
    blank = True
    for raw_line in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw_line.strip()
        if not stripped:
            blank = True
            continue
        lines.append(Line(stripped, para_start=blank))
        blank = False
    return SourceDocument(path, lines, fmt="txt")


# Header words of a data table: a list of people or units, not page layout.
_DATA_HEADERS = ("ho va ten", "ho ten", "ten tap the", "ten don vi", "thanh tich", "chuc vu", "hinh thuc")


def _is_data_table(rows: list[list[str]]) -> bool:
    if len(rows) < 2:
        return False
    head = " | ".join(fold(c.lower()) for c in rows[0])
    return sum(1 for h in _DATA_HEADERS if h in head) >= 1 and len(rows[0]) >= 2


def _read_docx(path: Path) -> SourceDocument:
    import docx  # python-docx; imported here so .txt imports work without it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    numbering = _Numbering(document)
    lines: list[Line] = []
    tables: list[list[list[str]]] = []

    def add_paragraph(par: Paragraph) -> None:
        text = nfc(par.text)
        label = numbering.label(par)
        if label:
            text = f"{label} {text}"
        runs = [r for r in par.runs if r.text.strip()]
        bold = bool(runs) and all(r.bold or (par.style is not None and par.style.font.bold) for r in runs)
        centered = par.alignment is not None and int(par.alignment) == 1
        first = True
        for part in text.split("\n"):
            if part.strip():
                lines.append(Line(part.strip(), para_start=first, bold=bold, centered=centered))
                first = False

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            add_paragraph(Paragraph(child, document))
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[nfc(cell.text).strip() for cell in row.cells] for row in table.rows]
            if _is_data_table(rows):
                tables.append(rows)
                lines.append(Line("", table=len(tables) - 1))
                continue
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for par in cell.paragraphs:
                        add_paragraph(par)
    return SourceDocument(path, lines, tables, fmt="docx")


class _Numbering:
    """Word's automatic numbering: the "I.", "1.", "a)" that is not in the paragraph text.

    Only the common formats are rendered (decimal, upper/lower roman, upper/lower letter,
    bullet). Counters run per list and level, and a level resets the deeper ones.
    """

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        w = "{%s}" % ns["w"]
        abstract = {}
        for a in root.findall("w:abstractNum", ns):
            levels = {}
            for lvl in a.findall("w:lvl", ns):
                fmt = lvl.find("w:numFmt", ns)
                txt = lvl.find("w:lvlText", ns)
                start = lvl.find("w:start", ns)
                levels[lvl.get(w + "ilvl")] = (
                    fmt.get(w + "val") if fmt is not None else "decimal",
                    txt.get(w + "val") if txt is not None else "%1.",
                    int(start.get(w + "val")) if start is not None else 1,
                )
            abstract[a.get(w + "abstractNumId")] = levels
        for num in root.findall("w:num", ns):
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(w + "val"), {}).items():
                self.levels[(num.get(w + "numId"), ilvl)] = spec

    def label(self, par) -> str:
        num_pr = par._p.pPr.numPr if par._p.pPr is not None else None
        style = par.style
        while (num_pr is None or num_pr.numId is None) and style is not None:
            # "List Bullet", "List Number": the numbering comes with the paragraph style.
            ppr = style.element.pPr
            num_pr = ppr.numPr if ppr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        spec = self.levels.get((num_id, str(ilvl)))
        if spec is None:
            return ""
        fmt, template, start = spec
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def render(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            lvl_fmt = self.levels.get((num_id, str(level)), ("decimal", "", 1))[0]
            return _format_number(counters.get(level, 1), lvl_fmt)

        return re.sub(r"%(\d)", render, template).strip()


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for v, s in values:
            while n >= v:
                out += s
                n -= v
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        # Vietnamese documents letter their points a, b, c, d, đ, e, g, h, i, k (no f, j).
        letters = "abcdđeghiklmnopqrstuvxy"
        s = letters[(n - 1) % len(letters)]
        return s if fmt == "lowerLetter" else s.upper()
    return str(n)
