"""A plan page in real Chromium: it shows the document, has no axe violations, makes no
third-party requests, and prints as an A4 document."""
from __future__ import annotations

from .conftest import axe_violations, describe

PAGES = ["van-ban/dai-mach-108-2021/", "van-ban/", "phong-trao/covid-19-2021/", ""]


def test_plan_page_shows_the_document_and_passes_axe(page, example_site):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(example_site.url + "van-ban/dai-mach-108-2021/")
    assert page.locator("h1").inner_text().startswith("KẾ HOẠCH")
    assert "Số: 108/KH-UBND" in page.locator(".doc-number").inner_text()
    assert "Vương Ngọc Chi" in page.locator(".sign-name").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert all(u.startswith(example_site.url) for u in requests), [u for u in requests if not u.startswith(example_site.url)]


def test_every_core_page_type_passes_axe(page, example_site):
    for path in PAGES:
        page.goto(example_site.url + path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + describe(violations)


def test_print_gives_an_a4_document(page, example_site):
    page.goto(example_site.url + "van-ban/dai-mach-108-2021/")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator(".doc-summary").is_visible()
    assert page.locator(".doc-header").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    # A4 is 595 x 842 points; the PDF's MediaBox says what paper the print stylesheet asked for.
    import re
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box, pdf[:2000]
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, (width, height)
