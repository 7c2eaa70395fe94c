#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/check-layers.sh (run by `make check`) refuses a library header or
# a higher layer included from the wrong folder, a stale allowlist entry
# and output written by src/cmd/ itself; it passes the checkout itself.
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/tools/check-layers.sh" "$SRCDIR" >out 2>err || fail "the checkout"

tree() { # a minimal source tree with one file in it
	rm -rf t
	mkdir -p t/tools "t/src/$1"
	printf '%s\n' "$2" >"t/src/$1/x.c"
	: >t/tools/layers-allow.txt
}
refused() { # RE: the tree is refused with a message matching RE
	rc=0
	"$SRCDIR/tools/check-layers.sh" t >out 2>err || rc=$?
	[ "$rc" = 1 ] || fail "not refused: $(cat t/src/*/x.c)"
	grep -Eq -- "$1" err || fail "message /$1/: $(cat err)"
}

tree health '#include <git2.h>'
refused 'src/health/x.c:1: includes git2.h: libgit2 outside src/git/'
tree scan '#include <sqlite3.h>'
refused 'SQLite outside src/store/'
tree report '#include <curl/curl.h>'
refused 'libcurl outside src/net/'
tree scan '#include "git/mirror_int.h"'
refused "another folder's internal header"
tree git '#include "scan/scan.h"'
refused 'a higher layer \(scan\) from git'
tree net '#include "store/store.h"'
refused 'a peer of the same layer \(store\) from net'
tree license '#include "git/tree.h"'
refused 'an analyser is pure: no git/'

tree cmd 'int f(void) { printf("%d\n", 1); return 0; }'
refused 'src/cmd/x.c:1: writes output itself'
tree cmd 'void f(FILE *fp) { fputs("x", fp); }'
refused 'src/cmd/x.c:1: writes output itself'
tree cmd 'void f(void) { cJSON_Delete(cJSON_CreateObject()); }'
refused 'writes output itself'
tree cmd '#include <cjson/cJSON.h>'
refused 'writes output itself'

# Allowed by the list; and the list's stale entries are refused.
tree license '#include "git/tree.h"'
echo 'src/license/x.c git/tree.h # a debt' >t/tools/layers-allow.txt
"$SRCDIR/tools/check-layers.sh" t >out 2>err || fail "an allowed exception"
tree license '#include "facts/tree.h"'
echo 'src/license/x.c git/tree.h # a debt' >t/tools/layers-allow.txt
refused "no longer occurs: remove it"

# What is fine: lower layers, peers among the analysers, own folder.
tree scan '#include "license/scan.h"
#include "collect/collect.h"
#include "scan/scan_int.h"
#include <cjson/cJSON.h>'
"$SRCDIR/tools/check-layers.sh" t >out 2>err || fail "allowed includes: $(cat err)"
tree health '#include "license/expr.h"'
"$SRCDIR/tools/check-layers.sh" t >out 2>err || fail "peer analysers: $(cat err)"
# src/cmd may format strings and call renderers; cmdutil.c prints usage.
tree cmd 'void f(char *b) { snprintf(b, 8, "%d", 1); report_x(stdout); }'
"$SRCDIR/tools/check-layers.sh" t >out 2>err || fail "cmd calls: $(cat err)"
printf '%s\n' 'void g(FILE *fp) { fprintf(fp, "usage\n"); }' >t/src/cmd/cmdutil.c
"$SRCDIR/tools/check-layers.sh" t >out 2>err || fail "cmdutil.c: $(cat err)"
exit 0
