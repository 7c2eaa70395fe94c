#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# CycloneDX: sbom generate --format cyclonedx-json|cyclonedx-xml gives BOMs
# that our validator accepts (the XML also libxml2's well-formedness), with
# the package, its files and their hashes of the SPDX document of the same
# source; sbom convert carries packages, versions, purls, hashes, licenses
# and the dependency graph SPDX -> CycloneDX -> SPDX, in both encodings.
. "$SRCDIR/tests/cli/lib.sh"

T=2026-11-01T00:00:00Z
N=https://example.org/spdx/lic-mit-1

for fx in lic-mit lic-dual lic-gpl-tags; do
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		-o "$fx.spdx.json" "$FIXTURES/$fx"
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		--format cyclonedx-json -o "$fx.cdx.json" "$FIXTURES/$fx"
	expect_exit 0 sbom validate "$fx.cdx.json"
	expect_stdout_match "^$fx\\.cdx\\.json: valid CycloneDX-1\\.6 "
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		--format cyclonedx-xml -o "$fx.cdx.xml" "$FIXTURES/$fx"
	expect_exit 0 sbom validate "$fx.cdx.xml"
	expect_stdout_match "^$fx\\.cdx\\.xml: valid CycloneDX-1\\.6 "
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$fx.cdx.xml" || fail "$fx.cdx.xml: not well formed"
	fi
	# reproducible: the serial number comes from the namespace
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		--format cyclonedx-json -o "$fx.again.cdx.json" "$FIXTURES/$fx"
	cmp -s "$fx.cdx.json" "$fx.again.cdx.json" ||
		fail "$fx: two CycloneDX runs differ"
done

# The BOM holds what the SPDX document says of the package and its files.
python3 - lic-gpl-tags.spdx.json lic-gpl-tags.cdx.json <<'PY' || fail "SPDX and CycloneDX facts differ"
import json, sys
spdx, cdx = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
pkg = spdx["packages"][0]
main = cdx["metadata"]["component"]
assert main["name"] == pkg["name"] and main["bom-ref"] == pkg["SPDXID"], main
alg = {"SHA1": "SHA-1", "SHA256": "SHA-256"}
want = {f["fileName"]: sorted((alg[c["algorithm"]], c["checksumValue"])
                              for c in f["checksums"]) for f in spdx["files"]}
got = {c["name"]: sorted((h["alg"], h["content"]) for h in c["hashes"])
       for c in main.get("components", [])}
assert got == want, (sorted(got), sorted(want))
assert cdx["serialNumber"].startswith("urn:uuid:")
PY

# convert: SPDX -> CycloneDX (JSON and XML) -> SPDX keeps the packages.
cp "$SRCDIR/tests/data/sbom/valid.spdx.json" "$SRCDIR/tests/data/sbom/cdx-valid.cdx.json" \
	"$SRCDIR/tests/data/sbom/cdx-valid.cdx.xml" .
expect_exit 0 sbom convert -o v.cdx.json valid.spdx.json
expect_exit 0 sbom validate v.cdx.json
expect_exit 0 sbom convert -o v.cdx.xml valid.spdx.json
expect_exit 0 sbom validate v.cdx.xml
expect_exit 0 sbom convert -o back.json v.cdx.json
expect_exit 0 sbom validate back.json
expect_exit 0 sbom convert -o back-xml.json v.cdx.xml
cmp -s back.json back-xml.json || fail "JSON and XML BOMs convert differently"
python3 - valid.spdx.json back.json <<'PY' || fail "round trip lost package facts"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def facts(d):
    out = {}
    for p in d["packages"]:
        purl = [r["referenceLocator"] for r in p.get("externalRefs", [])
                if r["referenceType"] == "purl"]
        out[p["SPDXID"]] = (p["name"], p.get("versionInfo"), purl,
                            sorted((c["algorithm"], c["checksumValue"])
                                   for c in p.get("checksums", [])))
    return out
assert facts(a) == facts(b), (facts(a), facts(b))
deps = lambda d: sorted((r["spdxElementId"], r["relatedSpdxElement"])
                        for r in d["relationships"]
                        if r["relationshipType"] == "DEPENDS_ON")
assert deps(a) == deps(b), (deps(a), deps(b))
PY

# CycloneDX in: both encodings give the same SPDX document.
expect_exit 0 sbom convert -o j.spdx.json cdx-valid.cdx.json
expect_exit 0 sbom validate j.spdx.json
expect_stdout_match "^j\\.spdx\\.json: valid SPDX-2\\.3 .3 packages"
expect_exit 0 sbom convert --format spdx-tv -o x.spdx cdx-valid.cdx.xml
expect_exit 0 sbom validate x.spdx
grep -q '^Relationship: SPDXRef-app DEPENDS_ON SPDXRef-pkg-npm-left-pad-1.3.0$' x.spdx ||
	fail "dependency lost in CycloneDX XML -> tag-value"
grep -q '^PackageLicenseDeclared: MIT OR Apache-2.0$' x.spdx ||
	fail "license expression lost in CycloneDX XML -> tag-value"

# A format the output name does not tell is refused with a hint.
expect_exit 2 sbom convert -o out.txt cdx-valid.cdx.json
expect_stderr_match "\\.cdx\\.json"
