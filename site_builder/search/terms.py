"""Turning text into index terms: (folded term, exact form, role) triples.

Latin words are folded (see text/folding.py) and also kept in their exact form for
ranking. Khmer has no spaces between words and we ship no dictionary, so Khmer runs are
indexed as overlapping pairs of characters (code points): a query matches when every pair
of its own Khmer text is found, wherever word boundaries fall. search.js does the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.folding import exact_form, fold, word_parts

KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")


def is_khmer(term: str) -> bool:
    return bool(KHMER.search(term))


def char_pairs(term: str) -> list[str]:
    """"សុខភាព" -> ["សុ", "ុខ", "ខភ", "ភា", "ាព"]; a single character stays as is."""
    if len(term) < 2:
        return [term]
    return [term[i:i + 2] for i in range(len(term) - 1)]


@lru_cache(maxsize=65536)  # names repeat a lot: "Nguyễn", "Văn", "Thị"
def word_terms(word: str, role: int) -> tuple[tuple[str, str, int], ...]:
    """Terms of one written word: itself, the parts of an apostrophe name ("H'Mai" ->
    "hmai", "h", "mai"), or the character pairs of a Khmer word."""
    out = []
    for folded in fold(word).split():
        if is_khmer(folded):
            out.extend((pair, pair, role) for pair in char_pairs(folded))
        else:
            out.append((folded, exact_form(word) if " " not in fold(word) else exact_form(folded), role))
    for part in word_parts(word):
        folded = fold(part)
        if folded and not is_khmer(folded):
            out.append((folded, exact_form(part), role))
    return tuple(out)


def khmer_joins(words: list[str] | tuple[str, ...], role: int) -> list[tuple[str, str, int]]:
    """The character pair across each space between two Khmer words, so a query typed
    without that space (authors and readers are inconsistent about them) still finds
    every one of its pairs."""
    if not KHMER.search("".join(words)):
        return []  # nearly every name: no fold() of its words again
    out = []
    prev = ""
    for word in words:
        folded = fold(word)
        if prev and folded and is_khmer(prev[-1]) and is_khmer(folded[0]):
            pair = prev[-1] + folded[0]
            out.append((pair, pair, role))
        prev = folded
    return out
