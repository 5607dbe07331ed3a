"""The sharded index format shared by the name index and the document index.

An index is a folder the browser reads with fetch(), only the files a query needs:

```
meta.json          what the index holds: record count, term-shard boundaries, fields,
                   facet tables (id, label, count), ranking hints. Loaded on first use.
t/<n>.json         term shards: {folded term: [[exact form, postings per role...], ...]}
                   terms sorted by UTF-16 code units (JavaScript string order), packed
                   into shards of about ``shard_chars`` characters; meta.json lists the
                   first term of every shard, so a term or a prefix maps to shard files.
r/<n>.json         row chunks: records ``rows_per_chunk`` at a time, in id order:
                   {"s": [shared values], "r": [[field, ...], ...]}
f/<facet>/<n>.txt  postings of one facet value (the n-th entry of meta.facets[facet])
```

Record ids are positions in the sort order the builder chooses (people by given name),
so records that share a word are neighbours and their postings compress to runs.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from ..runtime.gc_pause import paused_gc
from .postings import encode

FORMAT_VERSION = 1


def js_order(s: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return s.encode("utf-16-be")


@dataclass
class Entry:
    sort_key: Any
    terms: list[tuple[str, str, int]]  # (folded term, exact form, role)
    row: list[Any]
    facets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class FieldSpec:
    """One column of a row. ``mode``: "plain" (stored as is), "shared" (stored once per
    chunk, rows hold its position in the chunk's "s" list), or "facet" (rows hold the
    position of the value in meta.facets[name])."""

    name: str
    mode: str = "plain"


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class ShardedIndexWriter:
    def __init__(
        self,
        out_dir: str | os.PathLike,
        *,
        kind: str,
        roles: list[str],
        fields: list[FieldSpec],
        rank: dict[str, Any],
        rows_per_chunk: int = 16,
        shard_chars: int = 6000,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.kind = kind
        self.roles = roles
        self.fields = fields
        self.rank = rank
        self.rows_per_chunk = rows_per_chunk
        self.shard_chars = shard_chars
        self.entries: list[Entry] = []
        # facet -> value id -> label (str or {lang: str}); first label given wins.
        self.facet_labels: dict[str, dict[str, Any]] = {}
        self.facet_order: dict[str, Any] = {}

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def label_facet(self, facet: str, value: str, label: Any) -> None:
        self.facet_labels.setdefault(facet, {}).setdefault(value, label)

    # -- writing -------------------------------------------------------------------

    def write(self, extra_meta: dict[str, Any] | None = None, sink=None) -> dict[str, Any]:
        """Write the index into out_dir, or hand every file to ``sink(relative path, bytes)``
        instead (the site build writes through its Output and skips unchanged files)."""
        with paused_gc():
            self.entries.sort(key=lambda e: e.sort_key)
            entries = self.entries
            return self.write_sorted([e.row[:] for e in entries], term_runs(entries), self._facet_ids(),
                                     extra_meta, sink)

    def write_sorted(self, rows: list[list], runs: list, ids_by_value: dict[str, dict[str, list[int]]],
                     extra_meta: dict[str, Any] | None = None, sink=None) -> dict[str, Any]:
        """Write an index given in record order (write() makes these from the entries; the
        name index makes them itself, without an Entry per record):

        - ``rows``: the row of every record (lists this call may change);
        - ``runs``: [first record id, count, terms] covering the records in order, the
          records of a run sharing their terms (people with the same name);
        - ``ids_by_value``: facet -> value -> record ids, increasing (group_facet)."""
        started = time.perf_counter()
        with paused_gc():
            if sink is None:
                self._prepare_dir()
            facets = self._facet_tables(ids_by_value)
            files: dict[str, str] = {}
            shard_firsts = self._write_terms(runs, files)
            facet_meta = self._write_facets(ids_by_value, facets, files)
            chunks = self._write_rows(rows, facets, files)
            meta = {
                "v": FORMAT_VERSION,
                "kind": self.kind,
                "count": len(rows),
                "chunk": self.rows_per_chunk,
                "chunks": chunks,
                "roles": self.roles,
                "fields": [f.name for f in self.fields],
                "shared": [f.name for f in self.fields if f.mode == "shared"],
                "rank": self.rank,
                "shards": shard_firsts,
                "facets": facet_meta,
            }
            meta.update(extra_meta or {})
            files["meta.json"] = _dump(meta)
            total = 0
            for rel, text in files.items():
                data = text.encode("utf-8")
                if sink is not None:
                    sink(rel, data)
                else:
                    path = self.out_dir / rel
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                total += len(data)
        return {
            "records": len(rows),
            "terms": self._term_count,
            "term_shards": len(shard_firsts),
            "row_chunks": chunks,
            "files": len(files),
            "bytes": total,
            "meta_bytes": len(files["meta.json"].encode("utf-8")),
            "seconds": round(time.perf_counter() - started, 3),
        }

    def _prepare_dir(self) -> None:
        # Remove only what a previous write of this index left, so stale shards never
        # survive a rebuild; refuse to wipe a folder that is not an index.
        if self.out_dir.exists():
            if (self.out_dir / "meta.json").exists():
                for sub in ("t", "r", "f"):
                    shutil.rmtree(self.out_dir / sub, ignore_errors=True)
                (self.out_dir / "meta.json").unlink()
            elif any(self.out_dir.iterdir()):
                raise FileExistsError(f"{self.out_dir} is not empty and holds no search index")
        self.out_dir.mkdir(parents=True, exist_ok=True)

    def _facet_ids(self) -> dict[str, dict[str, list[int]]]:
        """facet -> value id -> record ids (increasing), in one pass over the entries."""
        ids_by_value: dict[str, dict[str, list[int]]] = {}
        for rid, e in enumerate(self.entries):
            for facet, vs in e.facets.items():
                by_value = ids_by_value.get(facet)
                if by_value is None:
                    by_value = ids_by_value[facet] = {}
                for v in vs:
                    if v in (None, ""):
                        continue
                    ids = by_value.get(v)
                    if ids is None:
                        by_value[v] = [rid]
                    elif ids[-1] != rid:
                        ids.append(rid)
        return ids_by_value

    def _facet_tables(self, ids_by_value: dict[str, dict[str, list[int]]]) -> dict[str, list[str]]:
        """Facet value ids in display order (years newest first, others by label)."""
        from ..text.sorting import vietnamese_key

        def label_text(facet, v):
            label = self.facet_labels.get(facet, {}).get(v, v)
            return label.get("vi") or next(iter(label.values()), v) if isinstance(label, dict) else str(label)

        tables = {}
        for facet, by_value in ids_by_value.items():
            if facet == "year":
                tables[facet] = sorted(by_value, key=str, reverse=True)
            else:
                tables[facet] = sorted(by_value, key=lambda v: vietnamese_key(label_text(facet, v)))
        return tables

    def _write_terms(self, runs: list, files: dict[str, str]) -> list[str]:
        nroles = len(self.roles)
        # folded -> exact -> role -> ids (ids appended in increasing order)
        index: dict[str, dict[str, list[list[int]]]] = {}
        for first, count, terms in runs:
            for folded, exact, role in terms:
                variants = index.get(folded)
                if variants is None:
                    variants = index[folded] = {}
                lists = variants.get(exact)
                if lists is None:
                    lists = variants[exact] = [[] for _ in range(nroles)]
                ids = lists[role]
                if not ids or ids[-1] < first:  # a term twice in one name counts once
                    if count == 1:
                        ids.append(first)
                    else:
                        ids.extend(range(first, first + count))
        self._term_count = len(index)
        firsts: list[str] = []
        shard: dict[str, Any] = {}
        size = 0
        for folded in sorted(index, key=js_order):
            variants = index[folded]
            value = []
            for exact, lists in sorted(variants.items(), key=lambda kv: -sum(map(len, kv[1]))):
                value.append([exact, *(encode(ids) for ids in lists)])
            text_len = len(_dump(folded)) + len(_dump(value)) + 2
            if shard and size + text_len > self.shard_chars:
                files[f"t/{len(firsts) - 1}.json"] = _dump(shard)
                shard, size = {}, 0
            if not shard:
                firsts.append(folded)
            shard[folded] = value
            size += text_len
        if shard:
            files[f"t/{len(firsts) - 1}.json"] = _dump(shard)
        return firsts

    def _write_facets(self, ids_by_value, facets: dict[str, list[str]], files: dict[str, str]) -> dict[str, list]:
        meta = {}
        for facet, vs in facets.items():
            rows = []
            for n, v in enumerate(vs):
                ids = ids_by_value[facet][v]
                files[f"f/{facet}/{n}.txt"] = encode(ids)
                rows.append([v, self.facet_labels.get(facet, {}).get(v, v), len(ids)])
            meta[facet] = rows
        return meta

    def _write_rows(self, rows: list[list], facets: dict[str, list[str]], files: dict[str, str]) -> int:
        position = {f: {v: n for n, v in enumerate(vs)} for f, vs in facets.items()}
        width = len(self.fields)
        # The columns that are not stored as they are, looked up once (100,000 rows).
        facet_cols = [(i, position.get(spec.name, {})) for i, spec in enumerate(self.fields) if spec.mode == "facet"]
        shared_cols = [i for i, spec in enumerate(self.fields) if spec.mode == "shared"]
        empty = ("", None)
        chunks = 0
        for start in range(0, len(rows), self.rows_per_chunk):
            shared: list[Any] = []
            shared_pos: dict[Any, int] = {}
            chunk = rows[start:start + self.rows_per_chunk]
            for row in chunk:
                if len(row) > width:
                    del row[width:]
                size = len(row)
                for i, pos in facet_cols:
                    if i < size:
                        value = row[i]
                        row[i] = pos.get(value, -1) if value not in empty else -1
                for i in shared_cols:
                    if i < size:
                        value = row[i]
                        key = tuple(value) if isinstance(value, list) else value
                        n = shared_pos.get(key)
                        if n is None:
                            n = shared_pos[key] = len(shared)
                            shared.append(value)
                        row[i] = n
                # Trailing empty fields are left out to save bytes.
                while row and row[-1] in empty:
                    row.pop()
            files[f"r/{chunks}.json"] = _dump({"s": shared, "r": chunk})
            chunks += 1
        return chunks


def term_runs(entries: list[Entry]) -> list[list]:
    """[first id, count, terms] over entries in order, neighbours sharing one terms object
    (the name index gives every record of a name the same list) merged into one run."""
    runs: list[list] = []
    previous = None
    for rid, entry in enumerate(entries):
        if entry.terms is previous and previous is not None:
            runs[-1][1] += 1
        else:
            runs.append([rid, 1, entry.terms])
            previous = entry.terms
    return runs


def group_facet(values: list) -> dict[Any, list[int]]:
    """value -> the ids (positions) holding it, for a column of one value per record, empty
    values ("" or None) left out, values in the order they first occur (as _facet_ids)."""
    if set(map(type, values)) != {str}:
        out: dict[Any, list[int]] = {}
        for rid, value in enumerate(values):
            if value not in ("", None):
                out.setdefault(value, []).append(rid)
        return out
    # Sorting positions by value (stable: each value's ids stay increasing) and cutting the
    # runs is C work; a loop over 50,000 records was not.
    order = sorted(range(len(values)), key=values.__getitem__)
    groups = [(ids[0], value, ids) for value, ids in ((v, list(g)) for v, g in groupby(order, values.__getitem__))
              if value != ""]
    groups.sort()
    return {value: ids for _, value, ids in groups}
