#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sbom generate: creationInfo.licenseListVersion is the version of the SPDX
# License List the license engine reads (installed by `data update`, here
# from the fake API on 127.0.0.1: 9.99), in SPDX 3 as the SemVer 9.99.0 and
# back; the shipped list states no SPDX list version, so none is claimed.
# On every fixture the package's license facts agree with its files:
# licenseInfoFromFiles is exactly the union of the files'
# licenseInfoInFiles, and the declared license's ids are found in a file.
. "$SRCDIR/tests/cli/lib.sh"

T=2026-11-01T00:00:00Z
N=https://example.org/spdx/t1822

# The shipped list: no licenseListVersion.
expect_exit 0 sbom generate --created "$T" --namespace "$N" -o a.json "$FIXTURES/lic-mit"
python3 -c 'import json; d=json.load(open("a.json")); assert "licenseListVersion" not in d["creationInfo"], d["creationInfo"]' ||
	fail "licenseListVersion claimed for a list that does not state it"

# A list installed by data update states it.
export FAKE_API_LICENSES="$SRCDIR/licenses/licenses.tsv"
start_fake_api
mkdir data
cp -R "$SRCDIR/rules" "$SRCDIR/licenses" data/
expect_exit 0 data update --from "$base/spdx/good.json" --dir data/licenses
export OSSHEALTH_DATA=$TEST_DIR/data
expect_exit 0 sbom generate --created "$T" --namespace "$N" -o b.json "$FIXTURES/lic-mit"
expect_exit 0 sbom validate b.json
python3 -c 'import json; d=json.load(open("b.json")); assert d["creationInfo"]["licenseListVersion"] == "9.99", d["creationInfo"]' ||
	fail "licenseListVersion of the installed list"
expect_exit 0 sbom generate --created "$T" --namespace "$N" --format spdx3-json \
	-o b.spdx3.json "$FIXTURES/lic-mit"
expect_exit 0 sbom validate b.spdx3.json
python3 - b.spdx3.json <<'PY' || fail "SPDX 3 licenseListVersion"
import json, sys
g = json.load(open(sys.argv[1]))["@graph"]
v = {o.get("simplelicensing_licenseListVersion") for o in g
     if o["type"] == "simplelicensing_LicenseExpression"}
assert v == {"9.99.0"}, v
PY
expect_exit 0 sbom convert -o back.json b.spdx3.json
python3 -c 'import json; d=json.load(open("back.json")); assert d["creationInfo"]["licenseListVersion"] == "9.99", d["creationInfo"]' ||
	fail "licenseListVersion lost SPDX 3 -> 2.3"
unset OSSHEALTH_DATA

# Package license facts agree with the files, on every fixture.
for fx in "$FIXTURES"/*; do
	case $fx in *.git) continue ;; esac
	[ -d "$fx" ] || continue
	expect_exit 0 sbom generate --created "$T" --namespace "$N" -o f.json "$fx"
	python3 - f.json "${fx##*/}" <<'PY' || fail "${fx##*/}: package license facts disagree with the files"
import json, re, sys
d = json.load(open(sys.argv[1]))
p = d["packages"][0]
files = {f["SPDXID"]: f for f in d["files"]}
contained = [files[r["relatedSpdxElement"]] for r in d["relationships"]
             if r["relationshipType"] == "CONTAINS" and r["spdxElementId"] == p["SPDXID"]]
assert len(contained) == len(files), "every file is the package's"
union = sorted({l for f in contained for l in f.get("licenseInfoInFiles", [])
                if l not in ("NONE", "NOASSERTION")})
got = [l for l in p.get("licenseInfoFromFiles", []) if l not in ("NONE", "NOASSERTION")]
assert sorted(got) == union, (got, union)
if not union:
    assert p["licenseInfoFromFiles"] in (["NONE"], ["NOASSERTION"]), p["licenseInfoFromFiles"]
decl = p.get("licenseDeclared", "NOASSERTION")
if decl not in ("NONE", "NOASSERTION"):
    ids = set(re.findall(r"[A-Za-z0-9.+-]+", decl)) - {"AND", "OR", "WITH"}
    ids = {i.rstrip("+") for i in ids}
    # an exception id after WITH is not a license of a file
    found = {u.rstrip("+") for u in union}
    assert ids & found, (sys.argv[2], decl, union)
PY
done
