#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# policy classify: the demo manifest's components from declared facts.
. "$SRCDIR/tests/cli/lib.sh"

demo="$SRCDIR/fixtures/demo.json"

# mature: a CN cryptography component declared security-critical -> AVOID,
# so the exit status is 1.
expect_exit 1 policy classify "$demo"
expect_stdout_match '^profile: default '
expect_stdout_match '^mature: AVOID \(decided by security-critical-outside-allied\)$'
expect_stdout_match '^multi-org: EVALUATE \(decided by country-of-concern\)$'
expect_stdout_match '^lic-apache: ACCEPT \(decided by neutral-foundation:apache\)$'
expect_stdout_match '^lic-gpl-tags: ACCEPT \(decided by neutral-foundation:lf\)$'
expect_stdout_match '^dco-signed: ACCEPT \(decided by default\)$'
expect_stdout_match '^  question alternatives: 3 known alternatives$'
expect_stdout_match '^  question maturity: unknown$'
[ "$(grep -c ': AVOID (' out)" = 1 ] || fail "expected exactly one AVOID"
[ "$(grep -c ': EVALUATE (' out)" = 1 ] || fail "expected exactly one EVALUATE"
[ "$(grep -c ': ACCEPT (' out)" = 9 ] || fail "expected nine ACCEPT"

expect_exit 1 policy classify --profile uk --format json "$demo"
expect_stdout_match '"name":[[:space:]]+"uk"'
expect_stdout_match '"UK GDPR"'
expect_stdout_match '"decision":[[:space:]]+"AVOID"'

# A rules file without AVOID-worthy facts: exit 0.
cat >m.json <<'EOF'
{"components": [{"name": "a", "repo": "/x/a", "origin_country": "DE"}]}
EOF
expect_exit 0 policy classify m.json
expect_stdout_match '^a: ACCEPT'

expect_exit 2 policy classify --profile nowhere "$demo"
expect_stderr_match "no profile 'nowhere'"
printf '{"version": 1}' >bad.json
expect_exit 2 policy classify --rules bad.json "$demo"
expect_stderr_match 'bad\.json'
expect_exit 2 policy classify

# Untrusted text reaches the terminal with control bytes escaped.
cat >esc.json <<'EOF'
{"components": [{"name": "evil\u001b[31m", "repo": "/x/e",
  "origin_country": "CN", "organization": "Org\u0007"}]}
EOF
expect_exit 0 policy classify esc.json
expect_stdout_match '^evil\\x1b\[31m: EVALUATE '
expect_stdout_match 'organization="Org\\x07"'
if grep -q "$(printf '\033')" out; then
	fail "an ESC byte reached the output"
fi
