"""A CSV line as csv.writer(lineterminator="\\r\\n") writes it, for files of 100,000 rows.

QUOTE_MINIMAL: a cell is quoted when it holds a comma, a double quote, CR or LF, and its quotes
are doubled. Most cells (names, units, award labels) hold none of these; checking for them
costs less than csv.writer's pass over every character of every cell into a StringIO
(tests/test_honor_roll.py compares the two on awkward cells). The decision downloads and
du-lieu/recipients.csv (feeds/recipient_files.py) both quote with csv_cell.
"""
from __future__ import annotations

from collections.abc import Iterable


def csv_cell(value: str) -> str:
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def csv_row(cells: Iterable[str]) -> str:
    """One line, CRLF included; every cell a str."""
    return ",".join(map(csv_cell, cells)) + "\r\n"
