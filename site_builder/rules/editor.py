"""The `editor` option of mkdocs.yml: a backend the web editor knows, the repository it needs
(editor/options.py). Only a site that enables the editor is checked."""
from __future__ import annotations

from ..editor.options import check_options


def check(site) -> None:
    check_options(site.config.editor, site.problems)
