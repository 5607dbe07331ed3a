"""The CMS's files, self-hosted: the pinned package fetched once from the npm package index,
its integrity checked, and its script and chunks served from the site's /quan-tri/.

The package is pinned here by version and by the sha512 the index publishes for it (npm's
"integrity"), so a changed or corrupted download is refused, never served. It is kept in the
machine's cache (runtime/cache_dirs.py: ~/.cache/site-builder/editor/), where every project
of the machine reuses it, and unpacked beside it. The index's address is npm's own setting
(NPM_CONFIG_REGISTRY, else `npm config get registry`): a province behind a mirror sets it
once for npm and for the build alike. Only a site that enables the editor fetches anything.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..runtime.cache_dirs import CACHE_DIR, machine_cache_dir


@dataclass(frozen=True)
class Pin:
    package: str
    version: str
    integrity: str  # "sha512-<base64>", as the index publishes it

    @property
    def tarball(self) -> str:
        return f"{self.package}-{self.version}.tgz"

    @property
    def path(self) -> str:
        """The tarball's path on an npm index (the layout every npm index serves)."""
        return f"{self.package}/-/{self.tarball}"


DECAP = Pin("decap-cms", "3.16.3",
            "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==")
SCRIPT = "decap-cms.js"
# What the site serves from the package's dist/: the script, the chunks it loads from its own
# folder (`<n>.decap-cms.js`), the WebAssembly one of them loads, and the licences' notice.
_SERVED = re.compile(r"^package/dist/((?:\d+\.)?decap-cms\.js|decap-cms\.js\.LICENSE\.txt|[0-9a-f]+\.wasm)$")
_TIMEOUT = 120  # seconds: 16 MB over a slow provincial line


class BundleMissing(Exception):
    """The files could not be had; the message says why (in English, a detail of the problem)."""


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def cache_folder(project_dir: Path) -> Path:
    machine = machine_cache_dir()
    return (machine if machine is not None else project_dir / CACHE_DIR) / "editor"


def index_url() -> str:
    """The npm package index npm itself uses here."""
    url = os.environ.get("NPM_CONFIG_REGISTRY") or os.environ.get("npm_config_registry") or ""
    if not url and shutil.which("npm"):
        try:
            url = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True,
                                 timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            url = ""
    if not url.startswith(("https://", "http://")):
        raise BundleMissing("no npm package index is configured (NPM_CONFIG_REGISTRY, or npm's `registry`)")
    return url if url.endswith("/") else url + "/"


def served_files(project_dir: Path, pin: Pin = DECAP) -> Path:
    """The folder of the files to serve, fetched and unpacked first when this machine has not
    got them. Raises BundleMissing."""
    folder = cache_folder(project_dir)
    unpacked = folder / f"{pin.package}-{pin.version}"
    if (unpacked / SCRIPT).is_file():
        return unpacked
    tarball = folder / pin.tarball
    data = tarball.read_bytes() if tarball.is_file() else b""
    if integrity_of(data) != pin.integrity:
        data = _download(index_url() + pin.path)
        if integrity_of(data) != pin.integrity:
            raise BundleMissing(f"{pin.tarball} from the index does not match the pinned integrity (sha512)")
        folder.mkdir(parents=True, exist_ok=True)
        _write_whole(tarball, data)
    _unpack(tarball, unpacked)
    return unpacked


def _download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT) as response:
            return response.read()
    except (OSError, ValueError) as exc:
        raise BundleMissing(f"{url}: {exc}") from None


def _write_whole(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as part:
        part.write(data)
    os.replace(part.name, path)


def _unpack(tarball: Path, target: Path) -> None:
    """The served files only, by name, regular files only, into a folder put in place whole."""
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpacking-"))
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive:
                match = _SERVED.match(member.name)
                if match and member.isfile():
                    (staging / match[1]).write_bytes(archive.extractfile(member).read())
        if not (staging / SCRIPT).is_file():
            raise BundleMissing(f"{tarball.name} has no dist/{SCRIPT}")
        try:
            os.rename(staging, target)
        except OSError:
            if not (target / SCRIPT).is_file():  # another build unpacked it meanwhile: keep theirs
                raise
    except (OSError, tarfile.TarError) as exc:
        raise BundleMissing(f"{tarball.name}: {exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def provide(site) -> Path | None:
    """Before a build writes anything: the editor's files when the site enables it (fetched if
    need be), else None; when they cannot be had, an error in the site's problems."""
    if site.config.editor is None:
        return None
    try:
        return served_files(site.config.project_dir)
    except BundleMissing as exc:
        site.problems.add("mkdocs.yml", None, "editor", "editor_bundle_missing", package=DECAP.package,
                          version=DECAP.version, detail=str(exc))
        return None
