"""Rendering on every core: forked workers, each rendering its share of the pages.

The site is loaded once, in the parent; `fork` gives every worker that state for free (no
pickling of 100,000 awardees). Every worker walks the same sequence of PageSpecs (they are
cheap to make, and the order is deterministic) and renders only every n-th one, so shares
are balanced whatever the page mix. A worker hands back its Output's result (manifest
entries, files written) and the pages it wrote; the parent merges them in sequence order,
so a parallel build writes exactly the files a serial one does.

SITE_BUILDER_WORKERS sets the number of workers (1: render in the parent, no fork).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import traceback


class RenderFailed(Exception):
    """A worker failed; carries the worker's traceback so the report points at the page."""


def worker_count() -> int:
    value = os.environ.get("SITE_BUILDER_WORKERS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return os.cpu_count() or 1


_JOB = None  # (function, n) of the running parallel job; set before the fork


def _run(share: int):
    function, n = _JOB
    try:
        return True, function(share, n)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        return False, (f"{type(exc).__name__}: {exc}", traceback.format_exc())


def run_shares(function, n: int, meanwhile=None) -> list:
    """[function(share, n) for share in range(n)], each in a forked process (in the parent
    when n == 1). `meanwhile()`, if given, runs in the parent while the workers work: work
    that needs no page (data files), so that it costs no time of its own on a machine whose
    workers wait on the disk. Raises RenderFailed when any share failed."""
    global _JOB
    if n <= 1:
        result = [function(0, 1)]
        if meanwhile is not None:
            meanwhile()
        return result
    _JOB = (function, n)
    # Objects loaded so far are only read by the workers: moved out of the collector's reach,
    # a collection in a worker does not touch (and so copy) every page of the parent's memory.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(n) as pool:
            pending = pool.map_async(_run, range(n), chunksize=1)
            if meanwhile is not None:
                meanwhile()
            outcomes = pending.get()
    finally:
        _JOB = None
        gc.unfreeze()
    results = []
    for ok, value in outcomes:
        if not ok:
            message, trace = value
            raise RenderFailed(f"{message}\n{trace}")
        results.append(value)
    return results
