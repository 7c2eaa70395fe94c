#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan decides the origin policy per component; policy explain shows the
# recorded decision with the rules that fired and the EVALUATE answers
# taken from the health results.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 scan --db r.db "$SRCDIR/fixtures/demo.json"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "decisions in the report"
import json
d = {c["name"]: c for c in json.load(open("out"))["components"]}
assert d["mature"]["decision"] == "AVOID", d["mature"]["decision"]
assert d["multi-org"]["decision"] == "EVALUATE"
assert d["lic-apache"]["decision"] == "ACCEPT"
assert d["lic-apache"]["facts"]["policy.decided_by"].startswith("neutral-foundation")
assert any(f["code"] == "policy/avoid" and f["severity"] == "high"
           for f in d["mature"]["findings"])
PY
expect_exit 1 policy explain --db r.db mature
expect_stdout_match '^mature: AVOID \(decided by security-critical-outside-allied\)$'
expect_stdout_match 'security-critical: yes'
expect_exit 0 policy explain --db r.db multi-org
expect_stdout_match '^multi-org: EVALUATE \(decided by country-of-concern\)$'
# The questions are answered from the scan's health results, not unknown.
expect_stdout_match 'question maturity: maturity score [0-9.]+/10'
expect_stdout_match 'question community-diversity: elephant factor 2; 7 distinct authors'
expect_exit 0 policy explain --db r.db --format json multi-org
sed 1d out | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "explain json"

# Another jurisdiction is another profile, named in the run and the output.
expect_exit 0 scan --db r.db --profile uk --new-run "$SRCDIR/fixtures/demo.json"
expect_exit 1 policy explain --db r.db mature
expect_stdout_match '^profile: uk '
expect_exit 2 scan --db r.db --profile atlantis "$SRCDIR/fixtures/demo.json"
expect_stderr_match "no policy profile named 'atlantis'"

# Errors name what is missing.
expect_exit 2 policy explain --db r.db nosuch
expect_stderr_match "has no component 'nosuch'"
expect_exit 2 policy explain --db r.db
expect_stderr_match 'name exactly one component'

# The explanation names the rules file the scan really loaded.
cp "$SRCDIR/rules/policy.json" my-policy.json
expect_exit 0 scan --db p.db --policy my-policy.json "$FIXTURES/lic-apache"
expect_exit 0 policy explain --db p.db lic-apache
expect_stdout_match '^rules: my-policy\.json$'
expect_stdout_nomatch 'rules/policy\.json'

# The classification is stored as data (issue 13), rendered when shown: no
# rendered text among the facts, and the text and JSON explanations come
# from the same stored document.
expect_exit 0 report --db p.db --format json
python3 - <<'PY' || fail "policy facts are data"
import json
c = json.load(open("out"))["components"][0]
assert "policy.explain" not in c["facts"] and "decision.explain" not in c["facts"], sorted(c["facts"])
r = json.loads(c["facts"]["policy.result"])
assert r["rules"] == "my-policy.json", r["rules"]
assert r["components"][0]["name"] == "lic-apache"
json.loads(c["facts"]["decision.reasons"])
PY
# A stored document that cannot be read says so instead of printing nothing.
sqlite3 p.db "UPDATE facts SET value = '{broken' WHERE key = 'policy.result'" 2>/dev/null ||
	python3 -c "import sqlite3; c=sqlite3.connect('p.db'); c.execute(\"UPDATE facts SET value='{broken' WHERE key='policy.result'\"); c.commit()"
expect_exit 0 policy explain --db p.db lic-apache
expect_stdout_match 'the stored classification cannot be read'
