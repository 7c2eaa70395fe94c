#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Waivers, expired: a waiver past its expiry day does not apply; the
# reason counts again, the report says the waiver expired, and the expiry
# is a finding of its own.  OSSHEALTH_NOW is 2026-11-01.
. "$SRCDIR/tests/cli/lib.sh"

cat >waivers.json <<'J'
{"version": 1,
 "waivers": [
  {"component": "lic-busl", "code": "license/denied",
   "reason": "evaluation license", "approved_by": "J. Doe (legal)",
   "expires": "2026-10-31"},
  {"component": "lic-busl", "code": "security/security-policy",
   "reason": "old exception", "approved_by": "A. Roe",
   "expires": "2025-01-01"}
 ]}
J
expect_exit 0 scan --db r.db --waivers waivers.json "$FIXTURES/lic-busl"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "expired waivers"
import json
c = json.load(open("out"))["components"][0]
assert c["decision"] == "AVOID", c["decision"]
r = [x for x in c["decision_reasons"] if x["source"] == "license"][0]
assert r["waiver"]["state"] == "expired", r
exp = sorted(x["message"] for x in c["findings"] if x["code"].startswith("waiver/expired/"))
assert len(exp) == 2, exp
assert "license/denied expired on 2026-10-31" in exp[0], exp
assert "security/security-policy expired on 2025-01-01" in exp[1], exp
assert all(x["severity"] == "medium" for x in c["findings"] if x["code"].startswith("waiver/expired/"))
f = [x for x in c["findings"] if x["code"] == "security/security-policy"][0]
assert f["severity"] != "info" and not f["message"].startswith("waived"), f
PY
expect_exit 1 policy explain --db r.db lic-busl
expect_stdout_match '^decision: AVOID '
expect_stdout_match '^ +waiver expired on 2026-10-31 \(approved by J\. Doe \(legal\)\): evaluation license$'
