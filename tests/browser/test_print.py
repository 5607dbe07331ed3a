"""A plan printed from real Chromium (issue 22, item 6): A4 paper, and the document's text set
in the site's own serif, which carries every Vietnamese letter with its stacked marks, read
back from the PDF with pypdf. On screen the font is never downloaded."""
from __future__ import annotations

import io

from ..conftest import BASE_DATA

STACKED = "Kế hoạch thi đua đặc biệt: tiếp tục đẩy mạnh, ưu tiên người cao tuổi, trẻ em, phụ nữ; ặ ẫ ữ ỡ ỵ"
PLAN = BASE_DATA["content/plans/kh-tinh.md"].replace(
    "Thực hiện Quyết định số 1497/QĐ-TTg", STACKED + ".\n\n        Thực hiện Quyết định số 1497/QĐ-TTg")
SERIF_FILE = "source-serif-4-"


def _fonts(pdf_page) -> set[str]:
    """The BaseFont names of the fonts a PDF page's text uses (its /Resources /Font)."""
    resources = pdf_page.get("/Resources") or {}
    fonts = resources.get_object().get("/Font") or {}
    return {str(ref.get_object().get("/BaseFont")) for ref in fonts.get_object().values()}


def test_a_printed_plan_is_a4_in_the_sites_own_serif(page, make_site, serve):
    from pypdf import PdfReader

    site = make_site(BASE_DATA, {"content/plans/kh-tinh.md": PLAN})
    site.run("build", check_exit=0)
    base = serve(site.root / "site")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "van-ban/kh-tinh/")
    page.evaluate("document.fonts.ready")
    # a phone reading the plan never downloads the print font
    assert not [u for u in requests if SERIF_FILE in u], requests

    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready.then(() => document.fonts.load('13pt \"Source Serif 4\"', 'ế'))")
    assert [u for u in requests if SERIF_FILE in u], "the print stylesheet did not load the serif"
    assert all(u.startswith(base) for u in requests), [u for u in requests if not u.startswith(base)]
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, (width, height)  # A4 in points
    text = "".join(p.extract_text() for p in reader.pages)
    assert "ỦY BAN NHÂN DÂN TỈNH MẪU" in text and "ưu tiên người cao tuổi" in text, text[:500]
    fonts = set().union(*(_fonts(p) for p in reader.pages))
    # every letter of the printed plan, "ế" and "ữ" included, comes from that one family:
    # no base letter from one font and its mark from another
    assert fonts and all("SourceSerif4" in f for f in fonts), fonts
