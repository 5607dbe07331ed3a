"""Which files of the content folder may be read and published at all.

Two rules hold before anything opens a file, for the loader, the sheet helper
(honor/read_ahead.py), the link check, the story photos and the MkDocs shell alike:

- A file is read only if it lies inside content/. A symbolic link (to a file or a folder)
  whose target is outside is refused, whether the target exists or not, so that neither the
  published site nor a message of `check` tells anything about the machine around the project
  (`content/stories/images/x.svg -> /etc/passwd`).
- A file is read only up to the size of its kind (SIZE_LIMITS, documented in
  docs/content-model.md): a 50 MB Markdown file became six 52 MB pages, and a sheet, a data
  file or a media file that large is a mistake (a wrong export, a pasted duplicate, an
  uncompressed video) long before it is content. The size is read from the file system,
  before a byte of the file is.

A module without imports of this package: the sheet helper uses it before the rest is loaded.
"""
from __future__ import annotations

import os
from pathlib import Path

MB = 1024 * 1024
# kind -> (file name suffixes, most bytes). Generous: the benchmark province's 50,000
# recipients (bench/generate.py) are 28 MB of CSV in all, 0.7 MB in its largest sheet; its
# largest data file is 33 KB, the example site's largest Markdown file 9 KB.
SIZE_LIMITS = {
    "markdown": ((".md",), 4 * MB),
    "data": ((".yml", ".yaml"), 8 * MB),
    "csv": ((".csv",), 50 * MB),
    "xlsx": ((".xlsx",), 20 * MB),
    "media": ((), 100 * MB),  # everything else MkDocs or a story copies (images, sound, video, PDF)
    # A document's signed original (rules/originals.py), whatever its suffix: a scanned
    # decision of a few pages at 300 dpi is 1-5 MB, and citizens on mobile data download it.
    "original": ((), 20 * MB),
}


def size_kind(path: Path | str) -> str:
    """The kind of limit a file falls under, by its name."""
    name = str(path).lower()
    for kind, (suffixes, _limit) in SIZE_LIMITS.items():
        if suffixes and name.endswith(suffixes):
            return kind
    return "media"


def leaves(path: Path | str, content_dir: Path | str) -> bool:
    """True when reading `path` would leave `content_dir`: the path, or a symbolic link on
    its way, resolves outside. Resolving never needs the target to exist, so the answer (and
    the message made of it) is the same whether it does or not."""
    root = os.path.realpath(content_dir)
    real = os.path.realpath(path)
    return real != root and not real.startswith(root.rstrip(os.sep) + os.sep)


def refusal(path: Path, content_dir: Path) -> tuple[str, dict] | None:
    """(problem code, its params) when the file at `path`, found inside `content_dir`, may not
    be read: "link_outside" or "too_large"; None when it may. Only a file found by walking
    content/ (whose folders are not links: Path.rglob does not follow them) needs no more
    than one lstat here unless it is a link."""
    if path.is_symlink() and leaves(path, content_dir):
        return "link_outside", {}
    return too_large(path)


def too_large(path: Path, kind: str | None = None) -> tuple[str, dict] | None:
    """("too_large", its params) when the file is over the limit of its `kind` (by default,
    the kind its name gives it); None otherwise (and for a file that cannot be read: reading
    it reports that)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    kind = kind or size_kind(path)
    limit = SIZE_LIMITS[kind][1]
    if size <= limit:
        return None
    return "too_large", {"size": size, "limit": limit, "size_kind": kind}
