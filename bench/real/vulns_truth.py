#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Independent check of `osshealth vulns check` on real projects: the
# records of google/oss-fuzz-vulns for curl, libxml2, pcre2 and libgit2,
# decided at several revisions of each project's mirror by the OSV GIT
# range rules written here again in Python, with `git merge-base
# --is-ancestor` (and `git cat-file -e` for missing commits) as the
# oracle, compared with osshealth's verdicts.  Writes the truth table
# (one row per project, revision and record) to stdout as TSV and the
# figures to stderr.
#
# Revisions: three release tags and HEAD of each project, and with
# --edges also every record's introduced commit and the first parent of
# every fixed commit (where verdicts change), deduplicated.
#
# Usage: vulns_truth.py [--edges] OSSHEALTH OFV_DIR MIRRORS >vulns.tsv
#   OFV_DIR   the oss-fuzz-vulns tree (git archive of the fetched repo)
#   MIRRORS   /work/.mirror (bare mirrors <owner>+<name>/repo)
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

PROJECTS = [
    # name, mirror, record URL, revisions
    ("curl", "curl+curl", "https://github.com/curl/curl.git",
     ["curl-7_70_0", "curl-7_85_0", "curl-8_5_0", "HEAD"]),
    ("libxml2", "GNOME+libxml2", "https://gitlab.gnome.org/GNOME/libxml2.git",
     ["v2.9.10", "v2.10.0", "v2.12.0", "HEAD"]),
    ("pcre2", "PCRE2Project+pcre2", "https://github.com/PCRE2Project/pcre2",
     ["pcre2-10.35", "pcre2-10.40", "pcre2-10.43", "HEAD"]),
    ("libgit2", "libgit2+libgit2", "https://github.com/libgit2/libgit2",
     ["v1.0.0", "v1.4.0", "v1.7.0", "HEAD"]),
]


def norm(url):
    u = url.strip().rstrip("/")
    if u.endswith(".git"):
        u = u[:-4]
    scheme, _, rest = u.partition("://")
    host, _, path = rest.partition("/")
    return scheme.lower() + "://" + host.lower() + "/" + path


class Git:
    def __init__(self, gitdir):
        self.gitdir = gitdir
        self.exists = {}
        self.anc = {}

    def has(self, c):
        if c not in self.exists:
            r = subprocess.run(["git", "--git-dir", self.gitdir, "cat-file",
                                "-e", c + "^{commit}"],
                               stderr=subprocess.DEVNULL)
            self.exists[c] = r.returncode == 0
        return self.exists[c]

    def le(self, a, c):
        """a is c or an ancestor of c; None when a commit is missing."""
        if a == c:
            return True
        if not self.has(a) or not self.has(c):
            return None
        k = (a, c)
        if k not in self.anc:
            r = subprocess.run(["git", "--git-dir", self.gitdir, "merge-base",
                                "--is-ancestor", a, c])
            if r.returncode not in (0, 1):
                raise SystemExit("merge-base failed for %s %s" % k)
            self.anc[k] = r.returncode == 0
        return self.anc[k]


def range_verdict(g, events, c):
    """The OSV GIT rules: 'affected', 'not-affected' or 'unknown'."""
    def any_of(kind, rel):
        hit, miss = False, False
        for e in events:
            if kind not in e:
                continue
            v = str(e[kind])
            if kind == "introduced" and v == "0":
                return True, False
            r = rel(v)
            if r is None:
                miss = True
            elif r:
                return True, miss
        return hit, miss

    intro, miss = any_of("introduced", lambda v: g.le(v, c))
    if not intro:
        return "unknown" if miss else "not-affected"
    fixed, miss_f = any_of("fixed", lambda v: g.le(v, c))
    if fixed:
        return "not-affected"
    last, miss_l = any_of("last_affected",
                          lambda v: False if v == c else g.le(v, c))
    if last:
        return "not-affected"
    if any("limit" in e for e in events):
        lim, miss_lim = any_of("limit",
                               lambda v: False if v == c else g.le(c, v))
        if not lim:
            return "unknown" if miss_lim else "not-affected"
    return "unknown" if (miss_f or miss_l) else "affected"


def load_records(ofv):
    recs = []
    for path in sorted(glob.glob(os.path.join(ofv, "**", "*.yaml"),
                                 recursive=True)):
        with open(path) as f:
            r = yaml.load(f, Loader=yaml.BaseLoader)  # every scalar a string
        if isinstance(r, dict):
            recs.append(r)
    return recs


def git_ranges(rec, key):
    out = []
    for a in rec.get("affected") or []:
        for r in a.get("ranges") or []:
            if r.get("type") == "GIT" and norm(r.get("repo", "")) == key:
                out.append(r.get("events") or [])
    return out


def run_check(osh, db, mirror, rev, url, cache, verdicts_only=True):
    cmd = [osh, "vulns", "check", "--db", db, "--repo", mirror, "--rev", rev,
           "--url", url, "--format", "json"]
    if not cache:
        cmd.append("--no-cache")
    if verdicts_only:
        cmd.append("--verdicts-only")
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if p.returncode not in (0, 1):
        raise SystemExit("vulns check failed: %s\n%s" % (cmd, p.stderr))
    return json.loads(p.stdout), dt


def main():
    args = sys.argv[1:]
    edges = args[:1] == ["--edges"]
    if edges:
        args = args[1:]
    osh, ofv, mirrors = args[:3]
    tmp = tempfile.mkdtemp(prefix="vulns-truth.")
    db = os.path.join(tmp, "v.db")
    subprocess.run([osh, "vulns", "import", "--db", db, ofv], check=True,
                   stdout=subprocess.DEVNULL)
    recs = load_records(ofv)
    print("project\trevision\tcommit\trecord\tgit\tosshealth\tagree")
    total = agree = 0
    times = []
    for name, mdir, url, revs in PROJECTS:
        gitdir = os.path.join(mirrors, mdir, "repo")
        g = Git(gitdir)
        key = norm(url)
        mine = [r for r in recs if r.get("withdrawn") is None
                and git_ranges(r, key)]
        if edges:
            revs = list(revs)
            for r in mine:
                for ev in git_ranges(r, key):
                    for e in ev:
                        v = str(e.get("introduced", "0"))
                        if v != "0" and g.has(v) and v not in revs:
                            revs.append(v)
                        v = str(e.get("fixed", ""))
                        if v and g.has(v) and v + "^" not in revs:
                            revs.append(v + "^")
        for rev in revs:
            c = subprocess.run(["git", "--git-dir", gitdir, "rev-parse",
                                rev + "^{commit}"], capture_output=True,
                               text=True, check=True).stdout.strip()
            cold, t_cold = run_check(osh, db, gitdir, c, url, False)
            _, t_fill = run_check(osh, db, gitdir, c, url, True)
            warm, t_warm = run_check(osh, db, gitdir, c, url, True)
            _, t_full = run_check(osh, db, gitdir, c, url, True, False)
            got = {x["id"]: x["verdict"] for x in cold["records"]}
            got_warm = {x["id"]: x["verdict"] for x in warm["records"]}
            n = 0
            for r in mine:
                verdicts = [range_verdict(g, ev, c)
                            for ev in git_ranges(r, key)]
                if "affected" in verdicts:
                    want = "affected"
                elif "unknown" in verdicts:
                    want = "unknown"
                else:
                    want = "not-affected"
                have = got.get(r["id"], "missing")
                ok = have == want and got_warm.get(r["id"]) == want
                total += 1
                agree += ok
                n += 1
                print("\t".join([name, rev, c, r["id"], want, have,
                                 "yes" if ok else "NO"]))
            times.append((name, rev, n, t_cold, t_fill, t_warm, t_full))
    print("agreement: %d/%d" % (agree, total), file=sys.stderr)
    print("| project | revision | records | no cache (s) | filling the cache"
          " (s) | cached (s) | with fix facts, cached (s) |", file=sys.stderr)
    print("| --- | --- | --- | --- | --- | --- | --- |", file=sys.stderr)
    for name, rev, n, tc, tf, tw, tx in times:
        print("| %s | %s | %d | %.2f | %.2f | %.2f | %.2f |" %
              (name, rev, n, tc, tf, tw, tx), file=sys.stderr)
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
