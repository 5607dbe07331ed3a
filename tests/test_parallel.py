"""Parallel rendering (runtime/parallel.py) writes exactly the files a serial build writes."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build_site
from site_builder.config import SiteConfig
from site_builder.runtime.parallel import RenderFailed
from tests.test_incremental import files, snapshot

from .conftest import BASE_DATA

REPO = Path(__file__).resolve().parents[1]


def build(site, out: Path, workers: int, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_WORKERS", str(workers))
    monkeypatch.setenv("SITE_BUILDER_TODAY", "2022-01-01")
    config = SiteConfig(content_dir=site.root / "content", languages=["vi", "en"], theme_dir=REPO / "theme",
                        site_url="https://thiduakhenthuong.example.gov.vn/")
    build_site(config, out, clean=True)


def test_parallel_and_serial_builds_write_the_same_files(make_site, tmp_path, monkeypatch):
    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    build(site, tmp_path / "serial", 1, monkeypatch)
    build(site, tmp_path / "parallel", 3, monkeypatch)
    serial = {p: v[2] for p, v in snapshot(tmp_path / "serial").items() if p != ".site-builder-build"}
    parallel = {p: v[2] for p, v in snapshot(tmp_path / "parallel").items() if p != ".site-builder-build"}
    assert len(serial) > 50
    assert sorted(serial) == sorted(parallel)
    different = [p for p in serial if serial[p] != parallel[p]]
    assert not different, different[:5]
    # the sitemap lists every page in the same order (pages are merged in sequence order)
    assert b"khen-thuong/qd-1/tran-van-anh.html" in serial["sitemap-core-1.xml"]


def test_a_slow_worker_takes_fewer_pages_and_the_others_take_the_rest(make_site, tmp_path, monkeypatch):
    """Workers take the next page nobody took yet (parallel.Tickets), not every n-th one: a
    worker held up (as a worker is when the disk or the data process holds it) leaves the
    pages it would have had to the others. Here the forked worker is held on its first page
    until this process has finished its share; this process waits on its own first page until
    the worker has taken one, so that both do take part however loaded the machine is."""
    import os
    import time

    from site_builder.render.renderer import Renderer

    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    parent = os.getpid()
    log = tmp_path / "made-by"
    parent_done = tmp_path / "parent-done"
    real_write, real_batch, real_share = Renderer.write, Renderer.write_batch, Renderer.render_share
    started: set[int] = set()  # per process (a forked worker has its own copy)

    def wait_for(condition, what: str) -> None:
        deadline = time.monotonic() + 120  # a failure, not a hang, if the other never comes
        while not condition():
            assert time.monotonic() < deadline, f"waited two minutes for {what}"
            time.sleep(0.01)

    def made_by() -> list[str]:
        return log.read_text().split() if log.exists() else []

    def note() -> None:
        pid = os.getpid()
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, f"{pid}\n".encode())
        os.close(fd)
        if pid in started:
            return
        started.add(pid)
        if pid == parent:
            wait_for(lambda: any(p != str(parent) for p in made_by()), "the worker's first page")
        else:
            wait_for(parent_done.exists, "the parent's share")

    def writing(self, spec, lang):
        note()
        return real_write(self, spec, lang)

    def batch_writing(self, batch, lang):
        note()
        return real_batch(self, batch, lang)

    def sharing(self, tickets, share, shares):
        result = real_share(self, tickets, share, shares)
        if os.getpid() == parent:
            parent_done.touch()
        return result

    monkeypatch.setattr(Renderer, "write", writing)
    monkeypatch.setattr(Renderer, "write_batch", batch_writing)
    monkeypatch.setattr(Renderer, "render_share", sharing)
    build(site, tmp_path / "out", 2, monkeypatch)
    made = log.read_text().split()
    by_parent = made.count(str(parent))
    assert len(made) > 40
    assert len(made) - by_parent == 1, (by_parent, len(made))  # the page it was held on
    # English pages, among the last made (recipient pages are in the site's language only)
    assert (tmp_path / "out" / "en" / "khen-thuong" / "qd-1" / "index.html").is_file()
    assert (tmp_path / "out" / "khen-thuong" / "qd-1" / "tran-van-anh.html").is_file()


def test_a_failing_worker_fails_the_build_with_its_message(make_site, tmp_path, monkeypatch):
    from site_builder.render.renderer import Renderer

    site = make_site(BASE_DATA, files(), languages=("vi",))
    real = Renderer.render

    def failing(self, spec, lang):
        if spec.path == "khen-thuong/qd-2/":
            raise ValueError("broken page qd-2")
        return real(self, spec, lang)

    monkeypatch.setattr(Renderer, "render", failing)
    # The page is rendered by this process or by the forked one (the data process, once its
    # files are written): either way the build fails with its message.
    with pytest.raises((RenderFailed, ValueError), match="broken page qd-2"):
        build(site, tmp_path / "out", 2, monkeypatch)
    assert not (tmp_path / "out").exists()


def test_data_files_are_made_in_a_process_of_their_own_and_its_failure_fails_the_build(
        make_site, tmp_path, monkeypatch):
    import multiprocessing
    import os

    from site_builder.pages import search_page

    site = make_site(BASE_DATA, files(), languages=("vi",))
    parent = os.getpid()
    real = search_page.write_data
    seen = []

    def spying(ctx, output):
        seen.append(os.getpid())
        (tmp_path / "data-pid").write_text(str(os.getpid()))
        return real(ctx, output)

    monkeypatch.setattr(search_page.PAGE_TYPE, "write_data", spying)
    build(site, tmp_path / "out", 2, monkeypatch)
    assert int((tmp_path / "data-pid").read_text()) != parent and not seen  # made in the forked process
    assert (tmp_path / "out" / "search" / "names" / "meta.json").is_file()  # and published

    def failing(ctx, output):
        raise ValueError("broken search index")

    monkeypatch.setattr(search_page.PAGE_TYPE, "write_data", failing)
    with pytest.raises(RenderFailed, match="broken search index"):
        build(site, tmp_path / "out2", 2, monkeypatch)
    assert not (tmp_path / "out2").exists()
    assert not multiprocessing.active_children()  # no process left behind


def test_the_collector_is_paused_during_a_build_and_back_on_after_it(make_site, tmp_path, monkeypatch):
    """A build pauses Python's cyclic collector (runtime/gc_pause.py) and turns it back on when it
    ends, whether it succeeded or failed: `mkdocs serve` rebuilds in one process."""
    import gc

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from site_builder.render.renderer import Renderer

    site = make_site(BASE_DATA, files(), languages=("vi", "en"))
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    monkeypatch.chdir(site.root)
    seen = []
    warm_up = Renderer.warm_up

    def spying(self, modules):
        seen.append(gc.isenabled())
        return warm_up(self, modules)

    monkeypatch.setattr(Renderer, "warm_up", spying)
    assert gc.isenabled()
    mkdocs_build(load_config(str(site.root / "mkdocs.yml")))
    assert seen == [False]
    assert gc.isenabled()
    assert (site.root / "site" / "khen-thuong" / "qd-1" / "index.html").is_file()

    def failing(self, modules):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(Renderer, "warm_up", failing)
    with pytest.raises(Exception):
        mkdocs_build(load_config(str(site.root / "mkdocs.yml")))
    assert gc.isenabled()


def test_items_shared_out_come_back_in_order_and_a_failure_anywhere_raises():
    """run_items: this process and the forked ones take items from one counter; results come
    back in item order whoever made them, and a failed item fails the whole call."""
    import os
    import time

    from site_builder.runtime.parallel import run_items

    def made(i):
        time.sleep(0.05)  # long enough for both processes to take items
        return i * i, os.getpid()

    results = run_items(made, 12, 2)
    assert [value for value, _pid in results] == [i * i for i in range(12)]
    assert len({pid for _value, pid in results}) == 2 and os.getpid() in {pid for _value, pid in results}

    def failing(i):
        if i == 7:
            raise ValueError("item 7 is broken")
        return i

    with pytest.raises(RenderFailed, match="item 7 is broken"):
        run_items(failing, 12, 2)


def test_after_a_failure_the_other_processes_take_no_more_work(tmp_path):
    """A share that fails closes the tickets (parallel.Tickets.close): the others stop at the
    item they are on instead of working through a build that has failed."""
    import os
    import time

    from site_builder.runtime.parallel import run_items

    log = tmp_path / "ran"

    def slow_or_broken(i):
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, f"{i}\n".encode())
        os.close(fd)
        if i == 0:
            time.sleep(0.2)  # the other process takes item 1 meanwhile
            raise ValueError("item 0 is broken")
        time.sleep(0.05)
        return i

    started = time.perf_counter()
    with pytest.raises(RenderFailed, match="item 0 is broken"):
        run_items(slow_or_broken, 200, 2)
    ran = log.read_text().split()
    assert len(ran) < 12, ran  # 200 items at 0.05 s: 10 s of work had the others gone on
    assert time.perf_counter() - started < 3


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's state from /proc (Linux)")
def test_the_data_process_ends_when_its_work_does_not_when_its_result_is_asked_for():
    """Background: the forked process writes its result to a file and ends (freeing its copy
    of the loaded site) while this one is still rendering. Before the fifteenth session, a
    result larger than the pipe's buffer kept it waiting until join() at the end of the render."""
    import time

    from site_builder.runtime.parallel import Background

    data = Background(lambda forked: b"x" * 4_000_000, fork=True)  # far more than a pipe holds
    try:
        deadline = time.monotonic() + 30
        state = "?"
        while time.monotonic() < deadline:
            try:
                stat = Path(f"/proc/{data.pid}/stat").read_text()
            except OSError:
                state = "gone"
                break
            state = stat[stat.rindex(")") + 2]  # "Z": exited, waiting to be reaped by join()
            if state == "Z":
                break
            time.sleep(0.05)
        assert state in ("Z", "gone")
    finally:
        assert data.join() == b"x" * 4_000_000


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's state from /proc (Linux)")
def test_the_data_process_result_is_read_only_once_that_process_has_ended(tmp_path, monkeypatch):
    """Background: this process reads the forked process's result after that process ended, so
    the two never hold it at once (the end of the data process was the build's peak of
    memory: docs/architecture.md). Before, a thread unpickled it from a pipe as it was sent,
    while the process that sent it was still alive."""
    import os
    import pickle
    import time

    from site_builder.runtime import parallel

    pid_file = tmp_path / "pid"

    def work(forked):
        pid_file.write_text(str(os.getpid()))
        time.sleep(0.5)  # still alive for a while after the fork
        return b"x" * 1_000_000

    seen = []
    real_load = pickle.load

    def load(file, *args, **kwargs):
        deadline = time.monotonic() + 30
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        pid = pid_file.read_text()
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            seen.append(stat[stat.rindex(")") + 2])  # "Z": ended, not yet reaped
        except OSError:
            seen.append("gone")
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(parallel.pickle, "load", load)
    data = parallel.Background(work, fork=True, spool=tmp_path)
    assert data.join() == b"x" * 1_000_000
    assert seen and seen[0] in ("Z", "gone"), seen
    assert list(tmp_path.iterdir()) == [pid_file]  # the result's file has no name
