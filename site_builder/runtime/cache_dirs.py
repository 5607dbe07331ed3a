"""Where caches live: the project's (.cache/site-builder/ beside mkdocs.yml: manifests,
sheets, compiled templates) and the machine's (any project's build may reuse it)."""
from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR = Path(".cache") / "site-builder"


def machine_cache_dir() -> Path | None:
    """Where this machine keeps what any project's build may reuse: SITE_BUILDER_CACHE_DIR,
    else the user's cache folder ($XDG_CACHE_HOME or ~/.cache, %LOCALAPPDATA% on Windows)."""
    chosen = os.environ.get("SITE_BUILDER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder
            return None
    return Path(base) / "site-builder"
