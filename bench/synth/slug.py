"""ASCII ids from Vietnamese names, as the content model wants them (lower case, hyphens)."""

from __future__ import annotations

import re
import unicodedata

# "đ" is a letter of its own, not "d" with a combining mark, so NFD does not reduce it.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "d"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("-", bare.lower()).strip("-")
