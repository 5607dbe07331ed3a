"""URL slugs and ids from Vietnamese text: lower-case ASCII words joined by hyphens."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .folding import fold

__all__ = ["slugify"]

_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)  # recipient ids: tens of thousands of names, many shared
def slugify(s: str, max_length: int = 80) -> str:
    """"Đắk Lắk" -> "dak-lak", "H'Mai Niê" -> "hmai-nie", "Số 108/KH-UBND" -> "so-108-kh-ubnd".

    Text with no Latin letter or digit at all (a Khmer title) gets a stable
    "x-<8 hex digits>" slug derived from the text, so an id is never empty. Slugs longer
    than ``max_length`` are cut at a hyphen.
    """
    slug = _NOT_ASCII_WORD.sub("-", fold(s or "")).strip("-")
    if not slug:
        if not (s or "").strip():
            return ""
        return "x-" + hashlib.sha1(s.strip().encode("utf-8")).hexdigest()[:8]
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    return slug


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc extension ("Địa chỉ" -> "dia-chi", not "ia-chi").

    Used by core pages and, through mkdocs.yml (`slugify: !!python/name:...`), by MkDocs pages,
    so an anchor written once works on both kinds of page.
    """
    return slugify(value)
