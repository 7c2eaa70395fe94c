# SPDX-License-Identifier: GPL-3.0-or-later
#
# Helpers for CLI tests.  A test script sources this file; it then runs in
# a fresh temporary directory (removed afterwards) with `set -eu`.
#
#   run_osh ARGS...            run the binary; stdout -> out, stderr -> err,
#                              exit status -> $rc (never aborts the script)
#   expect_exit CODE ARGS...   run_osh and fail unless the status is CODE
#   expect_stdout FILE         diff -u FILE against the last stdout
#   expect_stdout_match RE     grep -E RE in the last stdout
#   expect_stderr_match RE     grep -E RE in the last stderr
#   expect_stderr_empty        the last stderr is empty
#   fail MSG                   report and exit 1
#   skip MSG                   say why the test cannot run here; exit 77
#
# Environment from tests/cli/run.sh: OSSHEALTH (binary), FIXTURES (built
# fixture repositories), SRCDIR (the checkout).
set -eu

: "${OSSHEALTH:?OSSHEALTH must point at the binary}"
: "${SRCDIR:?SRCDIR must point at the checkout}"
FIXTURES=${FIXTURES:-$SRCDIR/build/fixtures}
export OSSHEALTH_NOW=${OSSHEALTH_NOW:-2026-11-01T00:00:00Z}
unset OSSHEALTH_DATA

TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/oh-cli-XXXXXX")
trap 'rm -rf "$TEST_DIR"' EXIT
cd "$TEST_DIR"

fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	if [ -s err ]; then
		echo "--- stderr:" >&2
		head -20 err >&2
	fi
	exit 1
}

skip() {
	echo "$*"
	exit 77
}

run_osh() {
	rc=0
	"$OSSHEALTH" "$@" >out 2>err || rc=$?
}

expect_exit() {
	want=$1
	shift
	run_osh "$@"
	[ "$rc" = "$want" ] || fail "'osshealth $*' exited $rc, expected $want"
}

expect_stdout() {
	diff -u "$1" out >&2 || fail "stdout differs from $1"
}

expect_stdout_match() {
	grep -Eq -- "$1" out || fail "stdout does not match /$1/"
}

expect_stdout_nomatch() {
	if grep -Eq -- "$1" out; then
		fail "stdout unexpectedly matches /$1/"
	fi
}

expect_stderr_match() {
	grep -Eq -- "$1" err || fail "stderr does not match /$1/"
}

expect_stderr_empty() {
	[ ! -s err ] || fail "stderr is not empty"
}

expect_lines() {
	n=$(wc -l <"$2")
	[ "$n" = "$1" ] || fail "$2 has $n lines, expected $1"
}

# start_fake_api: start tests/lib/fake-api.py on 127.0.0.1 (a free port),
# with proxies off; sets $base to its URL and stops it when the test ends.
start_fake_api() {
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
	export no_proxy='*'
	python3 "$SRCDIR/tests/lib/fake-api.py" "$TEST_DIR/port" &
	fake_api_pid=$!
	trap 'kill "$fake_api_pid" 2>/dev/null || :; rm -rf "$TEST_DIR"' EXIT
	i=0
	while [ ! -s "$TEST_DIR/port" ] && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	[ -s "$TEST_DIR/port" ] || fail "fake API did not start"
	base=http://127.0.0.1:$(cat "$TEST_DIR/port")
}
