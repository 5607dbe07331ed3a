"""Vietnamese sort keys: people by given name, then family and middle names; text in
Vietnamese alphabetical order.

Order of letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the
Latin letters Vietnamese does not use (f j w z, found in foreign and minority names) at
their Latin places. Letters carrying marks Vietnamese does not use (Ê Đê "ŭ", "ĕ", "ŏ";
"ñ", "č") sort right after their base letter: the Ê Đê alphabet counts them as letters of
their own (ICU's `vi` collation, which does not know them, makes them a mark on the base
letter instead; docs/honor-roll.md).

Syllable by syllable, as Vietnamese dictionaries list their entries (every "ba ..." before
"bà ...", "bà" before "bả"): two texts compare by their first syllables, and only if those
are the same syllable, tone included, by the next. Within a syllable the letters decide
first, then the tone ("ba" < "bà" < "bác" < "bạc"), then case (lower first). A syllable's
tone is its own, wherever its mark is written ("Thuý" and "Thúy" are one syllable).

Tone order: none, huyền, hỏi, ngã, sắc, nặng (Thuy, Thùy, Thủy, Thũy, Thúy, Thụy): the order of
Vietnamese dictionaries (for example Hoàng Phê's Từ điển tiếng Việt) and of Unicode CLDR's
`vi` collation, which ICU implements. tests/test_sort_icu.py compares our order with ICU's on
every letter and tone pair and on the example site's recipients; docs/honor-roll.md says
where ICU's whole-string order differs from this syllable-by-syllable one, and why.

Names: "Nguyễn Văn Hùng" is family "Nguyễn", middle "Văn", given "Hùng" (the last word).
Khmer names written in Vietnamese ("Thạch Thị Sa Ry") follow the same pattern in Vietnamese
records. Ê Đê and Jrai names are recognised by the prefix that marks a personal name,
H' for women and Y for men (also written Y' or Y-), wherever it stands: the personal name
it marks is the given name, every other word is the clan (family) name, in its order.
"H'Mai Niê" (Ê Đê, personal name first) and "Ksor H'Mai" (Jrai, clan first) both sort as
Mai; "Y Ngông Niê Kdăm" as Ngông, clan Niê Kdăm. Jrai men's names rarely carry a prefix
("Ksor Kham"): clan first, personal name last, as the Kinh rule reads them. A "Y" that is
the last word is a given name ("Nguyễn Thị Y"). Names in Khmer script (family name first,
like Vietnamese) sort after Latin names, by code point.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .folding import APOSTROPHES, name_words

__all__ = [
    "TONE_ORDER",
    "ALPHABET",
    "NameParts",
    "parse_name",
    "syllable_key",
    "vietnamese_key",
    "vietnamese_name_key",
    "vietnamese_order",
    "vietnamese_name_order",
    "initial_letter",
]

# Combining tone marks in sort order; the tone-less syllable comes first (0).
TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_VOWELS = set("aeiouy")
_D_LOOKALIKES = {"Ð": "đ", "ð": "đ", "Ɖ": "đ", "ɖ": "đ", "Đ": "đ"}
_LETTER_STEP = 4  # room for "letter + unusual mark" variants between two letters
_LETTER_RANK = {letter: 100 + i * _LETTER_STEP for i, letter in enumerate(ALPHABET)}
_LATIN_EXTRA = {"ƀ": "b"}  # letters without a decomposition, sorted after their base
_OTHER_SCRIPT = 10_000  # non-Latin letters sort after every Latin letter, by code point
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")

# A syllable key: (class, letter ranks, tone, case). Class 0 = number (compared by
# value), 1 = word. Keys are plain tuples of ints, so any two compare without errors.
SyllableKey = tuple


def _clusters(word: str):
    """Yield (base character, combining marks) pairs of the NFD form of ``word``."""
    base = None
    marks: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and base is not None:
            marks.append(ch)
            continue
        if base is not None:
            yield base, marks
        base, marks = ch, []
    if base is not None:
        yield base, marks


def _letter_rank(base: str, marks: list[str]) -> tuple[int, int | None]:
    """Rank of one letter and the tone it carries (None if none)."""
    lower = base.lower()
    lower = _D_LOOKALIKES.get(lower, lower)
    tone = None
    letter_marks = []
    for m in marks:
        if m in TONE_ORDER and lower in _VOWELS and tone is None:
            tone = TONE_ORDER[m]
        else:
            letter_marks.append(m)
    if lower in _LATIN_EXTRA:
        return _LETTER_RANK[_LATIN_EXTRA[lower]] + 1, tone
    vowel = [m for m in letter_marks if m in _VOWEL_MARKS]
    other = [m for m in letter_marks if m not in _VOWEL_MARKS]
    letter = unicodedata.normalize("NFC", lower + "".join(vowel))
    if letter in _LETTER_RANK:
        return _LETTER_RANK[letter] + (1 + min(len(other), 2) if other else 0), tone
    if lower in _LETTER_RANK:  # e.g. "ĕ" (e + breve): after e, before ê
        return _LETTER_RANK[lower] + 1 + min(len(letter_marks), 2), tone
    if lower.isdigit():
        return unicodedata.digit(lower, 0), tone
    return _OTHER_SCRIPT + ord(lower), tone


@lru_cache(maxsize=65536)  # a few thousand distinct syllables make up most names
def syllable_key(word: str) -> SyllableKey:
    """Sort key of one word: letters first, then the syllable's tone, then case."""
    if word.isdigit():
        return (0, (int(word),), 0, 0)
    ranks = []
    tone = 0
    for base, marks in _clusters(_APOSTROPHE_RE.sub("", word)):
        rank, t = _letter_rank(base, marks)
        ranks.append(rank)
        if t is not None and not tone:
            tone = t
    # Lower case before upper case, only to make the order total.
    case = 0 if word == word.lower() else 1
    return (1, tuple(ranks), tone, case)


@lru_cache(maxsize=65536)  # unit names and labels, sorted again in many lists
def vietnamese_key(text: str) -> tuple:
    """Sort key for ordinary text (units, titles, award labels), word by word, numbers by
    value: "Xã 2" < "Xã 10", "Anh" < "Ánh", "Dương" < "Đặng"."""
    words = _split_numbers(name_words(text or ""))
    return (tuple(syllable_key(w) for w in words), text or "")


def _split_numbers(words: list[str]) -> list[str]:
    out = []
    for w in words:
        out.extend(p for p in re.split(r"(\d+)", w) if p)
    return out


@dataclass(frozen=True)
class NameParts:
    family: tuple[str, ...]
    middle: tuple[str, ...]
    given: tuple[str, ...]
    prefix: str = ""  # Ê Đê / Jrai personal-name prefix ("Y", "H'", "Y'") as written, when recognised


# A word that opens an Ê Đê or Jrai personal name: "H'Mai", "H’Mai", "Y'Jut"; or "H'" alone.
_PREFIXED_RE = re.compile(f"^([HhYy][{re.escape(APOSTROPHES)}]+)(.*)$")


def _personal_name_at(words: tuple[str, ...], i: int) -> tuple[str, str, int] | None:
    """If words[i] opens an Ê Đê or Jrai personal name: (its prefix, the personal name, the
    index after it). "H'Mai" -> ("H'", "Mai", i + 1); "Y", "Ngông" -> ("Y", "Ngông", i + 2).
    A prefix with no name after it ("Nguyễn Thị Y") opens none."""
    word = words[i]
    if word in ("Y", "y"):
        return (word, words[i + 1], i + 2) if i + 1 < len(words) else None
    m = _PREFIXED_RE.match(word)
    if m is None:
        return None
    prefix, rest = m.groups()
    if _APOSTROPHE_RE.sub("", rest):
        return prefix, rest, i + 1
    return (prefix, words[i + 1], i + 2) if i + 1 < len(words) else None


def _ede_jrai_parts(full_name: str, words: tuple[str, ...]) -> NameParts | None:
    # Most names have neither an apostrophe nor a word "Y": one scan of the text settles them.
    if not (_APOSTROPHE_RE.search(full_name) or "Y" in words or "y" in words):
        return None
    for i in range(len(words)):
        found = _personal_name_at(words, i)
        if found:
            prefix, given, after = found
            return NameParts(words[:i] + words[after:], (), (given,), prefix)
    return None


def parse_name(full_name: str) -> NameParts:
    """Split a person's name into family, middle and given parts (see module docstring)."""
    words = name_words(full_name or "")
    if not words:
        return NameParts((), (), ())
    ede_jrai = _ede_jrai_parts(full_name, words)
    if ede_jrai:  # "H'Mai Niê", "Ksor H'Mai": given Mai; "Y Ngông Niê Kdăm": given Ngông, clan Niê Kdăm
        return ede_jrai
    if len(words) == 1:
        return NameParts((), (), (words[0],))
    return NameParts((words[0],), tuple(words[1:-1]), (words[-1],))


# Names repeat (40,000 distinct among 100,000 recipients) and are sorted for the honor lists
# and again for the name index.
@lru_cache(maxsize=1 << 17)
def vietnamese_name_key(full_name: str) -> tuple:
    """Sort key for a person: given name, then family name, then middle names, each in
    Vietnamese order; the full text last so equal keys stay deterministic."""
    p = parse_name(full_name)

    def k(ws):
        return tuple(syllable_key(w) for w in ws)

    return (k(p.given), k(p.family), k(p.middle), syllable_key(p.prefix) if p.prefix else (), full_name or "")


# ---- keys as text --------------------------------------------------------------------------
# Sorting 50,000 recipients by the nested tuples above cost a fifth of a second of every
# build's serial part: tuples compare element by element in Python's object protocol. The
# same order as one string compares in C. Each syllable key becomes a string that no other
# syllable's string starts with (class, ranks, a terminator below every rank, tone, case), so
# strings of several syllables compare as the tuples do; a tuple ends with "\0", below any
# syllable's first character, so a shorter tuple still sorts first.

_BIG_RANK = 0xE000 - 2  # ranks from here on take two characters, the first above any single one


def _rank_text(rank: int) -> str:
    if rank < _BIG_RANK:
        return chr(rank + 2)
    return chr(0xE000 + (rank >> 16)) + chr(rank & 0xFFFF)


def _syllable_text(key: SyllableKey) -> str:
    kind, ranks, tone, case = key
    if kind == 0:  # a number, by value: its length first, then its digits
        digits = str(ranks[0])
        body = chr(len(digits) + 2) + digits
    else:
        body = "".join(map(_rank_text, ranks))
    return chr(kind + 1) + body + "\x01" + chr(tone + 2) + chr(case + 2)


@lru_cache(maxsize=65536)  # as syllable_key: a few thousand distinct syllables
def _word_text(word: str) -> str:
    return _syllable_text(syllable_key(word))


def _words_text(words) -> str:
    return "".join(map(_word_text, words)) + "\0"


@lru_cache(maxsize=65536)  # as vietnamese_key
def vietnamese_order(text: str) -> str:
    """vietnamese_key(text) as a string that sorts the same (compared with <, not mixed
    with tuple keys)."""
    return _words_text(_split_numbers(name_words(text or ""))) + (text or "")


@lru_cache(maxsize=1 << 17)  # as vietnamese_name_key: names repeat
def vietnamese_name_order(full_name: str) -> str:
    """vietnamese_name_key(full_name) as a string that sorts the same."""
    p = parse_name(full_name)
    return (_words_text(p.given) + _words_text(p.family) + _words_text(p.middle)
            + (_word_text(p.prefix) if p.prefix else "\0") + (full_name or ""))


def initial_letter(key: str) -> str | None:
    """The letter of ALPHABET that a key made by vietnamese_order or vietnamese_name_order
    begins with: "đ" for "Đặng", "ư" for "Ước", "u" for the Ê Đê "Ŭ" (it sorts right after
    every u, so a list cut by initial keeps it with them). None when the key begins with a
    number, a letter of another script or nothing. Read from the key, so a list sorted by
    these keys has each letter's entries together, and no name is parsed again."""
    if len(key) < 2 or key[0] != chr(2):  # chr(1 + class): class 1 is a word
        return None
    index = (ord(key[1]) - 2 - _LETTER_RANK["a"]) // _LETTER_STEP
    return ALPHABET[index] if 0 <= index < len(ALPHABET) else None
