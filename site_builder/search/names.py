"""The name index: every recipient of every published (not revoked) award, found by name.

Usage::

    builder = NameIndexBuilder(site_dir / "search" / "names")
    for awardee in awardees:
        builder.add({...record fields, see RECORD_FIELDS...})
    stats = builder.write()

Records are stored in Vietnamese name order (given name first), so everyone called
"Hùng" is a neighbour of every other "Hùng" and the postings shrink to runs.
"""

from __future__ import annotations

import operator
import os
import time
from itertools import groupby
from typing import Any

from ..text.folding import name_words
from ..text.sorting import vietnamese_name_order, vietnamese_order
from ..runtime.gc_pause import paused_gc
from .shards import FieldSpec, ShardedIndexWriter, group_facet
from .terms import khmer_joins, word_terms

# Roles are written positions, not parsed meanings, so they work the same for Kinh,
# Khmer and Ê Đê names: search.js ranks a query that follows the written order higher.
ROLE_LAST, ROLE_FIRST, ROLE_SECOND, ROLE_OTHER = 0, 1, 2, 3

# Fields a record may carry; only ``name`` and ``url`` are required.
RECORD_FIELDS = {
    "name": "full name as written in the decision",
    "url": "recipient page, relative to the site root, no leading slash",
    "kind": "'individual' (default) or 'collective'",
    "award": "award id (facet)",
    "award_label": "label of the award: a string or {lang: label}",
    "unit": "unit (đơn vị) as written",
    "locality": "locality id (facet)",
    "locality_name": "locality name shown in results and filters",
    "decision": "decision id",
    "decision_title": "short decision label shown in results, e.g. 'Quyết định 1234/QĐ-UBND ngày 12/10/2021'",
    "decision_url": "decision page, relative to the site root",
    "year": "year of the decision (facet)",
    "campaign": "campaign id (facet)",
    "campaign_name": "campaign name shown in filters",
    "revoked": "true to leave the record out (revoked awards must not be found)",
    "order": "optional: the name's sort string, when the caller has it (text/sorting.py vietnamese_name_order "
             "for people, vietnamese_order for collectives); made from the name otherwise",
}

FIELDS = [
    FieldSpec("name"),
    FieldSpec("kind"),  # 0 individual, 1 collective
    FieldSpec("award", "facet"),
    FieldSpec("unit"),
    FieldSpec("locality", "facet"),
    FieldSpec("decision", "shared"),  # [title, url]
    FieldSpec("url"),
]


FACETS = ("award", "locality", "year", "campaign")


def name_terms(name: str) -> list[tuple[str, str, int]]:
    """Index terms of a name with the written position of their word: last word (the
    given name of a Kinh name), first word, second word, any other word."""
    words = name_words(name)
    terms = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            role = ROLE_LAST
        elif i == 0:
            role = ROLE_FIRST
        elif i == 1:
            role = ROLE_SECOND
        else:
            role = ROLE_OTHER
        terms.extend(word_terms(word, role))
    if len(words) > 1:
        terms.extend(khmer_joins(words, ROLE_OTHER))
    return terms


def rolled_up(ids_by_value: dict, rollup: dict) -> dict:
    """A facet's record ids by value, each record counted under every value its own value
    rolls up to (`rollup`: value -> the values it counts under, itself included, in order;
    a value missing from it counts under itself only). A place filter so finds a recipient
    under the units above its place and under the units of today it lies in."""
    grouped: dict = {}
    for value, ids in ids_by_value.items():
        for target in rollup.get(value, (value,)):
            grouped.setdefault(target, []).append(ids)
    # Values in the order they first occur, as group_facet gives them; ids increasing.
    return {value: lists[0] if len(lists) == 1 else sorted(set().union(*lists))
            for value, lists in grouped.items()}


class NameIndexBuilder:
    def __init__(self, out_dir: str | os.PathLike, *, rows_per_chunk: int = 32, shard_chars: int = 6000,
                 facet_rollup: dict | None = None, facet_labels: dict | None = None) -> None:
        """`facet_rollup`: facet -> value -> the values a record of that value counts under
        (rolled_up); `facet_labels`: facet -> value -> label, for values no record names."""
        self.writer = ShardedIndexWriter(
            out_dir,
            kind="names",
            roles=["last", "first", "second", "other"],
            fields=FIELDS,
            # search.js: the query's last word found as a name's last word (the given name),
            # its first word as the first word, its second as the second, each rank higher:
            # "nguyen van hung" puts Nguyễn Văn Hùng above Nguyễn Kim Văn Hùng.
            rank={"last": [ROLE_LAST], "first": [ROLE_FIRST], "second": [ROLE_SECOND], "any": []},
            rows_per_chunk=rows_per_chunk,
            shard_chars=shard_chars,
        )
        self.skipped = 0
        self.records: list[dict[str, Any]] = []
        self.facet_rollup = facet_rollup or {}
        for facet, labels in (facet_labels or {}).items():
            for value, label in labels.items():
                self.writer.label_facet(facet, value, label)

    def add(self, record: dict[str, Any]) -> bool:
        """Add one recipient; returns False (and counts it) when it is left out: revoked,
        or without a name or url. The work happens in write() (with the cyclic garbage
        collector paused: 100,000 new tuples in a loaded site would set it off many times)."""
        if record.get("revoked") or not (record.get("name") or "").strip() or not record.get("url"):
            self.skipped += 1
            return False
        self.records.append(record)
        return True

    def record_columns(self, records: list[dict[str, Any]]) -> dict[str, list]:
        """The fields of the records the index keeps, a list per field (a pass in C each,
        rather than a tuple per record); registers the facets' labels (the first given wins)."""
        get = [operator.methodcaller("get", key) for key in
               ("kind", "award", "unit", "locality", "decision_title", "decision_url", "year", "campaign")]
        kind, award, unit, locality, title, decision_url, year, campaign = (list(map(g, records)) for g in get)
        w = self.writer
        for facet, values, label_key in (("award", award, "award_label"), ("locality", locality, "locality_name"),
                                         ("campaign", campaign, "campaign_name")):
            labels = list(map(operator.methodcaller("get", label_key), records))
            known = w.facet_labels.get(facet, {})
            for value, label in zip(values, labels):
                if value and label and value not in known:
                    w.label_facet(facet, value, label)
                    known = w.facet_labels[facet]
        return {
            "name": [record["name"].strip() for record in records],
            "collective": [k == "collective" for k in kind],
            "award": [v or "" for v in award], "unit": [v or "" for v in unit],
            "locality": [v or "" for v in locality], "decision_title": [v or "" for v in title],
            "decision_url": [(v or "").lstrip("/") for v in decision_url],
            "url": [record["url"].lstrip("/") for record in records],
            "year": ["" if v in (None, "") else str(v) for v in year],
            "campaign": [v or "" for v in campaign],
            "order": list(map(operator.methodcaller("get", "order"), records)),
        }

    @staticmethod
    def stored_rows(c: dict[str, list]) -> list[list]:
        """The stored fields of every record (FIELDS order)."""
        # search.js: a url starting with "+" means "the decision's url + the rest".
        urls = ["+" + url[len(base):] if base and url.startswith(base) else url
                for url, base in zip(c["url"], c["decision_url"])]
        # One [title, url] list per decision, shared by its rows (the writer only reads it).
        pairs = list(zip(c["decision_title"], c["decision_url"]))
        decision = {pair: (list(pair) if pair[0] or pair[1] else "") for pair in set(pairs)}
        return list(map(list, zip(c["name"], map(int, c["collective"]), c["award"], c["unit"], c["locality"],
                                  map(decision.__getitem__, pairs), urls)))

    @staticmethod
    def name_ranks(names: list[tuple[str, bool]], orders: list) -> dict[tuple[str, bool], int]:
        """(name, collective) -> position of that name in the index order. Recipients share
        names (thousands of "Nguyễn Thị ..." at 100,000), so sort keys and terms are worked
        out once per distinct name; the entries then sort by a number."""
        distinct = dict(zip(names, orders))
        # Collectives after individuals; people by given name, collectives alphabetically.
        # String keys (text/sorting.py): they order as the tuple keys and sort several times
        # faster; a record's own `order` spares making it again.
        ordered = sorted(distinct, key=lambda nc: ("\x01" if nc[1] else "\x00") + (
            distinct[nc] or (vietnamese_order(nc[0]) if nc[1] else vietnamese_name_order(nc[0]))))
        return {nc: i for i, nc in enumerate(ordered)}

    def write(self, extra_meta: dict[str, Any] | None = None, sink=None) -> dict[str, Any]:
        """Write the index; ``extra_meta`` is merged into meta.json, ``sink(path, bytes)``
        receives the files instead of out_dir (see ShardedIndexWriter.write).

        The records go to the writer as columns (ShardedIndexWriter.write_sorted), not as
        one Entry each: records of one name are neighbours in the index order, so their
        terms are added once per name, and facets are grouped by sorting, in C."""
        started = time.perf_counter()
        with paused_gc():
            columns = self.record_columns(self.records)
            self.records = []
            orders = columns.pop("order")
            names = list(zip(columns["name"], columns["collective"]))
            ranks = self.name_ranks(names, orders)
            rank_of = list(map(ranks.__getitem__, names))
            order = sorted(range(len(names)), key=rank_of.__getitem__)  # stable: equal names keep their order
            columns = {field: list(map(values.__getitem__, order)) for field, values in columns.items()}
            runs, terms, first = [], {}, 0
            for (name, _), group in groupby(map(names.__getitem__, order)):
                count = len(list(group))
                name_term_list = terms.get(name)
                if name_term_list is None:
                    name_term_list = terms[name] = name_terms(name)  # shared, never changed
                runs.append([first, count, name_term_list])
                first += count
            # Every record has every facet (an index without records has none).
            facets = {facet: group_facet(columns[facet]) for facet in FACETS} if names else {}
            for facet, rollup in self.facet_rollup.items():
                if facet in facets:
                    facets[facet] = rolled_up(facets[facet], rollup)
            stats = self.writer.write_sorted(self.stored_rows(columns), runs, facets, extra_meta, sink)
        stats["skipped"] = self.skipped
        stats["seconds"] = round(time.perf_counter() - started, 3)
        return stats
