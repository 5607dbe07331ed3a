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

import os
import time
from typing import Any

from ..text.folding import name_words
from ..text.sorting import vietnamese_key, vietnamese_name_key
from .shards import Entry, FieldSpec, ShardedIndexWriter, paused_gc
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


class NameIndexBuilder:
    def __init__(self, out_dir: str | os.PathLike, *, rows_per_chunk: int = 32, shard_chars: int = 6000) -> None:
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

    def add(self, record: dict[str, Any]) -> bool:
        """Add one recipient; returns False (and counts it) when it is left out: revoked,
        or without a name or url. The work happens in write() (with the cyclic garbage
        collector paused: 100,000 new tuples in a loaded site would set it off many times)."""
        if record.get("revoked") or not (record.get("name") or "").strip() or not record.get("url"):
            self.skipped += 1
            return False
        self.records.append(record)
        return True

    def _compact(self, record: dict[str, Any]) -> tuple:
        """The fields of a record the index keeps; records its facet labels."""
        name = record["name"].strip()
        w = self.writer
        for facet, label_key in (("award", "award_label"), ("locality", "locality_name"), ("campaign", "campaign_name")):
            value = record.get(facet)
            if value and record.get(label_key) and value not in w.facet_labels.get(facet, ()):
                w.label_facet(facet, value, record[label_key])
        return (
            name, record.get("kind") == "collective", record.get("award") or "", record.get("unit") or "",
            record.get("locality") or "", record.get("decision_title") or "",
            (record.get("decision_url") or "").lstrip("/"), record["url"].lstrip("/"),
            str(record["year"]) if record.get("year") not in (None, "") else "", record.get("campaign") or "",
        )

    def _entry(self, rec: tuple, rank: int, terms: list) -> Entry:
        name, collective, award, unit, locality, decision_title, decision_url, url, year, campaign = rec
        if decision_url and url.startswith(decision_url):
            url = "+" + url[len(decision_url):]  # search.js: "+" means "decision url + rest"
        decision = [decision_title, decision_url] if (decision_url or decision_title) else ""
        return Entry(
            sort_key=rank,
            terms=terms,
            row=[name, 1 if collective else 0, award, unit, locality, decision, url],
            facets={"award": [award], "locality": [locality], "year": [year], "campaign": [campaign]},
        )

    @staticmethod
    def _ranks(records: list[tuple]) -> dict[tuple[str, bool], int]:
        """(name, collective) -> position of that name in the index order. Recipients share
        names (thousands of "Nguyễn Thị ..." at 100,000), so sort keys and terms are worked
        out once per distinct name; the entries then sort by a number."""
        distinct = {(rec[0], rec[1]) for rec in records}
        # Collectives after individuals; people by given name, collectives alphabetically.
        ordered = sorted(distinct, key=lambda nc: (1, vietnamese_key(nc[0])) if nc[1] else (0, vietnamese_name_key(nc[0])))
        return {nc: i for i, nc in enumerate(ordered)}

    def write(self, extra_meta: dict[str, Any] | None = None, sink=None) -> dict[str, Any]:
        """Write the index; ``extra_meta`` is merged into meta.json, ``sink(path, bytes)``
        receives the files instead of out_dir (see ShardedIndexWriter.write)."""
        started = time.perf_counter()
        with paused_gc():
            records = [self._compact(record) for record in self.records]
            self.records = []
            ranks = self._ranks(records)
            terms: dict[str, list] = {}
            for rec in records:
                name = rec[0]
                name_term_list = terms.get(name)
                if name_term_list is None:
                    name_term_list = terms[name] = name_terms(name)  # shared, never changed
                self.writer.add(self._entry(rec, ranks[name, rec[1]], name_term_list))
        stats = self.writer.write(extra_meta, sink)
        stats["skipped"] = self.skipped
        stats["seconds"] = round(time.perf_counter() - started, 3)
        return stats
