#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compare the project license osshealth concludes for real upstream
# repositories with the truth table bench/real/license.tsv (read by hand).
# The repositories are bare mirrors brought by the fetch tool; the tool
# reads git objects, no work tree needed.  Not part of `make check`.
#
#   bench/real/license.sh [OSSHEALTH] [MIRRORS]
#
# OSSHEALTH defaults to build/osshealth, MIRRORS to /work/.mirror (one
# directory per repository, "<owner>+<name>/repo").  Prints one line per
# project (ok / FAMILY / WRONG / ERROR / missing) and the agreement
# figures (ERROR: the tool could not read the mirror, e.g. a blob
# missing from a partial mirror; counted as not agreeing in "of all"):
#   exact:  same expression (ids, -only/-or-later, WITH, AND/OR)
#   family: same licenses when -only/-or-later are ignored
set -u
here=$(cd "$(dirname "$0")" && pwd)
tool=${1:-$here/../../build/osshealth}
mirrors=${2:-/work/.mirror}

python3 - "$tool" "$mirrors" "$here/license.tsv" <<'PY'
import json, os, re, subprocess, sys, time

tool, mirrors, table = sys.argv[1:4]

def leaves(expr):
    """Flat expression -> (operator set, sorted leaves); LicenseRef-* equal."""
    e = re.sub(r"[()]", " ", expr or "")
    ops = set(re.findall(r"\b(AND|OR)\b", e))
    parts = re.split(r"\s+(?:AND|OR)\s+", e.strip())
    out = []
    for p in parts:
        p = " ".join(p.split())
        p = re.sub(r"LicenseRef-[A-Za-z0-9.-]+", "LicenseRef-*", p)
        out.append(p)
    return (tuple(sorted(ops)), tuple(sorted(out)))

def family(k):
    ops, ls = k
    return ops, tuple(sorted(re.sub(r"-(only|or-later)\b|\+", "", l) for l in ls))

rows = exact = fam = missing = errors = 0
t0 = time.monotonic()
for line in open(table):
    if line.startswith("#") or not line.strip():
        continue
    mirror, truth = line.rstrip("\n").split("\t")[:2]
    repo = os.path.join(mirrors, mirror, "repo")
    rows += 1
    if not os.path.isdir(repo):
        print("%-28s missing (no mirror)" % mirror)
        missing += 1
        continue
    p = subprocess.run([tool, "license", "--format", "json", repo],
                       capture_output=True, text=True)
    try:
        s = json.loads(p.stdout)["summary"]
        got = s.get("concluded") or ""
        osi = s.get("osi_class") or s.get("osi")
    except (ValueError, KeyError):
        err = (p.stderr.strip().splitlines() or ["?"])[-1]
        print("%-28s ERROR  exit %d: %s" % (mirror, p.returncode, err[:110]))
        errors += 1
        continue
    a, b = leaves(truth), leaves(got)
    if a == b:
        verdict = "ok"
        exact += 1
        fam += 1
    elif family(a) == family(b):
        verdict = "FAMILY"
        fam += 1
    else:
        verdict = "WRONG"
    print("%-28s %-6s truth: %s | tool: %s (OSI %s)" %
          (mirror, verdict, truth, got, osi))
n = rows - missing
r = n - errors
print("projects: %d (%d without mirror, %d that could not be read), %.1f s" %
      (rows, missing, errors, time.monotonic() - t0))
for label, k in (("exact", exact), ("family", fam)):
    if n:
        print("%-6s agreement: %d/%d of all (%.0f%%), %d/%d of those read (%.0f%%)"
              % (label, k, n, 100.0 * k / n, k, r, 100.0 * k / r if r else 0))
PY
