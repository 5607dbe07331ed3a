"""Search indexes: a sharded name index over all recipients and a small full-text index
of documents per language, read lazily by assets/search/search.js. See docs/search.md."""

from .documents import DocumentIndexBuilder
from .names import NameIndexBuilder

__all__ = ["NameIndexBuilder", "DocumentIndexBuilder"]
