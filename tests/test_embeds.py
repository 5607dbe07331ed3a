"""Embedding in the provincial portal, as the built files show it (no browser; see
tests/browser/test_embeds.py for the cross-origin iframe in Chromium)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from .conftest import BASE_DATA, REPO, mkdocs_yml

SITE_URL = "https://thiduakhenthuong.example.gov.vn/"
PORTAL = "https://portal.example.gov.vn"

EMBED_CONTENT = {
    "content/decisions/qd-khen.md": """
        ---
        number: "12"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        place: Mẫu
        date: 2021-12-20
        title: Khen thưởng tập thể, cá nhân có thành tích phòng, chống dịch
        plan: kh-tinh
        award: bang-khen-tinh
        signer: {title: CHỦ TỊCH, name: Trần Văn B}
        awardees:
          - {kind: individual, name: Nguyễn Văn Hùng, position: Bác sĩ, unit: Trung tâm Y tế, achievement: Thành tích xuất sắc}
          - {kind: collective, name: Trạm Y tế xã Tây, achievement: Thành tích xuất sắc}
        ---
        Khen thưởng.
    """,
    "content/decisions/qd-thu-hoi.md": """
        ---
        number: "30"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        place: Mẫu
        date: 2022-03-01
        title: Thu hồi Bằng khen
        plan: kh-tinh
        signer: {title: CHỦ TỊCH, name: Trần Văn B}
        revokes:
          - {decision: qd-khen, recipient: nguyen-van-hung, reason: Kê khai không trung thực}
        awardees: []
        ---
        Thu hồi.
    """,
    "content/messages/thuc-hien-5k.md": """
        ---
        kind: slogan
        title: Thực hiện 5K để bảo vệ cộng đồng
        campaign: covid
        audience: Toàn dân
        languages: [vi]
        valid_from: 2021-09-10
        ---
        Khẩu trang, khử khuẩn, khoảng cách, không tụ tập, khai báo y tế.
    """,
    "content/messages/da-het-han.md": """
        ---
        kind: message
        title: Thông điệp đã hết hạn
        campaign: covid
        audience: Toàn dân
        languages: [vi]
        valid_from: 2021-09-10
        valid_until: 2021-12-31
        ---
        Hết hạn.
    """,
    "content/messages/sap-toi.md": """
        ---
        kind: message
        title: Thông điệp chưa đến ngày
        campaign: covid
        audience: Toàn dân
        languages: [vi]
        valid_from: 2099-01-01
        ---
        Sắp tới.
    """,
}


def embed_site(make_site, *, site_url=SITE_URL, frame_ancestors=(PORTAL + "/trang-chu/", "http://127.0.0.1:8081")):
    site = make_site(BASE_DATA, EMBED_CONTENT)
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=site_url,
                                         plugin={"frame_ancestors": list(frame_ancestors)})})
    site.run("build", check_exit=0)
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build shared by the tests that only read it (a build takes seconds)."""
    from .conftest import SiteFixture

    def make_site(*file_sets):
        site = SiteFixture(tmp_path_factory.mktemp("embed"))
        for files in file_sets:
            site.write(files)
        return site
    return embed_site(make_site)


def core_page_folders() -> list[str]:
    """Each plan, decision and message page and each list (the honor roll's browse page
    khen-thuong/ included), in both languages, but the English decision page: a summary of
    the Vietnamese one without an embed variant (recipient_pages)."""
    folders = ["van-ban/", "thong-diep/", "thong-diep/hien-hanh/", "thong-diep/thuc-hien-5k/",
               "thong-diep/da-het-han/", "van-ban/kh-tinh/", "van-ban/qd-1/", "van-ban/kh-xa/", "khen-thuong/"]
    return folders + ["khen-thuong/qd-khen/"] + ["en/" + f for f in folders]


def check_embed_variant(out: Path, folder: str) -> None:
    assert (out / folder / "index.html").is_file(), f"{folder}: no page"
    embed = out / folder / "nhung.html"
    assert embed.is_file(), f"{folder}: no nhung.html"
    html = embed.read_text(encoding="utf-8")
    assert '<body class="embed">' in html
    assert '<header class="top"' not in html and 'class="wrap nav"' not in html, folder
    assert 'class="foot"' not in html and 'class="skip"' not in html, folder
    assert 'role="search"' not in html, f"{folder}: the site's search box is chrome"
    assert '<base target="_top">' in html  # links leave the iframe for the real site
    assert f'data-parents="{PORTAL} http://127.0.0.1:8081"' in html
    assert re.search(r'<script src="(\.\./)*assets/embed/child\.js" defer>', html)
    assert '<meta name="robots" content="noindex">' in html
    # The content is the page's own content region, unchanged.
    page = (out / folder / "index.html").read_text(encoding="utf-8")
    content = page.split("<!--content:start-->", 1)[1].split("<!--content:end-->", 1)[0]
    assert content in html


def test_every_core_page_has_a_chrome_less_embed_variant(built):
    out = built.root / "site"
    for folder in core_page_folders():
        check_embed_variant(out, folder)
    assert (out / "en/khen-thuong/qd-khen/index.html").is_file()
    assert not (out / "en/khen-thuong/qd-khen/nhung.html").exists()


def check_embed_shell(html: str, where: str) -> None:
    """The frame every embed shares (render/embed.py): no chrome, links leave the iframe, the
    allowed parents for child.js, not indexed."""
    assert '<body class="embed">' in html, where
    assert '<header class="top"' not in html and 'class="foot"' not in html and 'role="search"' not in html, where
    assert '<base target="_top">' in html, where
    assert f'data-parents="{PORTAL} http://127.0.0.1:8081"' in html, where
    assert re.search(r'<script src="(\.\./)*assets/embed/child\.js" defer>', html), where
    assert '<meta name="robots" content="noindex">' in html, where


def test_recipient_pages_have_an_embed_variant(built):
    """Issue 6: every recipient is embeddable, as a card in one file per decision (page)
    selected by the address's fragment, not as a second file per recipient."""
    out = built.root / "site"
    # (English has neither recipient pages nor lists of people: recipient_pages)
    assert not (out / "en/khen-thuong/qd-khen/nhung-nguoi.html").exists()
    cards = built.html("khen-thuong/qd-khen/nhung-nguoi.html")
    check_embed_shell(cards, "nhung-nguoi.html")
    assert f'<link rel="canonical" href="{SITE_URL}khen-thuong/qd-khen/">' in cards
    # One card per active recipient, with the recipient's id as its fragment target.
    card = cards.split('<article class="rcard recipient" id="tram-y-te-xa-tay">', 1)[1].split("</article>", 1)[0]
    assert '<h1 lang="vi">Trạm Y tế xã Tây</h1>' in card and "Thành tích xuất sắc" in card
    assert "Bằng khen của Chủ tịch UBND tỉnh" in card
    # the full page
    assert 'href="../../khen-thuong/qd-khen/tram-y-te-xa-tay.html">' in card
    assert "Nguyễn Văn Hùng" not in cards and 'id="nguyen-van-hung"' not in cards  # revoked
    # CSS alone shows the targeted card, else the list of names, whose links stay in the frame.
    assert ".rcard{display:none}.rcard:target{display:block}.rcard:target~.rcards-index{display:none}" in cards
    assert cards.index('id="tram-y-te-xa-tay"') < cards.index('class="rcards-index"')
    assert '<a href="#tram-y-te-xa-tay" target="_self" lang="vi">Trạm Y tế xã Tây</a>' in cards
    assert cards.count("<script") == 1  # child.js: no script picks the card
    # The recipient page offers that card as its embed code, and no second file of its own;
    # English has no recipient page.
    folder = out / "khen-thuong/qd-khen"
    assert not list((out / "en/khen-thuong/qd-khen").glob("tram-y-te-xa-tay*"))
    page = built.html("khen-thuong/qd-khen/tram-y-te-xa-tay.html")
    block = page.split('<details class="embed-code">', 1)[1].split("</details>", 1)[0]
    assert f"&lt;iframe src=&#34;{SITE_URL}khen-thuong/qd-khen/nhung-nguoi.html#tram-y-te-xa-tay&#34;" in block
    assert "json+oembed" not in page  # an oembed.json per recipient would be the second file
    assert sorted(p.name for p in folder.glob("tram-y-te-xa-tay*")) == ["tram-y-te-xa-tay.html"]
    sitemaps = sorted(out.glob("sitemap*.xml"))
    assert sitemaps
    for sitemap in sitemaps:
        assert "nhung-nguoi.html" not in sitemap.read_text(encoding="utf-8"), sitemap.name


def long_decision() -> dict:
    """qd-dai, a decision of PER_PAGE + 1 recipients: its roll, and its award's list, have two
    pages. Dated before EMBED_CONTENT's decisions, so the latest-commendations widget still
    shows theirs."""
    from site_builder.honor.index import PER_PAGE

    people = "\n".join(f"          - {{kind: individual, name: Lê Văn Người {n:03d}, achievement: Tốt}}"
                       for n in range(1, PER_PAGE + 2))
    return {"content/decisions/qd-dai.md": f"""
        ---
        number: "40"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        place: Mẫu
        date: 2020-06-01
        title: Khen thưởng nhiều người
        award: bang-khen-tinh
        signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
        awardees:
{people}
        ---
        Khen thưởng.
    """}


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    from .conftest import SiteFixture

    site = SiteFixture(tmp_path_factory.mktemp("long"))
    site.write(BASE_DATA).write(long_decision())
    site.write({"mkdocs.yml": mkdocs_yml(("vi",), site_url=SITE_URL, plugin={"frame_ancestors": [PORTAL]})})
    site.run("build", check_exit=0)
    return site


def test_a_long_decision_has_one_card_file_per_page_of_its_roll(long_site):
    """A card file never holds more than a decision page's recipients (PER_PAGE): the frame
    loads every card to show one. The one after them is on page 2 and its embed code says so."""
    from site_builder.honor.index import PER_PAGE

    site = long_site
    first = site.html("khen-thuong/qd-dai/nhung-nguoi.html")
    second = site.html("khen-thuong/qd-dai/trang/2/nhung-nguoi.html")
    assert first.count('<article class="rcard') == PER_PAGE and second.count('<article class="rcard') == 1
    last = re.search(r'<article class="rcard recipient" id="([^"]+)">', second).group(1)
    assert f'<link rel="canonical" href="{SITE_URL}khen-thuong/qd-dai/trang/2/">' in second
    assert '<a href="../../../../khen-thuong/qd-dai/nhung-nguoi.html" target="_self">1</a>' in second  # the other part of the list
    page = site.html(f"khen-thuong/qd-dai/{last}.html")
    assert f"{SITE_URL}khen-thuong/qd-dai/trang/2/nhung-nguoi.html#{last}&#34;" in page


def test_an_embed_shows_a_lists_first_page_whose_pager_opens_the_site(long_site):
    """Issue 24: the later pages of a list (a decision's roll, an award's list) have no embed
    variant; the first page's embed links them on the site, in the top window, and their own
    embed code is the first page's."""
    out = long_site.root / "site"
    for base in ("khen-thuong/qd-dai/", "khen-thuong/hinh-thuc/bang-khen-tinh/"):
        embed = long_site.html(base + "nhung.html")
        assert '<base target="_top">' in embed  # every link leaves the frame
        root = "../" * base.count("/")
        pager = embed.split('<nav class="pager"', 1)[1].split("</nav>", 1)[0]
        assert f'<a href="{root}{base}trang/2/">2</a>' in pager, base  # the site's page 2
        assert f'<a href="{root}{base}trang/2/" rel="next">' in pager, base
        assert "nhung.html" not in pager
        assert (out / base / "trang/2/index.html").is_file()
        assert sorted(p.name for p in (out / base / "trang/2").iterdir()) == (
            ["index.html", "nhung-nguoi.html"] if base == "khen-thuong/qd-dai/" else ["index.html"]), base
        later = long_site.html(base + "trang/2/index.html")
        block = later.split('<details class="embed-code">', 1)[1].split("</details>", 1)[0]
        assert f"&lt;iframe src=&#34;{SITE_URL}{base}nhung.html&#34;" in block, base
        assert "json+oembed" not in later  # no oembed.json beside it either


def test_embed_variant_of_a_plan_links_back_and_keeps_its_text(built):
    html = built.html("van-ban/kh-tinh/nhung.html")
    assert f'<link rel="canonical" href="{SITE_URL}van-ban/kh-tinh/">' in html
    assert "Triển khai phong trào thi đua đặc biệt" in html
    assert 'href="../../assets/embed/embed.css"' in html
    assert (built.root / "site/assets/embed/child.js").is_file()
    assert (built.root / "site/assets/embed/parent.js").is_file()


OEMBED_SCHEMA = {
    "type": "object",
    "required": ["version", "type", "html", "width", "height", "title", "provider_name", "provider_url"],
    "properties": {
        "version": {"const": "1.0"},
        "type": {"const": "rich"},
        "html": {"type": "string", "minLength": 1},
        "width": {"type": "integer", "minimum": 1},
        "height": {"type": "integer", "minimum": 1},
        "title": {"type": "string", "minLength": 1},
        "provider_name": {"type": "string"},
        "provider_url": {"type": "string", "pattern": "^https://"},
    },
}


def test_oembed_document_and_discovery_tag(built):
    for folder, title_part in (("van-ban/kh-tinh/", "85/KH-UBND"), ("en/thong-diep/thuc-hien-5k/", "5K")):
        page = built.html(folder + "index.html")
        href = f"{SITE_URL}{folder}oembed.json"
        assert re.search(r'<link rel="alternate" type="application/json\+oembed" href="'
                         + re.escape(href) + r'" title="[^"]*' + re.escape(title_part), page), folder
        # The discovery tag is in the head, where consumers look for it.
        assert page.index(href) < page.index("</head>")
        doc = json.loads(built.html(folder + "oembed.json"))
        jsonschema.validate(doc, OEMBED_SCHEMA)
        assert title_part in doc["title"]
        assert doc["provider_name"] == "Thử nghiệm" and doc["provider_url"] == SITE_URL
        assert f'<iframe src="{SITE_URL}{folder}nhung.html"' in doc["html"]
        assert "data-sb-embed" in doc["html"]
        assert f'<script src="{SITE_URL}assets/embed/parent.js" defer></script>' in doc["html"]


def test_every_page_offers_copy_paste_embed_code(built):
    page = built.html("van-ban/kh-tinh/index.html")
    block = page.split('<details class="embed-code">', 1)[1].split("</details>", 1)[0]
    assert "<summary>Nhúng trang này</summary>" in block
    assert (f"&lt;iframe src=&#34;{SITE_URL}van-ban/kh-tinh/nhung.html&#34;" in block)
    assert f"&lt;script src=&#34;{SITE_URL}assets/embed/parent.js&#34; defer&gt;" in block
    # In the footer, not in the content region an embed shows.
    assert page.index('<details class="embed-code">') > page.index("<!--content:end-->")
    assert 'class="embed-code"' not in built.html("van-ban/kh-tinh/nhung.html")
    english = built.html("en/van-ban/kh-tinh/index.html")
    assert "<summary>Embed this page</summary>" in english
    assert f"{SITE_URL}en/van-ban/kh-tinh/nhung.html" in english


def test_header_snippets_carry_the_configured_origins(built):
    out = built.root / "site"
    expected = f"frame-ancestors 'self' {PORTAL} http://127.0.0.1:8081"
    assert "/trang-chu/" not in (out / "_headers").read_text(encoding="utf-8")  # paths are not origins
    headers = (out / "_headers").read_text(encoding="utf-8")
    assert re.search(r"^/\*\n  Content-Security-Policy: " + re.escape(expected) + "$", headers, re.M)
    nginx = (out / "cau-hinh/nginx-frame-ancestors.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{expected}" always;' in nginx
    apache = (out / "cau-hinh/apache-frame-ancestors.conf").read_text(encoding="utf-8")
    assert f'Header always set Content-Security-Policy "{expected}"' in apache
    assert "<IfModule mod_headers.c>" in apache
    assert (out / ".htaccess").read_text(encoding="utf-8").startswith(apache)  # then the 404 pages
    assert PORTAL in (out / "cau-hinh/README.txt").read_text(encoding="utf-8")
    # Nothing links the operators' folder.
    pages = sorted((out / "van-ban").rglob("*.html"))
    assert pages
    for page in pages:
        assert "cau-hinh" not in page.read_text(encoding="utf-8")


def test_a_wrong_origin_never_widens_the_list(make_site):
    site = embed_site(make_site, frame_ancestors=("portal.example.gov.vn", "https://a.example.vn:443/", "*"))
    nginx = site.html("cau-hinh/nginx-frame-ancestors.conf")
    assert 'add_header Content-Security-Policy "frame-ancestors \'self\' https://a.example.vn" always;' in nginx
    assert "# Left out (not an http(s) origin): 'portal.example.gov.vn'" in nginx
    assert "# Left out (not an http(s) origin): '*'" in nginx
    assert 'data-parents="https://a.example.vn"' in site.html("van-ban/kh-tinh/nhung.html")


def test_without_site_url_the_code_is_relative_and_no_oembed_is_written(make_site):
    site = embed_site(make_site, site_url="")
    page = site.html("van-ban/kh-tinh/index.html")
    assert "&lt;iframe src=&#34;/van-ban/kh-tinh/nhung.html&#34;" in page
    assert "site_url" in page.split('<details class="embed-code">', 1)[1]  # the note tells what to do
    assert "json+oembed" not in page
    assert not (site.root / "site/van-ban/kh-tinh/oembed.json").exists()
    assert (site.root / "site/van-ban/kh-tinh/nhung.html").exists()


def test_without_frame_ancestors_only_the_site_itself_may_frame(make_site):
    site = embed_site(make_site, frame_ancestors=())
    page = site.html("van-ban/kh-tinh/index.html")
    assert "embed-code" not in page and "json+oembed" not in page
    assert not (site.root / "site/van-ban/kh-tinh/oembed.json").exists()
    # nothing to frame either (issue 24): no embed variant beside a page, no recipient cards
    out = site.root / "site"
    assert (out / "van-ban/kh-tinh/index.html").is_file() and not (out / "van-ban/kh-tinh/nhung.html").exists()
    assert not list(out.glob("**/nhung.html")) and not list(out.glob("**/nhung-nguoi.html"))
    assert "Content-Security-Policy: frame-ancestors 'self'\n" in site.html("_headers")
    assert "Chưa có địa chỉ nào được phép nhúng" in site.html("nhung/index.html")


def widget_main(site, path: str) -> str:
    html = site.html(path)
    assert '<body class="embed">' in html and '<header class="top"' not in html and "<nav" not in html
    assert 'class="foot"' not in html
    assert 'data-parents="https://portal.example.gov.vn http://127.0.0.1:8081"' in html
    assert "assets/embed/child.js" in html
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_search_widget_submits_to_the_search_page_in_the_top_window(built):
    main = widget_main(built, "nhung/tim-kiem/index.html")
    assert re.search(r'<form role="search" action="\.\./\.\./tim-kiem/" method="get" target="_top">', main)
    assert 'name="q"' in main and '<label for="widget-q"' in main
    english = widget_main(built, "en/nhung/tim-kiem/index.html")
    assert 'action="../../../en/tim-kiem/"' in english


def test_every_widget_class_the_stylesheet_styles_is_on_a_widget_page(built):
    """embed.css once styled `.widget-search` while the search widget's class was `widget-tim-kiem`
    (made from its address): the widget showed a bare 13 px system box. Each widget's class is
    now its name, and every `.widget-…` class of the stylesheet is on a widget page."""
    css = (REPO / "site_builder/assets/embed/embed.css").read_text(encoding="utf-8")
    styled = set(re.findall(r"\.(widget-[a-z-]+)", css))
    on_pages = set()
    for page in sorted((built.root / "site/nhung").glob("*/index.html")):
        for classes in re.findall(r'class="([^"]+)"', page.read_text(encoding="utf-8")):
            on_pages.update(c for c in classes.split() if c.startswith("widget-"))
    assert "widget-search" in styled
    assert styled <= on_pages, f"styled but on no widget page: {sorted(styled - on_pages)}"
    assert '<main id="main" class="embed-main widget widget-search">' in built.html("nhung/tim-kiem/index.html")


def test_latest_commendations_leave_revoked_awards_out(built):
    main = widget_main(built, "nhung/khen-thuong-moi/index.html")
    assert "Quyết định số 12/QĐ-UBND" in main  # named as every page names a document (Lang.doc_label)
    assert 'href="../../khen-thuong/qd-khen/tram-y-te-xa-tay.html">Trạm Y tế xã Tây</a>' in main
    assert "Nguyễn Văn Hùng" not in main  # revoked by qd-thu-hoi
    assert "30/QĐ-UBND" not in main  # a decision that confers nothing is not a commendation
    assert "1 tập thể, cá nhân" in main


def test_current_message_banner_shows_only_messages_in_force(built):
    main = widget_main(built, "nhung/thong-diep-hien-hanh/index.html")
    assert 'href="../../thong-diep/thuc-hien-5k/"' in main and "Khẩu hiệu" in main
    assert "đã hết hạn" not in main and "chưa đến ngày" not in main


def test_widget_catalogue_gives_each_widget_its_code(built):
    html = built.html("nhung/index.html")
    assert '<header class="top"' in html  # a normal page, for operators
    for slug in ("tim-kiem", "khen-thuong-moi", "thong-diep-hien-hanh"):
        assert f"&lt;iframe src=&#34;{SITE_URL}nhung/{slug}/&#34;" in html
        assert f'<iframe src="../nhung/{slug}/"' in html  # a live preview
    assert "assets/embed/parent.js" in html
    assert not (built.root / "site/nhung/tim-kiem/nhung.html").exists()  # widgets are embeds already


def test_check_warns_about_frame_ancestors_that_are_not_origins(make_site):
    site = make_site(BASE_DATA)
    yml = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    site.write({"mkdocs.yml": yml + "      frame_ancestors: [portal.gov.vn, https://ok.example.vn]\n"})
    proc = site.run("check")
    assert proc.returncode == 0
    assert "mkdocs.yml: cảnh báo: 'frame_ancestors': \"portal.gov.vn\" không phải là địa chỉ gốc" in proc.stdout
    assert "ok.example.vn" not in proc.stdout
