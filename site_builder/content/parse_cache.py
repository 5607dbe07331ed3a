"""Frontmatter as an earlier load parsed it, so that an unchanged Markdown file is not parsed again.

Parsing the YAML of every plan, decision and message (content/frontmatter.py: composed into
nodes for the line numbers, checked for aliases, then built) grows with the number of files:
about 3,000 decisions in a province of 50,000 recipients took half a second of every build
and of every check (a push to the git hook runs both), although an edit usually changes one
file. What parsing a file yielded (its fields, body, line map and duplicate keys: plain data,
since dates stay text) is kept in `.cache/site-builder/frontmatter.marshal` beside mkdocs.yml,
under a digest of the file's whole text, and used again only for the same text parsed by the
same code: the file's entry holds a stamp of this package's code (runtime/digests.py
code_fingerprint), the Python version and PyYAML's version and build. A file that does not
parse is not kept (its problem is found again). A cache that cannot be read, or was made by
other code, is ignored and written again.

Each entry is marshalled on its own when it is made, with a CRC-32 of its bytes (an entry
that does not match is parsed again): what a load hands on is never the stored value, so
nothing the loader does to the fields reaches the cache. The file keeps the entries
of the last load only (files deleted or edited since drop out), and is written, whole, by
`replace_file`, only when an entry was added or dropped.
"""
from __future__ import annotations

import hashlib
import marshal
import sys
import zlib
from pathlib import Path

import yaml

from ..runtime.atomic import replace_file
from ..runtime.cache_dirs import CACHE_DIR
from ..runtime.digests import code_fingerprint
from .frontmatter import Parsed, parse

FILE_NAME = "frontmatter.marshal"


class ParseCache:
    """parse() for the files of one load, through the project's cache; save() when it is done."""

    def __init__(self, project_dir: Path):
        self.file = Path(project_dir) / CACHE_DIR / FILE_NAME
        self.stamp = repr((code_fingerprint(), sys.version, yaml.__version__, yaml.__with_libyaml__))
        self.stored = self._read()
        self.used: dict[bytes, bytes] = {}  # the entries of this load, old and new
        self.added = False

    def _read(self) -> dict:
        try:
            data = marshal.loads(self.file.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self.stamp or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def parse(self, text: str) -> Parsed:
        """frontmatter.parse(text), from the cache when this text was parsed before; raises
        what parse raises."""
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        entry = self.stored.get(key)
        if isinstance(entry, bytes) and entry[:4] == zlib.crc32(entry[4:]).to_bytes(4, "big"):
            try:
                meta, body, lines, body_line, duplicates = marshal.loads(entry[4:])
                self.used[key] = entry
                return Parsed(meta, body, lines, body_line, [tuple(d) for d in duplicates])
            except (ValueError, EOFError, TypeError):
                pass  # a damaged entry: parsed again
        parsed = parse(text)
        try:
            value = marshal.dumps((parsed.meta, parsed.body, parsed.lines, parsed.body_line, parsed.duplicates))
        except ValueError:
            return parsed  # a value marshal cannot hold (an explicit !!timestamp): not kept
        self.used[key] = zlib.crc32(value).to_bytes(4, "big") + value
        self.added = True
        return parsed

    def save(self) -> None:
        """Write the entries of this load when they are not what the file holds. A cache that
        cannot be written is no error: the next load parses again."""
        if not self.added and self.used.keys() == self.stored.keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            replace_file(self.file, marshal.dumps({"stamp": self.stamp, "entries": self.used}))
        except OSError:
            pass
