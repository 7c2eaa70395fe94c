#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Scale-out simulation (issue 21): N generated repositories (default
# 1000: small, medium and large, bench/scale/gen-repos.py) reviewed
#
#   A. by one process, scan --jobs 2;
#   B. by 8 shard processes at once (scan --shard I/8 --jobs 1, what the
#      Indexed Job's pods do), then db merge;
#
# with the same OSSHEALTH_NOW.  Prints wall time, CPU time and peak RSS
# of A, of each shard and of the merge, checks that A and B give the same
# reports byte for byte, and measures per size class (--jobs 1): components
# per second, database bytes per component, mirror bytes per component,
# peak RSS of one worker.  Never part of `make check`.
#
# Usage: bench/scale/run.sh BINARY [N] [WORKDIR]   (WORKDIR: build/bench-scale)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=$1
n=${2:-1000}
work=${3:-$src/build/bench-scale}
shards=8
. "$src/bench/lib.sh"
export OSSHEALTH_DATA="$src" OSSHEALTH_NOW=2026-11-15T00:00:00Z

mkdir -p "$work"
work=$(cd "$work" && pwd)
echo "scale: generating $n repositories in $work/repos"
python3 "$here/gen-repos.py" "$n" "$work/repos"
manifest=$work/repos/manifest.json
rm -rf "$work/single" "$work/shards" "$work/merged" "$work/class"
mkdir -p "$work/single" "$work/shards" "$work/merged" "$work/class"

# Let the page cache hold the repositories for both runs alike.
cat "$work"/repos/*/objects/pack/*.pack >/dev/null

bench_run "A: one process, --jobs 2, $n components" \
	"$bin" scan -q --jobs 2 --db "$work/single/osshealth.db" "$manifest"
single_s=$BENCH_SECONDS

# B: the shard processes at once, each measured on its own (wait4).
python3 - "$bin" "$manifest" "$work/shards" "$shards" <<'PY'
import os, sys, time
bin, manifest, out, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = time.monotonic()
pids = {}
for i in range(n):
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(bin, [bin, "scan", "-q", "--jobs", "1", "--shard",
                       "%d/%d" % (i, n), "--db",
                       "%s/shard-%d.db" % (out, i), manifest])
    pids[pid] = i
rss = {}
end = {}
for _ in range(n):
    pid, status, ru = os.wait4(-1, 0)
    i = pids[pid]
    rss[i] = ru.ru_maxrss / 1024.0
    end[i] = time.monotonic() - t
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        sys.exit("shard %d failed: %d" % (i, os.waitstatus_to_exitcode(status)))
wall = time.monotonic() - t
for i in range(n):
    print("B: shard %d/%d: done after %.1f s, peak RSS %.1f MB" % (i, n, end[i], rss[i]))
print("B: %d shard processes: %.1f s wall, peak RSS %.1f MB each at most, %.1f MB together"
      % (n, wall, max(rss.values()), sum(rss.values())))
open(out + "/wall", "w").write("%.3f\n" % wall)
PY
set --
i=0
while [ $i -lt $shards ]; do
	set -- "$@" "$work/shards/shard-$i.db"
	i=$((i + 1))
done
bench_run "B: db merge of $shards shards" \
	"$bin" db merge --db "$work/merged/osshealth.db" "$@"
merge_s=$BENCH_SECONDS
echo "B: shards + merge: $(python3 -c "print('%.1f' % ($(cat "$work/shards/wall") + $merge_s))") s; A: $single_s s"

same=yes
for f in text json html sarif csv; do
	for d in single merged; do
		(cd "$work/$d" && "$bin" report --db osshealth.db --format $f \
			-o report.$f)
	done
	cmp -s "$work/single/report.$f" "$work/merged/report.$f" || {
		same=no
		echo "scale: the $f reports of A and B differ"
	}
done
echo "scale: reports of A and B identical: $same"
ls -l "$work/single/osshealth.db" "$work/merged/osshealth.db" | awk '{print "scale: " $9 ": " $5 " bytes"}'

# Per size class, one worker (--jobs 1).
for class in small medium large; do
	python3 - "$manifest" "$class" "$work/class/$class.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
want = {"small": 40, "medium": 20, "large": 10}[sys.argv[2]]
c = [x for x in m["components"] if x["category"] == sys.argv[2]][:want]
json.dump({"components": c}, open(sys.argv[3], "w"))
PY
	count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['components']))" "$work/class/$class.json")
	bench_run "class $class: $count components, --jobs 1" \
		"$bin" scan -q --jobs 1 --db "$work/class/$class.db" "$work/class/$class.json"
	dbb=$(wc -c <"$work/class/$class.db")
	repob=$(python3 -c "
import json, os, sys
t = 0
for c in json.load(open(sys.argv[1]))['components']:
    for d, _, fs in os.walk(c['repo']):
        t += sum(os.path.getsize(os.path.join(d, f)) for f in fs)
print(t)" "$work/class/$class.json")
	python3 -c "print('class $class: %.2f components/s, %d database bytes/component, %d repository bytes/component, peak RSS %s MB' % ($count / $BENCH_SECONDS, $dbb / $count, $repob / $count, '$BENCH_RSS_MB'))"
done
