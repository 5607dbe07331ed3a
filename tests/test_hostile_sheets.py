"""Recipients sheets as careless hands and real Excel make them (issue 20, items 6 and 7):
nothing in a sheet is lost without a message naming the file, the row and the column, and
the files Excel really writes (other encodings, other separators, several sheets, merged
cells, dates, formulas) are read as a communicator sees them in Excel."""
from __future__ import annotations

import csv
import io
import re
import unicodedata

import pytest

from site_builder.urls import recipients_file

from .conftest import BASE_DATA, sheet_decision

STEM = "qd-77-2021"
SHEET_CSV = f"content/decisions/{STEM}.csv"
SHEET_XLSX = f"content/decisions/{STEM}.xlsx"


def xlsx_bytes(sheets: dict[str, list[list]], edit=None) -> bytes:
    """A workbook with the given sheets (name -> rows); `edit(book)` may change it before saving."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check(site, exit_code: int) -> str:
    proc = site.run("check", "--lang", "en", check_exit=exit_code)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.stdout


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("content/") and ": warning:" not in line]


def published_csv(site) -> str:
    """The decision's recipients as its page offers them for download (the open data's CSV)."""
    return (site.root / "site" / recipients_file(STEM, "csv")).read_text(encoding="utf-8-sig")


HEADER = ["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Địa phương", "Thành tích"]


# ---- nothing lost -------------------------------------------------------------------------

def test_a_decision_whose_sheet_is_missing_is_an_error(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM))
    out = check(site, 1)
    assert f"content/decisions/{STEM}.md: the decision lists no recipients" in out
    assert f"{STEM}.csv or {STEM}.xlsx" in out
    site.run("build", check_exit=1)


def test_a_sheet_without_rows_is_an_error(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Họ và tên,Chức vụ\n"})
    assert f"{SHEET_CSV}: the spreadsheet has no recipient rows below its header row" in check(site, 1)


def test_a_workbook_with_two_sheets_needs_the_sheet_field(make_site):
    first = [HEADER] + [["Cá nhân", f"Người Thứ {i}", "", "", "", ""] for i in range(1, 40)]
    second = [HEADER] + [["Cá nhân", f"Người Đợt Hai {i}", "", "", "", ""] for i in range(1, 21)]
    data = xlsx_bytes({"Đợt 1": first, "Đợt 2": second, "Trống": []})
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: data})
    out = check(site, 1)
    assert (f'{SHEET_XLSX}: the workbook has several sheets with data ("Đợt 1", "Đợt 2"): name the one '
            "to read in the decision's sheet: field") in out, out
    site.run("build", check_exit=1)

    site.write(sheet_decision(STEM, 'sheet: "Đợt 2"'))
    site.run("build", check_exit=0)
    listing = published_csv(site)
    assert listing.count("Người Đợt Hai") == 20 and "Người Thứ" not in listing

    site.write(sheet_decision(STEM, "sheet: Đợt 3"))
    out = check(site, 1)
    assert f'{SHEET_XLSX}: the decision says sheet: "Đợt 3", but the workbook has no such sheet' in out
    assert '"Đợt 1", "Đợt 2", "Trống"' in out


def test_the_sheet_field_needs_a_workbook(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM, "sheet: Danh sách"), {SHEET_CSV: "Họ và tên\nLê Văn Ước\n"})
    out = check(site, 1)
    assert f"content/decisions/{STEM}.md:10: 'sheet': sheet: is only used with a .xlsx list" in out


def test_merged_cells_are_an_error_naming_the_range(make_site):
    rows = [HEADER, ["Cá nhân", "Lê Văn Ước", "Dân quân", "Ban CHQS xã Tây", "huyen-dong", ""],
            ["Cá nhân", "Phạm Thị Hoa", "Dân quân", None, "huyen-dong", ""],
            ["Cá nhân", "Trần Văn Cả", "Dân quân", None, "huyen-dong", ""]]
    data = xlsx_bytes({"Danh sách": rows}, edit=lambda book: book["Danh sách"].merge_cells("D2:D4"))
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: data})
    out = check(site, 1)
    assert f'{SHEET_XLSX}, sheet "Danh sách", row 2, column Đơn vị: cells D2:D4 are merged' in out, out


def test_a_merged_title_above_the_header_row_is_fine(make_site):
    rows = [["DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"], [], HEADER,
            ["Cá nhân", "Lê Văn Ước", "Dân quân", "Ban CHQS xã Tây", "huyen-tay", ""]]
    data = xlsx_bytes({"Sheet1": rows}, edit=lambda book: book["Sheet1"].merge_cells("A1:F1"))
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: data})
    out = check(site, 1)
    # the one problem is the unknown place, at its row in Excel's numbering
    found = errors(out)
    assert len(found) == 1 and found[0].startswith(
        f'{SHEET_XLSX}, sheet "Sheet1", row 4, column Địa phương: \'locality\': there is no administrative unit'), out


def test_date_cells_are_shown_day_first(make_site):
    import datetime as dt

    def dates(book):
        sheet = book["Sheet1"]
        sheet["F2"].number_format = "dd/mm/yyyy"
        sheet["F3"].number_format = "yyyy-mm-dd"

    rows = [HEADER, ["Cá nhân", "Lê Văn Ước", "Dân quân", "", "", dt.datetime(2021, 9, 15)],
            ["Cá nhân", "Phạm Thị Hoa", "Dân quân", "", "", dt.date(2021, 10, 1)]]
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: xlsx_bytes({"Sheet1": rows}, edit=dates)})
    site.run("build", check_exit=0)
    listing = published_csv(site)
    assert "15/09/2021" in listing and "01/10/2021" in listing
    assert "00:00:00" not in listing and "2021-09-15" not in listing and "44454" not in listing
    assert "15/09/2021" in site.html(f"khen-thuong/{STEM}/le-van-uoc.html")


def test_a_formula_without_its_value_is_an_error_naming_the_cell(make_site):
    rows = [HEADER, ["Cá nhân", "Lê Văn Ước", '=UPPER("dân quân")', "", "", ""]]
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: xlsx_bytes({"Sheet1": rows})})  # openpyxl saves no computed values
    out = check(site, 1)
    assert (f'{SHEET_XLSX}, sheet "Sheet1", row 2, column Chức vụ: cell C2 holds a formula whose result '
            "was not saved: open the file in Excel and save it so the values are kept") in out, out


def test_duplicate_ids_are_an_error_naming_both_rows(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Mã,Họ và tên\n"
                                             "le-van-uoc,Lê Văn Ước\n"
                                             "pham-thi-hoa,Phạm Thị Hoa\n"
                                             "le-van-uoc,Lê Văn Ước\n"})
    out = check(site, 1)
    assert f'{SHEET_CSV}, row 4, column Mã: \'id\': the id "le-van-uoc" is already used in row 2' in out, out


def test_values_beyond_the_headers_are_an_error_and_short_rows_are_fine(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Loại,Họ và tên,Chức vụ\n"
                                             "Cá nhân,Lê Văn Ước\n"
                                             "Cá nhân,Phạm Thị Hoa,Dân quân,Ban CHQS xã Tây,,\n"
                                             "Cá nhân,Trần Văn Cả,Dân quân,,,0912\n"})
    out = check(site, 1)
    assert errors(out) == [
        f"{SHEET_CSV}, row 3, column D: column D has no header but holds values in 1 row (from row 3): "
        "give it a header or delete the values",
        f"{SHEET_CSV}, row 4, column F: column F has no header but holds values in 1 row (from row 4): "
        "give it a header or delete the values"], out
    site.write({SHEET_CSV: "Loại,Họ và tên,Chức vụ\nCá nhân,Lê Văn Ước\n"})
    site.run("build", check_exit=0)
    assert "Lê Văn Ước" in published_csv(site)


def test_a_control_character_in_a_cell_is_an_error(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_CSV: "Họ và tên,Chức vụ\nLê Văn Ước,Dân\x00 quân\n".encode()})
    out = check(site, 1)
    assert (f"{SHEET_CSV}, row 2, column Chức vụ: there is an invisible control character (U+0000) here: "
            "delete it") in out, out
    site.run("build", check_exit=1)


def test_a_control_character_in_a_markdown_file_is_an_error_at_its_line(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-2.md": "---\ntitle: Kế hoạch\n---\nDòng một.\n\nDòng\x00 hai.\n"})
    out = check(site, 1)
    assert "content/plans/kh-2.md:6: there is an invisible control character (U+0000) here" in out, out


def test_a_csv_and_a_workbook_for_one_decision_is_an_error(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Họ và tên\nLê Văn Ước\n"})
    site.write({SHEET_XLSX: xlsx_bytes({"Sheet1": [["Họ và tên"], ["Phạm Thị Hoa"]]})})
    out = check(site, 1)
    assert f"the decision already has the list {SHEET_CSV}: keep only one list file" in out, out


# ---- Excel as it is -------------------------------------------------------------------------

NAMES = ["Nguyễn Thị Ánh", "Trần Văn Đức", "Lê Thị Hồng Nhung", "Võ Thị Hòa", "Phạm Ngọc Ẩn"]


def vietnamese_rows(separator: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")  # as Excel quotes
    writer.writerow(["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Thành tích"])
    writer.writerows(["Cá nhân", name, "Điều dưỡng", "Trạm Y tế xã Tây", "Trực chốt, tiêm chủng"] for name in NAMES)
    return buffer.getvalue()


def cp1258(text: str) -> bytes:
    """What Excel's "CSV (Comma delimited)" writes on Vietnamese Windows: tone marks after
    their letter where Windows-1258 has no precomposed form."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoded", [
    pytest.param(lambda: "\ufeff".encode("utf-16-le") + vietnamese_rows("\t").encode("utf-16-le"),
                 id="utf-16-unicode-text"),
    pytest.param(lambda: vietnamese_rows("\t").encode("utf-16"), id="utf-16-tab"),
    pytest.param(lambda: cp1258(vietnamese_rows(",")), id="windows-1258"),
    pytest.param(lambda: cp1258(vietnamese_rows(";")), id="windows-1258-semicolon"),
    pytest.param(lambda: vietnamese_rows(";").encode("utf-8-sig"), id="utf-8-semicolon"),
    pytest.param(lambda: vietnamese_rows("\t").encode("utf-8"), id="utf-8-tab"),
])
def test_csv_files_as_excel_saves_them(make_site, encoded):
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_CSV: encoded()})
    site.run("build", check_exit=0)
    listing = published_csv(site)
    for name in NAMES:
        assert name in listing
    assert "Trực chốt, tiêm chủng" in listing
    html = site.html(f"khen-thuong/{STEM}/index.html")
    assert "Nguyễn Thị Ánh" in html and unicodedata.is_normalized("NFC", html)


def test_a_western_windows_csv_is_read_and_its_lost_letters_are_one_error(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_CSV: "Họ và tên,Thành tích\nJosé Müller,Tình nguyện viên\nVõ Tân,Lái xe\n".encode(
        "cp1252", "replace")})
    out = check(site, 1)
    assert errors(out) == [
        f'{SHEET_CSV}: this spreadsheet cannot be read: Excel wrote "?" for the letters Windows-1252 has '
        'no room for (row 1: "H? và tên"), so save the original workbook again. Open it in Excel and save '
        "it again: File > Save As > CSV UTF-8 (Comma delimited) (*.csv)"], out
    site.write({SHEET_CSV: "Name,Unit\nJosé Müller,Café\nVõ Tân,Lái xe\n".encode("cp1252")})
    site.run("build", check_exit=0)
    listing = published_csv(site)
    assert "José Müller" in listing and "Võ Tân" in listing


@pytest.mark.parametrize("suffix, data, reason", [
    (".csv", bytes(range(256)) * 40, "its text encoding is not recognised"),
    (".xlsx", "Họ và tên\nLê Văn Ước\n".encode(), "it is not a valid Excel workbook (.xlsx)"),
    (".csv", xlsx_bytes({"Sheet1": [["Họ và tên"], ["Lê Văn Ước"]]}), "it is an Excel workbook (.xlsx) named .csv"),
    (".xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "it is in the old Excel 97-2003 (.xls) format"),
])
def test_an_unreadable_sheet_is_one_message_saying_how_to_save_it(make_site, suffix, data, reason):
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({f"content/decisions/{STEM}{suffix}": data})
    out = check(site, 1)
    assert errors(out) == [f"content/decisions/{STEM}{suffix}: this spreadsheet cannot be read: {reason}. "
                           "Open it in Excel and save it again: File > Save As > CSV UTF-8 (Comma delimited) "
                           "(*.csv)"], out
    assert "codec" not in out
    vi = site.run("check", check_exit=1).stdout
    assert "Lưu lại bằng Excel: Tệp > Lưu thành > CSV UTF-8 (*.csv)" in vi


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(make_site):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (80 * 1024 * 1024))
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: buffer.getvalue()})
    out = check(site, 1)
    assert "this spreadsheet cannot be read: it unpacks to more than 64 MB" in out, out


def test_a_merged_range_over_the_whole_sheet_is_refused_before_it_is_laid_out(make_site):
    import zipfile

    def merge(book):
        book["Sheet1"].merge_cells("A3:B4")
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Sheet1": [["Họ và tên"], ["Lê Văn Ước"]]}, edit=merge)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():  # the range grown to every cell of the sheet
            archive.writestr(part, source.read(part).replace(b'ref="A3:B4"', b'ref="A3:XFD1048576"'))
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: buffer.getvalue()})
    out = check(site, 1)
    assert "this spreadsheet cannot be read: its merged cells cover more than 5,000,000 cells" in out, out


def test_a_misspelt_header_is_one_error_with_a_hint(make_site):
    rows = "".join(f"Cá nhân,Người Số {i},Dân quân\n" for i in range(1200))
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Loại,Họ tê,Chức vụ\n" + rows})
    out = check(site, 1)
    assert errors(out) == [f'{SHEET_CSV}, row 1, column Họ tê: there is no column "Họ tê" in a recipients '
                           'list; did you mean "Họ tên"? (the columns are: Loại (kind), Họ tên (name), '
                           "Chức vụ (position), Đơn vị (unit), Địa phương (locality), Hình thức (award), "
                           "Thành tích (achievement), Mã (id), public_fields, STT (stt), Nhóm (group))"], out


def test_headers_are_matched_without_marks_or_case_and_row_numbers_are_not_read(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "STT,HO VA TEN,chuc_vu,ĐƠN VỊ\n"
                                             "1,Lê Văn Ước,Dân quân,Ban CHQS xã Tây\n"})
    site.run("build", check_exit=0)
    listing = published_csv(site)
    assert "Lê Văn Ước" in listing and "Ban CHQS xã Tây" in listing


def test_problems_in_a_workbook_name_its_sheet(make_site):
    rows = [HEADER, ["Cá nhân", "Lê Văn Ước", "", "", "huyen-tay", ""]]
    site = make_site(BASE_DATA, sheet_decision(STEM))
    site.write({SHEET_XLSX: xlsx_bytes({"Khen thưởng": rows})})
    out = site.run("check", check_exit=1).stdout
    assert re.search(rf'{SHEET_XLSX}, trang tính "Khen thưởng", dòng 2, cột Địa phương: ', out), out
