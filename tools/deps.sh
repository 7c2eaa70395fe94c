#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Check the build and test dependencies of osshealth.  Where something is
# missing and we are root on Debian/Ubuntu, install exactly the missing
# packages with apt-get; otherwise print the command the user must run and
# fail.  Called by `make deps` (and so by `make demo` and `make check`).
#
# Usage: tools/deps.sh [--with-fuzz | --with-browser | --with-ci]
set -eu

missing=""

# pkg-config module -> Debian package
need_pc() {
	if ! command -v pkg-config >/dev/null 2>&1 ||
	   ! pkg-config --exists "$1" 2>/dev/null; then
		missing="$missing $2"
	fi
}

# program -> Debian package
need_prog() {
	command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] ||
		missing="$missing $2"
}

need_prog pkg-config pkg-config
need_prog cc gcc
need_prog make make
need_prog git git
need_prog python3 python3
need_prog clang-format-14 clang-format-14
need_prog lighttpd lighttpd
need_pc libgit2 libgit2-dev
need_pc sqlite3 libsqlite3-dev
need_pc libcjson libcjson-dev
need_pc libxml-2.0 libxml2-dev
need_pc yaml-0.1 libyaml-dev
# OSV exports are zip files (`vulns import`).
need_pc libzip libzip-dev
need_pc libpcre2-8 libpcre2-dev
need_pc libcurl libcurl4-openssl-dev
need_pc libcrypto libssl-dev
need_pc check check
# `git http-backend` ships with git-core; sqlite3 shell for tests poking
# at databases.
need_prog sqlite3 sqlite3
# xmllint validates our JUnit XML against tests/data/junit/*.xsd.
need_prog xmllint libxml2-utils
# strace counts the repository opens of a scan (tests/cli/t1013).
need_prog strace strace
# PyYAML: tests/cli/t2103 reads the Kubernetes manifests of deploy/.
python3 -c 'import yaml' 2>/dev/null || missing="$missing python3-yaml"
if [ "${1:-}" = "--with-browser" ]; then
	need_prog chromium chromium
fi
# The consumers' tools that tests/cli/t0005-t0009 run where present.
if [ "${1:-}" = "--with-ci" ]; then
	need_prog npm npm
	need_prog pre-commit pre-commit
	need_prog zsh zsh
	need_prog podman podman
	need_prog debootstrap debootstrap
fi
if [ "${1:-}" = "--with-fuzz" ]; then
	need_prog clang clang
	[ -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] ||
		ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
		missing="$missing libclang-rt-14-dev"
fi

if [ -z "$missing" ]; then
	exit 0
fi

# shellcheck disable=SC2086
set -- $missing
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing" >&2
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
	exit 0
fi
echo "deps: missing:$missing" >&2
echo "deps: run: sudo apt-get install$missing" >&2
exit 1
