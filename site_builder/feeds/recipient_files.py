"""du-lieu/recipients.json and du-lieu/recipients.csv, made of one piece per decision.

At 50,000 recipients the two files hold about 100 MB, and encoding them took a second or
more on every build, although a rebuild usually follows an edit to one decision. Each file
is a head (the JSON header, the CSV header row), then one piece per decision that has
standing awards (the JSON items or the CSV rows of its recipients, in decision order), then
a tail. The bytes are those opendata.dataset_json and text/csv_file.py give for the whole
dataset. The files are written with runtime/pieced_files.py: kept when no piece changed,
else made again from the previous build's unchanged pieces and the changed ones, encoded here.

A piece's key hashes what the piece shows: the decision's own values, every field of each
of its standing awardees (all of Awardee's fields but `source`, so a field added to the
model later is covered without anyone remembering to add it here), the names it looks up
(issuers, units, award labels), the address settings and the site fingerprint (code,
templates, data files, configuration).
"""
from __future__ import annotations

import dataclasses
import json
import operator

from ..content.model import Awardee
from ..runtime.digests import digest, values_digest
from ..runtime.pieced_files import write_pieced
from ..text.csv_file import csv_column
from .. import urls
from . import opendata

JSON_PATH = urls.open_data_file("recipients", "json")
CSV_PATH = urls.open_data_file("recipients", "csv")
PIECE_FORMAT = "pieces-3"  # in every piece key: bump when what a piece holds changes

# Every field an awardee is made with but where it was read from (a row moving in its sheet
# changes no byte); not what is derived from them.
AWARDEE_FIELDS = tuple(f.name for f in dataclasses.fields(Awardee) if f.init and f.name != "source")
_awardee_values = operator.attrgetter(*AWARDEE_FIELDS)

_ITEM_SEPARATOR = b",\n"
_ITEM = ("  {\n" + ",\n".join(f"   {json.dumps(name)}: %s" for name in opendata.RECIPIENT_FIELDS)
         + "\n  }").encode("ascii")
_ROW = (",".join(["%s"] * len(opendata.RECIPIENT_FIELDS)) + "\r\n").encode("ascii")
_JSON_VALUES = ("\n", ":")  # separators of a column list: a raw newline never occurs inside a value
_TEXT = {str, type(None), bool}  # values the column encoders take (bool: today_locality_part)
assert opendata.csv_columns("recipients") == list(opendata.RECIPIENT_FIELDS)  # every field is a CSV column
assert b"%" not in _ITEM.replace(b"%s", b"")


# ---- keys -------------------------------------------------------------------------------------

def names_stamp(ctx, fingerprint: str) -> str:
    """Everything a piece takes from outside its decision and awardees."""
    site, config = ctx.site, ctx.config
    return digest(repr((PIECE_FORMAT, fingerprint, config.site_url, config.base_path,
                        sorted((bid, body.name) for bid, body in site.bodies.items()),
                        # every field of every unit: a place's code, dates and successors say
                        # where its recipients lie today (opendata.place_values)
                        sorted((uid, repr(unit)) for uid, unit in site.units.items()),
                        sorted((aid, award.label_in("vi")) for aid, award in site.awards.items()))))


def piece_key(ctx, decision, awardees, stamp: str) -> str:
    """A decision's piece: the same key means the same bytes, in both files."""
    return values_digest((stamp, opendata.decision_values(ctx, decision), list(map(_awardee_values, awardees))))


def piece_keys(ctx, output) -> list[str]:
    """The key of every piece (opendata.standing order), once per build."""
    cache = opendata.build_cache(ctx)
    if cache.piece_keys is None:
        stamp = names_stamp(ctx, getattr(output, "fingerprint", ""))
        cache.piece_keys = [piece_key(ctx, decision, awardees, stamp)
                            for decision, awardees in opendata.standing(ctx)]
    return cache.piece_keys


# ---- pieces -----------------------------------------------------------------------------------

def encode_piece(columns: list[list]) -> tuple[list[bytes], list[bytes]]:
    """The JSON items and the CSV rows of some recipients, from their columns
    (opendata.recipient_columns): each column is encoded by one call of the C JSON encoder
    and one of text/csv_file.csv_column; then every item and row is filled in as bytes."""
    if any(set(map(type, column)) - _TEXT for column in columns):  # numbers, lists: the plain way
        names = opendata.RECIPIENT_FIELDS
        items = [opendata.item_json(dict(zip(names, row))).encode("utf-8") for row in zip(*columns)]
        return items, list(map(_ROW.__mod__, zip(*map(csv_column, columns))))
    json_cells, csv_cells = zip(*map(_encode_column, columns))
    return list(map(_ITEM.__mod__, zip(*json_cells))), list(map(_ROW.__mod__, zip(*csv_cells)))


def _encode_column(values: list) -> tuple[list[bytes], list[bytes]]:
    """(JSON values, CSV cells) of one column of strings, booleans and None."""
    distinct = dict.fromkeys(values)
    if len(distinct) * 4 <= len(values):  # kinds, awards, places, the decision's own fields
        json_cells, csv_cells = _encode_column(list(distinct))  # each value encoded once
        as_json, as_csv = dict(zip(distinct, json_cells)), dict(zip(distinct, csv_cells))
        return list(map(as_json.__getitem__, values)), list(map(as_csv.__getitem__, values))
    text = json.dumps(values, ensure_ascii=False, separators=_JSON_VALUES)[1:-1].encode("utf-8")
    return text.split(b"\n"), csv_column(values)


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

    def json_parts(self, index: int) -> list[bytes]:
        """A piece of the JSON file as a list to join: its items with ",\n" between them."""
        items = self.get(index, "json")
        if len(items) < 2:
            return items
        parts = [_ITEM_SEPARATOR] * (2 * len(items) - 1)
        parts[0::2] = items
        return parts

    def csv_parts(self, index: int) -> list[bytes]:
        return self.get(index, "csv")


def write(ctx, output) -> None:
    """Write (or keep) du-lieu/recipients.json and du-lieu/recipients.csv."""
    groups = opendata.standing(ctx)
    keys = piece_keys(ctx, output)
    pieces = Pieces(ctx, groups)
    has_items = bool(groups)
    head = opendata.header(ctx, "recipients", sum(len(awardees) for _, awardees in groups))
    write_pieced(output, JSON_PATH, opendata.json_head(head, has_items).encode("utf-8"), keys, pieces.json_parts,
                 opendata.json_tail(has_items).encode("utf-8"), separator=_ITEM_SEPARATOR)
    write_pieced(output, CSV_PATH, opendata.csv_head("recipients").encode("utf-8"), keys, pieces.csv_parts)
