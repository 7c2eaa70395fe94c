#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `vulns import` benchmark (issue 20): import time and database growth
# for a generated 50,000-record OSV export (gen.py), a re-import with
# nothing new, and a re-import where every record is newer; then, when
# OFV is set to an oss-fuzz-vulns tree (git archive of
# google/oss-fuzz-vulns), the same for that tree.  Never part of
# `make check`.
#
# Usage: bench/vulns/run.sh BINARY   (environment: N=50000, OFV=DIR)
set -eu

bin=${1:?usage: bench/vulns/run.sh BINARY}
here=$(cd "$(dirname "$0")" && pwd)
n=${N:-50000}
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-vulns-XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
timed() { # LABEL CMD...: run, print the wall time
	label=$1
	shift
	t0=$(now)
	"$@" >"$work/out" 2>"$work/err" || [ $? -eq 3 ]
	t1=$(now)
	printf '%-44s %6.2f s  %s\n' "$label" "$(echo "$t1 - $t0" | bc)" \
		"$(tail -1 "$work/out")"
}
size() { printf '%-44s %6.1f MB\n' "$1" "$(echo "$(stat -c %s "$2") / 1048576" | bc -l)"; }

echo "generating $n records..."
python3 "$here/gen.py" "$n" "$work/all.zip"
python3 "$here/gen.py" "$n" "$work/newer.zip" 2025-06-01T00:00:00.5Z
size "export (zip)" "$work/all.zip"
"$bin" db upgrade --db "$work/v.db" >/dev/null
size "empty database" "$work/v.db"
timed "import $n records (zip)" "$bin" vulns import --db "$work/v.db" "$work/all.zip"
size "database after import" "$work/v.db"
timed "re-import, nothing newer" "$bin" vulns import --db "$work/v.db" "$work/all.zip"
timed "re-import, every record newer" "$bin" vulns import --db "$work/v.db" "$work/newer.zip"
size "database after the update" "$work/v.db"

if [ -n "${OFV:-}" ]; then
	rm -f "$work/o.db"
	"$bin" db upgrade --db "$work/o.db" >/dev/null
	timed "import oss-fuzz-vulns tree (YAML)" "$bin" vulns import --db "$work/o.db" "$OFV"
	size "database after import" "$work/o.db"
	timed "re-import, nothing newer" "$bin" vulns import --db "$work/o.db" "$OFV"
fi
