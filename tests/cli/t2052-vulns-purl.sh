#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# vulns check --purl: SEMVER ranges, ECOSYSTEM ranges of an ecosystem
# whose order is implemented (npm) and of one that is not (PyPI:
# unknown unless the version is listed), explicit versions lists.
. "$SRCDIR/tests/cli/lib.sh"

repo=$FIXTURES/vulns-branchy
[ -d "$repo" ] || fail "fixture vulns-branchy is missing"
"$SRCDIR/fixtures/vulns-records.sh" "$repo" rec
expect_exit 3 vulns import --db v.db rec

# version  expected verdict of N1-npm (pkg:npm/leftpad)
while read -r version verdict; do
	case $verdict in affected) code=1 ;; *) code=0 ;; esac
	expect_exit $code vulns check --db v.db --purl "pkg:npm/leftpad@$version"
	expect_stdout_match "^$verdict +N1-npm \(GHSA-test-test-test\)"
done <<'TABLE'
0.5.0 affected
0.9.0 not-affected
1.0.0-rc.1 not-affected
1.0.0 affected
1.2.2 affected
1.2.3-beta.2 affected
1.2.3 not-affected
1.10.0 not-affected
2.0.0 affected
2.1.0 affected
2.1.1 not-affected
TABLE

# PyPI: listed versions are affected, others unknown (order not known).
expect_exit 1 vulns check --db v.db --purl pkg:pypi/example@1.1
expect_stdout_match '^affected +N2-pypi'
expect_exit 0 vulns check --db v.db --purl pkg:pypi/example@1.5
expect_stdout_match '^unknown +N2-pypi'
expect_exit 0 vulns check --db v.db --purl pkg:pypi/other@1.0
expect_stdout_match '^0 records: '

expect_exit 2 vulns check --db v.db --purl pkg:npm/leftpad
expect_stderr_match "has no '@version'"
expect_exit 2 vulns check --db v.db --purl pkg:unknowntype/x@1
