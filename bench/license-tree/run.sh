#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# License whole-tree benchmark: `osshealth license --dir` (every file: SPDX
# tags in each file's head, license texts identified, REUSE and package
# metadata) against Debian's `licensecheck -r` on the same tree, in the
# same run, files read from the page cache by both (one warm-up pass).
# Prints both times and the ratio; target (issue 4): osshealth >= 20x
# faster.  Never part of `make check`.  (Identification accuracy against
# the same peers is bench/license/run.sh.)
#
# Usage: bench/license-tree/run.sh BINARY [TREE]
#   TREE defaults to /usr/include (real, large, present on Debian with
#   libc6-dev).  Any directory works, e.g. a curl or git work tree.
set -eu

bin=${1:?usage: bench/license-tree/run.sh BINARY [TREE]}
tree=${2:-/usr/include}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

[ -d "$tree" ] || { echo "bench/license-tree: $tree is not a directory" >&2; exit 2; }

# The peer is installed here, never by `make check` (tools/deps.sh).
if ! command -v licensecheck >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "bench/license-tree: installing licensecheck" >&2
		apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends licensecheck >/dev/null
	else
		echo "bench/license-tree: needs licensecheck: sudo apt-get install licensecheck" >&2
		exit 2
	fi
fi

files=$(find "$tree" -name .git -prune -o -type f -print | wc -l)
bytes=$(du -sb "$tree" 2>/dev/null | cut -f1)
echo "tree: $tree ($files files, $bytes bytes)"
echo "licensecheck: $(licensecheck --version 2>/dev/null | head -1)"

# Warm the page cache so that neither tool pays the first disk read.
"$bin" license --dir --format json "$tree" >/dev/null 2>&1 || true

bench_run "osshealth license --dir" "$bin" license --dir --format json "$tree"
oh=$BENCH_SECONDS
bench_run "licensecheck -r" licensecheck -r "$tree"
lc=$BENCH_SECONDS
python3 - "$oh" "$lc" <<'PY'
import sys
oh, lc = float(sys.argv[1]), float(sys.argv[2])
ratio = lc / oh if oh > 0 else float("inf")
print("ratio: osshealth is %.1fx faster than licensecheck -r (target >= 20x)"
      % ratio)
PY

# What each found, for a sanity check of the comparison.
"$bin" license --dir --format json "$tree" >"${TMPDIR:-/tmp}/oh-bench-lic.json" 2>/dev/null || true
python3 - "${TMPDIR:-/tmp}/oh-bench-lic.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["summary"]["counts"]
print("osshealth: %d files, %d with SPDX tags, %d license texts"
      % (c["files"], c["tagged"], len(d["summary"]["license_texts"])))
PY
rm -f "${TMPDIR:-/tmp}/oh-bench-lic.json"
