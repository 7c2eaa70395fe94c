#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Differential test of the trailer reader against git: 2000 messages made
# of awkward lines (seeded, so every run is the same), committed with git
# fast-import, read by `osshealth history --db` and by
# `git log --format=%(trailers:unfold,only)`; every trailer must agree.
. "$SRCDIR/tests/cli/lib.sh"

git init -q --bare r.git
python3 - >stream <<'PY'
import random, sys
random.seed(20261101)
frag = ["Subject line", "", "", "Body text.", "Signed-off-by: A <a@x.org>",
        "signed-off-by: B <b@x.org>", "Reviewed-by: C <c@x.org>",
        "Key: value", "  continued", "\tcont tab", "---", "# comment",
        "Key :v", "(cherry picked from commit abcdef)", "[maint: note]",
        "http://x.org/y", "Not a trailer", " ", "\r",
        "Acked-by: D <d@x.org>\r", "Conflicts:", "\tfile.c",
        "# ------------------------ >8 ------------------------",
        "Co-authored-by: E <e@x.org>", "X-y_z: w", "K\u00e9y: v", ":x",
        "-: y", "Signed-off-by:", "Signed-off-by : F <f@x.org>"]
out = sys.stdout.buffer
for i in range(1, 2001):
    lines = [random.choice(frag) for _ in range(random.randint(1, 12))]
    sep = "\r\n" if random.random() < 0.15 else "\n"
    b = (sep.join(lines) + (sep if random.random() < 0.8 else "")).encode()
    out.write(b"commit refs/heads/main\nmark :%d\n" % i)
    out.write(b"committer T <t@x> %d +0000\n" % (1000000000 + i))
    out.write(b"data %d\n" % len(b) + b + b"\n")
    if i > 1:
        out.write(b"from :%d\n" % (i - 1))
    out.write(b"\n")
PY
git -C r.git fast-import --quiet <stream
git -C r.git symbolic-ref HEAD refs/heads/main
expect_exit 0 history --repo r.git --db h.db
expect_stdout_match '^commits: 2000$'
git -C r.git log --format='%H%x00%(trailers:unfold,only)%x01' >git.txt
sqlite3 -separator "$(printf '\t')" h.db \
	'SELECT commit_id, key, value FROM trailers ORDER BY commit_id, seq' >ours.txt
python3 - <<'PY' || fail "trailers differ from git log"
g = {}
data = open("git.txt", "rb").read().decode("utf-8", "surrogateescape")
for rec in data.split("\x01"):
    rec = rec.lstrip("\n")
    if rec:
        h, _, t = rec.partition("\x00")
        g[h] = [l for l in t.split("\n") if l != ""]
o = {}
for line in open("ours.txt", "rb").read().decode("utf-8", "surrogateescape").split("\n"):
    if line:
        h, k, v = line.split("\t", 2)
        o.setdefault(h, []).append(k + ": " + v)
bad = [h for h in g if g[h] != o.get(h, [])]
n = sum(len(v) for v in g.values())
assert len(g) == 2000 and n > 300, (len(g), n)
for h in bad[:5]:
    print(h, g[h], o.get(h))
assert not bad, "%d of %d commits differ" % (len(bad), len(g))
PY
