"""The one CSV writer (site_builder/text/csv_file.py): its cells, lines, columns and files are
what csv.writer(lineterminator="\\r\\n") writes of the cells with formulas neutralised (a
leading apostrophe, OWASP), read back as they were written."""
from __future__ import annotations

import csv
import io
import random

import pytest

from site_builder.text.csv_file import BOM, cell_text, csv_cell, csv_column, csv_row, csv_text

AWKWARD = [
    "Nguyễn Văn An",  # Vietnamese, nothing to quote
    'Trạm Y tế xã "Tân Hà"',  # quotes
    "Công an xã Tân Hà, huyện Đông",  # a comma
    "Dòng một\ndòng hai",  # LF
    "Dòng một\r\ndòng hai\rba",  # CRLF and CR
    "  hai khoảng trắng đầu",  # leading spaces
    "khoảng trắng cuối  ",  # trailing spaces
    " ",
    "",
    '"',
    '""',
    ",",
    "'=1+2",  # already text to a spreadsheet: written as it is
    "=1+2",  # formulas: neutralised
    '=HYPERLINK("http://x.example/","bấm")',
    "+84 số",
    "-5",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
    "Thạch Thị Sa Ry; Y Ngông Niê Kdăm; H'Mai Niê",
    "ស្រុក ខ្មែរ",  # Khmer
    "100% {0} %s \\ gạch",  # format characters and a backslash
    "tab\there",
]


def as_text(cell: str) -> str:
    """What a spreadsheet must be given for the cell to be shown as text (OWASP)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def standard_line(cells) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([as_text(c) for c in cells])
    return buffer.getvalue()


@pytest.mark.parametrize("value", AWKWARD)
def test_a_cell_is_what_csv_writer_writes_and_reads_back(value):
    line = csv_row([value, "x"])
    assert line == standard_line([value, "x"])
    assert next(csv.reader(io.StringIO(line, newline=""))) == [as_text(value), "x"]


def test_quoting_rule():
    assert csv_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert csv_cell("a,b") == '"a,b"'
    assert csv_cell('Trạm "A"') == '"Trạm ""A"""'
    assert csv_cell("a\nb") == '"a\nb"' and csv_cell("a\rb") == '"a\rb"'
    assert csv_cell("  lề  ") == "  lề  "  # spaces are kept, not quoted


def test_lines_match_csv_writer_on_random_awkward_rows():
    rng = random.Random(11)
    for _ in range(2000):
        cells = [rng.choice(AWKWARD) + rng.choice(AWKWARD) for _ in range(rng.randint(1, 5))]
        assert csv_row(cells) == standard_line(cells), cells


def test_a_lone_empty_cell_is_quoted_like_csv_writer():
    assert csv_row([""]) == standard_line([""]) == '""\r\n'
    assert csv_row(["", ""]) == standard_line(["", ""]) == ",\r\n"


def test_a_column_is_its_cells_in_utf8():
    values = AWKWARD + [None, "a\0b"]
    assert csv_column(values) == [csv_cell(cell_text(v)).encode("utf-8") for v in values]
    plain = ["Nguyễn Văn An", "Lê Thị Bình", None]
    assert csv_column(plain) == ["Nguyễn Văn An".encode(), "Lê Thị Bình".encode(), b""]
    assert csv_column([1, 2.5, ["a", "b"], True, False]) == [b"1", b"2.5", b"a; b", b"true", b"false"]


def test_a_file_has_a_bom_a_header_and_crlf_rows_and_reads_back():
    rows = [["Nguyễn \"Tèo\", Văn", None, ["kh-1", "kh-2"]], ["  Lê Thị Ánh ", "Dòng\nhai", 3]]
    text = csv_text(["name", "position", "ids"], rows)
    assert text.startswith(BOM + "name,position,ids\r\n")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["name", "position", "ids"])
    writer.writerows([[cell_text(v) for v in row] for row in rows])
    assert text == BOM + buffer.getvalue()
    read = list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))
    assert read[1] == ['Nguyễn "Tèo", Văn', "", "kh-1; kh-2"]
    assert read[2] == ["  Lê Thị Ánh ", "Dòng\nhai", "3"]


def test_formula_cells_are_neutralised_in_cells_and_columns():
    assert csv_cell("=1+2") == "'=1+2"
    assert csv_cell('=HYPERLINK("http://x.example/","bấm")') == '"\'=HYPERLINK(""http://x.example/"",""bấm"")"'
    assert csv_cell("Nguyễn Văn An - tổ trưởng") == "Nguyễn Văn An - tổ trưởng"  # only the first character counts
    assert csv_column(["=b", "a", "-c", "@d", "+e", "\tf"]) == [b"'=b", b"a", b"'-c", b"'@d", b"'+e", b"'\tf"]
    assert csv_column(["a", "b=c"]) == [b"a", b"b=c"]
