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

# The engine names both licenses of that change, and the switch from an
# OSI license to a non-OSI one is a high finding naming the commit.
commit=$(git -C "$FIXTURES/lic-changed" log -1 --format=%h --abbrev=12 -- LICENSE)
expect_exit 0 report --db r.db
expect_stdout_match "high +license/changed: LICENSE changed from Apache-2.0 to BUSL-1.1 in commit $commit \(2024-08-10, 'Change license to BUSL-1.1'\): from an OSI-approved license to a non-OSI one"
expect_stdout_match 'open-source +0\.0  license .BUSL-1.1. is not OSI-approved'
# No license at all: the open-source check says so, with a zero that is a
# verdict, not a missing fact.
expect_stdout_match 'open-source +0\.0  no license found'
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "license facts in the JSON report"
import json
d = {c["name"]: c for c in json.load(open("out"))["components"]}
f = d["lic-changed"]["facts"]
assert f["license.concluded"] == "BUSL-1.1" and f["license.osi"] == "false", f
f = d["lic-none"]["facts"]
assert f["license.concluded"] == "NONE" and f["license.osi"] == "false", f
PY
