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
# never see a half-copied site.
#
# S3-compatible bucket (AWS S3, MinIO, Viettel/FPT/CMC object storage, ...), with the aws CLI:
#   S3_BUCKET                  bucket name (required)
#   S3_PREFIX                  folder inside the bucket (default: none)
#   S3_ENDPOINT_URL            endpoint of a non-AWS provider (optional)
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION   credentials (CI secrets)
# New files go up before old ones are removed (sync then sync --delete).
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
    rsync -rlt --checksum --delete-after --delay-updates --human-readable --stats \
      -e "ssh ${ssh_opts[*]}" "$src/" "$RSYNC_DEST"
    ;;
  s3)
    : "${S3_BUCKET:?S3_BUCKET is not set}"
    dest="s3://$S3_BUCKET/${S3_PREFIX:+$S3_PREFIX/}"
    endpoint=()
    if [ -n "${S3_ENDPOINT_URL:-}" ]; then endpoint=(--endpoint-url "$S3_ENDPOINT_URL"); fi
    aws "${endpoint[@]}" s3 sync "$src/" "$dest" --only-show-errors
    aws "${endpoint[@]}" s3 sync "$src/" "$dest" --delete --only-show-errors
    ;;
  *)
    echo "scripts/deploy.sh: unknown method '$method' (rsync or s3)" >&2
    exit 2
    ;;
esac
