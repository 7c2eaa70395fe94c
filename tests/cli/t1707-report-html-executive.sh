#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The HTML report for decision makers: the executive summary (counts by
# decision, the components that need action and why, what changed) comes
# first; every chart has a title and labelled axes (asserted on the SVG
# text); the DCO share is a percentage; print CSS; self-contained.
. "$SRCDIR/tests/cli/lib.sh"

cp "$SRCDIR/fixtures/demo-waivers.json" w.json
sed "s#\.\./build/fixtures#$FIXTURES#g" "$SRCDIR/fixtures/demo.json" >m.json
expect_exit 0 scan --db r.db --waivers w.json m.json
expect_exit 0 scan --db r.db --waivers w.json --new-run m.json
expect_exit 0 report --db r.db --format html -o report.html
python3 - <<'PY' || fail "executive summary and charts"
import re
s = open("report.html").read()
body = s[s.index("<body>"):]
# The first thing after the page title is the executive summary.
first = re.search(r"<h1>[^<]*</h1>\s*<div class=\"exec\" id=\"executive-summary\"><h2>Executive summary</h2>", body)
assert first, body[:300]
exe = body[:body.index("<h2>About this review</h2>")]
assert "11 components reviewed:" in exe
assert re.search(r"<span class=\"AVOID\">5 AVOID</span>", exe), exe[:600]
assert "Components that need action (7)" in exe
for name in ("lic-busl", "lic-none", "mature", "multi-org"):
    assert f">{name}</a>" in exe, name
# lic-busl's reason names its license; the question is shown.
row = exe[exe.index(">lic-busl</a>"):]
row = row[:row.index("</tr>")]
assert "BUSL-1.1" in row and "Question:" in row, row
assert "What changed since the previous review" in exe
# Every chart: an SVG <title>, a visible title and both axis labels.
svgs = re.findall(r"<svg.*?</svg>", s, re.S)
assert len(svgs) >= 1 + 11 * 2, len(svgs)
for svg in svgs:
    assert re.search(r"<title>[^<]+</title>", svg), svg[:200]
    assert 'class="chart-title"' in svg, svg[:200]
    assert re.search(r'class="axis-x"[^>]*>[^<]+<', svg), svg[:300]
    assert re.search(r'class="axis-y"[^>]*>[^<]+<', svg), svg[:300]
assert any("score, 0 to 10" in x for x in svgs)
assert any(">commits<" in x and "month (YYYY-MM)" in x for x in svgs)
assert any("components (count)" in x for x in svgs)
# A trend chart per component across the two review runs.
trend = [x for x in svgs if 'class="chart-trend"' in x]
assert len(trend) == 11, len(trend)
assert all(">run 1</text>" in x and ">run 2</text>" in x for x in trend)
# DCO share as a percentage, print CSS, and nothing loaded from elsewhere.
assert re.search(r'<td class="num">\d+%</td>', s)
assert "@media print{" in s
assert not re.search(r'(src|href)="(https?:)?//', s)
# The waived finding is shown as waived.
assert "waived until 2099-12-31" in s
PY
