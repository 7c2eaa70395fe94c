#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Install the CycloneDX consumers' tools that tests/cli/t1811 checks our
# BOMs with, into DIR (once; later runs reuse them), and print DIR:
#
#   ajv-cli, ajv-formats      JSON Schema validator (MIT), run on the
#                             official CycloneDX JSON schemas
#   @cyclonedx/cyclonedx-npm  the CycloneDX npm producer (Apache-2.0); its
#                             @cyclonedx/cyclonedx-library ships the
#                             official schemas (res/schema/)
#
# Exit 77 with the reason on stdout when npm is not installed or the
# registry cannot be reached, so the test reports a skip, not a failure.
#
# Usage: tools/cdx-validators.sh DIR   (DIR: e.g. build/tools/cdx)
set -eu

AJV_CLI_VERSION=5.0.0
AJV_FORMATS_VERSION=2.1.1
CYCLONEDX_NPM_VERSION=6.0.1
dir=${1:?usage: tools/cdx-validators.sh DIR}

if [ ! -x "$dir/node_modules/.bin/ajv" ] ||
	[ ! -x "$dir/node_modules/.bin/cyclonedx-npm" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "npm is not installed (Debian: apt-get install npm): cannot install ajv-cli and @cyclonedx/cyclonedx-npm"
		exit 77
	fi
	mkdir -p "$dir"
	if ! npm install --prefix "$dir" --no-audit --no-fund --no-save \
		--loglevel=error "ajv-cli@$AJV_CLI_VERSION" \
		"ajv-formats@$AJV_FORMATS_VERSION" \
		"@cyclonedx/cyclonedx-npm@$CYCLONEDX_NPM_VERSION" >&2; then
		echo "npm could not install ajv-cli, ajv-formats and @cyclonedx/cyclonedx-npm (registry unreachable?)"
		exit 77
	fi
fi
echo "$dir"
