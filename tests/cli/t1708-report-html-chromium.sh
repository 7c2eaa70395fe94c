#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The decision makers' HTML report in headless Chromium (optional: `make
# check-browser` installs it; skipped with 77 without it): an 11-component
# review renders without console messages, the executive summary is the
# first thing in the rendered DOM after the title, and every chart in the
# DOM carries its title and both axis labels; a screenshot and a print to
# PDF are produced.
. "$SRCDIR/tests/cli/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || skip "chromium is not installed (make check-browser installs it)"

sed "s#\.\./build/fixtures#$FIXTURES#g" "$SRCDIR/fixtures/demo.json" >m.json
expect_exit 0 scan --db r.db --waivers "$SRCDIR/fixtures/demo-waivers.json" m.json
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
svgs = re.findall(r"<svg.*?</svg>", d, re.S)
assert len(svgs) >= 23, len(svgs)
for svg in svgs:
    assert re.search(r'class="chart-title"[^>]*>[^<]+<', svg), svg[:200]
    assert re.search(r'class="axis-x"[^>]*>[^<]+<', svg), svg[:200]
    assert re.search(r'class="axis-y"[^>]*>[^<]+<', svg), svg[:200]
PY
