"""Languages: strings files, translations beside their source, fallbacks, lang/hreflang, Khmer,
translation coverage in `check` and `site-builder translations --stamp`."""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from site_builder.i18n import Lang

from .conftest import BASE_DATA

I18N = Path(__file__).resolve().parents[1] / "site_builder" / "i18n"
MATERIAL_LANGS = Path(__file__).resolve().parents[1] / "theme" / "partials" / "languages"
LANGS = ("vi", "en", "km")

KH_TINH_EN = """
    ---
    title: Carrying out the special emulation campaign
    summary: The province's plan for the campaign.
    ---
    Pursuant to Decision No. 1497/QĐ-TTg of the Prime Minister.
"""
KHMER_BODY = "ផែនការ\u200bអនុវត្ត\u200bចលនា\u200bប្រកួតប្រជែង"
KH_TINH_KM = f"""
    ---
    title: ការអនុវត្តចលនាប្រកួតប្រជែងពិសេស
    ---
    {KHMER_BODY}
"""


def test_every_strings_file_has_every_key_of_vietnamese():
    vi = yaml.safe_load((I18N / "vi.yml").read_text(encoding="utf-8"))
    for code in ("en", "km"):
        other = yaml.safe_load((I18N / f"{code}.yml").read_text(encoding="utf-8"))
        assert sorted(set(vi) - set(other)) == [], f"{code}.yml lacks keys"
        assert sorted(set(other) - set(vi)) == [], f"{code}.yml has keys vi.yml does not"


def test_khmer_material_strings_cover_every_material_key():
    import material

    en = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text(encoding="utf-8")
    km = (MATERIAL_LANGS / "km.html").read_text(encoding="utf-8")
    keys = lambda text: set(re.findall(r'^\s+"([^"]+)":', text, re.M))  # noqa: E731
    assert keys(en) - keys(km) == set()
    assert '"language": "km"' in km


def test_structured_data_is_rendered_in_each_language_without_a_translator():
    import datetime as dt

    vi, en, km = (Lang(code) for code in LANGS)
    assert [lang.doc_type("QĐ") for lang in (vi, en, km)] == ["Quyết định", "Decision", "សេចក្តីសម្រេច"]
    day = dt.date(2021, 9, 11)
    assert vi.date(day) == "11/09/2021"
    assert en.date(day) == "11 Sep 2021"
    assert km.date(day) == "11 កញ្ញា 2021"
    assert en.number(12345) == "12,345" and vi.number(12345) == "12.345"


def test_names_fall_back_to_vietnamese_marked_lang_vi():
    from site_builder.content.model import Unit

    unit = Unit(id="x", name="Huyện Đông", name_en="Dong District")
    en, km = Lang("en"), Lang("km")
    assert en.name_of(unit) == "Dong District" and en.name_lang(unit) == "en"
    assert km.name_of(unit) == "Huyện Đông" and km.name_lang(unit) == "vi"
    assert str(km.tag(km.name_of(unit), km.name_lang(unit))) == '<span lang="vi">Huyện Đông</span>'
    assert str(en.tag("A & B", "en")) == "A &amp; B"


def test_translated_plan_page_is_in_its_language_and_untranslated_falls_back(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": KH_TINH_EN}, languages=LANGS)
    site.run("build", check_exit=0)
    en = site.html("en/van-ban/kh-tinh/index.html")
    assert '<html lang="en">' in en
    assert '<article class="document" lang="en"' in en
    assert "Carrying out the special emulation campaign" in en
    assert "not yet available" not in en
    assert "<title>Plan 85/KH-UBND: Carrying out" in en
    # facts come from the Vietnamese source, structured data is in English
    assert "Certificate of Merit of the Provincial Chairman" in en
    assert '<span lang="vi">Ủy ban nhân dân tỉnh Mẫu</span>' in en
    # an untranslated plan: Vietnamese text, marked, under a note in the reader's language
    fallback = site.html("en/van-ban/kh-xa/index.html")
    assert '<html lang="en">' in fallback
    assert "This page is not yet available in English; showing the Vietnamese original." in fallback
    assert '<article class="document" lang="vi"' in fallback
    assert "Triển khai ở xã" in fallback
    km = site.html("km/van-ban/kh-xa/index.html")
    assert "ទំព័រនេះមិនទាន់មានជាភាសាខ្មែរ" in km
    # the Vietnamese page has no note and no lang="vi" detour
    vi = site.html("van-ban/kh-xa/index.html")
    assert "fallback-note" not in vi and '<html lang="vi">' in vi


def test_hreflang_alternates_and_switcher_lead_to_the_same_page(make_site):
    site = make_site(BASE_DATA, languages=LANGS)
    site.run("build", check_exit=0)
    page = site.html("en/van-ban/kh-tinh/index.html")
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    # one link per language, none repeated as x-default (issue 24: a copy of the vi link)
    assert links == [("vi", "../../../van-ban/kh-tinh/"), ("en", "../../../en/van-ban/kh-tinh/"),
                     ("km", "../../../km/van-ban/kh-tinh/")]
    assert "x-default" not in page
    assert '<a class="lang" href="../../../km/van-ban/kh-tinh/" hreflang="km" lang="km">ខ្មែរ</a>' in page


def test_hand_written_pages_get_their_language_hreflang_and_fallback(make_site):
    site = make_site(BASE_DATA, {"content/index.en.md": "# Home\n\nWelcome.\n"}, languages=LANGS)
    site.run("build", check_exit=0)
    en = site.html("en/index.html")
    assert '<html lang="en"' in en
    assert "Welcome." in en and "not yet available" not in en
    assert re.search(r'<link rel="alternate" href="\.\./" hreflang="vi">', en)
    assert re.search(r'<link rel="alternate" href="\.\./km/" hreflang="km">', en)
    assert "x-default" not in en  # as on core pages
    km = site.html("km/index.html")  # no index.km.md: the Vietnamese page, with a note
    assert '<html lang="km"' in km
    assert "ទំព័រនេះមិនទាន់មានជាភាសាខ្មែរ" in km
    assert '<div class="fallback-content" lang="vi">' in km and "Chào mừng." in km
    vi = site.html("index.html")
    assert '<html lang="vi"' in vi and "fallback-note" not in vi


def test_khmer_zero_width_spaces_survive_markdown_sanitiser_and_templates(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.km.md": KH_TINH_KM}, languages=LANGS)
    site.run("build", check_exit=0)
    page = site.html("km/van-ban/kh-tinh/index.html")
    assert KHMER_BODY in page
    assert page.count("\u200b") >= 3
    assert '<article class="document" lang="km"' in page


def test_translation_with_a_fact_field_is_reported_with_its_line(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": """
        ---
        title: Carrying out
        date: 2021-09-22
        ---
        Text.
    """}, languages=LANGS)
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "content/plans/kh-tinh.en.md:3: 'date': a translation may only have these fields" in proc.stdout


def test_coverage_reports_missing_stale_and_unstamped_translations(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": KH_TINH_EN, "content/plans/qd-1.en.md": KH_TINH_EN},
                                languages=LANGS)
    proc = site.run("translations", "--stamp", "content/plans/kh-tinh.en.md", check_exit=0)
    assert "source_hash:" in proc.stdout
    stamped = (site.root / "content/plans/kh-tinh.en.md").read_text(encoding="utf-8")
    assert re.search(r"^source_hash: [0-9a-f]{12}$", stamped, re.M)
    assert "title: Carrying out" in stamped  # the rest of the file is untouched

    report = json.loads(site.run("check", "--format", "json", check_exit=0).stdout)["translations"]
    en = next(r for r in report if r["lang"] == "en")
    assert en["current"] == ["content/plans/kh-tinh.en.md"]
    assert en["unstamped"] == ["content/plans/qd-1.en.md"]
    assert "content/plans/kh-xa.md" in en["missing"] and "content/index.md" in en["missing"]
    assert en["total"] == 4 and en["translated"] == 2

    # the Vietnamese source changes after translation: the stamped translation is stale
    source = site.root / "content/plans/kh-tinh.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Thực hiện", "Căn cứ"), encoding="utf-8")
    text = site.run("check", "--lang", "en", check_exit=0).stdout
    assert "Translations (en): 2/4 pages translated" in text
    assert "Vietnamese source changed since translated (1):\n    content/plans/kh-tinh.en.md" in text
    assert "no source_hash (cannot tell whether it is current) (1):\n    content/plans/qd-1.en.md" in text
    # re-stamping after updating the translation makes it current again
    site.run("translations", "--stamp", "content/plans/kh-tinh.en.md", check_exit=0)
    report = json.loads(site.run("check", "--format", "json", check_exit=0).stdout)["translations"]
    assert next(r for r in report if r["lang"] == "en")["stale"] == []


def test_reflowing_the_source_does_not_make_a_translation_stale():
    from site_builder.i18n.translations import source_hash

    meta = {"title": "Kế hoạch", "date": "2021-01-01"}
    assert source_hash("plan", meta, "Dòng một.\n\n\n\nDòng hai.  \n") == source_hash("plan", meta, "Dòng một.\n\nDòng hai.")
    assert source_hash("plan", meta, "A") != source_hash("plan", {**meta, "title": "Khác"}, "A")
    # facts are not part of the fingerprint: they are not translated
    assert source_hash("plan", meta, "A") == source_hash("plan", {**meta, "date": "2022-01-01"}, "A")


def _renamed(data: dict, old: str, new: str) -> dict:
    """BASE_DATA with the file `old` written under the name `new` instead."""
    return {(new if name == old else name): text for name, text in data.items()}


def test_a_source_named_with_the_site_s_language_is_the_source(make_site):
    """`kh-tinh.vi.md`, as the web editor's translations beside the Vietnamese name it
    (docs/web-editor.md): the same entry, id and address as `kh-tinh.md`, its translation
    attached and stamped against it."""
    data = _renamed(BASE_DATA, "content/plans/kh-tinh.md", "content/plans/kh-tinh.vi.md")
    site = make_site(data, {"content/plans/kh-tinh.en.md": KH_TINH_EN}, languages=LANGS)
    site.run("build", check_exit=0)
    assert "Triển khai phong trào thi đua đặc biệt" in site.html("van-ban/kh-tinh/index.html")
    assert "Carrying out the special emulation campaign" in site.html("en/van-ban/kh-tinh/index.html")
    proc = site.run("translations", "--stamp", "content/plans/kh-tinh.en.md", check_exit=0)
    assert "source_hash: " in proc.stdout


def test_two_sources_of_one_id_are_an_error_naming_both(make_site):
    copy = BASE_DATA["content/plans/kh-tinh.md"]
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.vi.md": copy}, languages=LANGS)
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert ('content/plans/kh-tinh.vi.md: content/plans/kh-tinh.md and this file are both the Vietnamese '
            'text of "kh-tinh"') in proc.stdout, proc.stdout
    proc = site.run("check", check_exit=1)
    assert ('content/plans/kh-tinh.vi.md: content/plans/kh-tinh.md và tệp này đều là bản tiếng Việt của '
            '"kh-tinh"') in proc.stdout, proc.stdout
    site.run("build", check_exit=1)


def test_an_empty_translation_file_is_no_translation_yet(make_site):
    """The web editor writes `<stem>.en.md` holding a bare line break for an entry whose
    English pane was left empty: the English page falls back to Vietnamese, no error."""
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": "\n"}, languages=("vi", "en"))
    site.run("build", check_exit=0)
    assert "This page is not yet available in English" in site.html("en/van-ban/kh-tinh/index.html")
    proc = site.run("translations", check_exit=0)
    assert "content/plans/kh-tinh.md" in proc.stdout  # counted as missing
