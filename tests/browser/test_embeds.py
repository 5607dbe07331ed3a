"""The cross-origin embed, end to end: Debian's nginx serves the built site with the
frame-ancestors snippet the build generated; portal pages on other loopback ports frame
its widgets and an embed page with the copy-paste code the site offers.

- A parent on an allowed origin gets iframes that take the height of their content and
  follow it when the content changes.
- A parent on an origin not on the list is refused by the browser (CSP frame-ancestors):
  nothing loads in its frames, and no message reaches it.
- Served without the header, the embed still refuses to talk to an unlisted parent (child.js).
"""
from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from ..conftest import REPO, missing_tool
from ..conftest import mkdocs_yml
from ..local_nginx import SITE_TYPES, LocalNginx, free_ports
from ..test_embeds import EMBED_CONTENT, long_decision

WIDGETS = ("tim-kiem", "khen-thuong-moi", "thong-diep-hien-hanh", "lay-y-kien")
PAGE = "van-ban/kh-tinh/"
LONG = "khen-thuong/qd-dai/"  # a decision whose roll has two pages (test_embeds.long_decision)


# The three origins of the test: the site, with the frame-ancestors header its build wrote, a
# portal whose address the configuration allows, and one it does not.
EMBED_TYPES = SITE_TYPES + "\n  charset utf-8;\n  default_type application/octet-stream;"
EMBED_SERVERS = """
  server {{
    listen 127.0.0.1:{site_port};
    root {site};
    include {site}/cau-hinh/nginx-frame-ancestors.conf;
  }}
  server {{ listen 127.0.0.1:{allowed_port}; root {allowed}; }}
  server {{ listen 127.0.0.1:{other_port}; root {other}; }}
"""


def portal_page(codes: list[str]) -> str:
    """A portal page: the embed codes pasted as given, and a log of every message it receives."""
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh</title>\n'
        "<script>window.__messages = []; addEventListener('message', function (e) {"
        " __messages.push({origin: e.origin, data: e.data}); });</script>\n"
        "</head><body><h1>Cổng thông tin điện tử tỉnh Mẫu</h1>\n" + "\n".join(codes) + "\n</body></html>\n"
    )


def generated_codes(site_dir: Path) -> list[str]:
    """The embed codes exactly as the built site offers them: the widget catalogue's code
    boxes and the page's oEmbed document."""
    catalogue = (site_dir / "nhung/index.html").read_text(encoding="utf-8")
    codes = [html.unescape(c) for c in re.findall(r'<textarea[^>]*class="embed-code-text"[^>]*>(.*?)</textarea>',
                                                   catalogue, re.S)]
    assert len(codes) == len(WIDGETS)
    codes.append(json.loads((site_dir / PAGE / "oembed.json").read_text(encoding="utf-8"))["html"])
    return codes


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    if shutil.which("nginx") is None:
        missing_tool("nginx", "apt-get install nginx", "the cross-origin embed test")
    root = tmp_path_factory.mktemp("embed")
    site_port, allowed_port, other_port = free_ports(3)
    site_url = f"http://127.0.0.1:{site_port}/"
    allowed, other = f"http://127.0.0.1:{allowed_port}", f"http://127.0.0.1:{other_port}"

    from ..conftest import BASE_DATA, SiteFixture
    site = SiteFixture(root / "project")
    site.write(BASE_DATA).write(EMBED_CONTENT).write(long_decision())
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en"), site_url=site_url, plugin={"frame_ancestors": [allowed]})})
    site.run("build", check_exit=0)
    site_dir = site.root / "site"
    codes = generated_codes(site_dir)
    for name, origin in (("allowed", allowed), ("other", other)):
        (root / name).mkdir()
        (root / name / "index.html").write_text(portal_page(codes), encoding="utf-8")
    server_tmp = Path(tempfile.mkdtemp(prefix="nginx-", dir=root))
    servers = EMBED_SERVERS.format(site_port=site_port, allowed_port=allowed_port, other_port=other_port,
                                   site=site_dir, allowed=root / "allowed", other=root / "other")
    nginx = LocalNginx(server_tmp, [site_port, allowed_port, other_port], EMBED_TYPES, servers)
    yield {"site": site_url, "allowed": allowed + "/", "other": other + "/", "site_dir": site_dir,
           "other_dir": root / "other"}
    nginx.stop()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def initial_heights(portal) -> list[int]:
    """Heights the pasted code starts with (parent.js changes the style attribute later)."""
    return [int(re.search(r"height:(\d+)px", c).group(1)) for c in generated_codes(portal["site_dir"])]


def embeds(page):
    return page.locator("iframe[data-sb-embed]")


def content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")


def wait_fitted(page, index: int) -> int:
    """Waits until iframe #index is as tall as its content; returns that height."""
    frame = embeds(page).nth(index).element_handle().content_frame()
    deadline = time.monotonic() + 10
    while True:
        want = content_height(frame)
        got = embeds(page).nth(index).evaluate("f => Math.round(f.getBoundingClientRect().height)")
        if abs(got - want) <= 1:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"iframe {index} is {got}px tall, its content {want}px")
        time.sleep(0.05)


def test_the_server_sends_the_generated_header(portal, desktop):
    response = desktop.request.get(portal["site"] + PAGE + "nhung.html")
    assert response.status == 200
    assert response.headers["content-security-policy"] == f"frame-ancestors 'self' {portal['allowed'].rstrip('/')}"


def test_allowed_portal_gets_iframes_that_fit_their_content(portal, desktop):
    desktop.goto(portal["allowed"])
    frames = embeds(desktop)
    assert frames.count() == len(WIDGETS) + 1
    initial = initial_heights(portal)
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()  # lazy frames load when near the viewport
        frame = frames.nth(i).element_handle().content_frame()
        frame.wait_for_selector("main.embed-main", state="attached")
        assert frame.evaluate("document.documentElement.dataset.embedState") == "allowed"
        height = wait_fitted(desktop, i)
        assert height != initial[i], f"iframe {i} kept its initial height {initial[i]}px"
    # What the portal received came from the site only, in the documented shape.
    messages = desktop.evaluate("__messages")
    assert messages and {m["origin"] for m in messages} == {portal["site"].rstrip("/")}
    assert all(m["data"]["type"] == "sb-embed:height" and m["data"]["height"] > 0 for m in messages)
    # The widgets show what they should, inside the frame.
    search = frames.nth(0).element_handle().content_frame()
    assert search.locator("form[role=search]").get_attribute("target") == "_top"
    latest = frames.nth(1).element_handle().content_frame()
    assert "Trạm Y tế xã Tây" in latest.inner_text("main")


def test_iframe_follows_a_content_change(portal, desktop):
    desktop.goto(portal["allowed"])
    index = len(WIDGETS)  # the plan's embed page
    frames = embeds(desktop)
    frames.nth(index).scroll_into_view_if_needed()
    frame = frames.nth(index).element_handle().content_frame()
    frame.wait_for_selector("main.embed-main", state="attached")
    before = wait_fitted(desktop, index)
    frame.evaluate("""() => { const d = document.createElement('div'); d.id = 'grown';
                              d.style.height = '700px'; document.querySelector('main').append(d); }""")
    grown = wait_fitted(desktop, index)
    assert grown >= before + 700 - 1
    frame.evaluate("document.getElementById('grown').remove()")
    assert abs(wait_fitted(desktop, index) - before) <= 1


def offered_code(site_dir: Path, path: str = "khen-thuong/qd-khen/tram-y-te-xa-tay.html") -> str:
    """The embed code the page at `path` offers; a recipient page's is its card in the
    decision's card file."""
    page = (site_dir / path).read_text(encoding="utf-8")
    return html.unescape(re.search(r'<textarea[^>]*class="embed-code-text"[^>]*>(.*?)</textarea>', page, re.S).group(1))


def test_recipient_card_shows_one_recipient_and_fits_its_frame(portal, desktop):
    code = offered_code(portal["site_dir"])
    assert "nhung-nguoi.html#tram-y-te-xa-tay" in code
    (portal["other_dir"].parent / "allowed" / "card.html").write_text(portal_page([code]), encoding="utf-8")
    desktop.goto(portal["allowed"] + "card.html")
    frame = embeds(desktop).nth(0).element_handle().content_frame()
    frame.wait_for_selector("main.embed-main", state="attached")
    # CSS alone (:target) shows the one card: its name, not the list of names.
    text = frame.inner_text("main")
    assert "Trạm Y tế xã Tây" in text and "Thành tích xuất sắc" in text
    assert frame.locator(".rcards-index").is_hidden()
    assert frame.locator("#tram-y-te-xa-tay").is_visible()
    card = wait_fitted(desktop, 0)
    assert card != 600, "the card frame kept its initial height"
    # Without the fragment the frame shows the list and follows its height; a name brings the card back.
    frame.evaluate("location.hash = ''")
    frame.wait_for_selector(".rcards-index", state="visible")
    listed = wait_fitted(desktop, 0)
    assert listed != card
    frame.click(".rcards-index a[href='#tram-y-te-xa-tay']")
    frame.wait_for_selector("#tram-y-te-xa-tay", state="visible")
    assert desktop.url == portal["allowed"] + "card.html"  # picking a card stays in the frame
    assert abs(wait_fitted(desktop, 0) - card) <= 1


def test_a_list_embed_opens_its_later_pages_on_the_site(portal, desktop):
    """Issue 24: an embed shows a list's first page (later pages have no embed variant, and
    their embed code is the first page's); its pager opens page 2 on the site, in the
    portal's top window."""
    assert not (portal["site_dir"] / LONG / "trang/2/nhung.html").exists()
    code = offered_code(portal["site_dir"], LONG + "trang/2/index.html")
    assert f'src="{portal["site"]}{LONG}nhung.html"' in code
    (portal["other_dir"].parent / "allowed" / "long.html").write_text(portal_page([code]), encoding="utf-8")
    desktop.goto(portal["allowed"] + "long.html")
    embeds(desktop).nth(0).scroll_into_view_if_needed()
    frame = embeds(desktop).nth(0).element_handle().content_frame()
    frame.wait_for_selector("main.embed-main", state="attached")
    with desktop.expect_navigation():
        frame.locator("nav.pager a[rel=next]").first.click()
    assert desktop.url == portal["site"] + LONG + "trang/2/"  # the portal's window, not the frame
    assert desktop.locator("header.top").count() == 1  # the site's own page, with its chrome
    assert "Lê Văn Người 101" in desktop.inner_text("main")


def test_unlisted_portal_is_refused(portal, desktop):
    refusals = []
    desktop.on("console", lambda m: refusals.append(m.text) if "frame-ancestors" in m.text else None)
    desktop.goto(portal["other"])
    frames = embeds(desktop)
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
    desktop.wait_for_load_state("load")
    desktop.wait_for_timeout(1500)  # time for any message that would come
    for i in range(frames.count()):
        frame = frames.nth(i).element_handle().content_frame()
        assert frame is not None
        assert frame.evaluate("!!document.querySelector('main.embed-main')") is False, f"iframe {i} loaded"
        assert frames.nth(i).evaluate("f => f.style.height") == f"{initial_heights(portal)[i]}px"
    assert desktop.evaluate("__messages") == []
    assert refusals, "Chromium did not report the frame-ancestors refusal"


def test_embed_refuses_an_unlisted_parent_even_without_the_header(portal, desktop, serve):
    """A server that forgot the header: the page loads in the frame, but child.js stays silent."""
    bare = serve(portal["site_dir"])  # Python's static server: no Content-Security-Policy
    codes = [c.replace(portal["site"], bare) for c in generated_codes(portal["site_dir"])]
    (portal["other_dir"] / "bare.html").write_text(portal_page(codes), encoding="utf-8")
    desktop.goto(portal["other"] + "bare.html")
    frames = embeds(desktop)
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
        frame = frames.nth(i).element_handle().content_frame()
        frame.wait_for_selector("main.embed-main", state="attached")
        frame.wait_for_function("document.documentElement.dataset.embedState === 'refused'")
    desktop.wait_for_timeout(1000)
    assert desktop.evaluate("__messages") == []


def test_widgets_and_embed_page_have_no_accessibility_violations(portal, page):
    from .conftest import axe_violations, describe

    cards = "khen-thuong/qd-khen/nhung-nguoi.html"
    for path in [f"nhung/{w}/" for w in WIDGETS] + [PAGE + "nhung.html", "nhung/", cards, cards + "#tram-y-te-xa-tay"]:
        page.goto(portal["site"] + path)
        violations = axe_violations(page)
        assert not violations, path + "\n" + describe(violations)
