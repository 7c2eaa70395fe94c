#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan --enrich osv against a fake OSV API on 127.0.0.1: vulnerabilities
# of the reviewed commit feed the vulnerabilities check; a source that
# fails leaves the check unknown with the reason; --offline turns
# enrichment off without a single request.
. "$SRCDIR/tests/cli/lib.sh"

unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN

start_fake_api
count() {
	python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))["requests"])' "$base"
}

R=$FIXTURES/lic-mit
expect_exit 0 scan --db r.db --enrich osv --osv-url "$base/anycommit" "$R"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "vulnerabilities from OSV"
import json
c = json.load(open("out"))["components"][0]
chk = {x["check"]: x for x in c["checks"]}
v = chk["vulnerabilities"]
assert v["state"] == "scored" and v["score"] < 10, v
assert "known vulnerabilities affect this revision (OSV)" in v["reason"], v
assert c["facts"]["osv.status"] == "ok"
assert any(f["code"] == "security/vulnerability" for f in c["findings"])
PY

# OSV down (404 here): unknown with the reason, never a score.
expect_exit 0 scan --db r.db --new-run --enrich osv --osv-url "$base/nosuch" "$R"
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "unavailable OSV"
import json
c = json.load(open("out"))["components"][0]
v = {x["check"]: x for x in c["checks"]}["vulnerabilities"]
assert v["state"] == "unknown" and v["score"] is None, v
assert c["facts"]["osv.status"].startswith("unavailable: "), c["facts"]
PY

# --offline: enrichment off, not one request.
before=$(count)
expect_exit 0 scan --db r.db --new-run --offline --enrich osv --osv-url "$base/anycommit" "$R"
expect_stderr_match 'offline: online enrichment \(--enrich\) is off'
[ "$(count)" = "$before" ] || fail "--offline made requests"
expect_exit 2 scan --db r.db --enrich cve "$R"
expect_stderr_match "--enrich wants osv, forge or osv,forge, not 'cve'"
