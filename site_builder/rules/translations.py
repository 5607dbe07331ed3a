"""Translations carry only translatable fields; facts stay in the Vietnamese source.

A translator who copies `date:` or `awardees:` into `x.en.md` would otherwise create a
second, silently ignored copy of a fact. Every field outside the allow-list of the kind
(i18n/translations.py) is reported with its line, so the translator knows what to delete.
"""
from __future__ import annotations

from ..content.frontmatter import FrontmatterError, parse
from ..i18n.translations import allowed_fields


def check(site) -> None:
    root = site.config.project_dir
    entries = site.entries()
    entries += list(site.unpublished.values())
    for entry in entries:
        allowed = allowed_fields(entry.collection)
        for translation in entry.translations.values():
            unknown = [k for k in translation.meta if k not in allowed]
            if not unknown:
                continue
            lines = _lines(root / translation.file)
            for key in unknown:
                site.problems.add(translation.file, lines.get(str(key)), str(key), "untranslatable_field",
                                  allowed=", ".join(allowed))


def _lines(path) -> dict[str, int]:
    # Only read again when a translation has a wrong field: the loader keeps no line map
    # for translations, and the common case (a clean translation) costs nothing here.
    try:
        return parse(path.read_text(encoding="utf-8")).lines
    except (OSError, UnicodeDecodeError, FrontmatterError):
        return {}
