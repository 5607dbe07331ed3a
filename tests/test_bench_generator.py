"""The benchmark's synthetic province: complete, consistent, realistic, reproducible, private;
and how the harness compares the tools."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import generate_hugo_site, generate_province  # noqa: E402

RECIPIENTS = 300
HEADER = ["kind", "name", "position", "unit", "locality", "award", "achievement"]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    return generate_province(tmp_path_factory.mktemp("province"), RECIPIENTS, seed=7)


def _front(path: Path) -> dict:
    _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front)


def _rows(province) -> list[dict]:
    rows = []
    for decision in province.decisions:
        with decision.csv.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == HEADER, decision.csv
            rows += [dict(row, decision=decision.id) for row in reader]
    return rows


def _data(province, name: str):
    return yaml.safe_load((province.content_dir / "data" / name).read_text(encoding="utf-8"))


def _all_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_writes_a_complete_project(province):
    content = province.content_dir
    assert (province.root / "mkdocs.yml").is_file()
    assert (content / "index.md").is_file()
    for name in ("bodies.yml", "awards.yml", "units.yml", "campaigns.yml"):
        assert (content / "data" / name).stat().st_size > 0
    assert len(list((content / "plans").glob("*.md"))) == 20
    assert len(list((content / "messages").glob("*.md"))) >= 4
    markdown = sorted(p.stem for p in (content / "decisions").glob("*.md"))
    spreadsheets = sorted(p.stem for p in (content / "decisions").glob("*.csv"))
    assert markdown == spreadsheets and len(markdown) >= 3


def test_mkdocs_config_uses_the_plugin_and_the_repo_theme(province):
    config = yaml.safe_load(province.config_file.read_text(encoding="utf-8"))
    assert config["plugins"] == [{"site_builder": {"languages": ["vi", "en"]}}]
    assert config["docs_dir"] == "content"
    assert config["theme"]["name"] == "material"
    assert Path(config["theme"]["custom_dir"]) == REPO / "theme"


def test_every_recipient_row_is_valid_and_counted(province):
    rows = _rows(province)
    assert len(rows) == RECIPIENTS
    units = _data(province, "units.yml")
    awards = {a["id"] for a in _data(province, "awards.yml")}
    for row in rows:
        assert row["kind"] in ("individual", "collective")
        assert row["name"] and row["unit"] and row["achievement"]
        assert (row["position"] == "") == (row["kind"] == "collective")
        assert row["locality"] in units
        assert row["award"] in awards
    collectives = sum(row["kind"] == "collective" for row in rows) / len(rows)
    assert 0.1 < collectives < 0.3


def test_every_award_is_within_its_issuers_power(province):
    bodies = _data(province, "bodies.yml")
    conferred_by = {a["id"]: a["conferred_by"] for a in _data(province, "awards.yml")}
    decisions = {d.id: _front(d.markdown) for d in province.decisions}
    for row in _rows(province):
        level = bodies[decisions[row["decision"]]["issuer"]]["level"]
        assert level in conferred_by[row["award"]], (row["decision"], row["award"])


def test_references_point_at_documents_in_the_site(province):
    plans = {p.stem: _front(p) for p in (province.content_dir / "plans").glob("*.md")}
    campaigns = _data(province, "campaigns.yml")
    for plan in plans.values():
        assert set(plan["implements"]) <= set(plans)
        assert plan["campaign"] in campaigns
    for decision in province.decisions:
        front = _front(decision.markdown)
        assert front["phase"] in [phase["name"] for phase in plans[front["plan"]]["phases"]]
    assert all(c["launched_by"] in plans for c in campaigns.values())


def test_names_are_kinh_khmer_and_ede(province):
    names = [row["name"] for row in _rows(province) if row["kind"] == "individual"]
    khmer = [n for n in names if re.match(r"(Thạch|Danh|Kim|Sơn|Lâm) (Thị |Văn )?\w+ \w+$", n)]
    ede = [n for n in names if re.match(r"(H'\w+|Y \w+) (Niê|Mlô|Êban|Ayun|Byă|Adrơng|Ktla|Hwing|"
                                        r"Ênuôl|Êya|Knul|Kbuôr|Buôn|Hđơk|Aliô|Bkrông)", n)]
    nguyen = [n for n in names if n.startswith("Nguyễn ")]
    assert khmer, "no Khmer names such as 'Thạch Thị Sa Ry'"
    assert ede, "no Ê Đê names such as \"H'Mai Niê\""
    assert 0.15 < len(nguyen) / len(names) < 0.5
    collectives = [row["name"] for row in _rows(province) if row["kind"] == "collective"]
    assert any(name.startswith(("Trạm Y tế xã", "Công an xã", "Tổ Covid cộng đồng")) for name in collectives)


def test_no_personal_data_patterns(province):
    id_card = re.compile(r"\d{12}")
    phone = re.compile(r"(\+84|\b0)\d{9}\b|\b\d{3,4}[ .]\d{3}[ .]\d{3,4}\b")
    full_date = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b|\bngày \d{1,2} tháng \d{1,2}")
    for row in _rows(province):
        for column in HEADER:
            value = row[column]
            assert not id_card.search(value), (column, value)
            assert not phone.search(value), (column, value)
            assert not full_date.search(value), (column, value)


def test_the_same_seed_gives_the_same_files(province, tmp_path):
    again = generate_province(tmp_path / "again", RECIPIENTS, seed=7)
    other = generate_province(tmp_path / "other", RECIPIENTS, seed=8)
    assert _all_files(again.root) == _all_files(province.root)
    assert _all_files(other.content_dir / "decisions") != _all_files(province.content_dir / "decisions")


def test_hugo_reference_site_has_one_page_per_entry(tmp_path):
    root = generate_hugo_site(tmp_path / "hugo", 25, seed=1)
    entries = sorted((root / "content" / "entries").glob("*.md"))
    assert len(entries) == 25
    front = _front(entries[0])
    assert {"name", "award", "unit", "decision", "date"} <= set(front)
    assert (root / "layouts" / "_default" / "single.html").is_file()
    assert (root / "config.toml").is_file()


def test_command_line_reports_what_it_wrote(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "--recipients", "40",
         "--out", str(tmp_path / "cli"), "--seed", "3"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "40 recipients in 3 decisions" in result.stdout
    assert len(list((tmp_path / "cli" / "content" / "decisions").glob("*.csv"))) == 3


def test_the_harness_compares_medians_of_alternating_rounds(tmp_path):
    """build_bench.py --rounds: the full builds of every round are printed, and the target
    line compares the two tools' medians, not one build each."""
    from bench.report import Column, table, target_checks

    ours = Column("site-builder", 50_000, build_s=9.0, build_runs=[11.0, 9.0, 8.5])
    hugo = Column("hugo", 50_000, build_s=9.5, build_runs=[9.0, 9.5, 12.0])
    printed = table([ours, hugo])
    assert "median 9.0" in printed and "11.0 9.0 8.5" in printed and "9.0 9.5 12.0" in printed
    line = next(line for line in target_checks([ours], hugo) if "Hugo" in line)
    assert line.startswith("PASS") and "medians of 3 alternating rounds" in line
    hugo.build_s = 8.9
    assert next(line for line in target_checks([ours], hugo) if "Hugo" in line).startswith("FAIL")
    single = Column("site-builder", 50_000, build_s=9.0, build_runs=[9.0])
    assert "median" not in table([single]) and "alternating" not in "".join(target_checks([single], hugo))
    assert "each round" not in table([single])

    small = Column("site-builder", 50_000, build_s=8.0, build_runs=[8.0, 7.6, 9.3])
    large = Column("site-builder", 100_000, build_s=18.0, build_runs=[15.4, 18.0, 18.5])
    line = next(line for line in target_checks([small, large], None) if "ratio" in line)
    assert line.startswith("FAIL") and "ratio 2.25" in line and "medians of 3 alternating rounds" in line


def test_the_rebuild_is_timed_against_3_s_at_50000_and_must_be_fresh_at_every_size():
    """bench/report.py: the rebuild's 3 s is judged at 50,000 (the size the issue states its
    targets for); at any size a stale rebuild fails."""
    from bench.report import Column, target_checks

    def verdict(entries, seconds, fresh):
        column = Column("site-builder", entries, build_s=9.0, rebuild_s=seconds, fresh=fresh)
        return next(line for line in target_checks([column], None) if "rebuild" in line)

    assert verdict(50_000, 2.5, "yes").startswith("PASS")
    assert verdict(50_000, 3.2, "yes").startswith("FAIL")
    assert verdict(50_000, 2.5, "no (stale: CSV download)").startswith("FAIL")
    line = verdict(100_000, 3.6, "yes")
    assert line.startswith("PASS") and "3.60 s" in line and "read at 50,000" in line
    assert verdict(100_000, 3.6, "no (stale: CSV download)").startswith("FAIL")


def test_rounds_alternate_every_size(tmp_path, capsys, monkeypatch):
    """build_bench.py --rounds with two sizes: each size is built once per round, in turn
    first and last, and the table gives every round and the medians."""
    from bench import build_bench, machine

    monkeypatch.setattr(machine, "_settle", True)  # main() sets it for its run
    build_bench.main(["--recipients", "300", "600", "--stub", "--rounds", "3", "--keep", str(tmp_path / "work")])
    out, err = capsys.readouterr()
    order = re.findall(r"round (\d): stub (\d+)", err)
    assert order == [("2", "600"), ("2", "300"), ("3", "300"), ("3", "600")]
    each = next(line for line in out.splitlines() if line.strip().startswith("each round"))
    assert len(re.findall(r"\d+\.\d", each)) == 6 and out.count("median") == 2
    assert "memory: left as is" in out


def test_each_build_starts_with_the_kernels_file_caches_freed(tmp_path, monkeypatch):
    """bench/machine.py free_kernel_caches: asks the kernel to drop its inode and directory
    caches (2) where it may, and says when it may not."""
    from bench import machine

    control = tmp_path / "drop_caches"
    control.write_text("", encoding="ascii")
    monkeypatch.setattr(machine, "DROP_CACHES", control)
    assert machine.free_kernel_caches() is True
    assert control.read_text(encoding="ascii") == "2\n"
    monkeypatch.setattr(machine, "DROP_CACHES", tmp_path / "no-such-folder" / "drop_caches")
    assert machine.free_kernel_caches() is False


def test_the_run_keeps_its_memory_from_the_host_and_puts_reporting_back(tmp_path, monkeypatch):
    """bench/machine.py memory_kept: free page reporting is paused while the run lasts and
    its order put back after, also when the run fails; the note says what was done, or that
    nothing could be; --as-is changes nothing."""
    from bench import machine

    monkeypatch.setattr(machine, "_settle", True)
    order = tmp_path / "page_reporting_order"
    order.write_text("9\n", encoding="ascii")
    monkeypatch.setattr(machine, "PAGE_REPORTING_ORDER", order)
    with machine.memory_kept(touch_bytes=3 << 20) as note:
        assert order.read_text(encoding="ascii") == "11\n"
        assert "paused" in note and "order 9 -> 11" in note and "0.0 GB" in note
    assert order.read_text(encoding="ascii") == "9\n"
    with pytest.raises(RuntimeError):
        with machine.memory_kept(touch_bytes=0):
            raise RuntimeError("a build failed")
    assert order.read_text(encoding="ascii") == "9\n"

    monkeypatch.setattr(machine, "PAGE_REPORTING_ORDER", tmp_path / "no-such-folder" / "order")
    with machine.memory_kept(touch_bytes=0) as note:
        assert "could not be paused" in note

    monkeypatch.setattr(machine, "PAGE_REPORTING_ORDER", order)
    machine.settle(False)
    with machine.memory_kept(touch_bytes=0) as note:
        assert order.read_text(encoding="ascii") == "9\n" and "left as is" in note
    assert machine.free_kernel_caches() is False


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the peak passes to children only where there is fork")
def test_touching_free_memory_leaves_the_builds_peak_memory_alone(tmp_path):
    """bench/machine.py touch_memory runs in a child of its own: a forked process starts with
    its parent's peak memory, and the bench's 21.8 GB touch read as every build's peak."""
    from bench import machine, measure

    assert machine.touch_memory(512 << 20) is True
    run = measure.run_measured([sys.executable, "-c", "pass"], tmp_path / "log")
    assert run.ok and run.peak_rss_bytes < 256 << 20


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the touch runs in a child only where there is fork")
def test_the_run_says_when_free_memory_was_not_all_touched(tmp_path, monkeypatch):
    """A touching child that is stopped (the out-of-memory killer picks it first) is reported
    in the memory line, not passed over."""
    from bench import machine

    def killed(_size):
        os.kill(os.getpid(), 9)

    order = tmp_path / "page_reporting_order"
    order.write_text("9\n", encoding="ascii")
    monkeypatch.setattr(machine, "PAGE_REPORTING_ORDER", order)
    monkeypatch.setattr(machine, "_settle", True)
    monkeypatch.setattr(machine, "_touch", killed)
    with machine.memory_kept(touch_bytes=1 << 20) as note:
        assert "not all touched" in note
    assert order.read_text(encoding="ascii") == "9\n"
