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
# alone would take 64 MiB more than the same commands on a small
# repository of the same files (the base: ASan builds start near
# 50-70 MiB, release builds near 10), so each must stay within base +
# 32 MiB.
peak() {
	python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$OSSHEALTH" "$@"
}
S=$TEST_DIR/small
git init -q "$S"
printf 'int main(void) { return 0; }\n' >"$S/big.c"
printf 'Custom terms.\n' >"$S/LICENSE"
printf 'A <a@example.org>\n' >"$S/.mailmap"
printf 'small\n' >"$S/README"
git -C "$S" add -A
git -C "$S" -c user.name=A -c user.email=a@example.org commit -q -m small
set -- $(peak history --repo "$S/.git")
[ "$1" = 0 ] || fail "history on the small repository exited $1"
base_history=$2
set -- $(peak scan --db s.db "$S/.git")
[ "$1" = 0 ] || fail "scan of the small repository exited $1"
base_scan=$2

set -- $(peak history --repo "$R/.git")
[ "$1" = 0 ] || fail "history on the bare bomb exited $1"
[ "$2" -lt $((base_history + 32768)) ] ||
	fail "history took $2 KiB (base $base_history): the .mailmap was inflated"
set -- $(peak scan --db t2.db "$R/.git")
[ "$1" = 0 ] || fail "scan of the bare bomb exited $1"
[ "$2" -lt $((base_scan + 32768)) ] ||
	fail "scan took $2 KiB (base $base_scan): a bomb was inflated"
