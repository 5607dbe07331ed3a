"""Which sheet is whose: an entry's list of people (a decision's recipients, a consultation's
candidates) is the `.csv` or `.xlsx` of its stem beside it, or the file its `sheet_file:`
names in the same folder.

The web editor stores an upload under the name it had on the communicator's computer and
records that name in the field (docs/web-editor.md); the loader found the sheets by stem
(content/loader.py), and here an entry that names its file takes it instead. Everything
that would leave a list unread, or read twice, is an error at the field's line.

The sheet helper (honor/read_ahead.py) goes the other way, from a sheet to the entry whose
list it is, before anything is loaded: sheet_owners applies the same rule to a folder's file
names.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .folders import SHEET_SUFFIXES
from .problems import rel

FIELD = "sheet_file"


def assign_named_sheets(site, sheets: dict[str, dict[str, Path]]) -> None:
    """`sheets`: collection -> {stem: the sheet of that stem}, as the loader found them;
    afterwards, {entry id: its sheet}, an entry's `sheet_file` in place of the stem's."""
    root = site.config.project_dir
    for kind, beside in sheets.items():
        entries = [e for e in (*site.collection(kind).values(), *site.unpublished.values()) if e.collection == kind]
        ids = {entry.id: entry for entry in entries}
        by_name = {path.name: path for path in beside.values()}
        claimed: dict[str, str] = {}  # file name -> the entry file that named it
        named: dict[str, Path] = {}  # entry id -> the sheet it names
        for entry in entries:
            name = entry.meta.get(FIELD)
            if not name:
                continue

            def report(code: str, **params) -> None:
                site.problems.add(entry.source.file, entry.parsed.line_of(FIELD), FIELD, code, value=name, **params)

            path = by_name.get(name)
            own = beside.get(entry.id)
            if path is None:
                report("sheet_file_missing", folder=entry.source.file.rpartition("/")[0] + "/")
            elif name in claimed:
                report("sheet_file_taken", other=claimed[name])
            elif path.stem != entry.id and path.stem in ids:
                report("sheet_file_taken", other=ids[path.stem].source.file)
            elif own is not None and own != path:
                report("sheet_file_and_stem", other=rel(own, root))
            else:
                claimed[name] = entry.source.file
                named[entry.id] = path
        # The named files are no longer the lists of entries of their stems (none exists:
        # that was refused above), so no "there is no decision of that name" either.
        for path in named.values():
            beside.pop(path.stem, None)
        beside.update(named)


def sheet_owners(folder: Path, default_language: str,
                 named_in: Callable[[Path], str | None]) -> dict[str, Path]:
    """{sheet file name: the source file of the entry whose list it is} in one collection
    folder, by the load's rule: an entry's source is `<id>.md`, else `<id>.<site language>.md`
    (content/loader.py), and its list is the sheet of its id, else the file its `sheet_file:`
    names. `named_in(source)` is that field as the file writes it; it is asked only while
    some sheet has no entry of its stem, and only of sources without a sheet of their id, so
    a folder of lists named by stem costs a directory listing. What the load then refuses
    (two lists, a file named twice) may be owned here differently: the caller guesses."""
    try:
        names = {entry.name for entry in os.scandir(folder) if not entry.name.startswith(".")}
    except OSError:
        return {}
    sources: dict[str, str] = {}  # entry id -> its source's file name
    for name in sorted(names):
        if not name.endswith(".md"):
            continue
        stem = name[:-len(".md")]
        entry_id, dot, language = stem.rpartition(".")
        if not dot:
            sources[stem] = name  # `<id>.md` is the source even beside `<id>.vi.md` (two_sources)
        elif language == default_language:
            sources.setdefault(entry_id, name)
    sheets = {name for name in names if name.endswith(SHEET_SUFFIXES)}
    owners = {entry_id + suffix: folder / source for entry_id, source in sources.items()
              for suffix in SHEET_SUFFIXES if entry_id + suffix in sheets}
    for entry_id, source in sources.items():
        if len(owners) == len(sheets):
            break
        if any(entry_id + suffix in sheets for suffix in SHEET_SUFFIXES):
            continue
        named = named_in(folder / source)
        if named in sheets and named not in owners:
            owners[named] = folder / source
    return owners
