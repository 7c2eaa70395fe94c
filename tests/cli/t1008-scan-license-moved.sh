#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Relicensing follows the project license, not a path: a commit that
# deletes LICENSE (MIT) and adds LICENSE.txt (BUSL-1.1 with its
# parameters filled in) is a change of license, named with its commit;
# a later edit of a bundled notice appended to LICENSE.txt is none.
. "$SRCDIR/tests/cli/lib.sh"

git clone -q "$FIXTURES/lic-mit" moved
g() { git -C moved -c user.name=T -c user.email=t@example.org "$@"; }
{
	printf 'License text copyright (c) 2020 MariaDB Corporation Ab, All Rights Reserved.\n'
	printf '"Business Source License" is a trademark of MariaDB Corporation Ab.\n\n'
	printf 'Parameters\n\nLicensor:             Quarry Data Inc.\n'
	printf 'Licensed Work:        Quarry 4.2 or later.\n'
	printf 'Additional Use Grant: None\n'
	printf 'Change Date:          2030-01-01\nChange License:       MPL 2.0\n\n'
	sed -n '/^Terms$/,/^MariaDB hereby grants/p' "$SRCDIR/licenses/text/BUSL-1.1.txt" |
		sed '$d'
} >moved/LICENSE.txt
g rm -q LICENSE
g add LICENSE.txt
GIT_AUTHOR_DATE=2025-02-03T10:00:00Z GIT_COMMITTER_DATE=2025-02-03T10:00:00Z \
	g commit -q -m "Move to the Business Source License"
commit=$(git -C moved rev-parse --short=12 HEAD)
{
	printf '\n----\nThe bundled hash code (src/h) is under the zlib license:\n\n'
	cat "$SRCDIR/licenses/text/Zlib.txt"
} >>moved/LICENSE.txt
g commit -q -a -m "Note the bundled hash code"

expect_exit 1 license moved
expect_stdout_match '^detected: +BUSL-1\.1 \(LICENSE\.txt\)$'
expect_stdout_match '^OSI: +no \(source-available\)$'
expect_stdout_match '^  Zlib +LICENSE\.txt \(bundled notice\)$'

expect_exit 0 scan -q --offline --db r.db moved
expect_exit 0 report --db r.db
expect_stdout_match "high +license/changed: LICENSE replaced by LICENSE\.txt: the license changed from MIT to BUSL-1\.1 in commit $commit \(2025-02-03, 'Move to the Business Source License'\): from an OSI-approved license to a non-OSI one"
# the bundled notice added later is no change of the project license
expect_stdout_nomatch 'Note the bundled hash code'
