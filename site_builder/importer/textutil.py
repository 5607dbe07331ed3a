"""Small text helpers of the importer: position-preserving folding, slugs, dates.

The importer matches patterns on a *folded* copy of the text (lower case, no tone or vowel
marks, "đ" -> "d") so that OCR output that lost its diacritics ("ngay 15 thang 10") is
recognised like the clean text, then cuts values out of the *original* text at the same
positions. That only works if folding keeps every character in place, which is why this
module does not reuse the search folding (which drops apostrophes and merges spaces).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_D_LIKE = {"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "Ɖ": "d", "ɖ": "d"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_char(ch: str) -> str:
    if ch in _D_LIKE:
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    if unicodedata.combining(base):  # a stray combining mark keeps its slot
        return ch
    return base.lower() if len(base.lower()) == 1 else ch


def fold(text: str) -> str:
    """Fold an NFC string to lower-case ASCII-ish letters, one character for one."""
    return "".join(fold_char(c) for c in text)


def slug(text: str) -> str:
    """A lower-case ASCII id with hyphens ("Ủy ban nhân dân xã Đại Mạch" -> "uy-ban-...")."""
    folded = fold(nfc(text))
    folded = "".join(c if c.isascii() and c.isalnum() else " " for c in folded)
    return "-".join(folded.split())


def strip_markup(line: str) -> str:
    """Drop the Markdown decoration some text exports carry (#, **, trailing hard breaks)."""
    s = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    s = s.replace("**", "").replace("__", "")
    return s.strip()


def make_date(day: str | int | None, month: str | int | None, year: str | int | None) -> str | None:
    """ISO text for a document date, partial when day or month is blank; None if impossible."""
    try:
        y = int(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    m = int(month) if month not in (None, "") else None
    d = int(day) if day not in (None, "") else None
    if m is None:
        return f"{y:04d}" if d is None else None
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


# d/m/yyyy or "ngày 15 tháng 10 năm 2021" (matched on folded text).
NUMERIC_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
WORDED_DATE = r"ng\w{0,2}y\s+(\d{1,2})\s+th\w{1,3}ng\s+(\d{1,2})\s+n\w{1,2}m\s+(\d{4})"
ANY_DATE = rf"(?:{NUMERIC_DATE}|{WORDED_DATE})"


def date_from_groups(groups: tuple) -> str | None:
    """Turn the six groups of ANY_DATE into ISO text."""
    d, m, y = groups[0:3] if groups[0] else groups[3:6]
    return make_date(d, m, y)
