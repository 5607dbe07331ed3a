"""Recipients sheets are read again only when they changed (honor/sheet_cache.py, honor/sheets.py),
and what the cache gives back is exactly what reading the sheet gives: edits show, errors are
reported with file, row and column, and a damaged cache is ignored."""
from __future__ import annotations

import json
import os
import time
from types import SimpleNamespace

import pytest

from site_builder.honor import sheets as awardee_sheets
from site_builder.honor.awardees import awardee_sort_key, name_sort_key
from site_builder.runtime.keys import awardee_content_stamps, content_stamps
from site_builder.config import SiteConfig
from site_builder.content.loader import load_site
from site_builder.honor.sheet_cache import SheetCache, pack_texts, unpack_texts
from site_builder.urls import awardee_path as recipient_path
from site_builder.urls import recipients_file

from .conftest import BASE_DATA

DECISION = """
    ---
    number: "{number}"
    symbol: QĐ-UBND
    issuer: ubnd-tinh
    date: 2021-11-20
    title: Về việc tặng Bằng khen đợt {number}
    plan: kh-tinh
    award: bang-khen-tinh
    signer: {{authority: KT., body: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Phạm Văn D}}
    ---
    **Điều 1.** Tặng Bằng khen cho các cá nhân có tên trong danh sách kèm theo.
"""
HEADER = "Loại,Họ và tên,Chức vụ,Đơn vị,Địa phương,Hình thức,Thành tích\n"
SHEET_1 = HEADER + (
    "Cá nhân,Nguyễn Thị Ánh,Điều dưỡng,Trạm Y tế xã Tây,huyen-dong,,Trực chốt kiểm dịch liên tục.\n"
    "Cá nhân,Trần Văn Anh,Bác sĩ,Bệnh viện tỉnh,tinh-mau,,Điều trị bệnh nhân nặng.\n"
    "Tập thể,Công an huyện Đông,,,huyen-dong,,Giữ vững an ninh.\n")
SHEET_2 = HEADER + "Cá nhân,Lê Văn Cường,Tài xế,Trung tâm cấp cứu,tinh-mau,,Chở bệnh nhân trong đêm.\n"
SHEET_1_NAME = "content/decisions/qd-1-2021.csv"
SHEET_2_NAME = "content/decisions/qd-2-2021.csv"


@pytest.fixture
def two_sheets(make_site):
    return make_site(BASE_DATA, {
        "content/decisions/qd-1-2021.md": DECISION.format(number=1), SHEET_1_NAME: SHEET_1,
        "content/decisions/qd-2-2021.md": DECISION.format(number=2), SHEET_2_NAME: SHEET_2,
    })


def entry(site, name: str):
    return SheetCache(site.root).file(name)


@pytest.fixture
def parsed(monkeypatch):
    """parsed(site) loads the site in this process: (the sheets it had to read, the Site)."""
    read: list[str] = []
    real = awardee_sheets.parse_sheet
    monkeypatch.setattr(awardee_sheets, "parse_sheet", lambda file, *args: read.append(file) or real(file, *args))

    def load(site):
        read.clear()
        loaded = load_site(SiteConfig(content_dir=site.root / "content"))
        return list(read), loaded
    return load


def recipient_page(site, decision: str, recipient: str) -> str:
    """The recipient's built page, wherever honor_roll puts it (a folder or a file)."""
    path = recipient_path(SimpleNamespace(decision=decision, id=recipient))
    return site.html(path + "index.html" if path.endswith("/") else path)


def decision_csv(site, decision: str) -> str:
    """The decision's recipients as its page offers them for download (the open data's CSV)."""
    return (site.root / "site" / recipients_file(decision, "csv")).read_text(encoding="utf-8-sig")


def check_json(site, exit_code: int) -> list:
    proc = site.run("check", "--format", "json", "--lang", "en", check_exit=exit_code)
    return json.loads(proc.stdout)["problems"]


def test_an_edited_row_shows_after_the_rebuild(two_sheets):
    site = two_sheets
    site.run("build", check_exit=0)
    assert "Trực chốt kiểm dịch liên tục." in recipient_page(site, "qd-1-2021", "nguyen-thi-anh")
    assert entry(site, SHEET_1_NAME).is_file() and entry(site, SHEET_2_NAME).is_file()

    site.write({SHEET_1_NAME: SHEET_1.replace("Trực chốt kiểm dịch liên tục.", "Trực chốt kiểm dịch 90 ngày.")})
    site.run("build", check_exit=0)

    page = recipient_page(site, "qd-1-2021", "nguyen-thi-anh")
    assert "Trực chốt kiểm dịch 90 ngày." in page and "liên tục" not in page
    listing = decision_csv(site, "qd-1-2021")
    assert "Trực chốt kiểm dịch 90 ngày." in listing and "liên tục" not in listing
    assert "Chở bệnh nhân trong đêm." in recipient_page(site, "qd-2-2021", "le-van-cuong")


def every_value(awardee) -> dict:
    """Every field of an awardee, the values derived and kept on it included, and its source."""
    return {name: getattr(awardee, name) for name in awardee.__slots__} | {"source": vars(awardee.source)}


def test_only_the_edited_sheet_is_read_again(two_sheets, parsed):
    site = two_sheets
    names, cold = parsed(site)
    assert sorted(names) == [SHEET_1_NAME, SHEET_2_NAME]
    names, warm = parsed(site)
    assert names == []
    # what the cache gives is what reading gave: every field of every awardee and its source
    assert [every_value(a) for d in cold.decisions.values() for a in d.awardees] == \
        [every_value(a) for d in warm.decisions.values() for a in d.awardees]
    assert [vars(p) for p in cold.problems] == [vars(p) for p in warm.problems]
    # the digests kept with each row are those of the awardee's fields (page keys use them)
    warm_awardees = [a for d in warm.decisions.values() for a in d.awardees]
    assert len(warm_awardees) == 4
    for a in warm_awardees:
        assert awardee_content_stamps(a) == content_stamps(
            a.id, a.kind, a.name, a.award, a.position, a.unit, a.locality, a.achievement, a.public_fields)
        # and so is the sort key of its name (the honor lists' order)
        assert awardee_sort_key(a) == name_sort_key(a.kind, a.name)

    edited = SHEET_1.replace("Bệnh viện tỉnh", "Bệnh viện TỈNH")
    assert len(edited.encode()) == len(SHEET_1.encode())  # same size: only the bytes tell
    site.write({SHEET_1_NAME: edited})
    names, second = parsed(site)
    assert names == [SHEET_1_NAME]
    units = {a.name: a.unit for d in second.decisions.values() for a in d.awardees}
    assert units["Trần Văn Anh"] == "Bệnh viện TỈNH" and units["Lê Văn Cường"] == "Trung tâm cấp cứu"


def test_an_error_in_a_cached_sheet_is_reported_with_row_and_column(two_sheets):
    site = two_sheets
    site.run("build", check_exit=0)
    site.write({SHEET_1_NAME: SHEET_1.replace("Bác sĩ,Bệnh viện tỉnh,tinh-mau", "Bác sĩ,Bệnh viện tỉnh,tinh-mauu")
                .replace("Giữ vững an ninh.", "Đường dây nóng 0912 345 678")})
    proc = site.run("build", "--lang", "en", check_exit=1)
    assert f"{SHEET_1_NAME}, row 3, column Địa phương:" in proc.stderr + proc.stdout
    assert f"{SHEET_1_NAME}, row 4, column Thành tích:" in proc.stderr + proc.stdout

    # The same problems, in the same places, whether the sheet comes from the cache or not.
    cached = check_json(site, 1)
    assert {(p["file"], p["line"], p["column"], p["code"]) for p in cached} >= {
        (SHEET_1_NAME, 3, "Địa phương", "unknown_ref"), (SHEET_1_NAME, 4, "Thành tích", "personal_data")}
    for stored in SheetCache(site.root).folder.iterdir():
        stored.unlink()
    assert check_json(site, 1) == cached


def test_a_default_award_added_to_the_decision_clears_the_rows_of_an_unchanged_sheet(make_site):
    no_default = DECISION.format(number=3).replace("    award: bang-khen-tinh\n", "")
    site = make_site(BASE_DATA, {"content/decisions/qd-3-2021.md": no_default, "content/decisions/qd-3-2021.csv": SHEET_2})
    problems = check_json(site, 1)
    assert ("content/decisions/qd-3-2021.csv", 2, "Hình thức", "missing_field") in {
        (p["file"], p["line"], p["column"], p["code"]) for p in problems}
    site.write({"content/decisions/qd-3-2021.md": DECISION.format(number=3)})
    site.run("build", check_exit=0)
    assert "Bằng khen" in recipient_page(site, "qd-3-2021", "le-van-cuong")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_a_damaged_cache_entry_is_ignored_and_written_again(two_sheets, parsed, damage):
    site = two_sheets
    site.run("build", check_exit=0)
    stored = entry(site, SHEET_1_NAME)
    blob = stored.read_bytes()
    text = "liên tục".encode("utf-8")  # achievements are stored as one UTF-8 block (honor/shared_text.py)
    at = blob.index(text) + 2
    broken = {"garbage": b"\x80not a cache entry" * 50, "truncated": blob[: len(blob) // 2],
              "flipped": blob[:at] + bytes([blob[at] ^ 0x01]) + blob[at + 1:], "empty": b""}[damage]
    stored.write_bytes(broken)

    site.write({SHEET_2_NAME: SHEET_2.replace("trong đêm", "trong đêm mưa")})
    site.run("build", check_exit=0)
    assert "Trực chốt kiểm dịch liên tục." in recipient_page(site, "qd-1-2021", "nguyen-thi-anh")
    assert "Trực chốt kiểm dịch liên tục." in decision_csv(site, "qd-1-2021")

    parsed(site)  # in this process from here: the package's code is the same in every load
    stored.write_bytes(broken)
    assert parsed(site)[0] == [SHEET_1_NAME]  # read again...
    assert parsed(site)[0] == []  # ...and stored whole


def test_entries_of_deleted_sheets_are_removed(two_sheets):
    site = two_sheets
    site.run("build", check_exit=0)
    gone = entry(site, SHEET_2_NAME)
    assert gone.is_file()
    site.write({SHEET_2_NAME: None, "content/decisions/qd-2-2021.md": None})
    site.run("build", check_exit=0)
    assert not gone.exists() and entry(site, SHEET_1_NAME).is_file()


@pytest.mark.parametrize("values", [
    ["Nguyễn Thị Ánh", "Trần Văn Anh", "Ω 𝄞 emoji 🙂"],
    ["a\x1fb", "c\x1ed", "e\x00f", None, "g"],  # the separators themselves
    ["\ud800 lone surrogate", None],
    [],
    ["", "empty text"],  # kept as a plain list: "" and None must stay apart
])
def test_packed_texts_come_back_unchanged(values):
    assert unpack_texts(pack_texts(values)) == values


def test_sheets_parsed_on_every_core_load_as_parsed_in_one(two_sheets, monkeypatch):
    """A first build parses the sheets the cache lacks on every core, this process taking its
    part (awardee_sheets.read_sheets, parallel.run_items): the site it loads, problems
    included, is the one a single process loads."""
    site = two_sheets
    site.write({SHEET_2_NAME: SHEET_2 + "Cá nhân,Lê Văn Dũng,,,huyen-tay,,Số điện thoại 0912 345 678.\n"})

    def loaded(workers: str):
        for stored in SheetCache(site.root).folder.glob("*"):
            stored.unlink()
        monkeypatch.setenv("SITE_BUILDER_WORKERS", workers)
        result = load_site(SiteConfig(content_dir=site.root / "content"))
        return ([every_value(a) for d in result.decisions.values() for a in d.awardees],
                [vars(p) for p in result.problems])

    pids = site.root / "parsed-by.txt"
    real = awardee_sheets.parse_sheet
    this_process = str(os.getpid())
    worker_expected = True

    def parse(*args):  # notes which process parsed each sheet
        with open(pids, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        if worker_expected and str(os.getpid()) == this_process:
            # This process holds its sheet until the forked worker has taken the other one
            # (a wait, not a sleep: the worker may be slow to start on a loaded machine).
            deadline = time.monotonic() + 120
            while all(pid == this_process for pid in pids.read_text().split()):
                assert time.monotonic() < deadline, "no worker took the other sheet in two minutes"
                time.sleep(0.01)
        return real(*args)

    monkeypatch.setattr(awardee_sheets, "parse_sheet", parse)
    monkeypatch.setattr(awardee_sheets, "PARALLEL_BYTES", 0)
    forked = loaded("2")
    worker_expected = False
    parsers = pids.read_text().split()
    assert len(parsers) == 2 and len(set(parsers)) == 2 and str(os.getpid()) in parsers
    pids.unlink()
    single = loaded("1")
    assert pids.read_text().split() == [str(os.getpid())] * 2
    assert forked == single
    awardees, problems = forked
    assert len(awardees) == 5 and {p["code"] for p in problems} >= {"unknown_ref", "personal_data"}
    assert sorted(p.name for p in SheetCache(site.root).folder.glob("*.bin")) == sorted(
        [entry(site, SHEET_1_NAME).name, entry(site, SHEET_2_NAME).name])  # each parser stored its own
