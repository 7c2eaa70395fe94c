#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX 3.0.1 JSON-LD: sbom generate --format spdx3-json gives documents our
# validator accepts, reproducibly, with the package, file and license
# facts of the SPDX 2.3 document of the same source; sbom convert carries
# them 2.3 -> 3 -> 2.3 and 3 -> CycloneDX; single faults are found with
# their codes; a graph that is no graph is unreadable.  With a local copy
# of spdx/spdx-examples (SPDX_EXAMPLES_GIT, a git directory) every SPDX 3
# example there validates and converts to a valid-or-explained 2.3.
. "$SRCDIR/tests/cli/lib.sh"

T=2026-11-01T00:00:00Z
N=https://example.org/spdx/t1820

for fx in lic-mit lic-dual lic-gpl-tags; do
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		-o "$fx.spdx.json" "$FIXTURES/$fx"
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		--format spdx3-json -o "$fx.spdx3.json" "$FIXTURES/$fx"
	expect_exit 0 sbom validate "$fx.spdx3.json"
	expect_stdout_match "^$fx\\.spdx3\\.json: valid SPDX-3\\.0\\.1 .*: 0 errors, 0 warnings"
	expect_exit 0 sbom generate --created "$T" --namespace "$N" \
		--format spdx3-json -o "$fx.again.spdx3.json" "$FIXTURES/$fx"
	cmp -s "$fx.spdx3.json" "$fx.again.spdx3.json" ||
		fail "$fx: two SPDX 3 runs differ"
	# 3 -> 2.3: the same facts as the 2.3 document generated directly
	expect_exit 0 sbom convert -o "$fx.back.json" "$fx.spdx3.json"
	expect_exit 0 sbom validate "$fx.back.json"
	python3 - "$fx.spdx.json" "$fx.back.json" <<'PY' || fail "$fx: SPDX 2.3 -> 3 -> 2.3 lost facts"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
keys = ("SPDXID", "name", "versionInfo", "licenseDeclared",
        "licenseConcluded", "packageVerificationCode", "checksums",
        "licenseInfoFromFiles", "primaryPackagePurpose", "externalRefs")
for p, q in zip(a["packages"], b["packages"]):
    for k in keys:
        assert p.get(k) == q.get(k), (k, p.get(k), q.get(k))
fa = {f["SPDXID"]: (f["fileName"], f["checksums"], f.get("licenseInfoInFiles"))
      for f in a["files"]}
fb = {f["SPDXID"]: (f["fileName"], f["checksums"], f.get("licenseInfoInFiles"))
      for f in b["files"]}
assert fa == fb, (fa, fb)
rel = lambda d: sorted((r["spdxElementId"], r["relationshipType"],
                        r["relatedSpdxElement"]) for r in d["relationships"])
assert rel(a) == rel(b), (rel(a), rel(b))
assert a["creationInfo"]["creators"] == b["creationInfo"]["creators"]
assert a["documentNamespace"] == b["documentNamespace"]
PY
done

# The JSON-LD shape: one CreationInfo blank node, typed nodes, licenses
# as relationships to LicenseExpression elements.
python3 - lic-dual.spdx3.json <<'PY' || fail "SPDX 3 shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
g = d["@graph"]
types = [o["type"] for o in g]
assert types.count("CreationInfo") == 1 and types.count("SpdxDocument") == 1
ci = [o for o in g if o["type"] == "CreationInfo"][0]
assert ci["@id"] == "_:creationinfo" and ci["specVersion"] == "3.0.1"
ids = {o.get("spdxId") for o in g}
for a in ci["createdBy"]:
    assert a in ids, a
pkg = [o for o in g if o["type"] == "software_Package"][0]
decl = [o for o in g if o["type"] == "Relationship"
        and o["relationshipType"] == "hasDeclaredLicense" and o["from"] == pkg["spdxId"]]
assert len(decl) == 1, decl
lic = [o for o in g if o.get("spdxId") == decl[0]["to"][0]][0]
assert lic["type"] == "simplelicensing_LicenseExpression", lic
assert all(o["creationInfo"] == "_:creationinfo" for o in g if "spdxId" in o)
PY

# 2.3 in, SPDX 3 out (format from the name), and on to CycloneDX.
cp "$SRCDIR/tests/data/sbom/valid.spdx.json" .
expect_exit 0 sbom convert -o v.spdx3.json valid.spdx.json
expect_exit 0 sbom validate v.spdx3.json
expect_stdout_match "^v\\.spdx3\\.json: valid SPDX-3\\.0\\.1 "
expect_exit 0 sbom convert -o v.cdx.json v.spdx3.json
expect_exit 0 sbom validate v.cdx.json
expect_exit 0 sbom validate --profile ntia v.spdx3.json
expect_exit 0 sbom validate --format json v.spdx3.json
python3 -c 'import json,sys; d=json.load(open("out")); assert d[0]["spdx_version"]=="SPDX-3.0.1", d' ||
	fail "JSON output of an SPDX 3 validation"

# Single faults, each with its code and exit 1.
fault() {
	code=$1
	shift
	python3 - lic-mit.spdx3.json bad.spdx3.json "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = d["@graph"]
what = sys.argv[3]
pkg = [o for o in g if o["type"] == "software_Package"][0]
rel = [o for o in g if o["type"] == "Relationship"][0]
if what == "ref":
    rel["to"] = ["https://example.org/nowhere#x"]
elif what == "vocab":
    rel["relationshipType"] = "CONTAINS"
elif what == "noname":
    del pkg["name"]
elif what == "purl":
    pkg["software_packageUrl"] = "pkg:/nothing"
elif what == "license":
    for o in g:
        if o["type"] == "simplelicensing_LicenseExpression":
            o["simplelicensing_licenseExpression"] = "MIT AND Foo-1.0"
elif what == "ci":
    del pkg["creationInfo"]
elif what == "hash":
    for o in g:
        for h in o.get("verifiedUsing", []):
            if h.get("algorithm") == "sha256":
                h["hashValue"] = h["hashValue"][:10]
elif what == "unknown-prop":
    pkg["software_packageVersio"] = "1"
elif what == "foreign-prop":
    pkg["software_fileKind"] = "file"
elif what == "value-prop":
    pkg["verifiedUsing"][0]["identifier"] = "x"
elif what == "iri-prop":
    pkg["https://example.org/ext#x"] = "1"
json.dump(d, open(sys.argv[2], "w"))
PY
	expect_exit "${fault_exit:-1}" sbom validate bad.spdx3.json
	expect_stdout_match "(error|warning) $code "
}
fault SPDX3-REF ref
fault SPDX3-VOCAB vocab
fault SPDX3-REQUIRED noname
fault SPDX3-PURL purl
fault SPDX3-LICENSE-UNKNOWN license
fault SPDX3-REQUIRED ci
fault SPDX3-HASH hash
# A property that is not one of the class (with inheritance), naming it.
fault SPDX3-PROPERTY unknown-prop
expect_stdout_match "error SPDX3-PROPERTY .*'software_packageVersio' is not a property of software_Package, nor of any class"
fault SPDX3-PROPERTY foreign-prop
expect_stdout_match "error SPDX3-PROPERTY .*'software_fileKind' is not a property of software_Package \\(it is one of software_File\\)"
fault SPDX3-PROPERTY value-prop
expect_stdout_match "error SPDX3-PROPERTY .*verifiedUsing\\.identifier .*'identifier' is not a property of PackageVerificationCode \\(it is one of ExternalIdentifier\\)"
# a key outside the model (an IRI) only warns
fault_exit=0
fault SPDX3-PROPERTY-EXTENSION iri-prop
fault_exit=1
expect_stdout_match "warning SPDX3-PROPERTY-EXTENSION "

# No graph: unreadable, in validate and convert.
printf '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":{}}' >nograph.json
expect_exit 1 sbom validate nograph.json
expect_stdout_match "error SPDX3-GRAPH "
expect_exit 2 sbom convert -o x.json nograph.json
expect_stderr_match "without a '@graph' array"

# The SPDX 3 examples of spdx/spdx-examples, when a copy is at hand.
g=${SPDX_EXAMPLES_GIT:-/work/.mirror/spdx+spdx-examples/repo}
if git --git-dir="$g" rev-parse HEAD >/dev/null 2>&1; then
	n=0
	for f in $(git --git-dir="$g" ls-tree -r HEAD --name-only |
		grep -E '(spdx3\.0/.*|\.spdx3)\.json$'); do
		git --git-dir="$g" show "HEAD:$f" >ex.json
		expect_exit 0 sbom validate ex.json
		expect_exit 0 sbom convert -o ex.spdx.json ex.json
		run_osh sbom validate ex.spdx.json
		# what 2.3 needs and 3 does not give: SHA1 of files, relative names
		[ "$rc" = 0 ] || ! grep -E ': error ' out |
			grep -Ev 'SPDX-CHECKSUM-SHA1|SPDX-FILE-NAME' >/dev/null ||
			fail "$f: 2.3 conversion has unexplained errors: $(grep ': error ' out | head -3)"
		n=$((n + 1))
	done
	[ "$n" -ge 20 ] || fail "only $n SPDX 3 examples found in $g"
fi
