"""Long honor-roll lists on a phone (issue 23 item 2): a place's or an award's list is cut into
pages of 100 rows at stable addresses (`.../trang/N/`) with previous and next links, and
grouped by the initial of the given name (collectives first), with a jump list on every page
that links to where each group begins, on whichever page that is. Plain links: no script."""
from __future__ import annotations

import html
import re

from .conftest import BASE_DATA, sheet_decision

STEM = "qd-99-2021"
COMMUNE = "xa-tay"
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Văn", "Thị", "Hữu")
# Given names across the alphabet, with the letters Vietnamese writes with marks (Â, Đ, Ư).
GIVEN = ("An", "Ánh", "Ấn", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Khánh", "Lộc", "Minh", "Nga",
         "Oanh", "Phúc", "Quỳnh", "Sơn", "Thủy", "Uyên", "Ước", "Việt", "Xuân", "Yến")
COLLECTIVES = ("Trường Tiểu học xã Tây", "Trạm Y tế xã Tây", "Công an xã Tây", "Hội Phụ nữ xã Tây", "Đoàn Thanh niên xã Tây")


def long_commune_files(people: int = 600, more: tuple[str, ...] = ()) -> dict[str, str]:
    """A decision whose sheet lists `people` individuals (and the names `more`) and five
    collectives, all in one commune (xã Tây, in force), with the position and unit a real
    annex gives."""
    assert people <= 690  # distinct names: family and given name differ below 230, the middle name above
    names = [f"{FAMILY[n % 10]} {MIDDLE[n // 230]} {GIVEN[n % 23]}" for n in range(people)] + list(more)
    rows = [f"Tập thể,{name},,Xã Tây,{COMMUNE}\n" for name in COLLECTIVES]
    rows += [f"Cá nhân,{name},Giáo viên,Trường Trung học cơ sở xã Tây,{COMMUNE}\n" for name in names]
    return {
        "content/data/units.yml": BASE_DATA["content/data/units.yml"] + f"""
        {COMMUNE}:
          name: Xã Tây
          type: commune
          parent: tinh-mau
        """,
        **sheet_decision(STEM),
        f"content/decisions/{STEM}.csv": "Loại,Họ và tên,Chức vụ,Đơn vị,Địa phương\n" + "".join(rows),
    }


PLACE = f"khen-thuong/dia-phuong/{COMMUNE}/"
AWARD = "khen-thuong/hinh-thuc/bang-khen-tinh/"


def row_names(page: str) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', page)]


def jump_links(page: str) -> list[tuple[str, str]]:
    """(href, label) of the jump list."""
    nav = page.split('<nav class="jump"', 1)[1].split("</nav>", 1)[0]
    return [(h, html.unescape(label)) for h, label in re.findall(r'<a href="([^"]+)"(?: lang="vi")?>([^<]+)</a>', nav)]


def test_a_long_place_list_is_paged_by_100_with_previous_and_next(make_site):
    site = make_site(BASE_DATA, long_commune_files())
    site.run("build", check_exit=0)
    pages = [site.html(PLACE + "index.html")] + [site.html(f"{PLACE}trang/{n}/index.html") for n in range(2, 8)]
    assert not (site.root / "site" / PLACE / "trang/8").exists()
    assert [len(row_names(p)) for p in pages] == [100] * 6 + [5]  # 605 awards
    # every row once, numbered across pages
    assert len({n for p in pages for n in row_names(p)}) == 605
    assert '<tr><td>101</td>' in pages[1] and '<tr><td>605</td>' in pages[6]
    second = pages[1]
    assert f'<a href="../../../../../{PLACE}" rel="prev">' in second
    assert f'<a href="../../../../../{PLACE}trang/3/" rel="next">' in second
    assert 'rel="prev"' not in pages[0] and 'rel="next"' not in pages[6]


def test_every_page_of_a_long_list_has_the_jump_list_and_each_link_lands_on_its_group(make_site):
    site = make_site(BASE_DATA, long_commune_files())
    site.run("build", check_exit=0)
    for base in (PLACE, AWARD):
        paths = [base] + [f"{base}trang/{n}/" for n in range(2, 8)]
        pages = {path: site.html(path + "index.html") for path in paths}
        expected = None
        for path, page in pages.items():
            links = jump_links(page)
            # the same list on every page, in the list's order: collectives, then letters
            labels = [label for _href, label in links]
            assert labels[0] == "Tập thể" and labels[1:4] == ["A", "Â", "B"], labels
            assert {"Đ", "Ư", "Y"} <= set(labels) and labels.index("D") < labels.index("Đ") < labels.index("G")
            assert expected in (None, labels)
            expected = labels
            depth = path.count("/")
            for href, label in links:
                target, anchor = href[len("../" * depth):].split("#")
                assert target in pages, href
                # the anchor is on the target page once, on the heading of its group
                heading = re.findall(rf'<tr class="roll-group" id="{anchor}"><th colspan="\d" scope="rowgroup"(?: lang="vi")?>([^<]+)</th>',
                                     pages[target])
                assert [html.unescape(h) for h in heading] == [label], (href, heading)
    # a group going on from the page before is headed again, marked as continued, with no anchor
    second = site.html(PLACE + "trang/2/index.html")
    first_heading = re.search(r'<tr class="roll-group"( id="[^"]+")?><th[^>]*>([^<]+)<small>([^<]*)', second)
    assert first_heading and first_heading.group(1) is None and "tiếp theo" in first_heading.group(3)
    # the rows under a letter are the people whose given name begins with it
    page = site.html(PLACE + "trang/6/index.html")
    part = page.split('id="chu-uw">', 1)[1].split("</tbody>", 1)[0]
    assert row_names(part) and all(name.split()[2] == "Ước" for name in row_names(part))


def test_a_list_of_more_than_30_rows_is_grouped_even_on_one_page_and_a_shorter_one_is_not(make_site):
    """Over 30 rows (about four screens on a phone) a list has its jump list, paged or not; a
    name in another script comes last, under "Khác"."""
    longer = make_site(BASE_DATA, long_commune_files(people=25, more=("សុខ ចាន់ធី",)), folder="longer")  # 31 rows
    longer.run("build", check_exit=0)
    page = longer.html(PLACE + "index.html")
    assert len(row_names(page)) == 31 and 'class="pager"' not in page
    links = jump_links(page)
    assert [href for href, _label in links][:2] == [f"../../../{PLACE}#tap-the", f"../../../{PLACE}#chu-a"]
    assert links[-1] == (f"../../../{PLACE}#khac", "Khác") and row_names(page)[-1] == "សុខ ចាន់ធី"
    shorter = make_site(BASE_DATA, long_commune_files(people=25), folder="shorter")  # 30 rows
    shorter.run("build", check_exit=0)
    page = shorter.html(PLACE + "index.html")
    assert len(row_names(page)) == 30
    assert '<nav class="jump"' not in page and 'class="roll-group"' not in page


def test_the_jump_list_speaks_the_pages_language(make_site):
    # (English lists of people: recipient_pages every-language)
    site = make_site(BASE_DATA, long_commune_files(), languages=("vi", "en"),
                     plugin={"recipient_pages": "every-language"})
    site.run("build", check_exit=0)
    page = site.html("en/" + PLACE + "trang/3/index.html")
    assert '<nav class="jump" aria-label="Jump to names by first letter">' in page
    assert [label for _h, label in jump_links(page)][0] == "Collectives"
    assert f'href="../../../../../../en/{PLACE}#tap-the"' in page
