#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# vulns import + check: the OSV GIT range rules on the vulns-branchy
# fixture (merges, a cherry-picked fix on a release branch,
# last_affected, limit, introduced 0, several ranges, a missing fix
# commit), every verdict of every record at every commit; malformed
# records reported and skipped; re-import by `modified`; the cache.
. "$SRCDIR/tests/cli/lib.sh"

repo=$FIXTURES/vulns-branchy
url=https://git.example.org/vulns-branchy.git
[ -d "$repo" ] || fail "fixture vulns-branchy is missing"
"$SRCDIR/fixtures/vulns-records.sh" "$repo" rec

expect_exit 3 vulns import --db v.db rec
expect_stdout_match '^16 records: 11 added, 0 updated, 0 unchanged, 5 skipped as malformed; 1 withdrawn$'
expect_stderr_match "^osshealth: rec/bad/short-hash.yaml: affected\[0\]\.ranges\[0\]\.events\[1\]: 'fixed' must be a full commit id in a GIT range$"
expect_stderr_match "^osshealth: rec/bad/no-modified.json: 'modified' is missing$"
expect_stderr_match "^osshealth: rec/bad/not-json.json:1:[0-9]+: invalid JSON"
expect_stderr_match "^osshealth: rec/bad/bad-type.json: affected\[0\]\.ranges\[0\]: 'type' must be GIT, SEMVER or ECOSYSTEM$"
expect_stderr_match "^osshealth: rec/bad/two-keys.yaml: affected\[0\]\.ranges\[0\]\.events\[0\]: an event must have exactly one of"
# Skipped records are not half-stored.
n=$(sqlite3 v.db "SELECT count(*) FROM vulns WHERE osv_id LIKE 'B%'")
[ "$n" = 0 ] || fail "a malformed record was stored"

# The expected verdict of each record (columns) at each commit (rows):
# a affected, n not affected, u unknown.  T7 names another repository
# and T9 is withdrawn: neither is listed.
cat >expected <<'TABLE'
#  T1 T2 T3 T4 T5 T6 T8
A  n  n  a  n  n  n  n
B  n  n  a  n  n  n  n
I  a  a  a  a  a  a  u
C  a  a  a  a  a  a  u
R  a  a  a  n  a  a  u
P  a  n  a  n  a  a  u
S  a  n  a  n  n  a  u
X  a  a  a  n  n  a  u
F  n  n  n  n  n  n  u
D  n  n  n  n  n  a  u
M  n  n  n  n  n  a  u
E  n  n  n  n  n  n  u
TABLE

commit() {
	git -C "$repo" log --all --format=%H --grep="^$1: " | head -1
}

: >got
grep -v '^#' expected | while read -r letter verdicts; do
	run_osh vulns check --db v.db --repo "$repo" --rev "$(commit "$letter")" --url "$url"
	case $verdicts in *a*) want=1 ;; *) want=0 ;; esac
	[ "$rc" = "$want" ] || fail "check at $letter exited $rc, expected $want"
	line=$letter
	for id in T1-basic T2-cherry T3-zero T4-last T5-limit T6-multi T8-missing; do
		v=$(sed -n "s/^\([a-z-]*\) *$id .*/\1/p" out)
		case $v in
		affected) line="$line  a" ;;
		not-affected) line="$line  n" ;;
		unknown) line="$line  u" ;;
		*) fail "no verdict for $id at $letter" ;;
		esac
	done
	echo "$line" >>got
	if grep -Eq 'T7-other|T9-gone' out; then
		fail "T7 or T9 listed at $letter"
	fi
done
grep -v '^#' expected | diff -u - got >&2 || fail "verdicts differ (- expected, + got)"

# The summary and the fix facts at C: T1's fix F is on the default
# branch, released in v2.0; T2's fix is found on the default branch too.
expect_exit 1 vulns check --db v.db --repo "$repo" --rev "$(commit C)" --url "$url"
expect_stdout_match '^7 records: 6 affected, 0 not affected, 1 unknown, 1 withdrawn skipped$'
expect_stdout_match "^affected +T1-basic \(CVE-2025-1\) severity HIGH fix $(commit F | cut -c1-12) \(on the default branch\), released in v2.0, 0 days to fix: overflow in parse$"
expect_stdout_match '^time to fix \(median of [0-9]+\): 0 days to the fix commit, 0 days to a release$'

# JSON carries the same facts; the second run answers from the cache.
expect_exit 1 vulns check --db v.db --repo "$repo" --rev "$(commit C)" --url "$url" --format json
python3 - <<'PY' || fail "vulns check json"
import json
d = json.load(open("out"))
r = {x["id"]: x for x in d["records"]}
assert r["T1-basic"]["verdict"] == "affected", r["T1-basic"]
assert r["T1-basic"]["cached"] is True
assert r["T1-basic"]["fix_tag"] == "v2.0"
assert r["T1-basic"]["fix_on_default_branch"] is True
assert r["T6-multi"]["severity_type"] == "CVSS_V3"
assert r["T8-missing"]["verdict"] == "unknown"
assert r["T8-missing"]["fix_in_repository"] is False
assert d["summary"]["affected"] == 6
PY
expect_exit 1 vulns check --db v.db --repo "$repo" --rev "$(commit C)" --url "$url" --format json --no-cache
grep -q '"cached":[[:space:]]*true' out && fail "--no-cache answered from the cache"

# SARIF: one result per affected or undecided record.
expect_exit 1 vulns check --db v.db --repo "$repo" --rev "$(commit C)" --url "$url" --format sarif
python3 - <<'PY' || fail "vulns check sarif"
import json
d = json.load(open("out"))
res = d["runs"][0]["results"]
assert len(res) == 7, len(res)
assert sum(1 for x in res if x["ruleId"] == "security/vulnerability") == 6
PY

# Records apply by remote.origin.url when --url is not given.
git clone -q --bare "$repo" withorigin.git
git -C withorigin.git remote set-url origin "$url"
expect_exit 1 vulns check --db v.db --repo withorigin.git --rev "$(commit C)"
expect_stdout_match '^7 records: 6 affected'
git -C withorigin.git remote set-url origin https://git.example.org/other.git
expect_exit 0 vulns check --db v.db --repo withorigin.git
expect_stdout_match '^0 records: '

# Re-import: a later `modified` replaces T1 (now fixed on release-1 too)
# and drops its cached verdicts; an earlier one changes nothing.
sed -e "s/^modified: .*/modified: '2025-05-01T00:00:00.25Z'/" \
	-e "s/^    - fixed: .*/&\n    - fixed: $(commit P)/" \
	rec/yaml/T1-basic.yaml >T1-new.yaml
expect_exit 0 vulns import --db v.db T1-new.yaml
expect_stdout_match '^1 records: 0 added, 1 updated, 0 unchanged'
expect_exit 1 vulns check --db v.db --repo "$repo" --rev "$(commit P)" --url "$url"
expect_stdout_match '^not-affected +T1-basic '
expect_exit 0 vulns import --db v.db rec/yaml/T1-basic.yaml
expect_stdout_match '^1 records: 0 added, 0 updated, 1 unchanged'

# A zip export gives the same records (members ending in .json).
python3 -c '
import sys, zipfile, glob
with zipfile.ZipFile("all.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(glob.glob("rec/json/*.json")):
        z.write(f, f.split("/")[-1])
'
expect_exit 0 vulns import --db z.db all.zip
expect_stdout_match '^5 records: 5 added, 0 updated, 0 unchanged, 0 skipped as malformed; 1 withdrawn$'
printf 'not a zip' >broken.zip
expect_exit 2 vulns import --db z.db broken.zip
expect_stderr_match '^osshealth: broken.zip: not a readable zip archive'

# Usage errors.
expect_exit 2 vulns check --db v.db
expect_stderr_match 'give exactly one of --repo and --purl'
expect_exit 2 vulns check --db v.db --repo "$repo" --purl pkg:npm/x@1.0.0
expect_exit 2 vulns import --db v.db
expect_exit 2 vulns check --db v.db --repo "$repo" --rev no-such-rev --url "$url"
expect_stderr_match "revision 'no-such-rev' names no commit"
