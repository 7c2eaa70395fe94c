# SPDX-License-Identifier: GPL-3.0-or-later
#
# Helpers for benchmarks: wall time and peak RSS of a command, measured
# by Python's resource module around one child (no extra package).
#
#   bench_run LABEL CMD...   prints "LABEL: <seconds> s, peak RSS <MB> MB"
#                            and sets BENCH_SECONDS and BENCH_RSS_MB

bench_run() {
	label=$1
	shift
	set -- $(python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
dt = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
print("%.3f %.1f %d" % (dt, rss, rc))
PY
)
	BENCH_SECONDS=$1
	BENCH_RSS_MB=$2
	echo "$label: $1 s, peak RSS $2 MB (exit $3)"
}
