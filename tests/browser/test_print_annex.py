"""Printing a decision in real Chromium (print to PDF, read back with pypdf): its print view
prints every recipient of a list longer than one screen page, and no pager; a page of the
paged list prints no pager either, and says where the whole list is (issue 22 item 6)."""
from __future__ import annotations

import io
import unicodedata

import pytest

from ..conftest import BASE_DATA
from .conftest import axe_violations, describe

STEM = "qd-88-2021"
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
GIVEN = ("Ánh", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lộc", "Minh", "Nguyệt", "Phúc",
         "Quỳnh", "Sơn", "Thủy", "Uyên", "Việt", "Xuân", "Yến")
# 450 distinct names: more than two screen pages (100 rows each).
NAMES = [f"{FAMILY[n % 10]} Văn {GIVEN[n // 10 % 18]} {n // 180 + 1}" for n in range(450)]


def pdf_text(pdf: bytes) -> str:
    """The printed text without spaces (see `printed`)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return printed("".join(page.extract_text() for page in reader.pages))


def printed(text: str) -> str:
    """Text as it can be compared with what pypdf reads back: without spaces or control
    characters. pypdf puts a space around every letter drawn from another font (the system's
    Times New Roman stand-in lacks some stacked Vietnamese letters, "ễ" comes from a fallback
    font), so "Nguyễn" reads "Nguy ễ n"."""
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cc")


@pytest.fixture(scope="module")
def long_decision(tmp_path_factory):
    from ..conftest import SiteFixture, mkdocs_yml

    root = tmp_path_factory.mktemp("print-annex")
    site = SiteFixture(root)
    site.write({name: text for name, text in BASE_DATA.items()})
    site.write({"mkdocs.yml": mkdocs_yml(("vi",)), f"content/decisions/{STEM}.md": """---
number: "88"
symbol: QĐ-UBND
issuer: ubnd-tinh
date: 2021-12-01
title: Tặng Bằng khen theo danh sách
plan: kh-tinh
award: bang-khen-tinh
signer: {title: CHỦ TỊCH, name: Trần Văn B}
---
Danh sách kèm theo.
""", f"content/decisions/{STEM}.csv": "STT,Họ và tên,Chức vụ\nI. KHỐI CƠ QUAN,,\n" + "".join(
        f"{n},{name},Chuyên viên\n" for n, name in enumerate(NAMES, start=1))})
    site.run("build", check_exit=0)
    return root / "site"


def test_the_print_view_prints_every_recipient_and_no_pager(page, serve, long_decision):
    base = serve(long_decision)
    page.goto(base + f"khen-thuong/{STEM}/")
    page.get_by_role("link", name="Bản in (toàn văn quyết định và cả danh sách)").click()
    page.wait_for_url(f"**/khen-thuong/{STEM}/in/")
    assert not axe_violations(page), describe(axe_violations(page))
    page.emulate_media(media="print")
    text = pdf_text(page.pdf(prefer_css_page_size=True))
    missing = [name for name in NAMES if printed(name) not in text]
    assert not missing, f"{len(missing)} recipients not printed, e.g. {missing[:3]}"
    assert printed("I. KHỐI CƠ QUAN") in text and printed("Tặng Bằng khen theo danh sách") in text
    for pager_text in ("Trang sau", "Trang trước", "Bản in này chỉ có"):
        assert printed(pager_text) not in text


def test_a_page_of_the_paged_list_prints_no_pager_and_says_where_the_whole_list_is(page, serve, long_decision):
    base = serve(long_decision)
    page.goto(base + f"khen-thuong/{STEM}/trang/2/")
    assert page.get_by_role("link", name="Trang sau ›").first.is_visible()  # on screen, the pager
    assert page.locator(".print-part").is_hidden()
    page.emulate_media(media="print")
    text = pdf_text(page.pdf(prefer_css_page_size=True))
    assert printed("Trang sau") not in text and printed("Trang trước") not in text
    assert printed(f"Bản in này chỉ có các dòng 101–200 trong 450 dòng của danh sách. "
                   f"Bản in đầy đủ: /khen-thuong/{STEM}/in/") in text
    assert printed(NAMES[100]) in text and printed(NAMES[0]) not in text
