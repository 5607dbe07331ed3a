"""Writing the generated site, all or nothing, and only what changed.

Nothing under the live site folder is touched until every page has rendered, and then it is
replaced whole, in one step (runtime/swap.py):

- first build (no trusted manifest, see runtime/manifest.py): every file goes into a staging folder
  beside the target, which then trades places with the target;
- later builds: only files whose key or bytes changed go into the staging folder (the shell,
  MkDocs, writes its few pages there too); on success a complete new tree is made from them
  and the live site's unchanged files (hard links), and trades places with the target;
- `direct` (mkdocs serve, or `atomic: false`): no staging, files go straight to the target.

Every path is checked before it is written (runtime/output_paths.py): nothing leaves the
output folder, whatever reaches the writer.

Workers of a parallel build (runtime/parallel.py) each write through their own Output on the
same folders and hand back their `result()`; the parent `absorb()`s them.
"""
from __future__ import annotations

import errno
import filecmp
import os
import shutil
from pathlib import Path

from .manifest import MARKER, Manifest, forget_manifest, load_manifest, new_build_id, save_manifest
from .digests import digest
from .output_paths import UnsafeOutputPath, output_path_problem
from .swap import commit_changes, commit_fresh, remove_files, staging_dir_for, start_mirror, walk_files

SHELL = "shell"  # manifest hash of a file the shell (MkDocs) wrote: rewritten by every build


class Output:
    """Writes files under `root` (staging, or the live folder when direct), skipping files
    the previous build (`previous`, describing `live`) already made the same way."""

    def __init__(self, root: Path, previous: Manifest | None = None, live: Path | None = None,
                 fingerprint: str = ""):
        self.root = Path(root)
        self.previous = previous
        self.live = Path(live) if live is not None else self.root
        self.fingerprint = fingerprint
        self.files = 0
        self.bytes = 0
        self.skipped = 0
        self.entries: dict[str, str] = {}  # every file this build makes -> key or content hash
        self.extras: dict[str, list[str]] = {}  # page file -> files written with it (embeds)
        # Files actually written under root by this build, kept on a rebuild only: the commit
        # compares them with the live ones (_changed_files); a first build publishes them all,
        # and the set was one more entry for each of its files (docs/architecture.md, "Memory").
        self.written: set[str] = set()
        self.batches: dict[str, list] = {}  # page batch name -> [key, {page file: hash}, {extra: hash}]
        self._root = str(self.root) + "/"
        self._dirs: set[str] = set()
        self._listings: dict[str, set[str]] = {}  # live folder -> names in it (keep_batch)
        self.found: list[str] | None = None  # files a full build's fresh folder held when opened

    # -- writing -----------------------------------------------------------------------------

    def write(self, path: str, data: str | bytes, key: str | None = None, extra_of: str | None = None,
              compare: bool = False):
        """Write `data` at `path` unless the previous build made it from the same key, or (no
        key) with the same bytes. `compare`: with a key, still keep the live file when its
        bytes are the same (the key is recorded for the next build). Returns the written
        file's path (str), or None when it was kept."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        stamp = key if key is not None else "c" + digest(raw)
        self.entries[path] = stamp
        if extra_of is not None:
            self.extras.setdefault(extra_of, []).append(path)
        if key is None and (self._unchanged(path, stamp) or self._same_bytes(path, raw)) or \
                compare and self.previous is not None and path in self.previous.files and self.read_previous(path) == raw:
            self.skipped += 1
            return None
        target = self._target(path)
        _store(target, raw)
        if self.previous is not None:
            self.written.add(path)
        self.files += 1
        self.bytes += len(raw)
        return target

    def _target(self, path: str) -> str:
        """The file to write for `path`, its folder made. Strings, not Paths: a Path per file
        cost as much as writing a small page. A path that could leave the output folder is
        refused (runtime/output_paths.py): a string test per file, folders checked once."""
        if output_path_problem(path) is not None:
            raise UnsafeOutputPath(path, self.root, output_path_problem(path))
        target = self._root + path
        parent = target[:target.rfind("/")]
        if parent not in self._dirs:  # one mkdir per folder, not per file
            self._make_folder(parent)
        return target

    def _make_folder(self, parent: str) -> None:
        """Make `parent` and the folders above it that this Output has not made yet, refusing
        a symlink among them: a symlinked folder inside the output (put there by hand, or by
        another tool) would lead writes out of it."""
        top = self._root[:-1]
        new = []
        folder = parent
        while folder != top and folder not in self._dirs:
            new.append(folder)
            folder = folder[:folder.rfind("/")]
        for folder in reversed(new):
            if os.path.islink(folder):
                raise UnsafeOutputPath(folder[len(self._root):], self.root, "a symlinked folder")
        os.makedirs(parent, exist_ok=True)
        self._dirs.update(new)
        self._dirs.add(parent)

    def copy(self, source: Path, path: str) -> None:
        self.write(path, Path(source).read_bytes())

    def keep(self, path: str, key: str) -> bool:
        """True when the page at `path` (and its extra files) may stay as the previous build
        wrote it: same key, files still there. Then nothing needs rendering."""
        if not self._unchanged(path, key):
            return False
        extras = self.previous.extras.get(path, ())
        if any(not self._live_file(extra) for extra in extras):
            return False
        self.entries[path] = key
        for extra in extras:
            self.entries[extra] = self.previous.files.get(extra, key)
        if extras:
            self.extras[path] = list(extras)
        self.skipped += 1
        return True

    def keep_batch(self, name: str, key: str) -> list[str] | None:
        """The page files of a batch the previous build wrote with the same key, when all of
        its files are still there (one folder listing per folder, not one stat per file): they
        stay as they are. None: the batch must be written."""
        previous = self.previous.batches.get(name) if self.previous is not None else None
        if previous is None or previous[0] != key:
            return None
        _key, pages, extras = previous
        listings = self._listings
        for files in (pages, extras):
            for file in files:
                folder, _, base = file.rpartition("/")
                names = listings.get(folder)
                if names is None:
                    names = self._listing(folder)
                if base not in names:
                    return None
        self.entries.update(pages)
        self.entries.update(extras)
        self.batches[name] = previous
        self.skipped += len(pages)
        return list(pages)

    def record_batch(self, name: str, key: str, pages: list[str], extras: list[str]) -> None:
        """A batch this build rendered, with the hashes its files got, for the manifest."""
        self.batches[name] = [key, {f: self.entries[f] for f in pages}, {f: self.entries[f] for f in extras}]

    def _listing(self, folder: str) -> set[str]:
        """The names in a live folder, listed once per build (keep_batch)."""
        try:
            names = set(os.listdir(self.live / folder))
        except OSError:
            names = set()
        self._listings[folder] = names
        return names

    def _same_bytes(self, path: str, raw: bytes) -> bool:
        """A file the previous build stamped with a key (a first build stamps a batch's pages
        with the batch key) has no content hash to compare: compare the bytes themselves."""
        previous = self.previous.files.get(path) if self.previous is not None else None
        return bool(previous) and previous.startswith("k") and self.read_previous(path) == raw

    def _unchanged(self, path: str, stamp: str) -> bool:
        return (self.previous is not None and self.previous.files.get(path) == stamp
                and self._live_file(path))

    def _live_file(self, path: str) -> bool:
        """Whether the live site has a file at `path`, from its folder's listing (_listing: one
        per folder and build, shared with keep_batch), not a stat and a Path per file."""
        folder, _, base = path.rpartition("/")
        names = self._listings.get(folder)
        if names is None:
            names = self._listing(folder)
        return base in names

    def read_previous(self, path: str) -> bytes | None:
        """The bytes the live site has at `path` (_same_bytes compares them)."""
        try:
            return (self.live / path).read_bytes()
        except OSError:
            return None

    # -- parallel workers --------------------------------------------------------------------

    def sibling(self) -> "Output":
        """A fresh Output on the same folders, for a forked process: it hands its result()
        back to the parent, which absorb()s it."""
        return Output(self.root, self.previous, self.live, self.fingerprint)

    def result(self) -> dict:
        return {"files": self.files, "bytes": self.bytes, "skipped": self.skipped, "entries": self.entries,
                "extras": self.extras, "written": self.written, "batches": self.batches}

    def absorb(self, result: dict) -> None:
        self.files += result["files"]
        self.bytes += result["bytes"]
        self.skipped += result["skipped"]
        self.entries.update(result["entries"])
        self.extras.update(result["extras"])
        self.written |= result["written"]
        self.batches.update(result["batches"])


def write_keyed(output, key: str, paths: list[str], make) -> None:
    """Files made together from what `key` hashes (runtime/digests.py): kept when the previous
    build made every one of them from the same key, else all made again (make() -> {path:
    content}). The recipients open data keeps each decision's files its own way:
    feeds/recipient_files.py."""
    keep = getattr(output, "keep", None)
    if keep is not None and getattr(output, "previous", None) is not None and all(keep(p, key) for p in paths):
        return
    for path, data in make().items():
        output.write(path, data, key=key)


def write_together(output, name: str, key: str, make) -> list[str]:
    """Files made together from what `key` hashes whose names `make` decides (the sitemap's
    parts, the folder indexes): when the previous build recorded the set `name` with the same
    key and its files are all still there, they stay as they are and make() is not called;
    else make() -> {path: content}, each written by its bytes (a file that came out the same
    keeps its time). Returns the files."""
    kept = output.keep_batch(name, key) if getattr(output, "keep_batch", None) is not None else None
    if kept is not None:
        return kept
    files = make()
    for path, data in files.items():
        output.write(path, data)
    if getattr(output, "record_batch", None) is not None:
        output.record_batch(name, key, list(files), [])
    return list(files)


def _store(target: Path, raw: bytes) -> None:
    """Write one file with a single open: creating a file costs 0.1-0.2 ms of system time on
    the virtual disks builds run on (writer threads were tried and measured slower: they
    contend with rendering for the GIL; docs/benchmarks.md)."""
    fd = _create(target)
    try:
        _write_all(fd, raw)
    finally:
        os.close(fd)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)


def _create(target: str) -> int:
    """The file `target` opened for writing, emptied; never through a symlink at its place,
    which would write outside the output folder."""
    try:
        return os.open(target, _CREATE, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeOutputPath(target, "the output folder", "a symlink") from exc
        raise


def _write_all(fd: int, data) -> int:
    """All of `data` written to `fd` (os.write may write less); returns its length."""
    view = memoryview(data)
    size = len(view)
    while view:
        view = view[os.write(fd, view):]
    return size


def open_output(config, target: Path, staging: Path | None = None, clean: bool = False,
                direct: bool = False) -> Output:
    """An Output for a build of `target`: incremental when the previous build left a trusted
    manifest (and not `clean`), writing into `staging` (made here when None), or straight into
    `target` when `direct`."""
    from .digests import site_fingerprint

    target = Path(target)
    fingerprint = site_fingerprint(config)
    previous = None if clean else load_manifest(config, target)
    if previous is not None and previous.fingerprint != fingerprint:
        # Code, templates, data or configuration changed: every key is new and nearly every
        # page changes, so a fresh folder swapped in whole beats linking the few kept files.
        previous = None
    if direct:
        return Output(target, previous, target, fingerprint)
    # Without a previous manifest this is a full build into a fresh folder (commit swaps it in).
    output = Output(staging or staging_dir_for(target), previous, target, fingerprint)
    if previous is not None:
        # Its commit needs a second tree mirroring the live site (runtime/swap.py): made now,
        # beside the rendering, when the last build did not leave one.
        start_mirror(target.resolve())
    else:
        # What the folder holds before the core writes is the shell's (MkDocs's pages): listed
        # now, a few hundred files, instead of walking the 100,000 of the built site at commit.
        output.found = list(walk_files(output.root))
    return output


def commit(output: Output, config, target: Path) -> None:
    """Make the live folder `target` what this build produced (see the module's docstring).
    The caller holds the site's lock (runtime/swap.py claim_site)."""
    target = Path(target)
    build_id = new_build_id()
    manifest = Manifest(build_id, output.fingerprint, output.entries, output.extras, output.batches)
    direct = output.root.resolve() == target.resolve()
    if direct:
        forget_manifest(config, target)
        _add_shell_files(output, output.root)
        if output.previous is not None:
            remove_files(target, [rel for rel in output.previous.files if rel not in output.entries])
        save_manifest(config, target, manifest)
        (target / MARKER).write_text(build_id, encoding="utf-8")
        return
    if output.previous is None:
        _add_shell_files(output, output.root, output.found)
        commit_fresh(output.root, target, build_id)
    else:
        changed = _changed_files(output)
        published = set(changed)
        stale = [rel for rel in output.previous.files if rel not in output.entries]
        kept = [rel for rel in output.entries if rel not in published]
        commit_changes(output.root, target, build_id, changed, stale, kept)
    save_manifest(config, target, manifest)


def _add_shell_files(output: Output, root: Path, found: list[str] | None = None) -> None:
    """Files under root the core did not write are the shell's: list them, so that they are
    deleted when the shell stops making them. (Writing straight into the live folder, a file
    the previous build listed as the core's is not the shell's: it is stale.) `found`: the
    files root held before the core wrote, when known (only the core writes meanwhile)."""
    previous = output.previous.files if output.previous is not None else {}
    for rel in walk_files(root) if found is None else found:
        if rel not in output.entries and rel != MARKER and previous.get(rel, SHELL) == SHELL:
            output.entries[rel] = SHELL


def _changed_files(output: Output) -> list[str]:
    """The files in the staging folder that the new site publishes: those the core wrote and
    the shell's (listed in the manifest as the shell's). A file the shell wrote where the core
    kept the live copy is a stand-in, left out: the live copy stays. So is a file written again
    with the bytes the live one has (MkDocs rewrites its pages and assets every build; a list
    whose key changed may come out the same): the live file, with its modification time,
    stays, so rsync without --checksum skips it (docs/publishing.md)."""
    changed = []
    live = str(output.live) + "/"
    for rel in walk_files(output.root):
        if rel == MARKER or (rel in output.entries and rel not in output.written):
            continue
        if rel not in output.entries:
            output.entries[rel] = SHELL
        if not _same_bytes(str(output.root / rel), live + rel):
            changed.append(rel)
    filecmp.clear_cache()
    return changed


def _same_bytes(new: str, old: str) -> bool:
    """Whether two files hold the same bytes (read only when their sizes are equal)."""
    try:
        return os.path.getsize(new) == os.path.getsize(old) and filecmp.cmp(new, old, shallow=False)
    except OSError:
        return False


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
