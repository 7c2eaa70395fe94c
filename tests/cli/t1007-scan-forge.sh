#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan --enrich forge end to end, on 127.0.0.1 only: a fixture repository
# served over real smart HTTP as acme/widget, its forge faked
# (tests/lib/fake-api.py).  The per-item samples reach the checks
# first-response and code-review and the facts; a failing item makes
# first-response unknown with the reason, never 0.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"
unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN
server=$SRCDIR/tests/lib/git-http-server.sh

start_fake_api
mkdir -p srv/acme
git clone -q --bare "$FIXTURES/mature" srv/acme/widget.git
port=$("$server" start srv)
trap '"$server" stop "$TEST_DIR/srv" || :; kill "$fake_api_pid" 2>/dev/null || :; rm -rf "$TEST_DIR"' EXIT
repo=http://127.0.0.1:$port/git/acme/widget.git

# The host 127.0.0.1 does not tell the forge: --forge says it.
expect_exit 0 scan --db s.db --cache cache --enrich forge --forge github \
	--forge-url "$base/gh" "$repo"
expect_stdout_match '^run 1: 1 components, 1 scanned, 0 failed, 0 already done$'
expect_exit 0 report --db s.db --format json
python3 - out <<'EOF2' || fail "scan report (gh) wrong: $(cat out)"
import json, sys
c = json.load(open(sys.argv[1]))["components"][0]
checks = {(x["category"], x["check"]): x for x in c["checks"]}
fr = checks[("activity", "first-response")]
assert fr["state"] == "scored" and fr["score"] == 8, fr
assert fr["reason"] == "median time to first response: 7.0 days", fr
cr = checks[("security", "code-review")]
assert cr["state"] == "scored" and cr["score"] == 1.8, cr  # 10 x 2/11
assert cr["reason"] == "18% of sampled merged changes reviewed", cr
f = c["facts"]
assert f["forge.first_response"] == "ok", f
assert (f["forge.first_response_median_days"], f["forge.first_response_answered"],
        f["forge.first_response_sample"]) == ("7.0", "6", "20"), f
assert f["forge.review"] == "ok", f
assert (f["forge.review_reviewed"], f["forge.review_sample"]) == ("2", "11"), f
assert "forge.detail_note" not in c["facts"], c["facts"]
EOF2

# One failing item: first-response unknown with the request and error.
expect_exit 0 scan --db s.db --cache cache --new-run --enrich forge \
	--forge github --forge-url "$base/ghflaky" "$repo"
expect_exit 0 report --db s.db --format json
python3 - out "$base" <<'EOF2' || fail "scan report (ghflaky) wrong: $(cat out)"
import json, sys
c = json.load(open(sys.argv[1]))["components"][0]
checks = {(x["category"], x["check"]): x for x in c["checks"]}
fr = checks[("activity", "first-response")]
assert fr["state"] == "unknown" and fr["score"] is None, fr
assert fr["reason"].startswith("first response unknown: " + sys.argv[2] +
    "/ghflaky/repos/acme/widget/issues/3/comments"), fr
assert checks[("security", "code-review")]["state"] == "scored"
assert c["facts"]["forge.first_response"] == "unknown", c["facts"]
f = [x for x in c["findings"] if x["code"] == "enrich/unavailable"]
assert len(f) == 1 and f[0]["message"].startswith(
    "forge enrichment partly unavailable: first response unknown: "), f
EOF2

# A project without tags whose releases are on the forge (GH_RELEASES in
# fake-api.py): releases, release-activity and changelog read them, and
# say so; the facts are values, one per key.
rm -rf srv/acme/widget.git
git clone -q --bare "$FIXTURES/lic-apache" srv/acme/widget.git
expect_exit 0 scan --db r.db --cache cache --enrich forge --forge github \
	--forge-url "$base/gh" "$repo"
expect_exit 0 report --db r.db --format json
python3 - out <<'EOF2' || fail "forge releases not used: $(cat out)"
import json, sys
c = json.load(open(sys.argv[1]))["components"][0]
checks = {(x["category"], x["check"]): x for x in c["checks"]}
rel = checks[("maturity", "releases")]
assert rel["state"] == "scored" and rel["score"] == 8, rel
assert rel["reason"] == "3 releases on the forge, 2 in the last 365 days", rel
assert any(e.startswith("from the forge's releases: 3 releases and 1 pre-releases, last release v2.1.0")
           for e in rel["evidence"]), rel
act = checks[("activity", "release-activity")]
assert act["score"] == 10 and act["reason"] == "last release 10 days ago", act
log = checks[("maturity", "changelog")]
assert log["score"] == 10 and log["reason"] == "release notes present (on the forge)", log
f = c["facts"]
assert f["forge.releases"] == "ok" and f["forge.releases_count"] == "3", f
assert f["forge.last_release_tag"] == "v2.1.0", f
assert f["forge.release_interval_days"] == "195.0", f
assert f["forge.issues_opened_365"] == "81", f
EOF2
