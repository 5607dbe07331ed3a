"""The recipients open data as one CSV file per decision with an index (feeds/recipient_files.py,
issue 24 items 2 and 3): an edit rewrites its decision's file and the index and no other
open-data file; the index keeps its bytes while nothing it lists changes; /du-lieu/ links to it."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from tests.test_incremental import HEADER
from tests.test_open_data_files import ROWS_1, core_build, files

from .conftest import BASE_DATA, documented_records


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")


def open_data(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every open-data file: path -> (bytes, modification time in ns)."""
    folder = out / "du-lieu"
    return {str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_recipients_are_one_csv_file_per_decision_listed_by_the_index(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out, site_url="https://td.example.gov.vn/")
    folder = out / "du-lieu/khen-thuong"
    # one copy of the records, the CSV (issue 24 item 3: no <decision>.json beside it)
    assert sorted(p.name for p in folder.iterdir()) == ["index.csv", "index.json", "qd-1.csv", "qd-2.csv"]
    assert not (out / "du-lieu/recipients.json").exists() and not (out / "du-lieu/recipients.csv").exists()
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert index["decisions"] == 2 and index["count"] == 5 and "as_of" not in index
    rows = list(csv.DictReader(io.StringIO((folder / "index.csv").read_text(encoding="utf-8-sig"))))
    assert [r["decision"] for r in rows] == [item["decision"] for item in index["items"]] == ["qd-1", "qd-2"]
    assert list(index["items"][0]) == list(rows[0]) == ["decision", "count", "csv", "csv_bytes", "csv_sha256"]
    records = documented_records()
    for item, row in zip(index["items"], rows):
        data = (folder / f"{item['decision']}.csv").read_bytes()
        assert item["csv"] == row["csv"] == f"https://td.example.gov.vn/du-lieu/khen-thuong/{item['decision']}.csv"
        assert item["csv_bytes"] == int(row["csv_bytes"]) == len(data)
        assert item["csv_sha256"] == row["csv_sha256"] == hashlib.sha256(data).hexdigest()
        one = records(data.decode("utf-8"))
        assert item["count"] == len(one) and {i["decision"] for i in one} == {item["decision"]}
    # one line of the index per decision, in both files
    text = (folder / "index.json").read_text(encoding="utf-8")
    assert sum('"decision":"qd-' in line for line in text.splitlines()) == 2


def test_one_recipient_edit_rewrites_its_decision_file_and_the_index_only(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    before = open_data(out)
    edited = [row.replace("Điều trị bệnh nhân nặng.", "Ghi chú cập nhật.") for row in ROWS_1]
    site.write({"content/decisions/qd-1.csv": HEADER + "\n".join(edited) + "\n"})
    core_build(site, out)
    after = open_data(out)
    assert set(after) == set(before)
    changed = {path for path in after if after[path] != before[path]}
    assert changed == {"du-lieu/khen-thuong/qd-1.csv", "du-lieu/khen-thuong/index.json",
                       "du-lieu/khen-thuong/index.csv"}
    assert "Ghi chú cập nhật." in after["du-lieu/khen-thuong/qd-1.csv"][0].decode("utf-8")
    # one line of each index changed: qd-1's
    for name in ("index.json", "index.csv"):
        old = before["du-lieu/khen-thuong/" + name][0].decode("utf-8-sig").splitlines()
        new = after["du-lieu/khen-thuong/" + name][0].decode("utf-8-sig").splitlines()
        assert len(old) == len(new)
        differing = [(a, b) for a, b in zip(old, new) if a != b]
        assert len(differing) == 1 and "qd-1" in differing[0][1], name


def test_nothing_changed_keeps_every_open_data_file_and_the_index(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    before = open_data(out)
    assert "du-lieu/khen-thuong/index.json" in before and "du-lieu/khen-thuong/qd-2.csv" in before
    core_build(site, out)
    assert open_data(out) == before
    site.write({"content/decisions/qd-2.md": (site.root / "content/decisions/qd-2.md").read_text(encoding="utf-8")
                + "\nMột câu thêm.\n"})  # a decision's body is in no recipient record
    core_build(site, out)
    after = open_data(out)
    assert {p: v for p, v in after.items() if "khen-thuong/" in p} == {p: v for p, v in before.items() if "khen-thuong/" in p}


def test_no_recipients_file_is_larger_than_the_whole_province_file_was(make_site, tmp_path):
    """Each file holds a part of the records of the former du-lieu/recipients.*: the rows of
    all decision files, in index order, are that dataset's rows."""
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    folder = out / "du-lieu/khen-thuong"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    texts = [(folder / f"{item['decision']}.csv").read_bytes().decode("utf-8-sig") for item in index["items"]]
    whole = texts[0] + "".join(text.split("\r\n", 1)[1] for text in texts[1:])  # one header
    assert len(documented_records()(whole)) == index["count"] == 5
    for item in index["items"]:
        assert item["csv_bytes"] < len(whole.encode("utf-8"))


def test_the_open_data_page_links_to_the_index(make_site, tmp_path):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    out = tmp_path / "out"
    core_build(site, out)
    for page in ("du-lieu/index.html", "en/du-lieu/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "khen-thuong/index.json" in html and "khen-thuong/index.csv" in html, page
        assert "recipients.json" not in html and "recipients.csv" not in html, page


def test_the_documented_reading_gives_each_record_back_as_it_was_written(make_site, tmp_path):
    """docs/open-data.md's `records`: an achievement written as a list ("- Hoàn thành…", as
    many are) is published with the formula guard's apostrophe and read back without it; an
    empty cell is null; the place's split is a boolean."""
    rows = ["individual,Nguyễn Văn Ba,Cán bộ,Sở Y tế,huyen-dong,,- Hoàn thành xuất sắc nhiệm vụ năm 2021.",
            "collective,Trạm Y tế xã Tây,,,huyen-dong,,"]
    site = make_site(BASE_DATA, files(), {"content/decisions/qd-1.csv": HEADER + "\n".join(rows) + "\n"})
    out = tmp_path / "out"
    core_build(site, out)
    text = (out / "du-lieu/khen-thuong/qd-1.csv").read_bytes().decode("utf-8")
    assert ",'- Hoàn thành xuất sắc nhiệm vụ năm 2021.," in text
    first, second = documented_records()(text)
    assert first["achievement"] == "- Hoàn thành xuất sắc nhiệm vụ năm 2021." and first["name"] == "Nguyễn Văn Ba"
    assert second["position"] is None and second["unit"] is None and second["achievement"] is None
    assert first["today_locality_part"] is False and first["stt"] is None
