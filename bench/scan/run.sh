#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Scan benchmark (issue 13).  Never part of `make check`.
#
#  1. 200 small generated repositories with --jobs 2: components per
#     second (target: at least the 254-280/s of 49588ee).
#  2. With REPO...: for each repository (a work tree and a bare clone of
#     git/git, say), ROUNDS interleaved rounds of
#        git log --format=...%(trailers...)   over the history the scan reads
#        osshealth scan (into a new database)
#        osshealth scan (a re-scan, nothing new)
#     with medians of wall and CPU time, the ratio scan / git log (target
#     <= 1.5, goal 1.0), peak RSS (target <= 200 MB) and the re-scan
#     (target <= 0.3 s).
#
# A benchmark of a failed scan must fail: before anything is timed, one
# scan of each repository is checked -- component done, commit count
# equal to `git rev-list --count HEAD`, a concluded license, files
# counted, no "history unavailable" finding -- and every timed scan must
# exit 0.  A bare directory without a `config` file is verified the same.
#
# With BASE=OLD_BINARY, the old binary is measured in the same run: the
# batch once with each, and every round times git log, then the old scan
# and re-scan and the new ones, old first in odd rounds and new first in
# even ones (each binary its own database).  Besides the ratio of the
# medians, the median of the rounds' own ratios (scan / that round's git
# log) is printed: it cancels the machine's slow and fast phases.
#
# Usage: [BASE=OLD] bench/scan/run.sh BINARY [REPO...]   (ROUNDS=5)
set -eu

bin=${1:?usage: bench/scan/run.sh BINARY [REPO...]}
shift
rounds=${ROUNDS:-5}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-scan-XXXXXX")
trap 'rm -rf "$work"' EXIT
# A copy: a rebuild during the run must not change what is measured.
cp "$bin" "$work/osshealth" || exit 1
bin=$work/osshealth
base=
if [ -n "${BASE:-}" ]; then
	cp "$BASE" "$work/osshealth-base" || exit 1
	base=$work/osshealth-base
fi
# The machine may be shared: its load goes next to the figures.
echo "load: $(uptime)"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export OSSHEALTH_NOW=2026-11-01T00:00:00Z

die() {
	echo "bench/scan: $*" >&2
	exit 1
}

median() { # numbers on stdin -> their median
	sort -n | awk '{v[NR] = $1} END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The facts of the latest run of DB, as "key value" lines.
facts() {
	sqlite3 "$1" "SELECT f.key, f.value FROM facts f
		WHERE f.run_id = (SELECT max(id) FROM runs)" | tr '|' ' '
}

# Fail unless the latest scan in DB reviewed REPO with real facts.
verify() {
	db=$1 repo=$2
	st=$(sqlite3 "$db" "SELECT status FROM run_components
		WHERE run_id = (SELECT max(id) FROM runs)")
	[ "$st" = done ] || die "$repo: component status '$st', not done"
	want=$(git -C "$repo" rev-list --count HEAD)
	got=$(facts "$db" | awk '$1 == "activity.commits_all" {print $2}')
	[ "$got" = "$want" ] || die "$repo: $got commits in the facts, git says $want"
	lic=$(facts "$db" | awk '$1 == "license.concluded" {print $2}')
	case $lic in
	"" | NOASSERTION | NONE) die "$repo: no concluded license ('$lic')" ;;
	esac
	files=$(facts "$db" | awk '$1 == "files.count" {print $2}')
	[ "${files:-0}" -gt 0 ] || die "$repo: no files counted"
	bad=$(sqlite3 "$db" "SELECT count(*) FROM findings
		WHERE run_id = (SELECT max(id) FROM runs)
		AND code IN ('activity/history-unavailable',
			'license/engine-unavailable', 'license/scan-failed')")
	[ "$bad" = 0 ] || die "$repo: facts unavailable (see the findings)"
	echo "verified: $repo: $got commits, $files files, license $lic"
}

# 1. 200 repositories of 50 commits each, written with git fast-import.
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

batch() { # BINARY LABEL
	rm -f "$work/b.db"*
	bench_run "$2: scan 200 repositories, --jobs 2" \
		"$1" scan --db "$work/b.db" --jobs 2 --new-run "$work/m.json"
	[ "$BENCH_RC" = 0 ] || die "the batch scan exited $BENCH_RC"
	done_nr=$(sqlite3 "$work/b.db" "SELECT count(*) FROM run_components rc
		JOIN facts f ON f.run_id = rc.run_id
		AND f.component_id = rc.component_id
		WHERE rc.status = 'done' AND f.key = 'activity.commits_all'
		AND f.value = '50'")
	[ "$done_nr" = 200 ] ||
		die "only $done_nr of 200 components have their 50 commits"
	python3 -c "print('$2: components per second: %.1f (cpu %.2f s)' % (200 / max($BENCH_SECONDS, 0.001), $BENCH_CPU))"
}
for r in 1 2; do # twice each, interleaved: the batch is short
	[ -z "$base" ] || batch "$base" "old, round $r"
	batch "$bin" "new, round $r"
done

# A bare directory without `config` (what some mirroring tools leave):
# once, the history and license passes opened it in another way and
# failed silently while the component said done.  With one open, it is
# either read completely or the component fails: verify its facts.
if [ $# -gt 0 ]; then
	cp -r "$1" "$work/noconfig.git"
	rm -f "$work/noconfig.git/config" "$work/noconfig.git/.git/config"
	"$bin" scan --db "$work/nc.db" "$work/noconfig.git" >/dev/null 2>&1 ||
		die "a repository without config failed"
	verify "$work/nc.db" "$work/noconfig.git"
	rm -rf "$work/noconfig.git"
fi

# 2. Real repositories.
for repo in "$@"; do
	echo "== $repo"
	for b in $base "$bin"; do
		"$b" scan --db "$work/check.db" "$repo" >/dev/null 2>&1 ||
			die "$repo: the verification scan failed ($b)"
		verify "$work/check.db" "$repo"
		rm -f "$work/check.db"*
	done
	: >"$work/gl.w"; : >"$work/gl.c"
	for t in new old; do
		: >"$work/sc.w.$t"; : >"$work/sc.c.$t"
		: >"$work/re.w.$t"; : >"$work/re.c.$t"; : >"$work/rss.$t"
		: >"$work/ratio.$t"
	done
	# one binary's scan and re-scan, timed, into the lists of tag T
	timed() { # BINARY T ROUND
		rm -f "$work/real-$2.db"*
		bench_run "  round $3: $2 scan" \
			"$1" scan --db "$work/real-$2.db" "$repo"
		[ "$BENCH_RC" = 0 ] || die "$repo: a timed scan exited $BENCH_RC"
		echo "$BENCH_SECONDS" >>"$work/sc.w.$2"
		echo "$BENCH_CPU" >>"$work/sc.c.$2"
		echo "$BENCH_RSS_MB" >>"$work/rss.$2"
		bench_run "  round $3: $2 re-scan" \
			"$1" scan --db "$work/real-$2.db" --new-run "$repo"
		[ "$BENCH_RC" = 0 ] || die "$repo: a timed re-scan exited $BENCH_RC"
		echo "$BENCH_SECONDS" >>"$work/re.w.$2"
		echo "$BENCH_CPU" >>"$work/re.c.$2"
		echo "$BENCH_RSS_MB" >>"$work/rss.$2"
	}
	r=0
	while [ $r -lt "$rounds" ]; do
		r=$((r + 1))
		bench_run "  round $r: git log" git -C "$repo" log \
			--format='%H%x00%an%x00%ae%x00%at%x00%(trailers:key=Signed-off-by,valueonly)'
		echo "$BENCH_SECONDS" >>"$work/gl.w"; echo "$BENCH_CPU" >>"$work/gl.c"
		gl=$BENCH_SECONDS
		# old first in odd rounds, new first in even ones: neither
		# binary always runs on the caches the other left
		if [ $((r % 2)) = 0 ]; then
			timed "$bin" new $r
			[ -z "$base" ] || timed "$base" old $r
		else
			[ -z "$base" ] || timed "$base" old $r
			timed "$bin" new $r
		fi
		for t in old new; do
			[ "$t" = new ] || [ -n "$base" ] || continue
			python3 -c "print('%.4f' % ($(tail -1 "$work/sc.w.$t") / max($gl, 0.001)))" \
				>>"$work/ratio.$t"
		done
	done
	verify "$work/real-new.db" "$repo"
	[ -z "$base" ] || verify "$work/real-old.db" "$repo"
	gw=$(median <"$work/gl.w"); gc=$(median <"$work/gl.c")
	echo "median of $rounds: git log $gw s (cpu $gc s)"
	for t in old new; do
		[ "$t" = new ] || [ -n "$base" ] || continue
		sw=$(median <"$work/sc.w.$t"); sc=$(median <"$work/sc.c.$t")
		rw=$(median <"$work/re.w.$t"); rcpu=$(median <"$work/re.c.$t")
		rss=$(sort -n "$work/rss.$t" | tail -1)
		echo "$t: median of $rounds: scan $sw s (cpu $sc s); re-scan $rw s (cpu $rcpu s); peak RSS $rss MB"
		python3 -c "print('$t: ratio scan / git log: wall %.2f, cpu %.2f (target <= 1.5)' % ($sw / max($gw, 0.001), $sc / max($gc, 0.001)))"
		echo "$t: scan / git log of the same round, median: $(median <"$work/ratio.$t") ($(sort -n "$work/ratio.$t" | tr '\n' ' '))"
	done
	echo "targets: peak RSS <= 200 MB; re-scan <= 0.3 s"
done
echo "load: $(uptime)"
