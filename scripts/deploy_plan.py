#!/usr/bin/env python3
"""What a deploy has to send: the site folder compared with the manifest of what the
destination holds (scripts/deploy.sh, both methods). Standard library only.

    python3 scripts/deploy_plan.py SITE_FOLDER OLD_MANIFEST WORK [--skip NAME]
                                   [--link-upload] [--delete-batches KEY_PREFIX]

A manifest is {"version": 1, "files": {path: [sha256, size, mtime_ns]}}, paths relative to
the site, with "/". A missing or unreadable OLD_MANIFEST means the destination is unknown:
every file is sent. Writes into WORK:

- upload.list   the files to send (new, or other content), NUL-separated (rsync --from0)
- gone.list     what the destination holds that the site no longer has: a file, or the
                highest folder the site no longer has (its files with it)
- new.json      the manifest once the deploy has succeeded
- pending.json  the manifest to keep while the deploy runs: the old one with every path of
                this plan marked unknown (sha ""), so a deploy that fails halfway makes the
                next one send or delete each of them again, whatever the site holds by then
                (a file changed back to what was deployed before included)
- with --link-upload: upload/, a hard link (a copy where links cannot be made) to each file
  to send, for tools that send a folder (`aws s3 cp --recursive`)
- with --delete-batches: delete-NNNNNN.json, the gone files as S3 DeleteObjects batches of
  1,000 keys (the API's limit), each key after KEY_PREFIX

A file whose size and modification time match the manifest is not read again: the
incremental build keeps both for the files it does not change. Otherwise its content hash
decides, so a full build of the same content sends nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path, PurePosixPath

UNKNOWN = ["", -1, -1]  # a path the destination may hold, with content unknown


def read_manifest(path: Path) -> dict[str, list]:
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return files if isinstance(files, dict) else {}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(site: Path, old: dict[str, list], skip: str | None) -> tuple[dict[str, list], list[str]]:
    """The site's manifest, and the files whose content the destination lacks."""
    new, upload = {}, []
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            rel = path.relative_to(site).as_posix()
            if rel == skip:
                continue
            st = path.stat()
            before = old.get(rel)
            if before and list(before[1:]) == [st.st_size, st.st_mtime_ns] and before[0]:
                sha = before[0]  # same size and time as deployed: not read again
            else:
                sha = sha256_of(path)
            new[rel] = [sha, st.st_size, st.st_mtime_ns]
            if not before or before[0] != sha:
                upload.append(rel)
    return new, upload


def gone_paths(old: dict[str, list], new: dict[str, list], site: Path) -> list[str]:
    """Files deployed before that the site no longer has. A gone file in a folder the site no
    longer has either is named by the highest such folder, once: rsync deletes a missing
    name only when the site still has the folder around it (then a whole folder, with
    --force), and the folder's removal takes its files with it."""
    names = set()
    for rel in set(old) - set(new):
        top = PurePosixPath(rel)
        while str(top.parent) != "." and not (site / top.parent).is_dir():
            top = top.parent
        names.add(str(top))
    return sorted(names)


def write_list(path: Path, names: list[str]) -> None:
    path.write_bytes(b"".join(name.encode("utf-8") + b"\0" for name in names))


def link_upload(site: Path, work: Path, upload: list[str]) -> None:
    for rel in upload:
        target = work / "upload" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / rel, target)
        except OSError:  # no hard links here: a copy
            shutil.copy2(site / rel, target)


def delete_batches(work: Path, gone_files: list[str], prefix: str) -> None:
    for i in range(0, len(gone_files), 1000):
        batch = {"Objects": [{"Key": prefix + rel} for rel in gone_files[i:i + 1000]], "Quiet": True}
        (work / f"delete-{i // 1000:06d}.json").write_text(json.dumps(batch), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("old_manifest", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--skip", help="a path of the site that is not part of it (the bucket's own manifest)")
    parser.add_argument("--link-upload", action="store_true")
    parser.add_argument("--delete-batches", metavar="KEY_PREFIX")
    parser.add_argument("--label", default="deploy", help="the first word of the summary line")
    args = parser.parse_args(argv)
    old = read_manifest(args.old_manifest)
    new, upload = scan(args.site, old, args.skip)
    gone = gone_paths(old, new, args.site)
    gone_files = sorted(set(old) - set(new))
    args.work.mkdir(parents=True, exist_ok=True)
    write_list(args.work / "upload.list", upload)
    write_list(args.work / "gone.list", gone)
    pending = {**old, **{rel: UNKNOWN for rel in upload + gone_files}}
    (args.work / "pending.json").write_text(json.dumps({"version": 1, "files": pending}), encoding="utf-8")
    (args.work / "new.json").write_text(json.dumps({"version": 1, "files": new}), encoding="utf-8")
    if args.link_upload:
        link_upload(args.site, args.work, upload)
    if args.delete_batches is not None:
        delete_batches(args.work, gone_files, args.delete_batches)
    print(f"{args.label}: {len(upload)} to upload, {len(gone_files)} to delete, "
          f"{len(new) - len(upload)} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
