"""The one kind of key: every key and stamp a build compares with the previous build's
(runtime/manifest.py) is a `digest` (BLAKE2b, 12 bytes, hex) of what the output is made from:

- `digest`: of bytes or a text; `raw_digest`: the same 12 bytes unwritten, for a digest kept
  on every awardee (runtime/keys.py content_stamps), where hex text would take twice the room;
- `values_digest`: of plain values (str, numbers, None, tuples, lists, dicts), e.g. the
  records of an index or the fields of a decision's awardees;
- `files_digest`, `code_fingerprint`, `site_fingerprint`: of files, of this package's code,
  and of everything every page depends on (code, theme, data files, configuration).
"""
from __future__ import annotations

import hashlib
import marshal
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # site_builder/: code, templates, assets, strings


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def raw_digest(data: bytes | str) -> bytes:
    """`digest` as its 12 bytes: bytes.fromhex(digest(data)) == raw_digest(data)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.blake2b(data, digest_size=12).digest()


def values_digest(values) -> str:
    """Equal values give equal digests, whatever their strings' interning.

    marshal (format 2: no back-references, interned strings written like others) turns the
    values into bytes in C, several times faster than repr at 50,000 records; a value it does
    not know (never from sheets or YAML) is taken by repr: slower, as exact."""
    try:
        raw = marshal.dumps(values, 2)
    except ValueError:
        raw = repr(values).encode("utf-8")
    return digest(raw)


def files_digest(paths: Iterable[Path]) -> str:
    """The bytes of some files, in the order given (a missing file counts as empty)."""
    h = hashlib.blake2b(digest_size=12)
    for path in paths:
        h.update(path.read_bytes() if path.exists() else b"")
        h.update(b"\0")
    return h.hexdigest()


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
