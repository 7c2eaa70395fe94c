#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The pre-merge gate: files added or modified since BASE need an SPDX tag
# (or REUSE coverage) and an allowed license.
. "$SRCDIR/tests/cli/lib.sh"

git clone -q "$FIXTURES/lic-gpl-tags" repo
g() { git -C repo -c user.name=T -c user.email=t@example.org "$@"; }

# Nothing changed: the gate passes on an empty list.
expect_exit 0 license --changed-since HEAD repo
expect_stdout_match '^gate: passed: 0 of 0 files failed$'

# A new file without a tag fails, naming the file and the fix.
printf 'int f(void) { return 1; }\n' >repo/src/new.c
printf '/* SPDX-License-Identifier: GPL-2.0-or-later */\nint g;\n' \
	>repo/src/good.c
printf '# notes\n' >repo/notes.md
g add -A
g commit -q -m "Add files"
expect_exit 1 license --changed-since HEAD~1 repo
expect_stdout_match '^FAIL src/new\.c: no SPDX-License-Identifier tag'
expect_stdout_match "^     fix: add the line '/\* SPDX-License-Identifier: GPL-2\.0-or-later \*/' near the top of the file$"
expect_stdout_match "^FAIL notes\.md: .*"
expect_stdout_match "fix: add the line '<!-- SPDX-License-Identifier: GPL-2\.0-or-later -->'"
expect_stdout_nomatch 'src/good\.c'
expect_stdout_nomatch 'untagged\.c' # not changed since the base
expect_stdout_match '^gate: FAILED: 2 of 3 files failed$'

# JSON carries the same verdicts.
expect_exit 1 license --changed-since HEAD~1 --format json repo
python3 - <<'PY' || fail "gate json"
import json
g = json.load(open("out"))["gate"]
st = {f["path"]: f["status"] for f in g["files"]}
assert st == {"notes.md": "no-tag", "src/good.c": "ok",
              "src/new.c": "no-tag"}, st
assert g["passed"] is False and g["failed"] == 2
PY
expect_exit 1 license --changed-since HEAD~1 --format junit repo
expect_stdout_match 'failures="2"'

# Fixed: tag the C file, cover the markdown with a REUSE.toml.
printf '// SPDX-License-Identifier: GPL-2.0-or-later\nint f(void) { return 1; }\n' \
	>repo/src/new.c
cat >repo/REUSE.toml <<'TOML'
version = 1
[[annotations]]
path = "*.md"
SPDX-License-Identifier = "GPL-2.0-or-later"
TOML
g add -A
g commit -q -m "Fix license tags"
expect_exit 0 license --changed-since HEAD~2 repo
expect_stdout_match '^gate: passed: 0 of 4 files failed$'

# A binary file is fixed with REUSE metadata or a sidecar, not a tag.
printf 'a\000b' >repo/blob.bin
g add -A
g commit -q -m "Add binary"
expect_exit 1 license --changed-since HEAD~1 repo
expect_stdout_match '^FAIL blob\.bin: binary file not covered by REUSE metadata$'
expect_stdout_match "fix: cover it in REUSE.toml .* or add a file 'blob\.bin\.license'"
printf 'SPDX-License-Identifier: CC0-1.0\n' >repo/blob.bin.license
g add -A
g commit -q -m "Sidecar"
# CC0-1.0 is not OSI-approved: denied by the default policy ...
expect_exit 1 license --changed-since HEAD~2 repo
expect_stdout_match '^FAIL blob\.bin: license not allowed by the policy: CC0-1\.0'
# ... allowed by a policy that lists it.
printf '{"allow": {"osi": true, "ids": ["CC0-1.0"]}}\n' >pol.json
expect_exit 0 license --changed-since HEAD~2 --policy pol.json repo

# lic-changed: the relicensed files are BUSL-1.1 since v1.0.0.
expect_exit 1 license --changed-since v1.0.0 "$FIXTURES/lic-changed"
expect_stdout_match '^FAIL src/db\.go: license not allowed by the policy: BUSL-1\.1'
expect_stdout_match '^FAIL src/query\.go: '
expect_stdout_nomatch '^FAIL LICENSE'
printf '{"deny": {"categories": ["source-available"]}, "allow": {"ids": ["BUSL-1.1"]}}\n' >deny.json
expect_exit 1 license --changed-since v1.0.0 --policy deny.json "$FIXTURES/lic-changed"
expect_stdout_match 'BUSL-1\.1 \(source-available\) is in a denied category'

# An invalid tag expression is its own failure.
printf '// SPDX-License-Identifier: MIT OR\n' >repo/src/bad.c
g add -A
g commit -q -m "Bad tag"
expect_exit 1 license --changed-since HEAD~1 repo
expect_stdout_match '^FAIL src/bad\.c: .*MIT OR'

# Policy and usage errors.
printf '{"allow": {"osi": "yes"}}\n' >bad.json
expect_exit 2 license --changed-since HEAD --policy bad.json repo
expect_stderr_match "bad\.json: 'allow\.osi' must be true or false"
printf '{"alow": {}}\n' >typo.json
expect_exit 2 license --changed-since HEAD --policy typo.json repo
expect_stderr_match "unknown key 'alow'"
expect_exit 2 license --changed-since HEAD --policy missing.json repo
expect_stderr_match 'missing\.json'
expect_exit 2 license --changed-since no-such-base repo
expect_stderr_match "revision 'no-such-base' not found"
expect_exit 2 license --changed-since HEAD --all repo
mkdir plain
expect_exit 2 license --changed-since HEAD plain
expect_stderr_match 'needs a git repository'

# The license proposed in a fix is the tree's (from the tags of files not
# changed), not only what the changed files say.
git clone -q "$FIXTURES/lic-gpl-tags" repo2
printf 'int h;\n' >repo2/src/h.c
git -C repo2 add -A
git -C repo2 -c user.name=T -c user.email=t@example.org commit -q -m "Add h"
expect_exit 1 license --changed-since HEAD~1 repo2
expect_stdout_match "fix: add the line '/\* SPDX-License-Identifier: GPL-2\.0-or-later \*/'"
expect_stdout_match '^declared: +GPL-2\.0-or-later \(SPDX tags in 7 of 7 tagged files\)$'
