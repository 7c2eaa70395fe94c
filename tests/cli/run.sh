#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run every tests/cli/t*.sh (or the ones named as arguments) and print
# "N passed, N failed, N skipped".  A test exits 77 to say it was skipped
# (lib.sh's skip), with its reason as the last line of its output.  Exit 1
# when any failed.
#
# CLI_JOBS tests run at once (default: the number of online processors);
# each test has its own temporary directory and picks free ports, so they
# do not meet.  Results are printed in the order of the arguments, each
# with its wall time, once the test is over.
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
jobs=${CLI_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
case $jobs in
''|*[!0-9]*|0) echo "run.sh: CLI_JOBS must be a positive number" >&2; exit 2 ;;
esac

# one TEST LOGDIR: run a test; its output goes to LOGDIR/NAME.log, its
# exit status and seconds to LOGDIR/NAME.rc ("RC SECONDS").
if [ "${1:-}" = "--one" ]; then
	name=$(basename "$2" .sh)
	start=$(date +%s)
	rc=0
	sh "$2" >"$3/$name.log" 2>&1 </dev/null || rc=$?
	echo "$rc $(($(date +%s) - start))" >"$3/$name.rc"
	exit 0
fi

# The tests go to xargs one per line; their names never hold a newline.
for t in "$@"; do
	printf '%s\n' "$t"
done | xargs -P "$jobs" -I{} sh "$here/run.sh" --one {} "$logs" &
pool=$!

# Print each result in order as soon as it is known.
for t in "$@"; do
	name=$(basename "$t" .sh)
	while [ ! -s "$logs/$name.rc" ]; do
		if ! kill -0 "$pool" 2>/dev/null && [ ! -s "$logs/$name.rc" ]; then
			echo "1 0" >"$logs/$name.rc"
			echo "run.sh: $t did not run" >"$logs/$name.log"
		fi
		sleep 0.2
	done
	read -r rc secs <"$logs/$name.rc"
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok   $name (${secs}s)"
	elif [ "$rc" -eq 77 ]; then
		skipped=$((skipped + 1))
		echo "skip $name: $(tail -n 1 "$logs/$name.log")"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL $name (${secs}s)"
		sed 's/^/     /' "$logs/$name.log"
	fi
	rm -f "$logs/$name.log"
done
wait "$pool"
echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
