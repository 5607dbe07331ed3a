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
    started = time.perf_counter()
    try:
        yield
    finally:
        print(f"timing {name} {time.perf_counter() - started:.2f}", file=sys.stderr, flush=True)
