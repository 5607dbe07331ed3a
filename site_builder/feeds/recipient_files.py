"""du-lieu/recipients.json and du-lieu/recipients.csv, made of one piece per decision.

At 50,000 recipients the two files hold about 100 MB, and encoding them took a second or
more on every build, although a rebuild usually follows an edit to one decision. Each file
is a head (the JSON header, the CSV header row), then one piece per decision that has
standing awards (the JSON items or the CSV rows of its recipients, in decision order), then
a tail. The bytes are those opendata.dataset_json and csv.writer give for the whole dataset.

A piece's key hashes what the piece shows: the decision's own values, every field of each
of its standing awardees (all of Awardee's fields but `source`, so a field added to the
model later is covered without anyone remembering to add it here), the names it looks up
(issuers, units, award labels), the address settings and the site fingerprint (code,
templates, data files, configuration).

The manifest entry of each file (the `key` given to Output.write) says what the file holds:
a digest of its head, its tail and every piece's key, then each piece's key and length. The
next build reads that entry from the previous build's manifest and

- leaves the file alone (Output.keep) when the digest is the same: nothing to encode;
- otherwise copies every piece whose key it finds there out of the file the previous build
  published (by the kernel: Output.write_parts, so 100 MB never pass through Python) and
  encodes only the others: after an edit to one recipient, one decision's piece.

The published file is trusted exactly as Output.keep trusts a kept page: the manifest only
describes a folder whose marker matches it (runtime/manifest.py), and the file must also have the size
the entry records. A build without a usable entry (first build, --clean, changed code or
configuration) encodes every piece.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import operator
import os
from pathlib import Path

from ..runtime.digests import digest
from ..content.model import Awardee
from ..text.csv_row import csv_cell
from .. import urls
from . import opendata

JSON_PATH = urls.open_data_file("recipients", "json")
CSV_PATH = urls.open_data_file("recipients", "csv")
LAYOUT = "pieces-1"  # first word of a manifest entry written here; bump when pieces change meaning

# Every field an awardee is made with but where it was read from (a row moving in its sheet
# changes no byte); not what is derived from them.
AWARDEE_FIELDS = tuple(f.name for f in dataclasses.fields(Awardee) if f.init and f.name != "source")
_awardee_values = operator.attrgetter(*AWARDEE_FIELDS)

_ITEM_SEPARATOR = b",\n"
_ITEM = ("  {\n" + ",\n".join(f"   {json.dumps(name)}: %s" for name in opendata.RECIPIENT_FIELDS)
         + "\n  }").encode("ascii")
_ROW = (",".join(["%s"] * len(opendata.RECIPIENT_FIELDS)) + "\r\n").encode("ascii")
_JSON_VALUES = ("\n", ":")  # separators of a column list: a raw newline never occurs inside a value
_QUOTED = (",", '"', "\r", "\n")
_TEXT = {str, type(None)}
assert opendata.csv_columns("recipients") == list(opendata.RECIPIENT_FIELDS)  # every field is a CSV column
assert b"%" not in _ITEM.replace(b"%s", b"")


# ---- keys -------------------------------------------------------------------------------------

def names_stamp(ctx, fingerprint: str) -> str:
    """Everything a piece takes from outside its decision and awardees."""
    site, config = ctx.site, ctx.config
    return digest(repr((LAYOUT, fingerprint, config.site_url, config.base_path,
                        sorted((bid, body.name) for bid, body in site.bodies.items()),
                        sorted((uid, unit.name) for uid, unit in site.units.items()),
                        sorted((aid, award.label_in("vi")) for aid, award in site.awards.items()))))


def piece_key(ctx, decision, awardees, stamp: str) -> str:
    """A decision's piece: the same key means the same bytes, in both files.

    marshal (format 2: no back-references, interned strings written like others) turns the
    values into bytes in C, several times faster than repr; equal values give equal bytes."""
    values = (stamp, opendata.decision_values(ctx, decision), list(map(_awardee_values, awardees)))
    try:
        raw = marshal.dumps(values, 2)
    except ValueError:  # a value marshal does not know (never from sheets or YAML): slower, as exact
        raw = repr(values).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:24]  # sha256: computed in hardware here, faster than blake2b


# ---- pieces -----------------------------------------------------------------------------------

def encode_piece(columns: list[list]) -> tuple[list[bytes], list[bytes]]:
    """The JSON items and the CSV rows of some recipients, from their columns
    (opendata.recipient_columns): each column is encoded by one call of the C JSON encoder,
    and its CSV cells are cut from that text when no value needed escaping; then every item
    and row is filled in as bytes."""
    if any(set(map(type, column)) - _TEXT for column in columns):  # numbers, lists: the plain way
        names = opendata.RECIPIENT_FIELDS
        rows = list(zip(*columns))
        items = [opendata.item_json(dict(zip(names, row))).encode("utf-8") for row in rows]
        return items, list(map(_ROW.__mod__, zip(*map(_csv_column, columns))))
    json_cells, csv_cells = zip(*map(_encode_column, columns))
    return list(map(_ITEM.__mod__, zip(*json_cells))), list(map(_ROW.__mod__, zip(*csv_cells)))


def _encode_column(values: list) -> tuple[list[bytes], list[bytes]]:
    """(JSON values, CSV cells) of one column of strings and None.

    A string that needs no JSON escape (no quote, backslash or control character) is written
    in JSON as "text"; csv.writer writes it as text, or as "text" when it holds a comma. So
    when the column's JSON text has no backslash at all, the CSV cells are cut from it: the
    quotes stripped, kept where a comma is, null written as nothing."""
    distinct = dict.fromkeys(values)
    if len(distinct) * 4 <= len(values):  # kinds, awards, places, the decision's own fields
        json_cells, csv_cells = _encode_column(list(distinct))  # each value encoded once
        as_json, as_csv = dict(zip(distinct, json_cells)), dict(zip(distinct, csv_cells))
        return list(map(as_json.__getitem__, values)), list(map(as_csv.__getitem__, values))
    text = json.dumps(values, ensure_ascii=False, separators=_JSON_VALUES)[1:-1].encode("utf-8")
    json_cells = text.split(b"\n")
    if b"\\" in text:
        return json_cells, _csv_column(values)
    if None in values:
        # Strings start with a quote, so "\nnull" is a null and nothing else.
        text = (b"\n" + text).replace(b"\nnull", b"\n")[1:]
    if b"," not in text:
        return json_cells, text.replace(b'"', b"").split(b"\n")
    return json_cells, [cell if b"," in cell else cell[1:-1] for cell in text.split(b"\n")]


def _csv_column(values: list) -> list[bytes]:
    """The cells of one column, quoted where csv.writer quotes, as UTF-8."""
    if None in values:
        values = ["" if v is None else v for v in values]
    if set(map(type, values)) != {str}:
        values = [opendata._cell(v) for v in values]
    joined = "\0".join(values)
    if any(c in joined for c in _QUOTED):
        values = list(map(csv_cell, values))
        joined = "\0".join(values)
    if joined.count("\0") != len(values) - 1:  # a cell holds NUL itself
        return [v.encode("utf-8") for v in values]
    return joined.encode("utf-8").split(b"\0")


class Pieces:
    """The pieces of this build that had to be encoded, made on first use and shared by both
    files. A piece is kept as its items (JSON) or rows (CSV): the file is joined once, from
    them, rather than each piece first and the file again from the pieces."""

    def __init__(self, ctx, groups):
        self.ctx = ctx
        self.groups = groups
        self.made: dict[int, dict[str, list[bytes]]] = {}

    def get(self, index: int, kind: str) -> list[bytes]:
        made = self.made.get(index)
        if made is None:
            decision, awardees = self.groups[index]
            items, rows = encode_piece(opendata.recipient_columns(self.ctx, decision, awardees))
            made = self.made[index] = {"json": items, "csv": rows}
        return made[kind]


def piece_parts(items: list[bytes], kind: str) -> list[bytes]:
    """A piece's bytes as a list to join: JSON items with ",\n" between them, CSV rows as they are."""
    if kind != "json" or len(items) < 2:
        return items
    parts = [_ITEM_SEPARATOR] * (2 * len(items) - 1)
    parts[0::2] = items
    return parts


# ---- layout: what the manifest records of a file ----------------------------------------------

@dataclasses.dataclass
class Layout:
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


def _write_file(output, path: str, head: bytes, separator: bytes, tail: bytes, keys: list[str], pieces: Pieces,
                kind: str) -> None:
    file_digest = digest(b"\0".join([head, tail, *(key.encode() for key in keys)]))
    previous_files = output.previous.files if getattr(output, "previous", None) is not None else {}
    previous_entry = previous_files.get(path)
    previous = Layout.parse(previous_entry)
    if previous is not None and previous.digest == file_digest and output.keep(path, previous_entry):
        return
    spans = previous.spans(len(separator)) if previous is not None else {}
    if any(key in spans for key in keys) and _published_size(output, path) == previous.size > 0:
        parts, layout = _parts(head, separator, tail, keys, pieces, kind, spans)
        size = sum(part[1] if isinstance(part, tuple) else len(part) for part in parts)
        output.write_parts(path, parts, key=Layout(file_digest, len(head), size, layout).dump())
        return
    data, layout = _assemble(head, separator, tail, keys, pieces, kind)
    output.write(path, data, key=Layout(file_digest, len(head), len(data), layout).dump())


def _published_size(output, path: str) -> int:
    """The size of the file the previous build published at `path` (-1: none). Its pieces
    are copied only when it is the size its manifest entry records."""
    try:
        return os.stat(Path(output.live) / path).st_size
    except (OSError, AttributeError):
        return -1


def _parts(head, separator, tail, keys, pieces, kind, spans) -> tuple[list, list]:
    """The file as Output.write_parts takes it, and its layout: pieces found in `spans` are
    (offset, length) ranges of the published file, the others encoded (bytes)."""
    parts, layout = [head], []
    for index, key in enumerate(keys):
        if index:
            parts.append(separator)
        span = spans.get(key)
        if span:
            parts.append(span)
            layout.append((key, span[1]))
        else:
            piece = piece_parts(pieces.get(index, kind), kind)
            parts.extend(piece)
            layout.append((key, sum(map(len, piece))))
    parts.append(tail)
    return parts, layout


def _assemble(head, separator, tail, keys, pieces, kind) -> tuple[bytes, list]:
    """The file's bytes and its layout, every piece encoded."""
    parts, layout = _parts(head, separator, tail, keys, pieces, kind, {})
    return b"".join(parts), layout


def piece_keys(ctx, output) -> list[str]:
    """The key of every piece (opendata.standing order), once per build."""
    keys = ctx.__dict__.get("_open_data_piece_keys")
    if keys is None:
        stamp = names_stamp(ctx, getattr(output, "fingerprint", ""))
        keys = ctx.__dict__["_open_data_piece_keys"] = [piece_key(ctx, decision, awardees, stamp)
                                                       for decision, awardees in opendata.standing(ctx)]
    return keys


def write(ctx, output) -> None:
    """Write (or keep) du-lieu/recipients.json and du-lieu/recipients.csv."""
    groups = opendata.standing(ctx)
    keys = piece_keys(ctx, output)
    pieces = Pieces(ctx, groups)
    has_items = bool(groups)
    head = opendata.header(ctx, "recipients", sum(len(awardees) for _, awardees in groups))
    _write_file(output, JSON_PATH, opendata.json_head(head, has_items).encode("utf-8"), b",\n",
                opendata.json_tail(has_items).encode("utf-8"), keys, pieces, "json")
    _write_file(output, CSV_PATH, opendata.csv_head("recipients").encode("utf-8"), b"", b"", keys, pieces, "csv")
