"""A rebuild with nothing changed says so and writes nothing, without loading the site; any
change to what a build reads makes a real build (runtime/sources_stamp.py, issue 24 item 8)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import BASE_DATA
from .test_incremental import files, snapshot

REPO = Path(__file__).resolve().parents[1]
NOTHING_VI = "Không có gì thay đổi từ lần dựng trước"
NOTHING_EN = "Nothing changed since the previous build"
MARKER = ".site-builder-build"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")


@pytest.fixture
def built(make_site):
    """A site with its own copy of the theme, built once."""
    site = make_site(BASE_DATA, files())
    shutil.copytree(REPO / "theme", site.root / "theme")
    yml = site.root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(f"custom_dir: {REPO / 'theme'}", "custom_dir: theme"),
                   encoding="utf-8")
    first = site.run("build", check_exit=0)
    assert NOTHING_VI not in first.stderr
    return site


def rebuilt(site, *args: str, env: dict | None = None) -> bool:
    """Build again; True when the build said nothing changed (and then wrote nothing)."""
    before = snapshot(site.root / "site")
    proc = site.run("build", *args, check_exit=0, env=env)
    said = NOTHING_VI in proc.stderr
    if said:
        assert snapshot(site.root / "site") == before
    return said


def test_a_rebuild_with_nothing_changed_says_so_and_touches_nothing(built):
    out = built.root / "site"
    before = snapshot(out)
    marker = (out / MARKER).read_text(encoding="utf-8")
    proc = built.run("build", check_exit=0)
    assert proc.stderr.count(NOTHING_VI) == 1, proc.stderr
    assert marker[:8] in proc.stderr
    assert "Documentation built" not in proc.stderr  # MkDocs was not run
    assert snapshot(out) == before  # every file's inode, mtime and bytes
    assert (out / MARKER).read_text(encoding="utf-8") == marker
    # and again: the record is still good
    assert rebuilt(built)


def test_the_message_is_in_the_language_asked_for(built):
    built.run("build", "--lang", "en", check_exit=0)
    proc = built.run("build", "--lang", "en", check_exit=0)
    assert NOTHING_EN in proc.stderr, proc.stderr


def test_the_previous_builds_warnings_are_repeated(make_site):
    site = make_site(BASE_DATA, files())  # no site_url: a warning (site_url_missing)
    first = site.run("build", check_exit=0)
    warning = next(line for line in first.stderr.splitlines() if "site_url" in line)
    proc = site.run("build", check_exit=0)
    assert NOTHING_VI in proc.stderr
    assert warning in proc.stderr


@pytest.mark.parametrize("change", ["content", "config", "data", "theme", "new file", "deleted file"])
def test_a_change_to_what_a_build_reads_makes_a_real_build(built, change):
    root = built.root
    if change == "content":
        path = root / "content/decisions/qd-1.md"
        path.write_text(path.read_text(encoding="utf-8").replace("đợt 101", "đợt 109"), encoding="utf-8")
    elif change == "config":
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                         .replace("site_name: Thử nghiệm", "site_name: Thử nghiệm 2"), encoding="utf-8")
    elif change == "data":
        path = root / "content/data/awards.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("Giấy khen", "Giấy khen mới"), encoding="utf-8")
    elif change == "theme":
        path = root / "theme/partials/site-footer.html"
        path.write_text(path.read_text(encoding="utf-8") + "\n<!-- kiểm thử -->\n", encoding="utf-8")
    elif change == "new file":
        (root / "content/gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    else:
        (root / "content/decisions/qd-2.md").unlink()
        (root / "content/decisions/qd-2.csv").unlink()
    assert not rebuilt(built)
    assert rebuilt(built)  # and that build's record lets the next one stop


def test_a_file_rewritten_with_the_same_size_and_time_makes_a_real_build(built):
    """Bytes changed in place with the old size, and the old modification time put back (a
    tool may do that): its change time (ctime), which no tool can set, tells."""
    path = built.root / "content/decisions/qd-1.md"
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("đợt 101", "đợt 109"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert not rebuilt(built)
    assert any("đợt 109" in p.read_text(encoding="utf-8") for p in (built.root / "site").rglob("*.html"))
    assert rebuilt(built)


@pytest.mark.parametrize("how", ["deleted", "changed"])
def test_a_live_site_whose_marker_changed_is_built(built, how):
    marker = built.root / "site" / MARKER
    if how == "deleted":
        marker.unlink()
    else:
        marker.write_text("0" * 32, encoding="utf-8")
    assert not rebuilt(built)
    assert rebuilt(built)


def test_a_new_day_makes_a_real_build(built):
    assert not rebuilt(built, env={"SITE_BUILDER_TODAY": "2022-01-02"})
    assert rebuilt(built, env={"SITE_BUILDER_TODAY": "2022-01-02"})


def test_other_options_or_site_folders_are_not_shortcut(built):
    assert not rebuilt(built, "--preview")
    assert rebuilt(built, "--preview")
    assert not built.run("build", "-d", "elsewhere", check_exit=0).stderr.count(NOTHING_VI)
    # each keeps its own record, but the live folder now holds the preview build's marker
    assert not rebuilt(built)
    assert rebuilt(built)


def test_clean_always_builds(built):
    assert not rebuilt(built, "--clean")
    assert not rebuilt(built, "--clean")
    assert rebuilt(built)  # a clean build's record serves the next plain build


def test_a_failed_build_is_never_taken_as_built(built):
    path = built.root / "content/decisions/qd-1.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("award: bang-khen-tinh", "award: khong-co"), encoding="utf-8")
    built.run("build", check_exit=1)
    path.write_text(good, encoding="utf-8")
    assert not rebuilt(built)
    assert rebuilt(built)


def test_an_unreadable_record_means_a_normal_build(built):
    for record in (built.root / ".cache/site-builder").glob("sources-*.marshal"):
        record.write_bytes(b"\x00not a record")
    assert not rebuilt(built)
    assert rebuilt(built)
