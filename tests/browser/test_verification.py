"""An award's verification page in Chromium (issue 22, item 4): its QR code, as the browser
draws it, decodes to the page's own address; printed, the certificate is one A4 landscape
sheet with the award, the name and the address; axe-clean."""
from __future__ import annotations

import io

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from site_builder.urls import verification_code

from ..conftest import BASE_DATA
from ..test_verification import DECISION, SITE_URL
from .conftest import axe_violations, describe


def test_the_qr_code_as_drawn_decodes_and_the_certificate_prints_on_one_a4_landscape_sheet(make_site, page, serve):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION}, languages=("vi", "en"),
                     site_url=SITE_URL)
    site.run("build", check_exit=0)
    path = f"xm/{verification_code('qd-1234-2021', 'le-thi-mai')}.html"
    base = serve(site.root / "site")
    page.goto(base + path)
    assert page.get_by_role("status").inner_text().startswith("Khen thưởng này có giá trị")
    shot = Image.open(io.BytesIO(page.locator(".qr-code .qr").screenshot()))
    assert [found.text for found in zxingcpp.read_barcodes(shot)] == [SITE_URL + path]
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.emulate_media(media="print")
    assert page.locator(".actions").is_hidden()
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert round(float(box.width) / 72 * 25.4) == 297 and round(float(box.height) / 72 * 25.4) == 210  # A4
    # (pypdf puts spaces where the glyphs come from another font: compared without spaces)
    text = "".join(reader.pages[0].extract_text().split())
    for shown in ("Lê Thị Mai", "1234/QĐ-UBND", SITE_URL + path):
        assert "".join(shown.split()) in text
