#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The overall decision, health path: a component the origin and license
# policies accept is EVALUATE when a health threshold of
# rules/decision.json is crossed (lic-mit: one author made half of the
# last year's commits), with the question the reviewer must answer.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 scan --db r.db "$FIXTURES/lic-mit" "$FIXTURES/lic-dual"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "health path"
import json
d = {c["name"]: c for c in json.load(open("out"))["components"]}
c = d["lic-mit"]
assert c["decision"] == "EVALUATE" and c["origin_decision"] == "ACCEPT", c["decision"]
h = [x for x in c["decision_reasons"] if x["source"] == "health"]
assert [x["code"] for x in h] == ["health/lottery-factor"], h
assert h[0]["decision"] == "EVALUATE" and h[0]["question"].startswith("Who maintains"), h
# No threshold crossed: the health reason says so and accepts.
h = [x for x in d["lic-dual"]["decision_reasons"] if x["source"] == "health"]
assert [(x["code"], x["decision"]) for x in h] == [("health/ok", "ACCEPT")], h
assert "rules/decision.json" in h[0]["reason"]
assert d["lic-dual"]["decision"] == "ACCEPT"
PY
expect_exit 0 policy explain --db r.db lic-mit
expect_stdout_match '^decision: EVALUATE \(origin policy alone: ACCEPT\)$'
expect_stdout_match '^ +EVALUATE +health +health/lottery-factor: '
expect_stdout_match '^ +question: Who maintains the component'

# The relicensing-risk check (risk category, weight 0) records its
# evidence: lic-changed moved from Apache-2.0 to BUSL-1.1.
expect_exit 0 scan --db c.db "$FIXTURES/lic-changed"
expect_exit 0 report --db c.db --format json
python3 - <<'PY' || fail "relicensing-risk evidence"
import json
c = json.load(open("out"))["components"][0]
k = [x for x in c["checks"] if x["check"] == "relicensing-risk"][0]
assert k["category"] == "risk" and k["state"] == "scored", k
assert k["score"] == 6.0, k
ev = " ".join(k["evidence"])
assert "relicensed before: LICENSE changed from Apache-2.0 to BUSL-1.1" in ev, ev
assert "source-available" in ev, ev
assert c["facts"]["relicensing.cla"] == "none"
PY
