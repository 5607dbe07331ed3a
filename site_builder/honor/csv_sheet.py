"""CSV files as Excel writes them: the encoding and the separator are found, not assumed.

Excel's "CSV UTF-8" is UTF-8 with a byte-order mark, but other menus of the same dialog write
other files: "CSV (Comma delimited)" in the Windows code page (Windows-1258 on Vietnamese
Windows, whose tone marks are separate characters after their letter; Windows-1252 on a
Western one), and "Unicode Text" UTF-16 with a byte-order mark and tabs. European Windows
separates with semicolons. What is checked, cheapest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) says the encoding;
2. bytes that decode as UTF-8 are UTF-8: the fast path every sheet made by this project's
   tools or by "CSV UTF-8" takes (a 50,000-row sheet: one decode, no detection);
3. a workbook saved under a .csv name (a zip) or an old .xls is named as such;
4. otherwise charset-normalizer chooses between Windows-1258 and Windows-1252 (left to
   choose among all encodings, it took Western text for Central European), and the text is
   composed to NFC, Windows-1258's tone marks included.

Windows-1252 has no room for most Vietnamese letters, and Excel writes "?" for them: such a
file ("Nguy?n") is refused with the advice to save the original again, not published.

The separator is the one of comma, semicolon and tab that splits a row of the first lines
into cells one of which is a names header ("Họ tên"...); failing that, the one the first
line holds most of (comma on a tie).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata

from .sheet_headers import is_name_header
from ..text.control import CONTROL_CHARACTERS
from .sheet_table import HEADER_SEARCH_ROWS, Table, TableError, unreadable

SEPARATORS = (",", ";", "\t")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# What charset-normalizer may choose for a file that is not UTF-8, with the name shown.
LEGACY_ENCODINGS = {"cp1258": "Windows-1258", "cp1252": "Windows-1252"}
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
# A "?" inside a word ("Nguy?n"), or ending one before a lower-case word ("H? và tên"): a
# letter Excel could not write in the file's code page (a question ends before a capital).
_LOST_LETTER = re.compile(r"[^\W\d_]\?( ?)([^\W\d_])")


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    separator = find_separator(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error:
        raise unreadable(("một ô quá dài hoặc tệp không có dạng bảng",
                          "a cell is too long or the file is not laid out as a table")) from None
    table = Table(rows)
    table.find_header()
    if encoding is not None:
        _refuse_lost_letters(table, encoding)
    # One search over the whole text; the cells are looked at only when it finds something.
    if CONTROL_CHARACTERS.search(text):
        table.note_control_characters()
    return table


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of a CSV file and the legacy encoding it was in (None: a Unicode encoding)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), None
            except UnicodeDecodeError:
                raise _not_text() from None
    if data.startswith(ZIP_SIGNATURE):
        raise unreadable(("tệp là bảng tính Excel (.xlsx) nhưng mang đuôi .csv",
                          "it is an Excel workbook (.xlsx) named .csv"))
    if data.startswith(OLE_SIGNATURE):
        raise unreadable(("tệp theo định dạng Excel 97-2003 (.xls) cũ", "it is in the old Excel 97-2003 (.xls) format"))
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding not in LEGACY_ENCODINGS:
        raise _not_text()
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError:
        raise _not_text() from None
    return unicodedata.normalize("NFC", text), best.encoding


def _not_text() -> TableError:
    return unreadable(("không nhận ra bảng mã của chữ trong tệp", "its text encoding is not recognised"))


def find_separator(text: str) -> str:
    lines = text.split("\n", HEADER_SEARCH_ROWS + 1)[:HEADER_SEARCH_ROWS]
    for separator in SEPARATORS:
        if any(is_name_header(cell) for line in lines for cell in line.split(separator)):
            return separator
    first = next((line for line in lines if line.strip()), "")
    return max(SEPARATORS, key=first.count)  # max() keeps the first of equals: comma


def _refuse_lost_letters(table: Table, encoding: str) -> None:
    for index, cells in enumerate(table.rows):
        for cell in cells:
            if any(not found[1] or found[2].islower() for found in _LOST_LETTER.finditer(cell)):
                shown = LEGACY_ENCODINGS[encoding]
                where = (f'dòng {index + 1}: "{cell.strip()}"', f'row {index + 1}: "{cell.strip()}"')
                raise unreadable((f'Excel đã ghi "?" thay cho những chữ bảng mã {shown} không có ({where[0]}), '
                                  "hãy lưu lại từ bảng tính gốc",
                                  f'Excel wrote "?" for the letters {shown} has no room for ({where[1]}), '
                                  "so save the original workbook again"))
