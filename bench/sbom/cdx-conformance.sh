#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# CycloneDX conformance: `osshealth sbom validate` over the test documents
# of the CycloneDX specification repository
# (tools/src/test/resources/1.4, 1.5 and 1.6: valid-*.json|xml and
# invalid-*.json|xml), compared with the verdict each file's name states.
# A valid-* file agrees when the exit status is 0; an invalid-* file when
# it is 1 (invalid) or 2 (unreadable, e.g. an XML root in the wrong
# namespace).  Prints one line per disagreement and the totals.  The
# documents are read from a local git copy of the repository and never
# stored in this tree.  Never part of `make check`.
#
# Usage: bench/sbom/cdx-conformance.sh BINARY SPEC_GIT_DIR [VERSIONS]
#   BINARY        build/osshealth
#   SPEC_GIT_DIR  a clone (or bare mirror) of CycloneDX/specification
#   VERSIONS      default "1.4 1.5 1.6"
set -eu

bin=${1:?usage: bench/sbom/cdx-conformance.sh BINARY SPEC_GIT_DIR [VERSIONS]}
git_dir=${2:?usage: bench/sbom/cdx-conformance.sh BINARY SPEC_GIT_DIR [VERSIONS]}
versions=${3:-1.4 1.5 1.6}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-cdx-conf-XXXXXX")
trap 'rm -rf "$work"' EXIT

commit=$(git --git-dir="$git_dir" rev-parse HEAD 2>/dev/null ||
	git -C "$git_dir" rev-parse HEAD)
(git --git-dir="$git_dir" archive HEAD tools/src/test/resources 2>/dev/null ||
	git -C "$git_dir" archive HEAD tools/src/test/resources) |
	tar -x -C "$work"

total=0 agree=0
for v in $versions; do
	dir=$work/tools/src/test/resources/$v
	for f in "$dir"/valid-*.json "$dir"/valid-*.xml "$dir"/invalid-*.json \
		"$dir"/invalid-*.xml; do
		[ -f "$f" ] || continue
		b=${f##*/}
		set +e
		"$bin" sbom validate "$f" >"$work/out" 2>&1
		rc=$?
		set -e
		case $b in
		valid-*) ok=$([ "$rc" -eq 0 ] && echo y || echo n) ;;
		*) ok=$([ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] && echo y || echo n) ;;
		esac
		total=$((total + 1))
		if [ "$ok" = y ]; then
			agree=$((agree + 1))
		else
			echo "DISAGREE $v/$b exit $rc: $(grep -v ': valid\|: invalid' "$work/out" | head -3 | tr '\n' ' ' | cut -c1-300)"
		fi
	done
done
echo "CycloneDX/specification $commit, versions $versions"
awk -v a="$agree" -v t="$total" 'BEGIN { printf "agreement: %d of %d (%.1f%%)\n", a, t, t ? 100 * a / t : 0 }'
