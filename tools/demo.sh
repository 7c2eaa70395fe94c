#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The demo behind `make demo`: scan the fixture repositories listed in
# fixtures/demo.json (built by `make fixtures`), plus the SQLite source
# tree when it is at hand, into demo/osshealth.db and write the reports
# into demo/.  Each capability of osshealth extends this script.
#
# Usage: tools/demo.sh BINARY OUTDIR
set -eu

bin=$1
out=$2
src=$(cd "$(dirname "$0")/.." && pwd)
db=$out/osshealth.db

mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm"
export OSSHEALTH_DATA="$src"

"$bin" db upgrade --db "$db"
if "$bin" help scan >/dev/null 2>&1; then
	rc=0
	"$bin" scan --db "$db" --waivers "$src/fixtures/demo-waivers.json" \
		"$src/fixtures/demo.json" || rc=$?
	# 1 and 3 are verdicts (a component failed a check or could not be
	# read); anything else is a broken demo.
	case $rc in 0|1|3) ;; *) exit "$rc" ;; esac
fi
# The SBOM engine on one fixture: write its SPDX document, check it
# against the specification and the NTIA minimum elements (the fixture
# names no supplier, so NTIA finds gaps: exit 1 is a verdict), and check
# that it tells the truth about the source.
mature=$src/build/fixtures/mature
if "$bin" help sbom >/dev/null 2>&1 && [ -d "$mature" ]; then
	"$bin" sbom generate --created 2026-11-01T00:00:00Z \
		--namespace https://example.org/osshealth-demo/mature \
		-o "$out/mature.spdx.json" "$mature"
	rc=0
	"$bin" sbom validate --profile all "$out/mature.spdx.json" \
		>"$out/sbom-validate.txt" || rc=$?
	case $rc in 0|1) ;; *) exit "$rc" ;; esac
	"$bin" sbom verify --repo "$mature" "$out/mature.spdx.json" \
		>"$out/sbom-verify.txt"
fi
"$bin" db info --db "$db" >"$out/db-info.txt"
if "$bin" help report >/dev/null 2>&1; then
	"$bin" report --db "$db" --format text -o "$out/report.txt"
	"$bin" report --db "$db" --format html -o "$out/report.html"
fi

# The overall decisions (origin, license and health; docs/policy.md) and
# the waived finding, as the text report shows them.
if [ -e "$out/report.txt" ]; then
	echo
	echo "demo: overall decisions (report.txt):"
	sed -n '3,/^$/p' "$out/report.txt"
	for c in lic-busl lic-none; do
		echo
		"$bin" policy explain --db "$db" "$c" | sed -n '1,/^$/p' || true
	done
	echo "demo: the waived finding (fixtures/demo-waivers.json):"
	grep -E '^== |waived until' "$out/report.txt" |
		grep -B1 'waived until' || true
fi

echo
echo "demo: database: $db"
for f in "$out"/report.* "$out"/db-info.txt "$out"/mature.spdx.json \
	"$out"/sbom-*.txt; do
	[ -e "$f" ] && echo "demo: report:   $f"
done
echo "demo: inspect with: $bin db info --db $db"
