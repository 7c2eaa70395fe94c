#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# history on gated: people, not machinery.  Zuul authors every merge,
# dependabot and the OpenStack proposal bot a commit each; authors,
# absence and elephant factors count the people's non-merge commits
# (git log --no-merges as the oracle) and the excluded identities are
# listed.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/gated
since=2025-11-01T00:00:00Z
people=$(git -C "$R" log --no-merges --since=$since --format=%ae |
	grep -v -e 'bot\]@' -e '^openstack-infra@' | sort -u | wc -l)
contrib=$(git -C "$R" log --no-merges --since=$since --format=%ae |
	grep -v -e 'bot\]@' -e '^openstack-infra@' | wc -l)
merges=$(git -C "$R" rev-list --merges --count --since=$since HEAD)
all=$(git -C "$R" rev-list --count --since=$since HEAD)
[ "$people" = 3 ] && [ "$contrib" = 8 ] && [ "$merges" = 8 ] ||
	fail "fixture changed: $people people, $contrib contributions, $merges merges"

expect_exit 0 history --repo "$R"
# Ada 4 of 8 contributions: absence factor 1; Example Corp (Ada) 4 of 8:
# elephant factor 1; Cy's domain is unknown: 7 of 8 attributed (88%).
expect_stdout_match "^window 365d: commits $all \(previous 1\), authors $people, new authors 2, absence factor 1, elephant factor 1, organisations 3, contributions $contrib, merges $merges, bot commits 2, attributed 88%\$"
expect_stdout_match '^excluded 365d: Zuul <zuul@review\.opendev\.org> 8 commits \(bot\); OpenStack Proposal Bot <openstack-infra@lists\.openstack\.org> 1 commits \(bot\); dependabot\[bot\] <49699333\+dependabot\[bot\]@users\.noreply\.github\.com> 1 commits \(bot\)$'
expect_exit 0 history --repo "$R" --format json
python3 - <<'PY' || fail "json"
import json
w = json.load(open("out"))["windows"]["365d"]
assert w["authors"] == 3 and w["contributions"] == 8 and w["merges"] == 8, w
assert w["excluded"][0] == {"identity": "Zuul <zuul@review.opendev.org>", "commits": 8, "bot": True}, w
PY

# Below 50% attributed the elephant factor is unknown: dco-signed's two
# authors write from example.org and example.net, in no list.
expect_exit 0 history --repo "$FIXTURES/dco-signed"
expect_stdout_match '^window all: .*elephant factor unknown, .*attributed 0%$'
