#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SBOM validation at scale: a synthetic SPDX 2.3 JSON document with
# 100,000 packages and 300,000 relationships (every package with a purl,
# a SHA256, a supplier and declared and concluded license expressions).
# Never part of `make check`.
#
#  FORMAT spdx (default): the document validated by `osshealth sbom
#    validate` under both profiles, next to the time cJSON alone needs to
#    parse the same file (the floor) in the same run.  Targets (issue 5):
#    <= 2 s and <= 1 GB peak RSS.
#  FORMAT spdx3: the document converted by `osshealth sbom convert` to
#    SPDX 3.0.1 JSON-LD (about 1.1 million graph nodes: every package, its
#    license relationships and license expressions, every relationship an
#    element), then validated under the spdx profile and with ntia-strict
#    on top, and converted back.  Targets (issue 18): <= 2 s and <= 1 GB
#    peak RSS.
#
# Usage: bench/sbom/run.sh BINARY [PACKAGES [FORMAT]]   (BINARY: build/osshealth)
set -eu

usage="usage: bench/sbom/run.sh BINARY [PACKAGES [spdx|spdx3]]"
bin=${1:?$usage}
npkg=${2:-100000}
format=${3:-spdx}
case $format in
spdx | spdx3) ;;
*)
	echo "$usage" >&2
	exit 2
	;;
esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-$format-XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$here/synth_spdx.py" "$npkg" "$work/big.spdx.json"
if [ "$format" = spdx3 ]; then
	"$bin" sbom convert -o "$work/big.spdx3.json" "$work/big.spdx.json"
	size=$(wc -c <"$work/big.spdx3.json")
	echo "document: $npkg packages as SPDX 3.0.1, $size bytes"
	bench_run "osshealth sbom validate (spdx)" \
		"$bin" sbom validate "$work/big.spdx3.json"
	bench_run "osshealth sbom validate --profile all" \
		"$bin" sbom validate --profile all "$work/big.spdx3.json"
	bench_run "osshealth sbom convert SPDX 3 -> 2.3" \
		"$bin" sbom convert -o "$work/back.spdx.json" "$work/big.spdx3.json"
	"$bin" sbom validate "$work/big.spdx3.json" | head -3
	exit 0
fi
cc -std=c11 -O2 -o "$work/parse" "$here/parse.c" \
	$(pkg-config --cflags --libs libcjson)
size=$(wc -c <"$work/big.spdx.json")
echo "document: $npkg packages, $((npkg * 3)) relationships, $size bytes"
bench_run "cJSON parse only (floor)" "$work/parse" "$work/big.spdx.json"
floor=$BENCH_SECONDS
bench_run "osshealth sbom validate --profile all" \
	"$bin" sbom validate --profile all "$work/big.spdx.json"
echo "ratio to the floor: $(python3 -c "print('%.2f' % ($BENCH_SECONDS / max($floor, 0.001)))")"
"$bin" sbom validate --profile all "$work/big.spdx.json" | head -3
