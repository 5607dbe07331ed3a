"""The honor roll on a cheap phone (issue 23 items 1-2), in real Chromium at 360x740 and at
1280 px: no page scrolls sideways, every count stays within the screen's width, tables are
cards on the phone and tables on the desktop, a long locality list is cut into pages under 20
screens with a jump list that works without JavaScript, and axe finds nothing. On a small
inline site with 600 people in one commune, and on the example site."""
from __future__ import annotations

import pytest

from ..conftest import BASE_DATA, SiteFixture, mkdocs_yml
from ..test_honor_jump_list import AWARD, PLACE, STEM, long_commune_files
from .conftest import axe_violations, describe

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
MAX_SCREENS = 20  # the tallest a page may be on the phone, in screens

INLINE_PAGES = [
    "khen-thuong/", "khen-thuong/dia-phuong/", "khen-thuong/dia-phuong/tinh-mau/", PLACE, PLACE + "trang/4/",
    PLACE + "trang/7/", AWARD, AWARD + "trang/2/", f"khen-thuong/{STEM}/", f"khen-thuong/{STEM}/trang/2/",
    f"khen-thuong/{STEM}/in/", "khen-thuong/phong-trao/covid/", "khen-thuong/nam/2021/", "du-lieu/",
]
BIG = "khen-thuong/dak-lak-qd-khen-thuong-covid-2021/"
EXAMPLE_PAGES = [
    "khen-thuong/", "khen-thuong/dia-phuong/", "khen-thuong/dia-phuong/dak-lak/", "khen-thuong/dia-phuong/dak-lak/trang/2/",
    "khen-thuong/dia-phuong/buon-ma-thuot/", "khen-thuong/dia-phuong/can-tho/",
    "khen-thuong/hinh-thuc/bang-khen-chu-tich-tinh/", "khen-thuong/hinh-thuc/bang-khen-chu-tich-tinh/trang/2/",
    BIG, BIG + "trang/2/", "khen-thuong/soc-trang-qd-khen-thuong-covid-2021/", "khen-thuong/phong-trao/covid-19-2021/",
    "khen-thuong/nam/2021/", "du-lieu/", "en/khen-thuong/", "en/khen-thuong/dia-phuong/dak-lak/",
]

# Every count a page shows (tables' counts and a list's numbers, the place's facts) that is
# not wholly within the screen's width, by its text.
COUNTS_OFF_SCREEN = """() => [...document.querySelectorAll(
    '.counts td, .data-table td, .roll-table td:first-child, .place-facts strong, .lead, .decision-list .count')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > innerWidth; })
  .map(e => e.textContent.trim()).slice(0, 5)"""
COUNTS_SHOWN = ("() => document.querySelectorAll("
                "'.counts td.num, .data-table td, .roll-table td:first-child, .decision-list .count').length")
# How the first row of each table is laid out: "flex" for a card, "table-row" for a table.
ROW_DISPLAY = """() => [...document.querySelectorAll('.counts, .data-table, .roll-table')]
  .map(t => getComputedStyle(t.querySelector('tbody tr:not(.roll-group)')).display)"""


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    """605 awards in one commune (600 people, 5 collectives) under one decision."""
    root = tmp_path_factory.mktemp("phone-honor-roll")
    site = SiteFixture(root)
    site.write({**BASE_DATA, "mkdocs.yml": mkdocs_yml(("vi",))})
    site.write(long_commune_files())
    site.run("build", check_exit=0)
    return root / "site"


def check_pages(browser, base: str, paths: list[str]) -> None:
    """Each page at the phone's and the desktop's width: fits, shows its counts, its tables
    as cards on the phone and as tables on the desktop, is under 20 screens tall on the
    phone (a list's page), and has no axe violations."""
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            for path in paths:
                response = page.goto(base + path)
                assert response.status == 200, path
                width, inner, height = page.evaluate(
                    "[document.documentElement.scrollWidth, innerWidth, document.documentElement.scrollHeight]")
                assert width <= inner, f"{path} at {viewport['width']} px: {width} px wide"
                assert page.evaluate(COUNTS_OFF_SCREEN) == [], f"{path} at {viewport['width']} px"
                assert page.evaluate(COUNTS_SHOWN) > 0, path
                layouts = set(page.evaluate(ROW_DISPLAY))
                assert layouts <= ({"flex"} if viewport is PHONE else {"table-row"}), (path, layouts)
                if viewport is PHONE and "/in/" not in path:  # the print view holds the whole list
                    assert height < MAX_SCREENS * PHONE["height"], f"{path}: {height} px tall on a phone"
                violations = axe_violations(page)
                assert not violations, f"{path} at {viewport['width']} px:\n" + describe(violations)
        finally:
            context.close()


def test_inline_honor_roll_pages_fit_a_phone_and_keep_their_tables_on_a_desktop(browser, serve, long_site):
    check_pages(browser, serve(long_site), INLINE_PAGES)


def test_example_honor_roll_pages_fit_a_phone_and_keep_their_tables_on_a_desktop(browser, example_site):
    check_pages(browser, example_site.url, EXAMPLE_PAGES)


def test_a_long_locality_is_split_into_pages_under_20_screens_reached_by_next_and_by_letter(browser, serve, long_site):
    """Next links walk the commune's 605 awards, 100 a page, each page under 20 screens; a
    letter of the jump list opens the page where its names begin, at its heading."""
    base = serve(long_site)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + PLACE)
        seen, heights = 0, []
        while True:
            seen += page.locator(".roll-table tbody tr:not(.roll-group)").count()
            heights.append(page.evaluate("document.documentElement.scrollHeight"))
            following = page.locator('.pager a[rel="next"]').first
            if not following.count():
                break
            following.click()
        assert seen == 605 and len(heights) == 7, (seen, heights)
        assert max(heights) < MAX_SCREENS * PHONE["height"], heights
        assert page.url == base + PLACE + "trang/7/"
        page.locator("nav.jump").get_by_role("link", name="Ư", exact=True).click()
        assert page.url == base + PLACE + "trang/6/#chu-uw"
        heading = page.locator("#chu-uw")
        assert heading.inner_text() == "Ư"
        box = heading.bounding_box()
        assert -1 < box["y"] < PHONE["height"]  # scrolled to it (to the pixel: the scroll may round)
        assert page.locator("#chu-uw ~ tr").first.locator("th a").inner_text().endswith(" Ước")
    finally:
        context.close()
