"""The search page and its indexes in a built site: /tim-kiem/ in every language, the name
index over active recipients only, the document index per language (Khmer found without
spaces), nothing search-related on other pages, and cheap rebuilds of unchanged indexes.

SEARCH_SITE is also the site of the browser tests (tests/browser/test_search.py)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from site_builder.runtime.output import Output
from site_builder.search import NameIndexBuilder
from site_builder.pages.search_page import fingerprint, sync_index

from .conftest import BASE_DATA

NODE_QUERY = "site_builder/search/node_query.mjs"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node runs search.js")

# (name, position or kind, locality, award) of the 2021 decision; ~30 recipients whose names
# cover every way a reader types a name: tones, đ, Khmer and Ê Đê names, near-homonyms.
PEOPLE_2021 = [
    "Nguyễn Văn Hùng", "Trần Thị Hưng", "Đặng Văn Đức", "Danh Ngọc Giang", "Thạch Thị Sa Ry",
    "H'Mai Niê", "Y Ngông Niê Kdăm", "Lê Thị Ánh", "Lê Văn Anh", "Nguyễn Kim Văn Hùng",
    "Phạm Thị Hùng", "Nguyễn Văn Hưng", "Hoàng Minh Hừng", "Đỗ Thị Dung", "Dương Văn Dũng",
    "Nguyễn Thị Ngọc", "Bùi Văn Tài", "Võ Thị Thu Hà", "Huỳnh Văn Lộc", "Ngô Thị Mai",
    "Trịnh Công Sơn", "Lâm Thị Sa Phon", "Kim Sóc Kha", "H'Bia Êban", "Y Moan Byă",
    "Trương Văn Đạt", "Đinh Thị Điệp",
]
COLLECTIVES_2021 = ["Trạm Y tế xã Tây", "Tổ COVID cộng đồng thôn 3 xã Tây"]
PEOPLE_2022 = ["Nguyễn Văn Hùng", "Phan Thị Hằng", "Mai Văn Khải"]  # a second Hùng, another year


def _awardees(names, kind="individual", locality="huyen-dong"):
    lines = []
    for name in names:
        lines.append(f"  - kind: {kind}\n    name: \"{name}\"\n    locality: {locality}")
        if kind == "individual":
            lines.append("    unit: Trung tâm Y tế huyện Đông")
    return "\n".join(lines)


DECISION_2021 = f"""---
number: "30"
symbol: QĐ-UBND
issuer: ubnd-tinh
place: Mẫu
date: 2021-11-20
title: Về việc tặng Bằng khen trong phòng, chống dịch COVID-19
plan: kh-tinh
award: bang-khen-tinh
signer: {{authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}}
awardees:
{_awardees(COLLECTIVES_2021, "collective")}
{_awardees(PEOPLE_2021)}
  - name: Phạm Văn Thu Hồi
    locality: tinh-mau
    unit: Bệnh viện tỉnh
---
**Điều 1.** Tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có tên sau.
"""

DECISION_2022 = f"""---
number: "12"
symbol: QĐ-UBND
issuer: ubnd-huyen
place: Đông
date: 2022-03-02
title: Về việc tặng Giấy khen năm 2022
award: giay-khen
signer: {{title: CHỦ TỊCH, name: Lê Văn E}}
awardees:
{_awardees(PEOPLE_2022, locality="tinh-mau")}
---
**Điều 1.** Tặng Giấy khen.
"""

REVOCATION = """---
number: "5"
symbol: QĐ-UBND
issuer: ubnd-tinh
place: Mẫu
date: 2023-01-10
title: Về việc thu hồi Bằng khen
signer: {authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}
revokes:
  - {decision: qd-30-2021, recipient: pham-van-thu-hoi, reason: Kê khai thành tích không đúng.}
---
**Điều 1.** Thu hồi Bằng khen.
"""

KHMER_SENTENCE = "ការពារសុខភាពរបស់ប្រជាជន"  # written without spaces, as Khmer is
KHMER_PLAN = """---
number: "7"
symbol: KH-UBND
issuer: ubnd-huyen
place: Đông
date: 2021-10-05
title: Tuyên truyền phòng dịch bằng tiếng Khmer
campaign: covid
signer: {authority: TM., body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Văn E}
---
Phát thanh khẩu hiệu song ngữ tại các phum, sóc:

> """ + KHMER_SENTENCE + """ និងសហគមន៍។

Tổ chức tuyên truyền lưu động về tiêm chủng vắc-xin.
"""

SEARCH_SITE = {
    "content/decisions/qd-30-2021.md": DECISION_2021,
    "content/decisions/qd-12-2022.md": DECISION_2022,
    "content/decisions/qd-5-2023.md": REVOCATION,
    "content/plans/kh-khmer.md": KHMER_PLAN,
}
ACTIVE = len(PEOPLE_2021) + len(COLLECTIVES_2021) + len(PEOPLE_2022)


def build_search_site(make_site, languages=("vi", "en", "km")):
    site = make_site(BASE_DATA, SEARCH_SITE, languages=languages)
    site.run("build", check_exit=0)
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build shared by the tests of this module (make_site is per test)."""
    from .conftest import SiteFixture, REPO, BASE_DATA, mkdocs_yml

    root = tmp_path_factory.mktemp("search-site")
    site = SiteFixture(root)
    site.write({"mkdocs.yml": mkdocs_yml(("vi", "en", "km"))})
    site.write(BASE_DATA)
    site.write(SEARCH_SITE)
    site.run("build", check_exit=0)
    return site


def query(site, index: str, q: str, filters=None) -> dict:
    out = subprocess.run(["node", NODE_QUERY, str(site.root / "site" / index), q, json.dumps(filters or {})],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def names(result) -> list[str]:
    return [r.get("name") or r.get("title") for r in result["results"]]


# ---- the page ------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_search_page_exists_in_every_language_with_a_box_filters_and_browse_links(built, prefix):
    html = built.html(prefix + "tim-kiem/index.html")
    root = "../" * (1 + prefix.count("/"))
    assert f'data-search-index="{root}search/names/"' in html
    assert f'data-search-index="{root}search/text-{prefix[:-1] or "vi"}/"' in html
    assert f'data-search-root="{root}{prefix}"' in html  # result links stay in the reader's language
    assert '<form id="sb-search-form"' in html and 'name="q"' in html
    for name in ("award", "locality", "year", "campaign"):
        assert f'<select id="sb-{name}" name="{name}">' in html
    # filter choices are in the HTML, with counts of active recipients only
    assert '<option value="2021">2021 (29)</option>' in html
    assert '<option value="2022">2022 (3)</option>' in html
    assert '<option value="covid">' in html
    # with JavaScript off: the filters are hidden and the browse pages are linked
    assert re.search(r'<details class="sb-search-filters" data-search-js hidden>', html)
    for href in ("khen-thuong/hinh-thuc/bang-khen-tinh/", "khen-thuong/hinh-thuc/giay-khen/",
                 "khen-thuong/dia-phuong/", "khen-thuong/nam/2021/", "khen-thuong/nam/2022/", "van-ban/"):
        assert f'href="{root}{prefix}{href}"' in html, href
    assert "<noscript>" in html


def test_filters_fold_into_a_details_with_a_place_for_the_active_ones(built):
    """On a phone the results come first: the filters are a <details>, closed in the HTML (the
    loader opens it on wide screens), and the active filters show as chips outside it. The
    box's hint is its description, and only the page's box shows on phones, not the header's."""
    html = built.html("tim-kiem/index.html")
    form = html.split('<form id="sb-search-form"', 1)[1].split("</form>", 1)[0]
    details = form.split('<details class="sb-search-filters" data-search-js hidden>', 1)[1].split("</details>", 1)[0]
    assert details.lstrip().startswith("<summary>Lọc danh sách khen thưởng<span data-search-filter-count></span></summary>")
    for name in ("award", "locality", "year", "campaign"):
        assert f'<select id="sb-{name}" name="{name}">' in details
    chips = form.split("</details>", 1)[1]
    assert '<div class="sb-search-chips" data-search-chips hidden>' in chips
    assert '<span id="sb-chips-h">Đang lọc:</span>' in chips and 'aria-labelledby="sb-chips-h" data-search-chip-list' in chips
    assert 'aria-describedby="sb-hint"' in form and '<p id="sb-hint" class="sb-search-hint">Tra cứu' in form
    assert "@media (max-width: 40rem)" in html and ".top .search-form { display: none; }" in html
    english = built.html("en/tim-kiem/index.html")
    assert "<summary>Filter the honor roll<span" in english and ">Active filters:</span>" in english
    strings = json.loads(re.search(r'data-search-strings="([^"]+)"', english).group(1).replace("&#34;", '"'))
    assert strings["remove"] == "Remove the filter {filter}"


def test_search_page_downloads_nothing_until_used(built):
    html = built.html("tim-kiem/index.html")
    # the loader is inline; search.js and search.css are only named in data attributes
    assert 'data-search-script="../assets/search/search.js"' in html
    assert not re.search(r'<script[^>]+src="[^"]*search', html)
    assert not re.search(r'<link[^>]+href="[^"]*search\.css', html)
    assert "import(new URL(first.getAttribute(\"data-search-script\")" in html


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_search_page_opened_with_a_query_asks_for_its_files_from_the_top_of_its_head(built, prefix):
    """After Enter in a header box the address carries ?q=: the first results' files are asked
    for at once, beside the page's stylesheets, not once the page has been read (docs/search.md,
    "On a slow network"). The script comes before every stylesheet (after one it would wait for
    it) and names the names index first; without a query it fetches nothing."""
    html = built.html(prefix + "tim-kiem/index.html")
    root = "../" * (1 + prefix.count("/"))
    head = html.split("</head>", 1)[0]
    tag = re.search(r"<script data-search-script=[^>]*>", head)
    assert tag, head[:400]
    assert head.index(tag.group(0)) < head.index('<link rel="stylesheet"')
    assert tag.group(0) == (f'<script data-search-script="{root}assets/search/search.js" '
                            f'data-search-css="{root}assets/search/search.css" '
                            f'data-search-indexes="{root}search/names/ {root}search/text-{prefix[:-1] or "vi"}/">')
    script = head[head.index(tag.group(0)):].split("</script>", 1)[0]
    assert "/[?&]q=./.test(location.search)" in script and "m.prefetch(" in script


def test_other_pages_only_carry_the_header_form(built):
    for path in ("van-ban/kh-tinh/index.html", "khen-thuong/qd-30-2021/index.html",
                 "khen-thuong/qd-30-2021/dang-van-duc.html"):
        html = built.html(path)
        # a recipient's page and a decision's have the compact header: a link to the search
        # page, not the form (issue 24; docs/honor-roll.md "What a recipient's page carries")
        if path.startswith("van-ban/"):
            assert 'action="' in html and 'tim-kiem/"' in html
        else:
            assert 'action="' not in html and '<a href="../../tim-kiem/">' in html
        assert "data-search-index" not in html and "search/search.js" not in html


def test_interface_strings_follow_the_language(built):
    km = built.html("km/tim-kiem/index.html")
    strings = json.loads(re.search(r'data-search-strings="([^"]+)"', km).group(1).replace("&#34;", '"'))
    assert strings["results"] == "លទ្ធផល {n}" and strings["collective"] == "សមូហភាព"
    en = built.html("en/tim-kiem/index.html")
    assert "Awarded collectives and individuals" in en


# ---- the name index -------------------------------------------------------------------------

def test_name_index_holds_active_recipients_with_filters_and_recipient_urls(built):
    meta = json.loads((built.root / "site/search/names/meta.json").read_text(encoding="utf-8"))
    assert meta["count"] == ACTIVE
    assert {row[0] for row in meta["facets"]["award"]} == {"bang-khen-tinh", "giay-khen"}
    award_label = dict((r[0], r[1]) for r in meta["facets"]["award"])["giay-khen"]
    assert award_label == {"vi": "Giấy khen", "en": "Certificate of Commendation"}
    assert {r[0] for r in meta["facets"]["year"]} == {"2021", "2022"}
    assert [r[0] for r in meta["facets"]["campaign"]] == ["covid"]
    assert "source" in meta


@needs_node
def test_revoked_award_is_never_found(built):
    assert query(built, "search/names", "thu hoi")["total"] == 0
    assert query(built, "search/names", "Phạm Văn")["total"] == 0  # only Phạm Văn Thu Hồi had it


@needs_node
def test_name_results_link_to_recipient_and_decision_pages(built):
    res = query(built, "search/names", "dang van duc")
    top = res["results"][0]
    assert top["name"] == "Đặng Văn Đức"
    assert top["url"] == "https://example.test/sub/path/khen-thuong/qd-30-2021/dang-van-duc.html"
    assert top["decision"]["url"] == "https://example.test/sub/path/khen-thuong/qd-30-2021/"
    assert top["decision"]["title"] == "Quyết định 30/QĐ-UBND ngày 20/11/2021"
    assert top["award"]["id"] == "bang-khen-tinh" and top["locality"]["label"] == "Huyện Đông"
    assert (built.root / "site/khen-thuong/qd-30-2021/dang-van-duc.html").exists()


@needs_node
def test_filters_narrow_the_names(built):
    both = query(built, "search/names", "nguyen van hung")
    assert names(both)[:2] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hùng"]
    only_2022 = query(built, "search/names", "nguyen van hung", {"year": "2022"})
    assert names(only_2022) == ["Nguyễn Văn Hùng"] and only_2022["results"][0]["award"]["id"] == "giay-khen"


# ---- the document index ---------------------------------------------------------------------

@needs_node
def test_documents_are_found_per_language_and_khmer_without_spaces(built):
    res = query(built, "search/text-vi", "សុខភាព")  # a word inside a run of Khmer text
    assert [r["url"].rsplit("/", 2)[-2] for r in res["results"]] == ["kh-khmer"]
    assert query(built, "search/text-vi", "tiem chung vac xin")["results"][0]["title"].startswith("Kế hoạch số 7/KH-UBND")
    en = query(built, "search/text-en", "tuyen truyen")  # untranslated: the Vietnamese text, as the page shows it
    assert en["results"] and en["results"][0]["kind"]["label"] == "Document"
    assert query(built, "search/text-km", KHMER_SENTENCE)["total"] == 1
    kinds = {r["kind"]["id"] for r in query(built, "search/text-vi", "thu hoi bang khen")["results"]}
    assert "decision" in kinds


# ---- rebuilds -------------------------------------------------------------------------------

def _records(n):
    return [{"name": f"Nguyễn Văn Hùng {i}", "url": f"khen-thuong/qd/r{i}/", "award": "a", "award_label": "A",
             "year": 2021} for i in range(n)]


def test_unchanged_index_is_not_rewritten_and_a_changed_one_drops_stale_files(tmp_path):
    out = Output(tmp_path)
    records = _records(300)
    first = sync_index(out, "search/names/", NameIndexBuilder(tmp_path / "x", rows_per_chunk=8),
                       records, fingerprint(records))
    assert first["written"] == first["files"] > 10
    meta = tmp_path / "search/names/meta.json"
    stamp = meta.stat().st_mtime_ns

    again = sync_index(out, "search/names/", NameIndexBuilder(tmp_path / "x", rows_per_chunk=8),
                       records, fingerprint(records))
    assert again["unchanged"] and again["written"] == 0 and meta.stat().st_mtime_ns == stamp

    fewer = records[:100]
    third = sync_index(out, "search/names/", NameIndexBuilder(tmp_path / "x", rows_per_chunk=8),
                       fewer, fingerprint(fewer))
    files = sorted(p.relative_to(tmp_path / "search/names").as_posix()
                   for p in (tmp_path / "search/names").rglob("*") if p.is_file())
    assert not third["unchanged"] and len(files) == third["files"]
    assert json.loads(meta.read_text(encoding="utf-8"))["count"] == 100


def test_site_rebuild_leaves_the_search_files_alone_and_picks_up_a_new_name(make_site):
    site = make_site(BASE_DATA, SEARCH_SITE)
    site.run("build", check_exit=0)
    index = site.root / "site/search/names"
    before = {p: p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file()}
    site.run("build", check_exit=0)
    assert {p: p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file()} == before
    site.write({"content/decisions/qd-12-2022.md": DECISION_2022.replace("Mai Văn Khải", "Mai Văn Khoa")})
    site.run("build", check_exit=0)
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert meta["count"] == ACTIVE
    terms = " ".join(p.read_text(encoding="utf-8") for p in (index / "t").iterdir())
    assert '"khoa"' in terms and '"khai"' not in terms


def test_a_missing_index_file_forces_a_rebuild(tmp_path):
    out = Output(tmp_path)
    records = _records(50)
    sync_index(out, "search/names/", NameIndexBuilder(tmp_path / "x"), records, fingerprint(records))
    (tmp_path / "search/names/r/0.json").unlink()
    again = sync_index(out, "search/names/", NameIndexBuilder(tmp_path / "x"), records, fingerprint(records))
    assert not again["unchanged"] and (tmp_path / "search/names/r/0.json").exists()
