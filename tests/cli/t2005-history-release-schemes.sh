#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# history: releases from each tag-naming family (fixtures tags-*, gated,
# mature), pre-releases apart, the scheme learned from the tags, the
# median gap between release days, and no -1 for a project without
# releases.  git for-each-ref is the oracle for the dates.
. "$SRCDIR/tests/cli/lib.sh"

# fx_tag_scheme: R1 on 2024-01-10 12:00 (annotated), R2 on the commit of
# 2024-04-10 10:00 (lightweight): 90.9 days; NOW is 2026-11-01.
for f in "expat r R_2_6_0" "openssl openssl openssl-3.0.0" \
	"calver plain 2024.04" "release plain release-v1.1"; do
	set -- $f
	expect_exit 0 history --repo "$FIXTURES/tags-$1"
	expect_stdout_match "^releases: 2, pre-releases 1, scheme '$2' \(e\.g\. $3\), other tags 1, median interval 90\.9 days, last $3 2024-04-10 \(934 days ago\)\$"
	d=$(git -C "$FIXTURES/tags-$1" for-each-ref --format='%(creatordate:short)' "refs/tags/$3")
	[ "$d" = 2024-04-10 ] || fail "tags-$1: git dates $3 on $d"
done

# curl's scheme with a lightweight release, a pre-release, a foreign
# family (subtool-0.1.0) and a non-version tag (branch-point): releases
# 2025-09-02, 2026-01-05 (lightweight: its commit), 2026-07-02.
expect_exit 0 history --repo "$FIXTURES/gated"
expect_stdout_match "^releases: 3, pre-releases 1, scheme 'gated' \(e\.g\. gated-1_2_0\), other tags 2, median interval 151\.5 days, last gated-1_2_0 2026-07-02 \(121 days ago\)\$"
expect_exit 0 history --repo "$FIXTURES/gated" --format json
python3 - <<'PY' || fail "release json"
import json
d = json.load(open("out"))
assert d["releases"] == 3 and d["prereleases"] == 1, d
assert d["release_scheme"] == "gated" and d["last_release"] == "gated-1_2_0", d
assert d["days_since_release"] == 121, d
PY

# Plain v1.2.3 (mature) still reads as before.
expect_exit 0 history --repo "$FIXTURES/mature"
expect_stdout_match "^releases: 4, pre-releases 0, scheme 'plain' \(e\.g\. v2\.0\.0\)"

# No release at all: "none", and null in JSON, never -1.
expect_exit 0 history --repo "$FIXTURES/multi-org"
expect_stdout_match '^releases: none \(0 pre-releases, 0 other tags\)$'
expect_stdout_nomatch ' -1($|[^0-9])'
expect_exit 0 history --repo "$FIXTURES/multi-org" --format json
python3 -c 'import json; d=json.load(open("out")); assert d["days_since_release"] is None and d["last_release"] is None, d' ||
	fail "days_since_release must be null without releases"
