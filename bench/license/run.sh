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
# Prerequisites: Debian packages licensecheck and ruby-licensee (bench
# tools only, not in tools/deps.sh: `apt-get install licensecheck
# ruby-licensee`).  licensee starts once per file: about 17 minutes on
# the 965-file corpus; NO_LICENSEE=1 leaves it out.
# CORPUS may name several truth files (space-separated), e.g. the npm
# corpus and the Debian one (bench/license/debian.sh OUTDIR2):
#   CORPUS="OUT/truth.tsv OUT2/truth.tsv" bench/license/run.sh build/osshealth
# /usr/share/common-licenses and fixtures.tsv are always added.
#
# SHOW_WRONG=N lists N wrong answers per tool (12); SHOW_OTHERS=1 also
# lists osshealth's unknown and partial answers.
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

# The driver links the engine from the same build as BINARY, with the
# library list of the Makefile (LIBS_PC), so the two cannot drift apart.
libs=$(sed -n 's/^LIBS_PC *:= *//p' "$src/Makefile")
# shellcheck disable=SC2086
cc -std=c11 -O2 -I"$src/src" -o "$work/identify" "$here/identify.c" \
	"$build/libosshealth.a" $(pkg-config --libs $libs) -lpthread -lm

truth=$work/truth.tsv
: >"$truth"
if [ -n "${CORPUS:-}" ]; then
	for c in $CORPUS; do
		cat "$c" >>"$truth"
	done
else
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
fi
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
if command -v licensee >/dev/null && [ -z "${NO_LICENSEE:-}" ]; then
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

# Other tools' names for SPDX ids and exceptions (licensecheck prints
# "Perl" for "GPL-1.0-or-later OR Artistic-1.0-Perl" and "Autoconf-data"
# for the generic Autoconf exception).
alias = {'perl': ['gpl-1.0', 'artistic-1.0-perl'],
         'autoconf-data': ['autoconf-exception-generic']}

def ids(s):
    s = s.replace('(', ' ').replace(')', ' ').replace('and/or', ' ')
    out = set()
    for w in s.split():
        if w.upper() in ('UNKNOWN', 'NOASSERTION', 'OTHER', 'NONE', 'AND',
                         'OR', 'WITH', 'EXCEPTION') or w.startswith('*'):
            continue
        if re.match(r'^[A-Za-z0-9.+-]+$', w) and w.lower() not in (
                'no', 'copyright', 'license', 'generic'):
            for x in alias.get(w.lower(), [w]):
                out.add(norm(x))
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
            want[p] = set() if ids_ == 'UNKNOWN' else {
                norm(x) for x in ids_.split()}
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
            got[p] = ids(i)
        elif name == 'licensecheck':
            p, _, rest = line.partition(': ')
            got[p] = ids(rest)
        else:
            p, _, rest = line.partition('\t')
            got[p] = ids(rest)
    return got

# correct: the named set equals the truth; partial: a true subset named
# (an exception or a second license missed) and nothing false; a
# LicenseRef- (a part the tool saw but could not name) never counts as
# false; unknown: nothing named; wrong: a license named that the text
# does not hold (a confident wrong answer).
print('| tool | correct | partial | unknown | wrong | accuracy | time (s) |')
print('| --- | --- | --- | --- | --- | --- | --- |')
lists = []
for name in ('osshealth', 'licensecheck', 'licensee'):
    if not os.path.exists(os.path.join(work, name + '.out')):
        continue
    got = parse(name)
    c = pa = u = w = 0
    wrong, others = [], []
    for p, t in want.items():
        g = got.get(p, set())
        named = {x for x in g if not x.startswith('licenseref-')}
        if g == t:
            c += 1
        elif not named:
            u += 1
            others.append(('unknown', p, sorted(t), sorted(g)))
        elif named <= t:
            pa += 1
            others.append(('partial', p, sorted(t), sorted(g)))
        else:
            w += 1
            wrong.append((p, sorted(t), sorted(g)))
    secs = open(os.path.join(work, name + '.time')).read().strip()
    print('| %s | %d | %d | %d | %d | %.1f%% | %s |' % (
        name, c, pa, u, w, 100.0 * c / max(1, len(want)), secs))
    lists.append((name, wrong, others))
limit = int(os.environ.get('SHOW_WRONG', '12'))
for name, wrong, others in lists:
    for p, t, g in wrong[:limit]:
        print('    %s wrong: %s: want %s, got %s' % (
            name, p, ' '.join(t) or '-', ' '.join(g)))
    # SHOW_OTHERS=1: also the unknown and partial answers.
    if os.environ.get('SHOW_OTHERS') and name == 'osshealth':
        for k, p, t, g in others:
            print('    %s %s: %s: want %s, got %s' % (
                name, k, p, ' '.join(t) or '-', ' '.join(g) or '-'))
PY
