#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CycloneDX validation at scale: synthetic CycloneDX 1.6 BOMs with 100,000
# components (each with a bom-ref, purl, SHA-256 and license, every
# component in the dependency graph with two dependencies), in JSON and in
# XML, validated by `osshealth sbom validate` under the spdx and all
# profiles, and converted to SPDX JSON.  Targets (issue 18): <= 2 s and
# <= 1 GB peak RSS per document.  Never part of `make check`.
#
# Usage: bench/sbom/cdx-run.sh BINARY [COMPONENTS]   (BINARY: build/osshealth)
set -eu

bin=${1:?usage: bench/sbom/cdx-run.sh BINARY [COMPONENTS]}
n=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-cdx-XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$n" "$work/big.cdx.json" "$work/big.cdx.xml" <<'PY'
import hashlib, json, sys
from xml.sax.saxutils import escape, quoteattr
n, out_json, out_xml = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lic = ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only OR MIT",
       "(LGPL-2.1-or-later AND BSD-2-Clause)"]
comps, deps = [], []
for i in range(n):
    ref = "pkg:npm/pkg-%d@1.%d.0" % (i, i % 97)
    comps.append({"type": "library", "bom-ref": ref, "name": "pkg-%d" % i,
                  "version": "1.%d.0" % (i % 97),
                  "supplier": {"name": "Supplier %d" % (i % 500)},
                  "hashes": [{"alg": "SHA-256",
                              "content": hashlib.sha256(b"%d" % i).hexdigest()}],
                  "licenses": [{"expression": lic[i % len(lic)]}]
                  if " " in lic[i % len(lic)] else
                  [{"license": {"id": lic[i % len(lic)]}}],
                  "purl": ref})
    deps.append({"ref": ref, "dependsOn": sorted({
        "pkg:npm/pkg-%d@1.%d.0" % (j, j % 97)
        for j in ((i * 7 + 1) % n, (i * 7 + 2) % n) if j != i})})
bom = {"bomFormat": "CycloneDX", "specVersion": "1.6",
       "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
       "version": 1,
       "metadata": {"timestamp": "2026-11-01T00:00:00Z",
                    "tools": {"components": [{"type": "application",
                                              "name": "bench-cdx"}]}},
       "components": comps, "dependencies": deps}
json.dump(bom, open(out_json, "w"), separators=(",", ":"))
with open(out_xml, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="%s" version="1">\n' % bom["serialNumber"])
    f.write('<metadata><timestamp>2026-11-01T00:00:00Z</timestamp></metadata>\n<components>\n')
    for c in comps:
        f.write('<component type="library" bom-ref=%s><supplier><name>%s</name></supplier><name>%s</name><version>%s</version>'
                % (quoteattr(c["bom-ref"]), escape(c["supplier"]["name"]), c["name"], c["version"]))
        f.write('<hashes><hash alg="SHA-256">%s</hash></hashes><licenses>' % c["hashes"][0]["content"])
        l = c["licenses"][0]
        f.write("<expression>%s</expression>" % escape(l["expression"]) if "expression" in l
                else "<license><id>%s</id></license>" % l["license"]["id"])
        f.write('</licenses><purl>%s</purl></component>\n' % escape(c["purl"]))
    f.write('</components>\n<dependencies>\n')
    for d in deps:
        f.write('<dependency ref=%s>%s</dependency>\n' % (quoteattr(d["ref"]),
                "".join('<dependency ref=%s/>' % quoteattr(x) for x in d["dependsOn"])))
    f.write('</dependencies>\n</bom>\n')
PY
for f in big.cdx.json big.cdx.xml; do
	echo "document: $f, $n components, $(wc -c <"$work/$f") bytes"
	bench_run "  sbom validate" "$bin" sbom validate "$work/$f"
	bench_run "  sbom validate --profile all" "$bin" sbom validate \
		--profile all "$work/$f"
	bench_run "  sbom convert to SPDX JSON" "$bin" sbom convert \
		-o "$work/out.spdx.json" "$work/$f"
	"$bin" sbom validate "$work/$f" | head -2
done
