"""What a deploy of an incremental build has to send: the files of a built site that are new
or whose bytes changed since a snapshot, and those whose modification time changed
(rsync without --checksum compares size and time).

    python bench/changed_bytes.py --before /tmp/snapshot --after /tmp/province/site

Take the snapshot with `cp -a site snapshot` (it keeps modification times) before the edit.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path


def tree(root: Path) -> dict[str, os.stat_result]:
    return {str(Path(folder, name).relative_to(root)): os.stat(Path(folder, name))
            for folder, _, names in os.walk(root) for name in names}


def changed(before: Path, after: Path) -> dict[str, list]:
    """{"bytes": [files, bytes], "touched": [files, bytes], "removed": [files, 0]}: files new or
    with other bytes; files with another size or modification time (what rsync sends without
    --checksum); files gone."""
    old, new = tree(before), tree(after)
    out = {"bytes": [0, 0], "touched": [0, 0], "removed": [len(set(old) - set(new)), 0], "paths": []}
    for path, stat in new.items():
        was = old.get(path)
        if was is None or was.st_size != stat.st_size or was.st_mtime_ns != stat.st_mtime_ns:
            out["touched"][0] += 1
            out["touched"][1] += stat.st_size
        if was is None or was.st_size != stat.st_size or (before / path).read_bytes() != (after / path).read_bytes():
            out["bytes"][0] += 1
            out["bytes"][1] += stat.st_size
            out["paths"].append((stat.st_size, path))
    out["paths"].sort(reverse=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, type=Path)
    parser.add_argument("--after", required=True, type=Path)
    args = parser.parse_args(argv)
    result = changed(args.before, args.after)
    for what in ("bytes", "touched", "removed"):
        files, size = result[what]
        print(f"{what}: {files} files, {size:,} bytes")
    for size, path in result["paths"][:10]:
        print(f"  {size:>12,}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
