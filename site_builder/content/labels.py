"""Data entries named by their label: an award form, a unit or a body written as its name.

Communicators copy award forms and places into their sheets as the decision prints them
("Bằng khen của Chủ tịch UBND tỉnh"), not as the codes of data/awards.yml. A text names an
entry when, folded (text/folding.py: case, marks, Đ and punctuation do not count), it is the
folded code or one of the folded labels of that entry in any language: awards' `label`,
units' and campaigns' `name`, `name_en`, `name_km`, bodies' `name`, `short`, `header`,
`name_en`, `name_km`. rules/references.py maps a sheet's labels to codes with it and makes
its "did you mean" suggestions, for sheets and frontmatter alike.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..text.folding import fold

_LABEL_FIELDS = ("name", "short", "header", "name_en", "name_km")


def labels_of(entry) -> Iterator[str]:
    """The labels of a data entry, Vietnamese first."""
    label = getattr(entry, "label", None)
    if isinstance(label, dict):
        yield from (text for text in label.values() if isinstance(text, str) and text)
    for name in _LABEL_FIELDS:
        text = getattr(entry, name, None)
        if isinstance(text, str) and text:
            yield text


def label_in(entry, lang: str) -> str | None:
    """What the entry is called in `lang` (Vietnamese when it has no name in it)."""
    label = getattr(entry, "label", None)
    if isinstance(label, dict):
        return label.get(lang) or label.get("vi")
    return getattr(entry, f"name_{lang}", None) or getattr(entry, "name", None)


class LabelIndex:
    """The entries of one data file (code -> record), found by folded code or label."""

    def __init__(self, pool: dict):
        self.pool = pool
        self._codes: dict[str, list[str]] = {}  # folded code or label -> codes, in file order
        for code, entry in pool.items():
            for text in (code, *labels_of(entry)):
                codes = self._codes.setdefault(fold(text), [])
                if code not in codes:
                    codes.append(code)
        self._codes.pop("", None)

    def codes(self, value: str) -> list[str]:
        """The codes whose code or label folds to what `value` folds to: one when it names an
        entry, several when it names more than one (two communes of the same name)."""
        return list(self._codes.get(fold(value), ())) if isinstance(value, str) else []

    def close(self, value: str, n: int = 3) -> list[str]:
        """Up to `n` codes whose folded code or label is close to the folded `value`."""
        if not isinstance(value, str) or not fold(value):
            return []
        close: list[str] = []
        for key in difflib.get_close_matches(fold(value), list(self._codes), n=n * 2, cutoff=0.6):
            close.extend(code for code in self._codes[key] if code not in close)
        return close[:n]
