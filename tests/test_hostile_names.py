"""Names and labels as communicators really type them (issue 20, items 7 and 8).

A sheet names award forms and places by their labels, in any language and with or without
marks, and they are mapped to their codes; frontmatter gets the code suggested. Names typed
in decomposed form (NFD), with a look-alike of Đ, or with odd spaces are published, sorted and
indexed in one normal form, with a warning that says what changed.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

from .conftest import BASE_DATA

HEAD = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    ---
    Điều 1.
"""
DECISION = {"content/decisions/qd-12.md": HEAD}


def sheet(*rows: str, header: str = "Họ và tên,Chức vụ,Đơn vị,Địa phương,Hình thức") -> dict:
    return {"content/decisions/qd-12.csv": header + "\n" + "\n".join(rows) + "\n"}


def problem_lines(proc, text: str) -> list[str]:
    return [line for line in proc.stdout.splitlines() if text in line]


# ---- names normalised where they are read -------------------------------------------------------

NFD_ANH = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
LOOKALIKE_BINH = "\u00d0ặng  Văn\u00a0Bình"  # Icelandic eth, a doubled space, a non-breaking space


def test_names_are_published_sorted_and_indexed_in_their_normal_form(make_site):
    site = make_site(BASE_DATA, DECISION, sheet(
        f"{NFD_ANH},Điều dưỡng,Trạm Y tế,,",
        f"{LOOKALIKE_BINH},Tài xế,Trung\ttâm  cấp cứu 115,,",
        "Dương Thị Bình,Tình nguyện viên,Hội Chữ thập đỏ,,",
    ))
    proc = site.run("check", "--lang", "en", check_exit=0)
    anh, = problem_lines(proc, "row 2, column Họ và tên")
    assert "warning: 'name': normalised when read: marks typed apart from their letters (NFD) composed (NFC)" in anh
    assert anh.endswith('the site shows "Nguyễn Thị Ánh" (the file need not be fixed)')
    binh, = problem_lines(proc, "row 3, column Họ và tên")
    assert "Ð/Ɖ, letters that look like Đ, replaced by Đ" in binh and "spaces collapsed into one space" in binh
    assert 'the site shows "Đặng Văn Bình"' in binh
    unit, = problem_lines(proc, "row 3, column Đơn vị")
    assert 'the site shows "Trung tâm cấp cứu 115"' in unit

    site.run("build", check_exit=0)
    published = {
        "recipient page": site.html("khen-thuong/qd-12/dang-van-binh.html"),
        "decision page": site.html("khen-thuong/qd-12/index.html"),
        "download": (site.root / "site/khen-thuong/qd-12/danh-sach.csv").read_text(encoding="utf-8-sig"),
        "open data": (site.root / "site/du-lieu/recipients.json").read_text(encoding="utf-8"),
        "name index": "".join(p.read_text(encoding="utf-8") for p in (site.root / "site/search/names").rglob("*.json")),
    }
    for where, text in published.items():
        assert "Đặng Văn Bình" in text, where
        assert "\u00d0" not in text and "\u00a0" not in text and "  Văn" not in text, where
        assert "Trung tâm cấp cứu 115" in text or where == "recipient page" and "Tài xế" in text, where
    for where, text in published.items():
        if where != "recipient page":
            assert "Nguyễn Thị Ánh" in text and NFD_ANH not in text, where
    assert "Nguyễn Thị Ánh" in site.html("khen-thuong/qd-12/nguyen-thi-anh.html")
    # sorted the Vietnamese way on the normal form: Bình (Dương) before Bình (Đặng)
    table = site.html("khen-thuong/qd-12/index.html").split('id="ca-nhan"', 1)[1]
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table) == [
        "Nguyễn Thị Ánh", "Dương Thị Bình", "Đặng Văn Bình"]
    records = json.loads((site.root / "site/search/names/r/0.json").read_text(encoding="utf-8"))["r"]
    assert [record[0] for record in records] == ["Nguyễn Thị Ánh", "Dương Thị Bình", "Đặng Văn Bình"]


def test_a_sheet_typed_in_nfd_throughout_gets_five_warnings_and_one_for_the_rest_of_the_column(make_site):
    names = ["An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lâm", "Lý", "Mỹ", "Ngọc", "Phúc", "Quý"]
    rows = [unicodedata.normalize("NFD", f"Nguyễn Văn {name},Bác sĩ,Bệnh viện tỉnh,,") for name in names]
    site = make_site(BASE_DATA, DECISION, sheet(*rows))
    proc = site.run("check", "--lang", "en", check_exit=0)
    lines = problem_lines(proc, "column Họ và tên")
    assert [line.split(",")[1] for line in lines] == [" row 2", " row 3", " row 4", " row 5", " row 6", " row 7"]
    assert "warning: 'name': 7 more cells of this column, from this row on, were normalised when read too" in lines[5]
    # Bác sĩ and Bệnh viện were typed in NFD too: the same for their columns
    assert len(problem_lines(proc, "column Chức vụ")) == 6 and len(problem_lines(proc, "column Đơn vị")) == 6


def test_frontmatter_names_are_normalised_with_their_line(make_site):
    head = HEAD.replace("    ---\n    Điều 1.", "    awardees:\n      - name: \"Nguyễn  Văn\\tHùng\"\n"
                                               "        unit: Bệnh viện tỉnh\n    ---\n    Điều 1.")
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": head})
    proc = site.run("check", "--lang", "en", check_exit=0)
    line, = problem_lines(proc, "normalised when read")
    assert line.startswith("content/decisions/qd-12.md:10: warning: 'name':") and 'shows "Nguyễn Văn Hùng"' in line
    site.run("build", check_exit=0)
    assert "Nguyễn Văn Hùng" in site.html("khen-thuong/qd-12/nguyen-van-hung.html")
