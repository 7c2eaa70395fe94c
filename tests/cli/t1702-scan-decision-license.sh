#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The overall decision, license path: under the default license policy
# (OSI-approved allowed, other free licenses to review) a source-available
# license and no license at all make the component AVOID, whatever the
# origin policy says, and the reason names the license; a free license
# without OSI approval (curl's) is EVALUATE with a question, never AVOID.
# --license-policy takes the `license --policy` file format.
. "$SRCDIR/tests/cli/lib.sh"

# A project under the curl license (its SPDX text).
git init -q lic-curl
cp "$SRCDIR/licenses/text/curl.txt" lic-curl/COPYING
git -C lic-curl add COPYING
git -C lic-curl -c user.name=A -c user.email=a@example.org commit -q -m init
expect_exit 0 scan --db r.db "$FIXTURES/lic-busl" "$FIXTURES/lic-none" "$FIXTURES/lic-apache" lic-curl
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
    assert lic in r[0]["reason"] and "default (OSI-approved" in r[0]["reason"], r
    assert any(f["code"] == "decision/license/denied" and lic in f["message"]
               for f in c["findings"]), name
assert [x["decision"] for x in d["lic-apache"]["decision_reasons"]
        if x["source"] == "license"] == ["ACCEPT"]
c = d["lic-curl"]
assert c["facts"]["license.concluded"] == "curl", c["facts"].get("license.concluded")
r = [x for x in c["decision_reasons"] if x["source"] == "license"]
assert len(r) == 1 and r[0]["decision"] == "EVALUATE", r
assert r[0]["code"] == "license/review" and "curl" in r[0]["reason"], r
assert r[0]["question"], r
assert c["decision"] == "EVALUATE", c["decision"]
PY
# The CSV report carries the same decision, per row of the component.
expect_exit 0 report --db r.db --format csv
python3 - <<'PY' || fail "decision columns of the CSV report"
import csv
rows = list(csv.DictReader(open("out")))
by = {}
for r in rows:
    by.setdefault(r["component"], set()).add(
        (r["decision"], r["origin_decision"], "license/" in r["decision_reasons"]))
assert by["lic-busl"] == {("AVOID", "ACCEPT", True)}, by["lic-busl"]
assert by["lic-curl"] == {("EVALUATE", "ACCEPT", True)}, by["lic-curl"]
assert all("license/review" in r["decision_reasons"] for r in rows
           if r["component"] == "lic-curl")
PY
expect_exit 0 policy explain --db r.db lic-curl
expect_stdout_match '^ +EVALUATE +license +license/review: license curl needs review under the license policy'
# An explicit policy without a review list denies it.
echo '{ "allow": { "osi": true } }' >osi.json
expect_exit 0 scan --db o.db --license-policy osi.json lic-curl
expect_exit 0 report --db o.db --format json
python3 - <<'PY' || fail "curl under an OSI-only policy file"
import json
c = json.load(open("out"))["components"][0]
r = [x for x in c["decision_reasons"] if x["source"] == "license"][0]
assert r["code"] == "license/denied" and c["decision"] == "AVOID", r
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
