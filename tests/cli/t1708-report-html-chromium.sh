#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The decision makers' HTML report in headless Chromium (optional: `make
# check-browser` installs it; skipped with 77 without it): a 10-component
# review (the demo's components but one, reviewed three times months
# apart) renders without console messages, the executive summary is the
# first thing in the rendered DOM after the title, and every chart in the
# DOM carries its title and both axis labels, the trend chart of each
# component too; a screenshot and a print to PDF are produced.
. "$SRCDIR/tests/cli/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || skip "chromium is not installed (make check-browser installs it)"

python3 - "$SRCDIR/fixtures/demo.json" "$FIXTURES" <<'PY' >m.json
import json, sys
m = json.load(open(sys.argv[1]))
m["components"] = [c for c in m["components"] if c["name"] != "lic-gpl-tags"]
for c in m["components"]:
    c["repo"] = c["repo"].replace("../build/fixtures", sys.argv[2])
print(json.dumps(m))
PY
for d in 2026-03-01 2026-07-01 2026-11-01; do
	OSSHEALTH_NOW=${d}T00:00:00Z expect_exit 0 scan --db r.db --new-run \
		--waivers "$SRCDIR/fixtures/demo-waivers.json" m.json
done
expect_stdout_match '^run 3: 10 components, 10 scanned'
expect_exit 0 report --db r.db --format html -o report.html

flags="--headless --no-sandbox --disable-gpu --no-first-run
 --disable-background-networking --disable-component-update --disable-sync
 --user-data-dir=$TEST_DIR/profile --enable-logging=stderr --v=0"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --window-size=1200,1600 \
	--screenshot="$TEST_DIR/shot.png" "file://$TEST_DIR/report.html" \
	>browser.out 2>browser.err || fail "chromium failed: $(tail -3 browser.err)"
[ -s shot.png ] || fail "no screenshot"
if grep -E 'CONSOLE|Uncaught' browser.err; then
	fail "console messages while rendering the report"
fi
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --print-to-pdf="$TEST_DIR/report.pdf" \
	"file://$TEST_DIR/report.html" >browser.out 2>browser.err ||
	fail "chromium --print-to-pdf failed"
head -c 5 report.pdf | grep -q '%PDF-' || fail "no PDF printed"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --dump-dom "file://$TEST_DIR/report.html" \
	>dom.html 2>browser.err || fail "chromium --dump-dom failed"
python3 - <<'PY' || fail "rendered DOM"
import re
d = open("dom.html").read()
body = d[d.index("<body"):]
m = re.search(r"<body[^>]*>\s*<h1>[^<]*</h1>\s*<div class=\"exec\" id=\"executive-summary\">\s*<h2>Executive summary</h2>", body)
assert m, body[:400]
assert "10 components reviewed:" in body
svgs = re.findall(r"<svg.*?</svg>", d, re.S)
assert len(svgs) >= 31, len(svgs)
trends = [x for x in svgs if 'class="chart-trend"' in x]
assert len(trends) == 10, len(trends)
for svg in trends:
    assert ">Category scores and decision across review runs<" in svg
    assert "category score (0 to 10, higher is better)" in svg
    assert re.findall(r">run (\d+)</text>", svg) == ["1", "2", "3"], svg[:300]
for svg in svgs:
    assert re.search(r'class="chart-title"[^>]*>[^<]+<', svg), svg[:200]
    assert re.search(r'class="axis-x"[^>]*>[^<]+<', svg), svg[:200]
    assert re.search(r'class="axis-y"[^>]*>[^<]+<', svg), svg[:200]
PY
