#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan on fixture repositories: specific scores and reasons, a failing
# component does not stop the batch, reports in every format.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"

cat >m.json <<JSON
{"name": "cli test", "components": [
  {"name": "mature", "repo": "$FIXTURES/mature", "alternatives": ["x", "y"]},
  {"name": "lic-none", "repo": "$FIXTURES/lic-none"},
  {"name": "broken", "repo": "$TEST_DIR/no-such-repo"},
  {"name": "secret", "repo": "https://user:s3cret@127.0.0.1:9/x.git"}
]}
JSON

expect_exit 3 scan --db r.db --jobs 2 m.json
expect_stdout_match '^run 1: 4 components, 2 scanned, 2 failed, 0 already done$'
expect_stderr_match "broken: .*no-such-repo: cannot open the repository"
# Credentials never reach the database or the messages.
grep -q s3cret err && fail "credentials in an error message"
sqlite3 r.db .dump | grep -q s3cret && fail "credentials in the database"
sqlite3 r.db "SELECT url FROM repositories WHERE kind = 'remote'" |
	grep -qx 'https://127.0.0.1:9/x' || fail "normalised, redacted URL not recorded"

expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "JSON report assertions"
import json
d = json.load(open("out"))
assert d["schema"] == "osshealth-report/1"
comps = {c["name"]: c for c in d["components"]}
assert comps["broken"]["status"] == "failed"
assert "cannot open the repository" in comps["broken"]["error"]
checks = {c["check"]: c for c in comps["mature"]["checks"]}
ba = checks["binary-artifacts"]
assert ba["state"] == "scored" and ba["score"] < 10, ba
assert any("bin/tool.exe" in e for e in ba["evidence"]), ba
assert checks["security-policy"]["score"] == 10, checks["security-policy"]
assert checks["ci"]["score"] == 10
assert checks["ease-of-replacement"]["score"] == 10
# Facts not collected offline are unknown, never zero.
v = checks["vulnerabilities"]
assert v["state"] == "unknown" and v["score"] is None, v
none = {c["check"]: c for c in comps["lic-none"]["checks"]}
assert none["ease-of-replacement"]["state"] == "unknown"
assert any(f["code"] == "security/binary-artifacts"
           for f in comps["mature"]["findings"]) or ba["score"] > 3
PY

# Text, Markdown, CSV, HTML, SARIF and JUnit all render.
expect_exit 0 report --db r.db
expect_stdout_match '^mature +done'
expect_stdout_match '^broken +failed'
expect_stdout_match 'binary-artifacts .*bin/tool.exe'
for f in md csv html sarif junit; do
	expect_exit 0 report --db r.db --format $f -o report.$f
	[ -s report.$f ] || fail "empty $f report"
done
grep -q '^"run","component"\|^run,component' report.csv || fail "csv header"
python3 -c 'import json; json.load(open("report.sarif"))' || fail "sarif json"
python3 -c 'import xml.dom.minidom as m; m.parse("report.junit")' ||
	fail "junit xml"
grep -q '<svg class="chart-scores"' report.html || fail "html chart"

# A second scan is a second run; diff compares them.
expect_exit 3 scan --db r.db --jobs 1 m.json
expect_stdout_match '^run 2: 4 components'
expect_exit 0 diff --db r.db
expect_stdout_match '^changes from run 1 to run 2: 0$'
expect_exit 0 db info --db r.db
expect_stdout_match '^runs: 2$'

# Bad input: unreadable manifest, bad JSON with its position, bad jobs.
printf '{"components": [\n  {"name": }\n]}' >bad.json
expect_exit 2 scan --db r.db bad.json
expect_stderr_match '^osshealth: bad.json:2:12: invalid JSON$'
expect_exit 2 scan --db r.db --jobs 0 m.json
expect_stderr_match "--jobs wants a number from 1 to 64, not '0'"
expect_exit 2 scan --db r.db
expect_stderr_match 'name at least one manifest'
expect_exit 2 report --db r.db --run 99
expect_stderr_match 'no review run 99'
