"""The example messages in Chromium: listing, poster and its A4 print view, audio with transcript; axe-clean."""
from __future__ import annotations

import shutil

import pytest

from ..conftest import REPO, SiteFixture, mkdocs_yml
from .conftest import axe_violations, describe


@pytest.fixture(scope="module")
def messages_site(tmp_path_factory):
    """The repository's example content, built as of a day when the 5K messages are in force,
    with the languages its translations need (the example mkdocs.yml may not list them yet)."""
    root = tmp_path_factory.mktemp("messages-site")
    shutil.copytree(REPO / "content", root / "content")
    (root / "mkdocs.yml").write_text(mkdocs_yml(("vi", "en", "km")),
                                     encoding="utf-8")
    SiteFixture(root).run("build", check_exit=0, env={"SITE_BUILDER_TODAY": "2021-12-15"})
    return root / "site"


def check_axe(page):
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_listing_shows_current_messages_first(page, serve, messages_site):
    base = serve(messages_site)
    page.goto(base + "thong-diep/")
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Đang có hiệu lực"
    current = page.locator(".message-section").first
    assert current.get_by_role("link", name="Thông điệp 5K của Bộ Y tế").is_visible()
    assert "Tổng kết phong trào" not in page.content()  # upcoming: hidden until its day
    check_axe(page)


def test_poster_page_and_its_a4_print_view(page, serve, messages_site):
    base = serve(messages_site)
    page.goto(base + "thong-diep/ap-phich-5k/")
    image = page.get_by_role("img", name="Áp phích nền kem", exact=False)
    assert image.is_visible()
    assert page.evaluate("document.querySelector('.message-poster img').naturalWidth") > 0  # the SVG loads
    check_axe(page)
    page.get_by_role("link", name="Bản in khổ A4").click()
    page.wait_for_url("**/thong-diep/ap-phich-5k/in/")
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    title_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.poster-title')).fontSize)")
    assert title_size >= 40  # 36pt = 48px: read from across a room
    pdf = page.pdf(prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1, f"the poster prints on {pages} A4 pages"
    page.emulate_media(media="screen")
    check_axe(page)


def test_audio_page_plays_the_file_and_shows_the_transcript(page, serve, messages_site):
    base = serve(messages_site)
    page.goto(base + "thong-diep/loa-5k/")
    audio = page.locator("audio[controls]")
    assert audio.count() == 1
    duration = page.evaluate("""() => new Promise(resolve => {
        const a = document.querySelector('audio');
        a.preload = 'metadata';
        a.addEventListener('loadedmetadata', () => resolve(a.duration));
        a.addEventListener('error', () => resolve(-1));
        a.load();
    })""")
    assert 5 < duration < 60, duration  # the generated broadcast is about 16 seconds
    assert page.get_by_role("heading", name="Lời đọc").is_visible()
    assert "khai báo y tế" in page.locator(".message-transcript").inner_text()
    check_axe(page)


def test_khmer_message_page(page, serve, messages_site):
    base = serve(messages_site)
    page.goto(base + "km/thong-diep/thong-diep-5k/")
    assert page.locator("h1#message-title").get_attribute("lang") == "km"
    # authors separate Khmer words with zero-width spaces; a reader sees the words joined
    assert "ពាក់ម៉ាស់" in page.locator(".message-content").inner_text().replace("\u200b", "")
    check_axe(page)
