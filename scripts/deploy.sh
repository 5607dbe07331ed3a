#!/usr/bin/env bash
# Copy a finished site to where readers get it. Called by scripts/publish.sh after a
# successful build and swap (never before), with DEPLOY set:
#
#   scripts/deploy.sh rsync|s3 SITE_FOLDER
#
# rsync over SSH: a web server that serves a folder.
#   RSYNC_DEST        user@host:/var/www/thi-dua/   (required; trailing slash matters)
#   SSH_PRIVATE_KEY   the deploy key itself (CI secret); optional when ssh is already set up
#   SSH_KNOWN_HOSTS   the server's line from `ssh-keyscan host` (CI secret); required with a key
#   RSYNC_PORT        SSH port (default 22)
# Files are uploaded first and deleted last (--delay-updates, --delete-after), so readers
# never see a half-copied site. No --checksum: rsync skips files whose size and modification
# time are unchanged, which the incremental build keeps for the files it does not rewrite
# (reading every byte on both sides, as --checksum does, costs more than it saves).
#
# S3-compatible bucket (AWS S3, MinIO, Viettel/FPT/CMC object storage, ...), with the aws CLI:
#   S3_BUCKET                  bucket name (required)
#   S3_PREFIX                  folder inside the bucket (default: none)
#   S3_ENDPOINT_URL            endpoint of a non-AWS provider (optional)
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION   credentials (CI secrets)
# Only objects whose content changed go up, then objects the site no longer has are removed.
# What the bucket holds is described by a manifest kept in the bucket itself
# (.site-builder-deploy.json: sha256, size and modification time of every path), so a fresh
# CI runner knows it too. `aws s3 sync` cannot be used for this: it compares size and
# modification time with the upload time, and every fresh build looks newer. Without a
# manifest (the first deploy, or one deleted by hand) every file is uploaded once.
# A file whose size and modification time match the manifest is not read again: the
# incremental build keeps both for the files it does not change. Needs python3 (as
# site-builder does) besides the aws CLI.
set -euo pipefail

method="${1:-}"
src="${2:-}"
if [ -z "$method" ] || [ -z "$src" ] || [ ! -d "$src" ]; then
  echo "usage: scripts/deploy.sh rsync|s3 SITE_FOLDER" >&2
  exit 2
fi

case "$method" in
  rsync)
    : "${RSYNC_DEST:?RSYNC_DEST is not set (user@host:/path/)}"
    ssh_opts=(-p "${RSYNC_PORT:-22}" -o BatchMode=yes)
    if [ -n "${SSH_PRIVATE_KEY:-}" ]; then
      keydir="$(mktemp -d)"
      trap 'rm -rf "$keydir"' EXIT
      umask 077
      printf '%s\n' "$SSH_PRIVATE_KEY" > "$keydir/key"
      : "${SSH_KNOWN_HOSTS:?SSH_KNOWN_HOSTS is not set (output of ssh-keyscan for the server)}"
      printf '%s\n' "$SSH_KNOWN_HOSTS" > "$keydir/known_hosts"
      ssh_opts+=(-i "$keydir/key" -o IdentitiesOnly=yes -o UserKnownHostsFile="$keydir/known_hosts")
    fi
    rsync -rlt --delete-after --delay-updates --human-readable --stats \
      -e "ssh ${ssh_opts[*]}" "$src/" "$RSYNC_DEST"
    ;;
  s3)
    : "${S3_BUCKET:?S3_BUCKET is not set}"
    dest="s3://$S3_BUCKET/${S3_PREFIX:+$S3_PREFIX/}"
    S3_MANIFEST=".site-builder-deploy.json"
    endpoint=()
    if [ -n "${S3_ENDPOINT_URL:-}" ]; then endpoint=(--endpoint-url "$S3_ENDPOINT_URL"); fi
    # Beside the site, on its disk, so the plan can hard-link files instead of copying them.
    work="$(mktemp -d "$(dirname "$src")/.deploy-s3-XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    # The bucket's manifest; none yet means every file goes up.
    if ! aws "${endpoint[@]}" s3 cp "$dest$S3_MANIFEST" "$work/old.json" --only-show-errors >/dev/null 2>&1; then
      echo '{}' > "$work/old.json"
    fi
    # Plan: hard links to the changed files in $work/upload (one `aws s3 cp --recursive` sends
    # them all), the keys to delete in $work/delete-*.json (batches of 1000, the API's limit),
    # the new manifest in $work/new.json.
    python3 - "$src" "$work" "$S3_MANIFEST" "${S3_PREFIX:+$S3_PREFIX/}" <<'PY'
import hashlib, json, os, shutil, sys
from pathlib import Path

src, work, manifest_name, prefix = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
try:
    old = json.loads((work / "old.json").read_text(encoding="utf-8")).get("files", {})
except (ValueError, AttributeError):
    old = {}
new, upload = {}, []
for folder, _dirs, names in os.walk(src):
    for name in names:
        path = Path(folder, name)
        rel = path.relative_to(src).as_posix()
        if rel == manifest_name:
            continue
        st = path.stat()
        before = old.get(rel)
        if before and before[1:] == [st.st_size, st.st_mtime_ns]:
            sha = before[0]  # same size and time as last deployed: not read again
        else:
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            sha = h.hexdigest()
        new[rel] = [sha, st.st_size, st.st_mtime_ns]
        if not before or before[0] != sha:
            upload.append(rel)
for rel in upload:
    target = work / "upload" / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src / rel, target)
    except OSError:  # no hard links here: a copy
        shutil.copy2(src / rel, target)
gone = sorted(set(old) - set(new))
for i in range(0, len(gone), 1000):
    batch = {"Objects": [{"Key": prefix + rel} for rel in gone[i:i + 1000]], "Quiet": True}
    (work / f"delete-{i // 1000:06d}.json").write_text(json.dumps(batch), encoding="utf-8")
(work / "new.json").write_text(json.dumps({"version": 1, "files": new}), encoding="utf-8")
print(f"S3: {len(upload)} to upload, {len(gone)} to delete, {len(new) - len(upload)} unchanged")
PY
    if [ -d "$work/upload" ]; then
      aws "${endpoint[@]}" s3 cp "$work/upload/" "$dest" --recursive --only-show-errors
    fi
    for batch in "$work"/delete-*.json; do
      [ -e "$batch" ] || continue
      aws "${endpoint[@]}" s3api delete-objects --bucket "$S3_BUCKET" --delete "file://$batch" >/dev/null
    done
    # Last: a deploy that failed above leaves the old manifest, so the next one redoes it.
    aws "${endpoint[@]}" s3 cp "$work/new.json" "$dest$S3_MANIFEST" --only-show-errors \
      --content-type application/json --cache-control no-store
    ;;
  *)
    echo "scripts/deploy.sh: unknown method '$method' (rsync or s3)" >&2
    exit 2
    ;;
esac
