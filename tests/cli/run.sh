#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run every tests/cli/t*.sh (or the ones named as arguments) and print
# "N passed, N failed, N skipped".  A test exits 77 to say it was skipped
# (lib.sh's skip), with its reason as the last line of its output.  Exit 1
# when any failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
pass=0
failed=0
skipped=0
failures=""
# One log folder per run: several checkouts may run their tests at once.
logs=$(mktemp -d "${TMPDIR:-/tmp}/oh-cli.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
if [ $# -eq 0 ]; then
	set -- "$here"/t[0-9]*.sh
fi
for t in "$@"; do
	name=$(basename "$t" .sh)
	rc=0
	sh "$t" >"$logs/$name.log" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	elif [ "$rc" -eq 77 ]; then
		skipped=$((skipped + 1))
		echo "skip $name: $(tail -n 1 "$logs/$name.log")"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL $name"
		sed 's/^/     /' "$logs/$name.log"
	fi
	rm -f "$logs/$name.log"
done
echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
