#!/usr/bin/env bash
# The folder name of a branch: one rule for every place that names a branch's preview or
# working copy, so they all agree:
#   - the git hooks beside this file (pre-receive, post-receive) source it: the working copy
#     <workDir>/<folder>, the preview <previewDir>/<folder> and its address <previewUrl><folder>/;
#   - the GitHub workflow (.github/workflows/publish.yml) runs it: the preview artifact
#     xem-truoc-<folder>, and the artifacts removed with a deleted branch.
#
#   scripts/hooks/branch-folder.sh <branch>     prints the folder name (no newline)
#   . scripts/hooks/branch-folder.sh            defines branch_folder <branch>
#
# Names of letters, digits, "." "_" "-" stay as they are ("main", "thu-nghiem"). Any other name
# is written with Vietnamese letters without their marks ("thử" -> "thu"), "-" for every other
# run of characters, and 8 hex digits of a hash of the whole name (git's hash of it as a file):
# "thu/ke-hoach", "thu-ke-hoach", "thử/kế-hoạch" and "thứ/kế-hoạch" get four folders. Safe in
# a URL path and in an artifact name as it is. The replacements are byte strings (sed -E in the
# C locale), so no locale needs to be installed. Needs git (every server and runner has it).
# Changing the rule moves every preview and working copy: tests/test_publish.py pins it.
branch_folder() {
  local safe hash
  [ -n "$(printf '%s' "$1" | LC_ALL=C tr -d 'A-Za-z0-9._-')" ] || { printf '%s' "$1"; return; }
  safe="$(printf '%s' "$1" | LC_ALL=C sed -E \
    -e 's/(à|á|ả|ã|ạ|ă|ằ|ắ|ẳ|ẵ|ặ|â|ầ|ấ|ẩ|ẫ|ậ)/a/g' \
    -e 's/(À|Á|Ả|Ã|Ạ|Ă|Ằ|Ắ|Ẳ|Ẵ|Ặ|Â|Ầ|Ấ|Ẩ|Ẫ|Ậ)/A/g' \
    -e 's/(è|é|ẻ|ẽ|ẹ|ê|ề|ế|ể|ễ|ệ)/e/g' \
    -e 's/(È|É|Ẻ|Ẽ|Ẹ|Ê|Ề|Ế|Ể|Ễ|Ệ)/E/g' \
    -e 's/(ì|í|ỉ|ĩ|ị)/i/g' \
    -e 's/(Ì|Í|Ỉ|Ĩ|Ị)/I/g' \
    -e 's/(ò|ó|ỏ|õ|ọ|ô|ồ|ố|ổ|ỗ|ộ|ơ|ờ|ớ|ở|ỡ|ợ)/o/g' \
    -e 's/(Ò|Ó|Ỏ|Õ|Ọ|Ô|Ồ|Ố|Ổ|Ỗ|Ộ|Ơ|Ờ|Ớ|Ở|Ỡ|Ợ)/O/g' \
    -e 's/(ù|ú|ủ|ũ|ụ|ư|ừ|ứ|ử|ữ|ự)/u/g' \
    -e 's/(Ù|Ú|Ủ|Ũ|Ụ|Ư|Ừ|Ứ|Ử|Ữ|Ự)/U/g' \
    -e 's/(ỳ|ý|ỷ|ỹ|ỵ)/y/g' \
    -e 's/(Ỳ|Ý|Ỷ|Ỹ|Ỵ)/Y/g' \
    -e 's/(đ)/d/g' \
    -e 's/(Đ)/D/g' |
    tr -d '\n' | LC_ALL=C tr -cs 'A-Za-z0-9._-' '-')"  # (BSD sed ends its output with one)
  hash="$(printf '%s' "$1" | git hash-object --stdin)"
  printf '%s-%s' "${safe:0:100}" "${hash:0:8}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ $# -eq 1 ] || { echo "usage: branch-folder.sh <branch>" >&2; exit 2; }
  branch_folder "$1"
fi
