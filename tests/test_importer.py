"""Importing the reference plans (text and Word copies) and a Word decision.

The corpus is read at test time from ../shared/corpus/reference-plans/ (never copied into
the project). The Word copies are built here with python-docx from the same text, laid
out like real copies: header and signature blocks in two-column tables, bold title.
"""
from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
import yaml

from site_builder.importer import ImportData, cli_import, run_import
from site_builder.importer.syllables import damage_report, is_syllable

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reference-plans"

AWARDS = [{"id": i, "label": {"vi": label}} for i, label in [
    ("huan-chuong-lao-dong", "Huân chương Lao động"),
    ("huan-chuong-bao-ve-to-quoc", "Huân chương Bảo vệ Tổ quốc"),
    ("huan-chuong-chien-cong", "Huân chương Chiến công"),
    ("huan-chuong-dung-cam", "Huân chương Dũng cảm"),
    ("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ"),
    ("bang-khen-chu-tich-tinh", "Bằng khen của Chủ tịch UBND tỉnh"),
    ("giay-khen", "Giấy khen"),
]]
BODIES = {
    "ubnd-tinh-tra-vinh": {"name": "Ủy ban nhân dân tỉnh Trà Vinh", "header": "UBND TỈNH TRÀ VINH"},
    "so-tttt-tra-vinh": {"name": "Sở Thông tin và Truyền thông tỉnh Trà Vinh", "parent": "ubnd-tinh-tra-vinh"},
    "ubnd-xa-dai-mach": {"name": "Ủy ban nhân dân xã Đại Mạch", "short": "UBND xã Đại Mạch"},
}
CAMPAIGNS = {"covid-19-2021": {"name": "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch COVID-19"}}
DATA = ImportData(awards=AWARDS)

# What a person reading each copy would write down.
EXPECTED = {
    "000": dict(number="", date="2021", issuer="ubnd-tinh-soc-trang", signer=("TM.", "CHỦ TỊCH", "Trần Văn Lâu"),
                cites={"46/KH-UBND": "2020-04-21", "91/2017/NĐ-CP": "2017-07-31"},
                phases=[("Đợt 1", "2021-09-09", "2021-12-31"), ("Đợt 2", None, None)],
                awards=["giay-khen", "bang-khen-chu-tich-tinh"], deadlines=[],
                review={"number", "date", "issuer", "replaces"}, recipients_first="Ban TĐ-KT TW"),
    "001": dict(number="", date="2021", issuer="ubnd-tinh-dak-lak", signer=(None, "CHỦ TỊCH", "Phạm Ngọc Nghị"),
                cites={"1497/QĐ-TTg": "2021-09-10", "91/2017/NĐ-CP": "2017-07-31", "68/NQ-CP": "2021-07-01"},
                phases=[], awards=["huan-chuong-lao-dong", "huan-chuong-bao-ve-to-quoc", "huan-chuong-chien-cong",
                                   "huan-chuong-dung-cam", "bang-khen-thu-tuong", "bang-khen-chu-tich-tinh", "giay-khen"],
                deadlines=["2021-10-15"], review={"number", "date", "issuer", "implements"},
                recipients_first="Văn phòng Chính phủ"),
    "002": dict(number="44", symbol="KH-STTTT", date="2021-10-15", issuer=None, signer=(None, "GIAM POC", "Nguyén Viin Nay"),
                cites={"85/KH-UBND": "2021-09-21", "11/CT-UBND": "2021-08-04", "68/NQ-CP": "2021-07-01"},
                phases=[], awards=["huan-chuong-lao-dong", "huan-chuong-chien-cong", "bang-khen-thu-tuong",
                                   "bang-khen-chu-tich-tinh", "giay-khen"],
                deadlines=[], review={"title", "issuer", "signer", "implements"}, recipients_first="SO Noi vy"),
    "004": dict(number="108", symbol="KH-UBND", date="2021-09-11", place="Đại Mạch", issuer="ubnd-xa-dai-mach",
                signer=("TM.", "CHỦ TỊCH", "Vương Ngọc Chi"), cites={},
                phases=[("Đợt cao điểm", "2021-09-10", "2021-10-30")], awards=[], deadlines=[],
                review={"issuer"}, recipients_first="UBND - HĐ TĐKT Huyện"),
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"reference corpus missing: {CORPUS}")
        pytest.skip(f"reference corpus missing: {CORPUS}")
    return CORPUS


def source(corpus: Path, key: str) -> Path:
    return next(corpus.glob(f"{key}_*.txt"))


def read_draft(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert m, "the draft starts with a frontmatter block"
    return yaml.safe_load(m.group(1)), m.group(2)


def review_line(path: Path, key: str) -> str:
    return next(ln for ln in path.read_text(encoding="utf-8").splitlines() if re.match(rf"(# )?{key}:", ln))


# --- Word copies built from the corpus text --------------------------------------------

TYPE_WORD = re.compile(r"^(KẾ HOẠCH|KE HOACH|QUYẾT ĐỊNH)$")


def _plain(line: str) -> str:
    return re.sub(r"^#+\s*", "", line).replace("**", "").strip()


def docx_from_text(text: str, target: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    blocks = [[_plain(ln) for ln in b.splitlines() if _plain(ln)] for b in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if b]
    # Split at the document type word: what comes before is the header.
    bi, li = next((bi, li) for bi, b in enumerate(blocks) for li, ln in enumerate(b) if TYPE_WORD.match(ln))
    header = [ln for b in blocks[:bi] for ln in b] + blocks[bi][:li]
    type_block = [blocks[bi][li]]
    after = blocks[bi][li + 1:]
    rest = ([after] if after else []) + blocks[bi + 1:]
    title_block, rest = rest[0], rest[1:]
    d = docx.Document()
    if header:
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(header)
    p = d.add_paragraph()
    p.add_run(" ".join(type_block)).bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = d.add_paragraph()
    p.add_run(" ".join(title_block)).bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    closing_at = next(i for i, b in enumerate(rest) if re.match(r"^N\S{1,2}i nh\S{1,2}n", b[0]))
    for b in rest[:closing_at]:
        para: list[str] = []
        for ln in b:
            if ln.startswith("- "):
                if para:
                    d.add_paragraph(" ".join(para))
                    para = []
                d.add_paragraph(ln[2:], style="List Bullet")  # Word's own bullet numbering
            else:
                para.append(ln)
        if para:
            d.add_paragraph(" ".join(para))
    # Nơi nhận on the left, the signature on the right, as in a real copy.
    closing = [ln for b in rest[closing_at:] for ln in b]
    left = [ln for ln in closing if re.match(r"^(N\S{1,2}i nh|-|\()", ln)]
    right = [ln for ln in closing if ln not in left]
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "\n".join(left)
    table.cell(0, 1).text = "\n".join(right)
    d.save(str(target))
    return target


@pytest.fixture(params=["txt", "docx"])
def fmt(request) -> str:
    return request.param


def imported(corpus: Path, key: str, fmt: str, tmp_path: Path, data=DATA):
    path = source(corpus, key)
    if fmt == "docx":
        path = docx_from_text(path.read_text(encoding="utf-8"), tmp_path / f"{key}.docx")
    result = run_import(path, "plan", tmp_path / "plans", data=data)
    assert result.ok, result.error
    fm, body = read_draft(result.path)
    return result, fm, body


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_plan_fields(corpus, key, fmt, tmp_path):
    exp = EXPECTED[key]
    result, fm, body = imported(corpus, key, fmt, tmp_path)
    assert fm["doc_type"] == "KH"
    assert fm["number"] == exp["number"]
    if "symbol" in exp:
        assert fm["symbol"] == exp["symbol"]
    assert str(fm["date"]) == exp["date"]
    if "place" in exp:
        assert fm["place"] == exp["place"]
    if exp["issuer"]:
        assert fm["issuer"] == exp["issuer"]
    authority, title, name = exp["signer"]
    assert fm["signer"].get("authority") == authority
    assert fm["signer"]["title"] == title
    assert fm["signer"]["name"] == name
    cites = {c["ref"]: str(c.get("date")) for c in fm.get("cites", [])}
    for ref, date in exp["cites"].items():
        assert cites.get(ref) == date, (ref, cites)
    phases = [(p["name"], str(p["start"]) if p.get("start") else None, str(p["end"]) if p.get("end") else None)
              for p in fm.get("phases", [])]
    assert phases == exp["phases"]
    assert fm.get("awards", []) == exp["awards"]
    assert [str(d["date"]) for d in fm.get("deadlines", [])] == exp["deadlines"]
    assert exp["review"] <= set(fm["review"]), fm["review"]
    assert fm["recipients"][0] == exp["recipients_first"]
    assert fm["draft"] is True
    # Every field listed for review carries its reason on its own line.
    for key_name in fm["review"]:
        assert "# REVIEW:" in review_line(result.path, key_name)


def test_soc_trang_phase_two_keeps_its_wording(corpus, tmp_path):
    _, fm, _ = imported(corpus, "000", "txt", tmp_path)
    assert fm["phases"][1]["note"].startswith("Sau ngày 31/12/2021")
    assert "46/KH-UBND" in review_line(tmp_path / "plans" / "soc-trang-kh-2021.md", "replaces")


def test_dak_lak_deadline_and_implemented_decision(corpus, tmp_path):
    result, fm, _ = imported(corpus, "001", "txt", tmp_path)
    assert fm["deadlines"][0]["what"].startswith("Văn bản phát động phong trào thi đua gửi về Sở Nội vụ")
    assert "1497/QĐ-TTg" in review_line(result.path, "implements")
    cite = next(c for c in fm["cites"] if c["ref"] == "1497/QĐ-TTg")
    assert cite["issuer_name"] == "Thủ tướng Chính phủ" and cite["doc_type"] == "QĐ"


def test_body_keeps_numbering(corpus, fmt, tmp_path):
    _, _, body = imported(corpus, "004", fmt, tmp_path)
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in body
    assert "### 1. Mục đích" in body
    assert "## IV. THỜI GIAN THỰC HIỆN\n\nTừ ngày 10/9/2021 đến ngày 30/10/2021" in body
    assert "\n- Nêu cao tinh thần chủ động" in body
    assert "Nơi nhận" not in body and "Noi nhận" not in body and "Vương Ngọc Chi" not in body


def test_dak_lak_body_letters_and_joined_page_break(corpus, tmp_path):
    _, _, body = imported(corpus, "001", "txt", tmp_path)
    assert "#### a) Hình thức khen thưởng" in body
    # "... khôi phục sản xuất," / page break / "phát triển kinh tế" is one paragraph again.
    assert "khôi phục sản xuất, phát triển kinh tế - xã hội góp phần" in body


def test_issuer_from_bodies_mapping(corpus, tmp_path):
    result, fm, _ = imported(corpus, "002", "txt", tmp_path, data=ImportData(bodies=BODIES, awards=AWARDS))
    assert fm["issuer"] == "so-tttt-tra-vinh"
    result, fm, _ = imported(corpus, "004", "txt", tmp_path / "b", data=ImportData(bodies=BODIES))
    assert fm["issuer"] == "ubnd-xa-dai-mach"
    assert "inferred" in review_line(result.path, "issuer") or "suy ra" in review_line(result.path, "issuer")


def test_campaign_from_campaigns_mapping(corpus, tmp_path):
    _, fm, _ = imported(corpus, "001", "txt", tmp_path, data=ImportData(campaigns=CAMPAIGNS))
    assert fm["campaign"] == "covid-19-2021"
    result, fm, _ = imported(corpus, "004", "txt", tmp_path / "b", data=ImportData(campaigns=CAMPAIGNS))
    assert "campaign" not in fm and "campaign" in fm["review"]
    assert review_line(result.path, "campaign").startswith("# campaign:")


def test_without_award_list_the_phrases_go_to_review(corpus, tmp_path):
    result, fm, _ = imported(corpus, "000", "txt", tmp_path, data=ImportData())
    assert fm["awards"] == [] and "awards" in fm["review"]
    assert "giay khen" in review_line(result.path, "awards")


def test_ocr_damage_is_reported(corpus, tmp_path):
    result, fm, _ = imported(corpus, "002", "txt", tmp_path)
    assert result.ocr_damaged and result.ocr["invalid_share"] > 0.15
    assert any("OCR" in m for m in result.messages)
    clean, _, _ = imported(corpus, "004", "txt", tmp_path / "clean")
    assert not clean.ocr_damaged and clean.ocr["invalid_share"] < 0.01


def test_syllable_validator():
    for word in ["Kế", "hoạch", "khuya", "quyết", "huyện", "hoà", "hòa", "giữa", "nghiêng", "đặc", "rượu"]:
        assert is_syllable(word), word
    for word in ["tiéu", "dic", "Triénrkhai", "phtc", "biét", "ngy", "kan", "ghung", "hoàà"]:
        assert not is_syllable(word), word
    assert damage_report("Phong trào thi đua yêu nước")["invalid_share"] == 0


# --- numbers and dates the copy leaves blank ------------------------------------------

def test_blank_number_and_day_are_kept_blank(tmp_path):
    src = tmp_path / "sy-te.txt"
    src.write_text(
        "UBND TỈNH TRÀ VINH\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: /KH-SYT\n\nTrà Vinh, ngày   tháng 12 năm 2021\n\nKẾ HOẠCH\n\n"
        "Tổng kết phong trào thi đua phòng, chống dịch năm 2021\n\n"
        "Thực hiện Kế hoạch số 85/KH-UBND ngày 21/9/2021 của UBND tỉnh, Sở Y tế xây dựng kế hoạch như sau:\n\n"
        "I. MỤC ĐÍCH\n\nCác khoa, phòng gửi báo cáo trước ngày 20/12/2021.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Thị Minh\n",
        encoding="utf-8")
    result = run_import(src, None, tmp_path / "out", lang="en", data=ImportData(bodies=BODIES))
    fm, _ = read_draft(result.path)
    assert fm["number"] == "" and fm["symbol"] == "KH-SYT"
    assert "number" not in fm["review"]  # a blank number is what the copy says
    assert fm["date"] == "2021-12"
    assert fm["place"] == "Trà Vinh"
    assert fm["issuer"] == "so-y-te-tra-vinh"  # not in the mapping: slug of name + parent's place
    assert "SỞ Y TẾ" in review_line(result.path, "issuer")
    assert fm["signer"] == {"authority": "KT.", "title": "PHÓ GIÁM ĐỐC", "name": "Lê Thị Minh"}
    assert "KT. GIÁM ĐỐC" in review_line(result.path, "signer")
    assert [str(d["date"]) for d in fm["deadlines"]] == ["2021-12-20"]
    assert fm["recipients"] == ["Như trên", "Lưu: VT"]


# --- a decision with its recipients table ---------------------------------------------

def make_decision(target: Path) -> Path:
    import docx

    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND TỈNH ĐẮK LẮK"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 2345/QĐ-UBND"
    head.cell(1, 1).text = "Đắk Lắk, ngày 20 tháng 12 năm 2021"
    for text in ["QUYẾT ĐỊNH", "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có thành tích "
                 "trong Phong trào thi đua “Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng "
                 "đại dịch COVID-19”", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"]:
        d.add_paragraph().add_run(text).bold = True
    d.add_paragraph("Căn cứ Luật Thi đua, khen thưởng; Thực hiện Kế hoạch số 151/KH-UBND ngày 01/10/2021 của UBND tỉnh;")
    d.add_paragraph().add_run("QUYẾT ĐỊNH:").bold = True
    d.add_paragraph("Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 1 tập thể và 2 cá nhân (có danh sách kèm theo).")
    d.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    sign = d.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT, NV."
    sign.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHoàng Văn Mẫu"
    d.add_paragraph().add_run("DANH SÁCH KHEN THƯỞNG").bold = True
    rows = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành tích"],
            ["I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ", "I. TẬP THỂ"],
            ["1", "Trạm Y tế xã Ea Ninh", "", "Huyện Cư Kuin", "Hoàn thành xuất sắc nhiệm vụ truy vết"],
            ["II. CÁ NHÂN", "II. CÁ NHÂN", "II. CÁ NHÂN", "II. CÁ NHÂN", "II. CÁ NHÂN"],
            ["1", "Y Tlam Niê", "Điều dưỡng", "Bệnh viện huyện Krông Pắc", "Tham gia điều trị F0"],
            ["2", "H'Nga Byă", "Tình nguyện viên", "Thôn 3, xã Ea Tul", "Hỗ trợ tiêm chủng"]]
    table = d.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        if len(set(row)) == 1:
            merged = table.cell(r, 0).merge(table.cell(r, 4))
            merged.text = row[0]
            continue
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.save(str(target))
    return target


def test_decision_docx_becomes_draft_and_recipients_csv(tmp_path):
    src = make_decision(tmp_path / "qd-2345.docx")
    result = run_import(src, None, tmp_path / "decisions", data=ImportData(awards=AWARDS, campaigns=CAMPAIGNS))
    assert result.ok and result.kind == "decision"
    fm, body = read_draft(result.path)
    assert fm["doc_type"] == "QĐ" and fm["number"] == "2345" and fm["symbol"] == "QĐ-UBND"
    assert str(fm["date"]) == "2021-12-20" and fm["place"] == "Đắk Lắk"
    assert fm["issuer"] == "ubnd-tinh-dak-lak"
    assert fm["title"].startswith("Về việc tặng Bằng khen") and "CHỦ TỊCH ỦY BAN" not in fm["title"]
    assert fm["campaign"] == "covid-19-2021"
    assert fm["award"] == "bang-khen-chu-tich-tinh"
    assert fm["signer"] == {"authority": "KT.", "title": "PHÓ CHỦ TỊCH", "name": "Hoàng Văn Mẫu"}
    assert "151/KH-UBND" in review_line(result.path, "plan")
    assert "Điều 1. Tặng Bằng khen" in body
    assert result.csv_path == result.path.with_suffix(".csv")
    with result.csv_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["kind", "name", "position", "unit", "locality", "award", "achievement"]
    assert [(r["kind"], r["name"], r["position"]) for r in rows] == [
        ("collective", "Trạm Y tế xã Ea Ninh", ""),
        ("individual", "Y Tlam Niê", "Điều dưỡng"),
        ("individual", "H'Nga Byă", "Tình nguyện viên"),
    ]
    assert rows[1]["unit"] == "Bệnh viện huyện Krông Pắc" and rows[2]["achievement"] == "Hỗ trợ tiêm chủng"


# --- the command ----------------------------------------------------------------------

def test_cli_messages_and_exit_codes(corpus, tmp_path, capsys):
    out = tmp_path / "plans"
    src = str(source(corpus, "002"))
    assert cli_import([src, "--out", str(out), "--data", str(tmp_path / "none")]) == 0
    printed = capsys.readouterr().out
    assert "Đã tạo bản nháp" in printed and "OCR" in printed
    assert cli_import([src, "--out", str(out), "--data", str(tmp_path / "none")]) == 1  # exists, no --force
    assert "--force" in capsys.readouterr().err
    assert cli_import([src, "--out", str(out), "--data", str(tmp_path / "none"), "--force", "--lang", "en"]) == 0
    assert "Draft written" in capsys.readouterr().out
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4")
    assert cli_import([str(bad), "--lang", "en"]) == 1
    assert ".pdf" in capsys.readouterr().err
    assert cli_import(["--type", "memo", src]) == 2


EXAMPLE_IDS = {"000": "soc-trang-kh-2021", "001": "dak-lak-kh-2021", "002": "tra-vinh-stttt-44-2021",
               "004": "dai-mach-108-2021"}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_draft_passes_check_after_review_resolved(corpus, key, fmt, make_site):
    """Import a plan into a site holding the example data, resolve the review marks by deleting
    `review`, and the draft passes `site-builder check` as a preview build checks it."""
    import shutil

    # The example site's data and plans, with the hand-written version of this plan replaced
    # by the imported draft under the same id (campaigns and other plans refer to it).
    site = make_site()
    repo_content = Path(__file__).resolve().parents[1] / "content"
    for folder in ("data", "plans"):
        shutil.copytree(repo_content / folder, site.root / "content" / folder)
    site.write({"content/index.md": "# Trang chủ\n"})
    stem = EXAMPLE_IDS[key]
    (site.root / "content" / "plans" / f"{stem}.md").unlink()
    path = source(corpus, key)
    if fmt == "docx":
        path = docx_from_text(path.read_text(encoding="utf-8"), site.root / f"{key}.docx")
    result = run_import(path, "plan", site.root / "content" / "plans", stem=stem,
                        data=ImportData.from_folder(site.root / "content" / "data"))
    assert result.ok, result.error
    before = site.run("check", "--preview")
    assert before.returncode == 1 and "review" in before.stdout, before.stdout
    text = result.path.read_text(encoding="utf-8")
    text = re.sub(r"^review:.*\n(?:[ -].*\n)*", "", text, count=1, flags=re.M)
    result.path.write_text(text, encoding="utf-8")
    after = site.run("check", "--preview")
    assert after.returncode == 0, after.stdout
