#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generate an OSV export like the ones osv.dev publishes per ecosystem
# (all.zip: one JSON record per member), with N synthetic records: ids
# BENCH-<n>, 1-3 aliases, a CVSS severity, 1-2 affected packages each
# with a GIT range (one of 500 repositories, 2-4 events), a SEMVER or
# ECOSYSTEM range and 0-20 listed versions.  Deterministic (seeded).
#
# Usage: gen.py N OUT.zip [MODIFIED]
import hashlib
import json
import random
import sys
import zipfile


def sha(*parts):
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def record(i, rnd, modified):
    affected = []
    for a in range(rnd.randint(1, 2)):
        repo = "https://github.com/bench-org/project-%d.git" % rnd.randrange(500)
        events = [{"introduced": "0" if rnd.random() < 0.2 else sha(i, a, "i")}]
        events.append({"fixed": sha(i, a, "f")})
        if rnd.random() < 0.3:
            events.append({"fixed": sha(i, a, "f2")})
        if rnd.random() < 0.1:
            events.append({"limit": sha(i, a, "l")})
        major = rnd.randrange(5)
        versions = ["%d.%d.%d" % (major, m, p) for m in range(rnd.randrange(4))
                    for p in range(rnd.randrange(6))]
        affected.append({
            "package": {"ecosystem": "npm", "name": "bench-pkg-%d" % rnd.randrange(20000),
                        "purl": "pkg:npm/bench-pkg-%d" % rnd.randrange(20000)},
            "ranges": [
                {"type": "GIT", "repo": repo, "events": events},
                {"type": rnd.choice(["SEMVER", "ECOSYSTEM"]),
                 "events": [{"introduced": "%d.0.0" % major},
                            {"fixed": "%d.%d.1" % (major, rnd.randrange(9))}]},
            ],
            "versions": versions,
            "ecosystem_specific": {"severity": rnd.choice(["LOW", "MEDIUM", "HIGH"])},
        })
    return {
        "schema_version": "1.6.0",
        "id": "BENCH-%d" % i,
        "modified": modified,
        "published": "2024-01-%02dT00:00:00Z" % (1 + i % 28),
        "aliases": ["CVE-2024-%d" % (10000 + i + k * 100000)
                    for k in range(rnd.randint(1, 3))],
        "summary": "synthetic record %d for the import benchmark" % i,
        "details": "x" * rnd.randrange(200, 2000),
        "severity": [{"type": "CVSS_V3",
                      "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        "affected": affected,
        "references": [{"type": "WEB", "url": "https://example.invalid/%d" % i}],
    }


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    modified = sys.argv[3] if len(sys.argv) > 3 else "2025-01-01T00:00:00Z"
    rnd = random.Random(20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            z.writestr("BENCH-%d.json" % i, json.dumps(record(i, rnd, modified)))


if __name__ == "__main__":
    main()
