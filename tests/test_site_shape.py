"""The shape of a built site as a visitor's browser and a web server meet it (issue 23): every
page has its favicon, every folder on the way to a page has an index page, one 404 page per
language that leads on, and no Material JavaScript.

The real example site is copied and built once for the module (as tests/test_example_2026.py
does), so the walks below meet every kind of folder it has: paging folders, the honor roll's
browse folders, xm/."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import BASE_DATA


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_every_page_links_its_favicon(example):
    out = example.root / "site"
    pages = html_files(out)
    assert len(pages) > 1000  # recipients, verification pages, embeds, redirects: all of them
    missing = [p.relative_to(out).as_posix() for p in pages if '<link rel="icon"' not in p.read_text("utf-8")]
    assert missing == []
    # The icon exists where every page says it is.
    for page in (out / "index.html", out / "van-ban" / "index.html", out / "km" / "khen-thuong" / "index.html"):
        href = re.search(r'<link rel="icon" href="([^"]+)"', page.read_text("utf-8"))[1]
        target = out / href.lstrip("/") if href.startswith("/") else page.parent / href
        assert target.resolve().is_file(), (page, href)


# href and src of the tags a reader's browser follows or loads (not the embed code's text,
# which a page shows escaped).
_LINK = re.compile(r'<(?:a|link|script|img|iframe|source|form)\b[^>]*?\b(?:href|src|action)="([^"]*)"')


def missing_targets(out: Path, site_url: str) -> dict[str, list[str]]:
    """{page: [links whose file the site does not have]} of every HTML file under `out`: a
    link from the site root, relative to the page, or an absolute one under `site_url`; a
    folder's file is its index.html. Fragments and queries are left out, and so are other
    hosts and schemes."""
    found: dict[str, list[str]] = {}
    exists: dict[Path, bool] = {}
    for page in html_files(out):
        for href in set(_LINK.findall(page.read_text("utf-8"))):
            target = href.split("#", 1)[0].split("?", 1)[0]
            if href.startswith(site_url):
                path = out / target[len(site_url):]
            elif not target or re.match(r"^[a-z]+:|^//", target):
                continue
            elif target.startswith("/"):
                path = out / target.lstrip("/")
            else:
                path = page.parent / target
            if target.endswith("/") or target in ("", ".", ".."):
                path = path / "index.html"
            path = Path(os.path.normpath(path))
            if path not in exists:
                exists[path] = path.is_file()
            if not exists[path]:
                found.setdefault(page.relative_to(out).as_posix(), []).append(href)
    return found


def test_no_link_of_any_page_points_to_a_missing_file(example):
    """Every page, embed, card file and redirect of the example site (three languages, long
    paged lists, embeds) links only files the build wrote: the decision's CSV download is its
    open-data file (issue 24), a later page's embed code the first page's nhung.html."""
    out = example.root / "site"
    site_url = "https://thidua.tinh-mau.example.vn/"
    assert f'href="{site_url}' in (out / "khen-thuong/index.html").read_text("utf-8")  # absolute links are checked too
    assert missing_targets(out, site_url) == {}


def test_every_folder_on_the_way_to_a_page_has_an_index_page(example):
    out = example.root / "site"
    gaps = set()
    for page in html_files(out):
        folder = page.parent
        while folder != out:
            if not (folder / "index.html").is_file():
                gaps.add(folder.relative_to(out).as_posix())
            folder = folder.parent
    assert sorted(gaps) == []


def test_a_browse_folder_leads_to_the_overview_section_that_lists_it(example):
    for prefix in ("", "en/"):
        page = example.html(f"{prefix}khen-thuong/hinh-thuc/index.html")
        assert 'name="robots" content="noindex"' in page
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page)[1]
        assert target == "../" * (2 + prefix.count("/")) + prefix + "khen-thuong/#by-award"
        assert f'<a href="{target}">' in page  # a link, for whoever's browser does not follow
        overview = example.html(f"{prefix}khen-thuong/index.html")
        assert 'id="by-award"' in overview
        year = example.html(f"{prefix}khen-thuong/nam/index.html")
        assert "khen-thuong/#by-year" in year
    # A paging folder leads to its list; xm/ to the home page (the folder above it).
    paged = example.html("khen-thuong/dia-phuong/dak-lak/trang/index.html")
    assert 'content="0; url=../../../../khen-thuong/dia-phuong/dak-lak/"' in paged
    assert 'content="0; url=../"' in example.html("xm/index.html")
    assert '<html lang="km">' in example.html("km/khen-thuong/nam/index.html")


def test_the_home_page_loads_no_material_javascript(example):
    home = example.html("index.html")
    assert "bundle" not in home and "__config" not in home
    assert not re.search(r'<script[^>]+src=', home)


@pytest.mark.parametrize("prefix,lang,text", [("", "vi", "Không tìm thấy trang"), ("en/", "en", "Page not found"),
                                               ("km/", "km", "រកមិនឃើញទំព័រ")])
def test_one_404_page_per_language_leads_home_to_search_and_to_the_honor_roll(example, prefix, lang, text):
    page = example.html(prefix + "404.html")
    assert f'<html lang="{lang}">' in page
    assert f"<h1>{text}</h1>" in page
    main = page[page.index('<main id="main"'):]
    # Links from the site's root: the server shows the page at any depth.
    for path in ("", "tim-kiem/", "khen-thuong/"):
        assert f'<a href="/{prefix}{path}">' in main, path
    assert 'href="/assets/site.css"' in page and 'name="robots" content="noindex"' in page
    assert "404.html" not in (example.root / "site" / "sitemap-core-1.xml").read_text("utf-8")


def test_the_404_page_of_a_site_under_a_sub_path_links_under_it(make_site):
    site = make_site(BASE_DATA, languages=("vi", "en"), site_url="https://example.gov.vn/thi-dua/")
    site.run("build", check_exit=0)
    page = site.html("en/404.html")
    assert '<a href="/thi-dua/en/tim-kiem/">' in page
    assert 'href="/thi-dua/assets/site.css"' in page


def test_the_server_configuration_answers_with_the_404_page_of_the_address_language(example):
    out = example.root / "site"
    apache = (out / ".htaccess").read_text("utf-8")
    assert "ErrorDocument 404 /404.html\n" in apache
    assert '<If "%{REQUEST_URI} =~ m#^/en/#">\n    ErrorDocument 404 /en/404.html\n</If>' in apache
    nginx = (out / "cau-hinh" / "nginx-404.conf").read_text("utf-8")
    assert "error_page 404 @site_not_found;" in nginx
    assert "if ($uri ~ ^/km/) { rewrite ^ /km/404.html break; }" in nginx


def og(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', page))


def test_recipient_and_award_pages_name_their_award_share_image_in_their_language(example):
    from PIL import Image

    out = example.root / "site"
    site_url = "https://thidua.tinh-mau.example.vn/"
    decision = "khen-thuong/soc-trang-qd-khen-thuong-covid-2021/"
    recipient = "ban-nhan-dan-ap-prey-chop-xa-lai-hoa.html"
    images = {}
    for prefix in ("", "en/", "km/"):
        # the recipient's page is in the site's language only (recipient_pages)
        for page in ((decision + recipient,) if not prefix else ()) + ("khen-thuong/hinh-thuc/bang-khen-chu-tich-tinh/",):
            html = example.html(prefix + page + ("index.html" if page.endswith("/") else ""))
            tags = og(html)
            assert tags["og:image"] == f"{site_url}{prefix}chia-se/bang-khen-chu-tich-tinh.png", page
            # (a recipient page's address is its canonical link only, without og:url: issue 24)
            assert f'<link rel="canonical" href="{site_url + prefix + page}">' in html
            assert tags["og:title"] and tags["og:description"]
        with Image.open(out / prefix / "chia-se" / "bang-khen-chu-tich-tinh.png") as image:
            assert image.format == "PNG" and image.size == (1200, 630)
        images[prefix] = (out / prefix / "chia-se" / "bang-khen-chu-tich-tinh.png").read_bytes()
    assert len(set(images.values())) == 3  # the label is drawn in each language
    # A few images, not one per recipient: one per award form with recipients, and the site's.
    assert len(list((out / "chia-se").glob("*.png"))) < 10


def test_a_full_build_takes_share_images_from_the_machine_cache_and_draws_a_changed_one(make_site, tmp_path):
    # BASE_DATA has no recipients: the cards are the site's, one a language.
    machine = {"SITE_BUILDER_CACHE_DIR": str(tmp_path / "machine-cache")}
    site = make_site(BASE_DATA, languages=("vi", "en"), folder="project")
    site.run("build", "--clean", check_exit=0, env=machine)
    cards = {p.relative_to(site.root / "site").as_posix(): p.read_bytes() for p in (site.root / "site").rglob("*.png")
             if "chia-se" in p.parts}
    kept = sorted((tmp_path / "machine-cache" / "share").glob("*.png"))
    assert len(cards) == 2 and {p.read_bytes() for p in kept} == set(cards.values())
    # Another full build draws nothing: it writes the kept cards (a kept file stands for its card).
    for path in kept:
        path.write_bytes(path.read_bytes() + b"kept")
    site.run("build", "--clean", check_exit=0, env=machine)
    assert all((site.root / "site" / name).read_bytes().endswith(b"kept") for name in cards)
    # A card whose text changed (the site's name) is drawn again, never taken from another's file.
    site.write({"mkdocs.yml": (site.root / "mkdocs.yml").read_text("utf-8").replace("Thử nghiệm", "Tỉnh Mẫu")})
    site.run("build", "--clean", check_exit=0, env=machine)
    index = (site.root / "site" / "chia-se" / "index.png").read_bytes()
    assert not index.endswith(b"kept") and index != cards["chia-se/index.png"]


def test_other_pages_name_the_site_share_image(example):
    site_url = "https://thidua.tinh-mau.example.vn/"
    for page, image in (("van-ban/index.html", "chia-se/index.png"), ("en/khen-thuong/index.html", "en/chia-se/index.png"),
                        ("index.html", "chia-se/index.png"), ("km/index.html", "km/chia-se/index.png")):
        tags = og(example.html(page))
        assert tags["og:image"] == site_url + image, page
        assert (example.root / "site" / image).is_file()
        assert tags["og:title"] and tags["og:url"].startswith(site_url)


def test_without_a_site_url_the_images_are_made_but_no_page_names_one(make_site):
    # Open Graph wants absolute addresses: without a site_url there is none to give.
    site = make_site(BASE_DATA, languages=("vi", "en"))
    site.run("build", check_exit=0)
    assert (site.root / "site" / "en" / "chia-se" / "index.png").is_file()
    assert "og:image" not in site.html("van-ban/index.html")
    assert "og:image" not in site.html("index.html")
