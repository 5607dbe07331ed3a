#!/usr/bin/env bash
# Check, build and publish the site. The ONE sequence run by the CI workflows
# (.github/workflows/publish.yml, .gitlab-ci.yml), by the git hook (scripts/hooks/post-receive)
# and by the tests (tests/test_publish.py), so what is tested is what publishes.
#
#   scripts/publish.sh [production|preview]
#
# 1. check   `site-builder check`: on errors, stop here; the published site is not touched.
# 2. build   into a fresh temporary folder beside PUBLISH_DIR.
# 3. swap    the new folder replaces PUBLISH_DIR (two renames), the old one is deleted.
# 4. deploy  only now, and only if DEPLOY is set: copy PUBLISH_DIR elsewhere (scripts/deploy.sh).
#
# Variables (all optional):
#   PUBLISH_DIR    folder that receives the finished site (default: site)
#   CONFIG         the site's mkdocs.yml (default: mkdocs.yml)
#   SITE_BUILDER   command that runs site-builder (default: site-builder, else python3 -m site_builder.cli)
#   CHECK_FORMAT   text | github | json (default: github under GitHub Actions, text elsewhere)
#   MESSAGES_LANG  vi | en (default: vi)
#   DEPLOY         none | rsync | s3 (default: none); see scripts/deploy.sh for their variables
#
# Exit codes: 0 published; 1 the content has errors (nothing published); 2 wrong usage or
# configuration; 3 the build or the deploy failed (the last good site is still in place).
set -euo pipefail

mode="${1:-production}"
case "$mode" in
  production) preview=() ;;
  preview) preview=(--preview) ;;
  *) echo "usage: scripts/publish.sh [production|preview]" >&2; exit 2 ;;
esac

PUBLISH_DIR="${PUBLISH_DIR:-site}"
CONFIG="${CONFIG:-mkdocs.yml}"
MESSAGES_LANG="${MESSAGES_LANG:-vi}"
DEPLOY="${DEPLOY:-none}"
if [ -z "${CHECK_FORMAT:-}" ]; then
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then CHECK_FORMAT=github; else CHECK_FORMAT=text; fi
fi
if [ -n "${SITE_BUILDER:-}" ]; then
  read -r -a builder <<< "$SITE_BUILDER"
elif command -v site-builder >/dev/null 2>&1; then
  builder=(site-builder)
else
  builder=(python3 -m site_builder.cli)
fi

say() {  # one line in the communicator's language
  if [ "$MESSAGES_LANG" = "vi" ]; then echo "$1"; else echo "$2"; fi
}

# 1. check ------------------------------------------------------------------------------------
status=0
"${builder[@]}" check -f "$CONFIG" --lang "$MESSAGES_LANG" --format "$CHECK_FORMAT" "${preview[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 1 ]; then
    say "KHÔNG ĐĂNG: nội dung có lỗi (xem danh sách ở trên). Trang web đang chạy giữ nguyên; sửa lỗi rồi đẩy (push) lại." \
        "NOT PUBLISHED: the content has errors (listed above). The live site is unchanged; fix them and push again."
  fi
  exit "$status"
fi

# 2. build into a temporary folder on the same disk as PUBLISH_DIR, so the swap is a rename.
# Its name is fixed (not random): the build keeps one manifest per output folder in .cache/,
# and a fixed name keeps that to one file instead of one per publication.
parent="$(dirname "$PUBLISH_DIR")"
mkdir -p "$parent"
work="$parent/.publish-$(basename "$PUBLISH_DIR")"
rm -rf "$work"
mkdir "$work"
trap 'rm -rf "$work"' EXIT
if ! "${builder[@]}" build -f "$CONFIG" --lang "$MESSAGES_LANG" -d "$work/site" "${preview[@]}"; then
  say "KHÔNG ĐĂNG: dựng trang bị lỗi. Trang web đang chạy giữ nguyên." \
      "NOT PUBLISHED: the build failed. The live site is unchanged."
  exit 3
fi
if [ ! -f "$work/site/index.html" ]; then
  say "KHÔNG ĐĂNG: bản dựng không có index.html." "NOT PUBLISHED: the build has no index.html."
  exit 3
fi

# 3. swap: the old site serves until the new one is complete ---------------------------------
if [ -e "$PUBLISH_DIR" ]; then
  mv -T "$PUBLISH_DIR" "$work/old"
fi
mv -T "$work/site" "$PUBLISH_DIR"

# 4. deploy, only after a successful build ----------------------------------------------------
if [ "$DEPLOY" != "none" ]; then
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if ! "$here/deploy.sh" "$DEPLOY" "$PUBLISH_DIR"; then
    say "KHÔNG ĐĂNG: chép lên máy chủ bị lỗi; bản dựng vẫn ở $PUBLISH_DIR." \
        "NOT PUBLISHED: copying to the server failed; the build is in $PUBLISH_DIR."
    exit 3
  fi
fi
say "ĐÃ ĐĂNG ($mode): $PUBLISH_DIR" "PUBLISHED ($mode): $PUBLISH_DIR"
