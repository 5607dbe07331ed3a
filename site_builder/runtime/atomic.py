"""Writing a file whole or not at all."""
from __future__ import annotations

import os
import uuid
from pathlib import Path


def replace_file(path: Path, *parts: bytes) -> None:
    """Write `parts` to `path` whole or not at all: into a temporary file beside it (named
    with ".tmp-", which sheet_cache's prune removes when a crash left one), then renamed over
    it, so that no reader, and no other process writing the same file, sees half of it.
    Raises OSError, the temporary file removed."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with open(tmp, "wb") as fh:
            for part in parts:
                fh.write(part)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
