"""Names in one form: what the site shows, sorts, searches and publishes is the same text,
however it was typed.

Names reach the sheets copied from Word, PDFs, e-mails and old documents, in forms that look
the same and compare unequal: marks typed apart from their letters (NFD, from macOS and some
input methods), letters that look like Đ (Icelandic Ð U+00D0, African Ɖ U+0189 and their
lower-case ð ɖ; the Vietnamese letters are U+0110 Đ and U+0111 đ), non-breaking spaces, tabs,
line breaks and doubled spaces. A name in two forms is two people in the search index, a
misplaced row in the sorted list and a different address. normal_name() gives the one form:
NFC, Đ/đ, single spaces, trimmed; and says what it changed, so the communicator can be told.
The look-alikes are replaced in any text it is given: the fields it is used for (names,
positions, units, places) are Vietnamese text, where Ð has no use of its own.
"""
from __future__ import annotations

import unicodedata

NFC = "nfc"
D_LOOKALIKE = "d_lookalike"
SPACES = "spaces"

_LOOKALIKES = {"\u00d0": "\u0110", "\u0189": "\u0110", "\u00f0": "\u0111", "\u0256": "\u0111"}
_TO_D = str.maketrans(_LOOKALIKES)


def is_normal(text: str) -> bool:
    """Whether `text` is in its one form already: a few C-speed tests, no regular expression
    (a sheet of 50,000 rows asks for every name, position, unit and place of each). Every
    whitespace character but the space is unprintable (text/one_line.py), so a printable text
    has odd spaces only where it doubles one or begins or ends with one."""
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        return False
    if text.isascii():
        return True
    return (unicodedata.is_normalized("NFC", text) and "\u00d0" not in text and "\u0189" not in text
            and "\u00f0" not in text and "\u0256" not in text)


def normal_name(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(`text` in its one form, what changed: NFC, D_LOOKALIKE, SPACES), or None when nothing
    did."""
    if is_normal(text):
        return None
    changes = []
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        changes.append(NFC)
    replaced = normal.translate(_TO_D)
    if replaced != normal:
        changes.append(D_LOOKALIKE)
    spaced = " ".join(replaced.split())
    if spaced != replaced:
        changes.append(SPACES)
    return (spaced, tuple(changes)) if changes else None
