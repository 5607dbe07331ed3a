"""What a list row carries (issue 24 item 3, docs/honor-roll.md "What a list row carries"):
every recipient is a row of its decision's page, its award's list and its place's list, in
each language that lists people (recipient_pages), so a row says what its columns need and nothing twice: links relative to the
page's folder, the recipients' language once per <tbody>, a plain first cell for the number,
notes in <small>, the decision by its number and symbol, no note naming the list's own place."""
from __future__ import annotations

import re

from site_builder.pages.honor_rows import names_place
from tests.test_honor_roll import DECISION
from tests.test_recipient_languages import dead_links

from .conftest import BASE_DATA, sheet_decision

STEM = "qd-77-2021"
SHEET_CSV = f"content/decisions/{STEM}.csv"


def rows_of(html: str) -> str:
    """The table of a list or decision page: its <tbody>s."""
    return html.split('<table class="roll-table', 1)[1].split("</table>", 1)[0].split("</thead>", 1)[1]


def test_rows_link_from_the_page_s_folder_and_say_each_thing_once(make_site):
    # English lists have rows only on a site with recipient pages in every language
    # (recipient_pages; by default they link the Vietnamese list: tests/test_recipient_languages.py)
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION}, languages=("vi", "en"),
                     plugin={"recipient_pages": "every-language"})
    site.run("build", check_exit=0)

    decision = rows_of(site.html("khen-thuong/qd-1234-2021/index.html"))
    # the recipient's page is beside the decision's: its file name is its link
    assert ('<tr id="nguyen-thi-anh"><td>3</td><th scope="row"><a href="nguyen-thi-anh.html">Nguyễn Thị Ánh</a></th>'
            '<td>Điều dưỡng, Trạm Y tế xã Tây <small>(Huyện Đông)</small></td></tr>') in decision
    # a collective whose name says its place gets no note saying it again
    assert ('<a href="cong-an-huyen-dong.html">Công an huyện Đông</a></th><td><small>Tập thể</small></td></tr>'
            in decision)
    # a Vietnamese page says no language on its rows, and no cell carries a class
    assert " lang=" not in decision and "class=" not in decision.replace('class="roll-group"', "")
    assert decision.lstrip().startswith("<tbody>")

    english = rows_of(site.html("en/khen-thuong/qd-1234-2021/index.html"))
    # the recipients' words are Vietnamese, once per <tbody>; the page's own words say theirs
    assert english.lstrip().startswith('<tbody lang="vi">') and english.count(" lang=") == english.count(
        '<tbody lang="vi">') + english.count('<small lang="en">')
    assert '<th scope="row"><a href="nguyen-thi-anh.html">Nguyễn Thị Ánh</a></th>' in english
    assert '<td><small lang="en">Collectives</small>' in english

    award = rows_of(site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html"))
    # from the award's folder to the decision's: up to khen-thuong/, not to the site's root
    assert ('<th scope="row"><a href="../../qd-1234-2021/nguyen-thi-anh.html">Nguyễn Thị Ánh</a></th>'
            '<td>Điều dưỡng, Trạm Y tế xã Tây <small>(Huyện Đông)</small></td>'
            '<td><a href="../../qd-1234-2021/">1234/QĐ-UBND</a></td></tr>') in award
    assert "Quyết định số" not in award and "../../../" not in award
    english_award = rows_of(site.html("en/khen-thuong/hinh-thuc/bang-khen-tinh/index.html"))
    assert '<td><a href="../../qd-1234-2021/">1234/QĐ-UBND</a></td>' in english_award
    assert '<a href="../../qd-1234-2021/nguyen-thi-anh.html">Nguyễn Thị Ánh</a>' in english_award

    place = rows_of(site.html("khen-thuong/dia-phuong/huyen-dong/index.html"))
    # the place's own list does not name the place on each row; the award column is there
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', place)
    assert sorted(names) == sorted(["Trạm Y tế xã Tây", "Công an huyện Đông", "Nguyễn Thị Ánh"])
    assert "(Huyện Đông)" not in place and "<td>Bằng khen của Chủ tịch UBND tỉnh</td>" in place
    english_place = rows_of(site.html("en/khen-thuong/dia-phuong/huyen-dong/index.html"))
    assert '<td lang="en">' in english_place and "(Huyện Đông)" not in english_place

    # every link of every page leads to a page that is there
    assert dead_links(site.root / "site") == []


def test_a_row_s_own_words_name_its_place_only_as_a_whole_name():
    """names_place decides whether a row's place note would repeat its words: the place's
    name in any case, not followed by more of a name ("xã Tây Hòa" is another commune)."""
    assert names_place("Trạm Y tế xã Tây", "Xã Tây") and names_place("UBND xã Tây, huyện Đông", "Xã Tây")
    assert names_place("Nguyễn Văn A\nTrưởng trạm\nTrạm Y tế phường 2", "Phường 2")
    assert names_place("ĐOÀN THANH NIÊN XÃ ĐÔNG", "Xã Đông")
    assert not names_place("Trạm Y tế xã Tây Hòa", "Xã Tây") and not names_place("Trạm Y tế phường 21", "Phường 2")
    assert not names_place("Trạm Y tế xã Tâyx", "Xã Tây") and not names_place("Bệnh viện tỉnh", "Tỉnh Mẫu")
    assert not names_place("Bệnh viện tỉnh", "")


def test_a_long_list_has_one_print_view_in_the_site_s_language_which_every_language_links(make_site):
    """The print view prints the official document: it is made in Vietnamese only (issue 24
    item 3); the English decision page links it (on a site with English lists of people,
    recipient_pages: every-language), and the print view's language switcher leads to the
    English decision page."""
    names = [f"Người Thứ {n:03d}" for n in range(1, 151)]
    site = make_site(BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Họ và tên\n" + "\n".join(names) + "\n"},
                     languages=("vi", "en"), plugin={"recipient_pages": "every-language"})
    site.run("build", check_exit=0)
    out = site.root / "site"
    assert (out / f"khen-thuong/{STEM}/in/index.html").is_file()
    assert not (out / f"en/khen-thuong/{STEM}/in").exists()
    english = site.html(f"en/khen-thuong/{STEM}/index.html")
    assert f'<a class="print-link" href="../../../khen-thuong/{STEM}/in/" hreflang="vi">' in english
    assert f"/khen-thuong/{STEM}/in/</p>" in english and f"/en/khen-thuong/{STEM}/in/" not in english
    printed = site.html(f"khen-thuong/{STEM}/in/index.html")
    assert f'<a class="lang" href="../../../en/khen-thuong/{STEM}/" hreflang="en" lang="en">' in printed
    assert 'rel="alternate" hreflang="en"' not in printed
    assert dead_links(out) == []


def test_a_long_list_is_paged_in_the_site_s_language_and_summed_up_in_the_others(make_site):
    """By default the lists of people are in the site's language only (recipient_pages,
    docs/honor-roll.md "The lists of people, in the site's language"): the English decision
    and award pages are summaries at the same addresses, with no pages 2+, print view or
    embed variants; the Vietnamese pages are as they are with English lists, but for the
    language switcher of a later page, which leads to the English summary. With
    `every-language` English has every page."""
    names = [f"Người Thứ {n:03d}" for n in range(1, 151)]
    files = (BASE_DATA, sheet_decision(STEM), {SHEET_CSV: "Họ và tên\n" + "\n".join(names) + "\n"})
    portal = ["https://portal.example.gov.vn"]  # with embed variants and recipient cards
    default = make_site(*files, languages=("vi", "en"), folder="default", plugin={"frame_ancestors": portal})
    default.run("build", check_exit=0)
    every = make_site(*files, languages=("vi", "en"), folder="every",
                      plugin={"frame_ancestors": portal, "recipient_pages": "every-language"})
    every.run("build", check_exit=0)
    out, out_every = default.root / "site", every.root / "site"
    award = "khen-thuong/hinh-thuc/bang-khen-tinh/"
    for page in (f"khen-thuong/{STEM}/", award):
        assert (out / page / "trang/2/index.html").is_file() and (out_every / "en" / page / "trang/2/index.html").is_file()
        assert not (out / "en" / page / "trang").exists(), page
        assert not (out / "en" / page / "nhung.html").exists() and (out / page / "nhung.html").is_file()
        english = default.html(f"en/{page}index.html")
        assert "Người Thứ 001" not in english and 'class="pager"' not in english and "is in Vietnamese" in english
        assert "Người Thứ 001" in every.html(f"en/{page}index.html")
        # the Vietnamese first page is the same either way
        assert default.html(f"{page}index.html") == every.html(f"{page}index.html")
        # a later page: in English, the summary, and no alternates (it has no English version)
        later = default.html(f"{page}trang/2/index.html")
        up = "../" * (page.count("/") + 2)
        assert f'<a class="lang" href="{up}en/{page}" hreflang="en" lang="en">' in later, page
        assert 'rel="alternate" hreflang' not in later
        assert f'<a class="lang" href="{up}en/{page}trang/2/" hreflang="en" lang="en">' in every.html(
            f"{page}trang/2/index.html")
    assert not (out / f"en/khen-thuong/{STEM}/nhung-nguoi.html").exists()
    assert (out_every / f"en/khen-thuong/{STEM}/nhung-nguoi.html").is_file()
    assert "The list of 150 recipients is in Vietnamese" in default.html(f"en/khen-thuong/{STEM}/index.html")
    sitemap = (out / "sitemap-core-1.xml").read_text(encoding="utf-8") if (out / "sitemap-core-1.xml").exists() else ""
    assert "en/khen-thuong/" + STEM + "/trang/" not in sitemap
    assert dead_links(out) == [] and dead_links(out_every) == []
