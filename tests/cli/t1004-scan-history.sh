#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan on multi-org: CHAOSS windows and DCO facts exactly as git gives
# them (NOW pinned to 2026-11-01), and a re-scan walks no commit again.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/multi-org
expect_exit 0 scan --db r.db --jobs 1 "$R" "$FIXTURES/mature"
expect_exit 0 report --db r.db --format json
cp out first.json
python3 - "$R" <<'PY' || fail "history facts"
import json, subprocess, sys
repo = sys.argv[1]
git = lambda *a: subprocess.check_output(["git", "-C", repo] + list(a), text=True).strip()
d = {c["name"]: c for c in json.load(open("first.json"))["components"]}
f = d["multi-org"]["facts"]
# Oracles: git's own counts.
assert int(f["activity.commits_all"]) == int(git("rev-list", "--count", "HEAD")), f
assert int(f["activity.commits_365"]) == int(git("rev-list", "--count", "--since=2025-11-01T00:00:00Z", "HEAD")), f
assert int(f["activity.commits_90"]) == int(git("rev-list", "--count", "--since=2026-08-03T00:00:00Z", "HEAD")), f
authors = {l.split("<")[1] for l in git("shortlog", "-sne", "--since=2025-11-01T00:00:00Z", "HEAD").splitlines()}
assert int(f["activity.authors_365"]) == len(authors), (f, authors)
# Known facts of the fixture (fixtures/EXPECTED.md).
assert f["activity.absence_factor_365"] == "2", f
assert f["activity.elephant_factor_365"] == "2", f
assert f["activity.new_authors_365"] == "4", f
assert f["activity.inactive_authors"] == "1", f
assert f["history.walked"] == f["activity.commits_all"], f
orgs = json.loads(f["activity.orgs_365"])
assert sum(orgs.values()) == 17, orgs
c = {x["check"]: x for x in d["multi-org"]["checks"]}
assert c["contributors"]["state"] == "scored", c["contributors"]
assert c["likelihood-to-fail"]["state"] == "scored"
assert d["multi-org"]["risk_level"] in ("low", "medium", "high")
m = {x["check"]: x for x in d["mature"]["checks"]}
assert m["releases"]["score"] > 5, m["releases"]
assert m["signed-releases"]["reason"] == "1 of 5 tags carry a signature", m["signed-releases"]
PY

# Nothing new: the second scan walks no commit and finds the same facts.
expect_exit 0 scan --db r.db --jobs 2 "$R" "$FIXTURES/mature"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "incremental re-scan"
import json
a = {c["name"]: c for c in json.load(open("first.json"))["components"]}
b = {c["name"]: c for c in json.load(open("out"))["components"]}
for n in a:
    fa, fb = dict(a[n]["facts"]), dict(b[n]["facts"])
    assert fb["history.walked"] == "0", (n, fb["history.walked"])
    fa.pop("history.walked"); fb.pop("history.walked")
    assert fa == fb, n
PY
expect_exit 0 diff --db r.db
expect_stdout_match '^changes from run 1 to run 2: 0$'
