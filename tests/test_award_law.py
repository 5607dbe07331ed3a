"""The award law by the decision's own date, and issuing bodies through time (issue 21).

On the old main every decision was judged by one law (the 2022 one) and bodies had no days:
a 2026 commune decision conferring Chiến sĩ thi đua cơ sở was refused, a 2026 district
decision passed, a 2021 decision was judged by a law not yet in force.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from site_builder.rules.law.regimes import REGIMES, CATALOGUE, LawDataError, read_law, the_law

from .conftest import BASE_DATA

# BASE_DATA's bodies and forms, and the others the cases need. Every form here is a form of
# the law (by its id or its `law`), so no `conferred_by` is written: the law decides.
LAW_DATA = {
    "content/data/bodies.yml": BASE_DATA["content/data/bodies.yml"] + """
        ctn:
          name: Chủ tịch nước
          level: president
        so-noi-vu:
          name: Sở Nội vụ tỉnh Mẫu
          short: Sở Nội vụ
          level: department
          parent: ubnd-tinh
        ubnd-huyen-bac:
          name: Ủy ban nhân dân huyện Bắc
          short: UBND huyện Bắc
          level: district
          until: 2025-06-30
          successors: [ubnd-xa-moi]
        ubnd-xa-moi:
          name: Ủy ban nhân dân xã Mới
          short: UBND xã Mới
          level: commune
          from: 2025-07-01
    """,
    "content/data/awards.yml": BASE_DATA["content/data/awards.yml"] + """
        - {id: huan-chuong-lao-dong-hang-ba, label: {vi: Huân chương Lao động hạng Ba}, rank: 10}
        - {id: xa-phuong-tieu-bieu, label: {vi: "Xã, phường, thị trấn tiêu biểu"}, rank: 45}
        - {id: chien-si-thi-dua-co-so, label: {vi: Chiến sĩ thi đua cơ sở, en: Grassroots Emulation Fighter}, rank: 60}
        - {id: tap-the-lao-dong-tien-tien, label: {vi: Tập thể lao động tiên tiến}, rank: 61}
        - {id: lao-dong-tien-tien, label: {vi: Lao động tiên tiến}, rank: 62}
        - {id: giay-khen-chu-tich-huyen, label: {vi: Giấy khen của Chủ tịch UBND huyện}, rank: 63}
        - {id: thon-to-dan-pho-van-hoa, label: {vi: "Thôn, tổ dân phố văn hóa"}, rank: 64}
        - {id: gia-dinh-van-hoa, label: {vi: Gia đình văn hóa}, rank: 65}
    """,
}


def decision(stem: str, issuer: str, date: str, award: str, number: int = 1) -> dict:
    """A decision conferring `award` on one person (the decision's default award)."""
    return {f"content/decisions/{stem}.md": f"""
        ---
        number: "{number}"
        symbol: QĐ-KT
        issuer: {issuer}
        date: {date}
        title: Về việc khen thưởng
        award: {award}
        signer: {{title: CHỦ TỊCH, name: Trần Văn B}}
        awardees:
          - name: Nguyễn Văn An
        ---
        Khen thưởng.
    """}


def problems(site, lang: str = "en") -> dict[str, list[dict]]:
    proc = site.run("check", "--format", "json", "--lang", lang)
    assert proc.returncode in (0, 1), proc.stderr
    found: dict[str, list[dict]] = {}
    for problem in json.loads(proc.stdout)["problems"]:
        if problem["severity"] == "error":
            found.setdefault(problem["file"], []).append(problem)
    return found


# (issuer, award, date, the error's code or None when accepted). The dates sit on both sides
# of 01/01/2024 and 01/7/2025, when the regimes change.
CASES = [
    # The commune chairman: Chiến sĩ thi đua cơ sở and Tập thể lao động tiên tiến only from 01/7/2025
    # (Nghị định 129/2025/NĐ-CP, Điều 59).
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2023-12-31", "award_beyond_authority"),
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2024-01-01", "award_beyond_authority"),
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2025-06-30", "award_beyond_authority"),
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2025-07-01", None),
    ("ubnd-xa", "tap-the-lao-dong-tien-tien", "2025-06-30", "award_beyond_authority"),
    ("ubnd-xa", "tap-the-lao-dong-tien-tien", "2026-03-15", None),
    ("ubnd-xa", "thon-to-dan-pho-van-hoa", "2025-06-30", "award_beyond_authority"),
    ("ubnd-xa", "thon-to-dan-pho-van-hoa", "2025-07-01", None),
    ("ubnd-xa", "lao-dong-tien-tien", "2023-12-31", None),
    ("ubnd-xa", "lao-dong-tien-tien", "2024-01-01", None),
    ("ubnd-xa", "gia-dinh-van-hoa", "2021-12-01", None),
    ("ubnd-xa", "gia-dinh-van-hoa", "2026-03-15", None),
    ("ubnd-xa", "giay-khen", "2021-12-01", None),
    ("ubnd-xa", "giay-khen", "2026-03-15", None),
    ("ubnd-xa", "bang-khen-tinh", "2026-03-15", "award_beyond_authority"),
    ("ubnd-xa", "giay-khen-chu-tich-huyen", "2026-03-15", "award_not_in_regime"),
    # The district chairman, until 30/6/2025 (a body without `until`: the law alone refuses).
    ("ubnd-huyen", "chien-si-thi-dua-co-so", "2021-12-01", None),
    ("ubnd-huyen", "giay-khen-chu-tich-huyen", "2023-12-31", None),
    ("ubnd-huyen", "giay-khen-chu-tich-huyen", "2024-01-01", None),
    ("ubnd-huyen", "giay-khen-chu-tich-huyen", "2025-06-30", None),
    ("ubnd-huyen", "giay-khen-chu-tich-huyen", "2025-07-01", "authority_ended"),
    ("ubnd-huyen", "thon-to-dan-pho-van-hoa", "2025-06-30", None),
    ("ubnd-huyen", "thon-to-dan-pho-van-hoa", "2025-07-01", "authority_ended"),
    # A department head keeps the same powers in every regime.
    ("so-noi-vu", "chien-si-thi-dua-co-so", "2023-12-31", None),
    ("so-noi-vu", "tap-the-lao-dong-tien-tien", "2026-03-15", None),
    ("so-noi-vu", "bang-khen-tinh", "2024-06-01", "award_beyond_authority"),
    # The provincial chairman; a title the 2003 law did not have.
    ("ubnd-tinh", "bang-khen-tinh", "2023-12-31", None),
    ("ubnd-tinh", "bang-khen-tinh", "2025-07-01", None),
    ("ubnd-tinh", "xa-phuong-tieu-bieu", "2023-12-31", "award_not_in_regime"),
    ("ubnd-tinh", "xa-phuong-tieu-bieu", "2024-01-01", None),
    ("ubnd-tinh", "gia-dinh-van-hoa", "2024-01-01", "award_beyond_authority"),
    # The State President and the Prime Minister are two authorities.
    ("ctn", "huan-chuong-lao-dong-hang-ba", "2023-12-31", None),
    ("ctn", "huan-chuong-lao-dong-hang-ba", "2025-07-01", None),
    ("ttg", "huan-chuong-lao-dong-hang-ba", "2023-12-31", "award_beyond_authority"),
    ("ttg", "huan-chuong-lao-dong-hang-ba", "2025-07-01", "award_beyond_authority"),
    ("ttg", "bang-khen-ttg", "2024-01-01", None),
    ("ctn", "bang-khen-ttg", "2024-01-01", "award_beyond_authority"),
    # A partial date passes when a regime in force during it allows the award.
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2025", None),
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2025-06", "award_beyond_authority"),
    ("ubnd-xa", "chien-si-thi-dua-co-so", "2023", "award_beyond_authority"),
]


def test_each_regime_accepts_and_refuses_the_right_authority_and_form_pairs(make_site):
    files = {}
    for number, (issuer, award, date, _code) in enumerate(CASES, 1):
        files.update(decision(f"qd-{number}", issuer, date, award, number))
    found = problems(make_site(BASE_DATA, LAW_DATA, files))
    wrong = []
    for number, (issuer, award, date, code) in enumerate(CASES, 1):
        codes = [p["code"] for p in found.get(f"content/decisions/qd-{number}.md", [])]
        if codes != ([code] if code else []):
            wrong.append(f"{issuer} {award} {date}: expected {code}, got {codes}")
    assert not wrong, "\n".join(wrong)


def test_a_2026_commune_decision_conferring_grassroots_titles_builds(make_site):
    """The issue's first case: refused on the old main, lawful since 01/7/2025."""
    files = decision("qd-5-2026", "ubnd-xa", "2026-01-15", "chien-si-thi-dua-co-so")
    files["content/decisions/qd-5-2026.csv"] = (
        "kind,name,award\n"
        "individual,Lê Văn Ước,chien-si-thi-dua-co-so\n"
        "collective,Thôn Đông,tap-the-lao-dong-tien-tien\n"
        "individual,Phạm Thị Hoa,lao-dong-tien-tien\n")
    files["content/decisions/qd-5-2026.md"] = files["content/decisions/qd-5-2026.md"].replace(
        "awardees:\n          - name: Nguyễn Văn An\n", "")
    site = make_site(BASE_DATA, LAW_DATA, files)
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/qd-5-2026/index.html")
    assert "Lê Văn Ước" in page and "Thôn Đông" in page and "Tập thể lao động tiên tiến" in page


def test_the_error_names_the_regime_and_what_the_authority_may_confer(make_site):
    site = make_site(BASE_DATA, LAW_DATA, decision("qd-7-2026", "ubnd-xa", "2026-02-02", "bang-khen-tinh"))
    proc = site.run("check", check_exit=1)
    line = next(line for line in proc.stdout.splitlines() if "qd-7-2026.md" in line and "'award'" in line)
    assert line.startswith("content/decisions/qd-7-2026.md:7: 'award': từ 01/7/2025 (Luật Thi đua, khen thưởng "
                           "2022, Nghị định 152/2025/NĐ-CP và Nghị định 129/2025/NĐ-CP), Chủ tịch UBND cấp xã chỉ "
                           'được tặng "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Tập thể lao động tiên tiến", '
                           '"Gia đình văn hóa", "Thôn, tổ dân phố văn hóa", "Giấy khen" '
                           "(Nghị định 129/2025/NĐ-CP, Điều 59)"), line
    assert '"Bằng khen của Chủ tịch UBND tỉnh" do Chủ tịch UBND cấp tỉnh hoặc Bộ trưởng' not in line
    assert '"Bằng khen của Chủ tịch UBND tỉnh" do Chủ tịch UBND cấp tỉnh quyết định' in line
    assert "Quyết định của Ủy ban nhân dân xã Tây ghi ngày 02/02/2026" in line
    english = site.run("check", "--lang", "en", check_exit=1).stdout
    assert ("from 1 July 2025 (the Law on Emulation and Commendation of 2022, Decree 152/2025/NĐ-CP and Decree "
            "129/2025/NĐ-CP), a commune People's Committee chairman may confer only \"Grassroots Emulation "
            "Fighter\"") in english


def test_a_2026_district_decision_is_refused(make_site):
    """A district body written without `until` is refused by the law; one with `until` by its days."""
    files = {**decision("qd-8-2026", "ubnd-huyen", "2026-04-01", "giay-khen-chu-tich-huyen", 8),
             **decision("qd-9-2026", "ubnd-huyen-bac", "2026-04-01", "giay-khen-chu-tich-huyen", 9)}
    site = make_site(BASE_DATA, LAW_DATA, files)
    out = site.run("check", check_exit=1).stdout
    assert ("qd-8-2026.md:7: 'award': từ 01/7/2025 (Luật Thi đua, khen thưởng 2022, Nghị định 152/2025/NĐ-CP và "
            "Nghị định 129/2025/NĐ-CP), Chủ tịch UBND cấp huyện không còn thẩm quyền khen thưởng: cấp huyện đã kết thúc "
            "ngày 30/6/2025") in out
    assert ("qd-9-2026.md:4: 'issuer': UBND huyện Bắc không còn từ 01/7/2025; thay bằng UBND xã Mới; văn bản này "
            "ghi ngày 01/4/2026") in out
    assert "qd-9-2026.md:7" not in out  # one error: the body, not the law as well


def test_a_body_is_refused_outside_its_days_and_keeps_its_name_within_them(make_site):
    plan = BASE_DATA["content/plans/kh-xa.md"].replace("issuer: ubnd-xa", "issuer: ubnd-xa-moi")
    files = {**decision("qd-2-2024", "ubnd-xa-moi", "2024-05-02", "giay-khen", 2),
             **decision("qd-3-2021", "ubnd-huyen-bac", "2021-12-01", "giay-khen", 3),
             "content/plans/kh-xa.md": plan}
    site = make_site(BASE_DATA, LAW_DATA, files)
    out = site.run("check", "--lang", "en", check_exit=1).stdout
    assert ("qd-2-2024.md:4: 'issuer': UBND xã Mới exists only from 1 July 2025; this document is dated "
            "2 May 2024") in out
    assert ("content/plans/kh-xa.md:4: 'issuer': UBND xã Mới exists only from 1 July 2025; this document is "
            "dated December 2021") in out
    assert "qd-3-2021" not in out
    site.write({"content/decisions/qd-2-2024.md": None, "content/plans/kh-xa.md": BASE_DATA["content/plans/kh-xa.md"]})
    site.run("build", check_exit=0)
    # the decision shows the body as it was named when it was issued, not its successor
    page = site.html("khen-thuong/qd-3-2021/index.html")
    assert "huyện Bắc" in page and "xã Mới" not in page


def test_a_2021_decision_is_judged_by_the_2003_law(make_site):
    files = {**decision("qd-1-2021", "ubnd-xa", "2021-12-01", "chien-si-thi-dua-co-so", 1),
             **decision("qd-2-2021", "ubnd-huyen", "2021-12-01", "chien-si-thi-dua-co-so", 2)}
    out = make_site(BASE_DATA, LAW_DATA, files).run("check", check_exit=1).stdout
    assert ("qd-1-2021.md:7: 'award': đến 31/12/2023 (Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013) và "
            "Nghị định 91/2017/NĐ-CP), Chủ tịch UBND cấp xã chỉ được tặng") in out
    assert "qd-2-2021" not in out


def test_each_row_award_is_judged_as_well_as_the_default(make_site):
    files = decision("qd-4-2026", "ubnd-xa", "2026-01-15", "giay-khen")
    files["content/decisions/qd-4-2026.csv"] = (
        "kind,name,award\n"
        "individual,Lê Văn Ước,chien-si-thi-dua-co-so\n"
        "individual,Phạm Thị Hoa,bang-khen-tinh\n"
        "individual,Trần Văn Tư,\n")
    files["content/decisions/qd-4-2026.md"] = files["content/decisions/qd-4-2026.md"].replace(
        "awardees:\n          - name: Nguyễn Văn An\n", "")
    out = make_site(BASE_DATA, LAW_DATA, files).run("check", "--lang", "en", check_exit=1).stdout
    errors = [line for line in out.splitlines() if "may confer only" in line]
    assert len(errors) == 1 and errors[0].startswith("content/decisions/qd-4-2026.csv, row 3, column award"), errors


def test_conferred_by_cannot_widen_the_law_and_says_so(make_site):
    awards = LAW_DATA["content/data/awards.yml"].replace(
        "          law: bang-khen-chu-tich-tinh\n",
        "          law: bang-khen-chu-tich-tinh\n          conferred_by: [province, commune]\n")
    site = make_site(BASE_DATA, LAW_DATA, {"content/data/awards.yml": awards},
                     decision("qd-7-2026", "ubnd-xa", "2026-02-02", "bang-khen-tinh"))
    out = site.run("check", "--lang", "en", check_exit=1).stdout
    assert "content/data/awards.yml:11: warning: 'conferred_by': \"Bằng khen của Chủ tịch UBND tỉnh\" is the form" in out
    assert "qd-7-2026.md:7: 'award': from 1 July 2025" in out


def test_a_form_of_the_sites_own_keeps_its_conferred_by_and_its_days(make_site):
    awards = LAW_DATA["content/data/awards.yml"] + """
        - id: giai-thuong-tinh-mau
          label: {vi: Giải thưởng tỉnh Mẫu}
          rank: 70
          conferred_by: [province]
          until: 2024-12-31
        - id: bang-khen-sai
          label: {vi: Bằng khen sai}
          rank: 71
          law: bang-khen-chu-tich-tinhh
    """
    files = {**decision("qd-1-2022", "ubnd-xa", "2022-01-05", "giai-thuong-tinh-mau", 1),
             **decision("qd-2-2022", "ubnd-tinh", "2022-01-05", "giai-thuong-tinh-mau", 2),
             **decision("qd-3-2025", "ubnd-tinh", "2025-01-05", "giai-thuong-tinh-mau", 3)}
    out = make_site(BASE_DATA, LAW_DATA, {"content/data/awards.yml": awards}, files).run(
        "check", "--lang", "en", check_exit=1).stdout
    assert ("qd-1-2022.md:7: 'award': Ủy ban nhân dân xã Tây (a commune People's Committee chairman) may not confer "
            "\"Giải thưởng tỉnh Mẫu\": by data/awards.yml (conferred_by) it is conferred by a provincial People's "
            "Committee chairman") in out
    assert "qd-2-2022" not in out
    assert ("qd-3-2025.md:7: 'award': \"Giải thưởng tỉnh Mẫu\" may be conferred only until 31 December 2024 "
            "(data/awards.yml, from/until)") in out
    assert ("'law': there is no award form of the law (the catalogue shipped with the program) with the id "
            "\"bang-khen-chu-tich-tinhh\" in the site; did you mean `bang-khen-chu-tich-tinh`") in out


# ---- the law's data ----------------------------------------------------------------------

def test_the_shipped_law_covers_every_day_once_and_says_where_each_grant_comes_from():
    law = the_law()
    assert [r.start and r.start.isoformat() for r in law.regimes] == [None, "2024-01-01", "2025-07-01"]
    for regime in law.regimes:
        for level, power in regime.powers.items():
            assert power.forms or power.ended, (regime.id, level)
            for grant in power.grants:
                assert bool(grant.checked) != bool(grant.unverified), (regime.id, level, grant)
    last = law.regimes[-1]
    assert last.powers["district"].forms == () and "30/6/2025" in last.powers["district"].ended["vi"]


def test_a_later_decree_is_one_more_data_file(tmp_path):
    folder = tmp_path / "regimes"
    shutil.copytree(REGIMES, folder)
    later = folder / "2027-nd-vi-du.yml"
    later.write_text("""
id: vi-du-2027
from: 2027-01-01
inherits: luat-tdkt-2022-nd-152-2025
name: {vi: Nghị định ví dụ, en: an example decree}
bases:
  - {id: nd-vi-du, short: Nghị định ví dụ, number: 1/2027/NĐ-CP, unverified: a test's example}
authorities:
  commune:
    grants:
      - {forms: [giay-khen], basis: nd-vi-du, article: Điều 1, unverified: a test's example}
""", encoding="utf-8")
    # the regime before it must now end
    before = folder / "2025-nd-152-2025.yml"
    before.write_text(before.read_text(encoding="utf-8").replace("until: null", "until: 2026-12-31"), encoding="utf-8")
    law = read_law(CATALOGUE, sorted(folder.glob("*.yml")))
    (regime,) = law.during(dt.date(2027, 5, 1), dt.date(2027, 5, 1))
    assert regime.powers["commune"].forms == ("giay-khen",)
    assert regime.may_confer("province", "bang-khen-chu-tich-tinh")  # kept from the regime it inherits
    # a gap between regimes is the package's mistake, named with its file
    before.write_text(before.read_text(encoding="utf-8").replace("until: 2026-12-31", "until: 2026-11-30"),
                      encoding="utf-8")
    with pytest.raises(LawDataError, match="2027-nd-vi-du.yml.*must begin the day after"):
        read_law(CATALOGUE, sorted(folder.glob("*.yml")))
