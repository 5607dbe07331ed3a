"""The `editor` option of mkdocs.yml: a backend the web editor knows, the repository it needs
(editor/options.py). Only a site that enables the editor is checked.

A site of several languages edits translations beside the Vietnamese (editor/cms_config.py),
where Decap reads and writes the Vietnamese as `<stem>.vi.md`: a source still named
`<stem>.md` is listed but cannot be opened there, so each folder holding such files gets one
warning saying how many and how to rename them (docs/web-editor.md, "Translations")."""
from __future__ import annotations

from collections import defaultdict

from ..editor.options import check_options, edits_translations


def check(site) -> None:
    options = check_options(site.config.editor, site.problems)
    if options is None or not edits_translations(site.config):
        return
    plain: dict[str, list[str]] = defaultdict(list)  # folder -> its sources named <stem>.md
    for entry in (*site.entries(), *site.unpublished.values()):
        folder, _, name = entry.source.file.rpartition("/")
        if name == f"{entry.id}.md":
            plain[folder + "/"].append(name)
    lang = site.config.default_language
    for folder, names in sorted(plain.items()):
        first = sorted(names)[0]
        site.problems.add(folder, None, None, "editor_source_name", severity="warning", count=len(names),
                          example=first, renamed=f"{first[:-len('.md')]}.{lang}.md", lang=lang)
