#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Blob bombs (fixtures/hostile.sh blob-bomb): sizes come from object
# headers, so big.c and LICENSE, whose headers claim 1 GiB and whose
# content is truncated, are never inflated (inflating them would fail),
# and the 64 MiB .mailmap (8 MiB cap) never reaches memory.
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" blob-bomb >/dev/null
R=$TEST_DIR/fx/blob-bomb

expect_exit 1 license "$R"
expect_stdout_match '^  info   license-scan-note: LICENSE: not read: 1073741824 bytes'
expect_stdout_match '^  info   license-scan-note: big\.c: not read: 1073741824 bytes'

expect_exit 0 scan --db t.db "$R"
[ "$(sqlite3 t.db "select value from facts where key = 'files.count'")" = 4 ] ||
	fail "the tree walk did not list the 4 files"
[ "$(sqlite3 t.db "select value from facts where key = 'license.concluded'")" = NONE ] ||
	fail "the license scan did not run over the bombs"

# Peak memory (KiB) of a command: inflating the 64 MiB .mailmap bomb
# alone would take more than 64 MiB (ASan builds start near 50 MiB).
peak() {
	python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$OSSHEALTH" "$@"
}
set -- $(peak history --repo "$R/.git")
[ "$1" = 0 ] || fail "history on the bare bomb exited $1"
[ "$2" -lt 65536 ] || fail "history took $2 KiB: the .mailmap was inflated"
set -- $(peak scan --db t2.db "$R/.git")
[ "$1" = 0 ] || fail "scan of the bare bomb exited $1"
[ "$2" -lt 65536 ] || fail "scan took $2 KiB: a bomb was inflated"
