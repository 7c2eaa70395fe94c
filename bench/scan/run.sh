#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Scan benchmark: (1) 200 small generated repositories with --jobs 2,
# printing components per second; (2) with REPO, the full scan of one
# real long-history repository against `git log` over the same history,
# and its peak RSS.  Targets (issue 6): full scan <= 2x git log, peak RSS
# <= 300 MB.  Never part of `make check`.
#
# Usage: bench/scan/run.sh BINARY [REPO]
set -eu

bin=${1:?usage: bench/scan/run.sh BINARY [REPO]}
repo=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-scan-XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

# 200 repositories of 50 commits each, written with git fast-import.
make_repo() {
	git init -q --bare "$1"
	i=0
	{
		while [ $i -lt 50 ]; do
			i=$((i + 1))
			t=$((1700000000 + i * 86400))
			msg="change $i

Signed-off-by: Dev $((i % 5)) <dev$((i % 5))@example.org>"
			data="line $i of $1"
			echo "commit refs/heads/main"
			echo "author Dev $((i % 5)) <dev$((i % 5))@example.org> $t +0000"
			echo "committer Dev $((i % 5)) <dev$((i % 5))@example.org> $t +0000"
			echo "data ${#msg}"
			echo "$msg"
			[ $i -gt 1 ] || true
			echo "M 644 inline file$((i % 10)).txt"
			echo "data ${#data}"
			echo "$data"
			echo
		done
	} | git -C "$1" fast-import --quiet
	git -C "$1" symbolic-ref HEAD refs/heads/main
}

echo "generating 200 repositories..."
n=0
printf '{"components": [' >"$work/m.json"
while [ $n -lt 200 ]; do
	n=$((n + 1))
	make_repo "$work/r$n.git"
	[ $n -gt 1 ] && printf ',' >>"$work/m.json"
	printf '{"name": "r%d", "repo": "%s/r%d.git"}' $n "$work" $n >>"$work/m.json"
done
printf ']}\n' >>"$work/m.json"

bench_run "scan 200 repositories, --jobs 2" \
	"$bin" scan --db "$work/b.db" --jobs 2 --new-run "$work/m.json"
python3 -c "print('components per second: %.1f' % (200 / max($BENCH_SECONDS, 0.001)))"

[ -n "$repo" ] || exit 0
bench_run "git log over $repo (HEAD, the history the scan reads)" git -C "$repo" log \
	--format='%H%x00%an%x00%ae%x00%at%x00%(trailers:key=Signed-off-by,valueonly)'
gitlog=$BENCH_SECONDS
bench_run "osshealth full scan of $repo" \
	"$bin" scan --db "$work/real.db" --jobs 2 --new-run "$repo"
python3 -c "print('ratio scan / git log: %.2f (target <= 2.0)' % ($BENCH_SECONDS / max($gitlog, 0.001)))"
echo "peak RSS of the scan: $BENCH_RSS_MB MB (target <= 300 MB)"
bench_run "osshealth re-scan (nothing new)" \
	"$bin" scan --db "$work/real.db" --jobs 2 --new-run "$repo"
