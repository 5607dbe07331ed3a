"""Personal data in awardee fields and story frontmatter fails the build unless declared public."""
from __future__ import annotations

import pytest

from .conftest import BASE_DATA

# The decision's own fields; the tests add awardees below them or in a sheet beside it.
HEAD = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
"""

DECISION = HEAD.replace("{", "{{").replace("}", "}}") + """    awardees:
      - name: Nguyễn Văn Hùng
        position: Bác sĩ
        {field}: "{value}"
        public_fields: [{public}]
    ---
    Điều 1.
"""

LEAKS = [
    ("unit", "Trạm Y tế xã Tây, CCCD 079092001234", "ID-card number", "…34"),
    ("unit", "Trạm Y tế xã Tây (CMND 381234567)", "ID-card number", "…67"),
    ("achievement", "Liên hệ 0912 345 678 để biết thêm", "phone number", "…78"),
    ("achievement", "Điện thoại +84 912.345.678", "phone number", "…78"),
    ("unit", "Phòng khám, ĐT (0262) 3852 123", "phone number", "…23"),
    ("achievement", "Gửi hồ sơ tới hung.nguyen@gmail.com", "e-mail address", "h…@gmail.com"),
    ("achievement", "Sinh ngày 12/03/1985 tại Huế, trực chốt 60 ngày", "full date of birth", "…/…/19…"),
    ("unit", "Trạm Y tế, 05.03.1980", "full date of birth", "…/…/19…"),
]


@pytest.mark.parametrize("field,value,what,sample", LEAKS)
def test_personal_data_fails_the_build(make_site, field, value, what, sample):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(field=field, value=value, public="")})
    site.run("build", check_exit=1)
    proc = site.run("check", "--lang", "en", check_exit=1)
    line = next(line for line in proc.stdout.splitlines() if "personal data" in line)
    assert line.startswith(f"content/decisions/qd-12.md:12: '{field}'"), line
    assert what in line and sample in line and "public_fields" in line
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) >= 9:
        assert digits not in line.replace(" ", "").replace(".", "")  # never echo the full number


@pytest.mark.parametrize("field,value,what,sample", LEAKS[:3])
def test_public_fields_let_a_field_through(make_site, field, value, what, sample):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(field=field, value=value, public=field)})
    site.run("build", check_exit=0)
    assert value.split()[-1] in site.html("khen-thuong/qd-12/nguyen-van-hung.html")


@pytest.mark.parametrize("value", [
    "Ủng hộ 150.000.000 đồng và 2.500 suất quà cho 1.200 hộ",
    "Trực chốt từ ngày 10/9/2021 đến ngày 30/10/2021",
    "Dạy học sinh trực tuyến từ 5/9/2021, tiêm 250000 liều",
])
def test_everyday_numbers_and_event_dates_pass(make_site, value):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(field="achievement", value=value, public="")})
    site.run("build", check_exit=0)


def test_a_birth_date_column_in_a_sheet_is_caught_with_row_and_column(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": HEAD + "    ---\n    Điều 1.\n", "content/decisions/qd-12.csv": "ho_ten,chuc_vu,Ngày sinh\nNguyễn Văn Hùng,Bác sĩ,12/03/1985\n"})
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert any(line.startswith("content/decisions/qd-12.csv, row 2, column Ngày sinh:") and "date of birth" in line
               for line in proc.stdout.splitlines()), proc.stdout


def test_story_frontmatter_is_checked_too(make_site):
    decision = DECISION.format(field="unit", value="Trạm Y tế xã Tây", public="")
    story = """
        ---
        decision: qd-12
        recipient: nguyen-van-hung
        title: Người bác sĩ ở chốt kiểm dịch
        summary: Gọi anh Hùng qua số 0987654321
        ---
        Câu chuyện.
    """
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": decision, "content/stories/hung.md": story})
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "content/stories/hung.md:5: 'summary'" in proc.stdout and "phone number" in proc.stdout
    site.write({"content/stories/hung.md": story.replace("        ---\n        Câu", "        public_fields: [summary]\n        ---\n        Câu")})
    site.run("build", check_exit=0)


# ---- the quick first look (rules/privacy.py _MAY_HOLD_NUMBER) must never hide a leak -------

HIDDEN_IN_ODD_WRITING = [
    "Ngày 12 tháng 3 năm 1985",  # precomposed
    "NGÀY 12, THÁNG 03 - NĂM 1985",
    "ngay 1 thang 2 nam 1990",
    "Nga\u0300y 12 tha\u0301ng 3 na\u0306m 1985",  # decomposed tone marks
    "ngày 1\u200d2 tháng 3 năm 19\u200d85",  # format characters inside numbers
    "ngày 12 th\u02bcáng 3 năm 1985",  # an apostrophe that Python counts as a letter
    "ngày_12_tháng_3__năm_1985",
    "CCCD: 079'092'001'234",
    "so id 0\u00ad7\u00ad9 092 001 234",
    "0912-345-678", "(0262) 3852 123", "+84 912 345 678", "381234567", "05.03.1980", "1980-3-5",
]


@pytest.mark.parametrize("text", HIDDEN_IN_ODD_WRITING)
def test_quick_look_passes_every_text_the_detailed_patterns_flag(text):
    from site_builder.rules import privacy

    found = [privacy.scan_numbers(field, text) for field in ("unit", "ngay_sinh", "achievement")]
    assert found[1] is not None, text  # every one of these is personal data in a birth-date column
    assert [privacy.scan(field, text) for field in ("unit", "ngay_sinh", "achievement")] == found


def test_quick_look_agrees_with_the_detailed_patterns_on_random_texts():
    import random

    from site_builder.rules import privacy

    pieces = ["ngày", "Ngày", "tháng", "THÁNG", "năm", "sinh", "ngày 1", " tháng 1", "năm 19", "CCCD", "số", "định danh", "+84", "(0", ")",
              " ", " ", ", ", ".", "/", "-", "_", "'", "\u02bc", "\u200d", "\u0301", "a", "đ"] + list("0123456789") * 4
    rng = random.Random(20231)
    flagged = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(6, 40)))
        detailed = privacy.scan_numbers("unit", text)
        flagged += detailed is not None
        assert privacy.scan("unit", text) == detailed, text
    assert flagged > 1000  # the random texts do exercise the detailed patterns


def test_quick_look_passes_dates_in_words_however_they_are_typed():
    import random
    import unicodedata

    from site_builder.rules import privacy

    seps = [" ", ", ", "_", " - ", "\u200d ", " '", "  ", ":"]
    rng = random.Random(7)
    for _ in range(3000):
        words = [rng.choice(["ngày", "NGÀY", "Ngay"]), str(rng.randint(1, 28)), rng.choice(["tháng", "THÁNG", "thang"]),
                 str(rng.randint(1, 12)), rng.choice(["năm", "NĂM", "nam"]), str(rng.randint(1930, 2005))]
        text = "Sinh " + "".join(w + rng.choice(seps) for w in words)
        if rng.random() < 0.5:
            text = unicodedata.normalize("NFD", text)
        assert privacy.scan_numbers("achievement", text) is not None, text
        assert privacy.scan("achievement", text) is not None, text


# ---- grouped, dotted, spaced and full-width forms (issue 20, item 9) ----------------------

GROUPED_LEAKS = [
    ("unit", "Trạm Y tế xã Tây, 079-080-012-345", "ID-card number", "12 digits, …45"),
    ("unit", "Trạm Y tế xã Tây, 079.080.012.345", "ID-card number", "12 digits, …45"),
    ("achievement", "Số thẻ 0790 8001 2345 đã cấp", "ID-card number", "12 digits, …45"),
    ("achievement", "Số thẻ ０７９ ０８０ ０１２ ３４５", "ID-card number", "12 digits, …45"),
    ("achievement", "Giấy tờ 381-234-567", "ID-card number", "9 digits, …67"),
    ("achievement", "Gọi ０９１２．３４５．６７８", "phone number", "10 digits, …78"),
    ("achievement", "Gửi hồ sơ tới hung.nguyen @ soyte.gov.vn", "e-mail address", "h…@soyte.gov.vn"),
    ("achievement", "Gửi hồ sơ tới hung [at] soyte [dot] gov [dot] vn", "e-mail address", "h…@soyte.gov.vn"),
    ("achievement", "Gửi hồ sơ tới hung (a còng) soyte chấm vn", "e-mail address", "h…@soyte.vn"),
]


@pytest.mark.parametrize("field,value,what,sample", GROUPED_LEAKS)
def test_grouped_dotted_spaced_and_full_width_forms_fail_the_build(make_site, field, value, what, sample):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(field=field, value=value, public="")})
    proc = site.run("check", "--lang", "en", check_exit=1)
    lines = [line for line in proc.stdout.splitlines() if "personal data" in line]
    assert len(lines) == 1, proc.stdout
    assert lines[0].startswith(f"content/decisions/qd-12.md:12: '{field}'") and what in lines[0] and sample in lines[0]


def test_every_find_in_a_field_is_reported_with_row_and_column(make_site):
    """Not only the first: a cell with a phone number, an ID number and an e-mail address is
    three problems, each at the row and column."""
    sheet = ("ho_ten,chuc_vu,don_vi,thanh_tich\n"
             'Nguyễn Văn Hùng,Bác sĩ,Trạm Y tế,"Gọi 0912 345 678, CCCD 079-080-012-345, thư hung @ yte.vn"\n')
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": HEAD + "    ---\n    Điều 1.\n",
                                 "content/decisions/qd-12.csv": sheet})
    proc = site.run("check", "--lang", "en", check_exit=1)
    lines = [line for line in proc.stdout.splitlines() if "personal data" in line]
    assert len(lines) == 3, proc.stdout
    assert all(line.startswith("content/decisions/qd-12.csv, row 2, column thanh_tich:") for line in lines)
    assert ["phone number" in lines[0] or "phone number" in lines[1] or "phone number" in lines[2],
            any("ID-card number" in line for line in lines), any("h…@yte.vn" in line for line in lines)] == [True] * 3
    assert "345678" not in proc.stdout.replace(" ", "") and "012345" not in proc.stdout.replace("-", "")


@pytest.mark.parametrize("value", [
    "Quyết định số 1234/QĐ-UBND ngày 12/10/2021 và Kế hoạch số 85/KH-UBND năm 2021",
    "Ủng hộ 1.000.000 đồng, 150.000.000 đồng và 100.000.000.000 đồng cho Quỹ vắc-xin",
    "Tiêm 250 000 000 liều, đóng góp 84.500.000.000 cho giai đoạn 2021 - 2022 - 2023",
    "Trực chốt từ ngày 10/9/2021 đến ngày 30/10/2021, theo Kế hoạch 108/KH-UBND",
    "Gặp đoàn công tác at trạm y tế dot com",
])
def test_ordinary_numbers_in_prose_still_pass(make_site, value):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(field="achievement", value=value, public="")})
    site.run("build", check_exit=0)


# Property tests: random valid numbers, written every way people write them, are caught;
# ordinary numbers of decisions are not.
from hypothesis import given, settings, strategies as st  # noqa: E402

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
PREFIXES = ["", "Liên hệ ", "Trạm Y tế xã Tây, ", "số ", "(", "Anh Hùng: ", "Nguyễn Văn A - "]
SUFFIXES = ["", ".", ",", " để biết thêm", ")", "; ", " đồng chí Hùng"]


def _grouped(digits: str, sizes: list[int], separator: str) -> str:
    """`digits` cut in groups of the sizes, taken in turn (0 0 0 3: 12 digits in four)."""
    groups, at, turn = [], 0, 0
    while at < len(digits):
        size = sizes[turn % len(sizes)]
        groups.append(digits[at:at + size])
        at, turn = at + size, turn + 1
    return separator.join(groups)


@st.composite
def personal_numbers(draw):
    """(kind, a valid ID or phone number written some way, with text around it)."""
    kind = draw(st.sampled_from(["cccd", "cmnd", "phone", "phone84"]))
    rest = lambda n: "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=n, max_size=n)))  # noqa: E731
    if kind == "cccd":  # a province code 001-096, then 9 digits
        digits = f"{draw(st.integers(1, 96)):03d}" + rest(9)
    elif kind == "cmnd":
        digits = "0" + rest(8)
    else:
        digits = draw(st.sampled_from("35789")) + rest(8)
        digits = "0" + digits if kind == "phone" else digits
    separator = draw(st.sampled_from(["-", ".", " ", "", " - "]))
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=6))
    written = _grouped(digits, sizes, separator)
    if kind == "phone84":
        written = draw(st.sampled_from(["+84 ", "+84", "(+84) ", "+84."])) + written
    if draw(st.booleans()):
        written = written.translate(FULL_WIDTH)
    text = draw(st.sampled_from(PREFIXES)) + written + draw(st.sampled_from(SUFFIXES))
    return ("id_number" if kind in ("cccd", "cmnd") else "phone"), text


@settings(max_examples=400, deadline=None)
@given(personal_numbers())
def test_every_way_of_writing_an_id_or_phone_number_is_caught(case):
    from site_builder.rules import privacy

    kind, text = case
    found = privacy.scan_all("achievement", text)
    assert [k for k, _sample in found] == [kind], text
    assert privacy.scan("achievement", text) == found[0]


@st.composite
def ordinary_texts(draw):
    """Decision and plan numbers, years, event dates and amounts, as achievements say them."""
    amount = f"{draw(st.integers(1_000, 10**13)):,}".replace(",", ".")
    pieces = [
        f"Quyết định số {draw(st.integers(1, 9999))}/QĐ-{draw(st.sampled_from(['UBND', 'TTg', 'BYT']))}",
        f"Kế hoạch số {draw(st.integers(1, 999))}/KH-UBND",
        f"năm {draw(st.integers(1945, 2030))}",
        f"từ ngày {draw(st.integers(1, 28))}/{draw(st.integers(1, 12))}/{draw(st.integers(2000, 2025))}",
        f"ủng hộ {amount} {draw(st.sampled_from(['đồng', 'VNĐ', 'đ', 'triệu đồng']))}",
        f"{amount} {draw(st.sampled_from(['liều vắc-xin', 'suất quà', 'lượt người', '']))}",
        f"giai đoạn {draw(st.integers(2000, 2025))} - {draw(st.integers(2000, 2030))}",
    ]
    chosen = draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=4))
    return draw(st.sampled_from(["", "Đã có thành tích: "])) + ", ".join(chosen) + draw(st.sampled_from(["", "."]))


@settings(max_examples=400, deadline=None)
@given(ordinary_texts())
def test_ordinary_numbers_of_decisions_are_never_flagged(text):
    from site_builder.rules import privacy

    assert privacy.scan_all("achievement", text) == [], text


def test_every_address_in_a_field_is_found_plain_or_spelt_out():
    from site_builder.rules import privacy

    found = privacy.scan_all("achievement", "Thư gửi a.nguyen@yte.vn, b.tran @ yte.vn hoặc c.le [at] yte [dot] vn")
    assert found == [("email", "a…@yte.vn"), ("email", "b…@yte.vn"), ("email", "c…@yte.vn")]
