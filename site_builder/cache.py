"""What the previous build wrote, so the next one only redoes what changed.

A build records a manifest: for every file of the site, a hash of what it was made from
(page key) or of its bytes. The next build skips a page whose key hash is unchanged and
whose file is still there (neither rendered nor written), writes an unkeyed file only if its
bytes changed, and deletes files the old manifest had and the new build no longer makes.

Every page key is hashed together with the site fingerprint: the code of this package
(templates, assets, interface strings included), the theme folder, the data files
(content/data/*.yml: award labels, unit names...) and the configuration. Any of those
changing makes every key new, so such a change rebuilds everything: slower, never stale.

The manifest lives in `.cache/site-builder/` beside mkdocs.yml, one per output folder, not
in the published site (it would publish a large file no reader needs). The output folder
gets a small marker holding the build's id; a manifest is only trusted when the marker in
the folder matches it, so a site folder deleted, copied back from a backup or cleaned by
another tool is rebuilt in full instead of being trusted.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_VERSION = 3
MARKER = ".site-builder-build"  # written into the output folder: the id of the build that made it
CACHE_DIR = Path(".cache") / "site-builder"
PACKAGE = Path(__file__).resolve().parent


def machine_cache_dir() -> Path | None:
    """Where this machine keeps what any project's build may reuse: SITE_BUILDER_CACHE_DIR,
    else the user's cache folder ($XDG_CACHE_HOME or ~/.cache, %LOCALAPPDATA% on Windows)."""
    chosen = os.environ.get("SITE_BUILDER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder
            return None
    return Path(base) / "site-builder"


def replace_file(path: Path, *parts: bytes) -> None:
    """Write `parts` to `path` whole or not at all: into a temporary file beside it (named
    with ".tmp-", which sheet_cache's prune removes when a crash left one), then renamed over
    it, so that no reader, and no other process writing the same file, sees half of it.
    Raises OSError, the temporary file removed."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with open(tmp, "wb") as fh:
            for part in parts:
                fh.write(part)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def _hash_tree(h, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if suffixes and path.suffix not in suffixes:
            continue
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")


_CODE: str | None = None


def code_fingerprint() -> str:
    """This package's code, templates, assets and strings: a new version changes it."""
    global _CODE
    if _CODE is None:
        h = hashlib.blake2b(digest_size=12)
        _hash_tree(h, PACKAGE)
        _CODE = h.hexdigest()
    return _CODE


def site_fingerprint(config) -> str:
    """Everything every page may depend on besides its own key."""
    h = hashlib.blake2b(digest_size=12)
    h.update(code_fingerprint().encode())
    if config.theme_dir:
        _hash_tree(h, Path(config.theme_dir))
    _hash_tree(h, Path(config.content_dir) / "data")
    h.update(repr(sorted((k, repr(v)) for k, v in vars(config).items())).encode())
    return h.hexdigest()


def manifest_file(config, site_dir: Path) -> Path:
    """One manifest per output folder, in the project's cache folder."""
    site_dir = Path(site_dir).resolve()
    return Path(config.project_dir) / CACHE_DIR / f"manifest-{digest(str(site_dir))}.marshal"


@dataclass
class Manifest:
    """path (from the site root) -> hash; `extras` lists files written along with a page
    (its embed variant...), which a skipped page keeps; `batches` holds each page batch's
    key with the hashes of its page files and of their extra files (render/pages.py
    PageBatch). A batch's files are saved under the batch only, not again under `files`
    (they are most of a large site), and put back into `files` when loaded."""
    build_id: str = ""
    fingerprint: str = ""
    files: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)
    batches: dict = field(default_factory=dict)  # name -> [key, {page file: hash}, {extra file: hash}]

    def to_bytes(self) -> bytes:
        """marshal, not JSON: the manifest of a 100,000-page site is 10 MB, which JSON took a
        third of a second to write and a tenth to read, in every rebuild's serial part. It is
        a cache: a Python that cannot read it (marshal's format is Python's own) builds in full."""
        in_batches = {f for _key, pages, extras in self.batches.values() for f in (*pages, *extras)}
        files = {f: h for f, h in self.files.items() if f not in in_batches}
        return marshal.dumps({"version": MANIFEST_VERSION, "build_id": self.build_id,
                              "fingerprint": self.fingerprint, "files": files, "extras": self.extras,
                              "batches": self.batches})


def new_build_id() -> str:
    return uuid.uuid4().hex


def load_manifest(config, site_dir: Path) -> Manifest | None:
    """The manifest of the build that made `site_dir`, or None (full build) when there is no
    such build, the folder was changed by something else, or the manifest is unreadable."""
    site_dir = Path(site_dir)
    try:
        marker = (site_dir / MARKER).read_text(encoding="utf-8").strip()
        data = marshal.loads(manifest_file(config, site_dir).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION or not marker or data.get("build_id") != marker:
        return None
    files, batches = data.get("files", {}), data.get("batches", {})
    for _key, pages, extras in batches.values():
        files.update(pages)
        files.update(extras)
    return Manifest(data["build_id"], data.get("fingerprint", ""), files, data.get("extras", {}), batches)


def save_manifest(config, site_dir: Path, manifest: Manifest) -> None:
    """Write the manifest (atomically: a half-written manifest would be worse than none), with
    the folder it describes beside it, and remove the manifests of folders that are gone."""
    path = manifest_file(config, site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, manifest.to_bytes())
    path.with_suffix(".site").write_text(str(Path(site_dir).resolve()), encoding="utf-8")
    _remove_orphan_manifests(path)


def _remove_orphan_manifests(keep: Path) -> None:
    """A manifest is kept per output folder, and a development server builds into a new
    temporary folder every session (10 MB of manifest at 50,000 recipients each time): the
    manifests of folders that no longer exist go, and those written before each manifest
    named its folder (an older version of this package)."""
    for manifest in keep.parent.glob("manifest-*.marshal"):
        if manifest == keep:
            continue
        where = manifest.with_suffix(".site")
        try:
            gone = not where.is_file() or not Path(where.read_text(encoding="utf-8")).is_dir()
            if gone:
                manifest.unlink(missing_ok=True)
                where.unlink(missing_ok=True)
        except OSError:
            pass  # another build is saving or removing it


def forget_manifest(config, site_dir: Path) -> None:
    """Before touching the live folder: if we fail halfway, the next build must not trust it."""
    try:
        (Path(site_dir) / MARKER).unlink()
    except OSError:
        pass
