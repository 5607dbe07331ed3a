"""Writing the generated site, all or nothing.

A build writes into a staging folder beside the target and swaps it in only when every
step succeeded, so a failed build leaves the last good site serving (issue: safe output).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


class Output:
    """Writes files under one root and counts what it wrote."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.files = 0
        self.bytes = 0
        self._dirs: set[Path] = set()

    def write(self, path: str, data: str | bytes) -> Path:
        target = self.root / path
        parent = target.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        # Unlink first: the staging folder may hard-link files of the previous build,
        # and writing through a link would change the live site.
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        target.write_bytes(raw)
        self.files += 1
        self.bytes += len(raw)
        return target

    def copy(self, source: Path, path: str) -> None:
        self.write(path, Path(source).read_bytes())


def staging_dir_for(target: Path) -> Path:
    target = Path(target).resolve()
    return target.with_name(f".{target.name}.staging-{os.getpid()}")


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames; the old site is removed afterwards."""
    target = Path(target).resolve()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
