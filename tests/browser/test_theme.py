"""The theme in real Chromium: screen text in the system font, no font file on a Vietnamese
page, fonts come from the site itself, Khmer loads (and shapes) only where Khmer is written, Material and core pages pass axe and look like one site, and pages
read and navigate with JavaScript off."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import axe_violations, describe

PLAN = "van-ban/dai-mach-108-2021/"
KHMER_FILE = "noto-sans-khmer-khmer-"
LABEL_FILE = "khmer-label-400-normal.woff2"
KHMER_TEXT = "ព្រះរាជាណាចក្រកម្ពុជា ក្ក"

KHMER_PLAN = f"""
---
number: "12"
symbol: KH-UBND
issuer: ubnd-xa
place: Tây
date: 2021-10-01
title: Tuyên truyền song ngữ Việt - Khmer
campaign: covid
signer: {{authority: TM., body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Thạch Thị D}}
---
Tuyên truyền bằng tiếng Khmer tới đồng bào.

<p lang="km" id="khmer">{KHMER_TEXT}</p>
"""


def _record_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


def _font_requests(urls, part):
    return [u for u in urls if part in u]


@pytest.fixture(scope="module")
def khmer_site(tmp_path_factory):
    """A tiny site whose plan kh-km has a Khmer paragraph; other pages have none."""
    from ..conftest import BASE_DATA, SiteFixture, mkdocs_yml

    site = SiteFixture(tmp_path_factory.mktemp("khmer-site"))
    site.write({"mkdocs.yml": mkdocs_yml(), **BASE_DATA,
                "content/plans/kh-km.md": KHMER_PLAN})
    site.run("build", check_exit=0)
    return site.root / "site"


def test_no_request_leaves_the_site_and_fonts_are_served_locally(browser, example_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        for path in ("", PLAN):
            page = context.new_page()
            urls = _record_requests(page)
            page.goto(example_site.url + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            outside = [u for u in urls if not u.startswith(example_site.url)]
            assert not outside, f"/{path} asked {outside}"
            # Text in the system font: the only font file of a Vietnamese page is the switcher's
            # 1.5 KB Khmer label (docs/theme.md "Fonts").
            fonts = [u.rsplit("/", 1)[-1] for u in urls if u.endswith(".woff2")]
            assert fonts == [LABEL_FILE], f"/{path} fetched {fonts}"
            family = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert family.startswith('-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto'), family
            page.close()
    finally:
        context.close()


def test_khmer_font_is_fetched_only_where_khmer_is_written_and_renders_it(browser, serve, khmer_site):
    base = serve(khmer_site)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        for path in ("", "van-ban/kh-tinh/"):
            page = context.new_page()
            urls = _record_requests(page)
            page.goto(base + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            assert not _font_requests(urls, KHMER_FILE), f"/{path} has no Khmer but fetched the Khmer font"
            page.close()

        page = context.new_page()
        urls = _record_requests(page)
        page.goto(base + "van-ban/kh-km/")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert _font_requests(urls, KHMER_FILE), "the Khmer page did not fetch the Khmer font"
        khmer = page.locator("#khmer")
        assert khmer.inner_text().strip() == KHMER_TEXT
        state = page.evaluate("""() => {
            const el = document.getElementById('khmer');
            const family = getComputedStyle(el).fontFamily;
            const loaded = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Noto Sans Khmer'
                                                         && f.status === 'loaded').length;
            // Shaping: with the font's tables, KA + COENG + KA stacks the second KA under the
            // first, so the cluster is about as wide as one KA; a stripped font lays them side by side.
            const probe = document.createElement('span');
            probe.style.font = '32px "Noto Sans Khmer"';
            el.appendChild(probe);
            probe.textContent = '\\u1780'; const one = probe.getBoundingClientRect().width;
            probe.textContent = '\\u1780\\u17D2\\u1780'; const stacked = probe.getBoundingClientRect().width;
            probe.remove();
            return {family, loaded, check: document.fonts.check('16px "Noto Sans Khmer"', '\\u1780'), one, stacked};
        }""")
        assert state["family"].startswith('"Noto Sans Khmer"'), state
        assert state["loaded"] >= 1 and state["check"], state
        assert state["stacked"] < state["one"] * 1.3, f"Khmer subscript not stacked: {state}"
    finally:
        context.close()


def test_khmer_label_of_the_switcher_draws_with_its_tiny_font_on_vietnamese_pages(page, example_site):
    """The switcher's "ខ្មែរ" must not depend on a Khmer system font (boxes without one), nor
    pull the whole Khmer font: it has its own subset ("Khmer Label"), shaped like the full font,
    preloaded: asked for once."""
    urls = _record_requests(page)
    page.goto(example_site.url + PLAN)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert not _font_requests(urls, KHMER_FILE), "a Vietnamese page fetched the whole Khmer font"
    assert len(_font_requests(urls, LABEL_FILE)) == 1, urls
    state = page.evaluate("""() => {
        const label = document.querySelector('.langs [lang=km]');
        const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Khmer Label');
        // Draw the label with the label font alone and with a font that certainly lacks Khmer:
        // the label font must give real glyphs (not the fallback's) with the subscript MO
        // stacked under KHA, so the word is narrower than its five characters side by side.
        const probe = document.createElement('span');
        probe.style.cssText = 'position:absolute;white-space:nowrap;font-size:32px';
        document.body.appendChild(probe);
        const width = (text, family) => { probe.style.fontFamily = family; probe.textContent = text;
                                          return probe.getBoundingClientRect().width; };
        const word = label.textContent.trim();
        const result = {
            text: word, family: getComputedStyle(label).fontFamily,
            loaded: faces.filter(f => f.status === 'loaded').length,
            check: document.fonts.check('16px "Khmer Label"', word),
            word: width(word, '"Khmer Label"'),
            parts: [...word].reduce((sum, c) => sum + width(c + '\\u200c', '"Khmer Label"'), 0),
            kha: width('\\u1781', '"Khmer Label"'),
            khaCoengMo: width('\\u1781\\u17d2\\u1798', '"Khmer Label"'),
        };
        probe.remove();
        return result;
    }""")
    assert state["text"] == "ខ្មែរ", state
    assert state["family"].startswith('"Khmer Label"'), state
    assert state["loaded"] == 1 and state["check"], state
    # COENG + MO is a subscript: KHA with it is about as wide as KHA alone.
    assert state["khaCoengMo"] < state["kha"] * 1.3, f"subscript MO not stacked: {state}"
    assert state["word"] < state["parts"], f"the label was not shaped as one cluster: {state}"
    size = (Path(example_site.httpd.RequestHandlerClass.keywords["directory"]) / "assets/fonts" / LABEL_FILE).stat().st_size
    assert size < 3 * 1024, f"{LABEL_FILE} is {size} bytes"


def _core_page_types(site_dir: Path) -> list[str]:
    """One page of every kind the example site has: each section's index and its first item."""
    paths = [PLAN]

    def is_page(folder: Path) -> bool:
        # A folder that is no page of its own has an index that sends the reader on at once
        # (pages/folder_indexes.py): its target is checked, not the redirect.
        index = folder / "index.html"
        return index.exists() and 'http-equiv="refresh"' not in index.read_text(encoding="utf-8")

    for section in sorted(p for p in site_dir.iterdir() if p.is_dir() and is_page(p)):
        # Language copies repeat the same templates; nhung/ holds embed widgets, which are
        # fragments for other sites' pages and are checked by their own tests.
        if section.name in {"assets", "en", "km", "nhung"}:
            continue
        paths.append(section.name + "/")
        items = sorted(p for p in section.iterdir() if is_page(p))
        if items:
            paths.append(f"{section.name}/{items[0].name}/")
    return list(dict.fromkeys(paths))


def test_material_home_and_every_core_page_type_pass_axe(page, example_site):
    site_dir = Path(example_site.httpd.RequestHandlerClass.keywords["directory"])
    paths = [""] + _core_page_types(site_dir)
    assert "phong-trao/" in paths and "van-ban/" in paths
    failures = []
    for path in paths:
        page.goto(example_site.url + path)
        violations = axe_violations(page)
        if violations:
            failures.append(f"/{path}: " + describe(violations))
    assert not failures, "\n".join(failures)


def _chrome(page) -> dict:
    return page.evaluate("""() => {
        const top = document.querySelector('header.top'), foot = document.querySelector('footer.foot');
        const brand = top.querySelector('.brand'), logo = brand.querySelector('img');
        return {
          header: getComputedStyle(top).backgroundColor,
          headerText: getComputedStyle(brand).color,
          brand: brand.innerText.trim(), logo: logo && logo.src,
          fontSize: getComputedStyle(brand).fontSize,
          nav: [...top.querySelectorAll('nav > a')].map(a => [a.innerText.trim(), a.href]),
          languages: [...top.querySelectorAll('.langs [lang]')].map(l => l.innerText.trim()),
          footerText: foot.querySelector('p').innerText.trim(),
          search: top.querySelector('form[role=search]').action,
          footer: getComputedStyle(foot).backgroundColor,
        };
    }""")


def test_material_and_core_pages_look_like_one_site(page, example_site):
    page.goto(example_site.url)
    home = _chrome(page)
    page.goto(example_site.url + PLAN)
    plan = _chrome(page)
    assert home == plan
    assert home["header"] == "rgb(165, 14, 14)"  # primary_color of mkdocs.yml
    assert [n for n, _ in home["nav"]] == ["Văn bản", "Phong trào", "Khen thưởng", "Thông điệp", "Lấy ý kiến",
                                           "Tìm kiếm"]
    assert home["search"] == example_site.url + "tim-kiem/"


def test_search_box_in_the_material_header_submits_to_the_search_page(page, example_site):
    page.goto(example_site.url)
    page.fill("header.top input[name=q]", "Vương Ngọc Chi")
    with page.expect_navigation():
        page.press("header.top input[name=q]", "Enter")
    assert page.url.startswith(example_site.url + "tim-kiem/?q=")


def test_pages_read_and_navigate_with_javascript_off(browser, example_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(example_site.url)
        assert page.locator("h1").first.is_visible()
        assert "COVID-19" in page.locator("h1").first.inner_text()
        page.click("header.top nav >> text=Văn bản")
        assert page.url == example_site.url + "van-ban/"
        page.locator(f"a[href$='{PLAN.split('/')[1]}/']").first.click()
        assert page.url == example_site.url + PLAN
        assert page.locator(".doc-number").is_visible()
        assert page.locator(".sign-name").inner_text().strip() == "Vương Ngọc Chi"
        page.click("header.top nav >> text=Phong trào")
        assert page.url == example_site.url + "phong-trao/"
    finally:
        context.close()


def test_focus_is_visible_on_links(page, example_site):
    page.goto(example_site.url + PLAN)
    for _ in range(3):
        page.keyboard.press("Tab")
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert outline[1] == "solid" and outline[2] >= 2, outline


def test_print_lays_the_plan_out_as_an_official_document(page, example_site):
    page.goto(example_site.url + PLAN)
    page.emulate_media(media="print")
    box = {name: page.locator(sel).bounding_box() for name, sel in {
        "issuer": ".doc-issuer", "motto": ".doc-motto", "title": ".doc-title",
        "recipients": ".doc-recipients", "signature": ".doc-signature", "number": ".doc-number",
        "date": ".doc-date"}.items()}
    # Two header columns: issuer and number left, national motto and date right.
    assert box["issuer"]["x"] + box["issuer"]["width"] <= box["motto"]["x"] + 1
    assert abs(box["issuer"]["y"] - box["motto"]["y"]) < 2
    # Nơi nhận left, signature right, on the same band at the end.
    assert box["recipients"]["x"] + box["recipients"]["width"] <= box["signature"]["x"] + 1
    assert abs(box["recipients"]["y"] - box["signature"]["y"]) < 2
    styles = page.evaluate("""() => ({
        motto: getComputedStyle(document.querySelector('.national-motto')).borderBottomStyle,
        title: getComputedStyle(document.querySelector('.doc-title')).textAlign,
        body: getComputedStyle(document.querySelector('.doc-body')).fontSize,
        font: getComputedStyle(document.querySelector('.document')).fontFamily,
    })""")
    assert styles["motto"] == "solid"  # the motto is underlined over its whole length
    assert styles["title"] == "center"
    assert styles["body"] == "18.6667px"  # 14 pt
    # the site's own serif first, with every Vietnamese letter; Times New Roman after it
    assert styles["font"].startswith('"Source Serif 4", "Times New Roman"')
