#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan on gated: the health rules that must hold on real upstreams.
# Binaries by content (an OpenVMS .com script is text; an ELF header is
# not; a gzip under tests/ is test data), a pull_request_target workflow
# that checks out the PR head (quoted) beside a safe backport one, an
# OSS-Fuzz harness, CodeQL, RelNotes/ as release notes, releases in
# curl's scheme, the merge bot outside the people metrics.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/gated
# `file` as the oracle for the binaries, where it is installed.
if command -v file >/dev/null 2>&1; then
	file -b "$R/vms/build_vms.com" | grep -q text || fail "file: .com not text"
	file -b "$R/prebuilt/helper.so" | grep -q ELF || fail "file: no ELF"
fi
expect_exit 0 scan --db r.db --jobs 1 "$R"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "health rules"
import json
comp = json.load(open("out"))["components"][0]
c = {x["check"]: x for x in comp["checks"]}
f = comp["facts"]

b = c["binary-artifacts"]
assert b["score"] == 9, b
assert b["evidence"] == ["prebuilt/helper.so (ELF, 20 bytes)",
    "tests/data/input.gz (gzip, 37 bytes), test data, not scored"], b
assert not any("build_vms.com" in e for e in b["evidence"]), b

d = c["dangerous-workflow"]
assert d["score"] == 0, d
assert d["evidence"] == [".github/workflows/pr-label.yml:13: pull_request_target workflow fetches the pull request's code: ref: ${{ github.event.pull_request.head.sha }}"], d

fz = c["fuzzing"]
assert fz["score"] == 10 and "fuzz harness sources: 1 file, e.g. oss-fuzz/fuzz-parse.c" in fz["evidence"], fz
s = c["sast"]
assert s["score"] == 10 and any("codeql.yml" in e and "codeql" in e for e in s["evidence"]), s
ch = c["changelog"]
assert ch["score"] == 10 and ch["evidence"] == ["Documentation/RelNotes/1.2.0.txt"], ch

r = c["releases"]
assert r["score"] == 10, r
assert "3 releases and 1 pre-releases among 6 tags" in r["evidence"], r
assert f["activity.days_since_release"] == "121", f
ra = c["release-activity"]
assert ra["reason"] == "last release 121 days ago", ra

p = c["contributors"]
assert any(e.startswith("identities left out: Zuul <zuul@review.opendev.org>: 8 commits (bot)") for e in p["evidence"]), p
assert f["activity.authors_365"] == "3", f
assert f["activity.absence_factor_365"] == "1", f
PY
