#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The layering rules of docs/architecture.md, checked on every #include
# (the way curl's checksrc guards its rules):
#
#  - a library header only in the folder that owns the library:
#    <git2.h> in src/git/, <sqlite3.h> in src/store/, <curl/...> in
#    src/net/;
#  - a folder's internal header (*_int.h) only from that folder;
#  - a header of another folder only from a higher layer:
#      0 core   1 facts   2 git net store   3 license health policy sbom dco vulns
#      4 collect   5 scan report   6 cmd   7 main.c
#    Folders of one layer do not include each other, except the
#    analysers (3) and scan/report (5), which are peers.  The analysers
#    are pure functions over facts: they include no git/, net/ or store/
#    header at all (the collection layer above them does the reading).
#
# And one rule on calls, not includes: src/cmd/ renders nothing itself.
# A src/cmd/*.c file other than cmdutil.c (usage errors and --help text)
# calls no stdio writer (printf, fprintf, vprintf, vfprintf, puts,
# fputs, putchar, putc, fputc, fwrite), no cJSON_* and no oh_json_*
# function and includes no <cjson/...>: a command hands its facts to a
# renderer of src/report/.
#
# Exceptions live in tools/layers-allow.txt, one "file header" pair per
# line with the reason after a '#': each one is a debt, and an entry that
# no longer matches anything is an error too, so the list only shrinks.
#
# Usage: tools/check-layers.sh [SRCDIR]   (exit 1 on any violation)
set -eu

root=${1:-.}
cd "$root"
allow=tools/layers-allow.txt

rank() {
	case $1 in
	core) echo 0 ;;
	facts) echo 1 ;;
	git | net | store) echo 2 ;;
	license | health | policy | sbom | dco | vulns) echo 3 ;;
	collect) echo 4 ;;
	scan | report) echo 5 ;;
	cmd) echo 6 ;;
	main.c) echo 7 ;;
	*) echo 99 ;;
	esac
}

peers() { # may two folders of the same layer include each other?
	case $(rank "$1") in
	3 | 5) return 0 ;;
	*) return 1 ;;
	esac
}

found=$(mktemp)
trap 'rm -f "$found"' EXIT

grep -nHE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' \
	$(find src -name '*.[ch]' | sort) |
	sed -E 's/^([^:]*):([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*([<"])([^">]*)[">].*/\1 \2 \3 \4/' |
	while read -r file line kind hdr; do
		dir=${file#src/}
		dir=${dir%%/*}
		why=
		if [ "$kind" = "<" ]; then
			case $hdr in
			git2.h | git2/*) [ "$dir" = git ] || why="libgit2 outside src/git/" ;;
			sqlite3.h) [ "$dir" = store ] || why="SQLite outside src/store/" ;;
			curl/*) [ "$dir" = net ] || why="libcurl outside src/net/" ;;
			esac
		else
			hd=${hdr%%/*}
			case $hdr in
			*_int.h) [ "$hd" = "$dir" ] || why="another folder's internal header" ;;
			esac
			if [ -z "$why" ] && [ "$hd" != "$dir" ]; then
				a=$(rank "$dir")
				b=$(rank "$hd")
				if [ "$b" -gt "$a" ]; then
					why="a higher layer ($hd) from $dir"
				elif [ "$b" -eq "$a" ] && ! peers "$dir"; then
					why="a peer of the same layer ($hd) from $dir"
				elif [ "$a" -eq 3 ] && [ "$b" -eq 2 ]; then
					why="an analyser is pure: no $hd/"
				fi
			fi
		fi
		[ -n "$why" ] || continue
		echo "$file $hdr" >>"$found"
		if ! grep -qE "^$file $hdr( |\$)" "$allow" 2>/dev/null; then
			echo "$file:$line: includes $hdr: $why" >&2
			echo x >>"$found.bad"
		fi
	done

# src/cmd renders nothing itself (no exceptions: the rule is exact).
for file in $(find src/cmd -name '*.c' ! -name cmdutil.c 2>/dev/null | sort); do
	grep -nE '(^|[^A-Za-z0-9_])(printf|fprintf|vprintf|vfprintf|puts|fputs|putchar|putc|fputc|fwrite|cJSON_[A-Za-z_]+|oh_json_[A-Za-z_]+)[[:space:]]*\(|#[[:space:]]*include[[:space:]]*<cjson/' \
		"$file" | while IFS=: read -r line _; do
		echo "$file:$line: writes output itself: src/cmd/ hands its facts to a renderer of src/report/" >&2
		echo x >>"$found.bad"
	done
done

bad=0
if [ -s "$found.bad" ]; then
	bad=1
fi
rm -f "$found.bad"
# Stale allowlist entries: the debt was paid, so the entry goes.
if [ -f "$allow" ]; then
	grep -vE '^[[:space:]]*(#|$)' "$allow" | while read -r file hdr _; do
		if ! grep -qx "$file $hdr" "$found"; then
			echo "tools/layers-allow.txt: '$file $hdr' no longer occurs: remove it" >&2
			echo x >>"$found.stale"
		fi
	done
fi
if [ -s "$found.stale" ]; then
	bad=1
fi
rm -f "$found.stale"
n=$(sort -u "$found" | wc -l)
if [ $bad -ne 0 ]; then
	echo "check-layers: layering violations (see docs/architecture.md)" >&2
	exit 1
fi
echo "check-layers: ok ($n allowed exceptions in tools/layers-allow.txt)"
