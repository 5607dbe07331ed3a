"""Vietnamese text handling: folding for matching, sort keys, slugs; and the one CSV writer (csv_file)."""

from .folding import exact_form, fold, tokens
from .slug import slugify
from .sorting import parse_name, vietnamese_key, vietnamese_name_key

__all__ = ["fold", "tokens", "exact_form", "slugify", "parse_name", "vietnamese_key", "vietnamese_name_key"]
