"""A recipient's own page exists in the site's language only, unless the site asks for one per
language (`recipient_pages: every-language` in mkdocs.yml; docs/honor-roll.md, docs/i18n.md):
every page of another language links the site-language page, saying its language, and no
link of the site leads to a page that does not exist."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from site_builder import urls

from .conftest import BASE_DATA, annulment, mkdocs_yml

SITE_URL = "https://thidua.example.gov.vn/"
DECISION = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    plan: kh-tinh
    award: bang-khen-tinh
    awardees:
      - kind: collective
        name: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Đã có thành tích xuất sắc trong công tác tiêm chủng.
      - name: Nguyễn Thị Ánh
        position: Điều dưỡng
        unit: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Trực chốt kiểm dịch 60 ngày liên tục.
      - name: Trần Văn Anh
        position: Bác sĩ
        unit: Bệnh viện tỉnh
        locality: tinh-mau
      - name: Lê Văn Hủy
        position: Kế toán
        unit: Sở Y tế
    ---
    **Điều 1.** Tặng Bằng khen.
"""
# An annulment: the annulled award's address keeps a page, which says so.
ANNULLING = annulment("15", "qd-12-2021", "le-van-huy")
# A correction decision: its page lists the corrected recipient, linked to its page.
CORRECTION = """
    ---
    number: "20"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2022-01-10
    title: Về việc đính chính
    corrects:
      - {decision: qd-12-2021, recipient: tran-van-anh, field: unit, from: Bệnh viện tỉnh, to: Bệnh viện Đa khoa tỉnh}
    ---
    Đính chính.
"""
FILES = {"content/decisions/qd-12-2021.md": DECISION, "content/decisions/qd-20-2022.md": CORRECTION,
         "content/decisions/qd-15-2022.md": ANNULLING}
PEOPLE = ("tram-y-te-xa-tay", "nguyen-thi-anh", "tran-van-anh", "le-van-huy")
_HREF = re.compile(r'<a\b[^>]*?\bhref="([^"#?]*)(?:[#?][^"]*)?"[^>]*>')


def built(make_site, **plugin):
    site = make_site(BASE_DATA, FILES, languages=("vi", "en"), site_url=SITE_URL, plugin=plugin or None)
    site.run("build", check_exit=0)
    return site


def links_to(html: str, page: str) -> list[str]:
    """The <a> tags of `html` whose address ends in `page`."""
    return [tag for tag in re.findall(r"<a\b[^>]*>", html) if re.search(rf'href="[^"]*{re.escape(page)}"', tag)]


def english_recipients(site_dir: Path) -> list[str]:
    """The recipient pages of the English site (files of a decision's folder but its own)."""
    return sorted(p.name for p in site_dir.glob("en/khen-thuong/*/*.html") if p.name not in urls.DECISION_FILES)


def dead_links(site_dir: Path) -> list[tuple[str, str]]:
    """(page, address) of every link of a built page, relative or from the site's root, that
    leads to a recipient page or a page of the honor roll (in any language) that is no file."""
    dead = []
    for file in sorted(site_dir.rglob("*.html")):
        page = file.relative_to(site_dir).as_posix()
        for href in _HREF.findall(file.read_text(encoding="utf-8")):
            if not href or re.match(r"^[a-z]+:", href):
                continue
            target = href[1:] if href.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(page), href)) + ("/" if href.endswith("/") else "")
            path = target[3:] if target.startswith("en/") else target
            if not path.startswith(urls.HONOR_ROLL):
                continue
            if not (site_dir / (target + "index.html" if target.endswith("/") else target)).is_file():
                dead.append((page, href))
    return dead


def test_by_default_a_recipient_page_is_in_the_site_language_only_and_english_links_to_it(make_site):
    site = built(make_site, frame_ancestors=["https://portal.example.gov.vn"])  # with recipient cards
    out = site.root / "site"
    for rid in PEOPLE:
        assert (out / f"khen-thuong/qd-12-2021/{rid}.html").is_file()
        assert not (out / f"en/khen-thuong/qd-12-2021/{rid}.html").exists()
    assert english_recipients(out) == []
    # nor lists of people: each English list is a summary linking the Vietnamese list, saying
    # its language; no rows, no recipient cards
    page = "khen-thuong/qd-12-2021/nguyen-thi-anh.html"
    for english, link in (
            ("en/khen-thuong/qd-12-2021/index.html",
             '<a href="../../../khen-thuong/qd-12-2021/" hreflang="vi">The list of 3 recipients is in Vietnamese</a>'),
            ("en/khen-thuong/hinh-thuc/bang-khen-tinh/index.html",
             '<a href="../../../../khen-thuong/hinh-thuc/bang-khen-tinh/" hreflang="vi">The list of 3 awards is in'
             ' Vietnamese</a>'),
            ("en/khen-thuong/dia-phuong/huyen-dong/index.html",
             '<a href="../../../../khen-thuong/dia-phuong/huyen-dong/" hreflang="vi">The list of 2 awards is in'
             ' Vietnamese</a>')):
        html = site.html(english)
        assert link in html and "Nguyễn Thị Ánh" not in html and "<tbody" not in html, english
        assert links_to(html, page) == []
    assert not (out / "en/khen-thuong/qd-12-2021/nhung-nguoi.html").exists()
    assert (out / "khen-thuong/qd-12-2021/nhung-nguoi.html").is_file()
    # the correction's page in English links the corrected recipient the same way; it has no
    # list of its own, and its untranslated text is on the Vietnamese page
    correction = site.html("en/khen-thuong/qd-20-2022/index.html")
    tags = links_to(correction, "khen-thuong/qd-12-2021/tran-van-anh.html")
    assert tags == ['<a href="../../../khen-thuong/qd-12-2021/tran-van-anh.html" lang="vi" hreflang="vi">']
    assert ('<a href="../../../khen-thuong/qd-20-2022/" hreflang="vi">The text of the decision is in Vietnamese</a>'
            in correction)
    # the latest commendations widget in English too
    tags = links_to(site.html("en/nhung/khen-thuong-moi/index.html"), page)
    assert tags == [f'<a href="../../../{page}" hreflang="vi">']
    # the Vietnamese lists link it without hreflang; its decision's page by its file name
    tags = links_to(site.html("khen-thuong/qd-12-2021/index.html"), "nguyen-thi-anh.html")
    assert tags == ['<a href="nguyen-thi-anh.html">']
    tags = links_to(site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html"), "nguyen-thi-anh.html")
    assert tags == ['<a href="../../qd-12-2021/nguyen-thi-anh.html">']
    # English search: the names' links resolve against the site's root, marked as Vietnamese
    search = site.html("en/tim-kiem/index.html")
    assert 'data-search-root="../../en/" data-search-recipient-root="../../" data-search-recipient-lang="vi"' in search
    assert "data-search-recipient-root" not in site.html("tim-kiem/index.html")
    # the recipient page: the switcher's English entry leads to the English decision page (its
    # summary); no <link rel="alternate"> names a page that does not exist
    own = site.html(page)
    assert '<a class="lang" href="../../en/khen-thuong/qd-12-2021/" hreflang="en" lang="en">' in own
    assert 'rel="alternate" hreflang' not in own
    # the annulled award's page: in English, its decision
    annulled = site.html("khen-thuong/qd-12-2021/le-van-huy.html")
    assert "Quyết định số 15/QĐ-UBND" in annulled and 'rel="alternate" hreflang' not in annulled
    assert '<a class="lang" href="../../en/khen-thuong/qd-12-2021/" hreflang="en" lang="en">' in annulled
    # pages in both languages keep their alternates
    assert f'<link rel="alternate" hreflang="en" href="{SITE_URL}en/khen-thuong/qd-12-2021/">' in site.html(
        "khen-thuong/qd-12-2021/index.html")
    # the sitemap lists the pages that exist
    sitemap = (out / "sitemap-core-1.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}{page}" in sitemap and f"{SITE_URL}en/khen-thuong/qd-12-2021/" in sitemap
    assert "en/khen-thuong/qd-12-2021/nguyen-thi-anh.html" not in sitemap
    assert dead_links(out) == []
    (out / page).unlink()  # the walk finds a link that leads nowhere
    assert ("en/nhung/khen-thuong-moi/index.html", f"../../../{page}") in dead_links(out)


def test_every_language_makes_a_recipient_page_in_each_language(make_site):
    site = built(make_site, recipient_pages="every-language")
    out = site.root / "site"
    assert english_recipients(out) == sorted(f"{rid}.html" for rid in PEOPLE)
    for rid in PEOPLE:
        assert (out / f"khen-thuong/qd-12-2021/{rid}.html").is_file()
    page = "khen-thuong/qd-12-2021/nguyen-thi-anh.html"
    # and lists of people in each language: the English lists have their rows
    tags = links_to(site.html("en/khen-thuong/qd-12-2021/index.html"), "nguyen-thi-anh.html")
    assert tags == ['<a href="nguyen-thi-anh.html">']
    for english in ("en/khen-thuong/hinh-thuc/bang-khen-tinh/index.html", "en/khen-thuong/dia-phuong/huyen-dong/index.html"):
        html = site.html(english)
        assert "Nguyễn Thị Ánh" in html and "is in Vietnamese" not in html, english
    english = site.html("en/" + page)
    assert '<html lang="en"' in english
    assert f'<link rel="alternate" hreflang="vi" href="{SITE_URL}{page}">' in english
    assert "data-search-recipient-root" not in site.html("en/tim-kiem/index.html")
    assert f"{SITE_URL}en/{page}" in (out / "sitemap-core-1.xml").read_text(encoding="utf-8")
    assert dead_links(out) == []


def test_switching_the_option_rebuilds_the_pages_it_makes_and_removes(make_site):
    """A rebuild after the option changed (incremental, then --clean) adds or removes the
    other languages' recipient pages; a rebuild that changes nothing keeps what it has."""
    site = built(make_site)
    out = site.root / "site"
    english = out / "en/khen-thuong/qd-12-2021/nguyen-thi-anh.html"
    assert not english.exists()
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=SITE_URL, plugin={"recipient_pages": "every-language"})})
    site.run("build", check_exit=0)
    assert english.is_file() and '<a href="nguyen-thi-anh.html">' in site.html(
        "en/khen-thuong/qd-12-2021/index.html")
    site.run("build", check_exit=0)  # nothing changed: kept
    assert english.is_file()
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=SITE_URL)})
    site.run("build", check_exit=0)
    assert not english.exists() and english_recipients(out) == []
    assert "The list of 3 recipients is in Vietnamese" in site.html("en/khen-thuong/qd-12-2021/index.html")
    # an edit afterwards: the incremental build still knows which pages the site has
    site.write({"content/decisions/qd-12-2021.md": DECISION.replace("Trực chốt kiểm dịch", "Trực chốt")})
    site.run("build", check_exit=0)
    assert not english.exists() and "Trực chốt 60 ngày" in site.html("khen-thuong/qd-12-2021/nguyen-thi-anh.html")
    assert dead_links(out) == []
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=SITE_URL, plugin={"recipient_pages": "every-language"})})
    site.run("build", "--clean", check_exit=0)
    assert "Trực chốt 60 ngày" in english.read_text(encoding="utf-8")
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=SITE_URL)})
    site.run("build", "--clean", check_exit=0)
    assert not english.exists() and dead_links(out) == []


def test_a_link_written_to_an_english_recipient_page_is_reported(make_site):
    """A communicator's Markdown link to the English address of a recipient page: no such
    page by default, so check says the link leads nowhere (rules/links.py)."""
    body = "Xem [chị Ánh](/en/khen-thuong/qd-12-2021/nguyen-thi-anh.html)."
    plan = BASE_DATA["content/plans/kh-xa.md"].rstrip() + "\n        " + body + "\n"
    site = make_site(BASE_DATA, FILES, {"content/plans/kh-xa.md": plan}, languages=("vi", "en"), site_url=SITE_URL)
    proc = site.run("check", "--lang", "en")
    assert "en/khen-thuong/qd-12-2021/nguyen-thi-anh.html" in proc.stdout + proc.stderr
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=SITE_URL, plugin={"recipient_pages": "every-language"})})
    proc = site.run("check", "--lang", "en")
    assert "en/khen-thuong/qd-12-2021/nguyen-thi-anh.html" not in proc.stdout + proc.stderr
