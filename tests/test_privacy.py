"""Personal data in awardee fields and story frontmatter fails the build unless declared public."""
from __future__ import annotations

import pytest

DECISION = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Tặng Bằng khen
    award: bang-khen-tinh
    signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
    awardees:
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
    site = make_site({"content/decisions/qd-12.md": DECISION.format(field=field, value=value, public="")})
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
    site = make_site({"content/decisions/qd-12.md": DECISION.format(field=field, value=value, public=field)})
    site.run("build", check_exit=0)
    assert value.split()[-1] in site.html("khen-thuong/qd-12/nguyen-van-hung/index.html")


@pytest.mark.parametrize("value", [
    "Ủng hộ 150.000.000 đồng và 2.500 suất quà cho 1.200 hộ",
    "Trực chốt từ ngày 10/9/2021 đến ngày 30/10/2021",
    "Dạy học sinh trực tuyến từ 5/9/2021, tiêm 250000 liều",
])
def test_everyday_numbers_and_event_dates_pass(make_site, value):
    site = make_site({"content/decisions/qd-12.md": DECISION.format(field="achievement", value=value, public="")})
    site.run("build", check_exit=0)


def test_a_birth_date_column_in_a_sheet_is_caught_with_row_and_column(make_site):
    site = make_site({"content/decisions/qd-12.md": """
        ---
        number: "12"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        date: 2021-11-20
        title: Tặng Bằng khen
        award: bang-khen-tinh
        signer: {title: CHỦ TỊCH, name: Trần Văn B}
        ---
        Điều 1.
    """, "content/decisions/qd-12.csv": "ho_ten,chuc_vu,Ngày sinh\nNguyễn Văn Hùng,Bác sĩ,12/03/1985\n"})
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
    site = make_site({"content/decisions/qd-12.md": decision, "content/stories/hung.md": story})
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "content/stories/hung.md:5: 'summary'" in proc.stdout and "phone number" in proc.stdout
    site.write({"content/stories/hung.md": story.replace("        ---\n        Câu", "        public_fields: [summary]\n        ---\n        Câu")})
    site.run("build", check_exit=0)
