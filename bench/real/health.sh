#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compare osshealth's health facts on real upstream repositories with
# health.tsv (facts computed without osshealth, see health_truth.py) and
# print the agreement.  Needs the mirrors the fetch tool brought to
# MIRRORS (default /work/.mirror/<owner>+<name>/repo).
#
#   bench/real/health.sh [--update]   --update recomputes the truth
#                                     columns of health.tsv first
# Environment: OSSHEALTH (default build/osshealth), MIRRORS, JOBS (2).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
OSSHEALTH=${OSSHEALTH:-$top/build/osshealth}
MIRRORS=${MIRRORS:-/work/.mirror}
NOW=2026-08-23T00:00:00Z
tmp=$(mktemp -d "${TMPDIR:-/tmp}/osshealth-real.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ "${1:-}" = --update ]; then
	python3 "$here/health_truth.py" "$MIRRORS" "$NOW" "$here/health.tsv" \
		>"$tmp/new.tsv"
	mv "$tmp/new.tsv" "$here/health.tsv"
fi

# One directory per mirror, named after it, so that the components of
# the run carry the mirror's name (the mirrors are all called "repo").
set --
for m in $(grep -v '^#' "$here/health.tsv" | cut -f1 | grep -v '^mirror$'); do
	mkdir -p "$tmp/repos/$m"
	for f in HEAD objects refs packed-refs; do
		[ -e "$MIRRORS/$m/repo/$f" ] &&
			ln -s "$MIRRORS/$m/repo/$f" "$tmp/repos/$m/$f"
	done
	printf '[core]\n\trepositoryformatversion = 0\n\tbare = true\n' \
		>"$tmp/repos/$m/config"
	set -- "$@" "$tmp/repos/$m"
done
OSSHEALTH_NOW=$NOW "$OSSHEALTH" -q scan --offline --db "$tmp/r.db" \
	--jobs "${JOBS:-2}" "$@" || true
OSSHEALTH_NOW=$NOW "$OSSHEALTH" report --db "$tmp/r.db" --format json \
	>"$tmp/report.json"
python3 - "$here/health.tsv" "$tmp/report.json" <<'PY'
import json, re, sys
tsv, report = sys.argv[1], sys.argv[2]
comps = {c["name"]: c for c in json.load(open(report))["components"]}
cols = None
agree = total = skipped = 0
rows = []
for line in open(tsv):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    if f[0] == "mirror":
        cols = f
        continue
    t = dict(zip(cols, f))
    c = comps.get(t["mirror"])
    if not c or c.get("status") != "done":
        print("%-28s not scanned  [note: %s]" % (t["mirror"], t["note"]))
        skipped += 1
        continue
    facts = c["facts"]
    chk = {x["check"]: x for x in c["checks"]}
    ev = lambda n: " | ".join(chk[n].get("evidence", []))
    rel = chk["releases"]
    m = re.search(r"tag scheme .*, last release (\S+)", ev("releases"))
    tool_last = m.group(1) if m else "-"
    pre = re.search(r"(\d+) releases and (\d+) pre-releases", ev("releases"))
    bots_tool = set(re.findall(r"<([^>]+)>: \d+ commits \(bot\)", ev("contributors")))
    bots_truth = set() if t["bots_365"] == "-" else set(t["bots_365"].split(","))
    b = chk["binary-artifacts"]["reason"]
    mb = re.match(r"(\d+) binary artifacts? committed", b)
    nbin = int(mb.group(1)) if mb else 0
    got = {
        "releases": facts.get("activity.releases"),
        "prereleases": pre.group(2) if pre else "0",
        "last_release": tool_last,
        "authors_365": facts.get("activity.authors_365"),
        "absence_365": facts.get("activity.absence_factor_365"),
        "bots_365": "ok" if bots_truth <= {x.lower() for x in bots_tool} else ",".join(sorted(bots_tool)) or "-",
        "binaries": str(nbin),
        "fuzzing": "yes" if chk["fuzzing"]["score"] == 10 else "no",
        "sast": "yes" if chk["sast"]["score"] == 10 else "no",
    }
    want = dict((k, t[k]) for k in got)
    want["bots_365"] = "ok"
    diffs = []
    for k in got:
        total += 1
        if str(got[k]) == str(want[k]):
            agree += 1
        else:
            diffs.append("%s: tool %s, truth %s" % (k, got[k], want[k]))
    print("%-28s %s%s" % (t["mirror"], "agree" if not diffs else "DIFFER: " + "; ".join(diffs),
                          "" if not diffs or t["note"] == "-" else "  [note: %s]" % t["note"]))
print("agreement: %d of %d facts (%.1f%%) on %d repositories scanned, %d not scanned" % (
    agree, total, 100.0 * agree / max(total, 1), total // 9, skipped))
PY
