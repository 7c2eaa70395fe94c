#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A long libFuzzer campaign over every harness of tests/fuzz, under
# ASan+UBSan, that can be stopped and continued by the next session.
#
#   tests/fuzz/campaign.sh build [NAME..] instrumented library + harnesses
#   tests/fuzz/campaign.sh pass SECONDS   one run of SECONDS per harness
#   tests/fuzz/campaign.sh run            spread the time left up to the
#                                         deadline (see below)
#   tests/fuzz/campaign.sh one NAME SECS  one run of one harness
#   tests/fuzz/campaign.sh fold NAME SECS [RC [CPU]]  add a run's log by hand
#   tests/fuzz/campaign.sh table          print the figures
#   tests/fuzz/campaign.sh md             the same as a Markdown table
#
# Figures accumulate in $TSV (one line per harness: total executions,
# seconds, exec/s of the last run, cov and ft of the last run, corpus
# entries, crashes, then the CPU seconds and executions of the runs whose
# CPU time was measured); runs add to it, so a campaign goes on where the last
# one stopped.  The working corpora live in $OUT/corpus_NAME (seeded from
# tests/fuzz/corpus/NAME), crash artifacts in $OUT/crash_NAME/.
#
# Only one fuzzer runs at a time, at nice 19: the machine is shared and the
# fuzzer is meant to use the CPU that others leave idle.
#
# `run` plans (see plan() below): the harnesses that need the least time to
# reach $TARGET executions get it first, the others share the rest equally;
# the plan is made again after every run (exec/s varies with the load), and
# no run is started after $DEADLINE (a `date -d` string, e.g. "02:45 UTC").
#
# Environment: OUT (build/libfuzzer), TSV (bench/fuzz/campaign.tsv),
# ONLY and SKIP (regular expressions over the harness names, see
# names()), TARGET (10000000), DEADLINE (none: `run` starts one run),
# CHUNK (600, the longest single run), MIN_RUN (30), FAST_SHARE (0.5),
# RSS_MB (2048).
set -eu

cd "$(dirname "$0")/../.."
OUT=${OUT:-build/libfuzzer}
TSV=${TSV:-bench/fuzz/campaign.tsv}
TARGET=${TARGET:-10000000}
CHUNK=${CHUNK:-600}
MIN_RUN=${MIN_RUN:-30}
FAST_SHARE=${FAST_SHARE:-0.5}
RSS_MB=${RSS_MB:-2048}
DEADLINE=${DEADLINE:-}

LIBS_PC="libgit2 sqlite3 libcjson libxml-2.0 libpcre2-8 libcurl libcrypto yaml-0.1 libzip"

# clang with the flags of every object: cc_fuzz -fsanitize=... ARGS...
cc_fuzz() {
	# shellcheck disable=SC2046,SC2086
	nice -n 19 clang -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
		-g -O1 -fno-omit-frame-pointer \
		-fsanitize=address,undefined -fno-sanitize-recover=undefined \
		-Isrc $(pkg-config --cflags $LIBS_PC) \
		-DOH_VERSION='"0.1.0"' -DOH_SRCDIR="\"$PWD\"" "$@"
}

# The harnesses: every tests/fuzz/fuzz_NAME.c, or those matching the
# extended regular expression $ONLY and not matching $SKIP.
names() {
	for f in tests/fuzz/fuzz_*.c; do
		n=${f#tests/fuzz/fuzz_}
		echo "${n%.c}"
	done | grep -E "^(${ONLY:-.*})\$" | grep -Ev "^(${SKIP:-})\$"
}

# The flags of one object beyond cc_fuzz's: the cache keys the Makefile
# computes for two objects (see its comments on LIC_ENGINE_INPUTS and
# RELIC_INPUTS), computed the same way here, and no comparison tracing in
# the license matcher.  Its comparisons are of word ids, positions and
# scores, which no byte of the input steers directly (the words reach it
# through the tokenizer and the vocabulary's memcmp(), both still traced),
# and their hooks took a third of the time of licmatch and licparts; its
# edges are still covered and ASan still checks every access.
obj_flags() {
	case $1 in
	src/scan/collect_relic.c)
		d=$(cat src/scan/collect_relic.c src/health/relicense.c \
			src/health/relicense.h | sha256sum | cut -c1-16)
		echo "-DRELIC_DIGEST=\"$d\"" ;;
	src/license/match.c)
		echo "-fno-sanitize-coverage=trace-cmp" ;;
	esac
}

build() {
	mkdir -p "$OUT/obj"
	objs=""
	for src in $(find src -name '*.c' ! -path 'src/cmd/*' \
		! -name main.c | sort); do
		o="$OUT/obj/$(echo "$src" | tr / _).o"
		objs="$objs $o"
		f=$(obj_flags "$src")
		# an object is built again when its source, a header or its
		# own flags (kept beside it) changed
		if [ ! -e "$o" ] || [ -n "$(find "$src" -newer "$o")" ] ||
		   [ -n "$(find src -name '*.h' -newer "$o" | head -1)" ] ||
		   [ "$f" != "$(cat "$o.flags" 2>/dev/null)" ]; then
			echo "  CC $src"
			# shellcheck disable=SC2086
			cc_fuzz -fsanitize=fuzzer-no-link $f -c -o "$o" "$src"
			printf '%s\n' "$f" >"$o.flags"
		fi
	done
	rm -f "$OUT/libosshealth-fuzz.a"
	# shellcheck disable=SC2086
	ar rcs "$OUT/libosshealth-fuzz.a" $objs
	# shellcheck disable=SC2046
	[ $# -gt 0 ] || set -- $(names)
	for n in "$@"; do
		echo "  LD fuzz_$n"
		# shellcheck disable=SC2046,SC2086
		cc_fuzz -fsanitize=fuzzer -o "$OUT/fuzz_$n" \
			"tests/fuzz/fuzz_$n.c" "$OUT/libosshealth-fuzz.a" \
			$(pkg-config --libs $LIBS_PC) -lpthread -lm
	done
}

# Field $2 of harness $1 in the TSV (0 when absent).
get() {
	awk -F'\t' -v n="$1" -v f="$2" '$1 == n { v = $f } END { print v + 0 }' \
		"$TSV" 2>/dev/null || echo 0
}

ensure_tsv() {
	mkdir -p "$(dirname "$TSV")"
	[ -s "$TSV" ] ||
		printf 'harness\texecs\tseconds\texec_per_s\tcov\tft\tcorpus\tcrashes\tcpu_seconds\tcpu_execs\n' \
			>"$TSV"
	# a TSV from before the CPU columns: add them, empty
	if ! head -1 "$TSV" | grep -q cpu_seconds; then
		awk -F'\t' -v OFS='\t' 'NR == 1 { print $0, "cpu_seconds", "cpu_execs"; next }
			{ print $0, 0, 0 }' "$TSV" >"$TSV.tmp"
		mv "$TSV.tmp" "$TSV"
	fi
}

# The harness's own libFuzzer flags, from tests/fuzz/fuzz_NAME.options
# (whitespace-separated, # starts a comment): -max_len for a harness
# that cuts its input, so that no mutation is spent past the cut.
options() {
	sed 's/#.*//' "tests/fuzz/fuzz_$1.options" 2>/dev/null || :
}

# one NAME SECONDS: run, then fold the final stats into the TSV.
one() {
	n=$1
	if [ ! -x "$OUT/fuzz_$n" ]; then
		echo "campaign: $OUT/fuzz_$n is not built (campaign.sh build $n)" >&2
		return 2
	fi
	ensure_tsv
	mkdir -p "$OUT/corpus_$n" "$OUT/crash_$n" "$OUT/log"
	rc=0
	t0=$(date +%s)
	# the fuzzer's own CPU seconds: at nice 19 on a shared machine the
	# executions per wall second say more about the load than the harness
	# ASan keeps 16 MB of freed memory poisoned instead of 256: every
	# input still has a window far longer than its own allocations,
	# and the fuzzer reuses warm pages instead of faulting in fresh
	# ones (a third of the system time of licstmt's replay)
	# shellcheck disable=SC2046
	ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16} \
		/usr/bin/time -f '%U %S' -o "$OUT/log/$n.cpu" \
		nice -n 19 "$OUT/fuzz_$n" -max_total_time="$2" \
		$(options "$n") \
		-print_final_stats=1 -rss_limit_mb="$RSS_MB" -timeout=25 \
		-artifact_prefix="$OUT/crash_$n/" "$OUT/corpus_$n" \
		"tests/fuzz/corpus/$n" >"$OUT/log/$n.log" 2>&1 || rc=$?
	fold "$n" $(($(date +%s) - t0)) "$rc" \
		"$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ { printf "%d", $1 + $2 + 0.5 }' \
			"$OUT/log/$n.cpu" 2>/dev/null)"
}

# fold NAME SECONDS RC [CPU]: add the run logged in $OUT/log/NAME.log to
# the TSV (also by hand, for a run whose shell was killed).  RC 72 is
# libFuzzer's exit after SIGINT ("run interrupted"), not a crash.  CPU is
# the run's CPU seconds (user+sys) when known: the TSV keeps the CPU
# seconds and the executions of the runs whose CPU time was measured
# (columns 9 and 10), so exec per CPU second covers those runs only.
fold() {
	n=$1
	t=$2
	rc=${3:-0}
	cpu=${4:-}
	log="$OUT/log/$n.log"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
	corp=$(find "$OUT/corpus_$n" -type f | wc -l)
	crash=0
	[ "$rc" = 0 ] || [ "$rc" = 72 ] || crash=1
	e0=$(get "$n" 2)
	s0=$(get "$n" 3)
	c0=$(get "$n" 8)
	e=$((e0 + ${execs:-0}))
	s=$((s0 + t))
	cs=$(get "$n" 9)
	ce=$(get "$n" 10)
	if [ -n "$cpu" ]; then
		cs=$((cs + cpu))
		ce=$((ce + ${execs:-0}))
	fi
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	rate=${rate:-0}
	awk -F'\t' -v n="$n" '$1 != n' "$TSV" >"$TSV.tmp"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$e" "$s" \
		"$rate" "${cov:-0}" "${ft:-0}" "$corp" "$((c0 + crash))" \
		"$cs" "$ce" >>"$TSV.tmp"
	{
		head -1 "$TSV.tmp"
		tail -n +2 "$TSV.tmp" | sort
	} >"$TSV"
	rm -f "$TSV.tmp"
	printf '%-16s %6ss (cpu %ss) %10s execs %7s/s cov %5s ft %6s%s\n' \
		"$n" "$t" "${cpu:-?}" "${execs:-0}" "$rate" "${cov:-0}" "${ft:-0}" \
		"$([ "$crash" = 0 ] || echo "  CRASH rc=$rc, see $log")"
}

# Seconds before the deadline (a large number when there is none).
left() {
	if [ -z "$DEADLINE" ]; then
		echo 999999
	else
		echo $(($(date -d "$DEADLINE" +%s) - $(date +%s)))
	fi
}

# The next run "NAME SECONDS", or nothing when every harness reached
# TARGET.  The harnesses that need least time to reach TARGET (at the exec/s
# of their last run) are given it first, as long as their needs fit in
# FAST_SHARE of the time left; they run first, smallest need first.  The
# others share the rest by water-filling over total seconds (spent + left):
# the harness furthest below its share runs next.
plan() {
	budget=$1
	for n in $(names); do
		e=$(get "$n" 2)
		s=$(get "$n" 3)
		r=$(get "$n" 4)
		[ "$r" -gt 0 ] || r=1
		[ "$e" -lt "$TARGET" ] || continue
		# a harness added since the build is not planned (it would
		# fail at once, again and again)
		[ -x "$OUT/fuzz_$n" ] || continue
		echo "$n $s $(((TARGET - e) / r + 1))"
	done | sort -k3,3n | awk -v b="$budget" -v chunk="$CHUNK" \
		-v min="$MIN_RUN" -v fs="$FAST_SHARE" '
		{ name[NR] = $1; spent[NR] = $2; left[NR] = $3 }
		function out(i, t) {
			if (t > chunk) t = chunk
			if (t < min) t = min
			printf "%s %d\n", name[i], t
			exit
		}
		END {
			if (NR == 0) exit
			fast = fs * b
			if (left[1] <= fast) out(1, left[1])
			for (i = 1; i <= NR; i++) {
				need[i] = spent[i] + left[i]
				b += spent[i]
			}
			for (i = 1; i <= NR; i++) {
				share = b / (NR - i + 1)
				give = need[i] < share ? need[i] : share
				b -= give
				d[i] = give - spent[i]
			}
			best = 1
			for (i = 1; i <= NR; i++)
				if (d[i] > d[best]) best = i
			out(best, d[best])
		}'
}

case ${1:-} in
build)
	shift
	build "$@"
	;;
pass)
	for n in $(names); do
		one "$n" "${2:-60}"
	done
	;;
one)
	one "$2" "$3"
	;;
fold)
	ensure_tsv
	fold "$2" "$3" "${4:-0}" "${5:-}"
	;;
run)
	while :; do
		l=$(left)
		[ "$l" -gt "$MIN_RUN" ] || break
		# shellcheck disable=SC2046
		set -- $(plan "$l")
		[ $# = 2 ] || break
		t=$2
		[ "$t" -le "$l" ] || t=$l
		one "$1" "$t"
		[ -n "$DEADLINE" ] || break
	done
	;;
table)
	column -t -s "$(printf '\t')" "$TSV"
	;;
md)
	awk -F'\t' -v target="$TARGET" '
		NR == 1 {
			print "| harness | executions | seconds | exec/s (mean) |" \
			      " exec/s (last run) | exec per CPU s |" \
			      " cov | ft | corpus | crashes |"
			print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
			next
		}
		{
			e += $2; s += $3
			if ($2 >= target) n++
			printf "| %s | %s%s | %d | %d | %d | %s | %d | %d | %d | %d |\n",
			       $1, $2, ($2 >= target ? " \xe2\x9c\x93" : ""), $3,
			       ($3 > 0 ? $2 / $3 : 0), $4,
			       ($9 > 0 ? sprintf("%d", $10 / $9) : "-"),
			       $5, $6, $7, $8
		}
		END {
			printf "| total | %d | %d | | | | | | | |\n", e, s
			printf "\n%d of %d harnesses at %d executions or more.\n",
			       n, NR - 1, target
		}' "$TSV"
	;;
*)
	sed -n '4,12s/^# \{0,1\}//p' "$0" >&2
	exit 2
	;;
esac
