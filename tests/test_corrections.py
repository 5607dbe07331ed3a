"""Corrections with a trail (Quyết định đính chính), addresses that stay when a name is fixed in
the sheet, and annulment in the law's words (issue 22, item 2; docs/honor-roll.md)."""
from __future__ import annotations

import csv
import io
import json

from .conftest import BASE_DATA, annulment, open_data_recipients

OLD, NEW = "Ngyễn Văn Nam", "Nguyễn Văn Nam"
DECISION = """
    ---
    number: "1234"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen
    award: bang-khen-tinh
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    ---
    Tặng Bằng khen.
"""
SHEET = "ho_ten,chuc_vu,don_vi,dia_phuong\nLê Thị Mai,Điều dưỡng,Trạm Y tế xã Tây,huyen-dong\n{name},Tổ trưởng,{unit},tinh-mau\n"
CORRECTING = """
    ---
    number: "1600"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2022-04-05
    title: Về việc đính chính Quyết định số 1234/QĐ-UBND
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    corrects:
      - decision: qd-1234-2021
        recipient: ngyen-van-nam
        field: name
        from: "%s"
        to: "%s"
      - {decision: qd-1234-2021, recipient: ngyen-van-nam, field: unit, from: Tổ COVID, to: Tổ COVID cộng đồng}
    ---
    **Điều 1.** Đính chính họ và tên, đơn vị của một cá nhân tại Quyết định số 1234/QĐ-UBND.
""" % (OLD, NEW)


def _site(make_site, correcting=CORRECTING, plugin=None):
    # A portal may frame the site, so that it has embed variants and recipient cards to show
    # the correction in too (a site nobody may frame has none: issue 24).
    return make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION,
                                 "content/decisions/qd-1234-2021.csv": SHEET.format(name=OLD, unit="Tổ COVID"),
                                 "content/decisions/qd-1600-2022.md": correcting},
                     languages=("vi", "en"), site_url="https://thidua.example.gov.vn/",
                     plugin={"frame_ancestors": ["https://portal.example.gov.vn"], **(plugin or {})})


def _files(site):
    return {p.relative_to(site.root / "site").as_posix(): p.read_bytes().decode("utf-8", "replace")
            for p in (site.root / "site").rglob("*") if p.is_file()}


def test_a_correction_keeps_the_address_and_shows_the_trail(make_site):
    # with a recipient page in each language, whose English one tells the trail in English
    site = _site(make_site, plugin={"recipient_pages": "every-language"})
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")  # the same address as before
    main = page.split("<main", 1)[1]
    # a Vietnamese page: its values carry no lang="vi" of their own (issue 24)
    assert f'<h1 id="r-name">{NEW}</h1>' in main and "Tổ COVID cộng đồng" in main
    history = main.split('id="history-title">Lịch sử</h2>', 1)[1].split("</section>", 1)[0]
    assert ('05/04/2022: <a href="../../khen-thuong/qd-1600-2022/">Quyết định số 1600/QĐ-UBND</a> đính chính '
            f'họ và tên từ “{OLD}” thành “{NEW}”.') in history
    assert "đính chính đơn vị từ “Tổ COVID” thành" in history
    assert main.count(OLD) == 1  # in the trail only
    english = site.html("en/khen-thuong/qd-1234-2021/ngyen-van-nam.html")
    assert ">History</h2>" in english and "corrected the name from" in english
    # Everything else that shows the recipient shows the corrected name, and never the old one.
    decision = site.html("khen-thuong/qd-1234-2021/index.html")
    assert NEW in decision and "Tổ COVID cộng đồng" in decision
    assert NEW in site.html("khen-thuong/qd-1234-2021/nhung-nguoi.html")  # the embed cards
    assert NEW in site.html("khen-thuong/dia-phuong/tinh-mau/index.html")
    rows = list(csv.DictReader(io.StringIO((site.root / "site/du-lieu/khen-thuong/qd-1234-2021.csv")
                                           .read_text(encoding="utf-8-sig"))))  # the page's download
    assert [NEW, "Tổ COVID cộng đồng", "qd-1234-2021/ngyen-van-nam"] == [rows[1]["name"], rows[1]["unit"], rows[1]["id"]]
    files = _files(site)
    shards = [text for path, text in files.items() if path.startswith("search/names/") and NEW in text]
    assert shards, "the corrected name is in the search index"
    records = open_data_recipients(site.root / "site")[0]["items"]  # the open data, read as documented
    assert NEW in [r["name"] for r in records] and OLD not in json.dumps(records, ensure_ascii=False)
    # The correcting decision's page says what it corrected, linking the recipient.
    correcting = site.html("khen-thuong/qd-1600-2022/index.html").split('id="corrects-title">Đính chính</h2>', 1)[1]
    assert (f'<a href="../../khen-thuong/qd-1234-2021/ngyen-van-nam.html" lang="vi">{NEW}</a> — '
            '<a href="../../khen-thuong/qd-1234-2021/">Quyết định số 1234/QĐ-UBND</a>: họ và tên '
            f'“<span lang="vi">{OLD}</span>” thành') in correcting
    # The old name is only in the trail: the recipient's history and the correcting decision
    # (its page, its embed and its print page).
    trail = {"khen-thuong/qd-1234-2021/ngyen-van-nam.html", "en/khen-thuong/qd-1234-2021/ngyen-van-nam.html",
             "khen-thuong/qd-1600-2022/index.html", "khen-thuong/qd-1600-2022/nhung.html",
             "khen-thuong/qd-1600-2022/in/index.html",
             "en/khen-thuong/qd-1600-2022/index.html", "en/khen-thuong/qd-1600-2022/nhung.html",
             "en/khen-thuong/qd-1600-2022/in/index.html"}
    leaks = sorted(path for path, text in files.items() if (OLD in text or "ngyen van nam" in text.lower())
                   and path not in trail)
    assert not leaks, leaks


def test_check_refuses_a_correction_aimed_wrong(make_site):
    wrong = CORRECTING.replace("recipient: ngyen-van-nam\n", "recipient: ngyen-van-nan\n").replace(
        "field: unit, from: Tổ COVID,", "field: unit, from: Tổ COVlD,")
    wrong = wrong.replace("    ---\n    **Điều 1.**", """      - {decision: qd-1234-2021, recipient: le-thi-mai, field: award, from: a, to: b}
      - {decision: qd-9999-2021, recipient: le-thi-mai, field: unit, from: a, to: b}
      - {decision: qd-1234-2021, recipient: le-thi-mai, field: locality, from: huyen-dong, to: huyen-bac}
      - {decision: qd-1234-2021, recipient: le-thi-mai, field: unit, from: Trạm Y tế xã Tây, to: "ĐT 0912345678"}
    ---
    **Điều 1.**""")
    site = _site(make_site, correcting=wrong)
    out = site.run("check", "--lang", "en", check_exit=1).stdout
    file = "content/decisions/qd-1600-2022.md"
    assert (f"{file}:10: 'corrects[0].recipient': decision \"qd-1234-2021\" has no awardee with the id "
            "\"ngyen-van-nan\"; did you mean 'ngyen-van-nam'?") in out
    assert (f"{file}:14: 'corrects[1].from': the unit of \"qd-1234-2021/ngyen-van-nam\" is \"Tổ COVID\", "
            "not \"Tổ COVlD\"") in out
    assert f"{file}:15: 'corrects[2].field': " in out and "award" in out
    assert f"{file}:16: 'corrects[3].decision': " in out and "qd-9999-2021" in out
    assert f"{file}:17: 'corrects[4].to': there is no administrative unit with the id \"huyen-bac\"" in out
    assert f"{file}:18: 'corrects[5].to': field 'unit' seems to hold" in out  # personal data, as in a sheet
    # A correction dated before the decision it corrects is aimed at the wrong decision.
    early = _site(make_site, correcting=CORRECTING.replace("date: 2022-04-05", "date: 2021-10-01"))
    out = early.run("check", "--lang", "en", check_exit=1).stdout
    assert (f"{file}:9: 'corrects[0].decision': this correction is dated 2021-10-01, before the decision "
            "\"qd-1234-2021\" it corrects (2021-11-20)") in out


def test_a_name_corrected_in_the_sheet_keeps_the_old_address_working(make_site):
    site = make_site(BASE_DATA, {"content/decisions/qd-1234-2021.md": DECISION,
                                 "content/decisions/qd-1234-2021.csv": SHEET.format(name=OLD, unit="Tổ COVID")},
                     site_url="https://thidua.example.gov.vn/")
    site.run("build", check_exit=0)
    assert OLD in site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")
    site.write({"content/decisions/qd-1234-2021.csv": SHEET.format(name=NEW, unit="Tổ COVID")})
    site.run("build", check_exit=0)
    assert NEW in site.html("khen-thuong/qd-1234-2021/nguyen-van-nam.html")
    moved = site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")
    assert '<meta http-equiv="refresh" content="0; url=../../khen-thuong/qd-1234-2021/nguyen-van-nam.html">' in moved
    assert ('<link rel="canonical" href="https://thidua.example.gov.vn/khen-thuong/qd-1234-2021/nguyen-van-nam.html">'
            in moved)
    assert OLD not in moved and "ngyen-van-nam" not in site.html("khen-thuong/qd-1234-2021/index.html")
    sitemaps = [p.read_text(encoding="utf-8") for p in (site.root / "site").glob("sitemap*.xml")]
    assert sitemaps and not [text for text in sitemaps if "ngyen-van-nam" in text]
    # check says where, and how to keep the redirect for good
    out = site.run("check", "--lang", "en", check_exit=0).stdout
    assert ("content/decisions/qd-1234-2021.csv, row 3, column ho_ten: warning: 'name': the name on this row was "
            f"corrected (\"{OLD}\" to \"{NEW}\"), so the page's address changed from "
            "khen-thuong/qd-1234-2021/ngyen-van-nam.html to khen-thuong/qd-1234-2021/nguyen-van-nam.html") in out
    assert ("add to content/decisions/qd-1234-2021.md: moved_recipients: [{from: ngyen-van-nam, to: nguyen-van-nam}]"
            in out)
    # a later build keeps it
    site.write({"content/decisions/qd-1234-2021.csv": SHEET.format(name=NEW, unit="Tổ COVID cộng đồng")})
    site.run("build", check_exit=0)
    assert "nguyen-van-nam.html" in site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")
    # written in the decision, it survives the loss of the build's cache, and check is quiet
    site.write({"content/decisions/qd-1234-2021.md": DECISION.replace(
        "signer:", "moved_recipients: [{from: ngyen-van-nam, to: nguyen-van-nam}]\n    signer:")})
    (site.root / ".cache/site-builder/published-recipients.marshal").unlink()
    site.run("build", check_exit=0)
    assert "moved_recipients" not in site.run("check", check_exit=0).stdout
    assert "nguyen-van-nam.html" in site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")


def test_an_annulled_award_is_named_in_the_law_s_words(make_site):
    annulling = annulment("1500", "qd-1234-2021", "le-thi-mai")
    site = _site(make_site, plugin={"recipient_pages": "every-language"})  # its English page says it too
    site.write({"content/decisions/qd-1500-2022.md": annulling})
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/qd-1234-2021/le-thi-mai.html")
    assert ("Đã hủy bỏ quyết định khen thưởng và thu hồi hiện vật, tiền thưởng theo "
            '<a href="../../khen-thuong/qd-1500-2022/">Quyết định số 1500/QĐ-UBND</a>') in page
    assert "thu hồi Bằng khen" not in page and "Khen thưởng đã bị thu hồi" not in page
    english = site.html("en/khen-thuong/qd-1234-2021/le-thi-mai.html")
    assert "Award annulled" in english and "the insignia and prize money are recovered" in english
    assert "Hủy bỏ quyết định khen thưởng, thu hồi hiện vật, tiền thưởng" in site.html(
        "khen-thuong/qd-1500-2022/index.html")


def test_a_correction_finds_its_recipient_after_the_sheet_was_fixed_too(make_site):
    """The sheet carries the corrected name as well: the correction still names the old id, its
    old address redirects, with no build cache at all, and the page keeps the trail."""
    site = _site(make_site)
    site.write({"content/decisions/qd-1234-2021.csv": SHEET.format(name=NEW, unit="Tổ COVID")})
    out = site.run("check", "--lang", "en", check_exit=0).stdout
    assert "moved_recipients" not in out and "'corrects" not in out
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/qd-1234-2021/nguyen-van-nam.html")
    assert f"thành “{NEW}”" in page and "Tổ COVID cộng đồng" in page
    moved = site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")
    assert 'url=../../khen-thuong/qd-1234-2021/nguyen-van-nam.html"' in moved


def test_an_annulment_may_name_a_recipient_by_its_former_id(make_site):
    annulling = """
        ---
        number: "1700"
        symbol: QĐ-UBND
        issuer: ubnd-tinh
        date: 2022-06-01
        title: Về việc hủy bỏ quyết định khen thưởng
        signer: {title: CHỦ TỊCH, name: Trần Văn B}
        revokes:
          - {decision: qd-1234-2021, recipient: ngyen-van-nam}
        ---
        Hủy bỏ quyết định khen thưởng.
    """
    site = _site(make_site)
    site.write({"content/decisions/qd-1234-2021.csv": SHEET.format(name=NEW, unit="Tổ COVID"),
                "content/decisions/qd-1700-2022.md": annulling})
    site.run("build", check_exit=0)
    assert "Đã hủy bỏ quyết định khen thưởng" in site.html("khen-thuong/qd-1234-2021/nguyen-van-nam.html")
    assert NEW not in site.html("khen-thuong/qd-1234-2021/index.html")
    assert NEW in site.html("khen-thuong/qd-1700-2022/index.html")


def test_moves_are_found_by_place_or_job_and_not_in_a_list_replaced_whole():
    from types import SimpleNamespace

    from site_builder.honor.moves import MOST_GONE, moves_of, rows_of

    def people(names, position="Tình nguyện viên"):
        return [SimpleNamespace(id=f"id-{i}-{n}", name=n, position=position, unit="Đoàn") for i, n in enumerate(names)]

    before = people(["Lê Thị Mai", "Ngyễn Văn Nam", "Trần Văn Bình"])
    previous = (rows_of(before), {})
    fixed = [before[0], SimpleNamespace(id="nguyen", name="Nguyễn Văn Nam", position="Tổ trưởng", unit="Tổ"), before[2]]
    assert moves_of(previous, fixed) == {before[1].id: ("nguyen", "Ngyễn Văn Nam")}  # same place
    shifted = [SimpleNamespace(id="new-row", name="Phạm Thị Hoa", position="", unit=""), before[0],
               SimpleNamespace(id="nguyen", name="Nguyễn Văn Nam", position="Tình nguyện viên", unit="Đoàn"),
               before[2]]
    assert moves_of(previous, shifted) == {before[1].id: ("nguyen", "Ngyễn Văn Nam")}  # same job
    other = [before[0], SimpleNamespace(id="hoang", name="Hoàng Thị Lan", position="", unit=""), before[2]]
    assert moves_of(previous, other) == {}  # a different person took the row
    many = people([f"Nguyễn Văn Nam {i}" for i in range(MOST_GONE + 1)])
    renamed = [SimpleNamespace(id=a.id + "x", name=a.name + "x", position=a.position, unit=a.unit) for a in many]
    assert moves_of((rows_of(many), {}), renamed) == {}
    assert len(moves_of((rows_of(many[:MOST_GONE]), {}), renamed[:MOST_GONE])) == MOST_GONE


def test_a_correction_added_later_reaches_every_page_on_the_next_build(make_site):
    site = _site(make_site, correcting=None)
    site.run("build", check_exit=0)
    assert OLD in site.html("khen-thuong/qd-1234-2021/index.html")
    site.write({"content/decisions/qd-1600-2022.md": CORRECTING})
    site.run("build", check_exit=0)
    page = site.html("khen-thuong/qd-1234-2021/ngyen-van-nam.html")
    assert 'id="history-title"' in page and f"<h1 id=\"r-name\">{NEW}</h1>" in page
    for path in ("khen-thuong/qd-1234-2021/index.html", "khen-thuong/dia-phuong/tinh-mau/index.html",
                 "khen-thuong/qd-1234-2021/nhung-nguoi.html", "du-lieu/khen-thuong/qd-1234-2021.csv"):
        text = (site.root / "site" / path).read_text(encoding="utf-8-sig")
        assert NEW in text and OLD not in text, path
