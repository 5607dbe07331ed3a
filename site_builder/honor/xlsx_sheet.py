"""Excel workbooks (.xlsx) read as Excel shows them.

- **Which sheet.** The decision's `sheet:` names the worksheet to read. Without it, the
  workbook's one sheet holding values is read; several such sheets (hidden ones count: their
  rows would be lost as surely) are one problem listing them: reading the first only had
  published 39 of 59 rows.
- **Merged cells** keep their value in the first cell only, so every row below it would read
  empty: a merged range from the header row down is a problem naming the range (filling it
  down would guess; an honor roll must say what the decision says). Merged titles above the
  header row are fine, and so is a group heading below it: one row merged across cells
  around its one value ("I. KHỐI CƠ QUAN"), which honor/sheets.py reads as a heading.
- **Dates** are shown day first, as a Vietnamese reader writes them: `15/09/2021`
  (`15/09/2021 08:30` when the cell has a time of day), never `2021-09-15 00:00:00`.
- **Formulas** show the value Excel saved with them. A formula without a saved value (the
  file was written by a program, not by Excel) and an Excel error (`#N/A`) are problems
  naming the cell: the workbook is read a second time for the values only when it has formulas.
- **Hostile files.** A file that is not a zip, or a zip that unpacks to more than
  MAX_UNPACKED_MB or reaches past MAX_CELLS cells, is refused before openpyxl builds anything
  (a zip bomb, or a merged range over the whole sheet, would take minutes and gigabytes).

The workbook is loaded whole, not in openpyxl's read-only mode: only the whole load knows
the merged ranges. Sheets of 50,000 rows are CSV files in practice; a workbook costs about a
fifth more time than the read-only mode did.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from .csv_sheet import OLE_SIGNATURE, ZIP_SIGNATURE
from .sheet_headers import header_key
from .sheet_table import Table, TableError, unreadable

MAX_UNPACKED_MB = 64
MAX_CELLS = 5_000_000
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def read_xlsx(data: bytes, sheet_name: str | None) -> Table:
    _refuse_hostile(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # noqa: BLE001 - whatever openpyxl fails on, the file is not a workbook we can read
        raise _not_a_workbook() from None
    sheet = _choose(book, sheet_name)
    table = Table([], sheet.title)
    formulas = []
    for index, row in enumerate(sheet.iter_rows()):
        cells = []
        for column, cell in enumerate(row):
            value = cell.value
            if value is None:
                cells.append("")
            elif cell.data_type == "f" or not isinstance(value, (str, int, float, dt.date, dt.time, dt.timedelta)):
                formulas.append((index, column))  # its value is read from the saved values below
                cells.append("")
            elif cell.data_type == "e":
                table.problems.append((index + 1, column, "formula_error", {"cell": cell.coordinate, "value": value}))
                cells.append("")
            else:
                cells.append(cell_text(value))
        table.rows.append(cells)
    if formulas:
        _saved_values(data, sheet.title, formulas, table)
    table.find_header()
    for merged in sheet.merged_cells.ranges:
        if merged.max_row >= table.header_row:
            if _heading_row(table, merged):
                table.headings.add(merged.min_row - 1)
            else:
                table.problems.append((merged.min_row, merged.min_col - 1, "merged_cells", {"range": merged.coord}))
    table.note_control_characters()
    table.problems = sorted((p for p in table.problems if p[0] >= table.header_row),
                            key=lambda p: (p[0], -1 if p[1] is None else p[1]))
    return table


def _heading_row(table: Table, merged) -> bool:
    """A range merged across one row below the header, holding the row's one value: a group
    heading of the annex ("I. KHỐI CƠ QUAN"), which loses nothing. A range over several rows
    would leave the rows below its first one empty, and one beside other values in its row
    would leave a column of a recipient's row empty: both stay problems."""
    if merged.min_row != merged.max_row or merged.min_row <= table.header_row or merged.min_col == merged.max_col:
        return False
    cells = table.rows[merged.min_row - 1]
    values = [column for column, cell in enumerate(cells) if cell.strip()]
    return values == [merged.min_col - 1]


def cell_text(value) -> str:
    """A cell's value as Excel shows it to a Vietnamese reader."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        day = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return day if value.time() == dt.time() else f"{day} {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    return str(value)


def _saved_values(data: bytes, title: str, formulas: list, table: Table) -> None:
    """Put the values Excel saved with the formulas into their cells (openpyxl gives either a
    sheet's formulas or its saved values, one load each)."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), data_only=True)[title]
    for index, column in formulas:
        cell = sheet.cell(index + 1, column + 1)
        if cell.value is None:
            table.problems.append((index + 1, column, "formula_without_value", {"cell": cell.coordinate}))
        elif cell.data_type == "e":
            table.problems.append((index + 1, column, "formula_error", {"cell": cell.coordinate, "value": cell.value}))
        else:
            table.rows[index][column] = cell_text(cell.value)


def _choose(book, wanted: str | None):
    sheets = book.worksheets
    listed = ", ".join(f'"{sheet.title}"' for sheet in sheets)
    if wanted is not None:
        for same in (lambda title: title == wanted, lambda title: header_key(title) == header_key(wanted)):
            for sheet in sheets:
                if same(sheet.title):
                    _refuse_large(sheet)
                    return sheet
        raise TableError("sheet_not_found", value=wanted, sheets=listed)
    for sheet in sheets:
        _refuse_large(sheet)
    with_values = [sheet for sheet in sheets if any(
        value is not None for row in sheet.iter_rows(values_only=True) for value in row)]
    if len(with_values) > 1:
        raise TableError("sheet_choose", sheets=", ".join(f'"{sheet.title}"' for sheet in with_values),
                         first=with_values[0].title)
    if not sheets:
        raise _not_a_workbook()
    return with_values[0] if with_values else sheets[0]


def _refuse_large(sheet) -> None:
    """Cells are made for every position up to the last used row and column: a lone value in
    cell XFD1048576 would ask for seventeen billion of them."""
    if sheet.max_row * sheet.max_column > MAX_CELLS:
        last = sheet.dimensions.split(":")[-1]
        raise unreadable((f'trang tính "{sheet.title}" có dữ liệu tới tận ô {last}, quá lớn cho một danh sách',
                          f'the sheet "{sheet.title}" reaches cell {last}, too far for a list'))


def _refuse_hostile(data: bytes) -> None:
    """TableError for what is not a workbook or would unpack to too much."""
    if data.startswith(OLE_SIGNATURE):
        raise unreadable(("tệp theo định dạng Excel 97-2003 (.xls) cũ", "it is in the old Excel 97-2003 (.xls) format"))
    if not data.startswith(ZIP_SIGNATURE):
        raise _not_a_workbook()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_workbook() from None
    if sum(part.file_size for part in parts) > MAX_UNPACKED_MB * 1024 * 1024:
        raise unreadable((f"tệp khi giải nén lớn hơn {MAX_UNPACKED_MB} MB", f"it unpacks to more than {MAX_UNPACKED_MB} MB"))
    merged = 0
    for part in parts:
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            try:
                xml = archive.read(part)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                raise _not_a_workbook() from None
            if b"mergeCell" in xml:
                merged += sum(_area(*match.groups()) for match in _MERGE_REF.finditer(xml))
    if merged > MAX_CELLS:
        raise unreadable((f"các ô gộp phủ hơn {MAX_CELLS:,} ô".replace(",", "."),
                          f"its merged cells cover more than {MAX_CELLS:,} cells"))


def _area(first_col: bytes, first_row: bytes, last_col: bytes | None, last_row: bytes | None) -> int:
    def number(letters: bytes) -> int:
        n = 0
        for letter in letters:
            n = n * 26 + letter - 64
        return n
    if last_col is None:
        return 1
    return (abs(number(last_col) - number(first_col)) + 1) * (abs(int(last_row) - int(first_row)) + 1)


def _not_a_workbook() -> TableError:
    return unreadable(("tệp không phải là bảng tính Excel (.xlsx) hợp lệ", "it is not a valid Excel workbook (.xlsx)"))
