"""The full-text index of documents (plans, decisions, messages) for one language.

Usage::

    builder = DocumentIndexBuilder(site_dir / "search" / "text-vi", lang="vi")
    builder.add({"url": "van-ban/kh-108-2021/", "title": ..., "kind": "plan",
                 "date": "2021-09-11", "summary": ..., "text": ...})
    stats = builder.write()

Words of the title rank above words of the body; Khmer is indexed by character pairs
(see terms.py), so Khmer text is found without spaces between words.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..text.folding import name_words
from ..text.sorting import vietnamese_key
from .shards import Entry, FieldSpec, ShardedIndexWriter
from .terms import khmer_joins, word_terms

ROLE_TITLE, ROLE_BODY = 0, 1

RECORD_FIELDS = {
    "url": "page, relative to the site root, no leading slash (required)",
    "title": "title shown in results (required)",
    "kind": "plan | decision | message ... (facet)",
    "kind_label": "label of the kind shown in filters (string or {lang: label})",
    "date": "YYYY, YYYY-MM or YYYY-MM-DD; newest documents first among equals",
    "summary": "one or two sentences shown under the title (indexed)",
    "text": "the body as plain text (indexed, not stored)",
    "campaign": "campaign id (facet)",
    "campaign_name": "campaign name shown in filters",
}

FIELDS = [
    FieldSpec("title"),
    FieldSpec("kind", "facet"),
    FieldSpec("date"),
    FieldSpec("summary"),
    FieldSpec("url"),
]

SUMMARY_CHARS = 200  # results show a short summary; the page has the rest


def _date_number(date: str) -> int:
    digits = re.sub(r"\D", "", str(date or ""))[:8]
    return int(digits.ljust(8, "0")) if digits else 0


class DocumentIndexBuilder:
    def __init__(self, out_dir: str | os.PathLike, *, lang: str = "vi", rows_per_chunk: int = 16,
                 shard_chars: int = 6000) -> None:
        self.lang = lang
        self.writer = ShardedIndexWriter(
            out_dir,
            kind="documents",
            roles=["title", "body", ""],
            fields=FIELDS,
            rank={"last": [], "first": [], "any": [ROLE_TITLE]},
            rows_per_chunk=rows_per_chunk,
            shard_chars=shard_chars,
        )

    def add(self, record: dict[str, Any]) -> bool:
        title = (record.get("title") or "").strip()
        if not title or not record.get("url"):
            return False
        w = self.writer
        for facet, label_key in (("kind", "kind_label"), ("campaign", "campaign_name")):
            if record.get(facet) and record.get(label_key):
                w.label_facet(facet, record[facet], record[label_key])
        terms = []
        for text, role in ((title, ROLE_TITLE), (record.get("summary") or "", ROLE_BODY), (record.get("text") or "", ROLE_BODY)):
            words = name_words(text)
            for word in words:
                terms.extend(word_terms(word, role))
            terms.extend(khmer_joins(words, role))
        summary = (record.get("summary") or "").strip()
        if len(summary) > SUMMARY_CHARS:
            summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
        date = str(record.get("date") or "")
        w.add(
            Entry(
                sort_key=(-_date_number(date), vietnamese_key(title)),
                terms=terms,
                row=[title, record.get("kind") or "", date, summary, record["url"].lstrip("/")],
                facets={
                    "kind": [record.get("kind")],
                    "year": [date[:4] if date[:4].isdigit() else ""],
                    "campaign": [record.get("campaign")],
                },
            )
        )
        return True

    def write(self, extra_meta: dict[str, Any] | None = None, sink=None) -> dict[str, Any]:
        return self.writer.write({"lang": self.lang, **(extra_meta or {})}, sink)
