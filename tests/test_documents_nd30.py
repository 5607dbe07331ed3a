"""Documents laid out exactly as Nghị định 30/2020/NĐ-CP writes them (issue 22, item 5): the
date line's leading zeros, the issuing body's full name with no inferred line above it, the
rule under the trích yếu, "Nơi nhận" with its ";" and its "Lưu" line, and the authority to
sign checked against the issuer."""
from __future__ import annotations

import re

import pytest

from .conftest import BASE_DATA

PLAN = """
---
number: "3"
symbol: KH-UBND
issuer: {issuer}
place: Mẫu
date: {date}
title: Tuyên truyền đầu năm
signer: {signer}
recipients: {recipients}
---
**Điều 1.** Tuyên truyền.

**Điều 2.** Các sở, ngành thi hành.
"""
DECISION = """
---
number: "12"
symbol: QĐ-UBND
issuer: ubnd-tinh
place: Mẫu
date: 2022-02-03
title: Về việc tặng Bằng khen
award: bang-khen-tinh
signer: {signer}
recipients: [Như Điều 2, "Lưu: VT, NV"]
awardees:
  - {{name: Nguyễn Văn A, locality: tinh-mau}}
---
**Điều 1.** Tặng Bằng khen.

**Điều 2.** Các cá nhân có tên tại Điều 1 thi hành.
"""
CHAIRMAN = "{title: CHỦ TỊCH, name: Trần Văn B}"
ON_BEHALF = "{authority: TM., body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Trần Văn B}"
DEPUTY = "{authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}"
DEPARTMENT = """
so-y-te:
  name: Sở Y tế tỉnh Mẫu
  header: SỞ Y TẾ
  parent_header: UBND TỈNH MẪU
  parent: ubnd-tinh
  level: department
  kind: department
"""


def _plan(issuer="ubnd-tinh", date="2026-01-05", signer=ON_BEHALF, recipients='[Như trên, "Lưu: VT, NV"]'):
    return PLAN.format(issuer=issuer, date=date, signer=signer, recipients=recipients)


def _with_department():
    return {"content/data/bodies.yml": BASE_DATA["content/data/bodies.yml"] + "\n".join(
        "        " + line if line else "" for line in DEPARTMENT.splitlines())}


def _lines(proc, file):
    return [line for line in proc.stdout.splitlines() if line.startswith(file)]


@pytest.mark.parametrize("date, line", [
    ("2026-01-05", "Mẫu, ngày 05 tháng 01 năm 2026"),
    ("2026-02-09", "Mẫu, ngày 09 tháng 02 năm 2026"),
    # Phụ lục I adds the zero to days below 10 and to the months 1 and 2 only
    ("2021-09-07", "Mẫu, ngày 07 tháng 9 năm 2021"),
    ("2021-12-21", "Mẫu, ngày 21 tháng 12 năm 2021"),
])
def test_the_date_line_takes_leading_zeros(make_site, date, line):
    site = make_site(BASE_DATA, {"content/plans/kh-3.md": _plan(date=date)})
    site.run("build", check_exit=0)
    html = site.html("van-ban/kh-3/index.html")
    assert f'<p class="doc-date">{line}</p>' in html


def test_the_issuing_body_has_its_full_name_and_no_inferred_line_above(make_site):
    # ubnd-xa reports to ubnd-huyen (`parent`), which no header line is made of
    site = make_site(BASE_DATA, _with_department(), {"content/plans/kh-3.md": _plan(issuer="so-y-te", signer=CHAIRMAN)})
    site.run("build", check_exit=0)
    commune = site.html("van-ban/kh-xa/index.html")
    assert '<p class="issuing-body">ỦY BAN NHÂN DÂN XÃ TÂY</p>' in commune
    assert 'class="parent-body"' not in commune and "HUYỆN ĐÔNG" not in commune.split("doc-motto")[0]
    province = site.html("van-ban/kh-tinh/index.html")
    assert '<p class="issuing-body">ỦY BAN NHÂN DÂN TỈNH MẪU</p>' in province and 'class="parent-body"' not in province
    # a department: the line above it is printed because bodies.yml writes it
    department = site.html("van-ban/kh-3/index.html")
    assert department.index('<p class="parent-body">UBND TỈNH MẪU</p>') < department.index(
        '<p class="issuing-body">SỞ Y TẾ</p>')


def test_an_abbreviated_issuing_body_is_refused_on_its_line(make_site):
    bodies = BASE_DATA["content/data/bodies.yml"].replace(
        "short: UBND tỉnh Mẫu", "short: UBND tỉnh Mẫu\n          header: UBND TỈNH MẪU")
    site = make_site(BASE_DATA, {"content/data/bodies.yml": bodies})
    proc = site.run("check")
    assert proc.returncode == 1
    lines = _lines(proc, "content/data/bodies.yml:")
    assert any(line.startswith("content/data/bodies.yml:7: 'ubnd-tinh.header': ") and "không viết tắt \"UBND\"" in line
               and "ỦY BAN NHÂN DÂN TỈNH MẪU" in line for line in lines), proc.stdout


def test_a_short_rule_goes_under_the_title(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-3.md": _plan(), "content/decisions/qd-12.md": DECISION.format(
        signer=CHAIRMAN)})
    site.run("build", check_exit=0)
    for page in ("van-ban/kh-3/index.html", "khen-thuong/qd-12/index.html"):
        html = site.html(page)
        assert re.search(r'<span class="doc-subject">[^<]+</span></h1>\s*<hr class="doc-title-rule">', html), page


def test_recipients_keep_their_semicolons_and_end_with_the_keeping_line(make_site):
    recipients = '[Như Điều 2;, "TT Tỉnh ủy; TT HĐND tỉnh", Các sở (để thực hiện), "Lưu: VT, NV"]'
    site = make_site(BASE_DATA, {"content/plans/kh-3.md": _plan(recipients=recipients)})
    site.run("build", check_exit=0)
    html = site.html("van-ban/kh-3/index.html")
    items = re.findall(r"<li>(.*?)</li>", html.split('class="doc-recipients"', 1)[1].split("</ul>", 1)[0])
    assert items == ["- Như Điều 2;", "- TT Tỉnh ủy; TT HĐND tỉnh;", "- Các sở (để thực hiện);", "- Lưu: VT, NV."]


def test_a_list_without_the_keeping_line_is_warned_about_on_its_line(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-3.md": _plan(recipients="[Như trên, Các sở]")})
    proc = site.run("check")
    assert proc.returncode == 0  # a warning: the copy is published as it was signed
    assert any(line.startswith("content/plans/kh-3.md:9: cảnh báo: 'recipients[1]': ") and "Lưu: VT" in line
               for line in proc.stdout.splitlines()), proc.stdout


def test_as_article_n_must_name_an_article_of_the_text(make_site):
    text = DECISION.format(signer=CHAIRMAN).replace("[Như Điều 2,", "[Như Điều 3,")
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": text})
    proc = site.run("check")
    assert any(line.startswith("content/decisions/qd-12.md:10: cảnh báo: 'recipients[0]': ")
               and "không có Điều 3" in line for line in proc.stdout.splitlines()), proc.stdout


@pytest.mark.parametrize("signer", [
    CHAIRMAN, DEPUTY, "{authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH THƯỜNG TRỰC, name: Phạm Văn D}"])
def test_a_chairmans_decision_signed_as_the_law_says_passes(make_site, signer):
    site = make_site(BASE_DATA, {"content/decisions/qd-12.md": DECISION.format(signer=signer)})
    proc = site.run("check")
    assert proc.returncode == 0, proc.stdout
    assert "signer" not in proc.stdout


SIGNATURE_ERRORS = [
    # (what, file, text, field, fragment of the message)
    ("a chairman's decision signed TM.", "content/decisions/qd-12.md", DECISION.format(signer=ON_BEHALF),
     "signer.authority", 'quyết định khen thưởng là quyết định của người đứng đầu'),
    ("KT. under the head's own title", "content/decisions/qd-12.md",
     DECISION.format(signer="{authority: KT., body: CHỦ TỊCH, title: CHỦ TỊCH, name: Phạm Văn D}"),
     "signer.title", '"KT." (ký thay) là cấp phó ký thay người đứng đầu: ghi "body: CHỦ TỊCH" và "title: PHÓ CHỦ TỊCH"'),
    ("KT. for the collective", "content/decisions/qd-12.md",
     DECISION.format(signer="{authority: KT., body: ỦY BAN NHÂN DÂN, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}"),
     "signer.title", '"title: PHÓ ỦY BAN NHÂN DÂN"'),
    ("a deputy signing without KT.", "content/decisions/qd-12.md",
     DECISION.format(signer="{title: PHÓ CHỦ TỊCH, name: Phạm Văn D}"),
     "signer.title", 'ghi "authority: KT." và "body: CHỦ TỊCH"'),
    ("a department's plan signed TM.", "content/plans/kh-3.md",
     _plan(issuer="so-y-te", signer="{authority: TM., body: SỞ Y TẾ, title: GIÁM ĐỐC, name: Lê C}"),
     "signer.authority", "Sở Y tế tỉnh Mẫu không phải là một tập thể ra quyết định chung"),
]


@pytest.mark.parametrize("case", SIGNATURE_ERRORS, ids=[c[0] for c in SIGNATURE_ERRORS])
def test_the_authority_to_sign_is_checked_against_the_issuer(make_site, case):
    _, file, text, field, fragment = case
    site = make_site(BASE_DATA, _with_department(), {file: text})
    proc = site.run("check")
    assert proc.returncode == 1, proc.stdout
    line = "9" if file.endswith("qd-12.md") else "8"
    found = [l for l in _lines(proc, file) if l.startswith(f"{file}:{line}: '{field}': ")]
    assert found and fragment in found[0], proc.stdout
    english = _lines(site.run("check", "--lang", "en"), f"{file}:{line}: '{field}': ")
    assert english and ("collective" in english[0] or "deputy" in english[0]), english


def test_a_committees_plan_signed_on_behalf_of_it_passes(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-3.md": _plan(signer=ON_BEHALF)})
    proc = site.run("check")
    assert proc.returncode == 0 and "signer" not in proc.stdout, proc.stdout
