#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build the npm corpus for bench/license/run.sh: `npm pack` every pinned
# package of npm-packages.txt (8 at a time, cached in OUTDIR), keep its
# top-level LICENSE/LICENCE/COPYING file, and write OUTDIR/truth.tsv
# ("license<TAB>path") for packages whose package.json "license" is a
# single SPDX id; the others are listed in OUTDIR/skipped.txt.  Nothing
# downloaded is committed.
#
# Usage: bench/license/corpus.sh OUTDIR
#        CORPUS=OUTDIR/truth.tsv bench/license/run.sh build/osshealth
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: bench/license/corpus.sh OUTDIR}
mkdir -p "$out/pkgs"
out=$(cd "$out" && pwd)

# One package (called by xargs below): pack it and unpack it, cached.
if [ "${2:-}" = "--one" ]; then
	spec=$3
	d="$out/pkgs/$(printf '%s' "${spec%@*}" | tr '/@' '__')"
	[ -d "$d/package" ] && exit 0
	mkdir -p "$d"
	if ! (cd "$d" && timeout 60 npm pack --silent "$spec" >/dev/null 2>&1); then
		echo "$spec: npm pack failed" >>"$out/skipped.txt"
		exit 0
	fi
	tar -xzf "$d"/*.tgz -C "$d" 2>/dev/null || true
	exit 0
fi

: >"$out/skipped.txt"
grep -v '^#' "$here/npm-packages.txt" |
	xargs -P 8 -n 1 "$here/corpus.sh" "$out" --one

: >"$out/truth.tsv"
for d in "$out"/pkgs/*/package; do
	[ -f "$d/package.json" ] || continue
	lf=$(ls "$d" | grep -iE '^(licen[cs]e|copying)(\.(md|txt|markdown))?$' | head -n 1)
	if [ -z "$lf" ]; then
		echo "$d: no license file" >>"$out/skipped.txt"
		continue
	fi
	node -e 'const p = require(process.argv[1]);
		if (typeof p.license === "string" && /^[A-Za-z0-9.+-]+$/.test(p.license))
			console.log(p.license + "\t" + process.argv[2]);
		else
			console.error(process.argv[2] + ": license field is not one SPDX id");' \
		"$d/package.json" "$d/$lf" >>"$out/truth.tsv" 2>>"$out/skipped.txt"
done
echo "corpus: $(wc -l <"$out/truth.tsv") files in $out/truth.tsv; skipped: $(wc -l <"$out/skipped.txt")"
