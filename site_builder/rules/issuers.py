"""A document is issued by a body that existed on its date.

Bodies end and begin: the district People's Committees ended on 30/6/2025 (Nghị quyết
202/2025/QH15), a provincial department merged into another (the Sở Thông tin và Truyền
thông into the Sở Khoa học và Công nghệ). data/bodies.yml gives a body `from` (its first day),
`until` (its last day) and `successors` (who took over). A plan or a decision dated outside
its issuer's days is refused, naming the successors. A document keeps the issuer it was
signed by: pages show the body's name as issued, never a successor's.

A partial date (a year, a month) is refused only when none of its days falls within the
body's days; a missing or wrong date was reported already (content/dates.py).
"""
from __future__ import annotations

import datetime as dt

from ..content.dates import MONTH_NAMES, UNKNOWN_DATE, DocDate, short_date, span


def outside(body, date: DocDate) -> str | None:
    """"ended" or "not_begun" when no day `date` may stand for falls within the body's days."""
    if date == UNKNOWN_DATE:
        return None
    first, last = span(date)
    if body.until is not None and first > body.until:
        return "ended"
    if body.valid_from is not None and last < body.valid_from:
        return "not_begun"
    return None


def shown_date(date: DocDate) -> tuple[str, str]:
    """A document's date as a message says it, in (vi, en): "ngày 01/4/2026", "tháng 12/2021",
    "năm 2025"; "1 April 2026", "December 2021", "2025"."""
    if date.complete:
        day = date.as_date()
        return f"ngày {short_date(day, 'vi')}", short_date(day, "en")
    if date.month is not None:
        return f"tháng {date.month}/{date.year}", f"{MONTH_NAMES[date.month - 1]} {date.year}"
    return f"năm {date.year}", str(date.year)


def body_name(body, lang: str) -> str:
    return (body.name_en if lang == "en" else None) or body.short or body.name


def check(site) -> None:
    _check_days(site)
    for document in site.documents.values():
        body = site.bodies.get(document.get("issuer"))
        if body is None:
            continue  # an unknown issuer is reported by rules.references
        fault = outside(body, document.date)
        if fault is None:
            continue
        line = document.parsed.line_of("issuer") if getattr(document, "parsed", None) else None
        when = shown_date(document.date)
        name = (body_name(body, "vi"), body_name(body, "en"))
        if fault == "not_begun":
            site.problems.add(document.source.file, line, "issuer", "issuer_not_begun", issuer=name,
                              since=(short_date(body.valid_from, "vi"), short_date(body.valid_from, "en")), date=when)
            continue
        after = body.until + dt.timedelta(days=1)
        successors = [site.bodies[s] for s in body.successors if s in site.bodies]
        replaced = (("; thay bằng " + ", ".join(body_name(s, "vi") for s in successors),
                     "; replaced by " + ", ".join(body_name(s, "en") for s in successors))
                    if successors else ("", ""))
        site.problems.add(document.source.file, line, "issuer", "issuer_ended", issuer=name,
                          after=(short_date(after, "vi"), short_date(after, "en")),
                          date=when, replaced=replaced)


def _check_days(site) -> None:
    """A body's `until` may not come before its `from`."""
    for body in site.bodies.values():
        if body.valid_from is not None and body.until is not None and body.until < body.valid_from:
            file = body.source.file if body.source else "content/data/bodies.yml"
            site.problems.add(file, body.source.line_of("until"), "until", "message_dates_reversed",
                              until=body.until.isoformat(), start=body.valid_from.isoformat())
