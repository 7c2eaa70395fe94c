#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The scan follows the root license files through the history: the
# commit of lic-changed that replaced Apache-2.0 by BUSL-1.1 is recorded
# with its subject and both blob ids, oldest change last.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 scan --db r.db "$FIXTURES/lic-changed" "$FIXTURES/lic-none"
sqlite3 r.db "SELECT f.value FROM facts f JOIN components c ON c.id = f.component_id
WHERE c.name = 'lic-changed' AND f.key = 'license.file_history'" >hist.json
python3 - <<'PY' || fail "license history"
import json, subprocess, os
h = json.load(open("hist.json"))
assert [c["change"] for c in h] == ["modified", "added"], h
assert h[0]["subject"] == "Change license to BUSL-1.1", h[0]
fx = os.environ["FIXTURES"] + "/lic-changed"
git = lambda *a: subprocess.check_output(["git", "-C", fx] + list(a), text=True).strip()
# The oracle: git's own answer for the commit and the blobs.
assert h[0]["commit"] == git("log", "-1", "--format=%H", "--", "LICENSE"), h[0]
assert h[0]["new_blob"] == git("rev-parse", "HEAD:LICENSE")
assert h[0]["old_blob"] == git("rev-parse", h[0]["commit"] + "^:LICENSE")
PY
# No license file, no history fact.
[ -z "$(sqlite3 r.db "SELECT 1 FROM facts f JOIN components c ON c.id = f.component_id
WHERE c.name = 'lic-none' AND f.key = 'license.file_history'")" ] ||
	fail "license history for a repository without license files"
