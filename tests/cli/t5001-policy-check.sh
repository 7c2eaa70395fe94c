#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# policy check: the shipped rules are valid; malformed rules files are
# rejected with the exact line:col of the offending key or token.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 policy check "$SRCDIR/rules/policy.json"
expect_stdout_match 'policy\.json: valid: 7 profiles, [0-9]+ patterns$'

# JSON syntax: the unexpected token (missing colon) at 3:21.
printf '{\n  "version": 1,\n  "default_profile" "x"\n}\n' >syntax.json
expect_exit 1 policy check syntax.json
echo 'syntax.json:3:21: invalid JSON' >want
expect_stdout want

# A pattern that does not compile: at its key, 5:27.
cat >regex.json <<'EOF'
{
  "version": 1,
  "default_profile": "x",
  "security_critical": [
    {"id": "c", "match": {"name": "crypt(o"}}
  ],
  "profiles": {"x": {"label": "X", "allied": ["DE"], "concern": ["CN"]}}
}
EOF
expect_exit 1 policy check regex.json
echo 'regex.json:5:27: security_critical[0].match.name: bad pattern at offset 7: missing closing parenthesis' >want
expect_stdout want

# An unknown decision in an override.
cat >decision.json <<'EOF'
{
  "version": 1,
  "default_profile": "x",
  "profiles": {
    "x": {
      "label": "X", "allied": ["DE"], "concern": ["CN"],
      "overrides": [
        {"id": "o", "decision": "BAN", "match": {"name": "x"}}
      ]
    }
  }
}
EOF
expect_exit 1 policy check decision.json
echo "decision.json:8:21: profiles.x.overrides[0].decision: unknown decision 'BAN' (ACCEPT, EVALUATE or AVOID)" >want
expect_stdout want

# A wrong type.
cat >types.json <<'EOF'
{
  "version": 1,
  "default_profile": "x",
  "profiles": {
    "x": {
      "label": "X",
      "allied": "DE",
      "concern": ["CN"]
    }
  }
}
EOF
expect_exit 1 policy check types.json
echo 'types.json:7:7: profiles.x.allied: must be an array of country codes' >want
expect_stdout want

# A misspelt key is an error, not silently ignored.
sed 's/"concern"/"concerns"/' types.json | sed 's/"allied": "DE"/"allied": ["DE"]/' >key.json
expect_exit 1 policy check key.json
expect_stdout_match "^key\.json:8:7: profiles\.x\.concerns: unknown key 'concerns'$"

# JSON output carries the same position.
expect_exit 1 policy check --format json regex.json
expect_stdout_match '"line":[[:space:]]+5,'
expect_stdout_match '"col":[[:space:]]+27,'
expect_stdout_match '"valid":[[:space:]]+false'

# Unreadable: exit 2 with the file named on stderr.
expect_exit 2 policy check missing.json
expect_stderr_match 'missing\.json'
expect_exit 2 policy check
expect_exit 2 policy check --format xml regex.json
expect_exit 2 policy chek regex.json
expect_stderr_match "did you mean 'check'"
