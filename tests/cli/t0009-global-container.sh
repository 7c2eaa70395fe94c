#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Containerfile: its shape is checked everywhere (two Debian 12 slim
# stages, non-root user, data files, osshealth as entrypoint, a runtime
# library for every library the build links); the image is built and run
# on a fixture where podman, buildah or a working docker is available and
# the base image can be pulled, and the test says which it skipped.
. "$SRCDIR/tests/cli/lib.sh"

cf=$SRCDIR/Containerfile
[ "$(grep -c '^FROM docker.io/library/debian:12-slim' "$cf")" = 2 ] ||
	fail "expected two debian:12-slim stages"
grep -q '^USER osshealth$' "$cf" || fail "not run as a non-root user"
grep -q '^ENTRYPOINT \["osshealth"\]$' "$cf" || fail "entrypoint"
grep -q 'make install DESTDIR=/out PREFIX=/usr' "$cf" ||
	fail "data files not installed"
for d in rules licenses src tools; do
	grep -q "^COPY $d " "$cf" || fail "Containerfile does not copy $d"
done
# Each library the Makefile links has its runtime package in stage two.
for lib in libgit2-1.5 libsqlite3-0 libcjson1 libxml2 libpcre2-8-0 \
	libcurl4 libssl3; do
	sed -n '/^FROM docker.io\/library\/debian:12-slim$/,$p' "$cf" |
		grep -q " $lib\b" || fail "runtime package $lib missing"
done
grep -q '^LIBS_PC *:= libgit2 sqlite3 libcjson libxml-2.0 libpcre2-8 libcurl libcrypto$' \
	"$SRCDIR/Makefile" || fail "the Makefile links other libraries: update the Containerfile"

builder=""
if command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1; then
	builder=podman
elif command -v buildah >/dev/null 2>&1; then
	builder=buildah
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
	builder=docker
fi
[ -n "$builder" ] ||
	skip "no container builder runs here (podman, buildah or a docker daemon): image not built"

tag=localhost/osshealth-test:$$
if ! $builder build -t "$tag" -f "$cf" "$SRCDIR" >build.log 2>&1; then
	if grep -Eqi 'pull|registry|resolv|manifest unknown|dial tcp' build.log; then
		skip "$builder cannot pull debian:12-slim here: $(grep -Ei 'pull|registry|dial' build.log | tail -1)"
	fi
	tail -20 build.log >&2
	fail "$builder build failed"
fi
runner=$builder
[ "$runner" = buildah ] && runner=podman
command -v "$runner" >/dev/null 2>&1 || skip "image built; no $runner to run it"
trap '$builder rmi -f "$tag" >/dev/null 2>&1; rm -rf "$TEST_DIR"' EXIT
$runner run --rm -u "$(id -u):$(id -g)" -v "$FIXTURES/lic-mit:/src:ro" "$tag" \
	license . >out 2>err || fail "container run failed: $(cat err)"
expect_stdout_match '^concluded: +MIT '
