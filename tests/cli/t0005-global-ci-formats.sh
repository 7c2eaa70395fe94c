#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The CI formats of every command, checked with their consumers' own
# validators: SARIF with Microsoft's SARIF multitool and GitHub's rules
# (`validate --rule-kind "Gh;Sarif"`, what code scanning enforces on
# upload), JUnit with xmllint against both schemas in tests/data/junit/:
# jenkins-junit10.xsd (the facts of Jenkins' junit-10.xsd) and
# ant-junit.xsd (the facts of Ant's XML report format, "JUnit.xsd").  Paths with spaces and non-ASCII
# characters included.  0 errors for every file; the only warning allowed
# is SARIF2017 (no region) where the artifact is a directory or a database.
# Skips when npm cannot install the multitool.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/dco-partial" ] || fail "fixtures not built (make fixtures)"
command -v xmllint >/dev/null 2>&1 || fail "xmllint missing (tools/deps.sh)"
XSDS="$SRCDIR/tests/data/junit/jenkins-junit10.xsd $SRCDIR/tests/data/junit/ant-junit.xsd"

# A repository whose files need license tags, with awkward names.
git init -q lic
mkdir -p "lic/sp ace"
o=$(printf '\303\266') # o with diaeresis, in UTF-8
printf 'int x;\n' >"lic/sp ace/br$o ken.c"
printf '// SPDX-License-Identifier: MIT\nint y;\n' >lic/ok.c
printf 'x\n' >"lic/100%#.c"
git -C lic add -A
GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
	git -C lic -c user.name=T -c user.email=t@x.org commit -qm init

# SBOMs under a directory with a space and a non-ASCII name.
mkdir -p "sb om"
cp "$SRCDIR/tests/data/sbom/bad.spdx" "sb om/br$o ken.spdx"
cp "$SRCDIR/tests/data/sbom/bad-ref.spdx.json" "sb om/bad ref.spdx.json"
cp "$SRCDIR/tests/data/sbom/truncated.json" truncated.json
cp "$SRCDIR/tests/data/sbom/ntia-gaps.spdx.json" ntia.spdx.json

cat >m.json <<JSON
{"name": "ci formats", "components": [
  {"name": "mature", "repo": "$FIXTURES/mature"},
  {"name": "lic-none", "repo": "$FIXTURES/lic-none"},
  {"name": "broken", "repo": "$TEST_DIR/no-such-repo"}
]}
JSON
expect_exit 3 scan --db "re port.db" m.json

# OSV records for `vulns check` (the vulns-branchy fixture, as t2053).
"$SRCDIR/fixtures/vulns-records.sh" "$FIXTURES/vulns-branchy" rec >/dev/null
git clone -q --bare "$FIXTURES/vulns-branchy" vb.git
git -C vb.git remote set-url origin https://git.example.org/vulns-branchy.git
expect_exit 3 vulns import --db v.db rec

mkdir ci
for f in sarif junit; do
	x=$([ $f = sarif ] && echo sarif || echo xml)
	expect_exit 1 dco --repo "$FIXTURES/dco-partial" --format $f
	cp out "ci/dco.$x"
	expect_exit 1 license --format $f "$FIXTURES/lic-busl"
	cp out "ci/license.$x"
	expect_exit 1 license --all --format $f lic
	cp out "ci/license-gate.$x"
	expect_exit 2 sbom validate --profile all --format $f "sb om"/* \
		truncated.json ntia.spdx.json
	cp out "ci/sbom.$x"
	expect_exit 0 report --db "re port.db" --format $f -o "ci/report.$x"
done
expect_exit 1 vulns check --db v.db --repo vb.git --rev v1.1 --format sarif
cp out ci/vulns.sarif

# JUnit: every command's file valid against both schemas.
n=0
for x in ci/*.xml; do
	for xsd in $XSDS; do
		xmllint --noout --schema "$xsd" "$x" 2>xmllint.err || {
			cat xmllint.err >&2
			fail "$x is not valid against $(basename "$xsd")"
		}
		n=$((n + 1))
	done
done
[ "$n" = 10 ] || fail "$n JUnit validations, want 5 files x 2 schemas"
# The Ant schema is the stricter one: it refuses what Jenkins accepts
# (attributes on <testsuites>, a suite without <properties> and
# <system-out>, output inside a test case), so the check above can fail.
cat >jenkins-only.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="x">
 <testsuite name="s" tests="1" failures="0" errors="0">
  <testcase classname="c" name="n"><system-out>o</system-out></testcase>
 </testsuite>
</testsuites>
XML
xmllint --noout --schema "$SRCDIR/tests/data/junit/jenkins-junit10.xsd" \
	jenkins-only.xml 2>/dev/null || fail "Jenkins refuses its own shape"
if xmllint --noout --schema "$SRCDIR/tests/data/junit/ant-junit.xsd" \
	jenkins-only.xml 2>/dev/null; then
	fail "ant-junit.xsd accepts what Ant's schema refuses"
fi
# The report's suites carry the overall decision: a property and a case.
grep -q '<property name="decision" value="AVOID"/>' ci/report.xml ||
	fail "report junit: no decision property"
grep -q 'name="overall-decision"' ci/report.xml ||
	fail "report junit: no overall-decision case"
grep -q '^  - license AVOID license/denied: ' ci/report.xml ||
	fail "report junit: the decision's reasons are missing"
grep -q '<failure type="no-signoff"' ci/dco.xml || fail "dco junit failure"
grep -q '^fix: ' ci/license.xml || fail "license junit body has no fix"
if grep -q '>\[\]<' ci/*.xml; then fail "raw evidence array in a body"; fi

# SARIF: structure every consumer needs, checked here without the tool.
python3 - ci/*.sarif <<'PY' || fail "SARIF structure"
import json, sys
ids = set()
for name in sys.argv[1:]:
    run = json.load(open(name))["runs"][0]
    drv = run["tool"]["driver"]
    assert drv["informationUri"].startswith("http"), name
    rules = [r["id"] for r in drv["rules"]]
    assert len(rules) == len(set(rules)), name
    ids.add(run["automationDetails"]["id"])
    assert run["results"], name
    fps = [r["partialFingerprints"]["osshealth/v1"] for r in run["results"]]
    assert len(fps) == len(set(fps)), (name, "fingerprints not unique")
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"], (name, r["ruleId"])
        a = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert " " not in a["uri"] and a["uri"].isascii(), a
        assert not a["uri"].startswith("/"), a
        assert r["partialFingerprints"]["osshealth/v1"], name
    for d in drv["rules"]:
        for k in ("shortDescription", "fullDescription", "help"):
            assert d[k]["text"], (name, d["id"], k)
        assert d["help"]["markdown"] and d["helpUri"].startswith("http")
        assert d["name"] != d["id"]
assert len(ids) == 6, ids
PY
grep -q '"uri":	"sp%20ace/br%C3%B6%20ken.c"' ci/license-gate.sarif ||
	fail "encoded path missing from the license gate SARIF"
grep -q '"uri":	"100%25%23.c"' ci/license-gate.sarif ||
	fail "'%' and '#' not encoded"
grep -q '"uri":	"re%20port.db"' ci/report.sarif || fail "report anchor"

# Fingerprints are stable across runs.
expect_exit 1 dco --repo "$FIXTURES/dco-partial" --format sarif
cmp -s out ci/dco.sarif || fail "dco SARIF differs between two runs"

smt=$("$SRCDIR/tools/validators.sh" "$SRCDIR/build/tools") || {
	rc=$?
	[ "$rc" = 77 ] && skip "SARIF multitool: $smt"
	fail "tools/validators.sh failed"
}
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
for x in ci/*.sarif; do
	"$smt" validate --rule-kind "Gh;Sarif" "$x" >smt.out 2>&1 ||
		{ cat smt.out >&2; fail "multitool failed on $x"; }
	grep -q 'Done. 1 files scanned' smt.out ||
		{ cat smt.out >&2; fail "multitool did not scan $x"; }
	if grep ': error ' smt.out >&2; then
		fail "$x: errors under GitHub's rules"
	fi
	# A commit (.git) and a database have no lines to point at.
	if grep ': warning ' smt.out | grep -v ' SARIF2017: ' >&2; then
		fail "$x: warnings"
	fi
done
