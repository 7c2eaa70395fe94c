#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compare the project license osshealth concludes for real upstream
# repositories with the truth table bench/real/license.tsv (read by hand).
# The repositories are bare mirrors brought by the fetch tool; the tool
# reads git objects, no work tree needed.  Not part of `make check`.
#
#   bench/real/license.sh [--history] [OSSHEALTH] [MIRRORS]
#
# With --history, also `osshealth scan` every mirror (offline, a fresh
# database under $TMPDIR) and compare the license/changed findings with
# the relicensing column: each relicensing commit named, and no medium
# or high license/changed finding on any other commit (on a project
# without a relicensing, or on another commit of one with it).
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
history=0
if [ "${1:-}" = --history ]; then
	history=1
	shift
fi
tool=${1:-$here/../../build/osshealth}
mirrors=${2:-/work/.mirror}

python3 - "$tool" "$mirrors" "$here/license.tsv" "$history" <<'PY'
import json, os, re, shutil, subprocess, sys, tempfile, time

tool, mirrors, table, history = sys.argv[1:5]

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
if history == "1":
    tmp = tempfile.mkdtemp(prefix="osshealth-bench-")
    links, want = [], {}
    for line in open(table):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        repo = os.path.join(mirrors, f[0], "repo")
        if os.path.isdir(repo):
            os.symlink(repo, os.path.join(tmp, f[0]))
            links.append(os.path.join(tmp, f[0]))
            # several relicensings are separated by " ; "
            want[f[0]] = [] if f[3] == "-" else [e.split()[0] for e in f[3].split(" ; ")]
    db = os.path.join(tmp, "h.db")
    t1 = time.monotonic()
    subprocess.run([tool, "scan", "-q", "--offline", "--db", db] + links,
                   capture_output=True)
    rep = subprocess.run([tool, "report", "--db", db], capture_output=True,
                         text=True).stdout
    got, cur = {}, None
    for l in rep.splitlines():
        m = re.match(r"== (\S+)", l)
        if m:
            cur = m.group(1)
            got.setdefault(cur, [])
            continue
        m = re.search(r"(low|medium|high) +license/changed: .* in commit ([0-9a-f]+)", l)
        if m and cur:
            got[cur].append((m.group(1), m.group(2)))
    named = alarms = relic = 0
    print("history (%.1f s):" % (time.monotonic() - t1))
    for name, commits in sorted(want.items()):
        found = got.get(name)
        if found is None:
            print("  %-28s not scanned (see the scan's errors)" % name)
            continue
        def hit(c):
            return any(c.startswith(w) or w.startswith(c[:len(w)]) for w in commits)
        # a medium/high finding on another commit is a false alarm
        bad = [f for f in found if f[0] != "low" and not hit(f[1])]
        alarms += len(bad)
        for commit in commits:
            relic += 1
            ok = any(c.startswith(commit) or commit.startswith(c[:len(commit)])
                     for _, c in found)
            named += ok
            print("  %-28s %s relicensing %s: %s" % (name, "ok  " if ok else "MISS",
                  commit, ", ".join("%s %s" % f for f in found) or "no finding"))
        if bad:
            print("  %-28s FALSE ALARM %s" % (name, ", ".join("%s %s" % f for f in bad)))
        elif found and not commits:
            print("  %-28s low only %s" % (name, ", ".join("%s %s" % f for f in found)))
    print("relicensing commits named: %d/%d; false medium/high change alarms: %d"
          % (named, relic, alarms))
    shutil.rmtree(tmp)

n = rows - missing
r = n - errors
print("projects: %d (%d without mirror, %d that could not be read), %.1f s" %
      (rows, missing, errors, time.monotonic() - t0))
for label, k in (("exact", exact), ("family", fam)):
    if n:
        print("%-6s agreement: %d/%d of all (%.0f%%), %d/%d of those read (%.0f%%)"
              % (label, k, n, 100.0 * k / n, k, r, 100.0 * k / r if r else 0))
PY
