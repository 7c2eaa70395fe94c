#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# osshealth license on the lic-* fixture repositories: declared, detected,
# agreement, OSI outcome, exit codes, and every output format.
. "$SRCDIR/tests/cli/lib.sh"

F=$FIXTURES

# lic-mit: LICENSE + package.json agree on MIT.
expect_exit 0 license "$F/lic-mit"
expect_stdout_match '^declared: +MIT \(package\.json:[0-9]+\)$'
expect_stdout_match '^detected: +MIT \(LICENSE\)$'
expect_stdout_match '^agree: +yes$'
expect_stdout_match '^OSI: +yes$'
expect_stdout_match '^  LICENSE +MIT +MIT \(exact\)$'

# lic-apache: pom.xml declares Apache-2.0; NOTICE is not a license.
expect_exit 0 license "$F/lic-apache"
expect_stdout_match '^declared: +Apache-2\.0 \(pom\.xml:[0-9]+\)$'
expect_stdout_match '^detected: +Apache-2\.0 \(LICENSE\)$'
expect_stdout_match '^agree: +yes$'
expect_stdout_nomatch 'license-text-unknown: NOTICE'
expect_stdout_match '^  LICENSE +Apache-2\.0 +Apache-2\.0 \(exact\)$'

# lic-gpl-tags: the tags declare GPL-2.0-or-later; COPYING is GPL-2.0;
# src/untagged.c has no tag.
expect_exit 0 license "$F/lic-gpl-tags"
expect_stdout_match '^declared: +GPL-2\.0-or-later \(SPDX tags in 7 of 7 tagged files\)$'
expect_stdout_match '^detected: +GPL-2\.0-(only|or-later) \(COPYING\)$'
expect_stdout_match '^  COPYING +GPL-2\.0-only +.*version ambiguous'
expect_stdout_match '^concluded: +GPL-2\.0-or-later '
expect_stdout_match '^  src/untagged\.c +- +none$'
expect_stdout_match '^  src/util\.c +GPL-2\.0-or-later +tag line 2$'
expect_stdout_match '^  COPYING +- +exempt$'

# lic-dual: Cargo.toml says MIT OR Apache-2.0; two license files agree.
expect_exit 0 license "$F/lic-dual"
expect_stdout_match '^declared: +MIT OR Apache-2\.0 \(Cargo\.toml:[0-9]+\)$'
expect_stdout_match '^detected: .*Apache-2\.0.*MIT|^detected: .*MIT.*Apache-2\.0'
expect_stdout_match '^agree: +yes$'
expect_stdout_match '^OSI: +yes$'

# lic-none: nothing at all is a failed check.
expect_exit 1 license "$F/lic-none"
expect_stdout_match '^concluded: +NONE '
expect_stdout_match '^OSI: +no( \(.*\))?$'
expect_stdout_match 'high +license-missing'

# lic-busl: BUSL-1.1 is not OSI-approved.
expect_exit 1 license "$F/lic-busl"
expect_stdout_match '^detected: +BUSL-1\.1 \(LICENSE\)$'
expect_stdout_match '^OSI: +no( \(.*\))?$'
expect_stdout_match "license-non-osi: the project license 'BUSL-1.1' is not OSI-approved \(source-available\)"
# ... unless the policy allows it.
printf '{"allow": {"osi": true, "ids": ["BUSL-1.1"]}}\n' >busl.json
expect_exit 0 license --policy busl.json "$F/lic-busl"

# lic-changed: Apache-2.0 at v1.0.0, BUSL-1.1 at HEAD.
expect_exit 0 license --rev v1.0.0 "$F/lic-changed"
expect_stdout_match '^detected: +Apache-2\.0 \(LICENSE\)$'
expect_exit 1 license "$F/lic-changed"
expect_stdout_match '^concluded: +BUSL-1\.1 '
# a bare repository reads the same objects
expect_exit 1 license "$F/lic-changed.git"
expect_stdout_match '^concluded: +BUSL-1\.1 '
expect_exit 2 license --rev no-such-rev "$F/lic-changed"
expect_stderr_match "revision 'no-such-rev' not found"

# A plain directory (a copy without .git) gives the same verdict.
mkdir plain
(cd "$F/lic-mit" && git archive HEAD) | tar -x -C plain
expect_exit 0 license plain
expect_stdout_match '^repository: plain$'
expect_stdout_match '^declared: +MIT \(package\.json:[0-9]+\)$'
expect_exit 2 license --rev HEAD plain
expect_stderr_match 'not a git repository'

# Formats.
expect_exit 0 license --format json "$F/lic-dual"
python3 - <<'PY' || fail "license json"
import json
d = json.load(open("out"))
s = d["summary"]
assert s["declared"] == "MIT OR Apache-2.0", s
assert s["agree"] is True and s["osi"] == "yes", s
assert any(f["path"] == "src/lib.rs" for f in d["files"]), d["files"]
PY
expect_exit 1 license --format sarif "$F/lic-busl"
python3 - <<'PY' || fail "license sarif"
import json
d = json.load(open("out"))
assert d["version"] == "2.1.0"
assert any(r["ruleId"] == "license-non-osi" for r in d["runs"][0]["results"])
PY
expect_exit 1 license --format junit "$F/lic-none"
python3 -c 'import xml.dom.minidom; xml.dom.minidom.parse("out")' ||
	fail "junit is not XML"
expect_stdout_match 'failures="1"'
expect_exit 0 license --format spdx-tv "$F/lic-mit"
expect_stdout_match '^SPDXVersion: SPDX-2\.3$'
expect_stdout_match '^PackageLicenseConcluded: MIT$'
expect_stdout_match '^PackageLicenseDeclared: MIT$'
expect_stdout_match '^Created: 2026-11-01T00:00:00Z$'

# Usage errors.
expect_exit 2 license --format xml "$F/lic-mit"
expect_stderr_match "unknown format 'xml'"
expect_exit 2 license no/such/dir
expect_stderr_match 'no/such/dir'
