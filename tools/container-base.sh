#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Make the Dockerfile's base image locally where no container registry
# can be reached but the Debian archive can: a minimal Debian 12 tree from
# debootstrap, imported into podman under the name the Dockerfile uses
# (docker.io/library/debian:12-slim), so that `podman build` finds it
# without pulling.  Not the official slim image (this one keeps docs and
# man pages); enough to build and smoke-test ours (tests/cli/t0009).
#
# Usage (as root): tools/container-base.sh [MIRROR]
set -eu

mirror=${1:-http://deb.debian.org/debian}
name=docker.io/library/debian:12-slim
if podman image exists "$name"; then
	echo "$name already present"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oh-base-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
debootstrap --variant=minbase bookworm "$tmp/root" "$mirror" >&2
tar -C "$tmp/root" -c . | podman import - "$name" >&2
echo "$name imported"
