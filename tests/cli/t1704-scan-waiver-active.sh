#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Waivers, active: a waived reason no longer counts in the overall
# decision but stays in every report marked as waived; a waived finding
# and a waived health check drop to severity info with the reason; the
# waivers file is stored with the run.  OSSHEALTH_NOW is 2026-11-01.
. "$SRCDIR/tests/cli/lib.sh"

cat >waivers.json <<'J'
{"version": 1,
 "waivers": [
  {"component": "lic-busl", "code": "license/denied",
   "reason": "commercial license bought, contract 114",
   "approved_by": "J. Doe (legal)", "expires": "2027-06-30"},
  {"component": "lic-busl", "code": "license/license-non-osi",
   "reason": "see contract 114", "approved_by": "J. Doe (legal)",
   "expires": "2026-11-01"},
  {"component": "lic-busl", "code": "security/security-policy",
   "reason": "vendor support contract covers reports",
   "approved_by": "A. Roe (security)", "expires": "2027-01-31"}
 ]}
J
expect_exit 0 scan --db r.db --waivers waivers.json "$FIXTURES/lic-busl" "$FIXTURES/lic-none"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "waived reason, finding and check"
import json
d = {c["name"]: c for c in json.load(open("out"))["components"]}
c = d["lic-busl"]
# The license reason is waived; health (risk high) still asks to evaluate.
assert c["decision"] == "EVALUATE", c["decision"]
r = [x for x in c["decision_reasons"] if x["source"] == "license"][0]
assert r["decision"] == "AVOID" and r["waiver"]["state"] == "active", r
assert r["waiver"]["approved_by"] == "J. Doe (legal)"
f = {x["code"]: x for x in c["findings"]}
assert "commercial license bought" in f["waiver/applied/license/denied"]["message"]
# The expiry day itself still counts as covered.
assert f["license/license-non-osi"]["severity"] == "info", f["license/license-non-osi"]
assert f["license/license-non-osi"]["message"].startswith("waived until 2026-11-01 by J. Doe (legal)")
assert f["security/security-policy"]["severity"] == "info"
assert "vendor support contract" in f["security/security-policy"]["message"]
assert not any(x["code"].startswith("waiver/expired") for x in c["findings"])
# The waivers name a component and do not touch another.
assert d["lic-none"]["decision"] == "AVOID"
assert not any(x.get("waiver") for x in d["lic-none"]["decision_reasons"])
PY
sqlite3 r.db 'SELECT source, content FROM run_waivers' >stored
grep -q '^waivers.json|' stored || fail "waivers file name not stored"
grep -q 'contract 114' stored || fail "waivers content not stored"

expect_exit 0 policy explain --db r.db lic-busl
expect_stdout_match '^decision: EVALUATE \(origin policy alone: ACCEPT\)$'
expect_stdout_match '^ +waived until 2027-06-30 \(approved by J\. Doe \(legal\)\): commercial license bought'
expect_exit 0 report --db r.db --format text
expect_stdout_match 'waived until 2027-06-30'
expect_exit 0 report --db r.db --format html
expect_stdout_match '<tr class="waived">'

# A malformed waivers file stops the scan with the key named.
echo '{"waivers": [{"component": "x"}]}' >bad.json
expect_exit 2 scan --db q.db --waivers bad.json "$FIXTURES/lic-busl"
expect_stderr_match "bad\.json: waivers\[0\]: 'code' is required"
