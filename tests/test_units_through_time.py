"""Administrative units through time: successors, browsing by today's units, counts that agree,
open data with the recorded and today's unit, and a history that is checked (issue 21).

The codes and the second part of xã Đại Mạch below are invented for the tests (only the
succession Đại Mạch -> Thiên Lộc, in part, is from the domain notes)."""
from __future__ import annotations

import json
import re
import textwrap

from .conftest import BASE_DATA, open_data_recipients

# Hà Nội beside the base data's Tỉnh Mẫu: a district dissolved into its city, a commune split
# between two new communes (the second part and every code but Hà Nội's are invented).
UNITS = textwrap.dedent(BASE_DATA["content/data/units.yml"]) + textwrap.dedent("""
    ha-noi:
      name: Thành phố Hà Nội
      type: city
      code: "01"
    dong-anh:
      name: Huyện Đông Anh
      type: district
      parent: ha-noi
      until: 2025-06-30
      successors:
        - unit: ha-noi
    dai-mach:
      name: Xã Đại Mạch
      name_en: Đại Mạch commune
      type: commune
      code: "99001"
      parent: dong-anh
      until: 2025-06-30
      successors:
        - unit: thien-loc
          part: true
        - unit: xa-moi
          part: true
    thien-loc:
      name: Xã Thiên Lộc
      name_en: Thiên Lộc commune
      type: commune
      code: "99101"
      parent: ha-noi
      from: 2025-07-01
    xa-moi:
      name: Xã Mới
      type: commune
      code: "99102"
      parent: ha-noi
      from: 2025-07-01
""")
DECISION = {"content/decisions/qd-50-2021.md": """
    ---
    number: "50"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-10-01
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    awardees:
      - {name: Nguyễn Văn Mạch, position: Y tá, locality: dai-mach}
      - {kind: collective, name: Trạm Y tế xã Đại Mạch, locality: dai-mach}
      - {name: Lê Thị Đông, position: Bác sĩ, locality: dong-anh}
    ---
    Quyết định.
""", "content/decisions/qd-5-2026.md": """
    ---
    number: "5"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2026-03-02
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    awardees:
      - {name: Trần Văn Lộc, position: Trưởng thôn, locality: thien-loc}
    ---
    Quyết định.
"""}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def test_browsing_thien_loc_lists_the_dai_mach_recipients_with_a_note_that_the_commune_was_split(make_site):
    # (English lists of people: recipient_pages every-language)
    site = make_site(BASE_DATA, {"content/data/units.yml": UNITS}, DECISION, languages=("vi", "en"),
                     plugin={"recipient_pages": "every-language"})
    site.run("build", check_exit=0)
    today = text_of(site.html("khen-thuong/dia-phuong/thien-loc/index.html"))
    assert "Nguyễn Văn Mạch" in today and "Trạm Y tế xã Đại Mạch" in today and "Trần Văn Lộc" in today
    assert "(một phần xã Đại Mạch cũ)" in today and "Mã đơn vị hành chính: 99101" in today
    assert "Lê Thị Đông" not in today  # Đông Anh lies in Hà Nội as a whole, not in this commune
    assert "Đơn vị cũ nay thuộc Xã Thiên Lộc" in today and "Xã Đại Mạch (một phần)" in today
    # The other part lists them too: the decision does not say in which part they live.
    other = text_of(site.html("khen-thuong/dia-phuong/xa-moi/index.html"))
    assert "Nguyễn Văn Mạch" in other and "(một phần xã Đại Mạch cũ)" in other
    english = text_of(site.html("en/khen-thuong/dia-phuong/thien-loc/index.html"))
    assert "(part of the former Đại Mạch commune)" in english
    # The former commune's own page keeps the place as recorded and says where it lies now.
    former = text_of(site.html("khen-thuong/dia-phuong/dai-mach/index.html"))
    assert "Nguyễn Văn Mạch" in former and "Trần Văn Lộc" not in former
    assert "Nay thuộc: Xã Thiên Lộc (một phần), Xã Mới (một phần)" in former
    # Hà Nội counts each of them once, though two of its communes list them.
    city = text_of(site.html("khen-thuong/dia-phuong/ha-noi/index.html"))
    assert "4 khen thưởng" in city
    places = site.html("khen-thuong/dia-phuong/index.html")
    today_part, former_part = places.split("Đơn vị hành chính cũ", 1)
    assert "thien-loc/" in today_part and "dai-mach/" not in today_part and "dai-mach/" in former_part
    # Documents show the place as recorded.
    assert "Xã Đại Mạch" in site.html("khen-thuong/qd-50-2021/index.html")
    assert "Thiên Lộc" not in site.html("khen-thuong/qd-50-2021/index.html")


PROVINCE_UNITS = """
    tinh-mau:
      name: Tỉnh Mẫu
      type: province
    tinh-cu:
      name: Tỉnh Cũ
      type: province
      until: 2025-06-30
      now_part_of: tinh-mau
    huyen-dong:
      name: Huyện Đông
      type: district
      parent: tinh-mau
      until: 2025-06-30
      now_part_of: tinh-mau
    huyen-tay:
      name: Huyện Tây
      type: district
      parent: tinh-cu
      until: 2025-06-30
    xa-tay:
      name: Xã Tây
      type: commune
      parent: huyen-dong
"""
PROVINCE_DECISION = {"content/decisions/qd-60-2021.md": """
    ---
    number: "60"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-10-01
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    awardees:
      - {kind: collective, name: Sở Y tế tỉnh Mẫu, locality: tinh-mau}
      - {name: Hà Văn Một, locality: huyen-dong}
      - {name: Hà Văn Hai, locality: huyen-dong}
      - {name: Hà Thị Ba, locality: xa-tay}
      - {name: Hà Thị Bốn, locality: tinh-cu}
      - {name: Hà Văn Năm, locality: huyen-tay}
    ---
    Quyết định.
"""}


def test_every_place_counts_the_same_in_the_search_filter_as_on_its_page(make_site):
    """The filter counted only the awards named in a place itself ("Tỉnh Đắk Lắk" 80), its page
    every award that lies in it today (528); both now count the page's way."""
    site = make_site(BASE_DATA, {"content/data/units.yml": PROVINCE_UNITS}, PROVINCE_DECISION)
    site.run("build", check_exit=0)
    options = dict(re.findall(r'<option value="([a-z-]+)">[^<]*\((\d+)\)</option>',
                              site.html("tim-kiem/index.html").split('name="locality"', 1)[1].split("</select>")[0]))
    assert options["tinh-mau"] == "6"  # its own, two districts and a commune of its own, a merged province
    meta = json.loads(site.html("search/names/meta.json"))
    indexed = {value: count for value, _label, count in meta["facets"]["locality"]}
    assert set(options) == set(indexed)
    for unit, count in options.items():
        page = text_of(site.html(f"khen-thuong/dia-phuong/{unit}/index.html"))
        assert f"{count} khen thưởng" in page, unit
        assert indexed[unit] == int(count), unit


def rows_of(site) -> tuple[list[dict], list[dict]]:
    data, rows = open_data_recipients(site.root / "site")
    return data["items"], rows


def test_open_data_carries_the_recorded_unit_and_todays_with_their_codes(make_site):
    site = make_site(BASE_DATA, {"content/data/units.yml": UNITS}, DECISION)
    site.run("build", check_exit=0)
    items, rows = rows_of(site)
    item = next(i for i in items if i["name"] == "Nguyễn Văn Mạch")
    assert (item["locality"], item["locality_name"], item["locality_code"]) == ("dai-mach", "Xã Đại Mạch", "99001")
    assert item["today_locality"] == "thien-loc; xa-moi"
    assert item["today_locality_name"] == "Xã Thiên Lộc; Xã Mới"
    assert item["today_locality_code"] == "99101; 99102"
    assert item["today_locality_part"] is True
    assert (item["today_province"], item["today_province_name"], item["today_province_code"]) == (
        "ha-noi", "Thành phố Hà Nội", "01")
    row = next(r for r in rows if r["name"] == "Lê Thị Đông")
    assert (row["locality"], row["locality_code"], row["today_locality"], row["today_locality_part"]) == (
        "dong-anh", "", "ha-noi", "false")
    assert row["today_locality_code"] == row["today_province_code"] == "01"
    schema = json.loads(site.html("du-lieu/schema/recipients.schema.json"))
    fields = schema["properties"]  # one record (issue 24 item 3: the files are CSV)
    assert {"locality_code", "today_locality", "today_locality_code", "today_province_code"} <= set(fields)
    assert set(item) == set(fields) and list(rows[0]) == list(item)


BAD_UNITS = """
    tinh-mau:
      name: Tỉnh Mẫu
      type: province
      code: "1"
    huyen-dong:
      name: Huyện Đông
      type: district
      parent: tinh-mau
      until: 2025-06-30
      successors:
        - unit: tinh-mauu
    xa-a:
      name: Xã A
      type: commune
      successors:
        - unit: xa-b
    xa-b:
      name: Xã B
      type: commune
      from: 2025-08-01
    xa-c:
      name: Xã C
      type: commune
      until: 2025-06-30
      successors:
        - unit: xa-b
    xa-d:
      name: Xã D
      type: commune
      until: 2025-06-30
      successors:
        - {unit: xa-e, part: true}
    xa-e:
      name: Xã E
      type: commune
      until: 2025-06-30
      successors:
        - {unit: xa-d, part: true}
"""


def test_a_wrong_history_of_units_is_refused_with_the_file_line_and_field(make_site):
    site = make_site(BASE_DATA, {"content/data/units.yml": BAD_UNITS})
    out = site.run("check", "--lang", "en", check_exit=1).stdout
    where = "content/data/units.yml"
    assert f'{where}:4: \'code\': the administrative unit code "1" is not in its official form: it takes 2 digits' in out
    assert f"{where}:11: 'successors[0].unit': there is no administrative unit (data/units.yml) with the id " \
           '"tinh-mauu" in the site; did you mean `tinh-mau` (Tỉnh Mẫu)?' in out
    assert f"{where}:15: 'successors': a unit with successors must say its last day (until" in out
    assert f"{where}:26: 'successors[0].unit': \"Xã B\" (from 2025-08-01) does not exist on 2025-07-01, " \
           "the day after this unit ended" in out
    assert f"{where}:31: 'successors': the successors go round in a circle: Xã D (xa-d) → Xã E (xa-e) → Xã D (xa-d)" \
        in out
    vietnamese = site.run("check", check_exit=1).stdout
    assert f"{where}:26: 'successors[0].unit': \"Xã B\" (từ 01/8/2025) không tồn tại vào ngày 01/7/2025" in vietnamese


def test_a_decision_naming_a_place_that_did_not_exist_yet_is_warned_about(make_site):
    """Decisions name places as they were: a 2021 decision naming a commune made in 2025 is most
    likely today's unit written by mistake. A 2026 decision may name a former commune."""
    site = make_site(BASE_DATA, {"content/data/units.yml": UNITS}, DECISION, {
        "content/decisions/qd-50-2021.md": DECISION["content/decisions/qd-50-2021.md"].replace(
            "locality: dong-anh}", "locality: dong-anh}\n      - {name: Đỗ Văn Sớm, locality: thien-loc}"),
        "content/decisions/qd-5-2026.md": DECISION["content/decisions/qd-5-2026.md"].replace(
            "locality: thien-loc}", "locality: thien-loc}\n      - {name: Đỗ Văn Muộn, locality: dai-mach}")})
    out = site.run("check", "--lang", "en", check_exit=0).stdout
    assert "content/decisions/qd-50-2021.md:13: warning: 'locality': \"Xã Thiên Lộc\" only exists " \
           "from 2025-07-01, after the decision's date (2021-10-01)" in out
    assert "qd-5-2026.md:" not in out
