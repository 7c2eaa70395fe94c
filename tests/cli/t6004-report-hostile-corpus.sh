#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A hostile corpus (terminal escapes, $(), invalid UTF-8, bidi overrides,
# spreadsheet formulas) in a repository (fixtures/hostile.sh text), a
# manifest and an SBOM, through every output of report, dco, license,
# sbom and policy explain: every byte checked for its sink
# (tests/lib/check-output.py), and nothing executed.
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" text >/dev/null
R=$TEST_DIR/fx/text
: >problems
check() { # KIND FILE...: problems are collected, reported at the end
	python3 "$SRCDIR/tests/lib/check-output.py" "$@" >>problems || :
}
keep() { # NAME: keep stdout and stderr of the last run
	cp out "o.$1"
	cp err "e.$1"
}

NAME=$(printf "=cmd|' -C calc'!A0\033[2J\$(touch PWN)")
python3 - "$R" <<'EOF2'
import json, sys
m = {"name": "hostile \x1b]0;t\x07", "components": [
    {"name": "=cmd|' -C calc'!A0\x1b[2J$(touch PWN)", "repo": sys.argv[1],
     "organization": "\tTAB org \x1b[31m", "category": "@cat",
     "notes": "+SUM(1)\r\nline2 \u202e", "origin_country": "DE"},
    {"name": "-neg", "repo": sys.argv[1], "x\x1b[31m\u202e": 1}]}
b = json.dumps(m).encode().replace(b"line2", b"line2 \xff\xfe")
open("m.json", "wb").write(b)
d = {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
     "SPDXID": "SPDXRef-DOCUMENT", "name": "x\x1b[2J",
     "documentNamespace": "https://example.org/x",
     "creationInfo": {"created": "2026-01-01T00:00:00Z",
                      "creators": ["Tool: =1+1\x1b[31m"]},
     "packages": [{"SPDXID": "SPDXRef-\x1b]0;evil\x07", "name": "p\x1b[31m",
                   "downloadLocation": "NOASSERTION",
                   "filesAnalyzed": False}],
     "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT",
                        "relationshipType": "DESCRIBES",
                        "relatedSpdxElement": "SPDXRef-\x1b]0;evil\x07"}]}
b = json.dumps(d).encode().replace(b"p\\u001b", b"p\xff\\u001b")
open("s.json", "wb").write(b)
EOF2

expect_exit 0 scan --db h.db m.json
keep scan
grep -q "unknown key .x.x1b\[31m.u202e" e.scan || fail "no escaped unknown-key warning"
for f in text md csv html json sarif junit; do
	expect_exit 0 report --db h.db --format $f
	keep report.$f
done
expect_exit 1 dco --repo "$R"
keep dco.text
for f in json sarif junit; do
	expect_exit 1 dco --repo "$R" --format $f
	keep dco.$f
done
for f in text json sarif junit; do
	run_osh license "$R" --format $f
	keep license.$f
done
expect_exit 0 sbom generate "$R" -o gen.json
keep gen
expect_exit 0 sbom convert -o conv.json gen.json
for f in text json sarif junit; do
	expect_exit 1 sbom validate --format $f s.json
	keep validate.$f
done
# The corpus has no license: the overall decision is AVOID (exit 1).
expect_exit 1 policy explain --db h.db "$NAME"
expect_stdout_match '^ +AVOID +license +license/denied: license NONE '
keep explain.text
# history lists the identities it leaves out (a bot, a merge's author)
"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" people >/dev/null
for f in text json; do
	OSSHEALTH_NOW=2026-06-01T00:00:00Z expect_exit 0 history \
		--repo "$TEST_DIR/fx/people" --format $f
	keep history.$f
done
grep -q '^excluded 365d: Mer\\x1b\]0;pwned\\x07ge <m@example.org> 1 merges; Ev\\x1b\[31mil\[bot\] <bot@example.org> 1 commits (bot)$' \
	o.history.text || fail "history: bot identity not listed: $(cat o.history.text)"
expect_exit 1 policy explain --db h.db --format json "$NAME"
keep explain.jsontext  # a "run N" line, then JSON

check term o.*text o.report.md o.scan o.explain.jsontext e.*
check json o.*json o.*sarif gen.json conv.json
check csv o.report.csv
check html o.report.html
check xml o.*junit
[ ! -s problems ] || fail "$(cat problems)"
grep -q "'=cmd|' -C calc'!A0" o.report.csv || fail "the formula cell is not neutralised"
grep -q "'-neg" o.report.csv || fail "the '-' cell is not neutralised"
[ -z "$(find "$TEST_DIR" -name PWN)" ] || fail "something ran the corpus's shell code"
