"""A plan's or decision's signed original (issue 22, item 1): offered beside the text with its
kind and size, copied into the site, linked by the embed variant and the open data, and
refused by `check` when it is not what its name says, too large, or outside content/."""
from __future__ import annotations

import json
import os

import pytest

from .conftest import BASE_DATA

MB = 1024 * 1024


def pdf(size: int = 2000) -> bytes:
    """A PDF as writers make it: the header, objects, and %%EOF at the end (padded to `size`)."""
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    tail = b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return head + b"%" + b"x" * (size - len(head) - len(tail) - 2) + b"\n" + tail


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
DECISION = """
---
number: "12"
symbol: QĐ-UBND
issuer: ubnd-tinh
place: Mẫu
date: 2022-03-04
title: Về việc tặng Bằng khen
award: bang-khen-tinh
signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
original: {original}
recipients: [Như Điều 2, "Lưu: VT, NV"]
awardees:
  - {{name: Nguyễn Văn A, locality: tinh-mau}}
---
**Điều 1.** Tặng Bằng khen cho ông Nguyễn Văn A.

**Điều 2.** Ông Nguyễn Văn A thi hành Quyết định này.
"""
PLAN_WITH_SCAN = BASE_DATA["content/plans/kh-tinh.md"].replace(
    "campaign: covid\n", "campaign: covid\n        original: plans/kh-85-2021.png\n", 1)


# A portal may frame the site: its pages have embed variants (none without: issue 24).
PORTAL = {"frame_ancestors": ["https://portal.example.gov.vn"]}


def _site(make_site, original="decisions/qd-12-2022.pdf", files=None, **kw):
    return make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(original=original), **(files or {})},
                     **kw)


def test_the_page_offers_the_signed_original_with_its_kind_and_size(make_site):
    site = _site(make_site, files={"content/decisions/qd-12-2022.pdf": pdf(round(1.2 * MB))},
                 languages=("vi", "en"))
    site.run("build", check_exit=0)
    html = site.html("khen-thuong/qd-12/index.html")
    assert ('<a class="download original" href="../../khen-thuong/qd-12/ban-goc.pdf" download '
            'type="application/pdf">Bản gốc có chữ ký (PDF, 1,2 MB)</a>') in html
    # the body is our transcription: the page says so and points to the original
    assert "Văn bản trên trang này được chép lại; bản có giá trị pháp lý là bản gốc có chữ ký" in html
    assert html.index("doc-original") < html.index("doc-body")
    # one file for every language, at the address urls.py gives it, the bytes unchanged
    assert (site.root / "site/khen-thuong/qd-12/ban-goc.pdf").read_bytes() == pdf(round(1.2 * MB))
    english = site.html("en/khen-thuong/qd-12/index.html")
    assert 'href="../../../khen-thuong/qd-12/ban-goc.pdf"' in english
    # (the English page is the decision's summary, without its text: no transcription to warn of)
    assert "Signed original (PDF, 1.2 MB)" in english and "The text on this page is a transcription" not in english


def test_a_plan_may_attach_a_scan_and_the_embed_and_open_data_link_it(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.md": PLAN_WITH_SCAN, "content/plans/kh-85-2021.png": PNG},
                     site_url="https://thi-dua.example.gov.vn/", plugin=PORTAL)
    site.run("build", check_exit=0)
    assert (site.root / "site/van-ban/kh-tinh/ban-goc.png").read_bytes() == PNG
    assert "Bản gốc có chữ ký (PNG, 1 KB)" in site.html("van-ban/kh-tinh/index.html")
    embed = site.html("van-ban/kh-tinh/nhung.html")
    assert 'href="../../van-ban/kh-tinh/ban-goc.png"' in embed and "Bản gốc có chữ ký (PNG, 1 KB)" in embed
    plans = {p["id"]: p for p in json.loads(site.html("du-lieu/plans.json"))["items"]}
    assert plans["kh-tinh"]["original"] == "https://thi-dua.example.gov.vn/van-ban/kh-tinh/ban-goc.png"
    assert plans["kh-tinh"]["original_type"] == "image/png"
    assert plans["kh-xa"]["original"] is None
    assert "https://thi-dua.example.gov.vn/van-ban/kh-tinh/ban-goc.png" in site.html("du-lieu/plans.csv")
    schema = json.loads(site.html("du-lieu/schema/plans.schema.json"))
    assert "original" in json.dumps(schema)


def test_a_decisions_original_is_in_its_embeds_and_the_decisions_data(make_site):
    site = _site(make_site, files={"content/decisions/qd-12-2022.pdf": pdf()}, plugin=PORTAL)
    site.run("build", check_exit=0)
    # the embed variant of the decision page and the latest-commendations widget link it
    assert 'href="../../khen-thuong/qd-12/ban-goc.pdf"' in site.html("khen-thuong/qd-12/nhung.html")
    widget = site.html("nhung/khen-thuong-moi/index.html")
    assert 'href="../../khen-thuong/qd-12/ban-goc.pdf"' in widget and "Bản gốc có chữ ký (PDF, 2 KB)" in widget
    decisions = {d["id"]: d for d in json.loads(site.html("du-lieu/decisions.json"))["items"]}
    assert decisions["qd-12"]["original"] == "/khen-thuong/qd-12/ban-goc.pdf"
    assert decisions["qd-12"]["original_type"] == "application/pdf"


FAKES = [
    ("a text file named .pdf", b"Quyet dinh 12/QD-UBND, ban danh may\n"),
    ("a PDF cut off before its end", pdf()[:-20]),
    ("a Word document renamed .pdf", b"PK\x03\x04" + b"\0" * 100),
]


@pytest.mark.parametrize("what, data", FAKES, ids=[f[0] for f in FAKES])
def test_a_fake_pdf_is_refused_with_file_and_line(make_site, what, data):
    site = _site(make_site, files={"content/decisions/qd-12-2022.pdf": data})
    proc = site.run("check")
    assert proc.returncode == 1
    assert any(line.startswith("content/decisions/qd-12.md:10: 'original': ") and
               '"decisions/qd-12-2022.pdf" không phải là tệp PDF thật' in line
               for line in proc.stdout.splitlines()), proc.stdout
    proc = site.run("build")
    assert proc.returncode == 1 and not (site.root / "site/khen-thuong/qd-12/ban-goc.pdf").exists()
    assert "is not a real PDF file" in site.run("check", "--lang", "en").stdout


def test_a_scan_must_be_what_its_suffix_says(make_site):
    site = _site(make_site, original="decisions/qd-12.jpg", files={"content/decisions/qd-12.jpg": PNG})
    proc = site.run("check")
    assert proc.returncode == 1 and "content/decisions/qd-12.md:10: 'original': " in proc.stdout
    assert "không phải là tệp JPEG thật" in proc.stdout


def test_a_too_large_original_is_refused(make_site):
    site = _site(make_site)
    big = site.root / "content/decisions/qd-12-2022.pdf"
    big.write_bytes(pdf())
    os.truncate(big, 21 * MB)  # sparse: 21 MB on paper, next to nothing on disk
    proc = site.run("check")
    assert proc.returncode == 1
    assert any(line.startswith("content/decisions/qd-12.md:10: 'original': ") and "nặng 21,0 MB, quá giới hạn 20,0 MB"
               in line for line in proc.stdout.splitlines()), proc.stdout


@pytest.mark.parametrize("value", ["../bi-mat.pdf", "/etc/passwd.pdf", "decisions/../../bi-mat.pdf"])
def test_an_original_outside_content_is_refused(make_site, value):
    site = _site(make_site, original=value)
    (site.root / "bi-mat.pdf").write_bytes(pdf())
    proc = site.run("check")
    assert proc.returncode == 1
    assert any(line.startswith("content/decisions/qd-12.md:10: 'original': ") and "không phải là đường dẫn tới một "
               "tệp trong thư mục content/" in line for line in proc.stdout.splitlines()), proc.stdout


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights on Windows")
def test_an_original_reached_through_a_link_out_of_content_is_refused(make_site):
    site = _site(make_site)
    (site.root / "bi-mat.pdf").write_bytes(pdf())
    (site.root / "content/decisions/qd-12-2022.pdf").symlink_to(site.root / "bi-mat.pdf")
    proc = site.run("check")
    assert proc.returncode == 1
    assert "content/decisions/qd-12.md:10: 'original': không tìm thấy tệp" in proc.stdout
    assert site.run("build").returncode == 1


def test_an_original_that_is_not_a_pdf_or_scan_is_refused(make_site):
    site = _site(make_site, original="decisions/qd-12.mp3", files={"content/decisions/qd-12.mp3": b"ID3"})
    proc = site.run("check")
    assert proc.returncode == 1 and "content/decisions/qd-12.md:10: 'original': " in proc.stdout
    assert "phải là tệp PDF (.pdf) hoặc ảnh chụp/quét (.jpg, .png)" in proc.stdout


def test_a_missing_original_is_refused(make_site):
    proc = _site(make_site).run("check")
    assert proc.returncode == 1
    assert "content/decisions/qd-12.md:10: 'original': không tìm thấy tệp \"decisions/qd-12-2022.pdf\"" in proc.stdout
