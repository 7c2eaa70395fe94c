#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A window without commits has no DCO share: the fact is "none", not a
# silent 0.00, and the reports say "no commits".  The all-time share of
# the same repository stays a number.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/dco-signed" ] || fail "fixtures not built (make fixtures)"
OSSHEALTH_NOW=2045-01-01T00:00:00Z expect_exit 0 scan -q --db d.db "$FIXTURES/dco-signed"
expect_exit 0 report --db d.db --format json
python3 - <<'PY' || fail "DCO share facts of an idle year"
import json
f = json.load(open("out"))["components"][0]["facts"]
assert f["dco.share_365"] == "none", f["dco.share_365"]
assert float(f["dco.share_all"]) > 0, f["dco.share_all"]
PY
expect_exit 0 report --db d.db --format csv
python3 - <<'PY' || fail "DCO share columns of the CSV report"
import csv
r = list(csv.DictReader(open("out")))[0]
assert r["dco_share_365_percent"] == "", r["dco_share_365_percent"]
assert r["dco_share_all_percent"] != "", r
PY
