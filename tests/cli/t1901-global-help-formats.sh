#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Help tells the truth about formats: for every command and verb with a
# --format option, the formats it accepts are exactly the ones its help
# lists (its usage line, or the option's own line), give or take the
# short aliases of listed formats (markdown for md; json, tv, cdx-json and
# cdx-xml for the SBOM formats); every listed format is in the command's man page
# section; and `osshealth help` names the report formats (t0006 checks
# the verbs).  Each command is run with every format any command knows,
# plus names no command takes.
. "$SRCDIR/tests/cli/lib.sh"

man="$SRCDIR/docs/osshealth.1"
sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' "$man" >man.txt

# Inputs the commands need, so that only the format decides.
cat >m.json <<JSON
{"components": [{"name": "lic-mit", "repo": "$FIXTURES/lic-mit"}]}
JSON
expect_exit 0 scan --db r.db m.json
expect_exit 0 scan --db r.db --new-run m.json
cp "$SRCDIR/tests/data/sbom/valid.spdx.json" v.json

# "command words|arguments after --format FMT"
cat >calls <<EOF2
db info|--db r.db
dco|--repo $FIXTURES/dco-signed
diff|--db r.db
enrich|--db r.db --offline
history|--repo $FIXTURES/lic-mit
license|$FIXTURES/lic-mit
policy check|
policy classify|m.json
policy explain|--db r.db lic-mit
report|--db r.db
sbom validate|v.json
sbom generate|$FIXTURES/lic-mit
sbom verify|--repo $FIXTURES/lic-mit v.json
sbom convert|v.json
vulns check|--db r.db --repo $FIXTURES/lic-mit
EOF2

# The formats a command's help lists.
listed() {
	# shellcheck disable=SC2086
	"$OSSHEALTH" $1 --help >h.txt 2>&1 || fail "$1 --help"
	l=$(sed -n 's/^usage: .*\[--format \([a-z0-9|-]*\)\].*/\1/p' h.txt | head -1 | tr '|' ' ')
	if [ -z "$l" ]; then
		l=$(sed -n 's/^ *-f, --format FMT *//p' h.txt | sed -e 's/([^)]*)//g' \
			-e 's/output format://' -e 's/output://' -e 's/,/ /g' \
			-e 's/\bor\b/ /g')
	fi
	echo $l
}

all=""
while IFS='|' read -r cmd args; do
	all="$all $(listed "$cmd")"
done <calls
all=$(echo $all markdown tv cdx-json cdx-xml xml pdf yaml | tr ' ' '\n' | sort -u)
[ "$(echo "$all" | wc -l)" -ge 12 ] || fail "too few formats found: $all"

n=0
while IFS='|' read -r cmd args; do
	want=$(listed "$cmd")
	[ -n "$want" ] || fail "$cmd: help lists no format"
	# The command's man page section names each listed format.
	sed -n "/^\\.SS \"$cmd\"/,/^\\.SS /p" man.txt >sec.txt
	[ -s sec.txt ] || fail "no man page section '$cmd'"
	for f in $want; do
		grep -q -- "$f" sec.txt ||
			fail "man page section '$cmd' does not name format '$f'"
	done
	for f in $all; do
		rc=0
		# shellcheck disable=SC2086
		"$OSSHEALTH" $cmd --format "$f" $args </dev/null >o.txt 2>e.txt || rc=$?
		accepted=yes
		if [ "$rc" = 2 ] && grep -q "unknown format '$f'" e.txt; then
			accepted=no
		fi
		listed_f=no
		for w in $want; do
			case "$w=$f" in
			"$f=$f") listed_f=yes ;;
			# an alias of a listed format may or may not be taken
			md=markdown | spdx-json=json | spdx-tv=tv | \
				cyclonedx-json=cdx-json | cyclonedx-xml=cdx-xml)
				listed_f=$accepted ;;
			esac
		done
		[ "$accepted" = "$listed_f" ] ||
			fail "$cmd --format $f: accepted $accepted, listed $listed_f (help: $want; $(head -c 200 e.txt))"
		n=$((n + 1))
	done
done <calls
[ "$n" -ge 200 ] || fail "only $n format checks"

# `osshealth help` names every report format.
expect_exit 0 help
for f in $(listed report); do
	grep -Eq "^  report .*\\b$f\\b" out || fail "'osshealth help' lacks report format $f"
done
