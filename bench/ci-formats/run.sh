#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CI formats against their consumers' validators (issue 19): SARIF and
# JUnit from dco, license (summary and gate), sbom validate and report on
# the inputs of tests/cli/t0005, checked with
#   Sarif.Multitool validate --rule-kind "Gh;Sarif" FILE   (npm
#     @microsoft/sarif-multitool 5.7.0, tools/validators.sh)
#   xmllint --noout --schema tests/data/junit/jenkins-junit10.xsd FILE
# and counted per file.  Run it with an older binary to compare:
#   bench/ci-formats/run.sh OLD/build/osshealth
# Needs build/fixtures (make fixtures).  Never part of `make check`.
#
# Usage: bench/ci-formats/run.sh BINARY
set -u

B=$(cd "$(dirname "${1:?usage: bench/ci-formats/run.sh BINARY}")" && pwd)/$(basename "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
F=$SRC/build/fixtures
S=$SRC/tests/data/sbom
SMT=$("$SRC/tools/validators.sh" "$SRC/build/tools") || exit 1
XSD=$SRC/tests/data/junit/jenkins-junit10.xsd
out=$SRC/build/bench-ci-formats
export OSSHEALTH_NOW=2026-11-01T00:00:00Z
rm -rf "$out"; mkdir -p "$out/ci"; cd "$out" || exit 1
git init -q lic; mkdir -p "lic/sp ace"; o=$(printf '\303\266')
printf 'int x;\n' >"lic/sp ace/br$o ken.c"; printf 'x\n' >"lic/100%#.c"
printf '// SPDX-License-Identifier: MIT\nint y;\n' >lic/ok.c
git -C lic add -A; git -C lic -c user.name=T -c user.email=t@x.org commit -qm init
mkdir -p "sb om"; cp $S/bad.spdx "sb om/br$o ken.spdx"; cp $S/bad-ref.spdx.json "sb om/bad ref.spdx.json"
cp $S/truncated.json truncated.json; cp $S/ntia-gaps.spdx.json ntia.spdx.json
cat >m.json <<JSON
{"name": "ci formats", "components": [
  {"name": "mature", "repo": "$F/mature"},
  {"name": "lic-none", "repo": "$F/lic-none"},
  {"name": "broken", "repo": "$out/no-such-repo"}
]}
JSON
$B scan --db "re port.db" m.json >/dev/null 2>&1
for f in sarif junit; do
	x=$([ $f = sarif ] && echo sarif || echo xml)
	$B dco --repo "$F/dco-partial" --format $f >ci/dco.$x
	$B license --format $f "$F/lic-busl" >ci/license.$x
	$B license --all --format $f lic >ci/license-gate.$x
	$B sbom validate --profile all --format $f "sb om"/* truncated.json ntia.spdx.json >ci/sbom.$x
	$B report --db "re port.db" --format $f >ci/report.$x
done
te=0; tw=0; tx=0
for x in ci/*.sarif; do
	"$SMT" validate --rule-kind "Gh;Sarif" "$x" >"$x.out" 2>&1
	e=$(grep -c ': error ' "$x.out"); w=$(grep -c ': warning ' "$x.out")
	te=$((te + e)); tw=$((tw + w))
	echo "$x: $e errors, $w warnings  $(grep -o ': error [A-Z0-9]*' "$x.out" | sort | uniq -c | tr -s ' \n' ' ')"
done
for x in ci/*.xml; do
	n=$(xmllint --noout --schema "$XSD" "$x" 2>&1 | grep -c 'validity error')
	tx=$((tx + n)); echo "$x: $n xmllint validity errors"
done
echo "TOTAL: SARIF $te errors, $tw warnings; JUnit $tx validity errors"
