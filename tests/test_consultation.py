"""Public consultations (lấy ý kiến nhân dân): a proposal list shown during its window only,
archived after it, never part of the honor roll (pages/consultations.py, docs/consultation.md)."""
from __future__ import annotations

import json
import re
from tests.conftest import BASE_DATA, open_data_recipients

CONSULTATION = """
    ---
    title: Danh sách đề nghị tặng Bằng khen của Thủ tướng Chính phủ năm 2026
    issuer: ubnd-tinh
    legal_basis: Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP
    award: bang-khen-ttg
    from: 2026-03-01
    to: 2026-03-15
    contact:
      office: Ban Thi đua - Khen thưởng tỉnh Mẫu
      address: 12 Đường Lê Lợi, phường Trung Tâm, tỉnh Mẫu
      phone: 0262 3852 123
      email: btdkt@mau.gov.vn
    summary: Lấy ý kiến nhân dân trước khi trình khen thưởng.
    ---
    Mọi ý kiến xin gửi về Ban Thi đua - Khen thưởng tỉnh trước ngày kết thúc.
"""
CANDIDATES = ("Họ và tên,Chức vụ,Đơn vị,Thành tích\n"
              "Ứng Viên Thứ Nhất,Bác sĩ,Bệnh viện tỉnh,Cứu chữa người bệnh\n"
              "Ứng Viên Thứ Hai,Điều dưỡng,Trạm y tế xã,Tiêm chủng\n")
NAMES = ("Ứng Viên Thứ Nhất", "Ứng Viên Thứ Hai")
# A decision of the same site, so the honor roll is not empty.
DECISION = """
    ---
    number: "12"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2026-01-05
    title: Khen thưởng năm 2025
    award: bang-khen-tinh
    signer: {authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Người Ký B}
    awardees:
      - {name: Người Được Khen, unit: Sở Y tế}
    ---
"""
FILES = {
    "content/consultations/lay-y-kien-bang-khen-ttg-2026.md": CONSULTATION,
    "content/consultations/lay-y-kien-bang-khen-ttg-2026.csv": CANDIDATES,
    "content/decisions/qd-12-2026.md": DECISION,
}
PAGE = "lay-y-kien/lay-y-kien-bang-khen-ttg-2026/index.html"
SITE_URL = "https://thiduakhenthuong.mau.gov.vn/"


def build(make_site, today: str, *extra: dict, **yml):
    site = make_site(BASE_DATA, FILES, *extra, site_url=SITE_URL, **yml)
    site.run("build", check_exit=0, env={"SITE_BUILDER_TODAY": today})
    return site


def test_not_shown_before_its_window(make_site):
    site = build(make_site, "2026-02-28")
    assert not (site.root / "site" / PAGE).exists()
    assert "Danh sách đề nghị tặng Bằng khen" not in site.html("index.html")
    listing = site.html("lay-y-kien/index.html")
    assert "Danh sách đề nghị tặng Bằng khen" not in listing
    assert "Hiện không có danh sách nào đang lấy ý kiến." in listing
    assert "Danh sách đề nghị tặng Bằng khen" not in site.html("lay-y-kien/rss.xml")
    assert "Danh sách đề nghị tặng Bằng khen" not in site.html("nhung/lay-y-kien/index.html")


def test_shown_on_the_home_page_and_the_section_during_its_window(make_site):
    site = build(make_site, "2026-03-10")
    home = site.html("index.html")
    notice = home[home.index('class="consultations-home"'):]
    assert "Đang lấy ý kiến nhân dân" in notice and "Danh sách đề nghị tặng Bằng khen" in notice
    assert 'href="lay-y-kien/lay-y-kien-bang-khen-ttg-2026/"' in notice
    assert "từ 01/03/2026 đến 15/03/2026" in notice and "còn 5 ngày" in notice
    listing = site.html("lay-y-kien/index.html")
    open_part = listing[listing.index('id="h-open"'):listing.index('id="h-closed"')]
    assert "Danh sách đề nghị tặng Bằng khen" in open_part and "còn 5 ngày" in open_part
    page = site.html(PAGE)
    for text in ("Ban Thi đua - Khen thưởng tỉnh Mẫu", "12 Đường Lê Lợi", "0262 3852 123",
                 'href="mailto:btdkt@mau.gov.vn"', "Nghị định 152/2025/NĐ-CP", *NAMES,
                 "Bằng khen của Thủ tướng Chính phủ", "chưa phải quyết định khen thưởng"):
        assert text in page, text
    assert page.index(NAMES[0]) < page.index(NAMES[1])  # the sheet's order
    # its feed and the portal's widget
    assert "lay-y-kien-bang-khen-ttg-2026/" in site.html("lay-y-kien/rss.xml")
    assert "Danh sách đề nghị tặng Bằng khen" in site.html("lay-y-kien/atom.xml")
    widget = site.html("nhung/lay-y-kien/index.html")
    assert "Danh sách đề nghị tặng Bằng khen" in widget and "còn 5 ngày" in widget
    # the last day says so
    site.run("build", check_exit=0, env={"SITE_BUILDER_TODAY": "2026-03-15"})
    assert "hôm nay là ngày cuối" in site.html("index.html")


def test_archived_after_its_window(make_site):
    site = build(make_site, "2026-03-16")
    assert "consultations-home" not in site.html("index.html")
    listing = site.html("lay-y-kien/index.html")
    closed_part = listing[listing.index('id="h-closed"'):]
    assert "Đã kết thúc" in closed_part and "Danh sách đề nghị tặng Bằng khen" in closed_part
    assert "Danh sách đề nghị tặng Bằng khen" not in listing[:listing.index('id="h-closed"')]
    page = site.html(PAGE)
    assert "Đợt lấy ý kiến đã kết thúc ngày 15/03/2026" in page and NAMES[0] in page
    assert "Danh sách đề nghị tặng Bằng khen" not in site.html("lay-y-kien/rss.xml")
    assert "Danh sách đề nghị tặng Bằng khen" not in site.html("nhung/lay-y-kien/index.html")


def test_the_daily_rebuild_moves_it_on_its_day(make_site):
    """The same site folder rebuilt day after day (an incremental build): it appears, then moves."""
    site = build(make_site, "2026-02-28")
    assert not (site.root / "site" / PAGE).exists()
    site.run("build", check_exit=0, env={"SITE_BUILDER_TODAY": "2026-03-01"})
    assert "còn 14 ngày" in site.html("index.html") and NAMES[0] in site.html(PAGE)
    assert "lay-y-kien-bang-khen-ttg-2026/" in site.html("lay-y-kien/rss.xml")
    site.run("build", check_exit=0, env={"SITE_BUILDER_TODAY": "2026-03-16"})
    assert "consultations-home" not in site.html("index.html")
    assert "lay-y-kien-bang-khen-ttg-2026/" not in site.html("lay-y-kien/rss.xml")


def test_candidates_appear_in_no_honor_roll_output(make_site):
    site = build(make_site, "2026-03-10")
    assert all(name in site.html(PAGE) for name in NAMES)  # they are on the site, on its own page
    own = ("lay-y-kien/", "nhung/lay-y-kien/")
    # as written, as JSON escapes them, and folded as the search index and ids write them
    forms = [form for name in NAMES for form in (name, json.dumps(name)[1:-1])]
    forms += ["ung vien thu nhat", "ung-vien-thu-nhat", "ung vien thu hai", "ung-vien-thu-hai"]
    found = []
    for path in (site.root / "site").rglob("*"):
        rel = path.relative_to(site.root / "site").as_posix()
        if not path.is_file() or rel.startswith(own) or path.suffix in (".woff2", ".woff", ".ttf", ".png", ".svg"):
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        folded = text.lower()
        found += [(rel, form) for form in forms if form in text or form in folded]
    assert found == []
    # the honor roll is there, with its own recipient only
    assert "Người Được Khen" in site.html("khen-thuong/qd-12-2026/index.html")
    recipients = json.dumps(open_data_recipients(site.root / "site"), ensure_ascii=False)
    assert "Người Được Khen" in recipients and "Ứng Viên" not in recipients
    assert '"recipient_count": 1' in site.html("du-lieu/decisions.json")


def test_the_english_home_page_shows_it_too(make_site):
    site = build(make_site, "2026-03-10", languages=("vi", "en"))
    home = site.html("en/index.html")
    assert "Open for public comment" in home and 'href="../en/lay-y-kien/lay-y-kien-bang-khen-ttg-2026/"' in home
    assert "5 days left" in home


def check(make_site, *extra: dict) -> str:
    site = make_site(BASE_DATA, FILES, *extra)
    proc = site.run("check", env={"SITE_BUILDER_TODAY": "2026-03-10"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout + proc.stderr


def _frontmatter(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_a_window_that_ends_before_it_starts_is_an_error(make_site):
    out = check(make_site, {"content/consultations/lay-y-kien-bang-khen-ttg-2026.md":
                            _frontmatter(CONSULTATION, "to: 2026-03-15", "to: 2026-02-15")})
    assert re.search(r"content/consultations/lay-y-kien-bang-khen-ttg-2026\.md:7\b.*to", out), out
    assert "kết thúc (to: 2026-02-15) trước khi bắt đầu (from: 2026-03-01)" in out


def test_missing_contacts_are_an_error(make_site):
    text = re.sub(r"    contact:\n(      .*\n)+", "", CONSULTATION)
    out = check(make_site, {"content/consultations/lay-y-kien-bang-khen-ttg-2026.md": text})
    assert "lay-y-kien-bang-khen-ttg-2026.md" in out and "chưa ghi cách góp ý" in out
    # an office alone is no way to comment
    text = re.sub(r"      (address|phone|email):.*\n", "", CONSULTATION)
    out = check(make_site, {"content/consultations/lay-y-kien-bang-khen-ttg-2026.md": text})
    assert re.search(r"lay-y-kien-bang-khen-ttg-2026\.md:8\b.*chưa ghi cách góp ý", out), out


def test_a_feedback_link_alone_is_enough(make_site):
    text = re.sub(r"    contact:\n(      .*\n)+", "    contact: {url: 'https://dichvucong.mau.gov.vn/phan-anh'}\n",
                  CONSULTATION)
    site = build(make_site, "2026-03-10", {"content/consultations/lay-y-kien-bang-khen-ttg-2026.md": text})
    assert 'href="https://dichvucong.mau.gov.vn/phan-anh"' in site.html(PAGE)


def test_missing_dates_basis_and_candidates_are_errors(make_site):
    text = _frontmatter(CONSULTATION, "    from: 2026-03-01\n", "")
    text = _frontmatter(text, "    legal_basis: Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP\n", "")
    out = check(make_site, {"content/consultations/lay-y-kien-bang-khen-ttg-2026.md": text,
                            "content/consultations/lay-y-kien-bang-khen-ttg-2026.csv": None})
    assert "'from': thiếu trường bắt buộc" in out and "'legal_basis': thiếu trường bắt buộc" in out, out
    assert "danh sách lấy ý kiến không có ai" in out


def test_personal_data_is_refused_outside_the_contact_fields(make_site):
    # the office's phone and e-mail in `contact` pass (test above); in the summary they do not
    text = _frontmatter(CONSULTATION, "summary: Lấy ý kiến nhân dân trước khi trình khen thưởng.",
                        "summary: Gọi anh Hùng 0912 345 678")
    out = check(make_site, {"content/consultations/lay-y-kien-bang-khen-ttg-2026.md": text})
    assert re.search(r"lay-y-kien-bang-khen-ttg-2026\.md:13\b.*summary", out), out
    # nor in the candidates' sheet, as for a decision's recipients
    out = check(make_site, {"content/consultations/lay-y-kien-bang-khen-ttg-2026.csv":
                            CANDIDATES + "Ứng Viên Thứ Ba,Kỹ sư,Sở Xây dựng,SĐT 0912 345 678\n"})
    assert "lay-y-kien-bang-khen-ttg-2026.csv" in out and "số điện thoại" in out


def test_a_sheet_without_its_consultation_is_reported(make_site):
    out = check(make_site, {"content/consultations/khong-co.csv": CANDIDATES})
    assert "content/consultations/khong-co.csv" in out and "danh sách lấy ý kiến" in out
