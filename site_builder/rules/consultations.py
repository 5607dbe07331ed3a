"""Consultations (lấy ý kiến nhân dân) say when and how people may comment.

A window whose last day (`to`) comes before its first (`from`) would never be open: the list
would go straight to the archive. A consultation that names no way to comment (the office's
address, phone or e-mail, or the province's feedback system) asks for comments nobody can
send. Both are errors with the file and line. Drafts and scheduled consultations are checked
too (their problems are warnings until they go live: content/loader.py).
"""
from __future__ import annotations

# The fields of `contact` any one of which is a way to comment (`office` alone is not).
WAYS_TO_COMMENT = ("address", "phone", "email", "url")


def check(site) -> None:
    entries = list(site.consultations.values())
    entries += [e for e in site.unpublished.values() if e.collection == "consultation"]
    for consultation in entries:
        where = consultation.parsed.line_of if getattr(consultation, "parsed", None) else (lambda _path: None)
        opens, closes = consultation.opens, consultation.closes
        if opens and closes and closes < opens:
            site.problems.add(consultation.source.file, where("to"), "to", "consultation_window",
                              start=opens.isoformat(), to=closes.isoformat())
        contact = consultation.get("contact") or {}
        if not any(contact.get(way) for way in WAYS_TO_COMMENT):
            line = where("contact") if "contact" in (consultation.parsed.meta or {}) else None
            site.problems.add(consultation.source.file, line, "contact", "consultation_no_contact")
