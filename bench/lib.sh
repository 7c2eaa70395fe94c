# SPDX-License-Identifier: GPL-3.0-or-later
#
# Helpers for benchmarks: wall time and peak RSS of a command, measured
# by Python's resource module around one child (no extra package).
#
#   bench_run LABEL CMD...   prints "LABEL: <seconds> s, peak RSS <MB> MB"
#                            and sets BENCH_SECONDS, BENCH_CPU (user +
#                            system seconds, steadier than wall time on a
#                            shared machine), BENCH_RSS_MB and BENCH_RC

bench_run() {
	label=$1
	shift
	set -- $(python3 - "$@" <<'PY'
import resource, subprocess, sys, time
# What this process's children used before: a python3 reached through a
# wrapper script (pyenv's shim execs it after running its own helpers)
# inherits their CPU time, 0.3 s that is not the command's.
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
t = time.monotonic()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
dt = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %.1f %d %.3f" % (dt, ru.ru_maxrss / 1024.0, rc,
                             ru.ru_utime + ru.ru_stime
                             - r0.ru_utime - r0.ru_stime))
PY
)
	BENCH_SECONDS=$1
	BENCH_RSS_MB=$2
	BENCH_RC=$3
	BENCH_CPU=$4
	echo "$label: $1 s (cpu $4 s), peak RSS $2 MB (exit $3)"
}
