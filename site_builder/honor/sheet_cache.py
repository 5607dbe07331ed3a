"""Recipients spreadsheets as an earlier build read them, so an unchanged sheet is not read again.

Reading a decision's sheet (awardees.parse_sheet) means decoding the CSV or XLSX, checking
every row against the schema and scanning it for personal data: at 50,000 recipients that
was most of the loading time, repeated on every build although a rebuild usually follows an
edit to one sheet. The result of reading one sheet is stored here, one file per sheet in
`.cache/site-builder/sheets/` beside mkdocs.yml, and used again only when everything it was
made from is unchanged. The key of an entry hashes:

- the bytes of the sheet themselves (SHA-256), not their timestamp: copying a project or
  checking it out again keeps the entries, and an edit that leaves size and time alone
  (two saves within one clock tick) still changes the key;
- the sheet's path (messages name it) and size;
- the code of this package (cache.code_fingerprint), the Python version (csv, Unicode
  tables, marshal) and byte order, and the version of the library that reads the file
  (openpyxl for .xlsx, charset-normalizer for a CSV not in UTF-8);
- whatever else the caller says the reading depends on (the decision's default award...).

An entry that does not match, cannot be read or fails its checksum is ignored and written
again. Entries are written to a temporary file and renamed into place, so two builds running
at once each read either a whole old entry or a whole new one. The stored value is plain
data (marshal: lists, tuples, dicts, strings and numbers), which loads faster than pickled
objects and cannot run code.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import time
import zlib
from pathlib import Path

from ..runtime.cache_dirs import CACHE_DIR
from ..runtime.digests import code_fingerprint, digest
from ..runtime.atomic import replace_file

FORMAT = b"site-builder sheet 3\n"  # 2: problems carry the worksheet; 3: achievements as one block
SUFFIX = ".bin"
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a build that crashed


class SheetCache:
    def __init__(self, project_dir: Path):
        self.folder = Path(project_dir) / CACHE_DIR / "sheets"

    @staticmethod
    def key(name: str, data: bytes, depends: tuple) -> bytes:
        """The entry key of sheet `name` whose bytes are `data`. `depends`: everything else
        reading it depends on, as a tuple of plain values with a stable repr."""
        h = hashlib.sha256()
        h.update(repr((name, len(data), code_fingerprint(), sys.version, sys.byteorder, depends)).encode("utf-8"))
        h.update(b"\0")
        h.update(hashlib.sha256(data).digest())
        return h.digest()

    def file(self, name: str) -> Path:
        return self.folder / (digest(name) + SUFFIX)

    def holds(self, name: str, key: bytes) -> bool:
        """Whether an entry for `name` under `key` is stored, from its first bytes only (load()
        still checks the whole entry: a damaged one is a miss there)."""
        head = FORMAT + key
        try:
            with open(self.file(name), "rb") as fh:
                return fh.read(len(head)) == head
        except OSError:
            return False

    def load(self, name: str, key: bytes):
        """The value stored for `name` under `key`, or None (a miss, however the file is wrong)."""
        try:
            blob = self.file(name).read_bytes()
        except OSError:
            return None
        head = FORMAT + key
        if not blob.startswith(head) or len(blob) < len(head) + 4:
            return None
        payload = memoryview(blob)[len(head) + 4:]
        if zlib.crc32(payload) != int.from_bytes(blob[len(head):len(head) + 4], "little"):
            return None
        try:
            return marshal.loads(payload)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, whatever marshal says
            return None

    def save(self, name: str, key: bytes, value) -> None:
        """Store `value` for `name` (best effort: a cache that cannot be written costs time only)."""
        try:
            payload = marshal.dumps(value)
        except ValueError:
            return  # not plain data: nothing stored, the sheet is read again next time
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            replace_file(self.file(name), FORMAT + key + zlib.crc32(payload).to_bytes(4, "little"), payload)
        except OSError:
            pass

    def prune(self, names) -> None:
        """Delete entries of sheets that no longer exist (`names`: every sheet of the site),
        and temporary files that crashed builds left behind."""
        keep = {digest(name) + SUFFIX for name in names}
        try:
            listing = list(os.scandir(self.folder))
        except OSError:
            return
        now = time.time()
        for item in listing:
            try:
                if item.name.endswith(SUFFIX):
                    if item.name not in keep:
                        os.unlink(item.path)
                elif ".tmp-" in item.name and now - item.stat().st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(item.path)
            except OSError:
                pass  # another build removed or replaced it first


# Characters that may join a column of texts (pack_texts); the first one no text contains is used.
_SEPARATORS = ("\x1f", "\x1e", "\x00", "\ufdd0")


def pack_texts(values: list):
    """A column of texts (None allowed) in the form that loads fastest: one UTF-16 blob, split
    once when loaded. Decoding long Vietnamese texts from UTF-8 one string at a time (what
    marshal does with a list) took most of the time of loading a sheet."""
    if "" not in values:
        for sep in _SEPARATORS:
            if not any(sep in value for value in values if value):
                blob = sep.join(value or "" for value in values).encode("utf-16-le", "surrogatepass")
                return ("utf-16", sep, blob, len(values), None in values)
    return ("list", values)


def unpack_texts(packed) -> list:
    if packed[0] == "list":
        return packed[1]
    _form, sep, blob, count, with_none = packed
    if not count:
        return []
    values = blob.decode("utf-16-le", "surrogatepass").split(sep)
    if len(values) != count:
        raise ValueError("damaged column")
    return [value or None for value in values] if with_none else values
