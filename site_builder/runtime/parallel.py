"""Rendering on every core: this process and forked workers, each rendering its share of the pages.

The site is loaded once, in the parent; `fork` gives every worker that state for free (no
pickling of 100,000 awardees). Every worker walks the same sequence of PageSpecs (they are
cheap to make, and the order is deterministic) and renders the ones whose numbers it takes
from a shared counter (Tickets), so the work evens out whatever the page mix and however
the machine treats each process: a worker slowed by the disk or by the data process simply
takes fewer pages. A worker hands back its Output's result (manifest entries, files written)
and the pages it wrote; the parent merges them in sequence order, so a parallel build writes
exactly the files a serial one does.

SITE_BUILDER_WORKERS sets the number of workers (1: render in the parent, no fork).
"""
from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import tempfile
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


def _attempt(function, *args) -> tuple[bool, object]:
    """In a forked process: (True, function(*args)), or (False, (message, traceback)) for
    the parent to raise (_result)."""
    try:
        return True, function(*args)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        return False, (f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _result(outcome: tuple[bool, object]):
    """In the parent: the value of an _attempt, or RenderFailed with the child's traceback."""
    ok, value = outcome
    if not ok:
        message, trace = value
        raise RenderFailed(f"{message}\n{trace}")
    return value


def _run(share: int):
    function, n = _JOB
    return _attempt(function, share, n)


class Tickets:
    """The numbers 0, 1, 2, ... each handed out once, to whichever process asks next: made
    before the fork, shared by every process of a run_shares job. Unshared (one process),
    a plain count."""

    def __init__(self, shared: bool):
        self._counter = multiprocessing.get_context("fork").Value("l", 0) if shared else None
        self._own = itertools.count()

    def take(self) -> int:
        if self._counter is None:
            return next(self._own)
        with self._counter.get_lock():
            number = self._counter.value
            self._counter.value = number + 1
        return number

    def close(self) -> None:
        """From now on every number taken is past any job's end."""
        if self._counter is None:
            self._own = itertools.repeat(_PAST_THE_END)
            return
        with self._counter.get_lock():
            self._counter.value = _PAST_THE_END

    @contextlib.contextmanager
    def closed_on_failure(self):
        """Around a share's work: if it fails, the other shares stop taking work instead of
        finishing a job (a build) that fails anyway."""
        try:
            yield self
        except BaseException:
            self.close()
            raise


_PAST_THE_END = 2 ** 62


def run_shares(function, n: int) -> list:
    """[function(share, n) for share in range(n)]: share 0 in this process while the others
    run, each in a forked process (all here when n == 1). Shares usually split their work
    with Tickets made before the call. Raises RenderFailed when any share failed."""
    if n <= 1:
        return [function(0, 1)]
    return [_result(outcome) for outcome in _forked(function, n)]


def run_items(function, count: int, n: int) -> list:
    """[function(i) for i in range(count)], on n processes: this one and n - 1 forked. Each
    takes the next item left (Tickets), so the work evens out whatever the items' sizes
    (order them largest first); the parent's results need no pickling, and it does not sit
    idle on a core while the others work. Raises RenderFailed when one failed."""
    n = min(n, count)
    if n <= 1:
        return [function(i) for i in range(count)]
    tickets = Tickets(shared=True)

    def take(_share: int, _n: int) -> list:
        done = []
        with tickets.closed_on_failure():
            while (i := tickets.take()) < count:
                done.append((i, function(i)))
        return done

    results = [None] * count
    for i, value in itertools.chain.from_iterable(run_shares(take, n)):
        results[i] = value
    return results


def _forked(function, n: int) -> list:
    """The outcomes (_attempt) of function(share, n) for every share: share 0 here, the
    others each in a forked process, all at once."""
    global _JOB
    _JOB = (function, n)
    # Objects loaded so far are only read by the workers: moved out of the collector's reach,
    # a collection in a worker does not touch (and so copy) every page of the parent's memory.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(n - 1) as pool:
            pending = pool.map_async(_run, range(1, n), chunksize=1)
            own = _attempt(function, 0, n)
            return [own] + pending.get()
    finally:
        _JOB = None
        gc.unfreeze()


class Background:
    """`function(forked)` run in a forked process while this one goes on, when `fork` is
    true; else in this process when join() asks for its result. For work that needs nothing
    the parent computes after the fork (the data files need the loaded site, not the pages),
    so that it fills the core the parent's serial steps leave idle. The renderer's data
    process then takes pages too, in place of a render worker (render/renderer.py).

    The forked process writes its result to a file with no name (`spool`: the folder it is
    made in, else the system's temporary folder), and ends: it never waits, holding its memory
    (a copy of every page of the loaded site it touched), for join() at the end of the render.
    join() reads the result once the process has ended, so the two never hold it at once: read
    from a pipe as it was sent, the result (the files the process wrote and their keys: tens
    of megabytes at 100,000 recipients) was unpickled here while the other process, at its
    largest, still held it, and that was the build's peak of memory (docs/architecture.md)."""

    def __init__(self, function, fork: bool, spool: str | os.PathLike | None = None):
        self._function = function
        self._process = None
        self._file = None
        if fork and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._file = tempfile.TemporaryFile(dir=spool)
            self._process = context.Process(target=_background, args=(function, self._file), daemon=True)
            self._process.start()

    @property
    def pid(self) -> int | None:
        """The forked process's id (None when the function runs in this process)."""
        return self._process.pid if self._process is not None else None

    def join(self):
        """The function's result (raises RenderFailed when it failed in the forked process)."""
        if self._process is None:
            return self._function(False)
        try:
            self._process.join()
            self._file.seek(0)
            try:
                outcome = pickle.load(self._file)
            except Exception:  # noqa: BLE001 - cut short (the process died or was stopped): no result
                outcome = False, ("the process ended without a result", "")
        finally:
            self._file.close()
            self._process = None
        return _result(outcome)

    def cancel(self) -> None:
        """Stop the forked process (the build failed elsewhere): nothing is left running."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._file.close()
            self._process = None


def _background(function, file) -> None:
    outcome = _attempt(function, True)
    pickle.dump(outcome, file, protocol=pickle.HIGHEST_PROTOCOL)
    file.flush()


def release_free_memory() -> None:
    """Give the memory this process has freed back to the system, where the C library allows
    it (glibc's malloc_trim; elsewhere nothing). The data process frees most of what making
    the search indexes and open data allocated before it takes pages, but the C allocator
    keeps freed blocks for reuse, counted in the process's memory until it ends
    (docs/architecture.md, "Memory")."""
    try:
        import ctypes

        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (ImportError, OSError, AttributeError):
        return
    trim(0)
