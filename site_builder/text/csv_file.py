"""The one CSV writer: every CSV file of the site (du-lieu/*.csv; a decision page's download is one)
is written with these functions, so a change to how a cell is escaped is made here once.

The rule is csv.writer's default dialect with lineterminator="\\r\\n" (QUOTE_MINIMAL): a cell
holding a comma, a double quote, CR or LF is put in double quotes and its quotes are doubled;
every other cell, leading and trailing spaces included, is written as it is. A file starts
with a UTF-8 byte-order mark, so that Excel on Windows shows Vietnamese correctly.

Why not csv.writer itself: its pass over every character of every cell into a StringIO costs
more than asking, once per cell or once per column, whether any of four characters occurs
(the files hold up to 100,000 rows, and most cells - names, units, award labels - need no
quotes). tests/test_csv_file.py compares the two on awkward cells.

A cell that a spreadsheet would read as a formula is neutralised, as OWASP's "CSV injection"
page recommends: a cell starting with =, +, -, @, a tab or a CR gets a leading apostrophe
(`=HYPERLINK(...)` is published as `'=HYPERLINK(...)`), so that Excel and LibreOffice show it
as text instead of running it. Every cell of every file goes through csv_cell or csv_column,
so no file escapes the guard. The cost is that a cell truly meant to start with "-" (a
negative number) shows the apostrophe: the site publishes no such column.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

BOM = "\ufeff"
LINE_END = "\r\n"
_QUOTED = (",", '"', "\r", "\n")  # a cell holding one of these is quoted
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with one is a formula to a spreadsheet
# The same starts after the NUL that csv_column joins cells with.
_FORMULA_AFTER_NUL = tuple("\0" + start for start in FORMULA_STARTS)


def csv_cell(value: str) -> str:
    """One cell, neutralised and quoted when it needs to be."""
    if value.startswith(FORMULA_STARTS):
        value = "'" + value  # a formula to a spreadsheet: shown as text (module docstring)
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def csv_row(cells: Sequence[str]) -> str:
    """One line, CRLF included; every cell a str."""
    line = ",".join(map(csv_cell, cells))
    if not line and len(cells) == 1:
        line = '""'  # a lone empty cell: csv.writer quotes it, or the line would read as no cell
    return line + LINE_END


def cell_text(value) -> str:
    """A record's value as a cell's text: None is empty, a list its items joined by "; ", a
    boolean `true` or `false` as the JSON files write it (Excel reads both as TRUE/FALSE)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def csv_column(values: list) -> list[bytes]:
    """The cells of one column as UTF-8, neutralised and quoted where csv_cell does so: for long
    columns, one scan of the whole column decides whether any cell needs either (almost never)."""
    if None in values:
        values = ["" if v is None else v for v in values]
    if set(map(type, values)) != {str}:
        values = [cell_text(v) for v in values]
    joined = "\0".join(values)
    if any(c in joined for c in _QUOTED) or joined.startswith(FORMULA_STARTS) \
            or any(s in joined for s in _FORMULA_AFTER_NUL):
        values = list(map(csv_cell, values))
        joined = "\0".join(values)
    if joined.count("\0") != len(values) - 1:  # a cell holds NUL itself
        return [v.encode("utf-8") for v in values]
    return joined.encode("utf-8").split(b"\0")


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A whole file: the byte-order mark, the header line, then one line per row (values
    made text by cell_text)."""
    lines = [BOM, csv_row(header)]
    lines += [csv_row([cell_text(v) for v in row]) for row in rows]
    return "".join(lines)
