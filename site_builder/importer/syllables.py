"""Is a word a possible Vietnamese syllable? Used to measure OCR damage.

A Vietnamese syllable is (onset) (glide) nucleus (coda) plus at most one tone mark, and
the tone mark sits on the main vowel. OCR that loses or garbles diacritics produces words
that break these rules ("tiéu" for "tiêu": the rime "ieu" needs its circumflex; "dic" for
"đặc": "ic" is not a rime; "Triénrkhai"). Words that merely lost every mark ("thi dua")
still pass, so the share of invalid words is a lower bound of the damage; the report also
gives the share of words without any mark, which is high in damaged text.

No word list is needed: the rules below are the phonotactics of the standard orthography.
"""
from __future__ import annotations

import re
import unicodedata

# Tone marks (combining): huyền, sắc, hỏi, ngã, nặng.
TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
# Vowel-letter marks that belong to the letter itself (â ê ô, ă, ơ ư).
LETTER_MARKS = {"\u0302", "\u0306", "\u031b"}

ONSETS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""]
CONSONANT_CODAS = ["ng", "nh", "ch", "c", "m", "n", "p", "t"]
SEMIVOWEL_CODAS = ["i", "y", "o", "u"]

# Nuclei and which codas they take ("" = open syllable allowed).
_NUCLEI = {
    "a": {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "y", "o", "u"},
    "ă": {"c", "m", "n", "ng", "p", "t"},
    "â": {"c", "m", "n", "ng", "p", "t", "y", "u"},
    "e": {"", "c", "m", "n", "ng", "p", "t", "o"},
    "ê": {"", "ch", "m", "n", "nh", "p", "t", "u"},
    "i": {"", "ch", "m", "n", "nh", "p", "t", "u"},
    "y": {""},
    "o": {"", "c", "m", "n", "ng", "p", "t", "i"},
    "ô": {"", "c", "m", "n", "ng", "p", "t", "i"},
    "ơ": {"", "m", "n", "p", "t", "i"},
    "u": {"", "c", "m", "n", "ng", "p", "t", "i"},
    "ư": {"", "c", "m", "n", "ng", "p", "t", "i", "u"},
    "iê": {"c", "m", "n", "ng", "p", "t", "u"},
    "yê": {"c", "m", "n", "ng", "p", "t", "u"},
    "ia": {""},
    "ya": {""},
    "uô": {"c", "m", "n", "ng", "p", "t", "i"},
    "ua": {""},
    "ươ": {"c", "m", "n", "ng", "p", "t", "i", "u"},
    "ưa": {""},
}
# Glide + nucleus combinations ("hoa", "hoặc", "khoẻ", "huế", "thuở", "quân", "khuya", "huyện").
_GLIDED = {
    "o": {"a", "ă", "e"},
    "u": {"a", "ă", "â", "e", "ê", "i", "y", "ơ", "yê", "ya"},
}
# Front-vowel-only spellings: k, gh, ngh come before i, e, ê (and y); c, g, ng do not.
_FRONT = ("i", "e", "ê", "y")


def _split_marks(word: str) -> tuple[str, list[int]] | None:
    """Return the word with tone marks removed (letters NFC) and the indexes of toned letters."""
    letters: list[str] = []
    toned: list[int] = []
    for ch in unicodedata.normalize("NFC", word):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        keep = "".join(m for m in marks if m in LETTER_MARKS)
        if any(m not in TONES and m not in LETTER_MARKS for m in marks):
            return None
        if any(m in TONES for m in marks):
            toned.append(len(letters))
        letters.append(unicodedata.normalize("NFC", base + keep))
    return "".join(letters), toned


def _rime_ok(rime: str, onset: str) -> tuple[bool, str, str, str]:
    """Split a rime into glide, nucleus, coda; (ok, glide, nucleus, coda)."""
    for coda in CONSONANT_CODAS + SEMIVOWEL_CODAS + [""]:
        if coda and not rime.endswith(coda):
            continue
        head = rime[: len(rime) - len(coda)] if coda else rime
        for glide in ("", "o", "u"):
            if not head.startswith(glide):
                continue
            nucleus = head[len(glide):]
            if nucleus not in _NUCLEI or coda not in _NUCLEI[nucleus]:
                continue
            if glide and nucleus not in _GLIDED[glide]:
                continue
            if glide == "u" and onset == "qu":
                continue
            if nucleus == "iê" and onset in ("", "qu"):
                continue  # written "yê" at the start of a syllable ("yêu")
            if nucleus in ("yê", "ya") and glide == "" and onset not in ("", "qu"):
                continue  # "yê" follows nothing, "qu" or the glide u ("quyết", "khuyên")
            if nucleus == "y" and glide == "" and onset not in ("", "k", "l", "m", "t", "s", "h", "qu", "v", "n", "b", "d", "đ", "x", "r", "ph", "th", "tr", "ch", "kh", "gi"):
                continue
            return True, glide, nucleus, coda
    return False, "", "", ""


def _tone_positions(onset: str, glide: str, nucleus: str, coda: str) -> set[int]:
    """Indexes (within the word) where the tone mark may stand, new and old styles."""
    start = len(onset) + len(glide)
    marked = [i for i, ch in enumerate(nucleus) if ch in "âăêôơư"]
    if marked:
        return {start + marked[-1]}
    if len(nucleus) == 2:  # ia, ua, ya: open diphthongs put the tone on the first vowel
        return {start}
    positions = {start}
    if glide and not coda:  # "hoà" (new) and "hòa" (old) are both in use
        positions.add(len(onset))
    return positions


def is_syllable(word: str) -> bool:
    """True when `word` (one syllable, any case) is spelled as a Vietnamese syllable."""
    split = _split_marks(word.lower())
    if split is None:
        return False
    plain, toned = split
    if not plain or len(toned) > 1 or not re.fullmatch(r"[a-zăâđêôơư]+", plain):
        return False
    for onset in ONSETS:
        if not plain.startswith(onset):
            continue
        rime = plain[len(onset):]
        if onset == "gi" and rime and rime[0] in "iê":
            continue
        if not rime:
            # "gi" + nothing: "gì" is g + i
            continue
        ok, glide, nucleus, coda = _rime_ok(rime, onset)
        if not ok:
            continue
        first = (glide or nucleus)[0]
        if onset in ("k", "gh", "ngh") and first not in _FRONT:
            continue
        if onset in ("c", "ng") and first in _FRONT:
            continue
        if onset == "g" and first in ("e", "ê"):
            continue
        if toned and toned[0] not in _tone_positions(onset, glide, nucleus, coda):
            continue
        return True
    return False


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def words_to_check(text: str) -> list[str]:
    """Lower- or title-case alphabetic words; all-caps words (acronyms, headings) are skipped."""
    out = []
    for token in re.findall(r"\S+", unicodedata.normalize("NFC", text)):
        if re.search(r"\d", token):
            continue
        for w in _WORD.findall(token):
            if len(w) < 2 or w.isupper():
                continue  # list labels ("b)") and all-caps acronyms or headings
            out.append(w)
    return out


def has_marks(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c) != c for c in word) or "đ" in word.lower()


def damage_report(text: str) -> dict:
    """Shares of words that are not valid syllables and that carry no mark at all."""
    words = words_to_check(text)
    total = len(words)
    invalid = [w for w in words if not is_syllable(w)]
    unmarked = [w for w in words if not has_marks(w)]
    return {
        "words": total,
        "invalid": len(invalid),
        "invalid_share": len(invalid) / total if total else 0.0,
        "unmarked_share": len(unmarked) / total if total else 0.0,
        "examples": sorted(set(invalid), key=invalid.index)[:8],
    }
