#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# No small fixed ceiling (issue 21): an SPDX document of 12,000 packages,
# 10,800 with a git location, was refused before ("more than 10000
# components", exit 2).  Now it is read, the 1,200 registry-only packages
# are listed with their reason, and the 10,800 components are recorded
# (offline with an empty cache, each fails fast as "not in the mirror
# cache": exit 3).  bench/scale and docs/deploy.md measure 100,000.
. "$SRCDIR/tests/cli/lib.sh"

python3 "$SRCDIR/bench/scale/gen-sbom.py" 12000 big.spdx.json 0.9
expect_exit 3 scan -q --offline --cache cache --db t.db big.spdx.json
expect_stdout_match '^run 1: 10800 components, 0 scanned, 10800 failed, 0 already done$'
expect_stdout_match '^1200 SBOM packages not reviewed'
expect_stdout_match "^  not reviewed: pkg-10800 1\.0\.0: download location is NOASSERTION; purl type 'npm'"
[ "$(sqlite3 t.db 'SELECT count(*) FROM run_unreviewed')" = 1200 ] ||
	fail "not every unreviewed package is recorded"
[ "$(sqlite3 t.db "SELECT count(*) FROM run_components
	WHERE error LIKE '%not in the mirror cache%'")" = 10800 ] ||
	fail "not every component is recorded with its error"
