#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan --vulns local|online|off: the imported OSV records feed the
# vulnerabilities check (findings with evidence) and the time-to-fix
# check, offline; off leaves both unknown; nothing imported: unknown.
. "$SRCDIR/tests/cli/lib.sh"

repo=$FIXTURES/vulns-branchy
[ -d "$repo" ] || fail "fixture vulns-branchy is missing"
"$SRCDIR/fixtures/vulns-records.sh" "$repo" rec
git clone -q --bare "$repo" vb.git
git -C vb.git remote set-url origin https://git.example.org/vulns-branchy.git
cat >m.json <<JSON
{"components": [{"name": "vb", "repo": "$PWD/vb.git", "ref": "v1.1"}]}
JSON

# Nothing imported yet: unknown, with the reason.
expect_exit 0 scan --offline --vulns local --db v.db m.json
expect_exit 0 report --db v.db --format json
python3 - <<'PY' || fail "scan without records"
import json
c = json.load(open("out"))["components"][0]
chk = {x["check"]: x for x in c["checks"]}
assert chk["vulnerabilities"]["state"] == "unknown", chk["vulnerabilities"]
assert "no OSV records imported" in chk["vulnerabilities"]["reason"]
assert chk["time-to-fix"]["state"] == "unknown"
PY

expect_exit 3 vulns import --db v.db rec
# v1.1 is the release branch after the cherry-picked fix: T1 (fix listed
# on main only), T3 (introduced 0) and T6 affect it.
expect_exit 0 scan --offline --new-run --vulns local --db v.db m.json
expect_exit 0 report --db v.db --format json
python3 - <<'PY' || fail "scan --vulns local"
import json
c = json.load(open("out"))["components"][0]
chk = {x["check"]: x for x in c["checks"]}
v = chk["vulnerabilities"]
assert v["state"] == "scored" and v["score"] == 4, v
assert "3 known vulnerabilities" in v["reason"] and "local OSV records" in v["reason"], v
assert v["evidence"] == ["T1-basic, T3-zero, T6-multi"], v["evidence"]
t = chk["time-to-fix"]
assert t["state"] == "scored" and t["score"] == 10, t
f = [x for x in c["findings"] if x["code"] == "security/vulnerability"]
assert len(f) == 3, f
ev = {x["message"].split(" ")[0]: x["evidence"] for x in f}
e = ev["T1-basic"]
e = json.loads(e) if isinstance(e, str) else e
assert e["aliases"] == ["CVE-2025-1"] and e["severity"] == "HIGH", e
assert e["fix_on_default_branch"] is True and e["fix_release"] == "v2.0", e
PY

# off: neither local nor online.
expect_exit 0 scan --offline --new-run --vulns off --db v.db m.json
expect_exit 0 report --db v.db --format json
python3 - <<'PY' || fail "scan --vulns off"
import json
c = json.load(open("out"))["components"][0]
chk = {x["check"]: x for x in c["checks"]}
assert chk["vulnerabilities"]["state"] == "unknown"
assert not [x for x in c["findings"] if x["code"] == "security/vulnerability"]
PY

expect_exit 2 scan --vulns sometimes --db v.db m.json
expect_stderr_match "--vulns wants local, online or off, not 'sometimes'"
