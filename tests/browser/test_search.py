"""Search in real Chromium: a reader types names the way people do (no diacritics, capitals,
wrong tone, apostrophes, Khmer and Ê Đê names, Khmer text), on the small site of
tests/test_search_site.py and on the example site. Checks the results, the filters, the
URL (shared links, the back button), the bytes transferred, axe, embeds and JavaScript off."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from ..conftest import BASE_DATA, REPO, SiteFixture, mkdocs_yml
from ..test_search_site import KHMER_SENTENCE, SEARCH_SITE
from .conftest import StaticServer, axe_violations, describe

FIRST_QUERY_BUDGET = 100 * 1024

# Records every search:results event (they do not bubble: listen in the capture phase).
RECORD_RESULTS = """
window.__sr = [];
document.addEventListener("search:results", (e) => {
  const input = document.getElementById("sb-q") || document.querySelector("[data-search-index] [name=q]");
  window.__sr.push({ index: e.target.dataset.searchIndex, q: input ? input.value : "", total: e.detail.total });
}, true);
"""


@pytest.fixture(scope="module")
def search_site():
    out = Path(tempfile.mkdtemp(prefix="search-site-"))
    site = SiteFixture(out)
    # A portal may embed it (frame_ancestors): pages then have their embed variants (nhung.html),
    # which test_search_inside_an_embed_opens_results_in_the_top_window opens.
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en", "km"),
                                         plugin={"frame_ancestors": ["https://congthongtin.tinh-mau.example.vn"]})})
    site.write(BASE_DATA)
    site.write(SEARCH_SITE)
    site.run("build", check_exit=0)
    server = StaticServer(out / "site")
    yield server
    server.close()
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def reader(browser):
    """A phone-sized page that records search results and every response."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(RECORD_RESULTS)
    page = context.new_page()
    page.responses = []
    page.on("response", lambda response: page.responses.append(response))
    yield page
    context.close()


def search(page, q: str, index: str = "names") -> list[str]:
    """Types a query into the search page's box and returns the names (or titles) shown."""
    page.evaluate("window.__sr = []")
    page.fill("#sb-q", q)
    page.wait_for_function("([q, index]) => window.__sr.some(r => r.q === q && r.index.includes(index))",
                           arg=[q, index], timeout=10_000)
    return shown(page, index)


def shown(page, index: str = "names") -> list[str]:
    root = ".sb-search" if index == "names" else "[data-search-index*='text-']"
    return page.locator(f"{root} [data-search-results] .sb-search-name").all_inner_texts()


def body_bytes(responses) -> int:
    total = 0
    for r in responses:
        try:
            total += len(r.body())
        except Exception:  # redirects and aborted requests have no body
            pass
    return total


def search_files(responses) -> list[str]:
    return [r.url for r in responses if "/search/" in urlparse(r.url).path]


# ---- finding people -------------------------------------------------------------------------

@pytest.mark.parametrize("q, first, also", [
    ("nguyen van hung", ["Nguyễn Văn Hùng", "Nguyễn Văn Hùng"], ["Nguyễn Kim Văn Hùng", "Nguyễn Văn Hưng"]),
    ("Nguyễn Văn Hùng", ["Nguyễn Văn Hùng", "Nguyễn Văn Hùng"], ["Nguyễn Văn Hưng"]),
    ("dang", ["Đặng Văn Đức"], []),
    ("duc", ["Đặng Văn Đức"], []),
    ("h'mai", ["H'Mai Niê"], []),
    ("hmai", ["H'Mai Niê"], []),
    ("H Mai", ["H'Mai Niê"], []),
    ("sa ry", ["Thạch Thị Sa Ry"], []),
    ("thach thi sa ry", ["Thạch Thị Sa Ry"], []),
    ("y ngong nie", ["Y Ngông Niê Kdăm"], []),
    ("danh giang", ["Danh Ngọc Giang"], []),
    ("le thi anh", ["Lê Thị Ánh"], []),
    ("le van anh", ["Lê Văn Anh"], []),
    ("ánh", ["Lê Thị Ánh"], ["Lê Văn Anh"]),
    ("anh", ["Lê Văn Anh"], ["Lê Thị Ánh"]),
])
def test_names_are_found_the_way_readers_type_them(reader, search_site, q, first, also):
    reader.goto(search_site.url + "tim-kiem/")
    names = search(reader, q)
    assert names[:len(first)] == first, names
    for name in also:
        assert name in names, (name, names)


def test_family_name_in_capitals_finds_every_bearer(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    names = search(reader, "NGUYEN")
    assert len(names) == 5 and all(n.startswith("Nguyễn ") for n in names), names
    assert "5 kết quả" in reader.locator(".sb-search [data-search-status]").inner_text()


def test_hung_finds_hung_and_hung_with_the_typed_spelling_first(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    plain = search(reader, "hung")
    for name in ("Nguyễn Văn Hùng", "Trần Thị Hưng", "Hoàng Minh Hừng", "Phạm Thị Hùng"):
        assert name in plain
    typed = search(reader, "hùng")
    last_words = [n.split()[-1] for n in typed]
    assert "Trần Thị Hưng" in typed  # a wrong tone still finds her
    assert last_words.index("Hưng") > max(i for i, w in enumerate(last_words) if w == "Hùng")
    hung = search(reader, "hưng")
    assert hung[0] in ("Trần Thị Hưng", "Nguyễn Văn Hưng") and "Nguyễn Văn Hùng" in hung


def test_revoked_award_is_not_found(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    assert search(reader, "pham van thu hoi") == []
    assert reader.locator(".sb-search [data-search-status]").inner_text() == "Không tìm thấy kết quả phù hợp."


def test_result_shows_award_unit_place_and_decision_and_opens_the_recipient_page(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    search(reader, "dang van duc")
    hit = reader.locator(".sb-search .sb-search-hit").first
    details = hit.locator(".sb-search-details").inner_text()
    assert "Bằng khen của Chủ tịch UBND tỉnh" in details and "Trung tâm Y tế huyện Đông" in details
    assert "Huyện Đông" in details
    assert hit.locator(".sb-search-decision").inner_text() == "Quyết định 30/QĐ-UBND ngày 20/11/2021"
    hit.locator(".sb-search-name").click()
    reader.wait_for_url("**/khen-thuong/qd-30-2021/dang-van-duc.html")
    assert "Đặng Văn Đức" in reader.locator("h1").inner_text()


# ---- documents ------------------------------------------------------------------------------

def test_khmer_text_in_a_plan_body_is_found_without_spaces(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    titles = search(reader, "សុខភាព", index="text-vi")
    assert titles == ["Kế hoạch số 7/KH-UBND: Tuyên truyền phòng dịch bằng tiếng Khmer"]
    reader.goto(search_site.url + "km/tim-kiem/")
    titles = search(reader, KHMER_SENTENCE, index="text-km")
    assert len(titles) == 1
    link = reader.locator("[data-search-index*='text-km'] .sb-search-name").first.get_attribute("href")
    assert link.endswith("/km/van-ban/kh-khmer/")


def test_document_search_finds_plans_decisions_and_messages_by_words(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    titles = search(reader, "vac xin", index="text-vi")
    assert titles and titles[0].startswith("Kế hoạch số 7/KH-UBND")
    kinds = reader.locator("[data-search-index*='text-'] .sb-search-details").all_inner_texts()
    assert kinds[0].startswith("Văn bản")


# ---- the URL: filters, shared links, the back button ----------------------------------------

def test_filters_narrow_results_and_live_in_the_url(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    assert len(search(reader, "nguyen van hung")) == 4
    reader.evaluate("window.__sr = []")
    reader.click(".sb-search-filters summary")  # on a phone the filters are folded away
    reader.select_option("#sb-year", "2022")
    reader.wait_for_function("() => window.__sr.some(r => r.index.includes('names'))")
    assert shown(reader) == ["Nguyễn Văn Hùng"]
    assert "Giấy khen" in reader.locator(".sb-search .sb-search-details").first.inner_text()
    params = parse_qs(urlparse(reader.url).query)
    assert params == {"q": ["nguyen van hung"], "year": ["2022"]}
    reader.select_option("#sb-year", "")
    reader.select_option("#sb-award", "bang-khen-tinh")
    reader.wait_for_function("() => new URLSearchParams(location.search).get('award') === 'bang-khen-tinh'")
    assert "year" not in parse_qs(urlparse(reader.url).query)


def test_shared_link_restores_query_filters_and_results(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/?q=nguyen+van+hung&year=2022")
    reader.wait_for_function("() => window.__sr.some(r => r.index.includes('names'))")
    assert reader.input_value("#sb-q") == "nguyen van hung"
    assert reader.input_value("#sb-year") == "2022"
    assert shown(reader) == ["Nguyễn Văn Hùng"]


def test_back_button_returns_to_the_results(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    before = search(reader, "sa ry")
    reader.locator(".sb-search .sb-search-name").first.click()
    reader.wait_for_url("**/khen-thuong/qd-30-2021/**")
    reader.go_back()
    reader.wait_for_function("() => document.querySelectorAll('.sb-search .sb-search-name').length > 0")
    assert "q=sa+ry" in reader.url
    assert reader.input_value("#sb-q") == "sa ry" and shown(reader) == before


def test_header_box_on_any_page_leads_to_the_results(reader, search_site):
    reader.goto(search_site.url + "van-ban/kh-tinh/")
    reader.fill("#q", "hmai")
    reader.press("#q", "Enter")
    reader.wait_for_url("**/tim-kiem/?q=hmai")
    reader.wait_for_function("() => window.__sr.some(r => r.index.includes('names'))")
    assert shown(reader)[0] == "H'Mai Niê"


# ---- bytes ----------------------------------------------------------------------------------

def test_nothing_search_related_is_downloaded_before_use(reader, search_site):
    for path in ("", "van-ban/kh-tinh/", "khen-thuong/qd-30-2021/", "tim-kiem/"):
        reader.goto(search_site.url + path)
        reader.wait_for_load_state("networkidle")
    assert search_files(reader.responses) == []


def test_a_query_in_the_address_is_fetched_before_the_stylesheets_arrive_each_file_once(reader, search_site):
    """After Enter in a header box (?q= in the address), the names index's files are asked for
    while the page's stylesheet is still on its way (held back here): a slow network does not
    wait for the page to be read first (docs/search.md). The form's own query then finds them:
    each file is fetched once."""
    held = []
    reader.route("**/assets/site.css", lambda route: held.append(route))
    with reader.expect_request(lambda r: "/search/names/t/" in r.url, timeout=10_000):
        reader.goto(search_site.url + "tim-kiem/?q=hmai", wait_until="commit")
    assert held, "the page's stylesheet was not asked for"
    for route in held:
        route.continue_()
    reader.wait_for_function("() => window.__sr.some(r => r.index.includes('names'))")
    reader.wait_for_load_state("networkidle")
    assert shown(reader)[0] == "H'Mai Niê"
    files = search_files(reader.responses)
    assert any("/search/names/r/" in f for f in files) and any("/search/text-vi/" in f for f in files), files
    assert len(files) == len(set(files)), files


@pytest.mark.parametrize("q", ["nguyen", "nguyen ", "vo van", "k", "Đặng Văn Đức", "H'Mai", "ថាច់ សារី"])
def test_a_query_in_the_address_asks_for_its_term_shards_before_the_scripts_arrive(reader, example_site, q):
    """After Enter in a header box (?q= in the address), the names' term shards are asked for
    as soon as their meta.json is in, while search.js and its data layer engine.js are still on
    their way (held back here): on a slow network the shards are not a round trip after the
    scripts (docs/search.md). They are the shards the query then reads, no more and no fewer
    (preload.js's copy of the folding stays in step with engine.js's), each fetched once.
    The example site's name index has three term shards: these queries read each of them,
    two at once for a prefix ("k"), pairs of Khmer letters, a finished word ("nguyen ")."""
    held, released = [], []
    reader.route(re.compile(r"/assets/search/(search|engine)\.js$"),
                 lambda route: route.continue_() if released else held.append(route))
    shard = re.compile(r"/search/names/t/\d+\.json$")
    with reader.expect_request(lambda r: bool(shard.search(r.url)), timeout=10_000):
        reader.goto(example_site.url + "tim-kiem/?" + urlencode({"q": q}), wait_until="commit")
    early = [u for u in reader.evaluate("[...window.__searchFiles.keys()]") if shard.search(u)]
    assert held, "no script was asked for"
    released.append(True)
    for route in held:
        route.continue_()
    reader.wait_for_function("() => window.__sr.some(r => r.index.includes('names'))")
    reader.wait_for_load_state("networkidle")
    shards = [f for f in search_files(reader.responses) if shard.search(f)]
    assert sorted(early) == sorted(set(shards)), (early, shards)
    assert len(shards) == len(set(shards)), shards


def test_first_query_on_a_cold_page_stays_within_the_budget(reader, search_site):
    reader.goto(search_site.url + "tim-kiem/")
    reader.wait_for_load_state("networkidle")
    page_bytes = body_bytes(reader.responses)
    reader.responses.clear()
    search(reader, "nguyen van hung")
    reader.wait_for_load_state("networkidle")
    used = body_bytes(reader.responses)
    files = search_files(reader.responses)
    assert any(f.endswith("assets/search/search.js") for f in files)
    assert any(f.endswith("search/names/meta.json") for f in files)
    assert 0 < used <= FIRST_QUERY_BUDGET, (used, files)
    assert page_bytes > 0


# ---- languages, embeds, accessibility, JavaScript off ---------------------------------------

def test_english_and_khmer_pages_link_results_in_their_language(reader, search_site):
    """Labels and the decision's link in the page's language; the recipient's own page is in
    the site's language only (recipient_pages), and its link says so."""
    reader.goto(search_site.url + "en/tim-kiem/")
    search(reader, "giang")
    name = reader.locator(".sb-search .sb-search-name").first
    assert name.get_attribute("href") == search_site.url + "khen-thuong/qd-30-2021/danh-ngoc-giang.html"
    assert name.get_attribute("hreflang") == "vi"
    decision = reader.locator(".sb-search .sb-search-decision").first.get_attribute("href")
    assert decision == search_site.url + "en/khen-thuong/qd-30-2021/"
    assert "Provincial Chairman" in reader.locator(".sb-search .sb-search-details").first.inner_text()
    reader.goto(name.get_attribute("href"))  # the page is there
    assert reader.locator("h1#r-name").inner_text() == "Danh Ngọc Giang"
    reader.goto(search_site.url + "km/tim-kiem/")
    search(reader, "trạm y tế")
    assert reader.locator(".sb-search .sb-search-details").first.inner_text().startswith("សមូហភាព")
    assert reader.locator(".sb-search [data-search-status]").inner_text() == "លទ្ធផល 1"


def test_search_inside_an_embed_opens_results_in_the_top_window(reader, search_site):
    reader.set_content(f'<iframe src="{search_site.url}tim-kiem/nhung.html?q=hung" width="380" height="600"></iframe>')
    frame = reader.frame_locator("iframe")
    first = frame.locator(".sb-search .sb-search-name").first
    first.wait_for()
    first.click()
    reader.wait_for_url("**/khen-thuong/qd-30-2021/**")
    assert "/nhung" not in reader.url


def test_search_widget_shows_results_in_the_frame_and_opens_them_on_top(reader, search_site):
    reader.set_content(f'<iframe src="{search_site.url}nhung/tim-kiem/" width="380" height="400"></iframe>')
    frame = reader.frame_locator("iframe")
    frame.locator("#widget-q").fill("y ngong")
    first = frame.locator(".sb-search-name").first
    first.wait_for()
    assert first.inner_text() == "Y Ngông Niê Kdăm" and first.get_attribute("target") == "_top"
    first.click()
    reader.wait_for_url("**/khen-thuong/qd-30-2021/y-ngong-nie-kdam.html")


@pytest.mark.parametrize("prefix", ["", "km/"])
def test_search_page_with_results_passes_axe(reader, search_site, prefix):
    reader.goto(search_site.url + prefix + "tim-kiem/?q=nguyen")
    reader.wait_for_function("() => window.__sr.some(r => r.index.includes('names'))")
    violations = axe_violations(reader)
    assert not violations, describe(violations)


def test_without_javascript_the_box_leads_to_the_browse_pages(browser, search_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(search_site.url + "van-ban/kh-tinh/")
        page.fill("#q", "nguyen van hung")
        page.press("#q", "Enter")
        page.wait_for_url("**/tim-kiem/?q=nguyen+van+hung")
        assert page.locator("noscript").count() == 1
        assert not page.locator(".sb-search-filters").is_visible()
        browse = page.locator(".sb-search-browse")
        assert browse.is_visible()
        browse.get_by_role("link", name="Giấy khen").click()
        page.wait_for_url("**/khen-thuong/hinh-thuc/giay-khen/")
        assert "Nguyễn Văn Hùng" in page.content()
    finally:
        context.close()


# ---- the example site -----------------------------------------------------------------------

def test_example_site_finds_a_khmer_name_and_never_a_revoked_award(reader, example_site):
    reader.goto(example_site.url + "tim-kiem/")
    assert search(reader, "thach thi sa ry")[0] == "Thạch Thị Sa Ry"
    # Trần Văn Anh's Bằng khen was revoked (content/decisions/soc-trang-qd-thu-hoi-2022.md)
    assert "Trần Văn Anh" not in search(reader, "tran van anh")
    assert search(reader, "hung")  # Lâm Văn Hùng and others, without diacritics


def test_example_site_finds_khmer_text_of_a_translated_plan(reader, example_site):
    url = example_site.url
    reader.goto(url + "km/tim-kiem/")
    titles = search(reader, "ប្រកួតប្រជែង", index="text-km")  # a word inside the Khmer translation
    assert titles, "the Khmer translation of the Trà Vinh plan"
    links = [a.get_attribute("href") for a in reader.locator("[data-search-index*='text-km'] .sb-search-name").all()]
    assert any(link.endswith("/km/van-ban/tra-vinh-kh-85-2021/") for link in links), links
    reader.goto(url + "tim-kiem/")
    assert search(reader, "phong chong dich", index="text-vi")
    assert search(reader, "thach thi sa ry")[0] == "Thạch Thị Sa Ry"
