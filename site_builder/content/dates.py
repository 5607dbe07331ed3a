"""Document dates that may be partial.

Published copies of plans often leave the day or the month blank ("ngày   tháng 12 năm
2021"). A DocDate keeps exactly what the copy says; it never fills a blank in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class DocDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> bool:
        return self.day is not None

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.complete else None

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


# The date of a document whose `date` is missing or wrong: the schema has reported it with its
# line, and a site with an error never builds, but `check` goes on to the cross-file rules,
# which sort and compare documents by date. This one sorts first and is no real year.
UNKNOWN_DATE = DocDate(0)


def parse_doc_date(value) -> DocDate | None:
    """'2021-09-11', '2021-09', '2021' or 2021 -> DocDate; None when it is not a real date."""
    if isinstance(value, dt.date):
        return DocDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _PATTERN.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    return DocDate(year, month, day)


def parse_date(value) -> dt.date | None:
    """A complete calendar date, or None."""
    parsed = parse_doc_date(value)
    return parsed.as_date() if parsed else None


def span(date: DocDate) -> tuple[dt.date, dt.date]:
    """The first and the last day a (possibly partial) document date may stand for: 2025-07
    -> 1 to 31 July 2025; 2025 -> the whole year."""
    if date.complete:
        day = date.as_date()
        return day, day
    if date.month is None:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    first = dt.date(date.year, date.month, 1)
    following = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def short_date(day: dt.date, lang: str) -> str:
    """A date as a sentence names it: "01/7/2025" in Vietnamese (Nghị định 30/2020/NĐ-CP
    writes a day below 10 and the months 1 and 2 with a leading 0), "1 July 2025" in English."""
    if lang == "vi":
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{day.day:02d}/{month}/{day.year}"
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
