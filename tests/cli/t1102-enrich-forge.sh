#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# enrich --enrich forge against fake GitHub, GitLab and Gitea APIs on
# 127.0.0.1: repository facts, 90/365-day windows, median time to close,
# time to first response and review share over per-item samples (bots,
# authors, system notes and pending reviews left out; a failing item
# makes its metric unknown, never 0), pagination and its cap, rate
# limits, tokens sent but never stored.
. "$SRCDIR/tests/cli/lib.sh"

unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN

start_fake_api
port=${base##*:}

counter() {
	python3 -c '
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))
print(d[sys.argv[2]])
' "$base" "$1"
}

# GitHub: 102 items on two pages (an empty third ends the list).  The
# samples (GH_REPLIES in fake-api.py): 20 items for the first response,
# 6 of them answered (1, 2, 4, 10, 12 -- on a second comment page -- and
# 30 days: median 7.0); 11 merged changes, 2 reviewed by someone other
# than their author.
cat >want <<EOF2
repository: https://github.com/acme/widget.git
forge: github acme/widget: archived=no stars=42 forks=7 open_issues=3
  issues: opened 90d=24 365d=81, closed 90d=12 365d=40
  changes: opened 90d=6 365d=21, closed 90d=4 365d=11
  median time to close: 6.0 days (40 issues)
  first response: median 7.0 days (6 of 20 sampled issues and changes answered)
  review: 2 of 11 sampled merged changes reviewed (18%)
  releases: 3 (1 pre-release), 2 in 365 days, last v2.1.0 on 2026-10-22, median interval 195.0 days
EOF2
expect_exit 0 enrich --enrich forge --forge-url "$base/gh" --db t.db \
	https://github.com/acme/widget.git
expect_stdout want
expect_stderr_empty
# 4 for the lists; 21 comment pages (#8 has two) and 5 review pages for
# the first response; 8 review pages for the merged changes not read yet;
# 2 release pages (the second empty).
[ "$(counter requests)" = 40 ] || fail "github: $(counter requests) requests, expected 40"
paths=$(python3 -c '
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))
print(" ".join(sorted(p for p in d["paths"] if "/comments" in p or "/reviews" in p)))
' "$base")
# Sampled: #1 and #3..#21 (the bot's #2 is not), nothing older; only
# #8 needed a second comment page.
case " $paths " in
*"/issues/8/comments?per_page=100&page=2 "*) ;;
*) fail "#8's second comment page was not read: $paths" ;;
esac
case " $paths " in
*"/issues/7/comments?per_page=100&page=2 "*) fail "#7 read past its first page" ;;
esac
for n in 2 22; do
	case " $paths " in
	*"/issues/$n/comments?"*) fail "#$n was sampled: $paths" ;;
	esac
done
case " $paths " in
*"/issues/21/comments?"*) ;;
*) fail "the 20th sampled item #21 was not read: $paths" ;;
esac

# A failing item: the first response is unknown and says why (never a
# number from the rest of the sample); the review share still stands.
expect_exit 0 enrich --enrich forge --retries 0 --forge-url "$base/ghflaky" \
	--db t.db --format json https://github.com/acme/widget.git
python3 - out "$base" <<'EOF2' || fail "ghflaky JSON wrong: $(cat out)"
import json, sys
f = json.load(open(sys.argv[1]))["sources"][0]
assert f["status"] == "ok", f
assert f["median_days_to_first_response"] is None, f
assert f["first_response"] == {"status": "unknown", "sample": 0, "answered": 0}, f
assert f["review"] == {"status": "ok", "sample": 11, "reviewed": 2,
                       "share": 2 / 11}, f
assert f["detail_note"] == ("first response unknown: " + sys.argv[2] +
    "/ghflaky/repos/acme/widget/issues/3/comments?per_page=100: HTTP 500 after 1 attempt"), f
EOF2

# A full last page of replies, none of which counts (bots, the author):
# #4 has three full pages of bot comments (all that is read), #11 a full
# page of its author's reviews.  The reply that counts may be on the next
# page, so both metrics are unknown, never "no response" or "not reviewed".
expect_exit 0 enrich --enrich forge --forge-url "$base/ghfull" \
	--db t.db --format json https://github.com/acme/widget.git
python3 - out "$base" <<'EOF2' || fail "ghfull JSON wrong: $(cat out)"
import json, sys
f = json.load(open(sys.argv[1]))["sources"][0]
assert f["status"] == "ok", f
assert f["median_days_to_first_response"] is None, f
assert f["first_response"] == {"status": "unknown", "sample": 0, "answered": 0}, f
assert f["review"]["status"] == "unknown", f
full = ": a full page of 100 replies and none counted (no further page is read)"
assert f["detail_note"] == ("first response unknown: " + sys.argv[2] +
    "/ghfull/repos/acme/widget/issues/4/comments?per_page=100&page=3" + full +
    "; review unknown: " + sys.argv[2] +
    "/ghfull/repos/acme/widget/pulls/11/reviews?per_page=100" + full), f
EOF2

# Merged #11 has frank's comment after 5 days and bob's review after 30:
# the first response is the comment (answered values 1, 2, 4, 5, 10, 12:
# median 4.5), and the review page is still read, so #11 stays reviewed.
expect_exit 0 enrich --enrich forge --forge-url "$base/ghboth" \
	--db t.db --format json https://github.com/acme/widget.git
python3 - out <<'EOF2' || fail "ghboth JSON wrong: $(cat out)"
import json, sys
f = json.load(open(sys.argv[1]))["sources"][0]
assert f["median_days_to_first_response"] == 4.5, f
assert f["first_response"] == {"status": "ok", "sample": 20, "answered": 6}, f
assert f["review"] == {"status": "ok", "sample": 11, "reviewed": 2,
                       "share": 2 / 11}, f
assert f["detail_note"] is None, f
EOF2

# The rate limit leaves 30 requests, the samples need at least 36 (20
# comment pages, 5 review pages, 11 merged changes): they are not
# fetched, so the quota stays for the counts of the next components.
curl_before=$(counter requests)
expect_exit 0 enrich --enrich forge --forge-url "$base/ghlow" --db t.db \
	https://github.com/acme/widget.git
expect_stdout_match '^  first response: unknown$'
expect_stdout_match '^  review: unknown$'
expect_stdout_match "^  note: first response and review not fetched: the forge's rate limit leaves 30 requests, the samples need at least 36 \(set the forge's token\)$"
expect_stdout_match '^  median time to close: 6\.0 days \(40 issues\)$'
# 4 for the lists, 2 for the releases
[ "$(($(counter requests) - curl_before))" = 6 ] ||
	fail "ghlow: $(($(counter requests) - curl_before)) requests, expected 6"

# GitLab (fractional-second times, merged_at) and Gitea (offsets).
expect_exit 0 enrich --enrich forge --forge gitlab --forge-url "$base/gl" \
	--db t.db https://git.example.org/acme/widget
expect_stdout_match '^forge: gitlab acme/widget: archived=yes stars=5 forks=1 open_issues=1$'
expect_stdout_match '^  issues: opened 90d=1 365d=2, closed 90d=1 365d=1$'
expect_stdout_match '^  changes: opened 90d=1 365d=1, closed 90d=1 365d=1$'
expect_stdout_match '^  median time to close: 4\.0 days \(1 issue\)$'
# Notes: the author's, a system note and a project bot's do not count.
expect_stdout_match '^  first response: median 1\.3 days \(2 of 3 sampled issues and changes answered\)$'
expect_stdout_match '^  review: 1 of 1 sampled merged changes reviewed \(100%\)$'
# GitLab's releases: the upcoming one is left out.
expect_stdout_match '^  releases: 1 \(0 pre-releases\), 1 in 365 days, last v1\.0 on 2026-09-12$'
expect_exit 0 enrich --enrich forge --forge gitea --forge-url "$base/gt" \
	--db t.db --format json git@codeberg.org:acme/widget.git
python3 - out <<'EOF2' || fail "gitea JSON wrong: $(cat out)"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["sources"][0]
assert f["status"] == "ok" and f["forge"] == "gitea", f
assert (f["stars"], f["forks"], f["open_issues"], f["archived"]) == (9, 2, 0, False), f
assert f["issues_90d"] == {"opened": 1, "closed": 1}, f
assert f["changes_365d"] == {"opened": 2, "closed": 1}, f
assert f["median_days_to_close"] == 2.0 and f["close_sample"] == 1, f
assert f["median_days_to_first_response"] == 0.5, f
assert f["first_response"] == {"status": "ok", "sample": 3, "answered": 3}, f
assert f["review"] == {"status": "ok", "sample": 1, "reviewed": 1, "share": 1}, f
assert f["releases"]["status"] == "none" and f["releases"]["releases"] == 0, f
assert f["releases"]["last"] is None, f
assert f["detail_note"] is None, f
EOF2

# The release list fails: the releases are unknown with the request and
# the error, never "none"; the other facts stand.
expect_exit 0 enrich --enrich forge --retries 0 --forge-url "$base/ghrel500" \
	--db t.db --format json https://github.com/acme/widget.git
python3 - out "$base" <<'EOF2' || fail "ghrel500 JSON wrong: $(cat out)"
import json, sys
f = json.load(open(sys.argv[1]))["sources"][0]
assert f["status"] == "ok" and f["stars"] == 42, f
assert f["releases"] == {"status": "unknown", "releases": None,
    "prereleases": None, "capped": False, "releases_365d": None,
    "with_notes": None, "last": None, "last_tag": None,
    "median_interval_days": None}, f
assert f["first_response"]["status"] == "ok", f
assert f["detail_note"] == ("releases unknown: " + sys.argv[2] +
    "/ghrel500/repos/acme/widget/releases?per_page=100&page=1: HTTP 500 after 1 attempt"), f
EOF2

# The token goes to the forge, never to the database or the output.
GITHUB_TOKEN=tok-5ecret-value expect_exit 0 enrich --enrich forge \
	--forge-url "$base/gh" --db t.db https://github.com/acme/widget
[ "$(counter auth)" = 40 ] || fail "token sent with $(counter auth) requests, expected 40"
if grep -q tok-5ecret-value t.db* out err; then
	fail "the token reached the database or the output"
fi

# Page cap, rate limit, unknown forge, offline: unavailable, exit 0.
expect_exit 0 enrich --enrich forge --forge-url "$base/ghcap" --db t.db \
	https://github.com/acme/widget
expect_stdout_match "^forge: unavailable: $base/ghcap/repos/acme/widget: more than 10 pages of issues \(page cap\)$"
expect_exit 0 enrich --enrich forge --forge-url "$base/ghrl" --db t.db \
	https://github.com/acme/widget
expect_stdout_match "^forge: unavailable: $base/ghrl/repos/acme/widget: HTTP 403: rate limited or forbidden; set GITHUB_TOKEN$"
expect_stderr_match '^osshealth: warning: forge: enrichment unavailable: '
expect_exit 0 enrich --enrich forge https://example.org/acme/widget
expect_stdout_match "^forge: unavailable: https://example\.org/acme/widget: cannot tell the forge of host 'example\.org'; give --forge$"
before=$(counter requests)
expect_exit 0 enrich --offline --enrich osv,forge --forge-url "$base/gh" \
	https://github.com/acme/widget
expect_stdout_match '^forge: unavailable: offline$'
[ "$(counter requests)" = "$before" ] || fail "--offline made requests"
expect_exit 2 enrich --forge svn https://github.com/acme/widget
expect_stderr_match "unknown forge 'svn'"
