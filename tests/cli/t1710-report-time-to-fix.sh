#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# "Are security updates provided in a timely manner?": the time-to-fix
# check (days from a vulnerability's publication to the first release
# that fixes it, median over the project's records, from the OSV records
# `vulns import` stored) reaches every report format with its evidence,
# and without records it is unknown with the reason, never a score.
. "$SRCDIR/tests/cli/lib.sh"

repo=$FIXTURES/vulns-branchy
[ -d "$repo" ] || fail "fixture vulns-branchy is missing"
"$SRCDIR/fixtures/vulns-records.sh" "$repo" rec
git clone -q --bare "$repo" vb.git
git -C vb.git remote set-url origin https://git.example.org/vulns-branchy.git
cat >m.json <<JSON
{"components": [{"name": "vb", "repo": "$PWD/vb.git", "ref": "v1.1"}]}
JSON

# No records: unknown, with the reason, in text and HTML.
expect_exit 0 scan --offline --vulns local --db none.db m.json
expect_exit 0 report --db none.db
expect_stdout_match '^    time-to-fix +\? +time to fix needs imported OSV records'
expect_exit 0 report --db none.db --format html
expect_stdout_match '<td>time-to-fix</td><td class="unknown">unknown</td><td>time to fix needs imported OSV records'

expect_exit 3 vulns import --db v.db rec
expect_exit 0 scan --offline --vulns local --db v.db m.json
ev='T1-basic: 0 days to v2.0, T2-cherry: 0 days to v2.0, T3-zero: 0 days to v2.0, T6-multi: 0 days to v2.0'
expect_exit 0 report --db v.db
expect_stdout_match '^    time-to-fix +10\.0  median 0 days from publication to a release with the fix$'
expect_stdout_match "^ {33}$ev\$"
expect_exit 0 report --db v.db --format md
expect_stdout_match "^\| security \| time-to-fix \| 10\.0 \| median 0 days from publication to a release with the fix \(evidence: $ev\) \|\$"
expect_exit 0 report --db v.db --format html
expect_stdout_match "<td>time-to-fix</td><td class=\"num\">10\.0</td><td>median 0 days from publication to a release with the fix<ul class=\"ev\"><li>$ev</li></ul>"
expect_exit 0 report --db v.db --format csv
expect_stdout_match '^1,"vb",done,security,time-to-fix,scored,10\.0,"median 0 days'
expect_exit 0 report --db v.db --format json
python3 - "$ev" <<'PY' || fail "time-to-fix in JSON"
import json, sys
c = json.load(open("out"))["components"][0]
t = [x for x in c["checks"] if x["check"] == "time-to-fix"][0]
assert t["state"] == "scored" and t["score"] == 10, t
assert t["evidence"] == [sys.argv[1]], t["evidence"]
assert c["facts"]["vulns.median_days_to_release"] == "0", c["facts"]
PY
# The vulnerability findings keep their evidence's keys in text.
expect_exit 0 report --db v.db
expect_stdout_match '^ +fix_release: v2\.0$'
expect_stdout_match '^ +aliases: CVE-2025-1$'
