"""Open-data files at scale (feeds/opendata.py, feeds/recipient_files.py): the bytes are those
of json.dumps(indent=1) and csv.writer, the recipients files (one pair per decision) that did
not change are kept from the previous build, and an edit is never missed."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.config import SiteConfig
from site_builder.feeds import opendata, recipient_files
from site_builder.honor import shared_text
from site_builder.content.dates import DocDate
from site_builder.content.model import Awardee, Correction
from tests.test_incremental import DECISION, HEADER, ROWS_2
from tests.test_incremental import files as incremental_site

from .conftest import BASE_DATA, open_data_recipients

REPO = Path(__file__).resolve().parents[1]

# Values that trip hand-made encoders: quotes, commas, a line break inside a cell, percent
# signs and braces (format strings), a backslash, Khmer, empty cells.
ROWS_1 = [
    'individual,"Nguyễn ""Tèo"" Văn, %s {0}",Cán bộ %d,"Đơn vị ""A"", {x}",huyen-dong,,"Dòng một\n'
    'dòng hai; 100% ""đạt"" {ok} \\ gạch"',
    "individual,Trần Văn Anh,Bác sĩ,Bệnh viện tỉnh,tinh-mau,,Điều trị bệnh nhân nặng.",
    "collective,សហគមន៍ ខ្មែរ,,,,,",
]
REVOCATION = """
    ---
    number: "200"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-12-20
    title: Thu hồi Bằng khen
    signer: {title: CHỦ TỊCH, name: Trần Văn B}
    revokes:
      - {decision: qd-2, recipient: pham-thi-dung, reason: Khai man thành tích}
    ---
    Thu hồi.
"""


def files(rows1=ROWS_1, rows2=ROWS_2) -> dict:
    """The two-decision site of tests/test_incremental.py, with the rows above in the first."""
    return incremental_site(rows1, rows2)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")


def core_build(site, out: Path, clean: bool = False, site_url: str = ""):
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme",
                        site_url=site_url)
    build_site(config, out, clean=clean)


@pytest.fixture
def encoded(monkeypatch):
    """Decision ids whose recipients piece was encoded (not copied from the previous files)."""
    made: list[str] = []
    real = opendata.recipient_columns

    def counting(ctx, decision, awardees):
        made.append(decision.id)
        return real(ctx, decision, awardees)

    monkeypatch.setattr(opendata, "recipient_columns", counting)
    # Seen only when the data files are made in this process, not in a forked one.
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    return made


def recipients(out: Path) -> tuple[dict, list[dict]]:
    return open_data_recipients(out)


def recipients_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "du-lieu/khen-thuong").iterdir())}


def test_files_are_exactly_what_json_dumps_and_csv_writer_give(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    for name in ("plans", "decisions", "khen-thuong/qd-1", "khen-thuong/qd-2"):
        if "/" not in name:  # the recipients are CSV only (issue 24 item 3)
            raw = (out / f"du-lieu/{name}.json").read_bytes()
            data = json.loads(raw)
            assert data["items"], name
            assert raw == (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), name
        raw_csv = (out / f"du-lieu/{name}.csv").read_bytes()
        table = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"), newline="")))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(table)
        assert raw_csv == buffer.getvalue().encode("utf-8-sig"), name
    data, rows = recipients(out)
    tricky = data["items"][0]
    assert tricky["name"] == 'Nguyễn "Tèo" Văn, %s {0}' and "\n" in tricky["achievement"]
    assert rows[0]["achievement"] == tricky["achievement"]
    assert data["items"][2]["position"] is None and rows[2]["position"] == ""


def test_json_text_matches_json_dumps_for_nested_and_empty_datasets():
    head = {"dataset": "plans", "count": 2}
    items = [{"id": "a", "n": 1, "ok": True, "x": None, "list": [], "phases": [{"name": "Đợt 1"}]},
             {"id": 'q"uote\\', "f": 1.5}]
    for case in (items, []):
        expected = json.dumps({**head, "items": case}, ensure_ascii=False, indent=1) + "\n"
        assert opendata.dataset_json(head, case) == expected


def test_edit_one_recipient_rebuild_the_edit_is_in_data_and_search(make_site, tmp_path, encoded):
    """Unchanged decisions' files are kept from the previous build; the files add up to what
    a build from nothing makes."""
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    assert sorted(set(encoded)) == ["qd-1", "qd-2"]

    encoded.clear()
    edited = [row.replace("Điều trị bệnh nhân nặng.", "Ghi chú cập nhật.").replace("Trần Văn Anh", "Trần Văn Ánh")
              for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    core_build(site, out)
    assert set(encoded) == {"qd-1"}  # qd-2's files were kept
    data, rows = recipients(out)
    by_id = {item["id"]: item for item in data["items"]}
    assert by_id["qd-1/tran-van-anh"]["achievement"] == "Ghi chú cập nhật."
    assert by_id["qd-1/tran-van-anh"]["name"] == "Trần Văn Ánh"
    assert [r["achievement"] for r in rows if r["id"] == "qd-1/tran-van-anh"] == ["Ghi chú cập nhật."]
    assert by_id["qd-2/pham-thi-dung"]["achievement"] == "Dạy học trực tuyến."
    shards = " ".join(p.read_text(encoding="utf-8") for p in (out / "search/names/r").iterdir())
    assert "Trần Văn Ánh" in shards and "Trần Văn Anh" not in shards
    # the kept files and the new ones are what a build from nothing makes
    fresh = tmp_path / "fresh"
    core_build(site, fresh, clean=True)
    assert recipients_files(out) == recipients_files(fresh)


def test_pieces_are_reused_when_the_build_writes_over_the_live_folder(make_site, tmp_path, encoded):
    """`direct` output (the development server) writes over the published files themselves:
    an unchanged decision's files stay, the edited one's are rewritten."""
    from site_builder.build import publish_site
    from site_builder.content.loader import load_site

    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme")
    publish_site(load_site(config), out, direct=True)
    encoded.clear()
    edited = [row.replace("Điều trị bệnh nhân nặng.", "Ghi chú cập nhật.") for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    publish_site(load_site(config), out, direct=True)
    assert set(encoded) == {"qd-1"}
    fresh = tmp_path / "fresh"
    core_build(site, fresh, clean=True)
    assert recipients_files(out) == recipients_files(fresh)


def test_unchanged_files_are_kept_without_encoding_anything(make_site, tmp_path, encoded):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    before = {p.name: p.stat().st_ino for p in (out / "du-lieu/khen-thuong").iterdir()}
    encoded.clear()
    site.write({"content/decisions/qd-2.md": DECISION.format(number="102", day="21") + "\nMột câu thêm.\n"})
    core_build(site, out)  # a decision's body is in no recipient record
    assert encoded == []
    assert {name: (out / "du-lieu/khen-thuong" / name).stat().st_ino for name in before} == before


def test_a_revocation_in_another_decision_removes_the_recipient(make_site, tmp_path, encoded):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    encoded.clear()
    site.write({"content/decisions/qd-thu-hoi.md": REVOCATION})
    core_build(site, out)
    assert set(encoded) == {"qd-2"}
    data, rows = recipients(out)
    assert "qd-2/pham-thi-dung" not in {item["id"] for item in data["items"]} | {r["id"] for r in rows}
    assert data["count"] == len(data["items"]) == 4


def test_a_damaged_previous_file_is_not_reused(make_site, tmp_path, encoded):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    target = out / "du-lieu/khen-thuong/qd-2.csv"
    target.write_bytes(target.read_bytes()[:-40])  # not the size the manifest recorded
    encoded.clear()
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(ROWS_1[1:]) + "\n"})
    core_build(site, out)
    assert "qd-2" in encoded
    fresh = tmp_path / "fresh"
    core_build(site, fresh, clean=True)
    assert recipients_files(out) == recipients_files(fresh)
    ids = [item["id"] for item in recipients(out)[0]["items"]]
    assert len(ids) == 4 and ids[0] == "qd-1/tran-van-anh" and ids[2:] == ["qd-2/le-van-cuong", "qd-2/pham-thi-dung"]


def test_an_achievement_edited_alone_in_a_sheet_rewrites_its_decisions_file(make_site, tmp_path, encoded):
    """The piece key reads a sheet's achievements without decoding them (their bytes): an edit
    to one achievement, and nothing else, still makes its decision's file again, and only it."""
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    encoded.clear()
    edited = [row.replace("Điều trị bệnh nhân nặng.", "Điều trị bệnh nhân nặng và cứu sống 12 ca.") for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    core_build(site, out)
    assert set(encoded) == {"qd-1"}
    _data, rows = recipients(out)
    assert [r["achievement"] for r in rows if r["id"] == "qd-1/tran-van-anh"] == ["Điều trị bệnh nhân nặng và cứu sống 12 ca."]
    fresh = tmp_path / "fresh"
    core_build(site, fresh, clean=True)
    assert recipients_files(out) == recipients_files(fresh)


def test_a_piece_key_covers_every_awardee_field_and_ignores_string_interning():
    class Ctx:
        class site:
            bodies: dict = {}

    class Decision:
        id, reference = "qd-1", "1/QĐ-UBND"

        class date:
            @staticmethod
            def iso():
                return "2021-11-20"

        @staticmethod
        def get(key):
            return "2021-11-20" if key == "date" else None

    def awardee(**changes):
        values = dict(decision="qd-1", id="a", kind="individual", name="Nguyễn Văn " + "An", award="bk",
                      position="Bác sĩ", unit="Bệnh viện", locality="tinh-mau", achievement="Tốt.",
                      public_fields=[], revoked_by=None)
        values.update(changes)
        return Awardee(**values)

    key = recipient_files.piece_key(Ctx, Decision, [awardee()], "stamp")
    assert recipient_files.piece_key(Ctx, Decision, [awardee(name=sys.intern("Nguyễn Văn An"))], "stamp") == key
    assert recipient_files.piece_key(Ctx, Decision, [awardee()], "other stamp") != key
    # every field an awardee is made with (not what is derived and kept on it: _sort_key ...)
    assert set(recipient_files.AWARDEE_FIELDS) == {
        name for name, f in Awardee.__dataclass_fields__.items() if f.init and name != "source"}
    assert "achievement" in recipient_files.AWARDEE_FIELDS and "_escaped" not in recipient_files.AWARDEE_FIELDS
    changed = {"decision": "qd-2", "id": "b", "kind": "collective", "name": "Lê Văn An", "award": "gk",
               "position": None, "unit": "Trạm", "locality": "huyen-dong", "achievement": "Tốt lắm.",
               "public_fields": ["unit"], "revoked_by": "qd-9", "stt": "7", "group": "II. CÁ NHÂN",
               "corrections": (Correction("qd-3", DocDate(2022, 1, 5), "name", "Lê Văn Ân", "Lê Văn An"),)}
    assert set(changed) == set(recipient_files.AWARDEE_FIELDS)
    for field, value in changed.items():
        assert recipient_files.piece_key(Ctx, Decision, [awardee(**{field: value})], "stamp") != key, field
    # an achievement as a sheet holds it, not decoded (honor/shared_text.py): the same text
    # keys alike, another text not
    held = shared_text.unpack(shared_text.pack(["Tốt.", "Tốt lắm.", "Tốt."]))
    as_held = recipient_files.piece_key(Ctx, Decision, [awardee(achievement=held[0])], "stamp")
    assert recipient_files.piece_key(Ctx, Decision, [awardee(achievement=held[2])], "stamp") == as_held
    assert recipient_files.piece_key(Ctx, Decision, [awardee(achievement=held[1])], "stamp") != as_held


def test_manifest_entries_that_are_not_ours_are_ignored():
    entry = recipient_files.Entry("key", 30, "ab12")
    assert recipient_files.Entry.parse(entry.dump()) == entry
    for text in (None, "c0123", "decision-files-1 key x ab12", "decision-files-1 key 30", "pieces-1 d 10 30 k1:5"):
        assert recipient_files.Entry.parse(text) is None


def test_finish_leaves_the_data_files_to_write_data_once_the_renderer_has_run_it(tmp_path):
    from site_builder import feeds
    from site_builder.pages import search_page

    calls = []

    class Ctx:
        data_written = False

        class config:
            site_url = ""

    for module in (feeds, search_page):
        original = module.write_data
        module.write_data = lambda ctx, output, m=module: calls.append(m.__name__)
        try:
            ctx = Ctx()
            module.finish(ctx, None)
            ctx.data_written = True
            module.finish(ctx, None)
        finally:
            module.write_data = original
    assert calls == ["site_builder.feeds", "site_builder.pages.search_page"]


def test_calendars_and_small_datasets_are_made_again_only_when_a_document_changed(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    made = ["lich/tat-ca.ics", "du-lieu/plans.json", "du-lieu/decisions.csv"]
    inodes = {path: (out / path).stat().st_ino for path in made}
    edited = [row.replace("Trần Văn Anh", "Trần Văn Ánh") for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    core_build(site, out)  # a recipient's name changed: no count or award, so none of these
    assert (out / "lich/tat-ca.ics").stat().st_ino == inodes["lich/tat-ca.ics"]
    assert (out / "du-lieu/plans.json").stat().st_ino == inodes["du-lieu/plans.json"]
    assert (out / "du-lieu/decisions.csv").stat().st_ino == inodes["du-lieu/decisions.csv"]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited[1:]) + "\n"})
    core_build(site, out)  # a recipient less: decisions.csv shows the count
    assert (out / "du-lieu/decisions.csv").stat().st_ino != inodes["du-lieu/decisions.csv"]
    assert json.loads((out / "du-lieu/decisions.json").read_text(encoding="utf-8"))["items"][0]["recipient_count"] == 2

    plan = site.root / "content/plans/kh-tinh.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Gửi kế hoạch về Sở Nội vụ", "Nộp báo cáo"),
                    encoding="utf-8")
    core_build(site, out)
    assert "Nộp báo cáo" in (out / "lich/tat-ca.ics").read_text(encoding="utf-8")
    assert "Nộp báo cáo" in (out / "du-lieu/plans.json").read_text(encoding="utf-8")


def test_feeds_follow_an_edited_message_and_stay_when_nothing_they_show_changed(make_site, tmp_path):
    message = "---\nkind: slogan\ntitle: {title}\nvalid_from: 2021-09-10\n---\nChung sức!\n"
    site = make_site(BASE_DATA, {**files(), "content/messages/khau-hieu.md": message.format(title="Khẩu hiệu cũ")})
    out = tmp_path / "out"
    url = "https://thidua.example.vn/"
    core_build(site, out, site_url=url)
    feed = out / "thong-diep/rss.xml"
    assert "Khẩu hiệu cũ" in feed.read_text(encoding="utf-8")
    inode = feed.stat().st_ino
    site.write({"content/decisions/qd-2.csv": HEADER + ROWS_2[0] + "\n"})
    core_build(site, out, site_url=url)
    assert feed.stat().st_ino == inode
    site.write({"content/messages/khau-hieu.md": message.format(title="Khẩu hiệu mới")})
    core_build(site, out, site_url=url)
    assert "Khẩu hiệu mới" in feed.read_text(encoding="utf-8")


# Cells a spreadsheet would run as formulas (OWASP's CSV injection): a communicator's sheet may
# hold them by accident (a dash before an achievement) or by design.
FORMULA_ROWS = [
    'individual,Ngô Văn Bảy,Kế toán,"=HYPERLINK(""http://x.example/"",""bấm"")",tinh-mau,,@SUM(A1) ngày trực',
    "individual,Đỗ Thị Tám,Y tá,+ Trạm Y tế xã Tây,huyen-dong,,-Trực chốt 40 ngày.",
]
FORMULAS = ('=HYPERLINK("http://x.example/","bấm")', "@SUM(A1) ngày trực", "+ Trạm Y tế xã Tây",
            "-Trực chốt 40 ngày.")


def test_formula_cells_are_published_as_text_in_every_csv_and_as_written_on_pages(make_site, tmp_path):
    site = make_site(BASE_DATA, files(rows1=FORMULA_ROWS))
    out = tmp_path / "out"
    core_build(site, out)
    for path in ("du-lieu/khen-thuong/qd-1.csv",):  # also the decision page's download
        # Read as a spreadsheet splits it: UTF-8 with its BOM, comma-separated, quoted cells.
        rows = list(csv.reader(io.StringIO((out / path).read_text(encoding="utf-8-sig"), newline="")))
        cells = {cell for row in rows for cell in row}
        for formula in FORMULAS:
            assert "'" + formula in cells and formula not in cells, (path, formula)
    page = (out / "khen-thuong/qd-1/do-thi-tam.html").read_text(encoding="utf-8")
    assert "-Trực chốt 40 ngày." in page and "'-Trực" not in page
