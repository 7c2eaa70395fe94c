#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SPDX 2.x conformance: `osshealth sbom validate` over every SPDX 2
# document (JSON, YAML, tag-value, RDF/XML, SPDX XML, UTF-8 and UTF-16)
# of the SPDX projects' example and test folders: spdx/spdx-examples,
# spdx/spdx-spec (examples/ of the 2.3.1 and 2.2.2 releases, SPEC_REFS), spdx/tools-
# python (tests/) and spdx/tools-golang (examples/, test fixtures).  The
# expected verdict of each is the document's own: valid, except those
# listed with their rule in bench/sbom/spdx2-expected.tsv.  A document
# agrees when osshealth exits 0 for a valid one and not 0 for an invalid
# one.  The documents are read from local git copies (the `fetch` mirrors
# or clones) and never stored in this tree.  Never part of `make check`.
#
# Usage: bench/sbom/spdx2-conformance.sh BINARY EXAMPLES SPEC TOOLS_PYTHON TOOLS_GOLANG
#   each a git directory (bare or not) of that repository.
set -eu

usage="usage: bench/sbom/spdx2-conformance.sh BINARY EXAMPLES SPEC TOOLS_PYTHON TOOLS_GOLANG"
bin=${1:?$usage}
[ $# -eq 5 ] || { echo "$usage" >&2; exit 2; }
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/spdx2-expected.tsv
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-spdx2-conf-XXXXXX")
trap 'rm -rf "$work"' EXIT

total=0 agree=0 nvalid=0 ninvalid=0
# SPDX 2 documents by name; SPDX 3, schemas, models, build files left out
pick='\.(spdx|spdx\.json|spdx\.ya?ml|spdx\.rdf|rdf\.xml|spdx\.xml|json|ya?ml|xml)$'
skip='spdx3|\.github/|package(-lock)?\.json$|mkdocs|pre-commit|SPDX_OWL|context\.json$|spdx-model\.xml$|pom.*\.xml$|examples/jsonld/|(^|/)schemas?/|(^|/)ontology/|\.cdx\.|cyclonedx'

run() { # REPO_NAME GIT_DIR [REF]
	ref=${3:-HEAD}
	for f in $(git --git-dir="$2" ls-tree -r "$ref" --name-only |
		grep -E "$pick" | grep -Ev "$skip"); do
		git --git-dir="$2" show "$ref:$f" >"$work/doc"
		# only SPDX 2: a spdxVersion / SPDXVersion / rdf SpdxDocument
		# (UTF-16 too: its NUL bytes dropped for the look)
		tr -d '\000' <"$work/doc" |
			grep -aqE 'spdxVersion|SPDXVersion|SpdxDocument' ||
			continue
		want=$(awk -F'\t' -v r="$1" -v p="$f" \
			'$1 == r && $2 == p { print $3 }' "$expected")
		want=${want:-valid}
		set +e
		"$bin" sbom validate "$work/doc" >"$work/out" 2>&1
		rc=$?
		set -e
		total=$((total + 1))
		if [ "$want" = valid ]; then
			nvalid=$((nvalid + 1))
		else
			ninvalid=$((ninvalid + 1))
		fi
		if { [ "$want" = valid ] && [ "$rc" -eq 0 ]; } ||
		   { [ "$want" = invalid ] && [ "$rc" -ne 0 ]; }; then
			agree=$((agree + 1))
		else
			echo "DISAGREE $1 $f: expected $want, exit $rc: $(grep -E ': error |osshealth: ' "$work/out" | head -2 | sed 's/^[^:]*: //' | tr '\n' ' ' | cut -c1-240)"
		fi
	done
	echo "$1 ${3:+$3 }$(git --git-dir="$2" rev-parse "$ref")" >>"$work/revs"
}

run spdx-examples "$2"
# the specification's examples live on its release branches; HEAD is 3.0
for r in ${SPEC_REFS:-support/2.3.1 v2.2.2}; do
	run spdx-spec "$3" "$r"
done
run tools-python "$4"
run tools-golang "$5"
cat "$work/revs"
echo "documents: $total ($nvalid expected valid, $ninvalid expected invalid)"
awk -v a="$agree" -v t="$total" 'BEGIN { printf "agreement: %d of %d (%.1f%%)\n", a, t, t ? 100 * a / t : 0 }'
[ "$total" -gt 0 ] || { echo "no document found" >&2; exit 1; }
