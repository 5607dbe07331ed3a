"""The honor roll in real Chromium, on the example site: browse a decision, follow a
recipient link, download the CSV, see a revoked award's page, and no axe violations."""
from __future__ import annotations

import csv
import io

from .conftest import axe_violations, describe

BIG = "khen-thuong/dak-lak-qd-khen-thuong-covid-2021/"
SOC_TRANG = "khen-thuong/soc-trang-qd-khen-thuong-covid-2021/"
PAGES = [
    "khen-thuong/", BIG, BIG + "trang/2/", BIG + "in/", SOC_TRANG, SOC_TRANG + "thach-thi-sa-ry.html",
    SOC_TRANG + "tran-van-anh.html", "khen-thuong/hinh-thuc/bang-khen-chu-tich-tinh/",
    "khen-thuong/dia-phuong/", "khen-thuong/dia-phuong/can-tho/", "khen-thuong/phong-trao/covid-19-2021/",
    "khen-thuong/nam/2021/",
]


def test_browse_a_decision_and_follow_a_recipient(page, example_site):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(example_site.url + "khen-thuong/")
    page.get_by_role("link", name="Quyết định số 3120/QĐ-UBND").first.click()
    page.wait_for_url("**/" + BIG)
    assert page.locator("h1").inner_text().startswith("QUYẾT ĐỊNH")
    rows = page.locator(".roll-table.annex tbody tr[id]")
    assert rows.count() == 100  # a full page (PER_PAGE)
    first = rows.first
    name = first.locator("th a").inner_text()
    row_id = first.get_attribute("id")
    first.locator("th a").click()
    page.wait_for_url(f"**/{BIG}{row_id}.html")
    assert page.locator("h1").inner_text() == name
    assert "Bằng khen của Chủ tịch UBND tỉnh" in page.locator(".award-badge").inner_text()
    # back to the row in the decision's list: the anchor lands on it
    page.get_by_role("link", name="Xem trong danh sách của quyết định").click()
    page.wait_for_url(f"**#{row_id}")
    assert page.locator(f"tr[id='{row_id}']").is_visible()
    # page 2 of the list works without JavaScript
    page.get_by_role("link", name="Trang sau ›").first.click()
    page.wait_for_url("**/" + BIG + "trang/2/")
    assert page.locator("tr[id]").count() == 100
    assert all(u.startswith(example_site.url) for u in requests), [u for u in requests if not u.startswith(example_site.url)]


def test_csv_download(page, example_site):
    page.goto(example_site.url + SOC_TRANG)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải danh sách (CSV, mở được bằng Excel)").click()
    download = info.value
    # the decision's open-data file (issue 24), named after the decision
    assert download.suggested_filename == SOC_TRANG.strip("/").rsplit("/", 1)[-1] + ".csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    names = [r["name"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    assert "Thạch Thị Sa Ry" in names and len(names) == 8
    assert "Trần Văn Anh" not in names  # revoked by QĐ 415/QĐ-UBND


def test_revoked_award_page_says_so(page, example_site):
    page.goto(example_site.url + SOC_TRANG + "tran-van-anh.html")
    assert "hủy bỏ quyết định khen thưởng" in page.locator(".revoked-text").inner_text()
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    page.locator(".revoked-text a").click()
    page.wait_for_url("**/khen-thuong/soc-trang-qd-thu-hoi-2022/")
    page.goto(example_site.url + SOC_TRANG)
    assert page.locator("tr[id='tran-van-anh']").count() == 0


def test_story_photo_loads_with_alt_text(page, example_site):
    page.goto(example_site.url + SOC_TRANG + "thach-thi-sa-ry.html")
    image = page.locator(".story img")
    image.scroll_into_view_if_needed()
    assert image.get_attribute("alt").startswith("Tranh minh họa")
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())


def test_honor_roll_pages_pass_axe(page, example_site):
    for path in PAGES:
        response = page.goto(example_site.url + path)
        assert response.status == 200, path
        violations = axe_violations(page)
        assert not violations, f"{path}: " + describe(violations)
