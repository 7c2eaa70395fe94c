#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A synthetic SPDX 2.3 JSON document for the SBOM benchmarks (run.sh,
# formats-run.sh): N packages, each with a purl, a SHA256 and license
# expressions, and 3N relationships.
#
# Usage: python3 bench/sbom/synth_spdx.py N OUT.json
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
