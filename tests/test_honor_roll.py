"""Honor rolls: decision pages, recipient pages, browse pages, CSV downloads, spreadsheets,
the authority rule and revocation, on tiny sites written inline."""
from __future__ import annotations

import csv
import html
import io
import re

import pytest

from .conftest import BASE_DATA, sheet_decision

DECISION = """
    ---
    number: "1234"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    place: Mẫu
    date: 2021-11-20
    title: Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích trong phòng, chống dịch COVID-19
    plan: kh-tinh
    phase: Đợt 1
    award: bang-khen-tinh
    signer: {authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}
    recipients: [Như Điều 3, Lưu VT]
    awardees:
      - kind: collective
        name: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Đã có thành tích xuất sắc trong công tác tiêm chủng.
      - kind: collective
        name: Công an huyện Đông
        locality: huyen-dong
      - name: Nguyễn Thị Ánh
        position: Điều dưỡng
        unit: Trạm Y tế xã Tây
        locality: huyen-dong
        achievement: Trực chốt kiểm dịch 60 ngày liên tục.
      - name: Trần Văn Anh
        position: Bác sĩ
        unit: Bệnh viện tỉnh
        locality: tinh-mau
      - name: Đặng Văn Bình
        position: Tài xế
        unit: Trung tâm cấp cứu 115
      - name: Dương Thị Bình
        position: Tình nguyện viên
        unit: Hội Chữ thập đỏ tỉnh
        locality: tinh-mau
    ---
    **Điều 1.** Tặng Bằng khen của Chủ tịch UBND tỉnh cho 2 tập thể và 4 cá nhân (có danh sách kèm theo).
"""


def names_in_order(html: str) -> list[str]:
    """The names of a decision page's list, in the order it shows them."""
    table = html.split('<table class="roll-table annex">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', table)


def test_decision_page_is_an_official_document_with_the_list(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION})
    site.run("build", check_exit=0)
    html = site.html("khen-thuong/qd-1234-2021/index.html")
    # the document layout shared with plans
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Số: 1234/QĐ-UBND" in html
    assert "Mẫu, ngày 20 tháng 11 năm 2021" in html and "QUYẾT ĐỊNH" in html
    assert "KT. CHỦ TỊCH" in html and "Phạm Văn D" in html
    # one anchor per recipient
    for rid in ("tram-y-te-xa-tay", "cong-an-huyen-dong", "nguyen-thi-anh", "tran-van-anh"):
        assert f'<tr id="{rid}">' in html
    # a row links its recipient's page by its file name, beside the decision's page (issue 24)
    assert '<a href="nguyen-thi-anh.html">' in html and "../../khen-thuong/qd-1234-2021/nguyen" not in html
    # in the order the decision lists them (its annex), numbered in that order; browse pages
    # sort (tests/test_signed_order.py)
    assert names_in_order(html) == ["Trạm Y tế xã Tây", "Công an huyện Đông", "Nguyễn Thị Ánh", "Trần Văn Anh",
                                    "Đặng Văn Bình", "Dương Thị Bình"]
    # the plan it rewards, and the CSV download
    assert 'href="../../van-ban/kh-tinh/"' in html
    assert 'href="../../du-lieu/khen-thuong/qd-1234-2021.csv" download' in html
    # the plan's page lists the decision that rewards it
    plan = site.html("van-ban/kh-tinh/index.html")
    assert 'href="../../khen-thuong/qd-1234-2021/"' in plan and "1234/QĐ-UBND" in plan


def test_recipient_page_is_shareable(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION})
    site.write({"mkdocs.yml": (site.root / "mkdocs.yml").read_text().replace(
        "site_name: Thử nghiệm", "site_name: Thử nghiệm\nsite_url: https://thidua.example.gov.vn/")})
    site.run("build", check_exit=0)
    html = site.html("khen-thuong/qd-1234-2021/nguyen-thi-anh.html")
    # a decision's page gets what recipient pages give link previews, no og:url, og:site_name
    # or og:locale (the canonical link and the host say them: issue 24); its issuer's JSON-LD stays
    decision = site.html("khen-thuong/qd-1234-2021/index.html")
    assert '<link rel="canonical" href="https://thidua.example.gov.vn/khen-thuong/qd-1234-2021/">' in decision
    assert '<meta property="og:title" content="Quyết định số 1234/QĐ-UBND' in decision
    assert "og:url" not in decision and "og:site_name" not in decision and "og:locale" not in decision
    assert '"@type": "GovernmentOrganization"' in decision
    # a Vietnamese page: the recipient's values need no lang="vi" of their own (issue 24)
    assert '<h1 id="r-name">Nguyễn Thị Ánh</h1>' in html and 'lang="vi">' not in html.split("<main", 1)[1]
    for text in ("Điều dưỡng", "Trạm Y tế xã Tây", "Huyện Đông", "Bằng khen của Chủ tịch UBND tỉnh",
                 "Trực chốt kiểm dịch 60 ngày liên tục.", "Quyết định số 1234/QĐ-UBND", "20/11/2021"):
        assert text in html, text
    assert re.search(r'<meta property="og:title" content="Nguyễn Thị Ánh — Bằng khen của Chủ tịch UBND tỉnh">', html)
    # the card's second line and the search snippet: the decision and the achievement, not the
    # award form again (the title says it), within the 120 characters a phone's search result shows (issue 24)
    description = re.search(r'<meta property="og:description" content="([^"]*)">', html)[1]
    assert description.startswith("Quyết định số 1234/QĐ-UBND, 20/11/2021, ") and "Trực chốt" in description
    assert f'<meta name="description" content="{description}">' in html
    # its address is the canonical link (no og:url repeating it: issue 24)
    assert ('<link rel="canonical" href="https://thidua.example.gov.vn/khen-thuong/qd-1234-2021/'
            'nguyen-thi-anh.html">') in html and "og:url" not in html
    assert '<meta property="og:image" content="https://thidua.example.gov.vn/chia-se/' in html
    # a link back to the row in the decision's list
    assert 'href="./#nguyen-thi-anh"' in html  # relative to the page's folder, its decision's (issue 24)
    assert "<script" not in html.split("</head>", 1)[1]
    # no from-disk line on a recipient's page (issue 24); the decision's page, a list, keeps it
    assert "from-disk.js" not in html and "from-disk.js" in decision


def test_a_long_achievement_is_cut_to_what_a_phone_search_result_shows(make_site):
    long = ("Có nhiều đóng góp trong phong trào xây dựng nông thôn mới, trực tiếp vận động nhân dân hiến đất "
            "làm đường giao thông nông thôn và nạo vét kênh mương nội đồng.")
    decision = DECISION.replace("        unit: Bệnh viện tỉnh\n", f"        unit: Bệnh viện tỉnh\n        achievement: {long}\n")
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": decision})
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/qd-1234-2021/tran-van-anh.html")
    description = html.unescape(re.search(r'<meta name="description" content="([^"]*)">', page)[1])
    # about what a search result on a phone shows, ending where it was cut (issue 24)
    assert description.startswith("Quyết định số 1234/QĐ-UBND, 20/11/2021, ") and "Có nhiều đóng góp" in description
    assert 100 <= len(description) <= 120 and description.endswith("…"), description
    assert long in page  # the page itself has all of it


def test_english_pages_use_award_labels_from_data(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION}, languages=("vi", "en"))
    site.run("build", check_exit=0)
    html = site.html("en/khen-thuong/qd-1234-2021/index.html")  # recipient pages are in the site's language
    assert "Certificate of Merit of the Provincial Chairman" in html
    assert "Certificate of Merit of the Provincial Chairman" in site.html("en/khen-thuong/hinh-thuc/bang-khen-tinh/index.html")
    overview = site.html("en/khen-thuong/index.html")
    assert "Certificate of Merit of the Provincial Chairman" in overview


DECISION_EN = """
    ---
    title: On awarding Certificates of Merit for the COVID-19 response
    ---
    **Article 1.** Certificates of Merit of the Provincial Chairman to 2 collectives and 4 individuals.
"""


def test_another_language_sums_up_a_decision_and_links_its_list_in_the_site_s_language(make_site):
    """recipient_pages (default site-language): the English and Khmer decision pages are a
    summary at the same address, the decision's facts and a link to the Vietnamese list; the
    text only where it is translated (docs/honor-roll.md "The lists of people, in the site's
    language")."""
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION,
                                 "content/decisions/qd-1234-2021.en.md": DECISION_EN}, languages=("vi", "en", "km"))
    site.run("build", check_exit=0)
    for prefix, link in (("en/", "The list of 6 recipients is in Vietnamese"),
                         ("km/", "បញ្ជីអ្នកទទួលការលើកសរសើរ 6 គឺជាភាសាវៀតណាម")):
        page = site.html(f"{prefix}khen-thuong/qd-1234-2021/index.html")
        main = page.split('<main id="main"', 1)[1]
        assert f'<p class="lead list-elsewhere"><a href="../../../khen-thuong/qd-1234-2021/" hreflang="vi">{link}</a></p>' in main
        assert "roll-table" not in main and "Nguyễn Thị Ánh" not in main and 'class="pager"' not in main
        assert "fallback-note" not in page  # the summary is in the page's language
        assert "doc-summary" in main and "/du-lieu/khen-thuong/qd-1234-2021.csv" in main  # its facts, the CSV
    english = site.html("en/khen-thuong/qd-1234-2021/index.html")
    assert "Certificate of Merit of the Provincial Chairman</a>: 6</li>" in english
    assert "<strong>Article 1.</strong>" in english and "Điều 1." not in english  # translated: its text
    khmer = site.html("km/khen-thuong/qd-1234-2021/index.html")
    assert 'class="document"' not in khmer and "Điều 1." not in khmer  # not translated: on the Vietnamese page
    assert '<h1 id="doc-title" class="roll-page-title">' in khmer
    # the Vietnamese page: its text and its list
    vi = site.html("khen-thuong/qd-1234-2021/index.html")
    assert "Điều 1." in vi and "Nguyễn Thị Ánh" in vi and "list-elsewhere" not in vi


def test_browse_pages_count_by_award_place_campaign_and_year(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION})
    site.run("build", check_exit=0)
    overview = site.html("khen-thuong/index.html")
    assert re.search(r'href="../khen-thuong/hinh-thuc/bang-khen-tinh/">Bằng khen của Chủ tịch UBND tỉnh</a>'
                     r'</th><td class="num">6</td>', overview)
    assert 'href="../khen-thuong/nam/2021/"' in overview and 'href="../khen-thuong/phong-trao/covid/"' in overview
    award = site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html")
    assert "6 khen thưởng" in award
    # by place: huyen-dong ceased in 2025 and is now part of tinh-mau
    district = site.html("khen-thuong/dia-phuong/huyen-dong/index.html")
    assert "Nay thuộc:" in district and 'href="../../../khen-thuong/dia-phuong/tinh-mau/"' in district
    assert "3 khen thưởng" in district
    province = site.html("khen-thuong/dia-phuong/tinh-mau/index.html")
    # 2 recorded in the province itself + 3 recorded in the district, which is part of it today
    assert re.search(r"Theo địa danh ghi trong quyết định: <strong>5</strong>", province)
    assert re.search(r"Theo đơn vị hành chính hiện nay: <strong>5</strong>", province)
    campaign = site.html("khen-thuong/phong-trao/covid/index.html")
    assert "Đợt 1" in campaign and "1234/QĐ-UBND" in campaign
    year = site.html("khen-thuong/nam/2021/index.html")
    assert "1234/QĐ-UBND" in year and "6 khen thưởng" in year


def test_the_csv_download_is_the_open_data_file_of_the_decision(make_site):
    """Issue 24: the decision page's download is its open-data CSV, one file for every
    language's page; no second copy (danh-sach.csv) is written beside the page."""
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION}, languages=("vi", "en"))
    site.run("build", check_exit=0)
    out = site.root / "site"
    for prefix, root in (("", "../../"), ("en/", "../../../")):
        page = site.html(f"{prefix}khen-thuong/qd-1234-2021/index.html")
        links = re.findall(r'<a class="download" href="([^"]+)" download>', page)
        assert links == [root + "du-lieu/khen-thuong/qd-1234-2021.csv"], prefix
        assert (out / prefix / "khen-thuong/qd-1234-2021" / links[0]).resolve().is_file()
        assert not list((out / prefix).rglob("danh-sach.csv")), prefix
    raw = (out / "du-lieu/khen-thuong/qd-1234-2021.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads Vietnamese correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    # the annex's order; a list that gives no STT is in that order, with its stt empty
    assert [r["name"] for r in rows] == ["Trạm Y tế xã Tây", "Công an huyện Đông", "Nguyễn Thị Ánh", "Trần Văn Anh",
                                         "Đặng Văn Bình", "Dương Thị Bình"]
    assert {r["stt"] for r in rows} == {""}
    anh = rows[2]
    assert anh["kind"] == "individual" and anh["position"] == "Điều dưỡng" and anh["locality_name"] == "Huyện Đông"
    assert anh["award_label"] == "Bằng khen của Chủ tịch UBND tỉnh" and anh["decision_reference"] == "1234/QĐ-UBND"


def write_xlsx(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def test_xlsx_recipients_with_vietnamese_headers(make_site):
    site = make_site(BASE_DATA, sheet_decision("qd-77-2021"))
    write_xlsx(site.root / "content/decisions/qd-77-2021.xlsx", [
        ["Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Địa phương", "Thành tích"],
        ["Cá nhân", "Lê Văn Ước", "Dân quân", "Ban CHQS xã Tây", "huyen-dong", "Tham gia 45 ngày trực chốt."],
        ["Tập thể", "Hội Phụ nữ xã Tây", None, None, "huyen-dong", None],
    ])
    site.run("build", check_exit=0)
    html = site.html("khen-thuong/qd-77-2021/index.html")
    assert names_in_order(html) == ["Lê Văn Ước", "Hội Phụ nữ xã Tây"]
    page = site.html("khen-thuong/qd-77-2021/le-van-uoc.html")
    assert "Tham gia 45 ngày trực chốt." in page


def test_sheet_errors_name_row_and_column(make_site):
    site = make_site(BASE_DATA, sheet_decision("qd-77-2021"))
    site.write({"content/decisions/qd-77-2021.csv":
                "loai,ho_ten,dia_phuong,hinh_thuc\n"
                "Cá nhân,Lê Văn Ước,huyen-dong,bang-khen-tinh\n"
                "ca nhân lạ,Phạm Thị Hoa,huyen-tay,bang-khen-tinh\n"})
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "content/decisions/qd-77-2021.csv, row 3, column loai" in proc.stdout
    assert "content/decisions/qd-77-2021.csv, row 3, column dia_phuong" in proc.stdout
    assert '"huyen-tay"' in proc.stdout


def test_commune_chairman_cannot_confer_a_bang_khen(make_site):
    files = sheet_decision("qd-9-2021", award="giay-khen")
    files["content/decisions/qd-9-2021.md"] = files["content/decisions/qd-9-2021.md"].replace(
        "issuer: ubnd-tinh", "issuer: ubnd-xa")
    site = make_site(BASE_DATA, files)
    site.write({"content/decisions/qd-9-2021.csv":
                "kind,name,award\n"
                "individual,Lê Văn Ước,giay-khen\n"
                "individual,Phạm Thị Hoa,bang-khen-tinh\n"})
    site.run("build", check_exit=1)
    proc = site.run("check", "--lang", "en", check_exit=1)
    out = proc.stdout
    assert "content/decisions/qd-9-2021.csv, row 3, column award" in out
    assert "a commune People's Committee chairman may confer only" in out
    assert '"Certificate of Merit of the Provincial Chairman" is conferred by' in out
    assert "row 2" not in out
    # a default award beyond the issuer's power is reported once, at the decision's `award` line
    files["content/decisions/qd-9-2021.md"] = files["content/decisions/qd-9-2021.md"].replace(
        "award: giay-khen", "award: bang-khen-ttg")
    site.write(files)
    site.write({"content/decisions/qd-9-2021.csv": "kind,name\nindividual,Lê Văn Ước\nindividual,Phạm Thị Hoa\n"})
    proc = site.run("check", "--lang", "en", check_exit=1)
    hits = [line for line in proc.stdout.splitlines() if "may confer only" in line]
    assert len(hits) == 1 and hits[0].startswith("content/decisions/qd-9-2021.md:8: 'award'"), hits


REVOKING = """
    ---
    number: "1500"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2022-03-02
    title: Về việc thu hồi Bằng khen
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    revokes:
      - {decision: qd-1234-2021, recipient: nguyen-thi-anh, reason: Hồ sơ đề nghị khen thưởng không trung thực}
    ---
    **Điều 1.** Thu hồi Bằng khen đã tặng bà Nguyễn Thị Ánh.
"""


def test_revocation_end_to_end(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION,
                                 "content/decisions/qd-1500-2022.md": REVOKING})
    site.run("build", check_exit=0)
    decision = site.html("khen-thuong/qd-1234-2021/index.html")
    assert "Nguyễn Thị Ánh" not in decision and 'id="nguyen-thi-anh"' not in decision
    assert 'href="../../khen-thuong/qd-1500-2022/"' in decision  # "some awards were revoked, see ..."
    for page in ("khen-thuong/hinh-thuc/bang-khen-tinh/index.html", "khen-thuong/dia-phuong/huyen-dong/index.html",
                 "khen-thuong/dia-phuong/tinh-mau/index.html", "khen-thuong/nam/2021/index.html",
                 "khen-thuong/index.html", "khen-thuong/phong-trao/covid/index.html"):
        assert "Nguyễn Thị Ánh" not in site.html(page), page
    assert "5 khen thưởng" in site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html")
    assert "2 khen thưởng" in site.html("khen-thuong/dia-phuong/huyen-dong/index.html")
    assert re.search(r'bang-khen-tinh/">[^<]+</a></th><td class="num">5</td>', site.html("khen-thuong/index.html"))
    csv_text = (site.root / "site/du-lieu/khen-thuong/qd-1234-2021.csv").read_text(encoding="utf-8-sig")
    assert "Nguyễn Thị Ánh" not in csv_text and "Trần Văn Anh" in csv_text
    # the old URL still answers, says the award was revoked and by which decision, and nothing else
    old = site.html("khen-thuong/qd-1234-2021/nguyen-thi-anh.html")
    assert "hủy bỏ quyết định khen thưởng" in old and "thu hồi hiện vật, tiền thưởng" in old and "1500/QĐ-UBND" in old and 'href="../../khen-thuong/qd-1500-2022/"' in old
    assert '<meta name="robots" content="noindex">' in old
    for private in ("Điều dưỡng", "Trực chốt kiểm dịch", "Trạm Y tế xã Tây", "không trung thực"):
        assert private not in old.split("<main", 1)[1], private
    # the revoking decision says what it revoked
    revoking = site.html("khen-thuong/qd-1500-2022/index.html")
    assert "Nguyễn Thị Ánh" in revoking and "không trung thực" in revoking


def test_revocation_references_are_checked(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION,
                                 "content/decisions/qd-1500-2022.md": REVOKING.replace("recipient: nguyen-thi-anh",
                                                                                       "recipient: nguyen-thi-anhh")})
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "content/decisions/qd-1500-2022.md:9: 'revokes[0].recipient'" in proc.stdout
    assert 'decision "qd-1234-2021" has no awardee with the id "nguyen-thi-anhh"' in proc.stdout
    assert "did you mean 'nguyen-thi-anh'" in proc.stdout
    site.write({"content/decisions/qd-1500-2022.md": REVOKING.replace("decision: qd-1234-2021", "decision: qd-9999")})
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert 'no decision with the id "qd-9999"' in proc.stdout


def test_browse_pages_sort_tones_as_dictionaries_and_ede_jrai_names_by_personal_name(make_site):
    """Tones none, huyền, hỏi, ngã, sắc, nặng; an Ê Đê or Jrai name by the personal name after
    its H' or Y, whether the clan comes first ("Ksor H'Mai") or last ("H'Mai Niê")."""
    names = ["Lê Thị Thụy", "Lê Thị Thúy", "Lê Thị Thũy", "Lê Thị Thủy", "Lê Thị Thùy", "Lê Thị Thuy",
             "Y Ngông Niê Kdăm", "Ksor H'Mai", "H'Mai Niê", "Nguyễn Thị Mai", "Lê Thị Hoa"]
    site = make_site(BASE_DATA, sheet_decision("qd-77-2021"))
    site.write({"content/decisions/qd-77-2021.csv": "kind,name\n" + "".join(f"individual,{n}\n" for n in names)})
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/hinh-thuc/bang-khen-tinh/index.html")
    shown = [html.unescape(n) for n in re.findall(r'<th scope="row"[^>]*><a href="[^"]+">([^<]+)</a>', page)]
    assert shown == ["Lê Thị Hoa", "Ksor H'Mai", "Nguyễn Thị Mai", "H'Mai Niê", "Y Ngông Niê Kdăm",
                     "Lê Thị Thuy", "Lê Thị Thùy", "Lê Thị Thủy", "Lê Thị Thũy", "Lê Thị Thúy", "Lê Thị Thụy"]


def test_long_lists_are_paginated(make_site):
    rows = "".join(f"individual,Nguyễn Văn Người{i:03d}\n" for i in range(450))
    site = make_site(BASE_DATA, sheet_decision("qd-77-2021"))
    site.write({"content/decisions/qd-77-2021.csv": "kind,name\n" + rows})
    site.run("build", check_exit=0)
    first = site.html("khen-thuong/qd-77-2021/index.html")
    third = site.html("khen-thuong/qd-77-2021/trang/5/index.html")  # 100 rows a page
    assert first.count("<tr id=") == 100 and third.count("<tr id=") == 50
    assert 'href="../../khen-thuong/qd-77-2021/trang/2/" rel="next"' in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in third  # the document itself is on page 1 only
    # numbering continues across pages; a recipient on page 3 links to its row there
    assert '<td>401</td>' in third
    last = re.findall(r'<tr id="([^"]+)">', third)[-1]
    page = site.html(f"khen-thuong/qd-77-2021/{last}.html")
    assert f'href="trang/5/#{last}"' in page
    assert site.html("khen-thuong/hinh-thuc/bang-khen-tinh/trang/5/index.html").count("<tr><td>") == 50


def test_story_with_photo_on_the_recipient_page(make_site):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3"/></svg>'
    site = make_site(BASE_DATA, {
        "content/decisions/qd-1234-2021.md": DECISION,
        "content/stories/chi-anh.md": """
            ---
            decision: qd-1234-2021
            recipient: nguyen-thi-anh
            title: Sáu mươi ngày ở chốt kiểm dịch
            photo: stories/images/chi-anh.svg
            photo_alt: Chị Ánh đo thân nhiệt cho người dân tại chốt kiểm dịch
            ---
            Chị Ánh đã **trực chốt** suốt hai tháng.
        """,
        "content/stories/images/chi-anh.svg": svg,
    })
    site.run("build", check_exit=0)
    html = site.html("khen-thuong/qd-1234-2021/nguyen-thi-anh.html")
    assert "Sáu mươi ngày ở chốt kiểm dịch" in html and "<strong>trực chốt</strong>" in html
    assert ('<img src="../../khen-thuong/qd-1234-2021/nguyen-thi-anh-chi-anh.svg" '
            'alt="Chị Ánh đo thân nhiệt cho người dân tại chốt kiểm dịch"') in html
    assert (site.root / "site/khen-thuong/qd-1234-2021/nguyen-thi-anh-chi-anh.svg").read_bytes() == svg


def test_story_about_an_unknown_recipient_is_an_error(make_site):
    site = make_site(BASE_DATA, {
        "content/decisions/qd-1234-2021.md": DECISION,
        "content/stories/chi-anh.md": """
            ---
            decision: qd-1234-2021
            recipient: nguyen-thi-an
            title: Sáu mươi ngày
            ---
            Văn bản.
        """,
    })
    proc = site.run("check", "--lang", "en", check_exit=1)
    assert "content/stories/chi-anh.md:3: 'recipient'" in proc.stdout


@pytest.mark.parametrize("name", ["Trang", "Danh Sách"])
def test_recipient_ids_never_collide_with_page_folders(make_site, name):
    site = make_site(BASE_DATA, sheet_decision("qd-77-2021"))
    site.write({"content/decisions/qd-77-2021.csv": f"kind,name,id\nindividual,{name},\n"})
    site.run("build", check_exit=0)
    html = site.html("khen-thuong/qd-77-2021/index.html")
    rid = re.findall(r'<tr id="([^"]+)">', html)[0]
    assert rid not in ("trang", "danh-sach") and rid.endswith("-2")


PLACES_UNITS = """
    tinh-mau:
      name: Tỉnh Mẫu
      type: province
    huyen-bac:
      name: Huyện Bắc
      type: district
      parent: tinh-mau
      until: 2025-06-30
    xa-tay:
      name: Xã Tây
      type: commune
      parent: huyen-bac
"""
PLACES_DECISION = """
    ---
    number: "77"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2024-05-02
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    awardees:
      - {kind: collective, name: Sở Y tế tỉnh Mẫu, locality: tinh-mau}
      - {kind: collective, name: Công an huyện Bắc, locality: huyen-bac}
      - {name: Lò Văn Xã, position: Trưởng thôn, locality: xa-tay}
      - {name: Vi Thị Thôn, position: Y tá, locality: xa-tay}
    ---
"""


def test_a_place_lists_its_own_awards_and_links_to_the_units_under_it(make_site):
    """Each award is listed once, on the page of its own place: a district that ceased lists its
    own and links to its communes (as recorded); the province lists its own and the ceased
    district's (which belong to it today) and links to the communes under it today."""
    site = make_site(BASE_DATA, {"content/data/units.yml": PLACES_UNITS, "content/decisions/qd-77-2024.md": PLACES_DECISION})
    site.run("build", check_exit=0)
    commune = site.html("khen-thuong/dia-phuong/xa-tay/index.html")
    assert "Lò Văn Xã" in commune and "Vi Thị Thôn" in commune and "Các đơn vị trực thuộc" not in commune
    district = site.html("khen-thuong/dia-phuong/huyen-bac/index.html")
    assert "3 khen thưởng" in district  # its own and its commune's
    units, own = district.split("Các đơn vị trực thuộc", 1)[1].split("Khen thưởng ghi cho chính Huyện Bắc", 1)
    assert re.search(r'href="../../../khen-thuong/dia-phuong/xa-tay/">Xã Tây</a></th><td class="num">2</td>', units)
    assert "Công an huyện Bắc" in own and "Lò Văn Xã" not in own
    province = site.html("khen-thuong/dia-phuong/tinh-mau/index.html")
    assert "4 khen thưởng" in province
    units, own = province.split("Các đơn vị trực thuộc", 1)[1].split("Khen thưởng ghi cho chính Tỉnh Mẫu", 1)
    assert re.search(r'dia-phuong/xa-tay/">Xã Tây</a></th><td class="num">2</td>', units)
    assert "huyen-bac" not in units  # the district is not a unit of the province today
    assert "Sở Y tế tỉnh Mẫu" in own and "Công an huyện Bắc" in own and "Vi Thị Thôn" not in own


def test_csv_rows_and_one_line_texts_are_what_the_standard_library_makes():
    """The decision CSV is written line by line (text/csv_file.py: what csv.writer makes of the
    cells, formulas neutralised with a leading apostrophe) and its achievements made one line
    without splitting the ones that need nothing (text/one_line.py)."""
    import csv
    import io
    import random

    from site_builder.text.csv_file import FORMULA_STARTS, csv_row
    from site_builder.text.one_line import one_line

    rng = random.Random(7)
    import sys

    # one_line's fast path rests on this: every whitespace character but the space is unprintable
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]
    pieces = ["Nguyễn", " ", "  ", ",", '"', "\n", "\r", "\t", "\u00a0", "\u3000", "\u200b", "a", "Đặng Thị Ánh",
              "'", ";", ""]
    for _ in range(3000):
        cells = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 6))]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(
            ["'" + cell if cell.startswith(FORMULA_STARTS) else cell for cell in cells])
        if len(cells) > 1 or cells[0]:  # csv.writer quotes a lone empty cell
            assert csv_row(cells) == buffer.getvalue(), cells
        text = cells[0]
        assert one_line(text) == " ".join(text.split()), repr(text)
