"""The signed order kept: a decision's pages, its print view and its CSV download keep the
order, the STT and the group headings of its annex as the sheet (or `awardees:`) gives them;
browse pages sort by name (issue 21 item 5, issue 22 item 6)."""
from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re

from .conftest import BASE_DATA, open_data_recipients, sheet_decision
from .test_hostile_sheets import SHEET_CSV, SHEET_XLSX, STEM, check, errors, published_csv, xlsx_bytes

DECISION_PAGE = f"khen-thuong/{STEM}/index.html"
AWARD_PAGE = "khen-thuong/hinh-thuc/bang-khen-tinh/index.html"

# As an office writes an annex: its own numbers (from 5, with a gap and a "9a"), a heading in
# the STT column, and "II" in the STT column with its heading in the name column.
ANNEX = (
    "STT,Họ và tên,Chức vụ,Đơn vị\n"
    "I. KHỐI CƠ QUAN,,,\n"
    "5,Trần Văn Bình,Bác sĩ,Sở Y tế\n"
    "6,Nguyễn Thị An,Chuyên viên,Sở Y tế\n"
    "II,Khối xã,,\n"
    "9,Lê Văn Cường,Dân quân,UBND xã Tây\n"
    "9a,Phạm Thị Ánh,Y sĩ,Trạm Y tế xã Tây\n"
)


def annex_rows(page: str) -> list[tuple[str, str]]:
    """(STT, name) of a decision page's rows, and ("#", heading) for its group headings, in order."""
    table = page.split('<table class="roll-table annex">', 1)[1].split("</table>", 1)[0]
    found = re.findall(r'<th colspan="\d" scope="rowgroup">(.*?)</th>|<td>([^<]*)</td>'
                       r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)
    return [("#", html_lib.unescape(re.sub(r"<[^>]+>", "", heading))) if heading else (number, name)
            for heading, number, name in found]


def list_names(page: str) -> list[tuple[str, str]]:
    """(number, name) of a browse page's rows."""
    return re.findall(r'<tr><td>(\d+)</td><th scope="row"><a href="[^"]+">([^<]+)</a>', page)


def csv_rows(site) -> list[dict]:
    return list(csv.DictReader(io.StringIO(published_csv(site))))


def test_a_decision_keeps_its_annex_stt_and_groups_while_its_award_page_sorts(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: ANNEX})
    site.run("build", check_exit=0)
    assert annex_rows(site.html(DECISION_PAGE)) == [
        ("#", "I. KHỐI CƠ QUAN"), ("5", "Trần Văn Bình"), ("6", "Nguyễn Thị An"),
        ("#", "II. Khối xã"), ("9", "Lê Văn Cường"), ("9a", "Phạm Thị Ánh")]
    # the award's page sorts by given name and numbers its own list
    assert list_names(site.html(AWARD_PAGE)) == [
        ("1", "Nguyễn Thị An"), ("2", "Phạm Thị Ánh"), ("3", "Trần Văn Bình"), ("4", "Lê Văn Cường")]
    # the download mirrors the annex: its order, its STT, its groups
    rows = csv_rows(site)
    assert [(r["stt"], r["name"], r["group"]) for r in rows] == [
        ("5", "Trần Văn Bình", "I. KHỐI CƠ QUAN"), ("6", "Nguyễn Thị An", "I. KHỐI CƠ QUAN"),
        ("9", "Lê Văn Cường", "II. Khối xã"), ("9a", "Phạm Thị Ánh", "II. Khối xã")]
    # open data: the annex's order within the decision, with the STT and group as signed
    records = open_data_recipients(site.root / "site")[0]["items"]
    assert [(r["stt"], r["name"], r["group"]) for r in records] == [
        (r["stt"], r["name"], r["group"]) for r in rows]


def test_a_list_without_stt_is_numbered_in_its_order_across_pages_and_a_group_goes_on(make_site):
    """A `Nhóm` column groups the rows; with no STT they are numbered in the sheet's order,
    page 2 going on from page 1 and heading its group again, marked as continued."""
    names = [f"Người Thứ {n:03d}" for n in range(1, 106)]  # 100 rows a page
    rows = [f"Khối A,{name}" for name in reversed(names[:103])] + [f"Khối B,{name}" for name in names[103:]]
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Nhóm,Họ và tên\n" + "\n".join(rows) + "\n"})
    site.run("build", check_exit=0)
    first = annex_rows(site.html(DECISION_PAGE))
    assert first[:3] == [("#", "Khối A"), ("1", "Người Thứ 103"), ("2", "Người Thứ 102")]
    assert first[-1] == ("100", "Người Thứ 004") and len(first) == 101
    second = annex_rows(site.html(f"khen-thuong/{STEM}/trang/2/index.html"))
    assert second == [("#", "Khối A (tiếp theo)"), ("101", "Người Thứ 003"), ("102", "Người Thứ 002"),
                      ("103", "Người Thứ 001"), ("#", "Khối B"), ("104", "Người Thứ 104"), ("105", "Người Thứ 105")]
    # the download: the sheet's order, its stt empty (the list gives none), its groups
    rows = csv_rows(site)
    assert [r["name"] for r in rows] == list(reversed(names[:103])) + names[103:]
    assert {r["stt"] for r in rows} == {""} and [r["group"] for r in rows[102:]] == ["Khối A", "Khối B", "Khối B"]


def test_merged_heading_rows_group_an_xlsx_and_say_who_is_a_collective(make_site):
    """Excel's usual annex: "I. TẬP THỂ" and "II. CÁ NHÂN" merged across the row, no Loại
    column; the rows under "TẬP THỂ" are collectives. A range merged down a column still is
    an error."""
    def merge(book):
        sheet = book["Danh sách"]
        sheet.merge_cells("A2:D2")
        sheet.merge_cells("A5:D5")

    rows = [["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            ["I. TẬP THỂ"],
            [1, "Trạm Y tế xã Tây", None, None],
            [2, "Công an huyện Đông", None, None],
            ["II. CÁ NHÂN"],
            [1, "Nguyễn Văn Hải", "Bác sĩ", "Bệnh viện tỉnh"]]
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_XLSX: xlsx_bytes({"Danh sách": rows}, merge)})
    site.run("build", check_exit=0)
    page = site.html(DECISION_PAGE)
    assert annex_rows(page) == [("#", "I. TẬP THỂ"), ("1", "Trạm Y tế xã Tây"), ("2", "Công an huyện Đông"),
                                ("#", "II. CÁ NHÂN"), ("1", "Nguyễn Văn Hải")]
    assert "2 tập thể, 1 cá nhân" in page
    assert [r["kind"] for r in csv_rows(site)] == ["collective", "collective", "individual"]

    def merge_down(book):
        merge(book)
        book["Danh sách"].merge_cells("D3:D4")

    site.write({SHEET_XLSX: xlsx_bytes({"Danh sách": rows}, merge_down)})
    assert [line.split(": ", 1)[0] for line in errors(check(site, 1))] == [
        f'{SHEET_XLSX}, sheet "Danh sách", row 3, column Đơn vị']


def test_what_is_not_a_heading_stays_a_recipient_or_an_error(make_site):
    """A name alone is a recipient (a collective named "Sở Y tế"); a row holding only a number
    is a numbered row left empty, still an error; a heading needs words."""
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "STT,Họ và tên,Chức vụ\n"
                                                        "1,Nguyễn Văn Hải,Bác sĩ\n"
                                                        ",Sở Y tế,\n"
                                                        "3,,\n"})
    out = check(site, 1)
    assert [line.split(": ", 1)[0] for line in errors(out)] == [f"{SHEET_CSV}, row 4, column Họ và tên"], out
    site.write({SHEET_CSV: "STT,Họ và tên,Chức vụ\n1,Nguyễn Văn Hải,Bác sĩ\n,Sở Y tế,\n"})
    site.run("build", check_exit=0)
    assert annex_rows(site.html(DECISION_PAGE)) == [("1", "Nguyễn Văn Hải"), ("", "Sở Y tế")]


def test_frontmatter_awardees_keep_their_order_stt_and_groups(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM, """awardees:
          - {name: Trần Văn Bình, stt: 1, group: A. TẬP THỂ VÀ CÁ NHÂN NGÀNH Y}
          - {name: Nguyễn Thị An, stt: 2, group: A. TẬP THỂ VÀ CÁ NHÂN NGÀNH Y}
          - {name: Lê Văn Cường, stt: 1, group: B. LỰC LƯỢNG VŨ TRANG}"""))
    site.run("build", check_exit=0)
    assert annex_rows(site.html(DECISION_PAGE)) == [
        ("#", "A. TẬP THỂ VÀ CÁ NHÂN NGÀNH Y"), ("1", "Trần Văn Bình"), ("2", "Nguyễn Thị An"),
        ("#", "B. LỰC LƯỢNG VŨ TRANG"), ("1", "Lê Văn Cường")]


def test_the_print_view_holds_the_whole_annex_and_a_paged_page_says_where_it_is(make_site):
    names = [f"Người Thứ {n:03d}" for n in range(1, 451)]
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Họ và tên\n" + "\n".join(names) + "\n"})
    site.run("build", check_exit=0)
    whole = site.html(f"khen-thuong/{STEM}/in/index.html")
    assert [name for _n, name in annex_rows(whole)] == names
    assert 'class="pager"' not in whole and "Bản in này chỉ có" not in whole
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in whole  # the decision itself, then its list
    assert f'<link rel="canonical"' not in whole or f'khen-thuong/{STEM}/"' in whole
    first = site.html(DECISION_PAGE)
    assert f'href="../../khen-thuong/{STEM}/in/">Bản in' in first
    assert (f'<p class="print-only print-part">Bản in này chỉ có các dòng 1–100 trong 450 dòng của danh sách. '
            f'Bản in đầy đủ: /khen-thuong/{STEM}/in/</p>') in first
    sitemap_free = (site.root / "site/sitemap.xml")
    assert not sitemap_free.exists() or "/in/" not in sitemap_free.read_text(encoding="utf-8")


def test_a_list_that_fits_on_its_page_prints_from_it_without_a_print_view(make_site):
    """Issue 24: a decision of at most 100 awards has its whole list on its page, which prints
    as it is (the print rules of site.css); a print view would be a second copy of it, so
    there is none, and a link to where it would be is reported."""
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: ANNEX, "content/gioi-thieu.md": (
        "# Giới thiệu\n\n[Bản in](../khen-thuong/qd-77-2021/in/)\n")})
    proc = site.run("check", "--format", "json")
    problems = [(p["file"], p["line"], p["code"]) for p in json.loads(proc.stdout)["problems"]]
    assert ("content/gioi-thieu.md", 3, "broken_link") in problems
    site.write({"content/gioi-thieu.md": "# Giới thiệu\n"})
    site.run("build", check_exit=0)
    page = site.html(DECISION_PAGE)
    assert [name for number, name in annex_rows(page) if number != "#"] == [
        "Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Cường", "Phạm Thị Ánh"]  # the whole list
    assert "print-link" not in page and "/in/" not in page and 'class="pager"' not in page
    assert not (site.root / f"site/khen-thuong/{STEM}/in").exists()


def test_a_heading_is_checked_for_personal_data_as_a_row_is(make_site):
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "STT,Họ và tên\n"
                                                        "Liên hệ anh Hải 0912 345 678,\n"
                                                        "1,Nguyễn Văn Hải\n"})
    out = check(site, 1)
    assert [line.split(": ", 1)[0] for line in errors(out)] == [f"{SHEET_CSV}, row 2, column STT"], out
    assert "phone" in out
