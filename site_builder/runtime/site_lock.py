"""One build at a time per site folder: an exclusive lock on `.<name>.lock` beside it.

Two builds of the same site at once (two pushes in a row, a cron job meeting a push) would
each read the live folder, the manifest and the previous tree kept beside it
(runtime/swap.py), and each remove what it takes for the other's leftovers. So a build
takes this lock before it makes its staging folder and holds it until the new site is in
place. The second build waits, saying so once, up to SITE_BUILDER_LOCK_WAIT seconds
(default 600: longer than a first build of a large province), then stops with SiteBusy,
which the command reports in the site's language with its own exit code (cli.py).

The lock is the operating system's (`flock` on POSIX, `msvcrt.locking` on Windows): a build
that is killed releases it with its process, so a stale lock file never blocks anyone. The
file itself stays (removing it would let two builds lock two different files of one name);
it holds the process id of the build that last took it, for the message.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ..content.problems import say

WAIT_ENV = "SITE_BUILDER_LOCK_WAIT"
DEFAULT_WAIT = 600.0
_POLL = 0.2  # seconds between two attempts while another build holds the lock
_WINDOWS_BYTE = 1 << 20  # Windows locks a byte range, which others then cannot read: lock one far from the pid


class SiteBusy(Exception):
    """Another build held the site's lock for longer than this one would wait."""

    def __init__(self, folder: Path, pid: str, seconds: float, lang: str = "vi"):
        self.params = {"folder": str(folder), "pid": pid or "?", "seconds": _whole(seconds)}
        self.lang = lang  # the language of the build that waited (the site's, or --lang)
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        return say("site_busy", lang or self.lang, **self.params)


def lock_file_for(target: Path) -> Path:
    """`.<name>.lock` beside the site folder (its real place, when `target` is a symlink)."""
    target = Path(target).resolve()
    return target.with_name(f".{target.name}.lock")


def wait_seconds() -> float:
    """How long a build waits for another one: SITE_BUILDER_LOCK_WAIT, else DEFAULT_WAIT."""
    value = os.environ.get(WAIT_ENV, "").strip()
    try:
        return max(0.0, float(value)) if value else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


class SiteLock:
    """The lock of the site folder `target`, taken by acquire() and held until release() (or
    the end of the process). Forked workers share it; it is released by closing, never by
    unlocking, so that a helper still holding the file keeps it locked."""

    def __init__(self, target: Path):
        self.target = Path(target).resolve()
        self._finish: list = []
        self.path = lock_file_for(self.target)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float | None = None, lang: str = "vi", tell=None) -> "SiteLock":
        """Take the lock, waiting up to `wait` seconds (wait_seconds() when None); `tell(text)`
        is called once when another build holds it (default: a line on stderr). Raises
        SiteBusy when the time is up."""
        wait = wait_seconds() if wait is None else wait
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        told = False
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise SiteBusy(self.target, _holder(fd), wait, lang)
                if not told:
                    text = say("site_busy_waiting", lang, pid=_holder(fd) or "?", folder=self.target,
                               seconds=_whole(wait))
                    (tell or _to_stderr)(text)
                    told = True
                time.sleep(_POLL)
        except BaseException:
            os.close(fd)
            raise
        _write_pid(fd)
        self._fd = fd
        return self

    def on_release(self, finish) -> None:
        """Call `finish()` when the lock is released, before another build may take it (work
        of this build still running beside it: runtime/swap.py's mirror)."""
        self._finish.append(finish)

    def release(self) -> None:
        finish, self._finish = self._finish, []
        for step in finish:
            step()
        fd, self._fd = self._fd, None
        if fd is not None:
            if sys.platform == "win32":
                _windows_unlock(fd)
            os.close(fd)

    def __enter__(self) -> "SiteLock":
        return self if self.held else self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _windows_unlock(fd: int) -> None:
    import msvcrt

    try:
        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass


def _write_pid(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode("ascii"))
    except OSError:
        pass  # the pid only makes the message clearer


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def _whole(seconds: float) -> str:
    return f"{seconds:g}"


def _to_stderr(text: str) -> None:
    print(f"site-builder: {text}", file=sys.stderr, flush=True)
