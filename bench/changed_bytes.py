"""What a deploy of an incremental build has to send: the files of a built site that are new
or whose bytes changed since a snapshot, those whose modification time changed (rsync without
--checksum compares size and time), and the bytes an rsync deploy sends.

    python bench/changed_bytes.py --before /tmp/snapshot --after /tmp/province/site [--rsync]

Take the snapshot with `cp -a site snapshot` (it keeps modification times) before the edit.
`--rsync` also runs `rsync -a --no-whole-file --stats after/ before/` (a real deploy to a copy
of the previous site: delta transfer as over a network, no --checksum), which brings the
snapshot up to date, and prints rsync's "Total bytes sent". Where rsync is not installed it
prints an estimate instead, said to be one (rsync_estimate).
"""
from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
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


# -- what an rsync deploy sends -------------------------------------------------------------------

RSYNC = ("rsync", "-a", "--no-whole-file", "--delete", "--stats")


def rsync_deploy(source: Path, dest: Path) -> dict:
    """Deploy `source` onto `dest` with the real rsync (which must be installed): {"sent":
    total bytes sent, "files": regular files transferred, "listed": files in the list,
    "measured": True}. `dest` is then a copy of `source`."""
    proc = subprocess.run([*RSYNC, f"{source}/", f"{dest}/"], capture_output=True, text=True, check=True)

    def number(label: str) -> int:
        found = re.search(rf"^{label}: ([\d,.]+)", proc.stdout, re.M)
        return int(re.sub(r"[,.]", "", found.group(1))) if found else -1

    return {"sent": number("Total bytes sent"), "files": number("Number of regular files transferred"),
            "listed": number("Number of files"), "measured": True}


DEPLOY_SH = Path(__file__).resolve().parents[1] / "scripts" / "deploy.sh"


def deploy_sh_rsync(source: Path, dest: Path, full: bool = False) -> dict:
    """Deploy `source` onto the local folder `dest` with scripts/deploy.sh's rsync method (the
    record of the last deploy beside `source`; the whole tree without one, or with `full`),
    with delta transfer as over a network (RSYNC_OPTIONS=--no-whole-file): {"sent": total
    bytes sent by all its rsync runs, "files": regular files transferred, "listed": files in
    rsync's lists, "plan": the planner's line, "measured": True}."""
    env = {**os.environ, "RSYNC_DEST": f"{dest}/", "RSYNC_OPTIONS": "--no-whole-file --no-human-readable",
           "DEPLOY_FULL": "1" if full else ""}
    proc = subprocess.run(["bash", str(DEPLOY_SH), "rsync", str(source)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"scripts/deploy.sh rsync failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")

    def total(label: str) -> int:
        return sum(int(re.sub(r"[,.]", "", n)) for n in re.findall(rf"^{label}: ([\d,.]+)", proc.stdout, re.M))

    plan = next((line for line in proc.stdout.splitlines() if line.startswith("rsync: ")), "")
    return {"sent": total("Total bytes sent"), "files": total("Number of regular files transferred"),
            "listed": total("Number of files"), "plan": plan, "measured": True}


def deploy(source: Path, dest: Path) -> dict:
    """rsync_deploy when rsync is installed, else rsync_estimate (and `dest` brought up to
    date by copying, as the deploy would)."""
    if shutil.which("rsync"):
        return rsync_deploy(source, dest)
    result = rsync_estimate(source, dest)
    _sync(source, dest)
    return result


def rsync_estimate(source: Path, dest: Path) -> dict:
    """What `rsync -a --no-whole-file` from `source` to `dest` would send, counted without
    rsync (not on every machine): the file list (every file of the tree, each name after the
    part it shares with the one before, its flags, size and, when it differs from the one
    before, its time with its nanoseconds: protocol 31's encoding, mode and owner taken as
    the same as the file before's), and for each file whose size or modification time differs its delta:
    the bytes outside the blocks of the old file found again in the new one (rsync's block
    length: 700 bytes, or the square root of the size above 490,000 bytes, a multiple of 8),
    a token per block run and the file's checksum. Blocks are found around one changed
    region (common start and end of the two files), which is what one edit makes. Folders'
    entries are left out. An estimate: "measured" is False."""
    new, old = tree(source), tree(dest)
    sent = 0
    previous_name = ""
    previous_mtime = None
    files = 0
    deltas: list[tuple[int, str]] = []
    for path in sorted(new):  # rsync sends names sorted; each after what it shares with the one before
        stat = new[path]
        shared = len(os.path.commonprefix([previous_name, path]))
        sent += 1 + 1 + (1 if len(path) - shared < 256 else 4) + len(path) - shared
        sent += max(3, _varint_size(stat.st_size))  # protocol 31: a length of 3 bytes at least
        if stat.st_mtime_ns != previous_mtime:  # the time, and its nanoseconds when there are any
            sent += 4 + (4 if stat.st_mtime_ns % 10**9 else 0)
        previous_name, previous_mtime = path, stat.st_mtime_ns
        was = old.get(path)
        if was is not None and was.st_size == stat.st_size and was.st_mtime_ns // 10**9 == stat.st_mtime_ns // 10**9:
            continue
        files += 1
        deltas.append((16 + _delta_size(source / path, dest / path if was is not None else None), path))
    delta = sum(size for size, _ in deltas)
    return {"sent": sent + delta, "files": files, "listed": len(new), "measured": False,
            "file_list": sent, "deltas": sorted(deltas, reverse=True)}


def _delta_size(new: Path, old: Path | None) -> int:
    data = new.read_bytes()
    if old is None:
        return len(data) + 4 * (1 + len(data) // 32768)  # literal data, in chunks
    before = old.read_bytes()
    if data == before:  # only its time changed: every block found again
        return 4 * 2
    block = _block_length(len(before))
    prefix = len(os.path.commonprefix([data, before]))
    limit = min(len(data), len(before)) - prefix
    suffix = 0
    while suffix < limit and data[-1 - suffix] == before[-1 - suffix]:
        suffix += 1
    covered = prefix // block * block  # whole old blocks at the start
    start = len(before) - suffix  # old blocks lying wholly in the common end match where they moved to
    first = math.ceil(start / block) * block
    covered += max(0, len(before) - first) if first < len(before) else 0
    covered = min(covered, len(data))
    runs = (1 if prefix >= block else 0) + (1 if first < len(before) else 0)
    return len(data) - covered + 4 * (runs + 1)


def _block_length(size: int) -> int:
    if size <= 700 * 700:
        return 700
    return min(131072, int(math.isqrt(size)) // 8 * 8)


def _varint_size(value: int) -> int:
    return max(1, (value.bit_length() + 7) // 8)


def _sync(source: Path, dest: Path) -> None:
    """`dest` becomes a copy of `source`, keeping times, as rsync -a --delete leaves it."""
    new, old = tree(source), tree(dest)
    for path in set(old) - set(new):
        (dest / path).unlink()
    for path, stat in new.items():
        was = old.get(path)
        if was is None or was.st_size != stat.st_size or was.st_mtime_ns != stat.st_mtime_ns:
            (dest / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / path, dest / path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, type=Path)
    parser.add_argument("--after", required=True, type=Path)
    parser.add_argument("--rsync", action="store_true", help="then deploy after/ onto before/ with rsync (see above)")
    args = parser.parse_args(argv)
    result = changed(args.before, args.after)
    for what in ("bytes", "touched", "removed"):
        files, size = result[what]
        print(f"{what}: {files} files, {size:,} bytes")
    for size, path in result["paths"][:10]:
        print(f"  {size:>12,}  {path}")
    if args.rsync:
        sent = deploy(args.after, args.before)
        print(describe(sent))
    return 0


def describe(sent: dict) -> str:
    if "plan" in sent:
        how = f"scripts/deploy.sh rsync ({sent['plan'].removeprefix('rsync: ')}), --no-whole-file"
    else:
        how = "rsync -a --no-whole-file" if sent["measured"] else "ESTIMATE (rsync not installed)"
    text = (f"{how}: Total bytes sent {sent['sent']:,} ({sent['files']:,} files transferred of "
            f"{sent['listed']:,} listed)")
    if not sent["measured"]:
        text += f"; file list {sent['file_list']:,}, deltas " + ", ".join(
            f"{path} {size:,}" for size, path in sent["deltas"][:5])
    return text


if __name__ == "__main__":
    raise SystemExit(main())
