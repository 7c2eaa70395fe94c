#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a large SPDX 2.3 JSON document for the scale benchmark.

Usage: gen-sbom.py N OUT [REVIEWABLE_SHARE]

N packages: the first share of them (default 0.6) with a git download
location on a forge (github.com/genN/pkg-K.git@vK), the others npm
packages with only a registry purl (listed as not reviewed).  Deterministic: same N, same bytes.
"""
import json
import sys

n = int(sys.argv[1])
out = sys.argv[2]
share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.6
pkgs = []
for i in range(n):
    p = {"SPDXID": "SPDXRef-p%d" % i, "name": "pkg-%d" % i,
         "versionInfo": "1.%d.0" % (i % 50)}
    if i < share * n:
        p["downloadLocation"] = (
            "git+https://github.com/gen%d/pkg-%d.git@v1.%d.0"
            % (i % 97, i, i % 50))
    else:
        p["downloadLocation"] = "NOASSERTION"
        p["externalRefs"] = [{"referenceCategory": "PACKAGE-MANAGER",
                              "referenceType": "purl",
                              "referenceLocator": "pkg:npm/pkg-%d@1.0.0" % i}]
    pkgs.append(p)
doc = {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
       "SPDXID": "SPDXRef-DOCUMENT", "name": "scale-%d" % n,
       "documentNamespace": "https://example.org/scale/%d" % n,
       "creationInfo": {"created": "2026-11-01T00:00:00Z",
                        "creators": ["Tool: gen-sbom.py"]},
       "packages": pkgs}
with open(out, "w") as f:
    json.dump(doc, f, indent=0)
