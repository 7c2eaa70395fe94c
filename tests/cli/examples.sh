# SPDX-License-Identifier: GPL-3.0-or-later
#
# example NAME: print the fenced code block of README.md that follows the
# line `<!-- example: NAME -->`, so that tests run the README's CI
# examples verbatim (sourced after lib.sh).
example() {
	awk -v name="$1" '
		$0 == "<!-- example: " name " -->" { armed = 1; next }
		armed && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }
	' "$SRCDIR/README.md" >"$TEST_DIR/example.out"
	[ -s "$TEST_DIR/example.out" ] || fail "README.md has no example '$1'"
	cat "$TEST_DIR/example.out"
}
