#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The osshealth-license pre-commit hook: gate the staged content of the
# files added or modified in the index, exactly as committed (not the work
# tree, not untracked files).  The staged files and the REUSE metadata
# that can cover them (REUSE.toml, .reuse/dep5, LICENSES/, FILE.license)
# are exported to a temporary directory, which `osshealth license --dir
# --all` gates.  Extra arguments go to osshealth (e.g. --policy FILE).
set -eu

tmp=$(mktemp -d "${TMPDIR:-/tmp}/osshealth-hook-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
list=$tmp/list

git diff --cached --name-only -z --diff-filter=AM >"$list"
[ -s "$list" ] || exit 0
# Metadata that decides coverage, when the index has it.
git ls-files -z -- REUSE.toml .reuse/dep5 LICENSES >>"$list"
tr '\0' '\n' <"$list" | sed -n 's/$/.license/p' | while IFS= read -r f; do
	git ls-files -z -- "$f"
done >"$tmp/sidecars"
cat "$tmp/sidecars" >>"$list"
mkdir "$tmp/root"
xargs -0 git checkout-index --prefix="$tmp/root/" -- <"$list"
rc=0
(cd "$tmp/root" && osshealth license --dir --all "$@" .) || rc=$?
exit "$rc"
