"""Number and symbol are unique per issuing body and year.

Nghị định 30/2020/NĐ-CP, Điều 15: document numbers restart on 1 January each year, so the
same "108/KH-UBND" may be reused by one body in another year but never twice in one year.
"""
from __future__ import annotations


def check(site) -> None:
    seen: dict[tuple, str] = {}
    for doc in sorted(site.documents.values(), key=lambda d: d.source.file):
        if not doc.number or "date" not in doc.meta or doc.meta["date"] is None:
            continue
        key = (doc.meta.get("issuer"), doc.date.year, doc.number.strip(), doc.symbol.strip().upper())
        if key in seen:
            body = site.bodies.get(key[0])
            site.problems.add(doc.source.file, doc.parsed.line_of("number"), "number", "duplicate_number",
                              number=doc.reference, year=key[1], issuer=body.name if body else key[0],
                              other=seen[key])
        else:
            seen[key] = doc.source.file
