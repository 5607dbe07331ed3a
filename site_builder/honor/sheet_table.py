"""A recipients sheet as a table of text cells, numbered as Excel numbers them.

honor/csv_sheet.py and honor/xlsx_sheet.py turn a file's bytes into a Table: every row from
Excel's row 1, each cell the text Excel shows, and the problems found in the cells on the
way (control characters, merged ranges, formulas without values). honor/sheets.py reads the
header row and checks the rows below it. A file that cannot be read at all raises
TableError: one problem for the whole file, never one per row.

The header row is the first row, among the first few that are not empty, holding a names
header ("Họ tên", "Họ và tên"...): office templates put a title and a blank row above it.
Rows above it are not read; when no row has a names header, the first non-empty row is the
header row (and honor/sheets.py says the names column is missing).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..text.control import CONTROL_CHARACTERS, code_point
from .sheet_headers import is_name_header

# How far down a names header is looked for (a title, a subtitle, a blank row...).
HEADER_SEARCH_ROWS = 10

# The advice every unreadable sheet ends with (content/problems.py "sheet_unreadable").
SAVE_AS = ("Lưu lại bằng Excel: Tệp > Lưu thành > CSV UTF-8 (*.csv)",
           "Open it in Excel and save it again: File > Save As > CSV UTF-8 (Comma delimited) (*.csv)")


class TableError(Exception):
    """The file as a whole cannot give a table: `code` and `params` of the one problem to report."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def unreadable(reason: tuple[str, str]) -> TableError:
    """The sheet cannot be read: `reason` (vi, en) says why, the message says how to save it."""
    return TableError("sheet_unreadable", reason=reason)


@dataclass
class Table:
    rows: list  # every row from Excel's row 1: lists of cell texts (rows may differ in length)
    sheet: str | None = None  # the worksheet read (XLSX)
    header_index: int | None = None  # index in `rows` of the header row; None: no row has a value
    problems: list = field(default_factory=list)  # (Excel row, column index or None, code, params)
    # Indexes in `rows` of rows merged across cells around their one value: an annex's group
    # headings ("I. KHỐI CƠ QUAN" over the whole width), honor/annex.py.
    headings: set = field(default_factory=set)

    def find_header(self) -> None:
        seen = 0
        for index, cells in enumerate(self.rows):
            if not any(cell.strip() for cell in cells):
                continue
            if self.header_index is None:
                self.header_index = index  # the first row with a value, unless a names header follows
            if any(is_name_header(cell) for cell in cells):
                self.header_index = index
                return
            seen += 1
            if seen == HEADER_SEARCH_ROWS:
                return

    @property
    def header_row(self) -> int:
        """Excel's number of the header row."""
        return (self.header_index or 0) + 1

    def note_control_characters(self) -> None:
        """A problem for every cell from the header row down holding a control character."""
        for index in range(self.header_index or 0, len(self.rows)):
            for column, cell in enumerate(self.rows[index]):
                found = CONTROL_CHARACTERS.search(cell)
                if found:
                    self.problems.append((index + 1, column, "control_character",
                                          {"detail": code_point(found.group())}))


def column_letter(index: int) -> str:
    """Excel's name of the column at `index` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
