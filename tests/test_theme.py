"""The theme in built HTML: self-hosted fonts only, the province's name, logo and colours on
Material and core pages alike, our own search box, and small CSS."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from .conftest import BASE_DATA, REPO, mkdocs_yml

ASSETS = REPO / "site_builder" / "assets"
THIRD_PARTY = ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com", "cdnjs")

NAV = """nav:
  - Trang chủ: index.md
  - Văn bản: van-ban/
  - Phong trào: phong-trao/
  - Khen thưởng: khen-thuong/
  - Thông điệp: thong-diep/
  - Lấy ý kiến: lay-y-kien/
  - Tìm kiếm: tim-kiem/
"""
PROVINCE = {"logo": "assets/tinh-thu.svg", "primary_color": "#00574b", "accent_color": "#6b4e00"}

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4"/></svg>'


@pytest.fixture
def province_site(make_site):
    site = make_site(BASE_DATA, {
        "mkdocs.yml": mkdocs_yml(plugin=PROVINCE, extra=NAV).replace("Thử nghiệm", "Thi đua tỉnh Thử"),
        "content/assets/tinh-thu.svg": LOGO,
    })
    site.run("build", check_exit=0)
    return site


def _html_files(site) -> list[Path]:
    return sorted((site.root / "site").rglob("*.html"))


def test_built_pages_ask_no_third_party_host_for_fonts_or_anything(province_site):
    pages = _html_files(province_site)
    assert len(pages) >= 5
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for host in THIRD_PARTY:
            assert host not in html, f"{path.relative_to(province_site.root)} mentions {host}"
        # Every stylesheet, script, image and font the page loads is a relative URL on the site.
        for url in re.findall(r'<(?:link|script|img|source)\b[^>]*?\b(?:href|src)="([^"]+)"', html):
            assert not re.match(r"^(https?:)?//", url), f"{path.name} loads {url}"


def test_material_and_core_pages_load_the_same_self_hosted_fonts(province_site):
    home = province_site.html("index.html")
    plan = province_site.html("van-ban/kh-tinh/index.html")
    assert 'href="assets/fonts.css"' in home
    # a core page's one stylesheet starts with the faces of fonts.css (Renderer.site_css: one
    # link a page, issue 24)
    assert 'href="../../assets/site.css"' in plan and "fonts.css" not in plan
    css = (province_site.root / "site/assets/fonts.css").read_text(encoding="utf-8")
    assert css in (province_site.root / "site/assets/site.css").read_text(encoding="utf-8")
    files = re.findall(r"url\(([^)]+)\)", css)
    # Six Noto Sans faces (Khmer for Khmer text; Latin and Vietnamese for the printed note and
    # the share images), plus the switcher's Khmer label, a subset by design
    # (scripts/make_label_font.py).
    label = "fonts/khmer-label-400-normal.woff2"
    assert len(files) == 7 and label in files
    for name in files:
        size = (province_site.root / "site/assets" / name).stat().st_size
        assert size < 3 * 1024 if name == label else size > 4000, name


@pytest.mark.parametrize("languages, preloaded", [(("vi", "en", "km"), True), (("vi", "en"), False)])
def test_pages_preload_the_khmer_label_font_only_where_the_switcher_shows_khmer(make_site, languages, preloaded):
    """A page whose switcher writes "ខ្មែរ" asks for the label font beside its stylesheets, not
    once the stylesheet declaring it has arrived (a round trip more before the load event on a slow network); a
    site without Khmer does not ask for it at all (issue 24: a line on every page, and a font
    request nothing uses)."""
    site = make_site(BASE_DATA, languages=languages)
    site.run("build", check_exit=0)
    preload = '<link rel="preload" href="{}assets/fonts/khmer-label-400-normal.woff2" as="font" type="font/woff2" crossorigin>'
    for prefix in ("", "en/"):
        home = site.html(prefix + "index.html")  # Material
        plan = site.html(prefix + "van-ban/kh-tinh/index.html")  # the core
        up = "../" * prefix.count("/")
        for page, root in ((home, up), (plan, "../../" + up)):
            assert (preload.format(root) in page) is preloaded, (prefix, root)
            assert ("khmer-label" in page) is preloaded, (prefix, root)
            if preloaded:  # before the stylesheet that declares it (Material: fonts.css; core: site.css)
                sheet = "fonts.css" if page is home else "site.css"
                assert page.index(preload.format(root)) < page.index(f'href="{root}assets/{sheet}"')


# A web font on screen only where it is needed: Khmer text and the switcher's Khmer label.
SCREEN_WEB_FONTS = {"Noto Sans Khmer", "Khmer Label"}


def _screen_stylesheets(site, page: str) -> list[Path]:
    """The stylesheets a page links for the screen (not media="print"), as files of the site."""
    html = site.html(page)
    folder = (site.root / "site" / page).parent
    sheets = []
    for tag in re.findall(r"<link\b[^>]*>", html):
        if 'rel="stylesheet"' in tag and 'media="print"' not in tag:
            sheets.append((folder / re.search(r'href="([^"]+)"', tag).group(1)).resolve())
    return sheets


def test_screen_text_is_in_the_system_font_and_no_page_names_another_web_font(province_site):
    """Latin and Vietnamese text on screen is drawn by the reader's system font (every phone
    and desktop system has one with Vietnamese: docs/theme.md "Fonts"), so no page waits for a
    font file on a slow network; the only web fonts a screen stylesheet names are Khmer ones."""
    for page in ("index.html", "van-ban/kh-tinh/index.html", "tim-kiem/index.html", "khen-thuong/index.html",
                 "nhung/tim-kiem/index.html"):
        declared, named = set(), set()
        for sheet in _screen_stylesheets(province_site, page):
            css = sheet.read_text(encoding="utf-8")
            declared |= set(re.findall(r'@font-face\s*{[^}]*font-family:\s*"([^"]+)"', css))
            # what the screen draws: not the print rules at the end of site.css (@page, @media print)
            screen = re.sub(r"@page[^{]*\{([^{}]|\{[^{}]*\})*\}", "", css.split("\n@media print {", 1)[0])
            rules = re.sub(r"@font-face\s*{[^}]*}", "", screen)
            for value in re.findall(r"(?:font|font-family|--md-text-font)\s*:\s*([^;}]+)", rules):
                named |= set(re.findall(r'"([^"]+)"', value))
        assert declared, page  # the faces of fonts.css reach the page (Material: fonts.css; core: site.css)
        web_fonts = named & declared
        assert web_fonts <= SCREEN_WEB_FONTS, f"{page} names the web fonts {web_fonts - SCREEN_WEB_FONTS}"
    site_css = (ASSETS / "site.css").read_text(encoding="utf-8")
    body = re.search(r"\bbody \{[^}]*font:\s*[^;]*?/[\d.]+\s+([^;]+);", site_css).group(1)
    assert body.startswith("-apple-system, BlinkMacSystemFont, \"Segoe UI\", Roboto"), body


def test_what_holds_the_load_event_is_asked_for_at_once(province_site):
    """Chrome holds back low-priority requests (an image, a print stylesheet) until a page's
    stylesheets have arrived: the logo, small and on every page, asks to go at once, and the
    print rules end site.css instead of being a print stylesheet of their own (one line less a
    page, issue 24), so neither costs a round trip of its own before the load event
    (docs/benchmarks.md)."""
    home = province_site.html("index.html")
    plan = province_site.html("van-ban/kh-tinh/index.html")
    assert 'media="print"' not in plan and "print.css" not in plan
    assert not (province_site.root / "site/assets/print.css").exists()
    assert re.search(r'<img src="../../assets/tinh-thu.svg"[^>]*fetchpriority="high"', plan)
    assert re.search(r'<img src="assets/tinh-thu.svg"[^>]*fetchpriority="high"', home)


def _faces(css: str) -> list[dict]:
    faces = []
    for block in re.findall(r"@font-face\s*{([^}]*)}", css):
        family = re.search(r'font-family:\s*"([^"]+)"', block).group(1)
        ranges = []
        for part in re.search(r"unicode-range:\s*([^;]+);", block).group(1).split(","):
            lo, _, hi = part.strip()[2:].partition("-")
            ranges.append((int(lo, 16), int(hi or lo, 16)))
        display = re.search(r"font-display:\s*(\w+)", block).group(1)
        faces.append({"family": family, "ranges": ranges, "display": display,
                      "file": re.search(r"url\(([^)]+)\)", block).group(1)})
    return faces


def _covers(face, text: str) -> bool:
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in face["ranges"])


def test_unicode_ranges_keep_vietnamese_and_khmer_downloads_apart():
    faces = _faces((ASSETS / "fonts.css").read_text(encoding="utf-8"))
    vietnamese = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc: Ư Ơ Đ ă ẫ ỹ – “”"
    khmer = "ព្រះរាជាណាចក្រកម្ពុជា"
    khmer_faces = [f for f in faces if f["family"] == "Noto Sans Khmer"]
    latin_faces = [f for f in faces if f["family"] == "Noto Sans"]
    assert {f["file"].rsplit("-", 2)[1] for f in khmer_faces} == {"400", "700"}
    assert not any(_covers(f, vietnamese) for f in khmer_faces), "a Vietnamese page would fetch Khmer"
    assert not any(_covers(f, khmer) for f in latin_faces), "a Khmer page would fetch Vietnamese faces for Khmer"
    assert all(_covers(f, khmer) for f in khmer_faces)
    # Every Vietnamese letter is drawn by a Noto Sans face, none falls back to a system font.
    for ch in set(vietnamese) - {" "}:
        assert any(_covers(f, ch) for f in latin_faces), ch
    assert {f["display"] for f in faces} == {"swap"}


def test_the_khmer_font_is_the_whole_khmer_block_with_its_licence():
    for weight in ("400", "700"):
        path = ASSETS / "fonts" / f"noto-sans-khmer-khmer-{weight}-normal.woff2"
        data = path.read_bytes()
        assert data[:4] == b"wOF2"
        # A font cut down to a page's characters is a few KB; the whole block with its
        # shaping tables (subscript consonants, vowel placement) is over 20 KB.
        assert len(data) > 20_000, f"{path.name} looks subset-stripped: {len(data)} bytes"
    for licence in ("OFL-noto-sans.txt", "OFL-noto-sans-khmer.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (ASSETS / "fonts" / licence).read_text(encoding="utf-8")


def test_province_colours_and_logo_reach_material_and_core_pages(province_site):
    home = province_site.html("index.html")
    plan = province_site.html("van-ban/kh-tinh/index.html")
    # Material's pages set them in their head, core pages in the site.css the build writes
    # (not a <style> line on each of 50,000 pages: issue 24)
    site_css = (province_site.root / "site/assets/site.css").read_text(encoding="utf-8")
    assert "<style>:root{--primary" not in plan and '<meta name="theme-color" content="#00574b">' in plan
    for css in (home, site_css):
        assert "--primary:#00574b" in css.replace(" ", "")
        assert "--accent:#6b4e00" in css.replace(" ", "")
    for html in (home, plan):
        assert "Thi đua tỉnh Thử" in html
    assert '<img src="assets/tinh-thu.svg"' in home
    assert '<img src="../../assets/tinh-thu.svg"' in plan


def test_material_header_has_our_search_form_and_the_site_navigation(province_site):
    home = province_site.html("index.html")
    header = home[home.index('<header class="top"'):home.index("</header>")]
    assert '<form class="search-form" role="search" action="tim-kiem/" method="get">' in header
    assert 'name="q"' in header
    assert 'for="__search"' not in home and "md-search" not in home, "a dead Material search button remains"
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', header[header.index("<nav"):])
    assert links == [("van-ban/", "Văn bản"), ("phong-trao/", "Phong trào"), ("khen-thuong/", "Khen thưởng"),
                     ("thong-diep/", "Thông điệp"), ("lay-y-kien/", "Lấy ý kiến"), ("tim-kiem/", "Tìm kiếm")]
    plan = province_site.html("van-ban/kh-tinh/index.html")
    core_nav = plan[plan.index('<nav class="wrap nav"'):plan.index("</nav>")]
    assert [t for _, t in links] == re.findall(r'<a href="[^"]+">([^<]+)</a>', core_nav)


def test_core_css_stays_small():
    site_css = (ASSETS / "site.css").read_bytes()
    fonts_css = (ASSETS / "fonts.css").read_bytes()
    assert len(gzip.compress(site_css, 9)) < 6 * 1024
    assert len(gzip.compress(fonts_css, 9)) < 1024


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_example_province_colours_keep_white_header_text_readable():
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    primary = re.search(r'primary_color:\s*"(#[0-9a-fA-F]{6})"', yml).group(1)
    assert _contrast(primary, "#ffffff") >= 4.5, primary


def test_the_print_serif_ships_with_its_licence_and_only_print_rules_name_it():
    # the print rules end site.css: @font-face and @page, then the rules in @media print
    site_css = (ASSETS / "site.css").read_text(encoding="utf-8")
    screen, css = site_css.split("\n@media print {\n", 1)
    css = screen[screen.index("@font-face { font-family: \"Source Serif 4\""):] + css
    for weight in ("400", "700"):
        name = f"source-serif-4-{weight}-normal.woff2"
        assert (ASSETS / "fonts" / name).read_bytes()[:4] == b"wOF2"
        assert f"url(fonts/{name})" in css
    assert "SIL Open Font License, Version 1.1" in (ASSETS / "fonts" / "OFL-source-serif-4.txt").read_text(
        encoding="utf-8")
    assert re.search(r'\.document \{[^}]*font: 13pt/1\.5 "Source Serif 4"', css)
    # no screen rule names it: a phone does not download it
    screen_rules = re.sub(r"@(font-face|page)[^{]*\{([^{}]|\{[^{}]*\})*\}", "", re.sub(r"(?s)/\*.*?\*/", "", screen))
    assert "Source Serif" not in screen_rules
    for sheet in ("fonts.css", "honor.css"):
        assert "Source Serif" not in (ASSETS / sheet).read_text(encoding="utf-8")
