#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The tree walk and the license scanner share the blob cache (table
# blobs): a scan records one row per blob with the walk's facts ("m")
# and the scanner's ("v"), a re-scan takes them from there instead of
# reading the blobs, and the facts stay those of a scan into a new
# database.  Rows of `license --db` (no "m") serve the scanner only.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/lic-gpl-tags
facts() { # DB RUN: the facts and findings of one run (but the count of
	# commits walked, which is what a re-scan saves)
	sqlite3 "$1" "SELECT key, value FROM facts WHERE run_id = $2
		AND key <> 'history.walked' ORDER BY key; SELECT code, message FROM findings
		WHERE run_id = $2 ORDER BY code, message"
}

expect_exit 0 scan --db r.db "$R"
blobs=$(git -C "$R" ls-tree -r HEAD | awk '$2 == "blob" {print $3}' | sort -u | wc -l)
rows=$(sqlite3 r.db "SELECT count(*) FROM blobs WHERE spdx_ids LIKE '%\"m\":%'")
[ "$rows" = "$blobs" ] || fail "$rows blob rows with the walk's facts, $blobs blobs"
# license texts are read whole every time: the scanner keeps no row
id=$(git -C "$R" rev-parse HEAD:COPYING)
[ "$(sqlite3 r.db "SELECT spdx_ids LIKE '%\"v\":1%' FROM blobs WHERE id = '$id'")" = 0 ] ||
	fail "the scanner cached a license text"
id=$(git -C "$R" rev-parse HEAD:src/main.c)
sqlite3 r.db "SELECT spdx_ids FROM blobs WHERE id = '$id'" | grep -q '"tag":"GPL-' ||
	fail "no tag in the row of src/main.c"

# A re-scan: the same facts and findings.
expect_exit 0 scan --db r.db --new-run "$R"
[ "$(facts r.db 1)" = "$(facts r.db 2)" ] || fail "the re-scan's facts differ"
[ -n "$(facts r.db 2)" ] || fail "no facts"

# The re-scan really reads the cache: a row that says binary is believed.
id=$(git -C "$R" rev-parse HEAD:src/util.c)
[ "$(sqlite3 r.db "SELECT value FROM facts WHERE run_id = 2
	AND key = 'files.binary'")" = 0 ] || fail "a binary file in the fixture"
sqlite3 r.db "UPDATE blobs SET is_binary = 1 WHERE id = '$id'"
expect_exit 0 scan --db r.db --new-run "$R"
[ "$(sqlite3 r.db "SELECT value FROM facts WHERE run_id = 3
	AND key = 'files.binary'")" = 1 ] || fail "the cached row was not used"

# Rows of `license --db` carry no "m": the walk reads those blobs, the
# facts equal a fresh scan's, and the rows gain the walk's facts.
expect_exit 0 license --db l.db "$R"
[ "$(sqlite3 l.db "SELECT count(*) FROM blobs WHERE spdx_ids LIKE '%\"m\":%'")" = 0 ] ||
	fail "license --db wrote the walk's facts"
expect_exit 0 scan --db l.db "$R"
[ "$(facts l.db 1)" = "$(facts r.db 1)" ] || fail "facts over license --db rows differ"
rows=$(sqlite3 l.db "SELECT count(*) FROM blobs WHERE spdx_ids LIKE '%\"m\":%'")
[ "$rows" = "$blobs" ] || fail "$rows rows with the walk's facts after the scan"

# A blob too large to read (over 16 MiB) is noted by the license scan on
# every scan, the cached one included.
git init -q big
git -C big config user.name Dev
git -C big config user.email dev@example.org
head -c 17000000 /dev/zero | tr '\0' 'x' >big/data.txt
printf 'MIT License\n' >big/LICENSE
git -C big add . && git -C big commit -q -m big
expect_exit 0 scan --db b.db big
expect_exit 0 scan --db b.db --new-run big
[ "$(facts b.db 1)" = "$(facts b.db 2)" ] || fail "the re-scan of a large blob differs"
facts b.db 2 | grep -q 'not read: 17000000 bytes' || fail "no note of the large blob"
