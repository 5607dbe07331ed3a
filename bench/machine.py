"""What the benchmark asks of the machine so that its figures measure the builds, not what the
machine did before them. Linux and root only; elsewhere nothing changes and the run says so.
`--as-is` leaves the machine alone, to see the difference.

Two things made a figure on the 2-core benchmark machine depend on its history
(docs/benchmarks.md, "Measuring on this machine"):

- The kernel's caches of inodes and directory entries grew with every run's 100,000 files and
  lowered the dirty-memory limits: free_kernel_caches, before each build's content is made.
- The machine is a virtual machine that gives free memory back to its host (virtio-balloon
  free page reporting): a page the kernel hands out again after it was reported costs a
  fault in the host (a probe touching 12 GB: 9.2 µs a page the first time, 2.4 µs the next).
  A build that writes 2 GB of pages and forks workers touches several GB, so how much of it
  had been given back was part of a figure (single builds at 100,000: 20.8 s, then 14.3 s
  with it kept). memory_kept pauses the reporting for the run and touches the free memory
  once first, so every build meets memory the way a machine without a balloon would.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import time
from pathlib import Path

# The kernel's reclaimable caches of inodes and directory entries.
DROP_CACHES = Path("/proc/sys/vm/drop_caches")
# Free blocks of this order (2**order pages) and above are reported to the host.
PAGE_REPORTING_ORDER = Path("/sys/module/page_reporting/parameters/page_reporting_order")
# The page allocator's largest order is 10 (4 MB blocks) with 4 KB pages: 11 reports none.
NO_REPORTING = "11"
MEMINFO = Path("/proc/meminfo")
# Left untouched when touching free memory, for the rest of the machine.
SPARE_BYTES = 2 << 30
_CHUNK = 1 << 28

_settle = True


def settle(on: bool) -> None:
    """Whether what follows changes the machine (False: --as-is, and --stub runs)."""
    global _settle
    _settle = on


def free_kernel_caches() -> bool:
    """Before a build's content is generated: write back what is dirty and give back the
    memory the kernel keeps for the inodes and directory entries of earlier runs' files
    (`drop_caches` 2; file contents stay cached). Every build here creates over 100,000
    files; after a few runs those caches held 11.5 GB of this 24 GB machine, and the kernel
    lets a share of the memory left free be dirty before it writes back during a build
    (vm.dirty_background_ratio, vm.dirty_ratio): 0.9 and 1.8 GB instead of 2 and 4, so the
    100,000 build (2.1 GB) was throttled and a figure depended on how many runs came before
    it. Done before generating, the content each build reads is cached again, for every tool
    alike. False when not permitted (not root, not Linux) or left as is."""
    if not _settle:
        return False
    if hasattr(os, "sync"):
        os.sync()
    try:
        DROP_CACHES.write_text("2\n", encoding="ascii")
    except OSError:
        return False
    return True


def free_memory_bytes() -> int:
    """MemFree: memory nothing uses, page cache not counted (touching that would evict it)."""
    for line in MEMINFO.read_text(encoding="ascii").splitlines():
        if line.startswith("MemFree:"):
            return int(line.split()[1]) * 1024
    return 0


def touch_memory(size: int) -> bool:
    """Write to every page of `size` bytes of new memory, all held at once (a page given back
    and taken again would be the same page), then give it all back. In a child process where
    there is fork: a process's peak memory passes to the children it forks (Linux copies the
    high-water mark with the address space, and exec keeps it as the process's peak), and
    every build's peak would read as the memory touched here. False when the child did not
    finish (the kernel's out-of-memory killer picks it first if the machine runs short)."""
    if not hasattr(os, "fork"):
        _touch(size)
        return True
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            _touch(size)
            status = 0
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _touch(size: int) -> None:
    block = b"\1" * _CHUNK
    maps = []
    try:
        while size > 0:
            length = min(size, _CHUNK)
            area = mmap.mmap(-1, length)  # anonymous memory, on every system
            area.write(block[:length])
            maps.append(area)
            size -= length
    finally:
        for area in maps:
            area.close()


@contextlib.contextmanager
def memory_kept(touch_bytes: int | None = None):
    """While the run lasts, free memory stays with this machine: free page reporting is
    paused and the free memory (MemFree less SPARE_BYTES, or `touch_bytes`) is touched once,
    so the host backs it before the first build. Yields a line saying what was done, or why
    nothing was; the reporting order is put back on the way out, whatever happens."""
    if not _settle:
        yield "memory: left as is"
        return
    try:
        before = PAGE_REPORTING_ORDER.read_text(encoding="ascii").strip()
        PAGE_REPORTING_ORDER.write_text(NO_REPORTING + "\n", encoding="ascii")
    except OSError:
        before = None
    if before is None:
        yield ("memory: as the machine gives it (free page reporting could not be paused: "
               "needs root on a Linux virtual machine that reports free pages)")
        return
    try:
        size = touch_bytes if touch_bytes is not None else max(0, free_memory_bytes() - SPARE_BYTES)
        started = time.perf_counter()
        touched = "touched" if touch_memory(size) else "not all touched (the touching process was stopped)"
        yield (f"memory: free page reporting to the host paused for the run (order {before} -> "
               f"{NO_REPORTING}, put back after); {size / 2**30:.1f} GB of free memory {touched} "
               f"first in {time.perf_counter() - started:.1f} s")
    finally:
        PAGE_REPORTING_ORDER.write_text(before + "\n", encoding="ascii")
