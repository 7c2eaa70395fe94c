#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# data update from a fake server on 127.0.0.1: the new list is installed
# atomically; a bad, short or inconsistent list leaves the old file intact;
# --offline makes no request.
. "$SRCDIR/tests/cli/lib.sh"

export FAKE_API_LICENSES="$SRCDIR/licenses/licenses.tsv"

start_fake_api
requests() {
	python3 -c '
import json, sys, urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))["requests"])
' "$base"
}

cp -R "$SRCDIR/licenses" lic
old=$(grep -vc '^#' lic/licenses.tsv)
cp lic/licenses.tsv before.tsv

# Failures keep the old file byte for byte.
expect_exit 2 data update --from "$base/spdx/bad.json" --dir lic
expect_stderr_match "^osshealth: $base/spdx/bad\.json: invalid JSON at byte [0-9]+$"
cmp -s before.tsv lic/licenses.tsv || fail "invalid JSON changed the list"
expect_exit 2 data update --from "$base/spdx/few.json" --dir lic
expect_stderr_match ": 10 licenses; expected 100 to 8192$"
cmp -s before.tsv lic/licenses.tsv || fail "a short list changed the list"
expect_exit 2 data update --from "$base/spdx/missing.json" --dir lic
expect_stderr_match "the new list does not load \(old list kept\): .*'MIT'"
cmp -s before.tsv lic/licenses.tsv || fail "an inconsistent list changed the list"
[ -z "$(ls -A lic | grep '^\.licenses')" ] || fail "temporary files left: $(ls -A lic)"
expect_exit 2 data update --from "$base/spdx/nope.json" --dir lic
expect_stderr_match ": HTTP 404 after 1 attempt$"
n=$(requests)
expect_exit 2 data update --offline --from "$base/spdx/good.json" --dir lic
expect_stderr_match ": offline$"
[ "$(requests)" = "$n" ] || fail "--offline made a request"

# Success: every old id, the new one (no text), the version in the header.
expect_exit 0 data update --from "$base/spdx/good.json" --dir lic
expect_stdout_match "^lic/licenses\.tsv: SPDX license list 9\.99, $((old + 1)) licenses \(was $old\)$"
grep -q '^# version: spdx-license-list-data-9\.99$' lic/licenses.tsv || fail "no version line"
grep -q "^Fake-New-1\.0	1	0	0	Fake New License 1\.0$" lic/licenses.tsv ||
	fail "new id missing or malformed"
grep -q "^MIT	1	0	1	MIT License$" lic/licenses.tsv || fail "MIT row changed"
[ -z "$(ls -A lic | grep '^\.licenses')" ] || fail "temporary files left: $(ls -A lic)"
