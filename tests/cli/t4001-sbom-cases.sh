#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Data-driven SBOM validation cases: each tests/cli/cases/sbom-*/ folder
# holds the arguments (cmd), the expected stdout, stderr and exit status,
# run in a copy of tests/data/sbom.  A new malformed SBOM is a new file
# and a new folder, not new code.
. "$SRCDIR/tests/cli/lib.sh"

cp "$SRCDIR"/tests/data/sbom/* .
n=0
for case in "$SRCDIR"/tests/cli/cases/sbom-*/; do
	name=$(basename "$case")
	# shellcheck disable=SC2046
	expect_exit "$(cat "$case/exit")" $(cat "$case/cmd")
	diff -u "$case/stdout" out >&2 || fail "$name: stdout differs"
	diff -u "$case/stderr" err >&2 || fail "$name: stderr differs"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n cases found"
