"""Putting a new site in place in one step, and what lives beside the site folder meanwhile.

A build never changes the live folder `site/` file by file: it makes a complete new tree
beside it and exchanges the two in one step, so a kill at any moment leaves the old site or
the new one, whole (tests/test_atomic_publish.py kills builds to prove it).

Beside `site/` (all on the same file system, so that renames and hard links work):

- `.site.lock`: the lock one build at a time holds (runtime/site_lock.py); stays.
- `.site.staging-<pid>`: where a build renders (MkDocs and the core write there).
- `.site.previous`: the tree that was live before the last build, brought up to date with
  it: a second complete copy of the site whose unchanged files are hard links to the live
  ones (so it costs its folders and the files the last build changed, not a second site).
  Its marker (runtime/manifest.py MARKER) equals the live site's when it mirrors it; only
  then is it used.
- `.site.old-<pid>`: the live tree between the two renames of a system without an atomic
  exchange (below); the next build puts it back if it finds no `site/`.
- `.site.mirror-<pid>`: a `.previous` being made (below), renamed when whole.
- `.site.mirror.lock`: held by the detached process that makes the mirror after a full build;
  the next build waits for it before touching anything beside the site. Stays.
- `.site.trash-<pid>-<n>`: anything on its way out, deleted by a detached process.

The exchange is `renameat2(RENAME_EXCHANGE)` on Linux (glibc 2.28 or later; through ctypes):
the two folders trade places in one system call. Elsewhere, or when the file system refuses
it, two renames through `.site.old-<pid>`, with a moment in between where `site/` is missing
and the next build repairs (restore_interrupted).

How each build makes its new tree (commit_fresh, commit_changes):

- a full build renders everything into its staging folder, which is exchanged with `site/`;
  the old site (a full copy) goes to the trash;
- an incremental build renders only what changed. When `.site.previous` mirrors the live
  site, the new files are moved into it and stale ones removed: that is the new tree. Else
  the staging folder receives a hard link to every unchanged live file (a copy where the
  file system has no hard links). After the exchange the tree that was live is brought up
  to date with the same list of changes, and becomes `.site.previous` for the next build.
  So each incremental build touches only the files that changed (twice), and one that
  follows a full build pays for linking the whole tree once (docs/architecture.md).

That one linking pass is the kernel's work (a folder or a link at a time: 2 s of it for the
157,000 files of 50,000 recipients), so nobody waits for it where that can be helped:

- after a full build, a detached process makes the mirror of the new site
  (`.site.mirror-<its pid>`, renamed to `.site.previous` when whole), holding the mirror lock,
  while the build returns; the next build (a push, an edit: minutes later, usually) finds it
  made, or waits for it silently once it holds the site's lock (mirror_in_background,
  wait_for_mirror);
- an incremental build that finds no mirror (the background one was killed, or the site was
  made by an older version) starts a child making it beside its rendering, and its commit
  waits for it (start_mirror, await_mirror). Killed with the build, it leaves a mirror folder
  the next build trashes; left running by a build that failed, it finishes a valid mirror.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from .manifest import MARKER
from .output_paths import check_inside
from .site_lock import SiteLock

STAGING, OLD, TRASH, PREVIOUS, MIRROR = "staging", "old", "trash", "previous", "mirror"
# File systems (or kernels) that cannot exchange two folders in one call: two renames instead.
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}
# Where a hard link cannot be made (another file system, no links, a file with too many), a copy.
_NO_LINK = {errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS,
            errno.EACCES}


def sibling(target: Path, kind: str, unique: bool = False) -> Path:
    """`.<name>.<kind>` beside the site folder; with `-<pid>` for staging and old, and a
    random part too for the trash (`unique`)."""
    target = Path(target)
    if kind == PREVIOUS:
        return target.with_name(f".{target.name}.{kind}")
    suffix = f"-{os.getpid()}" + (f"-{uuid.uuid4().hex[:8]}" if unique else "")
    return target.with_name(f".{target.name}.{kind}{suffix}")


def staging_dir_for(target: Path) -> Path:
    return sibling(Path(target).resolve(), STAGING)


def _siblings(target: Path, kind: str) -> list[Path]:
    """Every `.<name>.<kind>-*` beside the site folder, whatever process made it."""
    prefix = f".{target.name}.{kind}-"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [target.parent / name for name in sorted(names) if name.startswith(prefix)]


# -- taking the site ----------------------------------------------------------------------------


def claim_site(target: Path, lang: str = "vi", wait: float | None = None, tell=None) -> SiteLock:
    """The lock of the site folder `target` (runtime/site_lock.py), then what killed builds
    left: a site folder missing between two renames is put back, their staging and old
    folders and a `.previous` that no longer mirrors the site go to the trash, which a
    detached process deletes. Release the returned lock when the new site is in place."""
    target = Path(target).resolve()
    lock = SiteLock(target).acquire(wait, lang, tell)
    try:
        # The mirror a full build left being made in the background (mirror_in_background) is
        # waited for, silently: it is this build's head start, and its folder no leftover.
        wait_for_mirror(target)
        restore_interrupted(target)
        if trash_leftovers(target):
            start_tidy(target)
        # A build that fails leaves its mirror whole, not half made, before the next one runs
        # (started by open_output, for incremental builds only: runtime/output.py).
        lock.on_release(lambda: await_mirror(target))
    except BaseException:
        lock.release()
        raise
    return lock


# -- the mirror made while the build loads -------------------------------------------------------

_MIRRORS: dict[str, subprocess.Popen] = {}  # site folder -> the child making its mirror


def start_mirror(target: Path) -> None:
    """When the live site has no `.previous` mirroring it, start a child that makes one
    (the module's docstring); its result is used if it is whole by the commit. The caller
    holds the site's lock and builds incrementally: a full build has no use for a mirror of
    the site it replaces."""
    target = Path(target)
    if not _marker(target) or mirrors_live(target) or os.name == "nt":
        return
    try:
        _MIRRORS[str(target)] = subprocess.Popen(
            [sys.executable, "-m", __name__, "--mirror", str(target)], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)
    except OSError:
        pass  # the commit links the tree itself


def await_mirror(target: Path) -> None:
    """Wait for the child making the mirror of `target`, if one was started."""
    child = _MIRRORS.pop(str(Path(target)), None)
    if child is not None:
        child.wait()


def mirror_in_background(target: Path) -> None:
    """After a full build: make the mirror of the new site in a detached process, so that the
    next build, an incremental one most of the time (the next push, the next edit), finds it
    made instead of linking 157,000 files at 50,000 recipients itself (2 s of kernel time).
    The process holds the mirror lock from here on (its file descriptor is handed to it, so
    there is no moment without it); claim_site waits for that lock. The caller holds the
    site's lock."""
    target = Path(target)
    if os.name == "nt" or not _marker(target):
        return
    fd = _lock_mirror(target, wait=False)
    if fd is None:
        return
    try:
        subprocess.Popen([sys.executable, "-m", __name__, "--mirror", str(target)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True, pass_fds=(fd,),
                         start_new_session=True)
    except OSError:
        pass  # the next incremental build makes it
    finally:
        os.close(fd)


def wait_for_mirror(target: Path) -> None:
    """Wait until no detached process is making the mirror of `target` (mirror_in_background):
    it changes `.previous` and a `.<name>.mirror-<pid>` folder, which this build must not touch
    meanwhile. It only links files, so the wait is bounded by the size of the site."""
    if os.name == "nt" or not mirror_lock_file(target).exists():
        return
    fd = _lock_mirror(target, wait=True)
    if fd is not None:
        os.close(fd)


def mirror_lock_file(target: Path) -> Path:
    """`.<name>.mirror.lock` beside the site folder: held while a detached process makes the
    mirror. It stays, as the site's lock does."""
    target = Path(target)
    return target.with_name(f".{target.name}.mirror.lock")


def _lock_mirror(target: Path, wait: bool) -> int | None:
    """A file descriptor holding the mirror lock (flock, released when every process holding
    the descriptor has closed it), or None when it is taken and `wait` is False."""
    import fcntl

    fd = os.open(mirror_lock_file(target), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def make_mirror(target: Path) -> None:
    """Make `.previous` a complete tree of hard links to the live site (the child's work)."""
    target = Path(target)
    live = _marker(target)
    if not live or mirrors_live(target):
        return
    tree = sibling(target, MIRROR)
    shutil.rmtree(tree, ignore_errors=True)
    # GNU cp links a tree in C: 2.3 s for the 157,000 files of a 50,000-recipient site, all of
    # it the kernel's, where the loop below takes a second more in Python.
    linked = sys.platform.startswith("linux") and shutil.which("cp") is not None and subprocess.run(
        ["cp", "-al", "--", str(target), str(tree)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL).returncode == 0
    if not linked:
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        _link_files(target, tree, [rel for rel in walk_files(target) if rel != MARKER])
    _mark(tree, live)
    previous = sibling(target, PREVIOUS)
    if _marker(target) != live:  # the site changed or went meanwhile: this is no mirror of it
        shutil.rmtree(tree, ignore_errors=True)
        return
    if os.path.lexists(previous):
        _to_trash(target, previous)
    os.rename(tree, previous)


def walk_files(root: Path):
    """Every file under `root`, as a path relative to it with "/" separators."""
    base = str(root)
    for folder, _dirs, names in os.walk(base):
        rel = os.path.relpath(folder, base).replace(os.sep, "/")
        for name in names:
            yield name if rel == "." else f"{rel}/{name}"


def restore_interrupted(target: Path) -> Path | None:
    """When the site folder is missing and a build was killed between the two renames of an
    exchange (no atomic exchange on this system), the old site it moved aside is whole (it
    was live, and keeps its marker): put it back. Returns what was restored."""
    target = Path(target)
    if os.path.lexists(target):
        return None
    whole = [old for old in _siblings(target, OLD) if (old / MARKER).is_file()]
    if not whole:
        return None
    newest = max(whole, key=lambda old: (old / MARKER).stat().st_mtime_ns)
    os.rename(newest, target)
    return newest


def trash_leftovers(target: Path) -> bool:
    """Move the staging and old folders of killed builds (any process: the lock is ours) and
    a `.previous` that does not mirror the site to the trash. True when there is trash."""
    target = Path(target)
    for kind in (STAGING, OLD, MIRROR):
        for folder in _siblings(target, kind):
            _to_trash(target, folder)
    previous = sibling(target, PREVIOUS)
    if os.path.lexists(previous) and not mirrors_live(target):
        _to_trash(target, previous)
    return bool(_siblings(target, TRASH))


def mirrors_live(target: Path) -> bool:
    """Whether `.previous` is a complete copy of the live site (same build marker, which is
    written last when it is brought up to date and removed first when it is changed)."""
    live = _marker(Path(target))
    return bool(live) and _marker(sibling(Path(target), PREVIOUS)) == live


def _marker(folder: Path) -> str:
    try:
        return (folder / MARKER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _mark(folder: Path, build_id: str) -> None:
    """Write the marker as a new file: in a tree of hard links, writing into an existing
    file would change the live site's."""
    _unmark(folder)
    (folder / MARKER).write_text(build_id, encoding="utf-8")


def _unmark(folder: Path) -> None:
    try:
        (folder / MARKER).unlink()
    except FileNotFoundError:
        pass


def _to_trash(target: Path, folder: Path) -> None:
    try:
        os.rename(folder, sibling(target, TRASH, unique=True))
    except FileNotFoundError:
        pass


# -- the exchange -------------------------------------------------------------------------------


def exchange(new: Path, target: Path) -> None:
    """Put the tree `new` at `target` and what was at `target` at `new`, in one step where
    the system can; a missing `target` simply receives `new`."""
    new, target = Path(new), Path(target)
    if not os.path.lexists(target):
        os.rename(new, target)
        return
    if _exchange_in_one_call(new, target):
        return
    old = sibling(target, OLD)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    os.rename(old, new)


def _exchange_in_one_call(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): False where the system has no such call or the file
    system refuses it (then the caller renames twice)."""
    call = _renameat2()
    if call is None:
        return False
    import ctypes

    if call(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _renameat2():
    """libc's renameat2 on Linux (glibc 2.28+), else None."""
    if not sys.platform.startswith("linux") or os.environ.get("SITE_BUILDER_NO_EXCHANGE"):
        return None
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call


# -- committing a build -------------------------------------------------------------------------


def commit_fresh(staging: Path, target: Path, build_id: str) -> None:
    """A full build: `staging` holds the whole new site; it takes the live folder's place,
    and the old site, with any `.previous` of it, goes to the trash (deleted in the
    background)."""
    target = Path(target).resolve()
    await_mirror(target)  # its tree would mirror the site that goes: trashed below
    os.makedirs(staging, exist_ok=True)
    _mark(Path(staging), build_id)
    exchange(staging, target)
    trash = os.path.lexists(staging)
    if trash:
        _to_trash(target, Path(staging))
    previous = sibling(target, PREVIOUS)
    if os.path.lexists(previous):
        _to_trash(target, previous)
        trash = True
    if trash:
        start_tidy(target)
    mirror_in_background(target)


def commit_changes(staging: Path, target: Path, build_id: str, changed: list[str], stale: list[str],
                   kept: list[str]) -> None:
    """An incremental build: `staging` holds the `changed` files (and, maybe, stand-ins
    of kept ones, ignored); `stale` files go; `kept` ones stay as the live site has them.
    See the module's docstring for how the new tree is made."""
    target, staging = Path(target).resolve(), Path(staging)
    await_mirror(target)
    previous = sibling(target, PREVIOUS)
    if mirrors_live(target):
        tree = previous
        _unmark(tree)  # from here until it is marked again, it mirrors nothing
        remove_files(tree, stale)
        _move_files(staging, tree, changed)
    else:
        tree = staging
        os.makedirs(tree, exist_ok=True)
        _link_files(target, tree, kept)
    _mark(tree, build_id)
    exchange(tree, target)
    # `tree` holds the site as it was: the same changes make it mirror the new one.
    try:
        _unmark(tree)
        remove_files(tree, stale)
        _link_files(target, tree, changed)
        _mark(tree, build_id)
        if tree != previous:
            if os.path.lexists(previous):
                _to_trash(target, previous)
            os.rename(tree, previous)
    except Exception:  # noqa: BLE001 - whatever it is, the new site is live and whole:
        _to_trash(target, tree)  # only the next build's head start is lost
    if tree != staging:
        shutil.rmtree(staging, ignore_errors=True)  # what is left there: shell stand-ins of kept files
    if _siblings(target, TRASH):
        start_tidy(target)


def _move_files(source: Path, dest: Path, paths: list[str]) -> None:
    """Rename each of `paths` from `source` into `dest` (replacing what is there)."""
    made: set[str] = set()
    src, dst = str(source) + "/", str(dest) + "/"
    for rel in paths:
        check_inside(rel, dest)
        _folder_for(dst, rel, made)
        os.replace(src + rel, dst + rel)


def _link_files(source: Path, dest: Path, paths: list[str]) -> None:
    """Give `dest` each of `paths` as a hard link to `source`'s file (replacing what is
    there); a copy where links cannot be made."""
    made: set[str] = set()
    src, dst = str(source) + "/", str(dest) + "/"
    link = True
    for rel in paths:
        check_inside(rel, dest)
        _folder_for(dst, rel, made)
        if link:
            try:
                _link(src + rel, dst + rel)
                continue
            except OSError as exc:
                if exc.errno not in _NO_LINK:
                    raise
                link = False  # this file system: copy the rest
        _replace_by_copy(src + rel, dst + rel)


def _link(source: str, dest: str) -> None:
    try:
        os.link(source, dest)
    except FileExistsError:
        os.unlink(dest)
        os.link(source, dest)


def _replace_by_copy(source: str, dest: str) -> None:
    try:
        os.unlink(dest)
    except FileNotFoundError:
        pass
    shutil.copy2(source, dest)


def _folder_for(root: str, rel: str, made: set[str]) -> None:
    folder = rel.rpartition("/")[0]
    if folder and folder not in made:
        os.makedirs(root + folder, exist_ok=True)
        made.add(folder)


def remove_files(root: Path, paths: list[str]) -> None:
    """Delete `paths` under `root`, then the folders they leave empty."""
    folders: set[str] = set()
    base = str(root) + "/"
    for rel in paths:
        check_inside(rel, root)
        try:
            os.unlink(base + rel)
        except FileNotFoundError:
            pass
        folders.add(rel.rpartition("/")[0])
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        while folder:
            try:
                os.rmdir(base + folder)
            except OSError:
                break
            folder = folder.rpartition("/")[0]


# -- deleting the trash -------------------------------------------------------------------------


def start_tidy(target: Path) -> None:
    """Delete the site's trash in a detached process: a large old site takes seconds to
    delete, which neither the build nor a push waiting for it should spend. It needs no
    lock (trash is never written to). Where no process can be started, here and now."""
    args = [sys.executable, "-m", __name__, str(target)]
    options = {"creationflags": 0x00000008 | 0x00000200} if os.name == "nt" else {"start_new_session": True}
    try:
        subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, close_fds=True, **options)
    except OSError:
        remove_trash(Path(target))


def remove_trash(target: Path) -> None:
    for folder in _siblings(Path(target), TRASH):
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    """`python -m site_builder.runtime.swap <site folder>`: the detached deleter;
    `--mirror <site folder>`: the child that makes the mirror (start_mirror)."""
    if argv[:1] == ["--mirror"]:
        try:
            make_mirror(Path(argv[1]))
        except Exception:  # noqa: BLE001 - no mirror, no harm: the commit links the tree itself
            return 1
        return 0
    if hasattr(os, "nice"):
        try:
            os.nice(10)
        except OSError:
            pass
    remove_trash(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
