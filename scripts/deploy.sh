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
#   RSYNC_OPTIONS     more rsync options, separated by spaces (optional; e.g. --no-whole-file)
#   DEPLOY_FULL       1: send the whole tree, as to a new server (after the server's files were
#                     changed by hand)
# Only what changed since the last successful deploy to the same RSYNC_DEST is sent: its
# record, `.<site folder>.deployed-<hash of RSYNC_DEST>.json` beside the site folder (the
# manifest the S3 method keeps in its bucket), says what the server holds. The files to send
# go with `--files-from` (a list of a few names, not rsync's list of the whole tree, about 27
# bytes a file), then what the site no longer has is deleted, folders included
# (`--delete-missing-args --force`). The record is replaced only after both succeeded; meanwhile it
# marks every path of this deploy unknown, so a deploy that fails is redone by the next one.
# Without a record (the first deploy, a fresh machine, DEPLOY_FULL=1) the whole tree goes:
# `rsync --delete-after`, which also removes what nobody recorded. Files are uploaded first
# and deleted last (--delay-updates), so readers never see a half-copied site. No --checksum:
# rsync skips files whose size and modification time are unchanged, which the incremental
# build keeps for the files it does not rewrite. Needs rsync 3.1 or later on both sides.
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
# Both methods plan with scripts/deploy_plan.py (python3, as site-builder needs).
set -euo pipefail

method="${1:-}"
src="${2:-}"
if [ -z "$method" ] || [ -z "$src" ] || [ ! -d "$src" ]; then
  echo "usage: scripts/deploy.sh rsync|s3 SITE_FOLDER" >&2
  exit 2
fi
src="${src%/}"
plan="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/deploy_plan.py"

case "$method" in
  rsync)
    : "${RSYNC_DEST:?RSYNC_DEST is not set (user@host:/path/)}"
    ssh_opts=(-p "${RSYNC_PORT:-22}" -o BatchMode=yes)
    # Beside the site, on its disk: the plan, and the key (removed on exit).
    work="$(mktemp -d "$(dirname "$src")/.deploy-rsync-XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    if [ -n "${SSH_PRIVATE_KEY:-}" ]; then
      umask 077
      printf '%s\n' "$SSH_PRIVATE_KEY" > "$work/key"
      : "${SSH_KNOWN_HOSTS:?SSH_KNOWN_HOSTS is not set (output of ssh-keyscan for the server)}"
      printf '%s\n' "$SSH_KNOWN_HOSTS" > "$work/known_hosts"
      ssh_opts+=(-i "$work/key" -o IdentitiesOnly=yes -o UserKnownHostsFile="$work/known_hosts")
    fi
    read -r -a extra <<< "${RSYNC_OPTIONS:-}"
    rsync_cmd=(rsync -rlt --delay-updates --human-readable --stats -e "ssh ${ssh_opts[*]}" ${extra[@]+"${extra[@]}"})
    dest_hash="$(python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest()[:12])' "$RSYNC_DEST")"
    record="$(dirname "$src")/.$(basename "$src").deployed-$dest_hash.json"
    if [ "${DEPLOY_FULL:-}" = 1 ]; then rm -f "$record"; fi
    # A record that cannot be read (cut short by hand) says nothing of what to delete: none.
    if [ -f "$record" ] && ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))["files"].items()' "$record" 2>/dev/null; then
      rm -f "$record"
    fi
    if [ -f "$record" ]; then
      python3 "$plan" "$src" "$record" "$work" --label rsync
      if [ -s "$work/upload.list" ] || [ -s "$work/gone.list" ]; then
        mv "$work/pending.json" "$record"  # one rename: the record is whole whenever it is read
      fi
      if [ -s "$work/upload.list" ]; then
        # Each of these has other content (the plan compared hashes): sent even when its size
        # and time (in whole seconds) look the same to rsync (--ignore-times). --force: a folder
        # of the last deploy where the site now has a file is replaced.
        "${rsync_cmd[@]}" --ignore-times --force --from0 --files-from="$work/upload.list" "$src/" "$RSYNC_DEST"
      fi
      if [ -s "$work/gone.list" ]; then
        # Each name a deletion: a file, or a whole folder the site no longer has (--force);
        # rsync deletes a name only inside a folder the site still has, which the plan keeps to.
        "${rsync_cmd[@]}" --force --from0 --files-from="$work/gone.list" --delete-missing-args --no-implied-dirs \
          "$src/" "$RSYNC_DEST"
      fi
    else
      echo "rsync: no record of an earlier deploy to $RSYNC_DEST: the whole site is sent"
      python3 "$plan" "$src" /dev/null "$work" --label rsync >/dev/null
      "${rsync_cmd[@]}" --delete-after "$src/" "$RSYNC_DEST"
    fi
    # Last, after a success only: what the destination now holds.
    mv "$work/new.json" "$record"
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
    # them all), the keys to delete in $work/delete-*.json, the new manifest in $work/new.json.
    python3 "$plan" "$src" "$work/old.json" "$work" --skip "$S3_MANIFEST" --link-upload \
      --delete-batches "${S3_PREFIX:+$S3_PREFIX/}" --label S3
    # Meanwhile the bucket's manifest marks every path of this plan unknown: a deploy that
    # fails halfway is redone by the next one, whatever the site holds by then.
    if [ -d "$work/upload" ] || compgen -G "$work/delete-*.json" >/dev/null; then
      aws "${endpoint[@]}" s3 cp "$work/pending.json" "$dest$S3_MANIFEST" --only-show-errors \
        --content-type application/json --cache-control no-store
    fi
    if [ -d "$work/upload" ]; then
      aws "${endpoint[@]}" s3 cp "$work/upload/" "$dest" --recursive --only-show-errors
    fi
    for batch in "$work"/delete-*.json; do
      [ -e "$batch" ] || continue
      aws "${endpoint[@]}" s3api delete-objects --bucket "$S3_BUCKET" --delete "file://$batch" >/dev/null
    done
    # Last, after a success only: what the bucket now holds.
    aws "${endpoint[@]}" s3 cp "$work/new.json" "$dest$S3_MANIFEST" --only-show-errors \
      --content-type application/json --cache-control no-store
    ;;
  *)
    echo "scripts/deploy.sh: unknown method '$method' (rsync or s3)" >&2
    exit 2
    ;;
esac
