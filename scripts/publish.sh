#!/usr/bin/env bash
# Check, build and publish the site. The ONE sequence run by the CI workflows
# (.github/workflows/publish.yml, .gitlab-ci.yml), by the git hooks (scripts/hooks/pre-receive
# for the published branch, post-receive for previews)
# and by the tests (tests/test_publish.py), so what is tested is what publishes.
#
#   scripts/publish.sh [production|preview]
#
# 1. check   `site-builder check`: on errors, stop here; the published site is not touched.
#            CHECK=no skips it: the build checks the content again and refuses errors with
#            the same report, before it writes anything (the git hook does: one load a push).
# 2. build   `site-builder build` straight into PUBLISH_DIR: incremental when the previous
#            build into that folder left its record (.cache/site-builder/ beside CONFIG), and
#            atomic: the build makes the new site beside PUBLISH_DIR and exchanges the two in
#            one step; the old output is deleted in the background, after this script returns.
# 3. deploy  only now, and only if DEPLOY is set: copy PUBLISH_DIR elsewhere (scripts/deploy.sh).
#
# Variables (all optional):
#   PUBLISH_DIR    folder that receives the finished site (default: site)
#   CONFIG         the site's mkdocs.yml (default: mkdocs.yml)
#   CHECK          yes | no: run step 1 (default: yes)
#   SITE_BUILDER   command that runs site-builder (default: site-builder, else python3 -m site_builder.cli)
#   CHECK_FORMAT   text | github | json (default: github under GitHub Actions, text elsewhere)
#   CHECK_REPORTS  report files the check writes too, FORMAT=FILE separated by spaces: junit=FILE
#                  (JUnit XML, for GitLab's merge request), markdown=FILE (appended); default under
#                  GitHub Actions: markdown=$GITHUB_STEP_SUMMARY, the run's summary; else none
#   MESSAGES_LANG  vi | en (default: vi)
#   DEPLOY         none | rsync | s3 (default: none); see scripts/deploy.sh for their variables
#   PUBLISH_URL    the web address PUBLISH_DIR is served at: the last line names it instead of
#                  the folder (the git hook sets it for previews, from publish.previewUrl)
#
# Exit codes: 0 published; 1 the content has errors (nothing published); 2 wrong usage or
# configuration; 3 the build or the deploy failed (the last good site is still in place);
# 75 another build kept PUBLISH_DIR busy longer than SITE_BUILDER_LOCK_WAIT (site unchanged).
set -euo pipefail

mode="${1:-production}"
case "$mode" in
  production) preview=() ;;
  preview) preview=(--preview) ;;
  *) echo "usage: scripts/publish.sh [production|preview]" >&2; exit 2 ;;
esac

PUBLISH_DIR="${PUBLISH_DIR:-site}"
case "$PUBLISH_DIR" in /*) ;; *) PUBLISH_DIR="$PWD/$PUBLISH_DIR" ;; esac  # one record per folder: one name for it
CHECK="${CHECK:-yes}"
CONFIG="${CONFIG:-mkdocs.yml}"
MESSAGES_LANG="${MESSAGES_LANG:-vi}"
DEPLOY="${DEPLOY:-none}"
if [ -z "${CHECK_FORMAT:-}" ]; then
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then CHECK_FORMAT=github; else CHECK_FORMAT=text; fi
fi
if [ -z "${CHECK_REPORTS+set}" ] && [ "${GITHUB_ACTIONS:-}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  CHECK_REPORTS="markdown=$GITHUB_STEP_SUMMARY"
fi
reports=()
read -r -a report_list <<< "${CHECK_REPORTS:-}"
for report in ${report_list[@]+"${report_list[@]}"}; do reports+=(--report "$report"); done
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
[ "$CHECK" = "no" ] || "${builder[@]}" check -f "$CONFIG" --lang "$MESSAGES_LANG" --format "$CHECK_FORMAT" "${reports[@]}" "${preview[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 1 ]; then
    say "KHÔNG ĐĂNG: nội dung có lỗi (xem danh sách ở trên). Trang web đang chạy giữ nguyên; sửa lỗi rồi đẩy (push) lại." \
        "NOT PUBLISHED: the content has errors (listed above). The live site is unchanged; fix them and push again."
  fi
  exit "$status"
fi

# 2. build straight into PUBLISH_DIR. The build renders only what changed since its last
# build into that folder (its record is in .cache/site-builder/ beside CONFIG), beside the
# folder, and puts the new site in place in one step (site_builder/runtime/swap.py); what it
# replaced is deleted by a detached process, after this script has returned.
mkdir -p "$(dirname "$PUBLISH_DIR")"
status=0
"${builder[@]}" build -f "$CONFIG" --lang "$MESSAGES_LANG" -d "$PUBLISH_DIR" "${preview[@]}" || status=$?
case "$status" in
  0) ;;
  1) say "KHÔNG ĐĂNG: nội dung có lỗi (xem danh sách ở trên). Trang web đang chạy giữ nguyên; sửa lỗi rồi đẩy (push) lại." \
         "NOT PUBLISHED: the content has errors (listed above). The live site is unchanged; fix them and push again."
     exit 1 ;;
  75) say "KHÔNG ĐĂNG: một lần dựng khác vẫn đang ghi vào $PUBLISH_DIR. Trang web đang chạy giữ nguyên; hãy đăng lại sau." \
          "NOT PUBLISHED: another build is still writing $PUBLISH_DIR. The live site is unchanged; publish again later."
      exit 75 ;;
  *) say "KHÔNG ĐĂNG: dựng trang bị lỗi. Trang web đang chạy giữ nguyên." \
         "NOT PUBLISHED: the build failed. The live site is unchanged."
     exit 3 ;;
esac
# Earlier versions of this script built in .publish-<name>/ beside the site: a leftover of one
# can be a whole site, deleted in the background too.
legacy="$(dirname "$PUBLISH_DIR")/.publish-$(basename "$PUBLISH_DIR")"
if [ -d "$legacy" ]; then
  (rm -rf "$legacy" </dev/null >/dev/null 2>&1 &)
fi

# 3. deploy, only after a successful build ----------------------------------------------------
if [ "$DEPLOY" != "none" ]; then
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if ! "$here/deploy.sh" "$DEPLOY" "$PUBLISH_DIR"; then
    say "KHÔNG ĐĂNG: chép lên máy chủ bị lỗi; bản dựng vẫn ở $PUBLISH_DIR." \
        "NOT PUBLISHED: copying to the server failed; the build is in $PUBLISH_DIR."
    exit 3
  fi
fi
# A preview is not published: it says so, for a communicator reading the log of a branch.
# Where to look: the web address when the caller knows it, else the folder.
where="${PUBLISH_URL:-$PUBLISH_DIR}"
if [ "$mode" = preview ]; then
  say "BẢN XEM TRƯỚC (chưa đăng): $where" "PREVIEW (not published): $where"
else
  say "ĐÃ ĐĂNG ($mode): $where" "PUBLISHED ($mode): $where"
fi
