#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real smart-HTTP git server on 127.0.0.1 for tests: lighttpd running
# `git http-backend` as CGI under /git/, serving every repository below DIR.
#
#   git-http-server.sh start DIR [PORT]   start; prints the port (PORT 0 or
#                                         absent: pick a free one); returns
#                                         once the server answers
#   git-http-server.sh stop DIR           stop the server started for DIR
#
# Repositories are then at http://127.0.0.1:PORT/git/<name relative to DIR>.
# Repositories under DIR/private/ need HTTP basic authentication with the
# user and password in $GIT_HTTP_AUTH ("user:password", default
# "tester:s3cret").  State (config, pid, logs) lives in DIR/.httpd/.
# Tests only: never used by osshealth itself.
set -eu

usage() {
	echo "usage: $0 start DIR [PORT] | stop DIR" >&2
	exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$(cd "$2" && pwd)
state=$dir/.httpd

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

answers() {
	python3 -c 'import socket,sys; s=socket.socket(); s.settimeout(1); s.connect(("127.0.0.1", int(sys.argv[1]))); s.close()' "$1" 2>/dev/null
}

lighttpd_bin() {
	for p in lighttpd /usr/sbin/lighttpd /usr/local/sbin/lighttpd; do
		if command -v "$p" >/dev/null 2>&1; then
			command -v "$p"
			return 0
		fi
	done
	echo "git-http-server: lighttpd not found (run make deps)" >&2
	exit 1
}

case $cmd in
start)
	port=${3:-0}
	[ "$port" != 0 ] || port=$(free_port)
	backend="$(git --exec-path)/git-http-backend"
	[ -x "$backend" ] || { echo "git-http-server: no $backend" >&2; exit 1; }
	mkdir -p "$state"
	printf '%s\n' "${GIT_HTTP_AUTH:-tester:s3cret}" >"$state/users"
	cat >"$state/lighttpd.conf" <<CONF
server.modules = ( "mod_auth", "mod_authn_file", "mod_alias", "mod_cgi",
		   "mod_setenv" )
auth.backend = "plain"
auth.backend.plain.userfile = "$state/users"
auth.require = ( "/git/private/" => ( "method" => "basic",
	"realm" => "test", "require" => "valid-user" ) )
server.document-root = "$state"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$state/error.log"
alias.url = ( "/git" => "$backend" )
\$HTTP["url"] =~ "^/git" {
	cgi.assign = ( "" => "" )
	setenv.add-environment = (
		"GIT_PROJECT_ROOT" => "$dir",
		"GIT_HTTP_EXPORT_ALL" => "1"
	)
}
CONF
	"$(lighttpd_bin)" -D -f "$state/lighttpd.conf" \
		>"$state/stdout.log" 2>&1 </dev/null &
	echo $! >"$state/pid"
	i=0
	until answers "$port"; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
			echo "git-http-server: lighttpd did not start on port $port" >&2
			cat "$state/stdout.log" "$state/error.log" >&2 2>/dev/null || :
			exit 1
		fi
		sleep 0.1
	done
	echo "$port" >"$state/port"
	echo "$port"
	;;
stop)
	if [ -f "$state/pid" ]; then
		pid=$(cat "$state/pid")
		kill "$pid" 2>/dev/null || :
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			i=$((i + 1))
			sleep 0.1
		done
		rm -f "$state/pid"
	fi
	;;
*)
	usage
	;;
esac
