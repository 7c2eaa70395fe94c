#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The HTML report's trend chart per component across review runs: the
# category scores and the overall decision of every finished run up to the
# one reported, oldest first, with a title, labelled axes and units (in
# the SVG text); runs that never finished are left out; a component with
# one review says so instead of drawing a chart of one point.
. "$SRCDIR/tests/cli/lib.sh"

cat >m.json <<JSON
{"components": [
  {"name": "lic-mit", "repo": "$FIXTURES/lic-mit", "origin_country": "US"},
  {"name": "multi-org", "repo": "$FIXTURES/multi-org", "origin_country": "DE"}
]}
JSON
# The first review: no trend yet.
OSSHEALTH_NOW=2026-03-01T00:00:00Z expect_exit 0 scan --db r.db m.json
expect_exit 0 report --db r.db --format html -o one.html
grep -q 'class="unknown chart-trend">Trend across review runs: this is the first review' one.html ||
	fail "one review: no 'first review' note"
if grep -q '<svg class="chart-trend"' one.html; then
	fail "one review drew a trend chart"
fi

# Three reviews months apart: activity decays, lic-mit's decision moves.
# Between them, run 3 was killed (status running, an AVOID recorded): it
# is no point of the trend.
OSSHEALTH_NOW=2026-07-01T00:00:00Z expect_exit 0 scan --db r.db --new-run m.json
sqlite3 r.db "INSERT INTO runs (id, started_at, tool_version, status)
	VALUES (3, 1787000000, 'x', 'running');
	INSERT INTO run_components (run_id, component_id, status, decision)
	SELECT 3, component_id, 'done', 'AVOID' FROM run_components
	WHERE run_id = 2" || fail "sqlite3 insert"
OSSHEALTH_NOW=2026-11-01T00:00:00Z expect_exit 0 scan --db r.db --new-run m.json
expect_stdout_match '^run 4: '
expect_exit 0 report --db r.db --format html -o r.html
expect_exit 0 report --db r.db --format json
python3 - <<'PY' || fail "trend chart"
import json, re
s = open("r.html").read()
svgs = re.findall(r'<svg class="chart-trend".*?</svg>', s, re.S)
assert len(svgs) == 2, len(svgs)
comps = {c["name"]: c for c in json.load(open("out"))["components"]}
for svg in svgs:
    assert "<title>Category scores and decision across review runs</title>" in svg
    assert 'class="chart-title"' in svg
    assert re.search(r'class="axis-y"[^>]*>category score \(0 to 10, higher is better\)<', svg), svg[:400]
    assert re.search(r'class="axis-x"[^>]*>review run \(number and start date, UTC\), oldest to newest<', svg)
    assert 'viewBox="0 0 ' in svg
    # three runs, oldest first, with their dates; the unfinished one is not there
    runs = re.findall(r'>run (\d+)</text>', svg)
    assert runs == ["1", "2", "4"], runs
    days = re.findall(r'>(\d{4}-\d\d-\d\d)</text>', svg)
    assert days == ["2026-03-01", "2026-07-01", "2026-11-01"], days
    # score ticks 0..10 and a legend line per category
    for t in ("0", "2", "4", "6", "8", "10"):
        assert re.search(r'text-anchor="end">%s</text>' % t, svg), t
    for cat in ("openness", "maturity", "security", "activity", "risk"):
        assert re.search(r'font-size="11">%s</text>' % cat, svg), cat
# lic-mit: each run's decision under its tick, the newest as the report says
lm = s[s.index("<h3>lic-mit</h3>"):]
lm = re.search(r'<svg class="chart-trend".*?</svg>', lm, re.S).group(0)
dec = re.findall(r'font-weight="bold" text-anchor="middle" fill="#[0-9a-f]+">([A-Z]+)</text>', lm)
assert len(dec) == 3, dec
assert dec[-1] == comps["lic-mit"]["decision"], (dec, comps["lic-mit"]["decision"])
assert len(set(dec)) > 1, dec  # the decision moved between the reviews
# every point has its value as a tooltip: 5 categories x 3 runs
pts = re.findall(r'<circle[^>]*><title>([a-z]+), run (\d+): (\d+\.\d)</title>', lm)
assert len(pts) == 15, len(pts)
act = [float(v) for c, r, v in pts if c == "activity"]
assert act[-1] == comps["lic-mit"]["categories"]["activity"], act
PY
