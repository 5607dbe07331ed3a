"""Public messages: kinds, validity window (as of SITE_BUILDER_TODAY), archive, poster and audio pages."""
from __future__ import annotations

import re

import pytest

from .conftest import BASE_DATA

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'

MESSAGES = {
    "content/messages/poster.md": """
        ---
        kind: poster
        title: Áp phích 5K
        campaign: covid
        audience: Khu dân cư
        valid_from: 2021-09-15
        image: messages/poster.svg
        image_alt: Năm chữ K màu đỏ trên nền kem
        ---
        Dán ở bảng tin khu dân cư.
    """,
    "content/messages/poster.svg": SVG,
    "content/messages/loa.md": """
        ---
        kind: audio
        title: Tin loa về 5K
        campaign: covid
        valid_from: 2021-09-20
        audio: messages/loa.ogg
        ---
        Thông báo của Đài truyền thanh xã: đeo khẩu trang nơi công cộng.
    """,
    "content/messages/loa.ogg": b"OggS\x00fake",
    "content/messages/video.md": """
        ---
        kind: video
        title: Video khai báo y tế
        valid_from: 2021-09-01
        video_url: https://video.example.org/khai-bao
        ---
        Hướng dẫn khai báo.
    """,
    "content/messages/cu.md": """
        ---
        kind: slogan
        title: Khẩu hiệu đã hết hạn
        valid_from: 2021-01-01
        valid_until: 2021-06-30
        ---
        Khẩu hiệu cũ!
    """,
    "content/messages/sap-toi.md": """
        ---
        kind: slogan
        title: Khẩu hiệu sắp tới
        valid_from: 2022-01-01
        ---
        Khẩu hiệu mới!
    """,
}


@pytest.fixture
def messages_site(make_site, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2021-10-01")
    site = make_site(BASE_DATA, MESSAGES)
    site.run("build", check_exit=0)
    return site


def test_current_expired_and_upcoming_messages(messages_site):
    site = messages_site
    current = site.html("thong-diep/hien-hanh/index.html")
    assert "Áp phích 5K" in current and "Tin loa về 5K" in current and "Video khai báo y tế" in current
    assert "Khẩu hiệu đã hết hạn" not in current
    archive = site.html("thong-diep/luu-tru/index.html")
    assert "Khẩu hiệu đã hết hạn" in archive and "Áp phích 5K" not in archive
    listing = site.html("thong-diep/index.html")
    # current first, then the archive
    assert listing.index("Tin loa về 5K") < listing.index("Khẩu hiệu đã hết hạn")
    # an expired message keeps its page and says it is archived
    expired = site.html("thong-diep/cu/index.html")
    assert "đã hết hiệu lực" in expired and "30/06/2021" in expired
    # upcoming: no page, in no list
    assert not (site.root / "site/thong-diep/sap-toi").exists()
    assert all("Khẩu hiệu sắp tới" not in page for page in (listing, current, archive))


def test_upcoming_message_appears_on_its_day(make_site, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")
    site = make_site(BASE_DATA, MESSAGES)
    site.run("build", check_exit=0)
    assert "Khẩu hiệu sắp tới" in site.html("thong-diep/hien-hanh/index.html")
    assert "Khẩu hiệu mới!" in site.html("thong-diep/sap-toi/index.html")


def test_poster_audio_and_video_pages(messages_site):
    site = messages_site
    poster = site.html("thong-diep/poster/index.html")
    assert '<img src="../../messages/poster.svg" alt="Năm chữ K màu đỏ trên nền kem">' in poster
    assert 'href="../../thong-diep/poster/in/"' in poster
    printable = site.html("thong-diep/poster/in/index.html")
    assert "size: A4" in printable and 'class="poster-title"' in printable
    assert 'alt="Năm chữ K màu đỏ trên nền kem"' in printable
    audio = site.html("thong-diep/loa/index.html")
    assert re.search(r"<audio controls[^>]*>\s*<source src=\"../../messages/loa.ogg\" type=\"audio/ogg\">", audio)
    assert "Lời đọc" in audio and "đeo khẩu trang nơi công cộng" in audio
    video = site.html("thong-diep/video/index.html")
    assert 'href="https://video.example.org/khai-bao"' in video
    assert "<iframe" not in video and "<video" not in video


@pytest.mark.parametrize("files, field, words", [
    ({"content/messages/p.md": "---\nkind: poster\ntitle: P\nimage: messages/poster.svg\n---\nx\n",
      "content/messages/poster.svg": SVG}, "'image_alt'", "mô tả ảnh cho người khiếm thị"),
    ({"content/messages/a.md": "---\nkind: audio\ntitle: A\naudio: messages/loa.ogg\n---\n",
      "content/messages/loa.ogg": b"OggS"}, "", "lời đọc"),
    ({"content/messages/v.md": "---\nkind: video\ntitle: V\n---\nx\n"}, "'video_url'", "địa chỉ video"),
    ({"content/messages/m.md": "---\nkind: poster\ntitle: M\nimage: messages/khong-co.png\nimage_alt: x\n---\n"},
     "'image'", 'không tìm thấy tệp "messages/khong-co.png"'),
    ({"content/messages/d.md": "---\nkind: slogan\ntitle: D\nvalid_from: 2021-10-01\nvalid_until: 2021-09-01\n---\nx\n"},
     "'valid_until'", "trước ngày bắt đầu"),
    ({"content/messages/luu-tru.md": "---\nkind: slogan\ntitle: L\n---\nx\n"}, "", "trùng với trang"),
])
def test_messages_missing_what_their_kind_needs_fail(make_site, files, field, words):
    site = make_site(BASE_DATA, files)
    proc = site.run("check", check_exit=1)
    name = next(iter(k for k in files if k.endswith(".md")))
    lines = [line for line in proc.stdout.splitlines() if line.startswith(name)]
    assert any(field in line and words in line for line in lines), proc.stdout


def test_khmer_translation_of_a_message(make_site, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2021-10-01")
    site = make_site(BASE_DATA, {
        "content/messages/5k.md": "---\nkind: message\ntitle: Thông điệp 5K\nlanguages: [vi, km]\n"
                                  "audience: Khu dân cư\nvalid_from: 2021-09-10\n---\nĐeo khẩu trang.\n",
        "content/messages/5k.km.md": "---\ntitle: សារ 5K\naudience: សហគមន៍\n---\nពាក់ម៉ាស់។\n",
    }, languages=("vi", "en", "km"))
    site.run("build", check_exit=0)
    khmer = site.html("km/thong-diep/5k/index.html")
    assert '<h1 id="message-title" lang="km">សារ 5K</h1>' in khmer and "ពាក់ម៉ាស់។" in khmer
    assert '<span lang="km">ភាសាខ្មែរ</span>' in khmer
    # English has no translation: the Vietnamese text, marked as Vietnamese
    english = site.html("en/thong-diep/5k/index.html")
    assert '<h1 id="message-title" lang="vi">Thông điệp 5K</h1>' in english
    # the audience as translated, else the Vietnamese one marked as such
    assert "<dd>សហគមន៍</dd>" in khmer and "Khu dân cư" not in khmer
    assert '<dd><span lang="vi">Khu dân cư</span></dd>' in english
