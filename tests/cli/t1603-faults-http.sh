#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fault injection in the HTTP client (issue 16): faultrun refuses the Nth
# chunk of a reply body, as a failed read would, during an enrichment
# (OSV and a forge) against the fake API on 127.0.0.1, for every N until
# the command has no more reads (every 4th N under `make check`).  After each: no crash, the source says
# unavailable or unknown with the reason (enrich exits 0 by design: a
# source that cannot be read is reported, not fatal), the database passes
# integrity_check, and the HTTP cache is not poisoned: the same enrichment
# without faults on that database prints exactly what it prints on a
# fresh one.  Also the Nth SQLite write during the enrichment.
. "$SRCDIR/tests/cli/lib.sh"

FAULTRUN=${FAULTRUN:-$(dirname "$OSSHEALTH")/tests/faults/faultrun}
[ -x "$FAULTRUN" ] || fail "no fault driver at $FAULTRUN (make it)"
command -v sqlite3 >/dev/null || skip "sqlite3 command not installed"
unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN
export LC_ALL=C

start_fake_api
commit=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
set -- enrich --enrich osv,forge --commit $commit --osv-url "$base/ok" --purl pkg:pypi/fakepkg@1.0.0 \
	--forge-url "$base/gh" --retries 0 --format json \
	https://github.com/acme/widget.git

expect_exit 0 "$@" --db ref.db
mv out ref.json
grep -q '"status":	"unavailable"' ref.json && fail "reference run incomplete"
# A second run revalidates from the cache and prints the same.
expect_exit 0 "$@" --db ref.db
cmp -s out ref.json || fail "cached run differs from the first"

# `make check` samples every 4th point; make check-faults tries them all.
step=4
[ "${OSSHEALTH_FAULTS_FULL:-0}" = 1 ] && step=1
tried=0
for kind in read write; do
	n=1
	while :; do
		rm -f t.db t.db-wal t.db-shm st
		rc=0
		"$FAULTRUN" --status st $kind "$n" -- "$@" --db t.db \
			>out 2>err || rc=$?
		[ -s st ] || fail "$kind #$n: no status (exit $rc): $(head -3 err)"
		if grep -q '^missed' st; then
			[ "$rc" = 0 ] || fail "$kind #$n: no fault, exit $rc"
			cmp -s out ref.json || fail "$kind: fault-free run differs"
			break
		fi
		tried=$((tried + 1))
		if grep -Eq 'Sanitizer|runtime error|BUG:' err; then
			fail "$kind #$n: crash report: $(head -3 err)"
		fi
		case "$kind:$rc" in
		read:0)
			grep -Eq '"status":	"(unavailable|unknown)"' out ||
				fail "read #$n: no source says it failed: $(cat out)"
			grep -q 'Failure writing output' out ||
				fail "read #$n: the reason is not given: $(cat out)"
			# a whole source lost is also a warning; one lost
			# sample item is the detail_note of its source
			if grep -q '"status":	"unavailable"' out; then
				grep -q '^osshealth: warning: .*Failure writing' err ||
					fail "read #$n: nothing on stderr"
			fi
			;;
		write:0) ;; # absorbed: the check below still applies
		write:2)
			grep -q '^osshealth: .*disk I/O error' err ||
				fail "write #$n: exit 2 without a clear message"
			;;
		*) fail "$kind #$n: exited $rc" ;;
		esac
		if [ -e t.db ]; then
			ok=$(sqlite3 t.db "PRAGMA integrity_check" 2>&1) || :
			[ "$ok" = ok ] || fail "$kind #$n: integrity_check: $ok"
		fi
		# Not poisoned: a clean run on the same database.
		expect_exit 0 "$@" --db t.db
		cmp -s out ref.json ||
			fail "$kind #$n: the cache changed what enrich says: $(diff ref.json out | head -5)"
		n=$((n + step))
	done
done
echo "enrich: $tried faults tried (HTTP reads and SQLite writes), all survived"
