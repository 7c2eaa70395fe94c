#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The overall decision, origin path: a security-critical component from
# outside the allied set is AVOID by the origin policy even though its
# license is allowed; the report, the database and `policy explain` show
# the overall decision, the origin policy's alone and the three sources.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 scan --db r.db "$SRCDIR/fixtures/demo.json"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "origin path in the JSON report"
import json
d = {c["name"]: c for c in json.load(open("out"))["components"]}
m = d["mature"]
assert m["decision"] == "AVOID" and m["origin_decision"] == "AVOID", m
src = {r["source"]: r for r in m["decision_reasons"]}
assert set(src) == {"origin", "license", "health"}, src
assert src["origin"]["decision"] == "AVOID"
assert src["origin"]["code"] == "origin/security-critical-outside-allied"
assert src["license"]["decision"] == "ACCEPT" and "MIT" in src["license"]["reason"]
# multi-org: EVALUATE from the origin alone, the others accept.
o = d["multi-org"]
assert o["decision"] == "EVALUATE" and o["origin_decision"] == "EVALUATE"
assert [r["decision"] for r in o["decision_reasons"]] == ["EVALUATE", "ACCEPT", "ACCEPT"]
PY
# The database holds the same, in columns beside the overall decision.
[ "$(sqlite3 r.db "SELECT rc.decision || ' ' || rc.origin_decision FROM run_components rc JOIN components c ON c.id = rc.component_id WHERE c.name = 'mature'")" = "AVOID AVOID" ] ||
	fail "decision columns"
sqlite3 r.db "SELECT decision_reasons FROM run_components rc JOIN components c ON c.id = rc.component_id WHERE c.name = 'mature'" |
	grep -q '"source":"origin","decision":"AVOID"' || fail "decision_reasons column"

expect_exit 1 policy explain --db r.db mature
expect_stdout_match '^decision: AVOID \(origin policy alone: AVOID\)$'
expect_stdout_match '^ +AVOID +origin +origin/security-critical-outside-allied: '
expect_stdout_match '^ +ACCEPT +license +license/allowed: license MIT is allowed'
expect_stdout_match '^ +[A-Z]+ +health +health/'
expect_stdout_match '^origin policy:$'
expect_stdout_match '^mature: AVOID \(decided by security-critical-outside-allied\)$'
expect_exit 1 policy explain --db r.db --format json mature
sed 1d out | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["decision"] == "AVOID" and d["origin_decision"] == "AVOID", d
assert [r["source"] for r in d["decision_reasons"]] == ["origin", "license", "health"]
assert d["origin"]["components"][0]["decision"] == "AVOID", d["origin"]
' || fail "explain json"

expect_exit 0 report --db r.db --format text
expect_stdout_match '^  decision AVOID \(origin policy alone: AVOID\)$'
expect_exit 0 report --db r.db --format md
expect_stdout_match '^Decision \*\*AVOID\*\* \(origin policy alone: AVOID\), because:$'
expect_stdout_match '^- \*\*AVOID\*\* \(origin\) `origin/security-critical-outside-allied`'
expect_exit 0 report --db r.db --format html
expect_stdout_match 'origin policy alone: AVOID'
expect_stdout_match '<table class="reasons">'
