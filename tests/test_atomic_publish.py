"""Publishing is atomic for real: a build killed at any moment leaves the old site or the new
one, whole; the next build removes what killed builds left; one build at a time writes a
site (runtime/swap.py, runtime/site_lock.py); and nothing is written outside the output
folder, whatever path reaches the writer (runtime/output_paths.py)."""
from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.runtime.output import Output, UnsafeOutputPath
from site_builder.runtime.site_lock import SiteLock

from .conftest import BASE_DATA, REPO

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import generate_province  # noqa: E402

# The build's id, written into the site folder (runtime/manifest.py MARKER): random, so two
# uninterrupted builds of the same content differ in this file and in no other (the reference
# builds below are compared with each other to make sure of it). Every other file counts.
MARKER = ".site-builder-build"
KILLS = 20  # builds really killed (a kill that comes after the build ended does not count)
SEED = int(os.environ.get("SITE_BUILDER_KILL_SEED") or random.SystemRandom().randrange(1 << 32))
EDIT = "Ghi chú của lần sửa B. "


def tree_hash(folder: Path) -> str | None:
    """One digest of every file's path and bytes under `folder` but the marker; None when
    there is no such folder."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if rel == MARKER:
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def leftovers(site: Path) -> list[str]:
    """What builds leave beside the site folder that is not meant to stay (the lock file and
    `.site.previous`, the last site kept for the next build, are meant to)."""
    return sorted(p.name for p in site.parent.iterdir()
                  if p.name.startswith(f".{site.name}.") and any(
                      f".{kind}-" in p.name for kind in ("staging", "old", "trash")))


def wait_for(condition, seconds: float = 90.0) -> bool:
    """Poll `condition` (the trash is deleted by a detached process) with a generous limit."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def command(site: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "site_builder.cli", "build", "-d", str(site), *extra]


def environment(**extra) -> dict:
    return {**os.environ, "PYTHONUTF8": "1", **extra}


# --- killed builds ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """A small generated province in two versions: A as generated, B with one recipient's
    achievement edited; and the reference sites of both, each from an uninterrupted build."""
    root = tmp_path_factory.mktemp("province")
    summary = generate_province(root / "project", recipients=120, seed=11)
    sheet = summary.decisions[0].csv
    version_a = sheet.read_bytes()
    rows = list(csv.reader(io.StringIO(version_a.decode("utf-8"))))
    rows[1][rows[0].index("achievement")] = EDIT + rows[1][rows[0].index("achievement")]
    edited = io.StringIO()
    csv.writer(edited, lineterminator="\n").writerows(rows)
    version_b = edited.getvalue().encode("utf-8")

    references, seconds = {}, []
    for name, data in (("A", version_a), ("B", version_b), ("A", version_a)):
        sheet.write_bytes(data)
        out = root / f"reference-{name}-{len(seconds)}"
        started = time.monotonic()
        done = subprocess.run(command(out), cwd=summary.root, capture_output=True, text=True, env=environment())
        seconds.append(time.monotonic() - started)
        assert done.returncode == 0, done.stdout + done.stderr
        references.setdefault(name, []).append(tree_hash(out))
    # Two uninterrupted builds of the same content: the same files, the marker aside.
    assert references["A"][0] == references["A"][1]
    assert references["A"][0] != references["B"][0]
    return {"root": summary.root, "sheet": sheet, "data": {"A": version_a, "B": version_b},
            "hash": {name: hashes[0] for name, hashes in references.items()}, "seconds": max(seconds)}


def start_build(province, site: Path, clean: bool, exchange: bool) -> subprocess.Popen:
    extra = {"SITE_BUILDER_TIMINGS": "1"}
    if not exchange:
        extra["SITE_BUILDER_NO_EXCHANGE"] = "1"  # the two renames of systems without an exchange
    return subprocess.Popen(command(site, *(["--clean"] if clean else [])), cwd=province["root"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=environment(**extra), start_new_session=True)


def kill_when(proc: subprocess.Popen, rng: random.Random, seconds: float, near_commit: bool) -> str:
    """Kill the whole build (its workers too, as a CI job cancelled or a service stopped) at a
    random moment: anywhere in its run, or just after its pages are done, when it commits
    (that moment lasts milliseconds, so half the kills aim at it). Returns when it died."""
    if near_commit:
        for line in proc.stderr:
            if line.startswith("timing finish"):
                break
        delay = rng.uniform(0.0, 0.15)
    else:
        delay = rng.uniform(0.0, 0.75 * seconds)  # `seconds`: the slowest build, a cold one
    time.sleep(delay)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()
    when = "near the commit" if near_commit else "anywhere"
    return f"{when}, {delay:.3f} s, exit {proc.returncode}"


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="kills a process group (POSIX)")
def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one_whole(province, tmp_path):
    rng = random.Random(SEED)
    site = tmp_path / "www" / "site"
    site.parent.mkdir()
    province["sheet"].write_bytes(province["data"]["A"])
    first = subprocess.run(command(site), cwd=province["root"], capture_output=True, text=True, env=environment())
    assert first.returncode == 0, first.stderr
    live = "A"
    assert tree_hash(site) == province["hash"]["A"]
    history = []
    kills = 0
    for number in range(3 * KILLS):
        if kills == KILLS:
            break
        new = "B" if live == "A" else "A"
        clean = rng.random() < 0.3  # a full build (fresh folder) now and then, else incremental
        exchange = rng.random() < 0.8  # sometimes the fallback of systems without an exchange
        near_commit = rng.random() < 0.5
        province["sheet"].write_bytes(province["data"][new])
        proc = start_build(province, site, clean, exchange)
        how = kill_when(proc, rng, province["seconds"], near_commit)
        kills += proc.returncode == -signal.SIGKILL
        history.append(f"round {number}: {live} -> {new}, {'full' if clean else 'incremental'}, "
                       f"{'exchange' if exchange else 'two renames'}, killed {how}")
        found = tree_hash(site)
        context = f"seed {SEED} (SITE_BUILDER_KILL_SEED={SEED} repeats it):\n" + "\n".join(history)
        if found is None and not exchange:
            # Killed between the two renames: the old site waits beside, whole, for the next build.
            olds = [p for p in site.parent.iterdir() if p.name.startswith(".site.old-")]
            assert [tree_hash(p) for p in olds] == [province["hash"][live]], context
            history[-1] += " (between the renames)"
            continue
        assert found in (province["hash"][live], province["hash"][new]), context
        live = live if found == province["hash"][live] else new
        history[-1] += f": {live} is live"
    assert kills == KILLS, "\n".join(history)

    # The next build finishes: the site it makes is whole, and what killed builds left goes.
    province["sheet"].write_bytes(province["data"]["B"])
    last = subprocess.run(command(site), cwd=province["root"], capture_output=True, text=True, env=environment())
    assert last.returncode == 0, last.stderr
    assert tree_hash(site) == province["hash"]["B"], "\n".join(history)
    assert wait_for(lambda: leftovers(site) == []), leftovers(site)
    # ... and one more, incremental, from what that build kept
    province["sheet"].write_bytes(province["data"]["A"])
    again = subprocess.run(command(site), cwd=province["root"], capture_output=True, text=True, env=environment())
    assert again.returncode == 0, again.stderr
    assert tree_hash(site) == province["hash"]["A"]


def test_the_next_build_puts_back_a_site_moved_aside_by_a_killed_exchange(province, tmp_path):
    """Without an atomic exchange, a kill between the two renames leaves no site folder and
    the old site in `.site.old-<pid>`: the next build puts it back and goes on from it
    (incrementally: the files it does not change keep their inodes)."""
    site = tmp_path / "site"
    province["sheet"].write_bytes(province["data"]["A"])
    subprocess.run(command(site), cwd=province["root"], check=True, capture_output=True, env=environment())
    page = next(site.glob("khen-thuong/*/index.html"))
    inode = page.stat().st_ino
    os.rename(site, tmp_path / ".site.old-4242")  # what the kill left
    province["sheet"].write_bytes(province["data"]["B"])
    done = subprocess.run(command(site), cwd=province["root"], capture_output=True, text=True, env=environment())
    assert done.returncode == 0, done.stderr
    assert tree_hash(site) == province["hash"]["B"]
    assert page.stat().st_ino == inode  # put back, not rebuilt from nothing
    assert wait_for(lambda: leftovers(site) == []), leftovers(site)


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    out = site.root / "site"
    for name in (".site.staging-99999/khen-thuong/x.html", ".site.staging-1/a.html",
                 ".site.old-4242/index.html", f".site.trash-{os.getpid()}-0123abcd/b.html"):
        path = site.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("left by a killed build", encoding="utf-8")
    unrelated = site.root / ".other.staging-1"
    unrelated.mkdir()
    assert len(leftovers(out)) == 4
    # New content (a killed build leaves none of its own record: the next build is a real one
    # even when nothing changed, runtime/sources_stamp.py)
    site.write({"content/gioi-thieu.md": "# Giới thiệu\n"})
    site.run("build", check_exit=0)
    assert wait_for(lambda: leftovers(out) == []), leftovers(out)
    assert unrelated.is_dir()  # another site's folder is not ours to remove
    assert (out / "index.html").is_file()


def test_a_full_build_leaves_the_mirror_of_its_site_made_for_the_next_build(make_site):
    """After a full build a detached process makes `.site.previous`: hard links to every file
    of the new site, marked with its build, so that the next (incremental) build does not link
    the whole site before its exchange. That build's site is whole and up to date, and the
    mirror follows it."""
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    out = site.root / "site"
    previous = site.root / ".site.previous"
    live_marker = (out / MARKER).read_text(encoding="utf-8")
    assert wait_for(lambda: (previous / MARKER).is_file()), sorted(p.name for p in site.root.iterdir())
    assert (previous / MARKER).read_text(encoding="utf-8") == live_marker
    page = "van-ban/kh-tinh/index.html"
    assert (previous / page).stat().st_ino == (out / page).stat().st_ino
    assert sorted(p.relative_to(previous) for p in previous.rglob("*") if p.name != MARKER) == \
        sorted(p.relative_to(out) for p in out.rglob("*") if p.name != MARKER)

    plan = site.root / "content/plans/kh-tinh.md"
    site.write({"content/plans/kh-tinh.md": plan.read_text(encoding="utf-8").replace(
        "Triển khai phong trào", "Tiêu đề sau bản sao")})
    site.run("build", check_exit=0)
    assert "Tiêu đề sau bản sao" in site.html(page)
    assert (previous / MARKER).read_text(encoding="utf-8") == (out / MARKER).read_text(encoding="utf-8")
    assert (previous / page).stat().st_ino == (out / page).stat().st_ino
    assert leftovers(out) == [] and not list(site.root.glob(".site.mirror-*"))


# --- one build at a time ---------------------------------------------------------------------


def test_a_second_build_waits_for_the_first_then_stops_with_a_clear_message(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    out = site.root / "site"
    before = tree_hash(out)
    with SiteLock(out).acquire(wait=0):  # another build, as far as the second one can tell
        busy = site.run("build", env={"SITE_BUILDER_LOCK_WAIT": "1"})
        english = site.run("build", "--lang", "en", env={"SITE_BUILDER_LOCK_WAIT": "0"})
    assert busy.returncode == 75, busy.stderr
    assert f"một lần dựng khác (tiến trình {os.getpid()}) đang ghi vào {out}; đang chờ nó xong, tối đa 1 giây" in busy.stderr
    assert (f"một lần dựng khác (tiến trình {os.getpid()}) vẫn đang ghi vào {out} sau 1 giây chờ: "
            "lần dựng này dừng lại, trang web đang chạy giữ nguyên; hãy dựng lại sau") in busy.stderr
    assert "Traceback" not in busy.stderr
    assert english.returncode == 75
    assert f"another build (process {os.getpid()}) is still writing {out} after 0 seconds" in english.stderr
    assert tree_hash(out) == before
    assert leftovers(out) == []


def test_a_second_build_goes_on_once_the_first_is_done(make_site):
    site = make_site(BASE_DATA)
    site.run("build", check_exit=0)
    out = site.root / "site"
    plan = site.root / "content/plans/kh-tinh.md"
    site.write({"content/plans/kh-tinh.md": plan.read_text(encoding="utf-8").replace(
        "Triển khai phong trào", "Tiêu đề chờ lượt")})
    lock = SiteLock(out).acquire(wait=0)
    try:
        waiting = subprocess.Popen([sys.executable, "-m", "site_builder.cli", "build"], cwd=site.root,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   env=environment(SITE_BUILDER_LOCK_WAIT="300"))
        told = ""
        for line in waiting.stderr:  # the check's report first, then the wait
            told += line
            if "đang chờ nó xong" in line:
                break
        assert f"(tiến trình {os.getpid()}) đang ghi vào {out}; đang chờ nó xong" in told, told
        assert "Tiêu đề chờ lượt" not in site.html("van-ban/kh-tinh/index.html")
    finally:
        lock.release()
    _, rest = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, rest
    assert "Tiêu đề chờ lượt" in site.html("van-ban/kh-tinh/index.html")


def test_two_builds_started_together_both_publish_a_whole_site(province, tmp_path):
    site = tmp_path / "site"
    province["sheet"].write_bytes(province["data"]["A"])
    subprocess.run(command(site), cwd=province["root"], check=True, capture_output=True, env=environment())
    province["sheet"].write_bytes(province["data"]["B"])
    builds = [subprocess.Popen(command(site), cwd=province["root"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=environment()) for _ in range(2)]
    results = [(build.wait(timeout=300), build.stderr.read()) for build in builds]
    assert [code for code, _ in results] == [0, 0], results
    assert tree_hash(site) == province["hash"]["B"]
    assert wait_for(lambda: leftovers(site) == []), leftovers(site)


# --- nothing outside the output folder -------------------------------------------------------


@pytest.mark.parametrize("path", [
    "../outside.html", "a/../../outside.html", "/tmp/outside.html", "a/./b.html", "a//b.html",
    "..", "", "a\\..\\..\\outside.html", "a/b\0.html",
])
def test_the_writer_refuses_a_path_that_leaves_the_output_folder(tmp_path, path):
    out = tmp_path / "deep" / "out"
    output = Output(out)
    with pytest.raises(UnsafeOutputPath, match="internal error: refusing to write"):
        output.write(path, "<p>escaped</p>")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []
    output.write("a/ok.html", "<p>fine</p>")  # a plain path is written
    assert (out / "a/ok.html").read_text(encoding="utf-8") == "<p>fine</p>"


def test_the_writer_does_not_follow_a_symlink_out_of_the_output_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("secret", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "khen-thuong").symlink_to(outside, target_is_directory=True)
    (out / "index.html").symlink_to(outside / "passwd")
    output = Output(out)
    with pytest.raises(UnsafeOutputPath, match="symlink"):
        output.write("khen-thuong/x.html", "<p>escaped</p>")
    with pytest.raises(UnsafeOutputPath, match="symlink"):
        output.write("index.html", "<p>escaped</p>")
    assert sorted(p.name for p in outside.iterdir()) == ["passwd"]
    assert (outside / "passwd").read_text(encoding="utf-8") == "secret"
