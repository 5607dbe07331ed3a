"""Keyed writes of a large file made of pieces: the Output/manifest mechanism for files such
as du-lieu/recipients.json (100 MB at 50,000 recipients), which one edit changes in one place.

A file is a head, then pieces with a separator between them, then a tail. Each piece has a
key (runtime/digests.py) that changes whenever its bytes would. The file's manifest entry
(the `key` given to Output.write) is its layout: a digest of the head, the tail and every
piece's key, then each piece's key and length. The next build reads that entry from the
previous build's manifest and

- keeps the file (Output.keep) when the digest is the same: nothing is made;
- otherwise copies every piece whose key it finds there out of the file the previous build
  published (Output.write_parts: by the kernel, so 100 MB never pass through Python) and
  makes only the others: after an edit to one recipient, one decision's piece.

The published file is trusted exactly as Output.keep trusts a kept page: the manifest only
describes a folder whose marker matches it (runtime/manifest.py), and the file must also have
the size the entry records. A build without a usable entry (first build, --clean, changed
code or configuration) makes every piece.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from .digests import digest

LAYOUT = "pieces-1"  # first word of a manifest entry written here; bump when layouts change meaning


@dataclasses.dataclass
class Layout:
    """What the manifest records of a pieced file."""
    digest: str  # head, tail and piece keys
    head: int  # bytes before the first piece
    size: int  # bytes of the whole file
    pieces: list  # [(piece key, length in bytes)] in file order

    def dump(self) -> str:
        return " ".join([LAYOUT, self.digest, str(self.head), str(self.size),
                         *(f"{key}:{length}" for key, length in self.pieces)])

    @classmethod
    def parse(cls, text) -> "Layout | None":
        if not isinstance(text, str) or not text.startswith(LAYOUT + " "):
            return None
        try:
            _, file_digest, head, size, *pieces = text.split(" ")
            return cls(file_digest, int(head), int(size),
                       [(key, int(length)) for key, length in (p.split(":") for p in pieces)])
        except ValueError:
            return None

    def spans(self, separator: int) -> dict[str, tuple[int, int]]:
        """piece key -> (offset, length) in the file."""
        out, offset = {}, self.head
        for key, length in self.pieces:
            out[key] = (offset, length)
            offset += length + separator
        return out


def write_pieced(output, path: str, head: bytes, keys: list[str], make_piece: Callable[[int], list[bytes]],
                 tail: bytes = b"", separator: bytes = b"") -> None:
    """Write (or keep) `path`: `head`, the pieces whose keys are `keys` joined by `separator`,
    then `tail`. make_piece(index) gives the bytes of piece `index` as a list to join; it is
    called only for pieces the previous build's file does not hold."""
    file_digest = digest(b"\0".join([head, tail, separator, *(key.encode() for key in keys)]))
    previous_files = output.previous.files if getattr(output, "previous", None) is not None else {}
    previous_entry = previous_files.get(path)
    previous = Layout.parse(previous_entry)
    if previous is not None and previous.digest == file_digest and output.keep(path, previous_entry):
        return
    spans = previous.spans(len(separator)) if previous is not None else {}
    if any(key in spans for key in keys) and _published_size(output, path) == previous.size > 0:
        parts, layout = _parts(head, separator, tail, keys, make_piece, spans)
        size = sum(part[1] if isinstance(part, tuple) else len(part) for part in parts)
        output.write_parts(path, parts, key=Layout(file_digest, len(head), size, layout).dump())
        return
    parts, layout = _parts(head, separator, tail, keys, make_piece, {})
    data = b"".join(parts)
    output.write(path, data, key=Layout(file_digest, len(head), len(data), layout).dump())


def _published_size(output, path: str) -> int:
    """The size of the file the previous build published at `path` (-1: none). Its pieces
    are copied only when it is the size its manifest entry records."""
    try:
        return os.stat(Path(output.live) / path).st_size
    except (OSError, AttributeError):
        return -1


def _parts(head, separator, tail, keys, make_piece, spans) -> tuple[list, list]:
    """The file as Output.write_parts takes it, and its layout: pieces found in `spans` are
    (offset, length) ranges of the published file, the others made (bytes)."""
    parts, layout = [head], []
    for index, key in enumerate(keys):
        if index:
            parts.append(separator)
        span = spans.get(key)
        if span:
            parts.append(span)
            layout.append((key, span[1]))
        else:
            piece = make_piece(index)
            parts.extend(piece)
            layout.append((key, sum(map(len, piece))))
    parts.append(tail)
    return parts, layout
