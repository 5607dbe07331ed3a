"""Digests: of bytes, of this package's code, and of everything every page depends on (the
site fingerprint, runtime/manifest.py)."""
from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/: code, templates, assets, strings


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
