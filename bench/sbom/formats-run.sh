#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SBOM validation at scale in every format osshealth reads: one synthetic
# set of 100,000 packages (each with a purl, a SHA256, a supplier and two
# license expressions; 300,000 DEPENDS_ON/DESCRIBES relationships) written
# as SPDX 2.3 JSON, YAML, RDF/XML and SPDX XML by the generator below, as tag-value,
# SPDX 3.0.1 JSON-LD, CycloneDX JSON and XML by `osshealth sbom convert`
# from the JSON, and each validated by `osshealth sbom validate` (default
# profile) and `--profile all`, RUNS times, interleaved, next to cJSON
# alone parsing the SPDX JSON (the old floor).  Before timing it asserts
# that every document reads and holds the packages.  Targets (issue 18):
# <= 2 s and <= 1 GB peak RSS per document.  Never part of `make check`.
#
# Usage: bench/sbom/formats-run.sh BINARY [PACKAGES [RUNS [FORMATS]]]
#   BINARY: build/osshealth; FORMATS: a space-separated subset of
#   "json tv yaml rdf spdxxml spdx3 cdxjson cdxxml" (all by default).
#   KEEP=DIR writes the documents to DIR and keeps them; a later run with
#   the same KEEP and PACKAGES reuses them.
set -eu

bin=${1:?usage: bench/sbom/formats-run.sh BINARY [PACKAGES [RUNS [FORMATS]]]}
npkg=${2:-100000}
runs=${3:-5}
formats=${4:-json tv yaml rdf spdxxml spdx3 cdxjson cdxxml}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
if [ -n "${KEEP:-}" ]; then
	work=$KEEP
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-formats-XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi

cc -std=c11 -O2 -o "$work/parse" "$here/parse.c" \
	$(pkg-config --cflags --libs libcjson)

if ! [ -s "$work/big.cdx.xml" ] || [ "$(cat "$work/npkg" 2>/dev/null)" != "$npkg" ]; then
python3 "$here/synth_spdx.py" "$npkg" "$work/big.spdx.json"
python3 - "$npkg" "$work" <<'PY'
import json, sys
from xml.sax.saxutils import escape
n, work = int(sys.argv[1]), sys.argv[2]
doc = json.load(open(work + "/big.spdx.json"))
pkgs, rels, ns = doc["packages"], doc["relationships"], doc["documentNamespace"]

import yaml
with open(work + "/big.spdx.yaml", "w") as f:
    yaml.dump(doc, f, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
              sort_keys=False)

# RDF/XML: license expressions as license sets, relationships in place.
T = "http://spdx.org/rdf/terms#"
L = "http://spdx.org/licenses/"
def lic_xml(e):
    e = e.strip("()")
    for op, cls in ((" OR ", "DisjunctiveLicenseSet"),
                    (" AND ", "ConjunctiveLicenseSet")):
        if op in e:
            return "<spdx:%s>%s</spdx:%s>" % (cls, "".join(
                '<spdx:member rdf:resource="%s%s"/>' % (L, m)
                for m in e.split(op)), cls)
    return None
rtype = {"DESCRIBES": "describes", "DEPENDS_ON": "dependsOn"}
by_elem = {}
for r in rels:
    by_elem.setdefault(r["spdxElementId"], []).append(r)
def rel_xml(r):
    return ('<spdx:relationship><spdx:Relationship><spdx:relationshipType '
            'rdf:resource="%srelationshipType_%s"/><spdx:relatedSpdxElement '
            'rdf:resource="%s#%s"/></spdx:Relationship></spdx:relationship>\n'
            % (T, rtype[r["relationshipType"]], ns, r["relatedSpdxElement"]))
def licprop(name, e):
    x = lic_xml(e)
    if x:
        return "<spdx:%s>%s</spdx:%s>" % (name, x, name)
    return '<spdx:%s rdf:resource="%s%s"/>' % (name, L, e)
with open(work + "/big.spdx.rdf.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" '
            'xmlns:spdx="%s">\n' % T)
    f.write('<spdx:SpdxDocument rdf:about="%s#SPDXRef-DOCUMENT">'
            '<spdx:specVersion>SPDX-2.3</spdx:specVersion>'
            '<spdx:dataLicense rdf:resource="%sCC0-1.0"/>'
            '<spdx:name>synthetic</spdx:name><spdx:creationInfo>'
            '<spdx:CreationInfo><spdx:created>2026-11-01T00:00:00Z'
            '</spdx:created><spdx:creator>Tool: bench-sbom</spdx:creator>'
            '</spdx:CreationInfo></spdx:creationInfo>\n' % (ns, L))
    for r in by_elem.get("SPDXRef-DOCUMENT", []):
        f.write(rel_xml(r))
    f.write('</spdx:SpdxDocument>\n')
    for p in pkgs:
        f.write('<spdx:Package rdf:about="%s#%s"><spdx:name>%s</spdx:name>'
                '<spdx:versionInfo>%s</spdx:versionInfo><spdx:supplier>%s'
                '</spdx:supplier><spdx:downloadLocation>%s'
                '</spdx:downloadLocation><spdx:filesAnalyzed>false'
                '</spdx:filesAnalyzed><spdx:checksum><spdx:Checksum>'
                '<spdx:algorithm rdf:resource="%schecksumAlgorithm_sha256"/>'
                '<spdx:checksumValue>%s</spdx:checksumValue></spdx:Checksum>'
                '</spdx:checksum>%s%s<spdx:copyrightText rdf:resource='
                '"%snoassertion"/><spdx:externalRef><spdx:ExternalRef>'
                '<spdx:referenceCategory rdf:resource='
                '"%sreferenceCategory_packageManager"/><spdx:referenceType '
                'rdf:resource="http://spdx.org/rdf/references/purl"/>'
                '<spdx:referenceLocator>%s</spdx:referenceLocator>'
                '</spdx:ExternalRef></spdx:externalRef>\n'
                % (ns, p["SPDXID"], p["name"], p["versionInfo"],
                   escape(p["supplier"]), p["downloadLocation"], T,
                   p["checksums"][0]["checksumValue"],
                   licprop("licenseConcluded", p["licenseConcluded"]),
                   licprop("licenseDeclared", p["licenseDeclared"]), T, T,
                   p["externalRefs"][0]["referenceLocator"]))
        for r in by_elem.get(p["SPDXID"], []):
            f.write(rel_xml(r))
        f.write('</spdx:Package>\n')
    f.write('</rdf:RDF>\n')

# SPDX XML: the JSON form as elements, an array as a repeated element.
def put(f, k, v, ind):
    sp = "  " * ind
    if isinstance(v, list):
        for x in v:
            put(f, k, x, ind)
    elif isinstance(v, dict):
        f.write("%s<%s>\n" % (sp, k))
        for kk, vv in v.items():
            put(f, kk, vv, ind + 1)
        f.write("%s</%s>\n" % (sp, k))
    elif isinstance(v, bool):
        f.write("%s<%s>%s</%s>\n" % (sp, k, "true" if v else "false", k))
    else:
        f.write("%s<%s>%s</%s>\n" % (sp, k, escape(str(v)), k))
with open(work + "/big.spdx.xml", "w") as f:
    f.write("<?xml version='1.0' encoding='UTF-8'?>\n<Document>\n")
    for k, v in doc.items():
        put(f, k, v, 1)
    f.write("</Document>\n")
PY
fi
j=$work/big.spdx.json
if ! [ -s "$work/big.cdx.xml" ] || [ "$(cat "$work/npkg" 2>/dev/null)" != "$npkg" ]; then
	"$bin" sbom convert --format spdx-tv -o "$work/big.spdx" "$j"
	"$bin" sbom convert --format spdx3-json -o "$work/big.spdx3.json" "$j"
	"$bin" sbom convert --format cyclonedx-json -o "$work/big.cdx.json" "$j"
	"$bin" sbom convert --format cyclonedx-xml -o "$work/big.cdx.xml" "$j"
	echo "$npkg" >"$work/npkg"
fi

file_of() {
	case $1 in
	json) echo "$work/big.spdx.json" ;;
	tv) echo "$work/big.spdx" ;;
	yaml) echo "$work/big.spdx.yaml" ;;
	rdf) echo "$work/big.spdx.rdf.xml" ;;
	spdxxml) echo "$work/big.spdx.xml" ;;
	spdx3) echo "$work/big.spdx3.json" ;;
	cdxjson) echo "$work/big.cdx.json" ;;
	cdxxml) echo "$work/big.cdx.xml" ;;
	*) echo "unknown format $1" >&2; exit 2 ;;
	esac
}

# The facts first: every document reads and carries the packages (the
# converted SPDX JSON of each holds npkg packages).
for f in $formats; do
	in=$(file_of "$f")
	"$bin" sbom convert --format spdx-json -o "$work/check.json" "$in"
	got=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get('packages', [])))" "$work/check.json")
	# CycloneDX adds no package; SPDX 3 none either
	[ "$got" -ge "$npkg" ] || {
		echo "$f: $got packages read, want $npkg" >&2
		exit 1
	}
	echo "document $f: $(wc -c <"$in") bytes, $got packages read"
done
rm -f "$work/check.json"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run=1
while [ "$run" -le "$runs" ]; do
	bench_run "run $run cJSON parse of the SPDX JSON (old floor)" \
		"$work/parse" "$j"
	for f in $formats; do
		in=$(file_of "$f")
		bench_run "run $run $f validate" "$bin" sbom validate "$in"
		bench_run "run $run $f validate --profile all" \
			"$bin" sbom validate --profile all "$in"
	done
	run=$((run + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
