"""Recipient pages made from stencils of their template (pages/recipient_page.py,
render/stencil.py) are byte for byte what templates/honor/recipient.html makes through Jinja,
and a theme that overrides the template changes them: its stencil when it can be one, else
Jinja, and the build says so."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.config import SiteConfig
from site_builder.pages import recipient_page
from site_builder.render.renderer import Renderer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.generate import generate_province  # noqa: E402
from .conftest import BASE_DATA  # noqa: E402
TEMPLATE = REPO / "site_builder/templates/honor/recipient.html"

DECISION = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    awardees:
      - kind: collective
        name: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Đã có thành tích "xuất sắc" & <b>bền bỉ</b> trong công tác tiêm chủng.
      - kind: collective
        name: Công an huyện Đông
      - name: Nguyễn Thị Ánh
        position: Điều dưỡng
        unit: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Trực chốt kiểm dịch 60 ngày liên tục.
      - name: Đinh Văn O'Neil
        unit: Bệnh viện tỉnh
        locality: tinh-mau
      - name: Trần Văn Anh
        position: Bác sĩ
    ---
    **Điều 1.** Tặng Bằng khen.
"""
STORY = """
    ---
    decision: qd-12-2021
    recipient: nguyen-thi-anh
    title: Sáu mươi ngày ở chốt
    ---
    Chị Ánh trực chốt kiểm dịch.
"""


def build(site, out: Path, theme: Path, monkeypatch, stencils: bool = True,
          recipient_pages: str = "site-language") -> int:
    """Build the core pages; returns how many pages were made from stencils. `stencils`
    False: every page through Jinja. `recipient_pages`: the option (config.py)."""
    made = []
    real = recipient_page.Maker.__call__

    def counting(self, *args):
        page = real(self, *args)
        if page is not None:
            made.append(args[0])
        return page

    monkeypatch.setattr(recipient_page.Maker, "__call__", counting)
    monkeypatch.setattr(Renderer, "stencils", stencils)
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=theme,
                        site_url="https://thidua.example.gov.vn/", frame_ancestors=["https://cong.example.gov.vn"],
                        recipient_pages=recipient_pages)
    build_site(config, out, clean=True)
    return len(made)


def recipient_files(site_dir: Path, decision: str = "qd-12-2021") -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes()
            for p in site_dir.rglob(f"khen-thuong/{decision}/*.html")
            if p.name not in ("index.html", "nhung.html", "nhung-nguoi.html")}


def overriding_theme(tmp_path: Path, template_text: str) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "core/honor").mkdir(parents=True, exist_ok=True)
    (theme / "core/honor/recipient.html").write_text(template_text, encoding="utf-8")
    return theme


@pytest.mark.parametrize("recipient_pages, languages", [("every-language", 2), ("site-language", 1)])
def test_maker_writes_what_the_template_writes(make_site, tmp_path, monkeypatch, recipient_pages, languages):
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION, "content/stories/chi-anh.md": STORY},
                                languages=("vi", "en"))
    made = build(site, tmp_path / "made", REPO / "theme", monkeypatch, recipient_pages=recipient_pages)
    # 5 recipients in each language that has their pages; the one with a story goes through the template
    assert made == 4 * languages
    # every page through Jinja
    templated = build(site, tmp_path / "templated", REPO / "theme", monkeypatch, stencils=False,
                      recipient_pages=recipient_pages)
    assert templated == 0
    made_files, template_files = recipient_files(tmp_path / "made"), recipient_files(tmp_path / "templated")
    assert len(made_files) == 5 * languages and sorted(made_files) == sorted(template_files)
    different = [name for name in made_files if made_files[name] != template_files[name]]
    assert not different, different
    page = made_files["khen-thuong/qd-12-2021/tram-y-te-xa-tay.html"].decode("utf-8")
    assert "&#34;xuất sắc&#34; &amp; &lt;b&gt;bền bỉ&lt;/b&gt;" in page  # escaped like Jinja escapes
    assert 'hreflang="en"' in page and "embed-code" in page
    # the switcher's English entry: the same page in English, or the English decision page (a
    # summary linking the Vietnamese list) and then no alternates, as the page has none
    english = ("../../en/khen-thuong/qd-12-2021/tram-y-te-xa-tay.html" if languages == 2
               else "../../en/khen-thuong/qd-12-2021/")
    assert f'<a class="lang" href="{english}" hreflang="en" lang="en">' in page
    assert ('<link rel="alternate" hreflang="en"' in page) == (languages == 2)
    # what link previews show, no more (issue 24): no JSON-LD, og:url, og:site_name or og:locale
    head = page.split("</head>", 1)[0]
    assert re.findall(r'<meta property="(og:[a-z_]+)"', head) == ["og:title", "og:type", "og:description", "og:image"]
    assert "application/ld+json" not in page


def test_a_theme_template_is_the_stencil(make_site, tmp_path, monkeypatch, capsys):
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION}, languages=("vi", "en"))
    text = TEMPLATE.read_text("utf-8").replace('<p class="award-badge">', '<p class="award-badge tinh">')
    made = build(site, tmp_path / "out", overriding_theme(tmp_path, text), monkeypatch)
    assert made == 5  # 5 recipients in the site's language, none through Jinja
    page = (tmp_path / "out/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    assert '<p class="award-badge tinh">' in page
    assert "recipient.html" not in capsys.readouterr().err


# A theme's own recipient page, written here: other markup, a branch on the kind, fields the
# core template leaves out (the recipient's id and decision, the decision's title), an empty
# position shown as it is.
OWN_TEMPLATE = """\
{% extends "base.html" %}
{% block content %}
<section class="vinh-danh {{ 'tap-the' if awardee.kind == 'collective' else 'ca-nhan' }}" id="vd-{{ awardee.id }}"
         data-qd="{{ awardee.decision }}">
  <h1>{{ awardee.name }}</h1>
  <p>{{ award_label }} · {{ d.ref }} · {{ d.title }} · {{ place or '' }} · [{{ awardee.position }}]</p>
  {% if awardee.achievement %}<blockquote>{{ awardee.achievement }}</blockquote>{% endif %}
  <a href="{{ url(anchor) }}">{{ t('in_decision_list') }}</a>
</section>
{% endblock %}
"""


def test_a_theme_of_its_own_makes_the_recipient_pages(make_site, tmp_path, monkeypatch, capsys):
    # a second decision: stencils are shared by decisions, each puts its own values in
    second = DECISION.replace('number: "12"', 'number: "13"').replace("Về việc tặng Bằng khen",
                                                                    "Về việc khen thưởng đợt hai")
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION, "content/decisions/qd-13-2021.md": second,
                      "theme/core/honor/recipient.html": OWN_TEMPLATE}, languages=("vi", "en"))
    made = build(site, tmp_path / "made", site.root / "theme", monkeypatch)
    assert made == 10  # 5 recipients x 2 decisions, in the site's language
    assert "recipient.html" not in capsys.readouterr().err
    page = (tmp_path / "made/khen-thuong/qd-12-2021/tram-y-te-xa-tay.html").read_text("utf-8")
    assert '<section class="vinh-danh tap-the" id="vd-tram-y-te-xa-tay"\n         data-qd="qd-12-2021">' in page
    assert "<h1>Trạm Y tế xã Tây</h1>" in page and "· Về việc tặng Bằng khen ·" in page and "· [None]</p>" in page
    assert "<blockquote>Đã có thành tích &#34;xuất sắc&#34; &amp; &lt;b&gt;bền bỉ&lt;/b&gt;" in page
    assert '<p class="award-badge">' not in page  # nothing of the core template
    person = (tmp_path / "made/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    assert '<section class="vinh-danh ca-nhan" id="vd-nguyen-thi-anh"' in person and "[Điều dưỡng]" in person
    other = (tmp_path / "made/khen-thuong/qd-13-2021/tram-y-te-xa-tay.html").read_text("utf-8")
    assert 'data-qd="qd-13-2021"' in other and "· Về việc khen thưởng đợt hai ·" in other
    # and byte for byte what Jinja makes of the theme's template
    build(site, tmp_path / "templated", site.root / "theme", monkeypatch, stencils=False)
    for decision in ("qd-12-2021", "qd-13-2021"):
        made_files = recipient_files(tmp_path / "made", decision)
        assert len(made_files) == 5 and made_files == recipient_files(tmp_path / "templated", decision)


@pytest.mark.parametrize("shown, expected", [
    ("{{ awardee.name|upper }}", "<h1>NGUYỄN THỊ ÁNH</h1>"),  # a marker refuses the filter
    ("{{ awardee.name|title }}", "<h1>Nguyễn Thị Ánh</h1>"),  # the first page's comparison finds it
    ("{{ awardee.public_fields|length }}", "<h1>0</h1>"),  # a field the stencil does not mark
    ("{% if d.id == 'qd-12-2021' %}yes{% endif %}", "<h1>yes</h1>"),  # a comparison with a decision's value
])
def test_a_theme_template_that_computes_from_values_goes_through_jinja_and_says_so(
        make_site, tmp_path, monkeypatch, capsys, shown, expected):
    template = '{% extends "base.html" %}{% block content %}<h1>' + shown + '</h1><p>{{ awardee.unit }}</p>{% endblock %}'
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION,
                      "theme/core/honor/recipient.html": template}, languages=("vi", "en"))
    build(site, tmp_path / "out", site.root / "theme", monkeypatch)
    assert "honor/recipient.html" in capsys.readouterr().err  # said, not silent
    page = (tmp_path / "out/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    assert expected in page and "<p>Trạm Y tế xã Tây</p>" in page
    collective = (tmp_path / "out/khen-thuong/qd-12-2021/tram-y-te-xa-tay.html").read_text("utf-8")
    assert "<p>None</p>" in collective


@pytest.mark.parametrize("site_url, recipient_pages, languages", [
    ("https://thidua.example.gov.vn/", "every-language", 2), ("", "site-language", 1)])
def test_made_pages_match_the_template_on_a_generated_province(tmp_path, monkeypatch, site_url, recipient_pages,
                                                                languages):
    """Every recipient of a generated province (Kinh, Khmer and Ê Đê names with apostrophes,
    collectives and individuals, several decisions and award forms), with and without an
    absolute site address, with recipient pages in both languages and in the site's alone: the
    pages Python makes are the template's, byte for byte."""
    province = generate_province(tmp_path / "province", recipients=600, seed=3)
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    builds = {}
    for name, stencils in (("made", True), ("templated", False)):
        monkeypatch.setattr(Renderer, "stencils", stencils)
        config = SiteConfig(content_dir=province.content_dir, languages=["vi", "en"], theme_dir=REPO / "theme",
                            site_url=site_url, frame_ancestors=["https://cong.example.gov.vn"],
                            recipient_pages=recipient_pages)
        build_site(config, tmp_path / name, clean=True)
        builds[name] = {p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                        for p in (tmp_path / name).rglob("khen-thuong/*/*.html")
                        if p.name not in ("index.html", "nhung.html", "nhung-nguoi.html")}
    made, templated = builds["made"], builds["templated"]
    assert len(made) == languages * 600 and sorted(made) == sorted(templated)
    different = [name for name in made if made[name] != templated[name]]
    assert not different, different[:5]
    assert any("H&#39;" in page.decode("utf-8") for page in made.values())  # apostrophes were there


def test_a_recipient_page_carries_its_facts_a_search_link_and_the_switcher_not_the_site_map(
        make_site, tmp_path, monkeypatch):
    """One page per award: no byte a reader of one person's award does not use (issue 24;
    docs/honor-roll.md "What a recipient's page carries")."""
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION}, languages=("vi", "en"))
    build(site, tmp_path / "out", REPO / "theme", monkeypatch, recipient_pages="every-language")
    page = (tmp_path / "out/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    body = page.split("<body>", 1)[1]
    header = body.split("</header>", 1)[0]
    # the compact header: skip link, brand, a link to the search page, the language switcher
    assert '<a class="skip" href="#main">' in header and '<a class="brand" href="../../">' in header
    assert re.findall(r'<a href="([^"]+)"', header) == ["../../tim-kiem/"]
    assert '<a class="lang" href="../../en/khen-thuong/qd-12-2021/nguyen-thi-anh.html"' in header
    # not the search box and the menu of every section, which the home page and lists carry
    assert "<form" not in page and "../../van-ban/" not in page and "../../thong-diep/" not in page
    assert '<form class="search-form"' in (tmp_path / "out/khen-thuong/index.html").read_text("utf-8")
    # no embed-variant markers (the page has no variant), no indentation between tags
    assert "<!--" not in page and not re.search(r">\n +<", page)
    # the description: the decision and the achievement, not the award form the title names
    description = re.search(r'<meta name="description" content="([^"]*)">', page)[1]
    assert description == "Quyết định số 12/QĐ-UBND, 20/11/2021, UBND tỉnh Mẫu. Trực chốt kiểm dịch 60 ngày liên tục."
    assert 'lang="vi"' not in body.split("<main", 1)[1]  # a Vietnamese page: its values need no lang
    # on an English page the same values keep lang="vi"
    english = (tmp_path / "out/en/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    assert '<h1 id="r-name" lang="vi">Nguyễn Thị Ánh</h1>' in english and '<dd lang="vi">Điều dưỡng</dd>' in english


def test_a_long_achievement_is_cut_to_what_a_search_result_shows(make_site, tmp_path, monkeypatch):
    long = "Trực chốt kiểm dịch 60 ngày liên tục, vận động bà con tiêm vắc xin. " * 6
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION.replace(
        "achievement: Trực chốt kiểm dịch 60 ngày liên tục.", "achievement: " + long.strip())})
    build(site, tmp_path / "out", REPO / "theme", monkeypatch)
    page = (tmp_path / "out/khen-thuong/qd-12-2021/nguyen-thi-anh.html").read_text("utf-8")
    description = re.search(r'<meta property="og:description" content="([^"]*)">', page)[1]
    assert len(description) <= 160 and description.endswith("…") and "Trực chốt kiểm dịch" in description


def test_a_recipient_pages_links_are_relative_to_its_decisions_folder(make_site, tmp_path, monkeypatch):
    """"../", "./", "./#row" rather than "../../khen-thuong/<decision>/...": about 160 bytes a
    page (issue 24; docs/honor-roll.md "What a recipient's page carries"), in every language,
    and each still leads to its page."""
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION}, languages=("vi", "en"))
    build(site, tmp_path / "out", REPO / "theme", monkeypatch, recipient_pages="every-language")
    for prefix in ("", "en/"):
        folder = tmp_path / "out" / prefix / "khen-thuong/qd-12-2021"
        main = (folder / "nguyen-thi-anh.html").read_text("utf-8").split("<main", 1)[1].split("</main>", 1)[0]
        links = re.findall(r'<a href="([^"]+)"', main)
        assert links == ["../", "./", "../dia-phuong/huyen-dong/", "../hinh-thuc/bang-khen-tinh/", "./",
                         "./#nguyen-thi-anh", "../../" + ("../" if prefix else "") + "xm/" + links[-1].rsplit("/", 1)[1]]
        for link in links:
            target = (folder / link.split("#")[0]).resolve()
            assert (target / "index.html" if link.split("#")[0].endswith("/") else target).is_file(), link
        assert 'id="nguyen-thi-anh"' in (folder / "index.html").read_text("utf-8")


def test_a_decisions_page_has_the_compact_header_too(make_site, tmp_path, monkeypatch):
    """A decision's pages are mostly of a few awards: the header's search box and menu were
    about 100 bytes a recipient (issue 24; docs/honor-roll.md "What a list row carries")."""
    site = make_site(BASE_DATA, {"content/decisions/qd-12-2021.md": DECISION}, languages=("vi", "en"))
    build(site, tmp_path / "out", REPO / "theme", monkeypatch)
    for prefix in ("", "en/"):
        page = (tmp_path / "out" / prefix / "khen-thuong/qd-12-2021/index.html").read_text("utf-8")
        header = page.split("<body>", 1)[1].split("</header>", 1)[0]
        up = "../../" + ("../" if prefix else "")
        assert '<a class="skip" href="#main">' in header and f'<a class="brand" href="{up}{prefix}">' in header
        assert re.findall(r'<a href="([^"]+)"', header) == [f"{up}{prefix}tim-kiem/"]
        assert 'class="lang' in header  # the language switcher
        assert "<form" not in header and f"{up}{prefix}van-ban/" not in page
