"""A verifiable award (issue 22, item 4): every award has a short address, xm/<code>.html, whose
page says plainly whether the award is valid, corrected or annulled, by which decision, and
which, printed, is the certificate view with a QR code of that address (docs/honor-roll.md,
"Verifying an award")."""
from __future__ import annotations

import base64
import io
import re
import unicodedata

import zxingcpp
from PIL import Image

from site_builder.honor.verification import unique_code
from site_builder.urls import VERIFY_ALPHABET, VERIFY_CODE_LENGTH, verification_code

from .conftest import BASE_DATA, annulment

SITE_URL = "https://thidua.example.gov.vn/"
DECISION = """
    ---
    number: "1234"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    awardees:
      - {name: Nguyễn Văn Hùng, position: Tổ trưởng, unit: Tổ COVID cộng đồng, locality: huyen-dong}
      - {name: Lê Thị Mai, position: Điều dưỡng, unit: Trạm Y tế xã Tây, locality: tinh-mau}
      - {kind: collective, name: Công an huyện Đông}
    ---
    Tặng Bằng khen.
"""
ANNULLING = annulment("1500", "qd-1234-2021", "nguyen-van-hung")
CORRECTING = """
    ---
    number: "1500"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2022-03-02
    title: Về việc đính chính và tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    corrects:
      - {decision: qd-1234-2021, recipient: le-thi-mai, field: unit, from: Trạm Y tế xã Tây, to: Trạm Y tế xã Đông}
    awardees:
      - {name: Phạm Văn Đức, position: Bác sĩ}
    ---
    Đính chính.
"""


def _site(make_site, *more, site_url=SITE_URL, languages=("vi", "en")):
    files = {"content/decisions/qd-1234-2021.md": DECISION}
    for extra in more:
        files.update(extra)
    return make_site(BASE_DATA, files, languages=languages, **({"site_url": site_url} if site_url else {}))


def _page_of(site, recipient: str) -> tuple[str, str]:
    """(short address's path, its page) of a recipient of qd-1234-2021."""
    code = verification_code("qd-1234-2021", recipient)
    path = f"xm/{code}.html"
    return path, site.html(path)


QR_IMAGE = re.compile(r'<figure class="qr-code"><img class="qr" src="data:image/png;base64,([A-Za-z0-9+/=]+)" '
                      r'alt="" width="(\d+)" height="\2"></figure>')


def qr_image(page: str) -> Image.Image:
    """The page's QR code as the browser shows it: its PNG (one pixel a module) enlarged to
    the <img>'s width without smoothing, as verify.css asks (image-rendering: pixelated)."""
    data, width = QR_IMAGE.search(page).groups()
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
    return image.resize((int(width), int(width)), Image.Resampling.NEAREST)


def test_the_qr_code_decodes_to_the_verification_address(make_site):
    site = _site(make_site)
    site.run("build", check_exit=0)
    path, page = _page_of(site, "le-thi-mai")
    found = zxingcpp.read_barcodes(qr_image(page))
    assert [result.text for result in found] == [SITE_URL + path]
    # the page names the address it encodes, for typing it from paper
    assert SITE_URL + path in page


def test_a_valid_award_says_it_is_valid_with_its_decision(make_site):
    site = _site(make_site)
    site.run("build", check_exit=0)
    path, page = _page_of(site, "le-thi-mai")
    assert "Khen thưởng này có giá trị" in page and "This award is valid" in page
    assert "Lê Thị Mai" in page and "Điều dưỡng, Trạm Y tế xã Tây" in page
    assert "Bằng khen" in page
    assert "Quyết định số 1234/QĐ-UBND</a> ngày 20/11/2021 của" in page and "Ủy ban nhân dân tỉnh" in page
    assert 'href="../khen-thuong/qd-1234-2021/le-thi-mai.html"' in page
    # lean, one page per award (issue 24): its Vietnamese values carry no lang="vi" on a
    # Vietnamese page, and how to print it is in the guide, not on every page
    assert '<h1>Lê Thị Mai</h1>' in page and 'lang="vi"' not in page.split("<body>", 1)[1]
    assert "Ctrl+P" not in page
    # noindex and no canonical link, which would contradict it (issue 24: about 90 bytes an award)
    assert '<meta name="robots" content="noindex">' in page and 'rel="canonical"' not in page
    # the recipient page links its short address (one page, in the site's language: recipient_pages)
    recipient = site.html("khen-thuong/qd-1234-2021/le-thi-mai.html")
    assert 'id="xac-minh"' in recipient and f'{path}"' in recipient
    # one page per award, not per language, and never in the sitemap
    assert not (site.root / "site/en" / path).exists()
    assert "xm/" not in "".join(p.read_text(encoding="utf-8") for p in (site.root / "site").glob("sitemap*.xml"))


def test_a_collective_award_is_verified_too(make_site):
    site = _site(make_site)
    site.run("build", check_exit=0)
    _, page = _page_of(site, "cong-an-huyen-dong")
    assert "Khen thưởng này có giá trị" in page and "Công an huyện Đông" in page


def test_an_annulled_award_says_by_which_decision_without_the_name(make_site):
    site = _site(make_site, {"content/decisions/qd-1500-2022.md": ANNULLING})
    site.run("build", check_exit=0)
    path, page = _page_of(site, "nguyen-van-hung")
    assert "Khen thưởng này đã bị hủy bỏ" in page and "This award was annulled" in page
    assert re.search(r"Đã bị hủy bỏ bởi <a href=\"../khen-thuong/qd-1500-2022/\">Quyết định số 1500/QĐ-UBND</a> "
                     r"ngày 02/03/2022", page)
    assert "1234/QĐ-UBND" in page  # the decision it annulled
    for withheld in ("Nguyễn Văn Hùng", unicodedata.normalize("NFD", "Nguyễn Văn Hùng"), "Tổ trưởng",
                     "Tổ COVID cộng đồng"):
        assert withheld not in page
    assert "qr-code" not in page  # nothing to print for an annulled award
    assert "Khen thưởng này có giá trị" not in page
    # the other awards of the decision stay valid
    assert "Khen thưởng này có giá trị" in _page_of(site, "le-thi-mai")[1]


def test_a_corrected_award_says_by_which_decision(make_site):
    site = _site(make_site, {"content/decisions/qd-1500-2022.md": CORRECTING})
    site.run("build", check_exit=0)
    _, page = _page_of(site, "le-thi-mai")
    assert "Khen thưởng này có giá trị và đã được đính chính" in page
    assert "Đính chính bởi <a href=\"../khen-thuong/qd-1500-2022/\">Quyết định số 1500/QĐ-UBND</a>" in page
    assert "Lê Thị Mai" in page and "Trạm Y tế xã Đông" in page and QR_IMAGE.search(page)
    assert "Khen thưởng này có giá trị" in _page_of(site, "nguyen-van-hung")[1]


def test_the_printable_view_holds_the_qr_code_and_an_a4_landscape_sheet(make_site):
    site = _site(make_site)
    site.run("build", check_exit=0)
    _, page = _page_of(site, "le-thi-mai")
    # the code is a PNG of one pixel a module, shown four pixels a module and printed without
    # smoothing (issue 24: about 0.4 KB in the page, where an SVG of its dark runs was 1.9 KB)
    data, width = QR_IMAGE.search(page).groups()
    assert Image.open(io.BytesIO(base64.b64decode(data))).size == (int(width) // 4, int(width) // 4)
    assert len(data) < 600
    assert 'href="../assets/verify.css"' in page
    css = (site.root / "site/assets/verify.css").read_text(encoding="utf-8")
    assert "@page { size: A4 landscape;" in css and "image-rendering: pixelated" in css


def test_without_site_url_no_qr_code_and_check_says_so(make_site):
    site = _site(make_site, site_url="")
    output = site.run("check", check_exit=0).stdout
    assert "mã QR xác minh khen thưởng" in output
    site.run("build", check_exit=0)
    path, page = _page_of(site, "le-thi-mai")
    assert "Khen thưởng này có giá trị" in page and "qr-code" not in page
    assert f"/{path}" in page  # the address, as far as the site knows it


def test_codes_are_short_unambiguous_and_stable():
    code = verification_code("qd-1234-2021", "le-thi-mai")
    assert len(code) == VERIFY_CODE_LENGTH and set(code) <= set(VERIFY_ALPHABET)
    assert not set("01ilo") & set(VERIFY_ALPHABET)
    assert code == verification_code("qd-1234-2021", "le-thi-mai")
    assert code != verification_code("qd-1234-2021", "le-thi-mai-2")
    # printed on paper: the same codes from every version (these were made digit by digit)
    assert [verification_code("qd-1234-2021", "le-thi-mai", n) for n in (1, 2, 10, 11, 13, 30)] == [
        "5", "54", "54cstw7yqg", "54cstw7yqgx", "54cstw7yqgxkr", "54cstw7yqgxkrzcesapjbtdzrd2222"]
    assert verification_code("qd-7/2024", "trần-văn-ánh") == "sxtgvhjd8k"


def test_a_collision_gives_the_later_award_a_longer_code():
    taken: set[str] = set()
    first = unique_code("qd-1", "a", taken, length=1)
    # find an award whose one-character code is the same
    other = next(r for r in (f"r{n}" for n in range(1000)) if verification_code("qd-2", r, 1) == first)
    second = unique_code("qd-2", other, taken, length=1)
    assert first != second and len(second) == 2 and second.startswith(first)


def test_an_annulment_published_later_changes_the_page_at_the_same_address(make_site):
    site = _site(make_site)
    site.run("build", check_exit=0)
    path, before = _page_of(site, "nguyen-van-hung")
    assert "Khen thưởng này có giá trị" in before and "Nguyễn Văn Hùng" in before
    site.write({"content/decisions/qd-1500-2022.md": ANNULLING})
    site.run("build", check_exit=0)  # incremental: the decision's verification pages are remade
    after = site.html(path)
    assert "Khen thưởng này đã bị hủy bỏ" in after and "Nguyễn Văn Hùng" not in after
    assert "Khen thưởng này có giá trị" in _page_of(site, "le-thi-mai")[1]
