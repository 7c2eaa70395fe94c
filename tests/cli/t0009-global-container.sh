#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Dockerfile: its shape is checked everywhere (two Debian 12 slim
# stages, non-root user, data files, osshealth as entrypoint, a runtime
# library for every library the build links); the image is built and run
# on a fixture where podman, buildah or a working docker is available and
# the base image can be pulled or is present (tools/container-base.sh),
# and the test says which it skipped.
. "$SRCDIR/tests/cli/lib.sh"

cf=$SRCDIR/Dockerfile
[ "$(grep -c '^FROM docker.io/library/debian:12-slim' "$cf")" = 2 ] ||
	fail "expected two debian:12-slim stages"
grep -q '^USER osshealth$' "$cf" || fail "not run as a non-root user"
grep -q '^ENTRYPOINT \["osshealth"\]$' "$cf" || fail "entrypoint"
grep -q 'make install DESTDIR=/out PREFIX=/usr' "$cf" ||
	fail "data files not installed"
for d in rules licenses src tools; do
	grep -q "^COPY $d " "$cf" || fail "Dockerfile does not copy $d"
done
# Each library the Makefile links has its runtime package in stage two.
for lib in libgit2-1.5 libsqlite3-0 libcjson1 libxml2 libpcre2-8-0 \
	libcurl4 libssl3 libyaml-0-2 libzip4; do
	sed -n '/^FROM docker.io\/library\/debian:12-slim$/,$p' "$cf" |
		grep -q " $lib\b" || fail "runtime package $lib missing"
done
grep -q '^LIBS_PC *:= libgit2 sqlite3 libcjson libxml-2.0 libpcre2-8 libcurl libcrypto yaml-0.1 libzip$' \
	"$SRCDIR/Makefile" || fail "the Makefile links other libraries: update the Dockerfile"

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

# The image is built and run only where the machine lets it: a build or
# run that fails for other reasons than the Dockerfile is a skip with
# the reason, unless OSSHEALTH_REQUIRE_CONTAINER=1 (make check-ci).
env_fail() {
	[ "${OSSHEALTH_REQUIRE_CONTAINER:-0}" = 1 ] && fail "$*"
	skip "$*"
}

tag=localhost/osshealth-test:$$
# chroot isolation: builds where cgroups cannot be delegated (CI sandboxes).
iso=""
[ "$builder" = docker ] || iso=--isolation=chroot
if ! $builder build $iso -t "$tag" -f "$cf" "$SRCDIR" >build.log 2>&1; then
	if grep -Eqi 'pull|registry|resolv|manifest unknown|dial tcp' build.log; then
		skip "$builder cannot pull debian:12-slim here (tools/container-base.sh makes it from the Debian archive): $(grep -Ei 'pull|registry|dial' build.log | tail -1)"
	fi
	tail -20 build.log >&2
	env_fail "$builder build failed here: $(grep -i 'error' build.log | tail -1)"
fi
trap '$builder rmi -f "$tag" >/dev/null 2>&1; rm -rf "$TEST_DIR"' EXIT
runner=$builder
[ "$runner" = buildah ] && runner=podman
# Smoke test: the image scans a fixture as its non-root user.  Where the
# runtime cannot start containers here (no cgroup or rlimit rights), the
# image's file system is exported and the same command runs in a chroot.
if $runner run --rm -v "$FIXTURES/lic-mit:/src:ro" "$tag" license . \
	>out 2>err; then
	expect_stdout_match '^concluded: +MIT '
	exit 0
fi
[ "$(id -u)" = 0 ] && command -v chroot >/dev/null 2>&1 ||
	skip "image built; $runner cannot run it here: $(head -1 err)"
cid=$($runner create "$tag") || env_fail "$runner create failed"
mkdir rootfs
$runner export "$cid" | tar -x -C rootfs || env_fail "export failed"
$runner rm "$cid" >/dev/null
grep -q '^osshealth:x:10001:' rootfs/etc/passwd || fail "no osshealth user"
[ -f rootfs/usr/share/osshealth/rules/scoring.json ] || fail "no data files"
[ -f rootfs/usr/share/bash-completion/completions/osshealth ] ||
	fail "no completion in the image"
cp -a "$FIXTURES/lic-mit" rootfs/src
chown -R 10001:10001 rootfs/src
chroot --userspec=10001:10001 rootfs /bin/sh -c 'cd /src && HOME=/home/osshealth exec osshealth license .' \
	>out 2>err || fail "osshealth in the image failed: $(cat err)"
expect_stdout_match '^concluded: +MIT '
