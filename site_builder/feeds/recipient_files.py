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
  published (Output.read_previous) and encodes only the others: after an edit to one
  recipient, one decision's piece.

The published file is trusted exactly as Output.keep trusts a kept page: the manifest only
describes a folder whose marker matches it (cache.py), and the file must also have the size
the entry records. A build without a usable entry (first build, --clean, changed code or
configuration) encodes every piece.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import operator

from ..cache import digest
from ..model import Awardee
from . import opendata

JSON_PATH = "du-lieu/recipients.json"
CSV_PATH = "du-lieu/recipients.csv"
LAYOUT = "pieces-1"  # first word of a manifest entry written here; bump when pieces change meaning

# Every field of an awardee but where it was read from (a row moving in its sheet changes no byte).
AWARDEE_FIELDS = tuple(f.name for f in dataclasses.fields(Awardee) if f.name != "source")
_awardee_values = operator.attrgetter(*AWARDEE_FIELDS)

_ITEM = ("  {\n" + ",\n".join(f"   {json.dumps(name)}: %s" for name in opendata.RECIPIENT_FIELDS)
         + "\n  }").encode("ascii")
_ROW = (",".join(["%s"] * len(opendata.RECIPIENT_FIELDS)) + "\r\n").encode("ascii")
_JSON_VALUES = ("\n", ":")  # separators of a column list: a raw newline never occurs inside a value
_QUOTED = (",", '"', "\r", "\n")
_SCALARS = {str, int, float, bool, type(None)}
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

def json_piece(rows: list[tuple]) -> bytes:
    """The JSON items of some recipients: each column encoded by one call of the C encoder,
    then every item filled in as bytes (UTF-8 once per column, not once per item)."""
    columns = list(zip(*rows))
    if any(set(map(type, column)) - _SCALARS for column in columns):  # a list or object inside
        names = opendata.RECIPIENT_FIELDS
        return ",\n".join(opendata.item_json(dict(zip(names, row))) for row in rows).encode("utf-8")
    encoded = [json.dumps(column, ensure_ascii=False, separators=_JSON_VALUES)[1:-1].encode("utf-8").split(b"\n")
               for column in columns]
    return b",\n".join(map(_ITEM.__mod__, zip(*encoded)))


def csv_piece(rows: list[tuple]) -> bytes:
    """The CSV rows of some recipients (as csv.writer writes them, see opendata)."""
    return b"".join(map(_ROW.__mod__, zip(*map(_csv_column, zip(*rows)))))


def _csv_column(values: tuple) -> list[bytes]:
    """The cells of one column, quoted where csv.writer quotes, as UTF-8."""
    if None in values:
        values = ["" if v is None else v for v in values]
    if set(map(type, values)) != {str}:
        values = [opendata._cell(v) for v in values]
    joined = "\0".join(values)
    if any(c in joined for c in _QUOTED):
        values = ['"' + v.replace('"', '""') + '"' if ("," in v or '"' in v or "\n" in v or "\r" in v) else v
                  for v in values]
        joined = "\0".join(values)
    if joined.count("\0") != len(values) - 1:  # a cell holds NUL itself
        return [v.encode("utf-8") for v in values]
    return joined.encode("utf-8").split(b"\0")


class Pieces:
    """The encoded pieces of this build, made on first use and shared by both files."""

    def __init__(self, ctx, groups):
        self.ctx = ctx
        self.groups = groups
        self.made: dict[int, dict[str, bytes]] = {}

    def get(self, index: int, kind: str) -> bytes:
        made = self.made.get(index)
        if made is None:
            decision, awardees = self.groups[index]
            rows = opendata.recipient_rows(self.ctx, decision, awardees)
            made = self.made[index] = {"json": json_piece(rows), "csv": csv_piece(rows)}
        return made[kind]


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
    old, spans = None, {}
    if previous is not None:
        spans = previous.spans(len(separator))
        if any(key in spans for key in keys):
            old = output.read_previous(path)
            if old is None or len(old) != previous.size:
                old = None
    view = memoryview(old) if old is not None else None
    parts, layout = [head], []
    for index, key in enumerate(keys):
        span = spans.get(key) if view is not None else None
        part = view[span[0]:span[0] + span[1]] if span else pieces.get(index, kind)
        if index:
            parts.append(separator)
        parts.append(part)
        layout.append((key, len(part)))
    parts.append(tail)
    data = b"".join(parts)
    del parts, view, old
    output.write(path, data, key=Layout(file_digest, len(head), len(data), layout).dump())


def write(ctx, output) -> None:
    """Write (or keep) du-lieu/recipients.json and du-lieu/recipients.csv."""
    groups = opendata.standing(ctx)
    stamp = names_stamp(ctx, getattr(output, "fingerprint", ""))
    keys = [piece_key(ctx, decision, awardees, stamp) for decision, awardees in groups]
    pieces = Pieces(ctx, groups)
    has_items = bool(groups)
    head = opendata.header(ctx, "recipients", sum(len(awardees) for _, awardees in groups))
    _write_file(output, JSON_PATH, opendata.json_head(head, has_items).encode("utf-8"), b",\n",
                opendata.json_tail(has_items).encode("utf-8"), keys, pieces, "json")
    _write_file(output, CSV_PATH, opendata.csv_head("recipients").encode("utf-8"), b"", b"", keys, pieces, "csv")
