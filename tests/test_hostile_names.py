"""Names and labels as communicators really type them (issue 20, items 7 and 8).

A sheet names award forms and places by their labels, in any language and with or without
marks, and they are mapped to their codes; frontmatter gets the code suggested. Names typed
in decomposed form (NFD), with a look-alike of Đ, or with odd spaces are published, sorted and
indexed in one normal form, with a warning that says what changed.
"""
from __future__ import annotations

import json
import re
import unicodedata

from .conftest import BASE_DATA, open_data_recipients

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


# ---- labels mapped to codes ------------------------------------------------------------------

def test_a_sheet_may_name_awards_and_places_by_their_labels_in_any_language(make_site):
    site = make_site(BASE_DATA, DECISION, sheet(
        "Nguyễn Văn An,Bác sĩ,Bệnh viện tỉnh,Huyện Đông,Bằng khen của Chủ tịch UBND tỉnh",
        "Trần Thị Bích,Điều dưỡng,Bệnh viện tỉnh,huyen dong,bang khen cua chu tich ubnd tinh",
        "Lê Văn Cường,Tài xế,Bệnh viện tỉnh,HUYỆN ĐÔNG,Certificate of Merit of the Provincial Chairman",
        "Phạm Thị Dung,Dược sĩ,Bệnh viện tỉnh,tinh-mau,BANG-KHEN-TINH",
    ))
    proc = site.run("check", "--lang", "en", check_exit=0)
    assert "qd-12.csv" not in proc.stdout
    site.run("build", check_exit=0)
    # every row is counted under the award's code and the place's code
    award = site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html")
    assert "4 khen thưởng" in award
    place = site.html("khen-thuong/dia-phuong/huyen-dong/index.html")
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường"):
        assert name in place and name in award
    page = site.html("khen-thuong/qd-12/le-van-cuong.html")
    assert "Bằng khen của Chủ tịch UBND tỉnh" in page and "Huyện Đông" in page
    rows = open_data_recipients(site.root / "site")[1]
    assert {row["award"] for row in rows} == {"bang-khen-tinh"}
    assert sorted(row["locality"] for row in rows) == ["huyen-dong"] * 3 + ["tinh-mau"]


def test_a_label_in_a_sheet_that_names_nothing_suggests_the_closest_code_and_label(make_site):
    site = make_site(BASE_DATA, DECISION, sheet(
        "Nguyễn Văn An,Bác sĩ,Bệnh viện tỉnh,Huyện Đông,Bằng khen Chủ tịch tỉnh",
        "Trần Thị Bích,Điều dưỡng,Bệnh viện tỉnh,Huyen Dongg,Bằng khen của Chủ tịch UBND tỉnh",
    ))
    proc = site.run("check", "--lang", "en", check_exit=1)
    award, = problem_lines(proc, "column Hình thức")
    assert award.startswith("content/decisions/qd-12.csv, row 2, column Hình thức: 'award':")
    assert 'no award form (data/awards.yml) with the id "Bằng khen Chủ tịch tỉnh"' in award
    assert award.endswith("did you mean `bang-khen-tinh` (Certificate of Merit of the Provincial Chairman)?")
    place, = problem_lines(proc, "column Địa phương")
    assert place.startswith("content/decisions/qd-12.csv, row 3, column Địa phương: 'locality':")
    assert place.endswith("did you mean `huyen-dong` (Huyện Đông)?")
    proc = site.run("check", check_exit=1)
    assert "có phải là `bang-khen-tinh` (Bằng khen của Chủ tịch UBND tỉnh)?" in proc.stdout


def test_a_label_that_names_two_entries_is_an_error_listing_both(make_site):
    units = BASE_DATA["content/data/units.yml"] + """
        xa-tay-dong:
          name: Xã Tây
          type: commune
          parent: huyen-dong
        xa-tay-mau:
          name: Xã Tây
          type: commune
          parent: tinh-mau
    """
    site = make_site(BASE_DATA, {"content/data/units.yml": units}, DECISION,
                     sheet("Nguyễn Văn An,Bác sĩ,Trạm Y tế,xã tây,"))
    proc = site.run("check", "--lang", "en", check_exit=1)
    line, = problem_lines(proc, "column Địa phương")
    assert line.startswith("content/decisions/qd-12.csv, row 2, column Địa phương: 'locality':")
    assert line.endswith("that name fits several entries, write the code: `xa-tay-dong` (Xã Tây) or `xa-tay-mau` (Xã Tây)")


def test_a_label_in_frontmatter_is_an_error_that_suggests_its_code(make_site):
    """Frontmatter is YAML written against the documented codes: a label there is not taken
    silently, the error gives the code to write."""
    head = HEAD.replace("issuer: ubnd-tinh", "issuer: UBND tỉnh Mẫu").replace(
        "award: bang-khen-tinh", "award: Bằng khen của Chủ tịch UBND tỉnh")
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": head}, sheet("Nguyễn Văn An,Bác sĩ,Bệnh viện tỉnh,,"))
    proc = site.run("check", "--lang", "en", check_exit=1)
    issuer, = problem_lines(proc, "'issuer'")
    assert issuer.startswith("content/decisions/qd-12.md:4: 'issuer':")
    assert issuer.endswith("did you mean `ubnd-tinh` (Ủy ban nhân dân tỉnh Mẫu)?")
    award, = problem_lines(proc, "qd-12.md:7: 'award'")
    assert award.endswith("did you mean `bang-khen-tinh` (Certificate of Merit of the Provincial Chairman)?")


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
        "download": (site.root / "site/du-lieu/khen-thuong/qd-12.csv").read_text(encoding="utf-8-sig"),
        "open data": json.dumps(open_data_recipients(site.root / "site")[0], ensure_ascii=False),
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
    # sorted the Vietnamese way on the normal form: Bình (Dương) before Bình (Đặng), on the
    # award's page (the decision's own page keeps the order of its list)
    table = site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html").split('<tbody>', 1)[1]
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


from hypothesis import given, settings, strategies as st  # noqa: E402

# Names as pasted: letters, marks typed apart, look-alikes of Đ and odd spaces, in any order.
TYPED = st.lists(st.sampled_from(list("aăâeêoôơuưdđĐ ĐÐðƉɖ\u00a0\t\n\u2009\u3000\u0300\u0301\u0303\u0309\u0323"
                                      "\u0302\u0306\u031b") + ["Nguyễn", "Thị", "Ánh", "  "]),
                 max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(TYPED)
def test_the_quick_look_never_hides_a_name_that_needs_normalising(text):
    """normal_name's quick look (is_normal) passes exactly the texts that need no change, and a
    normalised text needs none."""
    from site_builder.text.normal_names import is_normal, normal_name

    normal = normal_name(text)
    expected = " ".join(unicodedata.normalize("NFC", text).translate(
        {0xD0: "Đ", 0x189: "Đ", 0xF0: "đ", 0x256: "đ"}).split())
    assert (normal[0] if normal else text) == expected
    assert is_normal(expected) and normal_name(expected) is None
    assert (normal is None) == is_normal(text)
