"""`site-builder check` names file, line and field in words a communicator understands."""
from __future__ import annotations

import json

import pytest

from .conftest import BASE_DATA

GOOD_PLAN = """
---
number: "108"
symbol: KH-UBND
issuer: ubnd-xa
place: Tây
date: 2021-09-11
title: Kế hoạch thử
campaign: covid
signer: {authority: TM., body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Thị C}
---
Nội dung.
"""


def _plan(**replace):
    text = GOOD_PLAN
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


CASES = [
    # (description, file text, expected line, expected vi fragment, expected en fragment)
    ("impossible date", _plan(**{"2021-09-11": '"31/9/2021"'}), 6, "'date': \"31/9/2021\" không phải là ngày hợp lệ",
     "'date': \"31/9/2021\" is not a date"),
    ("day that does not exist", _plan(**{"2021-09-11": "2021-09-31"}), 6, "'date': \"2021-09-31\" không phải",
     "is not a date"),
    ("misspelt field", _plan(**{"place:": "plase:"}), 5, "'plase': trường này không có trong mẫu văn bản (kế hoạch); có phải là 'place'?",
     "did you mean 'place'?"),
    ("missing required field", _plan(**{"title: Kế hoạch thử\n": ""}), None, "'title': thiếu trường bắt buộc",
     "'title': this required field is missing"),
    ("broken YAML", _plan(**{"place: Tây": "place: [Tây"}), None, "viết sai cú pháp",
     "is not valid YAML"),
    ("unknown parent plan", _plan(**{"campaign: covid": "campaign: covid\nimplements: [kh-khong-co]"}), 9,
     "'implements[0]': không tìm thấy văn bản có mã \"kh-khong-co\"", "there is no document with the id \"kh-khong-co\""),
    ("unknown award form", _plan(**{"campaign: covid": "campaign: covid\nawards: [bang-khen-tinhh]"}), 9,
     "'awards[0]': không tìm thấy hình thức khen thưởng (data/awards.yml) có mã \"bang-khen-tinhh\" trong trang; có phải là `bang-khen-tinh` (Bằng khen của Chủ tịch UBND tỉnh)?",
     "award form"),
    ("unknown issuer", _plan(**{"issuer: ubnd-xa": "issuer: ubnd-xaa"}), 4, "'issuer': không tìm thấy cơ quan",
     "there is no body"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_check_reports_file_line_field(make_site, case):
    _, text, line, vi, en = case
    site = make_site(BASE_DATA, {"content/plans/sai.md": text})
    proc = site.run("check")
    assert proc.returncode == 1, proc.stdout
    prefix = f"content/plans/sai.md:{line}: " if line else "content/plans/sai.md:"
    lines = [l for l in proc.stdout.splitlines() if l.startswith("content/plans/sai.md")]
    assert any(l.startswith(prefix) and vi in l for l in lines), proc.stdout
    proc_en = site.run("check", "--lang", "en")
    assert en in proc_en.stdout, proc_en.stdout


def test_yaml_error_points_at_the_broken_line(make_site):
    site = make_site(BASE_DATA, {"content/plans/sai.md": _plan(**{"place: Tây": "place: [Tây"})})
    out = site.run("check").stdout
    line = next(l for l in out.splitlines() if l.startswith("content/plans/sai.md"))
    assert int(line.split(":")[1]) in (5, 6, 7), line


def test_same_number_twice_in_a_year_by_one_body(make_site):
    site = make_site(BASE_DATA, {"content/plans/a.md": GOOD_PLAN, "content/plans/b.md": GOOD_PLAN})
    out = site.run("check").stdout
    assert "content/plans/b.md:2: 'number': số và ký hiệu \"108/KH-UBND\" năm 2021 của Ủy ban nhân dân xã Tây đã được dùng ở content/plans/a.md" in out


def test_same_number_in_another_year_is_fine(make_site):
    site = make_site(BASE_DATA, {"content/plans/a.md": GOOD_PLAN,
                                 "content/plans/b.md": _plan(**{"2021-09-11": "2022-01-05"})})
    proc = site.run("check")
    assert proc.returncode == 0, proc.stdout


def test_good_site_passes_and_report_accounts_for_every_file(make_site):
    site = make_site(BASE_DATA, {"content/plans/notes.txt": "ghi chú", "content/plans/nhap.md": _plan(**{
        "number: \"108\"": "number: \"109\"", "campaign: covid": "campaign: covid\ndraft: true"})})
    proc = site.run("check", "--format", "json")
    assert proc.returncode == 0, proc.stdout
    data = json.loads(proc.stdout)
    assert data["files"]["content/plans/nhap.md"] == "draft"
    assert data["files"]["content/plans/kh-tinh.md"] == "built"
    assert data["files"]["content/plans/notes.txt"] == "ignored"
    assert any(p["file"] == "content/plans/notes.txt" and p["severity"] == "warning" for p in data["problems"])
    text = site.run("check").stdout
    assert "Tệp nội dung: 3 đã dựng, 1 bản nháp, chưa đăng" in text


def test_github_annotations(make_site):
    site = make_site(BASE_DATA, {"content/plans/sai.md": _plan(**{"2021-09-11": "2021-02-30"})})
    out = site.run("check", "--format", "github").stdout
    assert "::error file=content/plans/sai.md,line=6::" in out


def test_failed_build_leaves_previous_site_untouched(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    before = site.html("van-ban/kh-tinh/index.html")
    site.write({"content/plans/kh-tinh.md": _plan(**{"2021-09-11": "2021-13-01"})})
    proc = site.run("build")
    assert proc.returncode == 1
    assert "lỗi" in proc.stderr
    assert site.html("van-ban/kh-tinh/index.html") == before
    assert not [p for p in site.root.iterdir() if ".staging" in p.name]


def test_new_writes_a_file_that_passes_check_once_filled(make_site):
    site = make_site(BASE_DATA)
    proc = site.run("new", "plan", "ke-hoach-moi", check_exit=0)
    path = site.root / "content/plans/ke-hoach-moi.md"
    assert path.exists() and "# mã cơ quan ban hành" in path.read_text(encoding="utf-8")
    # The scaffold is a draft with placeholder ids: production check warns, preview refuses.
    proc = site.run("check")
    assert proc.returncode == 0
    assert "content/plans/ke-hoach-moi.md:5: cảnh báo: 'issuer': không tìm thấy cơ quan" in proc.stdout
    preview = site.run("check", "--preview")
    assert preview.returncode == 1
    assert "content/plans/ke-hoach-moi.md:5: 'issuer': không tìm thấy cơ quan" in preview.stdout


def test_translation_into_a_language_the_site_does_not_publish_is_reported_not_built(make_site):
    site = make_site(BASE_DATA, {"content/plans/kh-tinh.en.md": "---\ntitle: Provincial plan\n---\nText.\n",
                                 "content/index.en.md": "# Home\n"})
    proc = site.run("build", check_exit=0)
    assert "content/plans/kh-tinh.en.md: cảnh báo: bản dịch tiếng 'en' không được dựng" in proc.stderr
    assert "content/index.en.md: cảnh báo: bản dịch tiếng 'en'" in proc.stderr
    assert not (site.root / "site" / "van-ban" / "kh-tinh.en").exists()
    assert not (site.root / "site" / "index.en").exists() and not (site.root / "site" / "en").exists()


def test_build_speaks_english_when_asked(make_site):
    site = make_site(BASE_DATA, {"content/plans/sai.md": _plan(**{"2021-09-11": "2021-02-30"})})
    proc = site.run("build", "--lang", "en")
    assert proc.returncode == 1
    assert "content/plans/sai.md:6: 'date': \"2021-02-30\" is not a date" in proc.stderr
    assert "không phải là ngày" not in proc.stderr


DECISION_WITH_DATE = """
---
number: "15"
symbol: QĐ-UBND
issuer: ubnd-tinh
{date}
title: Tặng Bằng khen
award: bang-khen-tinh
signer: {{title: CHỦ TỊCH, name: Lê Văn E}}
awardees:
  - {{name: Nguyễn Văn An, locality: huyen-dong}}
---
Nội dung.
"""
REVOKING = """
---
number: "16"
symbol: QĐ-UBND
issuer: ubnd-tinh
date: 2021-12-01
title: Thu hồi Bằng khen
signer: {title: CHỦ TỊCH, name: Lê Văn E}
revokes:
  - {decision: qd-15, recipient: nguyen-van-an, reason: Khai man}
---
Nội dung.
"""


@pytest.mark.parametrize("date_line, line", [
    ("", None), ("date:", 5), ("date: 30/11/2021", 5), ("date: 2021-11-31", 5), ("date: [2021, 11]", 5),
    ("date: {day: 30}", 5)], ids=["missing", "empty", "day-first", "no-such-day", "a-list", "a-mapping"])
def test_a_decision_with_a_missing_or_wrong_date_is_one_error_not_a_traceback(make_site, date_line, line):
    """A decision is sorted and judged by its date (revocations, numbering, the law in force):
    a missing or wrong one must end as a file:line problem, for check and build alike."""
    site = make_site(BASE_DATA, {"content/decisions/qd-15.md": DECISION_WITH_DATE.format(date=date_line),
                                 "content/decisions/qd-16.md": REVOKING})
    for command in ("check", "build"):
        proc = site.run(command, check_exit=1)
        output = proc.stdout + proc.stderr
        assert "Traceback" not in output
        where = "content/decisions/qd-15.md" + (f":{line}" if line else "")
        assert where in output and "'date'" in output, output


def alias_bomb(levels: int = 10) -> str:
    """Ten lines that stand for 9**10 (3.5 billion) strings when aliases are followed."""
    lines = ['l0: &l0 ["bom", "bom", "bom", "bom", "bom", "bom", "bom", "bom", "bom"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines)


def test_a_yaml_alias_bomb_is_refused_at_its_line_at_once(make_site):
    plan = GOOD_PLAN.replace("---\nNội dung.", alias_bomb() + "\n---\nNội dung.")
    site = make_site(BASE_DATA, {"content/plans/bom.md": plan})
    proc = site.run("check", check_exit=1)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output
    # l0 follows the plan's eight fields (lines 2-9) on line 10: l1, line 11, first reuses it
    assert "content/plans/bom.md:11:" in output and "bí danh (& và *)" in output, output


def test_an_alias_in_a_data_file_is_refused_too(make_site):
    site = make_site(BASE_DATA)
    units = site.root / "content/data/units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "xa-moi: &moi {name: Xã Mới, type: commune}\n"
                     "xa-moi-2: *moi\n", encoding="utf-8")
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "reuses a value with a YAML alias" in proc.stdout + proc.stderr


@pytest.mark.parametrize("name, text", [("units.yml", "- tinh-mau\n- huyen-dong\n"),
                                        ("awards.yml", "bang-khen-tinh: {rank: 40}\n")])
def test_a_data_file_of_the_wrong_shape_is_one_error_not_a_traceback(make_site, name, text):
    site = make_site(BASE_DATA, {f"content/data/{name}": text})
    proc = site.run("check", "--lang", "en", check_exit=1)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output
    assert f"content/data/{name}:1: this data file must hold" in output, output
