"""The example site's 2026 content (issue 21, item 6): a campaign of Cần Thơ after Sóc Trăng
joined it, judged by the law of 2026, with recipients recorded in communes that ended on
30/6/2025 and browsable by today's communes; and the 2021 data it corrected (Đại Mạch).

The real example site (content/, theme/, mkdocs.yml of the repository) is copied and built
once for the module; every test reads what a visitor would see in that build."""
from __future__ import annotations

import html
import re

import pytest


PROVINCIAL = "khen-thuong/can-tho-qd-khen-thuong-2026/index.html"
COMMUNE = "khen-thuong/tran-de-qd-danh-hieu-2026/index.html"


def text_of(fragment: str) -> str:
    """A piece of HTML as a reader sees it: tags dropped, entities read, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def row_of(page: str, name: str) -> str:
    """The text of the one table row of the recipient `name` (its row header cell)."""
    rows = re.findall(r"(?s)<tr\b.*?</tr>", page)
    found = [text_of(r) for r in rows if any(text_of(th) == name for th in re.findall(r"(?s)<th\b.*?</th>", r))]
    assert len(found) == 1, f"{name}: {len(found)} rows"
    return found[0]


def test_the_example_checks_clean(example):
    proc = example.run("check", check_exit=0)
    assert "0 lỗi, 0 cảnh báo" in proc.stdout, proc.stdout


def test_the_2026_provincial_decision_is_published_under_decree_152(example):
    page = example.html(PROVINCIAL)
    body = text_of(page)
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" in body  # the full name (Nghị định 30/2020)
    assert "Số: 2890/QĐ-UBND" in body
    assert "ngày 28 tháng 9 năm 2026" in body
    # The preamble cites the decree in force since 01/7/2025 (not 98/2023, not 91/2017).
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in body
    assert "98/2023" not in body and "91/2017" not in body
    assert "Văn bản minh họa" in body  # invented content says so
    # Its list comes from the sheet beside it, with the places as recorded then.
    # (the row's unit names the place, so no note repeats it: docs/honor-roll.md, "What a list row carries")
    assert "xã Vĩnh Hiệp" in row_of(page, "Trạm Y tế xã Vĩnh Hiệp")
    assert "Thạch Thị Sô Phia" in body


def test_the_commune_decision_confers_chien_si_thi_dua_co_so(example):
    page = example.html(COMMUNE)
    body = text_of(page)
    assert "ỦY BAN NHÂN DÂN XÃ TRẦN ĐỀ" in body and "năm 2026" in body
    for name in ("Sơn Thị Chanh Đa", "Phạm Quốc Bảo", "Kim Sà Rết"):
        assert "Chiến sĩ thi đua cơ sở" in row_of(page, name)
    assert "Lao động tiên tiến" in row_of(page, "Nguyễn Thị Thúy")


def test_todays_ward_lists_the_recipients_of_the_former_commune_split_into_it(example):
    page = example.html("khen-thuong/dia-phuong/phuong-vinh-chau/index.html")
    # Recorded in xã Vĩnh Hiệp, which ended on 30/6/2025 and was split in two.
    row = row_of(page, "Thạch Thị Sô Phia")
    assert "(một phần xã Vĩnh Hiệp cũ)" in row and "2890/QĐ-UBND" in row
    assert "Xã Vĩnh Hiệp (một phần)" in text_of(page)  # the table of former units
    # The other part lists them too.
    other = example.html("khen-thuong/dia-phuong/phuong-khanh-hoa/index.html")
    assert "(một phần xã Vĩnh Hiệp cũ)" in row_of(other, "Thạch Thị Sô Phia")
    # In English, a summary (recipient_pages): the former units by their English names, and a
    # link to the Vietnamese list (the rows' English notes: tests/test_units_through_time.py).
    english = example.html("en/khen-thuong/dia-phuong/phuong-vinh-chau/index.html")
    assert "Vĩnh Hiệp commune</a> <span class=\"muted\">(part)</span>" in english
    assert "Thạch Thị Sô Phia" not in english
    assert '<a href="../../../../khen-thuong/dia-phuong/phuong-vinh-chau/" hreflang="vi">' in english


def test_todays_commune_lists_the_former_communes_merged_into_it(example):
    page = example.html("khen-thuong/dia-phuong/xa-tran-de/index.html")
    body = text_of(page)
    # Merged whole: the row names the former commune as recorded (here its unit does, so no
    # note says it again).
    assert "xã Trung Bình" in row_of(page, "Lý Thị Chanh Thu")
    assert "thị trấn Trần Đề" in row_of(page, "Trần Thị Kim Ngân")
    # A part of xã Đại Ân 2 (the rest is not recorded).
    assert "(một phần xã Đại Ân 2 cũ)" in row_of(page, "Kim Thị Sóc Khê")
    # And the commune's own decision of 2026.
    assert "Chiến sĩ thi đua cơ sở" in row_of(page, "Sơn Thị Chanh Đa")
    for former in ("Thị trấn Trần Đề", "Xã Đại Ân 2 (một phần)", "Xã Trung Bình"):
        assert former in body


def test_the_former_commune_page_says_where_it_lies_now(example):
    body = text_of(example.html("khen-thuong/dia-phuong/vinh-hiep/index.html"))
    assert "30/06/2025" in body
    assert "Nay thuộc: Phường Vĩnh Châu (một phần), Phường Khánh Hòa (một phần)" in body


def test_the_2026_campaign_has_its_plan_and_both_decisions(example):
    campaign = text_of(example.html("phong-trao/can-tho-2026/index.html"))
    assert "Kế hoạch số 68/KH-UBND" in campaign
    assert "ví dụ minh họa" in campaign  # the campaign's summary says it is invented
    awards = text_of(example.html("khen-thuong/phong-trao/can-tho-2026/index.html"))
    assert "Quyết định số 2890/QĐ-UBND" in awards and "Quyết định số 415/QĐ-UBND" in awards


def test_the_dai_mach_plan_has_no_district_line_its_copy_does_not_carry(example):
    page = example.html("van-ban/dai-mach-108-2021/index.html")
    assert "ỦY BAN NHÂN DÂN XÃ ĐẠI MẠCH" in text_of(page)
    assert "UBND HUYỆN ĐÔNG ANH" not in page
    assert 'class="parent-body"' not in page
