"""Every language complete (issue 23, items 5 and 6): structured data of the sidebars in the
reader's language or marked `lang="vi"`, the Sóc Trăng plan and its decisions in Khmer, the
campaign tree read both ways, documents without a number named by type, issuer and date.

The walk over the English pages builds the real example site (content/, theme/, mkdocs.yml of
the repository) once for the module and reads every page a visitor can open."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from site_builder import SiteConfig, load_site
from site_builder.i18n import Lang

from .conftest import BASE_DATA

# Vietnamese by its letters: the marked vowels no other Latin-script language of the site
# uses, and đ. Case-insensitive.
VIETNAMESE = re.compile(
    "[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Text a reader does not read as prose: scripts, styles, and the embed code offered for copying.
NOT_PROSE = {"script", "style", "textarea"}
# Proper names the example's prose names that no data file holds.
OTHER_NAMES = ("Nguyễn Phú Trọng", "Ca Lạc")
# The words a unit's name begins with: "Xã Đại Mạch" is also written "Đại Mạch".
UNIT_WORDS = re.compile(r"^(Xã|Phường|Thị trấn|Đặc khu|Thị xã|Thành phố|Huyện|Quận|Tỉnh|Ấp|Buôn|Thôn) ", re.I)


class VietnameseText(HTMLParser):
    """The text nodes with Vietnamese letters outside every element marked lang="vi"."""

    def __init__(self, names: list[str]):
        super().__init__(convert_charrefs=True)
        self.names = names
        self.open: list[tuple[str, str | None]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if any(tag in NOT_PROSE for tag, _ in self.open):
            return
        lang = next((code for _, code in reversed(self.open) if code), None)
        if lang == "vi" or not VIETNAMESE.search(data):
            return
        text = data
        for name in self.names:  # proper names stay as written, in any language
            text = text.replace(name, " ")
        # a document's number and symbol ("2475/QĐ-UBND", "91/2017/NĐ-CP") is an identifier
        text = " ".join(word for word in text.split() if "/" not in word)
        if VIETNAMESE.search(text):
            self.found.append(" ".join(data.split()))


def proper_names(root) -> list[str]:
    """The proper names of the example site: the portal's name, units, bodies, the people who
    signed, and the honor roll's people and units; the longest first."""
    site = load_site(SiteConfig(content_dir=root / "content"))
    site_name = re.search(r"(?m)^site_name: *(.+)$", (root / "mkdocs.yml").read_text(encoding="utf-8"))[1]
    names = {site_name.strip().strip("\"'"), *OTHER_NAMES}
    for unit in site.units.values():
        names |= {unit.name, UNIT_WORDS.sub("", unit.name)}
    for body in site.bodies.values():
        names |= {body.name, body.short or body.name}
    for doc in [*site.plans.values(), *site.decisions.values()]:
        names.add((doc.get("signer") or {}).get("name") or "")
        for awardee in getattr(doc, "awardees", []):
            names |= {awardee.name, awardee.unit or ""}
    names |= {name.upper() for name in names}  # a document's header writes them in capitals
    return sorted((n for n in names if n), key=len, reverse=True)


def test_english_pages_show_no_vietnamese_outside_names_and_marked_fragments(example):
    names = proper_names(example.root)
    left: dict[str, list[str]] = {}
    pages = sorted((example.root / "site" / "en").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        scan = VietnameseText(names)
        scan.feed(page.read_text(encoding="utf-8"))
        if scan.found:
            left[str(page.relative_to(example.root / "site"))] = sorted(set(scan.found))
    assert left == {}, "\n".join(f"{p}: {found[:3]}" for p, found in list(left.items())[:40])


# --- inline sites ------------------------------------------------------------------------

KH_TINH_EN = """
    ---
    title: Carrying out the special emulation campaign
    ---
    Carrying out the Prime Minister's decision.
"""
# A second plan without a number, of another body: the two must not read alike.
KH_HUYEN = """
    ---
    number: ""
    symbol: KH-UBND
    issuer: ubnd-huyen
    place: Đông
    date: 2021-11-02
    title: Triển khai ở huyện
    campaign: covid
    implements: [kh-tinh]
    phases:
      - {name: Cao điểm mùa khô, start: 2021-11-02}
    signer: {authority: TM., body: ỦY BAN NHÂN DÂN, title: PHÓ CHỦ TỊCH PHỤ TRÁCH, name: Đỗ Văn D}
    ---
    Thực hiện Kế hoạch số 85/KH-UBND.
"""


def aside(page: str) -> str:
    return re.search(r'(?s)<aside class="doc-summary".*?</aside>', page)[0]


def test_the_english_sidebar_names_phases_titles_and_bodies_in_english(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": KH_TINH_EN, "content/plans/kh-huyen.md": KH_HUYEN},
                     languages=("vi", "en"))
    site.run("build", check_exit=0)
    english = aside(site.html("en/van-ban/kh-tinh/index.html"))
    assert "<strong>Round 1</strong>" in english  # "Đợt 1": a term with a number
    assert '<span lang="vi">Trần Văn B</span>, Chairman' in english  # "CHỦ TỊCH"
    assert "<li>Department of Health</li>" in english  # the task's "Sở Y tế"
    assert '<span lang="vi">Gửi kế hoạch về Sở Nội vụ</span>' in english  # authored text: marked
    assert "Đợt" not in english and "chủ tịch" not in english.lower()
    # a word the catalogue does not know stays Vietnamese, marked for screen readers
    district = aside(site.html("en/van-ban/kh-huyen/index.html"))
    assert '<strong><span lang="vi">Cao điểm mùa khô</span></strong>' in district
    assert '<span lang="vi">phó chủ tịch phụ trách</span>' in district
    # the Vietnamese page shows them as written
    vietnamese = aside(site.html("van-ban/kh-tinh/index.html"))
    assert "<strong>Đợt 1</strong>" in vietnamese and "Trần Văn B, chủ tịch" in vietnamese
    assert "<li>Sở Y tế</li>" in vietnamese


def test_a_province_adds_its_own_terms_to_the_packages(tmp_path):
    (tmp_path / "en.yml").write_text("terms:\n  truong phong: Head of Division\n", encoding="utf-8")
    english = Lang("en", "vi", str(tmp_path))
    assert english.term("TRƯỞNG PHÒNG") == "Head of Division"
    assert english.term("Đợt 3") == "Round 3"  # the package's terms are still there
    assert english.term("Tổ chuyên trách") == '<span lang="vi">Tổ chuyên trách</span>'
    assert Lang("vi", "vi", str(tmp_path)).term("TRƯỞNG PHÒNG") == "TRƯỞNG PHÒNG"  # as written


def test_documents_without_a_number_are_named_by_type_issuer_and_date(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-huyen.md": KH_HUYEN}, languages=("vi", "en"))
    site.run("build", check_exit=0)
    children = re.search(r'(?s)<ul class="relations implemented-by">.*?</ul>', site.html("van-ban/kh-tinh/index.html"))[0]
    assert ">Kế hoạch của Ủy ban nhân dân xã Tây tháng 12/2021</a>" in children
    assert ">Kế hoạch của Ủy ban nhân dân huyện Đông ngày 02/11/2021</a>" in children
    listing = site.html("van-ban/index.html")
    assert ">Kế hoạch số 85/KH-UBND: " in listing and ">Quyết định số 1497/QĐ-TTg: " in listing
    assert ">Kế hoạch của Ủy ban nhân dân xã Tây tháng 12/2021: " in listing
    campaign = site.html("phong-trao/covid/index.html")
    assert ">Kế hoạch của Ủy ban nhân dân huyện Đông ngày 02/11/2021</a>" in campaign
    english = site.html("en/van-ban/kh-tinh/index.html")
    assert '>Plan of <span lang="vi">Ủy ban nhân dân huyện Đông</span>, 2 Nov 2021</a>' in english
    assert '>Plan of <span lang="vi">Ủy ban nhân dân xã Tây</span>, 12/2021</a>' in english


CAMPAIGN_TREE = {"content/data/campaigns.yml": """
    covid:
      name: Cả nước đoàn kết phòng, chống dịch COVID-19
      name_en: The whole country against COVID-19
      launched_by: qd-1
    tinh:
      name: Tỉnh Mẫu chung sức chống dịch
      parent: covid
    xa:
      name: Xã Tây chung sức chống dịch
      parent: tinh
    khac:
      name: Phong trào khác
"""}


def test_the_campaign_tree_reads_both_ways(make_site):
    site = make_site(BASE_DATA, CAMPAIGN_TREE, languages=("vi", "en"))
    site.run("build", check_exit=0)
    # a campaign's page: the campaigns it answers to, the national one first, and its own
    leaf = site.html("phong-trao/xa/index.html")
    parents = re.search(r'(?s)<nav class="campaign-parents".*?</nav>', leaf)[0]
    assert re.findall(r'href="([^"]+)"', parents) == ["../../phong-trao/", "../../phong-trao/covid/",
                                                       "../../phong-trao/tinh/"]
    assert '<li aria-current="page">Xã Tây chung sức chống dịch</li>' in parents
    middle = site.html("phong-trao/tinh/index.html")
    children = re.search(r'(?s)<ul class="campaign-children">.*?</ul>', middle)[0]
    assert 'href="../../phong-trao/xa/">Xã Tây chung sức chống dịch</a>' in children
    assert "campaign-parents" not in site.html("phong-trao/khac/index.html")  # a root has none
    # /phong-trao/: nested lists, so the tree needs no script
    index = site.html("phong-trao/index.html")
    tree = re.search(r"(?s)<ul class=\"doc-list tree campaign-tree\">(.*)</ul>\s*</main>", index)
    text = re.sub(r"\s+", "", re.sub(r"<a [^>]*>(.*?)</a>", r"\1", tree[1]))
    assert text == ("<li>Cảnướcđoànkếtphòng,chốngdịchCOVID-19<ul><li>TỉnhMẫuchungsứcchốngdịch"
                    "<ul><li>XãTâychungsứcchốngdịch</li></ul></li></ul></li><li>Phongtràokhác</li>")
    english = site.html("en/phong-trao/tinh/index.html")
    assert 'href="../../../en/phong-trao/covid/">The whole country against COVID-19</a>' in english


def test_translations_report_coverage_per_page_type(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": KH_TINH_EN}, languages=("vi", "en"))
    out = site.run("translations", "--lang", "en", check_exit=0).stdout
    assert ("Translations (en): 1/4 pages translated\n  by page type:\n"
            "    plans and documents: 1/3\n    hand-written pages: 0/1\n") in out
    vietnamese = site.run("translations", check_exit=0).stdout
    assert "  theo loại trang:\n    kế hoạch, văn bản: 1/3\n    trang viết tay: 0/1\n" in vietnamese
    import json
    report = json.loads(site.run("check", "--format", "json", check_exit=0).stdout)["translations"]
    assert report[0]["by_type"] == {"plan": {"translated": 1, "total": 3}, "page": {"translated": 0, "total": 1}}


# --- the example site in Khmer -----------------------------------------------------------

SOC_TRANG = ("van-ban/soc-trang-kh-2021", "khen-thuong/soc-trang-qd-khen-thuong-covid-2021",
             "khen-thuong/soc-trang-qd-dinh-chinh-2022", "khen-thuong/soc-trang-qd-thu-hoi-2022")


@pytest.mark.parametrize("path", SOC_TRANG)
def test_the_soc_trang_plan_and_its_decisions_have_khmer_pages(example, path):
    page = example.html(f"km/{path}/index.html")
    assert '<html lang="km"' in page
    article = re.search(r'(?s)<article class="document" lang="([^"]+)"', page)
    assert article[1] == "km"  # translated, not the Vietnamese fallback under a note
    assert "\u200b" in page  # Khmer words separated for line breaking
    assert "ឃ្លាំង" in page  # Sóc Trăng, by its Khmer name


def test_the_khmer_plan_page_shows_its_facts_in_khmer(example):
    summary = aside(example.html("km/van-ban/soc-trang-kh-2021/index.html"))
    assert "<strong>ដំណាក់កាលទី 1</strong>" in summary  # "Đợt 1"
    assert "ប្រធាន</dd>" in summary  # the signer's title, "CHỦ TỊCH"
    assert "<li>មន្ទីរសុខាភិបាល</li>" in summary  # the task's "Sở Y tế"
    assert "គណៈកម្មាធិការ\u200bប្រជាជន\u200bខេត្ត\u200bឃ្លាំង" in summary  # the issuer's name_km
