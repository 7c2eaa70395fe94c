#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The manifest keys `arrangement` and `deployment_context` reach the
# shipped policy rules: a direct-collaboration arrangement is AVOID (seed
# 003), a sensitive deployment context makes a component security-critical
# (so a non-allied origin is AVOID), and a declared context answers the
# EVALUATE question instead of "unknown".
. "$SRCDIR/tests/cli/lib.sh"

cat >m.json <<J
{"name": "arrangements", "components": [
 {"name": "joint", "repo": "$FIXTURES/lic-mit", "origin_country": "US",
  "arrangement": "direct collaboration"},
 {"name": "grid", "repo": "$FIXTURES/lic-dual", "origin_country": "CN",
  "deployment_context": "energy grid control system"},
 {"name": "office", "repo": "$FIXTURES/lic-apache", "origin_country": "CN",
  "deployment_context": "internal office tooling"}
]}
J
expect_exit 0 scan --db r.db m.json
grep -q "unknown key" err && fail "arrangement or deployment_context ignored as unknown"
expect_exit 1 policy explain --db r.db joint
expect_stdout_match '^joint: AVOID \(decided by direct-collaboration:direct-collaboration\)$'
expect_stdout_match 'fact: arrangement="direct collaboration" matches'
expect_exit 1 policy explain --db r.db grid
expect_stdout_match '^grid: AVOID \(decided by security-critical-outside-allied\)$'
expect_stdout_match "security-critical: yes \(deployment_context \"energy grid control system\" matches"
expect_exit 0 policy explain --db r.db office
expect_stdout_match '^office: EVALUATE \(decided by country-of-concern\)$'
expect_stdout_match 'question deployment-context: declared: internal office tooling'

# policy classify reads the same keys from the manifest alone.
expect_exit 1 policy classify m.json
expect_stdout_match '^joint: AVOID '
expect_stdout_match '^grid: AVOID '
