#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SPDX 3.0.1 conformance: `osshealth sbom validate` over the SPDX 3 JSON-LD
# documents of the SPDX example and specification repositories, every one
# meant to be valid: spdx/spdx-examples (every */spdx3.0/*.json and
# *.spdx3.json) and spdx/spdx-spec (examples/jsonld/*.json).  A document
# agrees when it validates (exit 0); each is also converted to SPDX 2.3
# (`sbom convert`), and the 2.3 diagnostics are counted by code, since
# SPDX 3 does not carry everything 2.3 requires (docs/sbom.md).  The
# documents are read from local git copies and never stored in this tree.
# Never part of `make check`.
#
# Usage: bench/sbom/spdx3-conformance.sh BINARY EXAMPLES_GIT_DIR [SPEC_GIT_DIR]
set -eu

bin=${1:?usage: bench/sbom/spdx3-conformance.sh BINARY EXAMPLES_GIT_DIR [SPEC_GIT_DIR]}
ex=${2:?usage: bench/sbom/spdx3-conformance.sh BINARY EXAMPLES_GIT_DIR [SPEC_GIT_DIR]}
spec=${3:-}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-spdx3-conf-XXXXXX")
trap 'rm -rf "$work"' EXIT

total=0 agree=0
: >"$work/codes"
one() { # GIT_DIR PATH
	git --git-dir="$1" show "HEAD:$2" >"$work/doc.json"
	set +e
	"$bin" sbom validate "$work/doc.json" >"$work/out" 2>&1
	rc=$?
	"$bin" sbom convert -o "$work/doc.spdx.json" "$work/doc.json" \
		>/dev/null 2>&1 &&
		"$bin" sbom validate "$work/doc.spdx.json" >"$work/out23" 2>&1
	set -e
	total=$((total + 1))
	if [ "$rc" -eq 0 ]; then
		agree=$((agree + 1))
	else
		echo "DISAGREE $2 exit $rc: $(grep ': error ' "$work/out" | head -3 | tr '\n' ' ' | cut -c1-300)"
	fi
	grep -o ': error [A-Z0-9-]*' "$work/out23" >>"$work/codes" || :
}

for f in $(git --git-dir="$ex" ls-tree -r HEAD --name-only |
	grep -E '(spdx3\.0/.*|\.spdx3)\.json$'); do
	one "$ex" "$f"
done
if [ -n "$spec" ]; then
	for f in $(git --git-dir="$spec" ls-tree -r HEAD --name-only |
		grep -E '^examples/jsonld/.*\.json$'); do
		one "$spec" "$f"
	done
fi
echo "spdx-examples $(git --git-dir="$ex" rev-parse HEAD)${spec:+, spdx-spec $(git --git-dir="$spec" rev-parse HEAD)}"
awk -v a="$agree" -v t="$total" 'BEGIN { printf "agreement: %d of %d (%.1f%%)\n", a, t, t ? 100 * a / t : 0 }'
echo "SPDX 2.3 errors of the converted documents, by code:"
sort "$work/codes" | uniq -c | sort -rn
