#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# License identification benchmark: the osshealth matcher against Debian's
# licensecheck and, when installed, licensee (Debian ruby-licensee), on
# the same corpus in the same run.  Scores: correct (the set of named
# licenses equals the truth, GNU -only/-or-later folded), unknown (nothing
# named), wrong (anything else: a confident wrong answer).  Never part of
# `make check`.
#
# Corpus (ground truth "ids<TAB>path"), built here from what is at hand:
#   - LICENSE* files of npm packages installed on this machine whose
#     package.json "license" is one SPDX id;
#   - Debian's /usr/share/common-licenses (file names mapped to ids);
#   - the curated variations of tests/data/licenses (fixtures.tsv).
# CORPUS=FILE uses your own truth file instead, e.g. the npm corpus of
# bench/license/corpus.sh OUTDIR (295 pinned packages of npm-packages.txt;
# CORPUS=OUTDIR/truth.tsv).  Earlier note: (e.g. LICENSE files of a
# few hundred `npm pack`ed, pinned packages; see the README section of
# the license engine report).
#
# Usage: bench/license/run.sh BINARY     (BINARY: build/osshealth)
set -eu

bin=${1:?usage: bench/license/run.sh BINARY}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "$(dirname "$bin")" && pwd)
. "$here/../lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/oh-bench-license-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The driver links the engine from the same build as BINARY.
cc -std=c11 -O2 -I"$src/src" -o "$work/identify" "$here/identify.c" \
	"$build/libosshealth.a" $(pkg-config --libs libgit2 sqlite3 \
	libcjson libxml-2.0 libpcre2-8 libcurl) -lpthread -lm

truth=$work/truth.tsv
if [ -n "${CORPUS:-}" ]; then
	cp "$CORPUS" "$truth"
else
	: >"$truth"
	find / -xdev \( -path /proc -o -path /tmp -o -path "$src" \) -prune \
		-o -type f \( -iname 'LICENSE' -o -iname 'LICENSE.md' \
		-o -iname 'LICENSE.txt' -o -iname 'LICENCE' \) -print \
		2>/dev/null | sort | while read -r f; do
		d=$(dirname "$f")
		[ -f "$d/package.json" ] || continue
		node -e 'const p = require(process.argv[1]);
			if (typeof p.license === "string" &&
			    /^[A-Za-z0-9.+-]+$/.test(p.license))
				console.log(p.license + "\t" + process.argv[2]);' \
			"$d/package.json" "$f" 2>/dev/null >>"$truth" || true
	done
	cl=/usr/share/common-licenses
	for m in Apache-2.0:Apache-2.0 Artistic:Artistic-1.0-Perl \
		BSD:BSD-3-Clause CC0-1.0:CC0-1.0 GFDL:GFDL-1.3 \
		GFDL-1.2:GFDL-1.2 GFDL-1.3:GFDL-1.3 GPL:GPL-3.0 GPL-1:GPL-1.0 \
		GPL-2:GPL-2.0 GPL-3:GPL-3.0 LGPL:LGPL-3.0 LGPL-2:LGPL-2.0 \
		LGPL-2.1:LGPL-2.1 LGPL-3:LGPL-3.0 MPL-1.1:MPL-1.1 \
		MPL-2.0:MPL-2.0; do
		[ -f "$cl/${m%%:*}" ] && printf '%s\t%s\n' "${m#*:}" \
			"$cl/${m%%:*}" >>"$truth"
	done
	grep -v '^#' "$here/fixtures.tsv" | while IFS='	' read -r ids p; do
		printf '%s\t%s\n' "$ids" "$src/$p"
	done >>"$truth"
fi
cut -f2 "$truth" >"$work/files"
echo "corpus: $(wc -l <"$truth") files"

# One process per tool for the whole corpus (licensecheck's start-up
# costs about a second), except licensee, whose CLI takes one path.
tr '\n' '\0' <"$work/files" >"$work/files0"
run_tool() {
	name=$1
	shift
	bench_run "$name" sh -c "$* >$work/$name.out 2>/dev/null"
	echo "$BENCH_SECONDS" >"$work/$name.time"
}
run_tool osshealth "xargs -0 $work/identify <$work/files0"
if command -v licensecheck >/dev/null; then
	run_tool licensecheck "xargs -0 licensecheck --shortname-scheme=spdx \
		--lines=0 --check='.*' <$work/files0"
fi
if command -v licensee >/dev/null; then
	run_tool licensee "while read -r f; do printf '%s\t' \"\$f\"; \
		licensee detect --no-readme --no-packages \"\$f\" | \
		sed -n 's/^License: *//p' | head -n 1; echo; done \
		<$work/files"
fi

python3 - "$work" "$truth" "$here" <<'PY'
import os, re, sys
work, truth, here = sys.argv[1], sys.argv[2], sys.argv[3]

def norm(i):
    i = i.strip().lower()
    i = re.sub(r'(-only|-or-later|\+)$', '', i)
    i = {'expat': 'mit', 'agplv3': 'agpl-3.0', 'gpl-2': 'gpl-2.0',
         'gpl-3': 'gpl-3.0', 'gpl-1': 'gpl-1.0', 'lgpl-2': 'lgpl-2.0',
         'lgpl-3': 'lgpl-3.0', 'agpl-3': 'agpl-3.0',
         'artistic-1.0-perl': 'artistic-1.0-perl'}.get(i, i)
    return i

def ids(s):
    s = s.replace('and/or', ' ').replace(' or ', ' ').replace(' and ', ' ')
    out = set()
    for w in s.split():
        if w.upper() in ('UNKNOWN', 'NOASSERTION', 'OTHER', 'NONE') or \
                w.startswith('*'):
            continue
        if re.match(r'^[A-Za-z0-9.+-]+$', w) and w.lower() not in (
                'no', 'copyright', 'license', 'generic'):
            out.add(norm(w))
    return out

want = {}
for line in open(truth):
    t, p = line.rstrip('\n').split('\t', 1)
    want[p] = set() if t == 'UNKNOWN' else {norm(x) for x in t.split()}
fixed = 0
for line in open(os.path.join(here, 'truth-multi.tsv')):
    if line.startswith('#') or not line.strip():
        continue
    suffix, ids_, _ = line.rstrip('\n').split('\t', 2)
    for p in want:
        if p.endswith('/' + suffix) or p == suffix:
            want[p] = {norm(x) for x in ids_.split()}
            fixed += 1
if fixed:
    print('truth: %d multi-license files corrected from truth-multi.tsv' % fixed)

def parse(name):
    got = {}
    path = os.path.join(work, name + '.out')
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        if name == 'osshealth':
            p, i, _ = line.split('\t', 2)
            got[p] = set() if i == 'UNKNOWN' else {norm(x) for x in i.split()}
        elif name == 'licensecheck':
            p, _, rest = line.partition(': ')
            got[p] = ids(rest)
        else:
            p, _, rest = line.partition('\t')
            got[p] = ids(rest)
    return got

print('| tool | correct | unknown | wrong | accuracy | time (s) |')
print('| --- | --- | --- | --- | --- | --- |')
for name in ('osshealth', 'licensecheck', 'licensee'):
    if not os.path.exists(os.path.join(work, name + '.out')):
        continue
    got = parse(name)
    c = u = w = 0
    wrong = []
    for p, t in want.items():
        g = got.get(p, set())
        if g == t:
            c += 1
        elif not g:
            u += 1
        else:
            w += 1
            wrong.append((p, sorted(t), sorted(g)))
    secs = open(os.path.join(work, name + '.time')).read().strip()
    print('| %s | %d | %d | %d | %.1f%% | %s |' % (
        name, c, u, w, 100.0 * c / max(1, len(want)), secs))
    for p, t, g in wrong[:12]:
        print('    wrong: %s: want %s, got %s' % (p, ' '.join(t) or '-',
                                                 ' '.join(g)))
PY
