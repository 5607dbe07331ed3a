"""A rebuild with nothing changed: told in a line, without loading anything (issue 24 item 8).

An incremental build (runtime/manifest.py) renders nothing when nothing changed, but it still
imports MkDocs, loads and checks every content file and compares every page's key: seconds at
50,000 recipients. Before any of that, `site-builder build` compares a *sources stamp*, a digest
of everything a build reads, with the one the last successful build into the same folder, with
the same options, saved:

- this package's files by (path, size, mtime_ns...), not by their bytes (an edit in a
  development checkout changes them), the installed distributions beside MkDocs and Material
  (their record folders: a new version is a new one), and Python's version;
- the bytes of mkdocs.yml, the command's options (site folder, --preview, --lang), the
  environment variables the build reads (SITE_BUILDER_*, the npm registry the web editor is
  fetched from) and the build's "today" (config.build_today: scheduled content appears by date);
- every file under the folders the configuration names (docs_dir, the theme's custom_dir,
  `watch`, `hooks`): its path, size, mtime_ns, ctime_ns and inode, from folder listings and
  stat (nothing is read). The change time is set by the system on every write, so bytes
  rewritten with the old size and modification time put back are still noticed.

When the stamp is the saved one and the live folder's marker still holds the id of the build
that saved it, the site is already what a build would make: the command says so, repeats that
build's problem report, and stops, writing nothing. Anything unexpected (no record, an
unreadable one, no marker, a configuration that reads the environment or another file through
`!ENV` or INHERIT) means a normal build. `--clean` always builds; so does a build after a failed
one (a build forgets the record when it starts and saves it only once its site is in place).

What is not looked at: the live site's files other than the marker (a page deleted there by
hand comes back with the next build that changes something, or with --clean) and files a
Markdown extension's options name outside those folders.
"""
from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path

from .atomic import replace_file
from .cache_dirs import CACHE_DIR
from .digests import PACKAGE, digest, values_digest
from .manifest import MARKER

RECORD_VERSION = 1
# Other programs whose files make the site: MkDocs and its theme (found without importing them).
SHELL_PACKAGES = ("mkdocs", "material")
# Environment variables a build reads besides SITE_BUILDER_*: where the web editor's files come from.
OTHER_ENV = ("NPM_CONFIG_REGISTRY", "npm_config_registry")
# Configuration that makes mkdocs.yml's bytes say less than the whole configuration.
INDIRECT = (b"!ENV", b"INHERIT")


def record_file(config_file: str | Path, options: dict) -> Path:
    """Where the last successful build of this configuration with these options keeps its
    stamp: the project's cache, beside the output folders' manifests."""
    config_file = Path(config_file).resolve()
    key = digest(repr((str(config_file), sorted(options.items()))))
    return config_file.parent / CACHE_DIR / f"sources-{key}.marshal"


def sources_stamp(config_file: str | Path, folders: list[str], options: dict) -> str | None:
    """The digest of everything a build with `options` reads (the module's docstring); None
    when it cannot be told from here (an unreadable mkdocs.yml, `!ENV`, INHERIT)."""
    from ..config import build_today

    try:
        config_bytes = Path(config_file).read_bytes()
        today = build_today().isoformat()
    except (OSError, SystemExit):
        return None
    if any(word in config_bytes for word in INDIRECT):
        return None
    h = hashlib.blake2b(digest_size=12)
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("SITE_BUILDER_") or k in OTHER_ENV)
    h.update(values_digest((sys.version, config_bytes, sorted(options.items()), env, today, folders)).encode())
    _stat_tree(h, str(PACKAGE))
    _stat_installed(h)
    for folder in folders:
        _stat_tree(h, folder)
    return h.hexdigest()


def _stat_installed(h) -> None:
    """The distributions installed where MkDocs and Material are (Jinja2, PyYAML, openpyxl...
    too): each one's record folder, whose name holds its version and which an install
    replaces. One listing; walking Material's 14,000 files by stat took 0.1 s."""
    places = set()
    for name in SHELL_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            places.add(os.path.dirname(list(spec.submodule_search_locations)[0]))
    for place in sorted(places):
        with os.scandir(place) as listing:
            for entry in sorted(listing, key=lambda e: e.name):
                if entry.name.endswith((".dist-info", ".egg-info", ".pth")):
                    st = entry.stat()
                    h.update(f"{place}/{entry.name}\0{st.st_mtime_ns}\0{st.st_ino}\n"
                             .encode("utf-8", "surrogateescape"))


def _stat_tree(h, root: str) -> None:
    """Each file under `root` (or `root` itself, a file), by path, size, mtime_ns and inode, in
    name order. Links are followed to what they name; a linked folder is not entered."""
    try:
        st = os.stat(root)
    except OSError:
        h.update(b"-" + root.encode("utf-8", "surrogateescape") + b"\0")
        return
    h.update(_stat_line(root, st))
    if os.path.isdir(root):
        _stat_folder(h, root, len(root) + 1)


def _stat_line(name: str, st: os.stat_result) -> bytes:
    """What the stamp holds of one file: its name and what any write to it changes."""
    return (f"{name}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n"
            .encode("utf-8", "surrogateescape"))


def _stat_folder(h, folder: str, prefix: int) -> None:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        try:
            st = entry.stat()
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            st, is_dir = None, False
        rel = entry.path[prefix:]
        if st is None:
            h.update(f"{rel}\0gone\n".encode("utf-8", "surrogateescape"))
            continue
        h.update(_stat_line(rel, st))
        if is_dir:
            _stat_folder(h, entry.path, prefix)


def unchanged_build(config_file: str | Path, options: dict, taken: dict | None = None) -> dict | None:
    """The record of the last successful build ({"build_id", "report", "lang", ...}) when
    nothing it read has changed since and its site is still in place; else None. `taken`, a
    dict, receives the stamp this took ({"folders", "stamp"}): the build that follows when
    something changed saves that stamp instead of taking it again when it reads the same
    folders (a stat of every source file: 12,000 at 50,000 recipients)."""
    try:
        record = marshal.loads(record_file(config_file, options).read_bytes())
        if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
            return None
        marker = (Path(record["site_dir"]) / MARKER).read_text(encoding="utf-8").strip()
        if not marker or marker != record["build_id"]:
            return None
        folders = list(record["folders"])
        stamp = sources_stamp(config_file, folders, options)
    except (OSError, ValueError, EOFError, TypeError, KeyError, UnicodeDecodeError):
        return None
    if taken is not None and stamp is not None:
        taken.update(folders=folders, stamp=stamp)
    return record if stamp is not None and stamp == record.get("stamp") else None


def forget_build(config_file: str | Path, options: dict) -> None:
    """Before a build: if it fails, the next one must not take its sources as built."""
    try:
        record_file(config_file, options).unlink()
    except OSError:
        pass


def remember_build(config_file: str | Path, options: dict, folders: list[str], stamp: str | None,
                   site_dir: str | Path, report: str, lang: str) -> None:
    """After a build put its site in place: its stamp (taken before it read anything), the
    id in its marker, and its problem report, for unchanged_build()."""
    if stamp is None:
        return
    site_dir = Path(site_dir).resolve()
    try:
        build_id = (site_dir / MARKER).read_text(encoding="utf-8").strip()
        path = record_file(config_file, options)
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, marshal.dumps({"version": RECORD_VERSION, "stamp": stamp, "folders": list(folders),
                                          "site_dir": str(site_dir), "build_id": build_id,
                                          "report": report, "lang": lang}))
    except OSError:
        pass  # no record: the next build is a normal one
