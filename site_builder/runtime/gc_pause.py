"""Pausing Python's cyclic garbage collector over a build.

A loaded province is millions of small objects (awardees, their fields, index entries) that
are never cyclic garbage. Each full collection rescans all of them, and a build allocating in
bulk (loading, the warm-up's indexes, search indexes, pages) sets off many: at 50,000
recipients, pausing the collector for the whole build saved about a second of CPU and half a
second of the build's serial part (docs/benchmarks.md). Reference counting still frees
everything else; cycles made meanwhile wait for the first collection after the pause.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable


def pause() -> Callable[[], None]:
    """Stop automatic collections; returns the function that restores them (nested pauses
    are fine: only the outermost one turns the collector back on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    return gc.enable if was_enabled else _nothing


def _nothing() -> None:
    return None


@contextlib.contextmanager
def paused_gc():
    """No automatic collections inside the block."""
    resume = pause()
    try:
        yield
    finally:
        resume()
