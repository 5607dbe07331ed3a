"""Folding Vietnamese text for matching: what a citizen types without diacritics must
find what a communicator wrote with them.

Two forms are used by the search indexes (and mirrored exactly in
``assets/search/engine.js``, and ``fold`` in ``assets/search/preload.js`` too; keep them in step):

* ``fold(s)``: the *matching* form. Lower case, tone and vowel marks removed, "đ" and its
  look-alikes turned into "d", apostrophes dropped so "H'Mai" becomes "hmai", every other
  non-letter/non-digit a space. Khmer (and any script whose marks are not Latin
  diacritics) is kept intact.
* ``exact_form(word)``: the *ranking* form. Lower case with vowel letters (ă â ê ô ơ ư đ)
  kept and the tone moved to a trailing digit, so "Hòa" and "Hoà" (old and new tone
  placement) are the same exact spelling while "Hùng" and "Hưng" stay different.

Pitfalls these functions exist for (see shared/guide/anchors.md): NFC and NFD forms of one
letter compare unequal; stripping combining marks does not turn "đ" into "d"; a ``[^\\w]``
regex deletes "đ" in some engines and deletes Khmer vowel signs in Python; "Ð" (U+00D0)
and "Ɖ" (U+0189) appear in real text where "Đ" is meant.
"""

from __future__ import annotations

import marshal
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = ["fold", "tokens", "exact_form", "name_words", "word_parts", "TONE_MARKS"]

# "Đ" and the letters that look like it in real documents (Icelandic eth, African D).
_D_LOOKALIKES = "đĐÐðƉɖ"

# Apostrophes inside Ê Đê and Jrai names ("H'Mai", "H’Mai", "Hʼmai"): dropped, so the
# name is one word; the index also stores the parts, so "h mai" matches too.
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\ua78c\u2032"

ZERO_WIDTH_SPACE = "\u200b"

# The five Vietnamese tone marks in their combining form: huyền, sắc, hỏi, ngã, nặng. The value
# is the digit the ranking form ends with (search.js has the same table). The digits name a
# tone, they do not order: the sort's tone order is sorting.py TONE_ORDER.
TONE_MARKS = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def _scan_unicode() -> tuple[list[int], list[tuple[int, int]]]:
    """From the Unicode database: the format characters (Cf) of the BMP, and the ranges of
    combining marks (M*) up to U+2FFFF (the supplementary planes in use)."""
    category = unicodedata.category
    formats = [cp for cp in range(0x10000) if category(chr(cp)) == "Cf"]
    ranges: list[tuple[int, int]] = []
    for cp in range(0x30000):
        if category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return formats, ranges


def _unicode_facts() -> tuple[list[int], list[tuple[int, int]]]:
    """_scan_unicode(), kept for the machine (cache.machine_cache_dir) per Unicode version and
    version of this module: scanning 260,000 code points took 25 ms of every start of the
    program, the sheet helper's included (honor/read_ahead.py). A file that cannot be read or
    written only means scanning again."""
    from ..runtime.digests import digest
    from ..runtime.cache_dirs import machine_cache_dir
    from ..runtime.atomic import replace_file

    folder = machine_cache_dir()
    if folder is None:
        return _scan_unicode()
    version = digest(Path(__file__).read_bytes())
    kept = folder / f"unicode-{unicodedata.unidata_version}-{version}.marshal"
    try:
        formats, ranges = marshal.loads(kept.read_bytes())
        if isinstance(formats, list) and isinstance(ranges, list):
            return formats, [tuple(pair) for pair in ranges]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    facts = _scan_unicode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        replace_file(kept, marshal.dumps(facts))
    except OSError:
        pass
    return facts


_FORMATS, _MARK_RANGES = _unicode_facts()


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): "d" for c in _D_LOOKALIKES}
    for c in APOSTROPHES:
        table[ord(c)] = None
    # Latin combining diacritics (tone and vowel marks) go; marks of other scripts
    # (Khmer vowel signs, coeng) stay because they are part of the letters.
    for cp in range(0x0300, 0x0370):
        table[cp] = None
    # Invisible format characters (ZWNJ, ZWJ, soft hyphen, BOM, word joiner) would split
    # or glue words unpredictably: drop them. The zero-width space is a word boundary
    # that Khmer authors insert on purpose.
    for cp in _FORMATS:
        table.setdefault(cp, None)
    table[ord(ZERO_WIDTH_SPACE)] = " "
    return table


def _marks_class() -> str:
    """Regex class body listing every combining mark (BMP and the supplementary planes
    in use), because Python's word class does not include marks (Mn/Mc): a plain non-word
    class would cut
    Khmer words apart at every vowel sign."""
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in _MARK_RANGES
    )


_FOLD_TABLE = _build_fold_table()
_MARKS_CLASS = _marks_class()
_NON_WORD = re.compile(rf"[^\w{_MARKS_CLASS}]+|_+")
# Like _NON_WORD but apostrophes are part of a word (name_words keeps "H'Mai" whole).
_NON_NAME_WORD = re.compile(rf"[^\w{_MARKS_CLASS}{re.escape(APOSTROPHES)}]+|_+")
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")


def fold(s: str) -> str:
    """Matching form of ``s``: words separated by single spaces, no leading/trailing space.

    >>> fold("Nguyễn Văn Hùng")
    'nguyen van hung'
    >>> fold("ĐẶNG Thị Ɖào")
    'dang thi dao'
    >>> fold("H'Mai Niê")
    'hmai nie'
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFD", s).translate(_FOLD_TABLE).lower()
    s = _NON_WORD.sub(" ", s)
    return unicodedata.normalize("NFC", s).strip()


def tokens(s: str) -> list[str]:
    """The folded words of ``s`` ("Nguyễn Văn Hùng" -> ["nguyen", "van", "hung"])."""
    return fold(s).split()


def _exact_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in TONE_MARKS:
            tone = tone or TONE_MARKS[ch]
        else:
            kept.append(ch)
    base = unicodedata.normalize("NFC", "".join(kept)).lower()
    base = base.translate(_EXACT_TABLE)
    base = _NON_WORD.sub("", base)
    return base + tone if base else ""


_EXACT_TABLE = {ord(c): "đ" for c in _D_LOOKALIKES}
for _c in APOSTROPHES:
    _EXACT_TABLE[ord(_c)] = None
for _cp, _v in _FOLD_TABLE.items():
    if _v is None and not (0x0300 <= _cp < 0x0370) and chr(_cp) not in APOSTROPHES:
        _EXACT_TABLE[_cp] = None


def exact_form(word: str) -> str:
    """Ranking form of one word: lower case, vowel letters kept, tone as a final digit.

    >>> exact_form("Hùng"), exact_form("Hưng"), exact_form("HOÀ") == exact_form("hòa")
    ('hung1', 'hưng', True)
    """
    return _exact_word(word)


@lru_cache(maxsize=8192)  # the name index asks for the same name's words three times
def name_words(s: str) -> tuple[str, ...]:
    """The words of ``s`` as written (split at spaces, punctuation and zero-width spaces),
    with their marks, so callers can derive both forms from the same pieces. Apostrophes
    stay inside words ("H'Mai")."""
    s = unicodedata.normalize("NFC", s).replace(ZERO_WIDTH_SPACE, " ")
    out = []
    for piece in _NON_NAME_WORD.split(s):
        # A piece made of apostrophes or stray marks only is not a word.
        if piece and (piece.isalnum() or fold(piece)):
            out.append(piece)
    return tuple(out)


def word_parts(word: str) -> list[str]:
    """The parts of a word written with an apostrophe ("H'Mai" -> ["H", "Mai"]); an
    empty list when it has none. The index stores these as extra words."""
    parts = [p for p in _APOSTROPHE_RE.split(word) if fold(p)]
    return parts if len(parts) > 1 else []

