"""The recipients dataset: one CSV file per award decision, and an index of them.

du-lieu/khen-thuong/<decision>.csv holds the standing recipients of one decision, in the
order of its signed list (the columns of opendata.DATASETS["recipients"]). A whole-province
file (100 MB at 50,000 recipients) changed with every edit and dominated deploys: now an edit
rewrites its decision's file and the index, nothing else (docs/open-data.md, "Recipients: one
file per decision"). Until issue 24's item 3 a JSON file beside each CSV held the same
records, 1.8 KB a recipient of the site's 16.6: the CSV is the one copy, and docs/open-data.md
shows how to read it as those records ("The records as JSON").

A decision's files are kept as the previous build published them when their piece key is the
one the manifest recorded for them. The key hashes what the files show: the decision's own
values, every field of each of its standing awardees (all of Awardee's fields but `source`,
so a field added to the model later is covered without anyone remembering to add it here),
the names it looks up (issuers, units, award labels), the address settings and the site
fingerprint (code, templates, data files, configuration). The manifest entry also records
the files' size and SHA-256, which the index lists, so a kept file is never read again.

The index (du-lieu/khen-thuong/index.json and .csv) has one line per decision and nothing
that changes with the day: it keeps its bytes (and so its modification time) while no file it
lists changes.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import os

from ..content.model import Awardee, held_achievement
from ..runtime.digests import digest, values_digest
from ..text.csv_file import csv_column, csv_text
from .. import urls
from . import opendata

PIECE_FORMAT = "pieces-4"  # in every piece key: bump when what a piece holds changes
ENTRY = "decision-files-1"  # first word of a decision file's manifest entry (Entry)
SUFFIXES = ("csv",)

# Every field an awardee is made with but where it was read from (a row moving in its sheet
# changes no byte); not what is derived from them.
AWARDEE_FIELDS = tuple(f.name for f in dataclasses.fields(Awardee) if f.init and f.name != "source")
_other_values = operator.attrgetter(*(name for name in AWARDEE_FIELDS if name != "achievement"))


def _awardee_values(a) -> tuple:
    """An awardee's AWARDEE_FIELDS for its piece key, the achievement as the awardee holds it:
    a sheet's as its UTF-8 bytes, not decoded (decoding 50,000 achievements for marshal to
    encode them again was most of the keys' time). A str and bytes never marshal alike, so
    equal keys still mean equal values."""
    held = held_achievement(a)
    return _other_values(a), held if held is None or held.__class__ is str else held.utf8()

_ROW = (",".join(["%s"] * len(opendata.RECIPIENT_FIELDS)) + "\r\n").encode("ascii")
assert opendata.csv_columns("recipients") == list(opendata.RECIPIENT_FIELDS)  # every field is a CSV column


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
    """A decision's piece: the same key means the same bytes."""
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

def encode_piece(columns: list[list]) -> list[bytes]:
    """The CSV rows of some recipients, from their columns (opendata.recipient_columns): each
    column is encoded by one call of text/csv_file.csv_column, then every row is filled in."""
    return list(map(_ROW.__mod__, zip(*map(csv_column, columns))))


# ---- one decision's files --------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Entry:
    """What the manifest records of one decision's file: its piece key, size and SHA-256."""
    key: str
    size: int
    sha256: str

    def dump(self) -> str:
        return f"{ENTRY} {self.key} {self.size} {self.sha256}"

    @classmethod
    def parse(cls, text) -> "Entry | None":
        if not isinstance(text, str) or not text.startswith(ENTRY + " "):
            return None
        try:
            _, key, size, sha256 = text.split(" ")
            return cls(key, int(size), sha256)
        except ValueError:
            return None


def decision_files(ctx, decision, awardees) -> dict[str, bytes]:
    """suffix -> bytes of a decision's recipients file, the CSV through text/csv_file.py
    (byte-order mark, header row)."""
    rows = encode_piece(opendata.recipient_columns(ctx, decision, awardees))
    return {"csv": opendata.csv_head("recipients").encode("utf-8") + b"".join(rows)}


def write_decision(ctx, output, decision, awardees, key: str) -> dict[str, Entry]:
    """Write (or keep) one decision's files; suffix -> its Entry, for the index."""
    paths = {suffix: urls.recipients_file(decision.id, suffix) for suffix in SUFFIXES}
    previous = output.previous.files if getattr(output, "previous", None) is not None else {}
    entries = {suffix: Entry.parse(previous.get(path)) for suffix, path in paths.items()}
    if all(entry is not None and entry.key == key and _published_size(output, paths[suffix]) == entry.size
           for suffix, entry in entries.items()) and all(output.keep(path, previous[path]) for path in paths.values()):
        return entries
    made = {}
    for suffix, data in decision_files(ctx, decision, awardees).items():
        made[suffix] = Entry(key, len(data), hashlib.sha256(data).hexdigest())
        output.write(paths[suffix], data, key=made[suffix].dump())
    return made


def _published_size(output, path: str) -> int:
    """The size of the file the live site has at `path` (-1: none): a file cut short or
    replaced by hand is made again rather than listed with the size and hash it had."""
    try:
        return os.stat(os.path.join(output.live, path)).st_size  # no Path per file
    except (OSError, AttributeError):
        return -1


# ---- the index --------------------------------------------------------------------------------

INDEX_COLUMNS = ("decision", "count", "csv", "csv_bytes", "csv_sha256")


def index_rows(ctx, groups, entries: list[dict[str, Entry]]) -> list[tuple]:
    """One row per decision (INDEX_COLUMNS), in decision order."""
    config = ctx.config
    rows = []
    for (decision, awardees), entry in zip(groups, entries):
        row = [decision.id, len(awardees)]
        for suffix in SUFFIXES:
            row += [opendata.url_of(config, urls.recipients_file(decision.id, suffix)),
                    entry[suffix].size, entry[suffix].sha256]
        rows.append(tuple(row))
    return rows


def index_files(ctx, rows: list[tuple]) -> dict[str, bytes]:
    """The index as JSON (a header, then one item per line: an edit changes one line) and CSV."""
    config = ctx.config
    head = {"dataset": "recipients", "title": opendata.TITLES["recipients"], "site_name": config.site_name,
            "site_url": config.site_url,
            "schema": opendata.url_of(config, urls.open_data_schema("recipients")),
            "decisions": len(rows), "count": sum(row[1] for row in rows)}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "items": ['
    lines = [json.dumps(dict(zip(INDEX_COLUMNS, row)), ensure_ascii=False, separators=(",", ":")) for row in rows]
    text += ("\n" + ",\n".join(lines) + "\n ]\n}\n") if lines else "]\n}\n"
    return {"json": text.encode("utf-8"),
            "csv": csv_text(INDEX_COLUMNS, ([str(v) for v in row] for row in rows)).encode("utf-8")}


def write(ctx, output) -> None:
    """Write (or keep) every decision's recipients files, then the index (kept when its bytes
    are the same: Output.write compares them with the previous build's)."""
    groups = opendata.standing(ctx)
    keys = piece_keys(ctx, output)
    entries = [write_decision(ctx, output, decision, awardees, key)
               for (decision, awardees), key in zip(groups, keys)]
    for suffix, data in index_files(ctx, index_rows(ctx, groups, entries)).items():
        output.write(urls.recipients_index(suffix), data)
