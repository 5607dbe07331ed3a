"""Phase timings of a build, printed to stderr when SITE_BUILDER_TIMINGS is set.

The benchmark (bench/build_bench.py) sets it to show where a build's time goes
(docs/benchmarks.md); normal builds print nothing.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager


def enabled() -> bool:
    return bool(os.environ.get("SITE_BUILDER_TIMINGS"))


@contextmanager
def phase(name: str):
    """Time the enclosed block; print `timing <name> <seconds>` when timings are enabled."""
    if not enabled():
        yield
        return
    started, cpu = time.perf_counter(), os.times()
    try:
        yield
    finally:
        ended = os.times()
        # This process's CPU in the phase too: user and kernel apart, as the kernel's share
        # (file creation, page faults) is what the file system and memory layout move.
        print(f"timing {name} {time.perf_counter() - started:.2f} (ended at {time.perf_counter() - _STARTED:.2f};"
              f" cpu {ended.user - cpu.user:.2f} user {ended.system - cpu.system:.2f} sys)",
              file=sys.stderr, flush=True)


def note(message: str) -> None:
    """Print `timing <message>` (a count, not a time) when timings are enabled."""
    if enabled():
        print(f"timing {message} (at {time.perf_counter() - _STARTED:.2f})", file=sys.stderr, flush=True)


def _since_start() -> float:
    """Seconds since this process started (Linux), to place phases on the build's timeline
    (forked workers inherit the parent's start)."""
    try:
        with open("/proc/self/stat") as f:
            ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


_STARTED = time.perf_counter() - _since_start()
