#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Each repository is opened once per scan (issue 13): strace counts the
# opens of the repository's own config file.  A scan that runs the history
# pass in its own thread opens a second libgit2 handle for that thread
# (a git_repository is used by one thread at a time), so `--jobs 2` on one
# repository may show 2, never more.  `license`, `history --repo` and
# `sbom generate` open it once.
. "$SRCDIR/tests/cli/lib.sh"

command -v strace >/dev/null 2>&1 ||
	skip "strace is not installed (tools/deps.sh installs it as root)"
strace -f -o /dev/null true 2>/dev/null ||
	skip "strace cannot trace here (ptrace not permitted)"

# opens CONFIG ARGS...: run osshealth under strace and print how many
# times CONFIG was opened.
opens() {
	cfg=$1
	shift
	rc=0
	# LeakSanitizer cannot run under ptrace (make check SAN=1)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -qq -e trace=open,openat -o tr "$OSSHEALTH" "$@" \
		>out 2>err || rc=$?
	[ "$rc" = 0 ] || fail "'osshealth $*' exited $rc"
	grep -c "\"$cfg\"" tr || true
}

for fx in mature mature.git; do
	if [ -d "$FIXTURES/$fx/.git" ]; then
		cfg=$FIXTURES/$fx/.git/config
	else
		cfg=$FIXTURES/$fx/config
	fi
	[ -f "$cfg" ] || fail "fixture $fx has no config file"

	n=$(opens "$cfg" scan --jobs 1 --db "j1-$fx.db" "$FIXTURES/$fx")
	[ "$n" = 1 ] || fail "$fx: scan --jobs 1 opened the repository $n times"
	n=$(opens "$cfg" scan --jobs 2 --db "j2-$fx.db" "$FIXTURES/$fx")
	[ "$n" -ge 1 ] && [ "$n" -le 2 ] ||
		fail "$fx: scan --jobs 2 opened the repository $n times"
	# A re-scan with nothing new: the same.
	n=$(opens "$cfg" scan --jobs 1 --db "j1-$fx.db" "$FIXTURES/$fx")
	[ "$n" = 1 ] || fail "$fx: re-scan opened the repository $n times"

	n=$(opens "$cfg" license "$FIXTURES/$fx")
	[ "$n" = 1 ] || fail "$fx: license opened the repository $n times"
	n=$(opens "$cfg" history --repo "$FIXTURES/$fx")
	[ "$n" = 1 ] || fail "$fx: history opened the repository $n times"
	n=$(opens "$cfg" sbom generate -o sbom.json "$FIXTURES/$fx")
	[ "$n" = 1 ] || fail "$fx: sbom generate opened the repository $n times"
done
