#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the repositories of the scale benchmark with git fast-import.

Usage: gen-repos.py N OUTDIR

Writes OUTDIR/r0000 ... as bare repositories and OUTDIR/manifest.json
listing them (docs/manifest.md).  Three sizes, deterministic (fixed
names, dates, contents), every fortieth repository large and every
fifth of the others medium:

  small   12 commits,   40 files of ~1 KiB,  3 authors
  medium 200 commits,  400 files of ~2 KiB, 12 authors, 4 tags
  large 2000 commits, 4000 files of ~2 KiB, 40 authors, 20 tags, one
        4 MiB binary blob

Each repository has a LICENSE (Apache-2.0, MIT-like, or GPL-3.0 from
licenses/text) and a CI workflow.
"""
import json
import os
import subprocess
import sys

SIZES = {
    "small": (12, 40, 1024, 3, 0),
    "medium": (200, 400, 2048, 12, 4),
    "large": (2000, 4000, 2048, 40, 20),
}
T0 = 1700000000  # 2023-11-14, so the history reaches the review date
LICENSES = ["Apache-2.0", "MIT", "GPL-3.0-only"]


def kind(i):
    if i % 40 == 39:
        return "large"
    if i % 5 == 4:
        return "medium"
    return "small"


def blob(out, data):
    out.write(b"data %d\n" % len(data))
    out.write(data)
    out.write(b"\n")


def text(seed, size):
    line = ("line %d of a generated source file for the scale benchmark\n"
            % seed).encode()
    return (line * (size // len(line) + 1))[:size]


def stream(out, name, size, license_text):
    commits, files, fsize, authors, tags = SIZES[size]
    per = max(1, files // commits)
    made = 0
    for c in range(commits):
        a = c % authors
        when = T0 + c * (30 * 86400 * 24 // commits)
        msg = ("change %d of %s\n\nSigned-off-by: Dev %d <dev%d@org%d.example>\n"
               % (c, name, a, a, a % 5)).encode()
        out.write(b"commit refs/heads/main\nmark :%d\n" % (c + 1))
        out.write(b"committer Dev %d <dev%d@org%d.example> %d +0100\n"
                  % (a, a, a % 5, when))
        blob(out, msg)
        if c == 0:
            out.write(b"M 100644 inline LICENSE\n")
            blob(out, license_text)
            out.write(b"M 100644 inline .github/workflows/ci.yml\n")
            blob(out, b"on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
                      b"    steps:\n      - uses: actions/checkout@v4\n"
                      b"      - run: make check\n")
            out.write(b"M 100644 inline README.md\n")
            blob(out, b"# %s\n" % name.encode())
            if size == "large":
                out.write(b"M 100644 inline assets/blob.bin\n")
                blob(out, bytes((k * 7919) % 251 for k in range(4 << 20)))
        n = per if c < commits - 1 else max(per, files - made)
        for f in range(n):
            path = "src/d%d/f%d.c" % ((made + f) % 17, made + f)
            out.write(b"M 100644 inline %s\n" % path.encode())
            blob(out, text(c * 100003 + f, fsize))
        made += n
        # later commits also touch an old file, as real history does
        if c > 0 and made > 0:
            path = "src/d%d/f%d.c" % ((c * 13 % made) % 17, c * 13 % made)
            out.write(b"M 100644 inline %s\n" % path.encode())
            blob(out, text(c * 7 + 1, fsize))
        out.write(b"\n")
        if tags and c % (commits // tags) == commits // tags - 1:
            out.write(b"reset refs/tags/v1.%d.0\nfrom :%d\n\n"
                      % (c // (commits // tags), c + 1))


def main():
    n = int(sys.argv[1])
    outdir = os.path.abspath(sys.argv[2])
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    lic = {}
    for k in LICENSES:
        p = os.path.join(src, "licenses", "text", k + ".txt")
        lic[k] = open(p, "rb").read()
    os.makedirs(outdir, exist_ok=True)
    comps = []
    for i in range(n):
        name = "r%04d" % i
        path = os.path.join(outdir, name)
        size = kind(i)
        if not os.path.exists(os.path.join(path, "HEAD")):
            subprocess.run(["git", "init", "-q", "--bare", "-b", "main", path],
                           check=True)
            p = subprocess.Popen(["git", "-C", path, "fast-import", "--quiet"],
                                 stdin=subprocess.PIPE)
            stream(p.stdin, name, size, lic[LICENSES[i % 3]])
            p.stdin.close()
            if p.wait() != 0:
                sys.exit("fast-import failed for " + name)
        comps.append({"name": name, "repo": path, "category": size,
                      "origin_country": ["DE", "US", "FR", "CN"][i % 4]})
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump({"name": "scale benchmark", "components": comps}, f,
                  indent=1)


main()
