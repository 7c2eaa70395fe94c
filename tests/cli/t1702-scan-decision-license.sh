#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The overall decision, license path: under the default license policy
# (OSI-approved only) a source-available license and no license at all
# make the component AVOID, whatever the origin policy says, and the
# reason names the license.  --license-policy takes the `license
# --policy` file format.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 scan --db r.db "$FIXTURES/lic-busl" "$FIXTURES/lic-none" "$FIXTURES/lic-apache"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "license path under the default policy"
import json
d = {c["name"]: c for c in json.load(open("out"))["components"]}
for name, lic in (("lic-busl", "BUSL-1.1"), ("lic-none", "NONE")):
    c = d[name]
    assert c["decision"] == "AVOID", (name, c["decision"])
    assert c["origin_decision"] != "AVOID", (name, c["origin_decision"])
    r = [x for x in c["decision_reasons"] if x["source"] == "license"]
    assert len(r) == 1 and r[0]["decision"] == "AVOID", r
    assert r[0]["code"] == "license/denied"
    assert lic in r[0]["reason"] and "OSI-approved only" in r[0]["reason"], r
    assert any(f["code"] == "decision/license/denied" and lic in f["message"]
               for f in c["findings"]), name
assert [x["decision"] for x in d["lic-apache"]["decision_reasons"]
        if x["source"] == "license"] == ["ACCEPT"]
PY
expect_exit 1 policy explain --db r.db lic-busl
expect_stdout_match '^ +AVOID +license +license/denied: license BUSL-1\.1 is not allowed by the license policy'

# A policy that allows BUSL-1.1 by id: the license reason accepts, and it is
# named in the reason.
cat >busl-ok.json <<'J'
{ "allow": { "osi": true, "ids": ["BUSL-1.1"] } }
J
expect_exit 0 scan --db p.db --license-policy busl-ok.json "$FIXTURES/lic-busl"
expect_exit 0 report --db p.db --format json
python3 - <<'PY' || fail "license path under a custom policy"
import json
c = json.load(open("out"))["components"][0]
r = [x for x in c["decision_reasons"] if x["source"] == "license"][0]
assert r["decision"] == "ACCEPT" and "busl-ok.json" in r["reason"], r
assert c["decision"] != "AVOID", c["decision"]
PY

# A license policy that is not valid stops the scan before it starts.
echo '{ "allow": { "osi": "yes" } }' >bad.json
expect_exit 2 scan --db q.db --license-policy bad.json "$FIXTURES/lic-busl"
expect_stderr_match "bad\.json"
expect_exit 2 scan --db q.db --license-policy nosuch.json "$FIXTURES/lic-busl"
expect_stderr_match "nosuch\.json"
