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

import marshal
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import replace_file
from .cache_dirs import CACHE_DIR
from .digests import digest

MANIFEST_VERSION = 3
MARKER = ".site-builder-build"  # written into the output folder: the id of the build that made it


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
