"""The built example as a browser meets it (issue 23): no request of any page answers an
error or goes to another host, the home page loads no Material JavaScript, a real server
(nginx with the configuration the build writes) answers a missing address with the 404 page
of its language, shortened addresses land on a page, and a page opened from disk (file://)
says to serve the site."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import missing_tool
from .conftest import axe_violations, describe
from ..local_nginx import SITE_TYPES, LocalNginx, free_ports

# One page of every kind a reader reaches from the menus, a search, and shortened addresses.
PAGES = ("", "en/", "km/", "van-ban/", "van-ban/soc-trang-kh-2021/", "khen-thuong/", "en/khen-thuong/dia-phuong/",
         "khen-thuong/soc-trang-qd-khen-thuong-covid-2021/",
         "khen-thuong/soc-trang-qd-khen-thuong-covid-2021/ban-nhan-dan-ap-prey-chop-xa-lai-hoa.html",
         "phong-trao/", "thong-diep/", "lay-y-kien/", "tim-kiem/?q=Nguy%E1%BB%85n", "du-lieu/",
         "khen-thuong/hinh-thuc/", "en/khen-thuong/nam/", "khen-thuong/dia-phuong/dak-lak/trang/")


def site_dir(server) -> Path:
    return Path(server.httpd.RequestHandlerClass.keywords["directory"])


def test_no_request_of_any_page_fails_or_leaves_the_site(browser, example_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        for path in PAGES:
            page = context.new_page()
            responses, requests = [], []
            page.on("response", lambda r: responses.append((r.status, r.url)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(example_site.url + path, wait_until="networkidle")
            failed = [(s, u) for s, u in responses if s >= 400]
            assert failed == [], f"/{path}: {failed}"
            outside = [u for u in requests if not u.startswith(example_site.url) and not u.startswith("data:")]
            assert outside == [], f"/{path}: {outside}"
            # The home page loads no Material bundle; no page loads the from-disk notice when served.
            assert not [u for u in requests if "/javascripts/" in u or "from-disk" in u], f"/{path}: {requests}"
            page.close()
    finally:
        context.close()


def test_a_shortened_address_lands_on_the_list_it_names(page, example_site):
    page.goto(example_site.url + "khen-thuong/hinh-thuc/")
    page.wait_for_url(example_site.url + "khen-thuong/#by-award")
    assert page.locator("#by-award").is_visible()
    # (English has no later pages of a list by default, so no paging folder: recipient_pages)
    page.goto(example_site.url + "khen-thuong/dia-phuong/dak-lak/trang/")
    page.wait_for_url(example_site.url + "khen-thuong/dia-phuong/dak-lak/")


# The site with the 404 lines its build wrote for nginx.
NGINX_404_SERVER = """
  server {{
    listen 127.0.0.1:{port};
    root {site};
    include {site}/cau-hinh/nginx-404.conf;
  }}
"""


@pytest.fixture(scope="module")
def nginx_site(example_site, tmp_path_factory):
    if shutil.which("nginx") is None:
        missing_tool("nginx", "apt-get install nginx", "the 404 test")
    tmp = tmp_path_factory.mktemp("nginx-404")
    port = free_ports(1)[0]
    server = LocalNginx(tmp, [port], SITE_TYPES + "\n  charset utf-8;\n  default_type application/octet-stream;",
                        NGINX_404_SERVER.format(port=port, site=site_dir(example_site)))
    yield f"http://127.0.0.1:{port}/"
    server.stop()


@pytest.mark.parametrize("path,heading,home", [
    ("khong-co-trang-nay/", "Không tìm thấy trang", ""),
    ("en/khen-thuong/khong-co/x.html", "Page not found", "en/"),
    ("km/van-ban/khong-co/", "រកមិនឃើញទំព័រ", "km/"),
])
def test_a_missing_address_gets_the_404_page_of_its_language_and_leads_on(page, nginx_site, path, heading, home):
    requests = []
    page.on("response", lambda r: requests.append((r.status, r.url)))
    response = page.goto(nginx_site + path, wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").inner_text() == heading
    # Styled (its stylesheets answer from the root whatever the depth) and nothing else failed.
    assert [u for s, u in requests if s >= 400] == [nginx_site + path]
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") != "inline"
    violations = axe_violations(page)
    assert not violations, describe(violations)
    links = page.locator("main a")
    assert links.count() == 3
    links.nth(0).click()
    page.wait_for_url(nginx_site + home)
    page.go_back()
    page.locator("main a").nth(2).click()
    page.wait_for_url(nginx_site + home + "khen-thuong/")


def test_a_page_opened_from_disk_says_to_serve_the_site(page, example_site):
    folder = site_dir(example_site)
    for path, lang, words in (("index.html", "vi", "make serve"), ("en/van-ban/index.html", "en", "make serve"),
                              ("km/khen-thuong/index.html", "km", "make serve")):
        page.goto((folder / path).as_uri())
        note = page.locator("p.from-disk")
        note.wait_for()
        assert note.get_attribute("lang") == lang
        assert words in note.inner_text() and "file://" in note.inner_text()
        # First thing on the page, where a reader looks.
        assert page.evaluate("document.body.firstElementChild.className") == "from-disk"
