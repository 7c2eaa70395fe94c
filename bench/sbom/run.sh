#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SBOM validation at scale: a synthetic SPDX 2.3 JSON document with
# 100,000 packages and 300,000 relationships (every package with a purl,
# a SHA256 and a license expression), validated by `osshealth sbom
# validate` under both profiles, next to the time cJSON alone needs to
# parse the same file (the floor) in the same run.  Targets (issue 5):
# <= 2 s and <= 1 GB peak RSS.  Never part of `make check`.
#
# Usage: bench/sbom/run.sh BINARY [PACKAGES]     (BINARY: build/osshealth)
set -eu

bin=${1:?usage: bench/sbom/run.sh BINARY [PACKAGES]}
npkg=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-sbom-XXXXXX")
trap 'rm -rf "$work"' EXIT

cc -std=c11 -O2 -o "$work/parse" "$here/parse.c" \
	$(pkg-config --cflags --libs libcjson)

python3 - "$npkg" "$work/big.spdx.json" <<'PY'
import hashlib, json, sys
n, out = int(sys.argv[1]), sys.argv[2]
lic = ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only OR MIT",
       "(LGPL-2.1-or-later AND BSD-2-Clause)"]
pkgs, rels = [], []
for i in range(n):
    pid = "SPDXRef-Package-%d" % i
    pkgs.append({
        "SPDXID": pid, "name": "pkg-%d" % i, "versionInfo": "1.%d.0" % (i % 97),
        "supplier": "Organization: Supplier %d" % (i % 500),
        "downloadLocation": "https://registry.example.org/pkg-%d-1.%d.0.tgz" % (i, i % 97),
        "filesAnalyzed": False,
        "checksums": [{"algorithm": "SHA256",
                       "checksumValue": hashlib.sha256(b"%d" % i).hexdigest()}],
        "licenseConcluded": lic[i % len(lic)],
        "licenseDeclared": lic[(i + 1) % len(lic)],
        "copyrightText": "NOASSERTION",
        "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
                          "referenceType": "purl",
                          "referenceLocator": "pkg:npm/pkg-%d@1.%d.0" % (i, i % 97)}],
    })
    rels.append({"spdxElementId": "SPDXRef-DOCUMENT" if i == 0 else
                 "SPDXRef-Package-0", "relationshipType":
                 "DESCRIBES" if i == 0 else "DEPENDS_ON",
                 "relatedSpdxElement": pid})
    for k in (1, 2):
        rels.append({"spdxElementId": pid, "relationshipType": "DEPENDS_ON",
                     "relatedSpdxElement": "SPDXRef-Package-%d" % ((i * 7 + k) % n)})
doc = {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
       "SPDXID": "SPDXRef-DOCUMENT", "name": "synthetic",
       "documentNamespace": "https://example.org/spdx/synthetic-%d" % n,
       "creationInfo": {"created": "2026-11-01T00:00:00Z",
                        "creators": ["Tool: bench-sbom"]},
       "packages": pkgs, "relationships": rels}
json.dump(doc, open(out, "w"), separators=(",", ":"))
PY
size=$(wc -c <"$work/big.spdx.json")
echo "document: $npkg packages, $((npkg * 3)) relationships, $size bytes"
bench_run "cJSON parse only (floor)" "$work/parse" "$work/big.spdx.json"
floor=$BENCH_SECONDS
bench_run "osshealth sbom validate --profile all" \
	"$bin" sbom validate --profile all "$work/big.spdx.json"
echo "ratio to the floor: $(python3 -c "print('%.2f' % ($BENCH_SECONDS / max($floor, 0.001)))")"
"$bin" sbom validate --profile all "$work/big.spdx.json" | head -3
