#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# enrich against a fake OSV API on 127.0.0.1 (tests/lib/fake-api.py): the
# facts, --offline without a single request, ETag revalidation from the
# cache, and every failure as "unavailable: <reason>" with exit 0.
. "$SRCDIR/tests/cli/lib.sh"

unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN

start_fake_api
port=${base##*:}
commit=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
purl=pkg:pypi/fakepkg@1.0.0
repo=https://example.org/fake

# counter KEY: a number from the server's /_count.
counter() {
	python3 -c '
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))
k = sys.argv[2]
print(d["paths"].get(k, 0) if k.startswith("/") else d[k])
' "$base" "$1"
}

# unavailable SCENARIO REGEX ARGS...: exit 0, the reason, a warning.
unavailable() {
	scen=$1
	re=$2
	shift 2
	expect_exit 0 enrich --commit "$commit" --osv-url "$base/$scen" \
		--db t.db "$@" "$repo"
	expect_stdout_match "^osv: unavailable: $re"
	expect_stderr_match "^osshealth: warning: osv: enrichment unavailable: $re"
}

# --offline: no request at all, no database created.
expect_exit 0 enrich --offline --commit "$commit" --purl "$purl" \
	--osv-url "$base/ok" "$repo"
expect_stdout_match '^osv: unavailable: offline$'
expect_stderr_match '^osshealth: warning: osv: enrichment unavailable: offline$'
[ "$(counter requests)" = 0 ] || fail "--offline made $(counter requests) requests"
[ ! -e osshealth.db ] || fail "--offline created a database"

# The facts: commit and purl queries, 3 distinct vulnerabilities.
cat >want <<EOF2
repository: $repo
osv: 3 known vulnerabilities (2 with a fix)
  GHSA-f3xq-8m2v-test	aliases=CVE-2026-10001	severity=CVSS_V3:CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H	fix=yes
  OSV-2026-33	aliases=-	severity=CVSS_V4:CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N	fix=yes	withdrawn
  PYSEC-2026-7	aliases=CVE-2026-10002,GHSA-9h7c-q2w4-test	severity=database:MODERATE	fix=no
EOF2
expect_exit 0 enrich --commit "$commit" --purl "$purl" --osv-url "$base/ok" \
	--db t.db "$repo"
expect_stdout want
expect_stderr_empty
[ "$(counter requests)" = 4 ] || fail "first run: $(counter requests) requests, expected 4"
[ "$(counter not_modified)" = 0 ] || fail "first run had 304 replies"
[ "$(counter gzip)" -ge 1 ] || fail "no reply was gzip-encoded"
[ "$(sqlite3 t.db 'select count(*) from http_cache where etag is not null')" = 3 ] ||
	fail "http_cache does not hold the 3 records"

# Second run: the 3 records are revalidated (304) and come from the cache.
expect_exit 0 enrich --commit "$commit" --purl "$purl" --osv-url "$base/ok" \
	--db t.db "$repo"
expect_stdout want
[ "$(counter requests)" = 8 ] || fail "second run: $(counter requests) requests in all, expected 8"
[ "$(counter not_modified)" = 3 ] || fail "second run: $(counter not_modified) 304 replies, expected 3"

# Paged replies: the last id of each hit on page 1, the others on page 2
# (asked with page_token): the same facts as in one page.
expect_exit 0 enrich --commit "$commit" --purl "$purl" --osv-url "$base/paged" \
	--db paged.db "$repo"
expect_stdout want
[ "$(counter /paged/v1/querybatch)" = 2 ] || fail "paged: $(counter /paged/v1/querybatch) batches, expected 2"

# JSON output.
expect_exit 0 enrich --commit "$commit" --osv-url "$base/ok" --db t.db \
	--format json --enrich osv,forge "$repo"
python3 - out <<'EOF2' || fail "JSON output wrong: $(cat out)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "osshealth-enrich/1"
osv, forge = d["sources"]
assert osv["name"] == "osv" and osv["status"] == "ok"
ids = [v["id"] for v in osv["vulnerabilities"]]
assert ids == ["GHSA-f3xq-8m2v-test", "PYSEC-2026-7"], ids
assert osv["vulnerabilities"][0]["fixed"] is True
assert osv["vulnerabilities"][1]["severity"] == "MODERATE"
assert forge["name"] == "forge" and forge["status"] == "unavailable", forge
assert forge["reason"] == "https://example.org/fake: no owner/repository path in the URL", forge
EOF2

# 429 with Retry-After, then success; 500, then success.
expect_exit 0 enrich --commit "$commit" --osv-url "$base/ratelimit" --db t.db "$repo"
expect_stdout_match '^osv: 2 known vulnerabilities'
[ "$(counter /ratelimit/v1/querybatch)" = 2 ] || fail "429 was not retried once"
expect_exit 0 enrich --commit "$commit" --osv-url "$base/flaky" --db t.db "$repo"
expect_stdout_match '^osv: 2 known vulnerabilities'
[ "$(counter /flaky/v1/querybatch)" = 2 ] || fail "500 was not retried once"

# Failures: each an unavailable source with its reason, never a number.
unavailable always429 "$base/always429/v1/querybatch: HTTP 429 after 2 attempts$" --retries 1
unavailable slow "$base/slow/v1/querybatch: timed out after 1 s \(1 attempt\)$" --timeout 1 --retries 0
unavailable truncated "$base/truncated/v1/querybatch: truncated reply \(.*; 1 attempt\)$" --retries 0
unavailable badjson "$base/badjson/v1/querybatch: invalid JSON at byte 26$"
unavailable big "$base/big/v1/querybatch: reply larger than 8388608 bytes$"
unavailable bigstream "$base/bigstream/v1/querybatch: reply larger than 8388608 bytes$"
unavailable loop "$base/loop/v1/querybatch: too many redirects \(more than 5\)$"
unavailable pagedloop "$base/pagedloop/v1/querybatch: more than 32 pages of results$"
[ "$(counter /pagedloop/v1/querybatch)" = 32 ] || fail "pages asked of pagedloop: $(counter /pagedloop/v1/querybatch)"
[ "$(counter /loop/v1/querybatch)" = 6 ] || fail "redirects followed: $(counter /loop/v1/querybatch)"

# TLS verification is on: https:// to the plain-HTTP port fails.
expect_exit 0 enrich --commit "$commit" --osv-url "https://127.0.0.1:$port/ok" \
	--db t.db --retries 0 "$repo"
expect_stdout_match "^osv: unavailable: https://127\.0\.0\.1:$port/ok/v1/querybatch: TLS error \("

# Nothing to query; credentials in a URL; unknown source.
expect_exit 0 enrich --osv-url "$base/ok" --db t.db "$repo"
expect_stdout_match '^osv: unavailable: nothing to query: give --commit or --purl$'
expect_exit 2 enrich --commit "$commit" --osv-url "http://u:p@127.0.0.1:$port/ok" "$repo"
expect_stderr_match 'credentials in URLs are not accepted'
expect_exit 2 enrich --enrich osv,nvd "$repo"
expect_stderr_match "unknown source 'nvd'"

# The server goes away: still exit 0, enrichment unavailable.
kill "$fake_api_pid"
wait "$fake_api_pid" 2>/dev/null || :
unavailable ok "$base/ok/v1/querybatch: cannot connect \(.*; 2 attempts\)$" --retries 1
