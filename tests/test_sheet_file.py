"""A decision's (or consultation's) list in a file it names, `sheet_file:` (issue 25, item 2):
the web editor stores an upload under its own name beside the entry. The named sheet is read
as a sheet of the entry's stem is; a name that leaves the folder, a missing file, a wrong
ending or a second list are errors at the field's line, in Vietnamese and English."""
from __future__ import annotations

import os

import pytest

from site_builder.urls import recipients_file

from .conftest import BASE_DATA, sheet_decision
from .test_hostile_sheets import xlsx_bytes

STEM = "qd-77-2021"
MD = f"content/decisions/{STEM}.md"
ROWS = "Họ và tên,Chức vụ\nLê Văn Ước,Dân quân\nPhạm Thị Hoa,Y sĩ\n"


def run_check(site, lang: str) -> list[str]:
    proc = site.run("check", "--lang", lang, check_exit=1)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.stdout.splitlines()


def test_the_named_sheet_is_the_decision_s_list(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM, "sheet_file: danh-sach-khen-thuong.csv"),
                     {"content/decisions/danh-sach-khen-thuong.csv": ROWS})
    proc = site.run("build", check_exit=0)
    assert "danh-sach-khen-thuong" not in proc.stdout  # no "no decision of that name"
    listing = (site.root / "site" / recipients_file(STEM, "csv")).read_text(encoding="utf-8-sig")
    assert "Lê Văn Ước" in listing and "Phạm Thị Hoa" in listing
    assert "Lê Văn Ước" in site.html(f"khen-thuong/{STEM}/index.html")


def test_a_named_workbook_reads_the_sheet_field_s_worksheet(make_site):
    header = ["Họ và tên", "Chức vụ"]
    data = xlsx_bytes({"Đợt 1": [header, ["Người Thứ Nhất", ""]], "Đợt 2": [header, ["Người Đợt Hai", ""]]})
    site = make_site(BASE_DATA, sheet_decision(STEM, 'sheet_file: Danh sach.xlsx\n        sheet: "Đợt 2"'))
    site.write({"content/decisions/Danh sach.xlsx": data})
    site.run("build", check_exit=0)
    listing = (site.root / "site" / recipients_file(STEM, "csv")).read_text(encoding="utf-8-sig")
    assert "Người Đợt Hai" in listing and "Người Thứ Nhất" not in listing


@pytest.mark.parametrize("name, files, vi, en", [
    ("../qd-khac.csv", {"content/qd-khac.csv": ROWS}, "phải là tên một tệp đặt cùng thư mục",
     "must be the name of a file in the same folder"),
    ("danh-sach/a.csv", {"content/decisions/danh-sach/a.csv": ROWS}, "không có thư mục", "no folder"),
    ('"a\\\\b.csv"', {}, "không có dấu / hay \\", "no / or \\"),
    ("..", {}, 'không có ".."', 'no ".."'),
    ("danh-sach.xls", {"content/decisions/danh-sach.xls": "x"}, "chỉ dùng tệp có đuôi .csv, .xlsx",
     "only files ending .csv, .xlsx"),
    ("danh-sach.CSV", {"content/decisions/danh-sach.CSV": ROWS}, "không phải là tệp bảng tính",
     "is not a spreadsheet file"),
    ("khong-co.csv", {}, 'không có tệp "khong-co.csv" trong thư mục content/decisions/',
     'there is no file "khong-co.csv" in the folder content/decisions/'),
    ("danh-sach.csv", {"content/decisions/danh-sach.csv": ROWS, f"content/decisions/{STEM}.csv": ROWS},
     f"có hai danh sách: tệp danh-sach.csv (trường sheet_file) và tệp content/decisions/{STEM}.csv",
     f"there are two lists: danh-sach.csv (the sheet_file field) and content/decisions/{STEM}.csv"),
])
def test_a_wrong_sheet_file_is_an_error_at_its_line(make_site, name, files, vi, en):
    site = make_site(BASE_DATA, sheet_decision(STEM, f"sheet_file: {name}"), files)
    for lang, words in (("vi", vi), ("en", en)):
        lines = [line for line in run_check(site, lang) if line.startswith(f"{MD}:10: 'sheet_file': ")]
        assert lines and words in lines[0], (lang, lines)
    site.run("build", check_exit=1)


def test_a_link_leaving_the_content_folder_is_not_read(make_site, tmp_path):
    outside = tmp_path / "ngoai.csv"
    outside.write_text(ROWS, encoding="utf-8")
    site = make_site(BASE_DATA, sheet_decision(STEM, "sheet_file: ngoai.csv"))
    os.symlink(outside, site.root / "content/decisions/ngoai.csv")
    lines = run_check(site, "en")
    assert any(line.startswith("content/decisions/ngoai.csv: ") for line in lines), lines
    assert any(line.startswith(f"{MD}:10: 'sheet_file': there is no file \"ngoai.csv\"") for line in lines), lines
    site.run("build", check_exit=1)


def test_one_sheet_is_the_list_of_one_entry(make_site):
    other = {k.replace(STEM, "qd-78-2021"): v.replace('"77"', '"78"')
             for k, v in sheet_decision(STEM, "sheet_file: chung.csv").items()}
    site = make_site(BASE_DATA, sheet_decision(STEM, "sheet_file: chung.csv"), other,
                     {"content/decisions/chung.csv": ROWS})
    lines = run_check(site, "en")
    assert any(line.startswith("content/decisions/qd-78-2021.md:10: 'sheet_file': chung.csv is already the list "
                               f"of {MD}") for line in lines), lines
    # Nor the sheet named after another decision.
    site = make_site(BASE_DATA, sheet_decision(STEM, "sheet_file: qd-78-2021.csv"), other,
                     {"content/decisions/qd-78-2021.csv": ROWS, "content/decisions/chung.csv": ROWS})
    lines = run_check(site, "vi")
    assert any(line.startswith(f"{MD}:10: 'sheet_file': tệp qd-78-2021.csv đã là danh sách của "
                               "content/decisions/qd-78-2021.md") for line in lines), lines


def test_a_consultation_names_its_candidates_sheet_too(make_site):
    site = make_site(BASE_DATA, {"content/consultations/lay-y-kien-2026.md": """
        ---
        title: Danh sách đề nghị tặng Bằng khen
        issuer: ubnd-tinh
        legal_basis: Nghị định 152/2025/NĐ-CP
        award: bang-khen-tinh
        from: 2026-01-05
        to: 2026-01-19
        contact: {office: Ban Thi đua - Khen thưởng, phone: "0210 3812 345"}
        sheet_file: de-nghi.csv
        ---
    """, "content/consultations/de-nghi.csv": ROWS})
    proc = site.run("check", check_exit=0)
    assert "de-nghi" not in proc.stdout and "không có ai" not in proc.stdout


def test_the_json_schema_takes_a_file_name_of_the_folder_only():
    import re

    from site_builder.content.schema import json_schema

    field = json_schema("decision")["properties"]["sheet_file"]
    field = next((s for s in field.get("anyOf", [field]) if "pattern" in s), field)
    accepts = lambda name: re.search(field["pattern"], name) is not None  # noqa: E731
    assert accepts("danh-sach.csv") and accepts("Danh sach QĐ 12.xlsx")
    assert not any(accepts(name) for name in ("../x.csv", "a/b.csv", "a\\b.csv", ".csv", "x.xls", "x.CSV"))
