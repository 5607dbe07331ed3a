"""Languages in a real browser: the switcher leads to the same page in another language on every
page type, untranslated pages fall back with a note, lang/hreflang are right, Khmer renders with
the self-hosted font and breaks lines at the authors' zero-width spaces."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from ..conftest import REPO, SiteFixture
from .conftest import StaticServer, axe_violations, describe

LANGUAGES = "[vi, en, km]"
# The screenshot in the docs is refreshed only on request (SAVE_SCREENSHOTS=1), so that a
# test run never leaves the work tree changed.
SCREENSHOT = REPO / "docs" / "img" / "khmer-page.png"


@pytest.fixture(scope="module")
def trilingual_site():
    """The repository's example site built with languages [vi, en, km], served on loopback."""
    work = Path(tempfile.mkdtemp(prefix="trilingual-site-"))
    shutil.copytree(REPO / "content", work / "content")
    shutil.copytree(REPO / "theme", work / "theme")
    # The example site is fully translated into English; drop one translation so that the
    # English fallback can still be tested on real content.
    (work / "content" / "plans" / "dak-lak-kh-2021.en.md").unlink()
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    yml = re.sub(r"(?m)^(\s+languages:).*$", rf"\1 {LANGUAGES}", yml, count=1)
    (work / "mkdocs.yml").write_text(yml, encoding="utf-8")
    SiteFixture(work).run("build", check_exit=0)
    server = StaticServer(work / "site")
    yield server
    server.close()
    shutil.rmtree(work, ignore_errors=True)


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def hreflangs(page) -> dict:
    return page.evaluate("""Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')]
        .map(l => [l.hreflang, new URL(l.href).pathname]))""")


def switch_to(page, name: str) -> None:
    page.locator(".langs a.lang", has_text=name).first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("path", [
    "",  # home page, rendered by Material
    "van-ban/tra-vinh-kh-85-2021/",  # a plan
    "van-ban/",  # the documents list
    "phong-trao/covid-19-2021/",  # a campaign
])
def test_switcher_leads_to_the_same_page_in_each_language(page, trilingual_site, path):
    page.goto(trilingual_site.url + path)
    assert html_lang(page) == "vi"
    assert hreflangs(page) == {"vi": "/" + path, "en": "/en/" + path, "km": "/km/" + path}  # no x-default
    switch_to(page, "English")
    assert page.url == trilingual_site.url + "en/" + path
    assert html_lang(page) == "en"
    assert page.locator(".langs [aria-current]").inner_text() == "English"
    switch_to(page, "ខ្មែរ")
    assert page.url == trilingual_site.url + "km/" + path
    assert html_lang(page) == "km"
    switch_to(page, "Tiếng Việt")
    assert page.url == trilingual_site.url + path


def test_translated_pages_show_the_translation_without_a_note(page, trilingual_site):
    page.goto(trilingual_site.url + "en/")
    assert page.locator("h1").first.inner_text().startswith("Together, with one heart")
    assert page.locator(".fallback-note").count() == 0
    page.goto(trilingual_site.url + "en/van-ban/qd-1497-ttg-2021/")
    assert page.locator("article.document").get_attribute("lang") == "en"
    assert "Issuing the Plan" in page.locator("h1").inner_text()
    assert page.locator(".fallback-note").count() == 0


def test_untranslated_plan_falls_back_to_vietnamese_with_a_note(page, trilingual_site):
    page.goto(trilingual_site.url + "en/van-ban/dak-lak-kh-2021/")
    note = page.locator(".fallback-note")
    assert note.is_visible()
    assert note.inner_text() == "This page is not yet available in English; showing the Vietnamese original."
    assert html_lang(page) == "en"
    assert page.locator("article.document").get_attribute("lang") == "vi"
    # the interface around it is English
    assert page.locator("#summary-title").inner_text() == "Summary"
    page.goto(trilingual_site.url + "km/van-ban/dak-lak-kh-2021/")
    assert "ទំព័រនេះមិនទាន់មានជាភាសាខ្មែរ" in page.locator(".fallback-note").inner_text()


def test_untranslated_campaign_name_is_marked_vietnamese(page, trilingual_site):
    # Hà Nội's campaign has no name_km in content/data/campaigns.yml (the national one has)
    page.goto(trilingual_site.url + "km/phong-trao/ha-noi-covid-19-2021/")
    assert page.locator("h1 [lang=vi]").count() == 1


def test_khmer_renders_with_the_self_hosted_font_and_keeps_zero_width_spaces(browser, trilingual_site):
    context = browser.new_context(viewport={"width": 1000, "height": 1000})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(trilingual_site.url + "km/van-ban/tra-vinh-kh-85-2021/")
    page.evaluate("document.fonts.ready")
    page.wait_for_function("document.fonts.check('16px \"Noto Sans Khmer\"', 'ក')")
    assert page.evaluate("""[...document.fonts].some(f => f.family.replace(/"/g, '') === 'Noto Sans Khmer'
                             && f.status === 'loaded')""")
    assert any("noto-sans-khmer" in url for url in requests)
    assert all(url.startswith(trilingual_site.url) for url in requests), "a request left the site"
    body = page.locator(".doc-body p").nth(1)
    assert "\u200b" in body.evaluate("e => e.textContent")
    assert "Noto Sans Khmer" in body.evaluate("e => getComputedStyle(e).fontFamily")
    # Khmer glyphs have real widths (not the same box for every letter)
    widths = page.evaluate("""['ក', 'ា', 'ស៊ី'].map(t => {
        const s = document.createElement('span'); s.textContent = t; s.lang = 'km';
        document.querySelector('.doc-body').append(s); const w = s.getBoundingClientRect().width;
        s.remove(); return w; })""")
    assert len(set(round(w, 1) for w in widths)) == 3, widths
    shot = page.screenshot(full_page=False)
    assert len(shot) > 10_000  # a rendered page, not a blank one
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOT.write_bytes(shot)
    context.close()


def test_khmer_lines_break_inside_the_phone_screen(page, trilingual_site):
    page.goto(trilingual_site.url + "km/van-ban/tra-vinh-kh-85-2021/")
    page.evaluate("document.fonts.ready")
    paragraph = page.locator(".doc-body p").nth(1)
    line_height = float(paragraph.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert paragraph.bounding_box()["height"] > 3 * line_height  # the long paragraph wraps
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("path", ["km/van-ban/tra-vinh-kh-85-2021/", "en/", "km/"])
def test_axe_finds_no_violations_on_translated_pages(page, trilingual_site, path):
    page.goto(trilingual_site.url + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
