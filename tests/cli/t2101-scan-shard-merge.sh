#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan --shard I/N and db merge (issue 21): make demo's inputs scanned in
# one process, as one shard and as three shards merged give the same
# reports byte for byte (OSSHEALTH_NOW pinned; every database is named
# osshealth.db in its own folder, since SARIF names the file); the same
# for an SPDX document with packages that are not reviewed; merging into
# an existing history reports the changes against its previous run; and
# db merge refuses shards that do not belong together, with nothing
# written.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"
sed "s#\.\./build/fixtures#$FIXTURES#" "$SRCDIR/fixtures/demo.json" >demo.json

# scan_into DIR ARGS...: a scan into DIR/osshealth.db; 0 and 1 are verdicts
scan_into() {
	d=$1
	shift
	mkdir -p "$d"
	run_osh scan -q --jobs 2 --db "$d/osshealth.db" "$@"
	[ "$rc" = 0 ] || fail "scan into $d exited $rc: $(cat err)"
}

# reports DIR: every report format of the newest run into DIR/report.*
reports() {
	for f in text json md html sarif junit csv; do
		(cd "$1" && "$OSSHEALTH" report --db osshealth.db --format $f \
			-o report.$f) || fail "report --format $f of $1"
	done
	"$OSSHEALTH" db info --db "$1/osshealth.db" |
		sed -n '/^tables:/,$p' >"$1/tables.txt"
}

same_reports() {
	for f in text json md html sarif junit csv; do
		cmp "$1/report.$f" "$2/report.$f" ||
			fail "$f report of $2 differs from $1: $(diff "$1/report.$f" "$2/report.$f" | head -5)"
	done
	diff -u "$1/tables.txt" "$2/tables.txt" >&2 ||
		fail "row counts of $2 differ from $1"
}

merge_into() {
	d=$1
	shift
	mkdir -p "$d"
	expect_exit 0 db merge --db "$d/osshealth.db" "$@"
}

# --- make demo's inputs ------------------------------------------------
scan_into one demo.json
reports one
scan_into s1 --shard 0/1 demo.json
merge_into m1 s1/osshealth.db
expect_stdout_match '^run 1: merged 1 shards, 11 components, 0 failed, 0 packages not reviewed$'
reports m1
same_reports one m1
for i in 0 1 2; do
	scan_into s3-$i --shard $i/3 demo.json
done
# The shards are disjoint and cover every component.
for i in 0 1 2; do
	sqlite3 s3-$i/osshealth.db "SELECT c.name FROM run_components rc
		JOIN components c ON c.id = rc.component_id"
done | sort >names
sqlite3 one/osshealth.db "SELECT name FROM components" | sort >all
diff -u all names >&2 || fail "shards do not partition the components"
[ "$(sqlite3 s3-1/osshealth.db 'SELECT shard_index || "/" || shard_count
	FROM runs')" = 1/3 ] || fail "the shard run does not record 1/3"
merge_into m3 s3-2/osshealth.db s3-0/osshealth.db s3-1/osshealth.db
expect_stdout_match '^run 1: merged 3 shards, 11 components, 0 failed, 0 packages not reviewed$'
reports m3
same_reports one m3

# --- an existing history: the changes since its previous review ----------
# Each shard starts from a copy of the history, as a single scan would:
# the commits already stored are not walked again (fact history.walked).
mkdir hist
OSSHEALTH_NOW=2026-10-01T00:00:00Z "$OSSHEALTH" scan -q --db hist/osshealth.db \
	"$FIXTURES/lic-mit" "$FIXTURES/lic-busl" >/dev/null
cp -R hist hist-one
scan_into hist-one demo.json
reports hist-one
for i in 0 1 2; do
	cp -R hist hist-$i
	scan_into hist-$i --shard $i/3 demo.json
done
merge_into hist hist-0/osshealth.db hist-1/osshealth.db hist-2/osshealth.db
expect_stdout_match '^run 2: merged 3 shards'
reports hist
same_reports hist-one hist
grep -q 'component added' hist/report.text ||
	fail "the merged run shows no changes against the previous run"

# --- an SBOM input -----------------------------------------------------
# Repositories served over smart HTTP on 127.0.0.1, and packages that
# are listed but not reviewed.
server=$SRCDIR/tests/lib/git-http-server.sh
mkdir srv
for f in mature lic-mit dco-signed lic-apache multi-org lic-dual; do
	git clone -q --bare "$FIXTURES/$f" "srv/$f.git"
done
port=$("$server" start srv)
cleanup() {
	"$server" stop "$TEST_DIR/srv" || :
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
cat >s.spdx.json <<JSON
{"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
 "SPDXID": "SPDXRef-DOCUMENT", "name": "product",
 "documentNamespace": "https://example.org/product-1",
 "creationInfo": {"created": "2026-10-01T00:00:00Z", "creators": ["Tool: t"]},
 "packages": [
JSON
n=0
for f in mature lic-mit dco-signed lic-apache multi-org lic-dual; do
	n=$((n + 1))
	printf '  {"SPDXID": "SPDXRef-p%d", "name": "%s", "downloadLocation": "git+http://127.0.0.1:%s/git/%s.git"},\n' \
		$n $f "$port" $f >>s.spdx.json
done
cat >>s.spdx.json <<JSON
  {"SPDXID": "SPDXRef-leftpad", "name": "left-pad", "versionInfo": "1.3.0",
   "downloadLocation": "NOASSERTION",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
     "referenceType": "purl", "referenceLocator": "pkg:npm/left-pad@1.3.0"}]},
  {"SPDXID": "SPDXRef-hg", "name": "hgthing",
   "downloadLocation": "hg+https://hg.example.org/hgthing"}
 ]}
JSON
scan_into bom-one --cache cache s.spdx.json
reports bom-one
grep -q 'left-pad' bom-one/report.text || fail "left-pad is not listed"
for i in 0 1 2; do
	scan_into bom-$i --cache cache --shard $i/3 s.spdx.json
done
merge_into bom-m bom-0/osshealth.db bom-1/osshealth.db bom-2/osshealth.db
expect_stdout_match '^run 1: merged 3 shards, 6 components, 0 failed, 2 packages not reviewed$'
reports bom-m
same_reports bom-one bom-m

# --- waivers: the merged run keeps the file the shards applied --------
w=$SRCDIR/fixtures/demo-waivers.json
scan_into wv-one --waivers "$w" demo.json
reports wv-one
grep -q 'waived' wv-one/report.text || fail "the waiver is not shown"
for i in 0 1 2; do
	scan_into wv-$i --waivers "$w" --shard $i/3 demo.json
done
merge_into wv-m wv-0/osshealth.db wv-1/osshealth.db wv-2/osshealth.db
reports wv-m
same_reports wv-one wv-m
[ "$(sqlite3 wv-m/osshealth.db 'SELECT count(*) FROM run_waivers')" = 1 ] ||
	fail "the merged run does not keep the waivers file"

# --- refusals: exit 2, a clear message, nothing written ----------------
merge_into dest s3-0/osshealth.db s3-1/osshealth.db s3-2/osshealth.db
"$OSSHEALTH" db info --db dest/osshealth.db >before
refused() {
	expect_exit 2 db merge --db dest/osshealth.db "$@"
	"$OSSHEALTH" db info --db dest/osshealth.db >after
	diff -u before after >&2 || fail "a refused merge wrote to the output"
}
refused s3-0/osshealth.db s3-1/osshealth.db
expect_stderr_match "^osshealth: shard 2/3 is missing \(2 of 3 shards given\)$"
refused s3-0/osshealth.db s3-1/osshealth.db s3-1/osshealth.db
expect_stderr_match "s3-1/osshealth.db: shard 1/3 is given twice"
refused s3-0/osshealth.db s3-1/osshealth.db bom-2/osshealth.db
expect_stderr_match "bom-2/osshealth.db: shard of different inputs than 's3-0/osshealth.db'"
refused s3-0/osshealth.db s1/osshealth.db
expect_stderr_match "s1/osshealth.db: shard 0/1, but 's3-0/osshealth.db' is shard 0/3: shards of different counts"
refused one/osshealth.db
expect_stderr_match "one/osshealth.db: no shard run in this database"
refused s3-0/osshealth.db s3-1/osshealth.db wv-2/osshealth.db
expect_stderr_match "wv-2/osshealth.db: shard applied other waivers than 's3-0/osshealth.db'"
refused s3-0/osshealth.db s3-1/osshealth.db nothere.db
expect_stderr_match "nothere.db"
# Another rules version: the scoring weights of a changed data directory.
mkdir data
cp -R "$SRCDIR/rules" "$SRCDIR/licenses" data/
sed 's/"version": 2,/"version": 99,/' "$SRCDIR/rules/scoring.json" >data/rules/scoring.json
mkdir r2
OSSHEALTH_DATA=$TEST_DIR/data "$OSSHEALTH" scan -q --db r2/osshealth.db \
	--shard 2/3 demo.json >/dev/null || :
refused s3-0/osshealth.db s3-1/osshealth.db r2/osshealth.db
expect_stderr_match "r2/osshealth.db: rules version 'scoring.json v99', but 's3-0/osshealth.db' has 'scoring.json v2': shards of different rules"
# Another osshealth version (an image tag moved during the review).
cp -R s3-2 v2
sqlite3 v2/osshealth.db "UPDATE runs SET tool_version = '9.9.9'"
refused s3-0/osshealth.db s3-1/osshealth.db v2/osshealth.db
expect_stderr_match "v2/osshealth.db: scanned by osshealth 9\.9\.9, but 's3-0/osshealth.db' by "
# A shard still running (what a killed shard leaves).
cp -R s3-2 run2
sqlite3 run2/osshealth.db "UPDATE runs SET status = 'running', finished_at = NULL"
refused s3-0/osshealth.db s3-1/osshealth.db run2/osshealth.db
expect_stderr_match "run2/osshealth.db: shard 2/3 \(run 1\) is still running or was interrupted"
# A failure half-way through (a trigger of the output aborts the 20th
# finding): all or nothing, exit 2 with SQLite's message after ours.
cp dest/osshealth.db half.db
sqlite3 half.db "CREATE TRIGGER boom BEFORE INSERT ON findings
	WHEN (SELECT count(*) FROM findings WHERE run_id = NEW.run_id) >= 20
	BEGIN SELECT RAISE(ABORT, 'boom'); END"
sqlite3 half.db "SELECT count(*) FROM runs; SELECT count(*) FROM findings;
	SELECT count(*) FROM facts; SELECT count(*) FROM commits" >half.before
expect_exit 2 db merge --db half.db s3-0/osshealth.db s3-1/osshealth.db s3-2/osshealth.db
expect_stderr_match "merging shard [0-9]/3: findings: merging a row.*boom"
sqlite3 half.db "SELECT count(*) FROM runs; SELECT count(*) FROM findings;
	SELECT count(*) FROM facts; SELECT count(*) FROM commits" >half.after
diff -u half.before half.after >&2 || fail "a failed merge left rows behind"
# Usage errors.
expect_exit 2 db merge --db dest/osshealth.db
expect_stderr_match 'name the shard databases to merge'
for bad in 3/3 1 /2 1/0 -1/2 1/x 0/5000; do
	expect_exit 2 scan --shard "$bad" demo.json
	expect_stderr_match "\-\-shard wants I/N with 0 <= I < N <= 4096, not '"
done
