#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The HTML report in a real browser: headless Chromium renders it with no
# console errors, the charts are in the DOM, and hostile names stay text.
# Skips (passes with a note) where Chromium is not installed; run
# `make check-browser` to install it and run this test.
. "$SRCDIR/tests/cli/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "skip: chromium is not installed (make check-browser installs it)"
	exit 0
fi
[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"

cat >m.json <<JSON
{"components": [
  {"name": "x<script>alert('pwned')</script>\"'", "repo": "$FIXTURES/mature",
   "notes": "<img src=x onerror=alert(1)>"},
  {"name": "lic-mit", "repo": "$FIXTURES/lic-mit"}
]}
JSON
expect_exit 0 scan --db r.db m.json
expect_exit 0 report --db r.db --format html -o report.html
grep -q '<script>' report.html && fail "unescaped <script> in the page"
grep -q 'x&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&quot;&#39;' report.html ||
	fail "component name not escaped as expected"

flags="--headless --no-sandbox --disable-gpu --no-first-run
 --disable-background-networking --disable-component-update --disable-sync
 --user-data-dir=$TEST_DIR/profile --enable-logging=stderr --v=0"
# shellcheck disable=SC2086
timeout 60 "$browser" $flags --window-size=1200,1600 \
	--screenshot="$TEST_DIR/shot.png" "file://$TEST_DIR/report.html" \
	>browser.out 2>browser.err || fail "chromium failed: $(tail -3 browser.err)"
[ -s shot.png ] || fail "no screenshot"
if grep -E 'CONSOLE|Uncaught' browser.err; then
	fail "console messages while rendering the report"
fi
# shellcheck disable=SC2086
timeout 60 "$browser" $flags --dump-dom "file://$TEST_DIR/report.html" \
	>dom.html 2>browser.err || fail "chromium --dump-dom failed"
grep -q 'class="chart-scores"' dom.html || fail "score chart missing from the DOM"
grep -q '<script' dom.html && fail "a script element reached the DOM"
grep -q 'lic-mit' dom.html || fail "component missing from the DOM"
true
