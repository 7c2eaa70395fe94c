#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Install the consumers' own validators that tests/cli/t0005 runs on our
# CI formats, into build/tools (once; later runs reuse them), and print
# the path of the SARIF multitool binary.
#
#   sarif-multitool   npm @microsoft/sarif-multitool (MIT), the validator
#                     whose "Gh" rules are what GitHub code scanning
#                     enforces on upload
#
# xmllint (Debian libxml2-utils) comes from tools/deps.sh.  Exit 77 with
# the reason on stdout when npm is not installed or the registry cannot be
# reached, so the test reports a skip rather than a failure.
#
# Usage: tools/validators.sh DIR   (DIR: where to install, e.g. build/tools)
set -eu

SARIF_MULTITOOL_VERSION=5.7.0
dir=${1:?usage: tools/validators.sh DIR}
smt=$dir/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ ! -x "$smt" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "npm is not installed (Debian: apt-get install npm): cannot install @microsoft/sarif-multitool"
		exit 77
	fi
	mkdir -p "$dir/sarif-multitool"
	if ! npm install --prefix "$dir/sarif-multitool" --no-audit --no-fund \
		--no-save --loglevel=error \
		"@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >&2; then
		echo "npm could not install @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION (registry unreachable?)"
		exit 77
	fi
	# The package's postinstall (chmod) may be refused by npm's policy.
	chmod u+x "$smt" 2>/dev/null || :
	[ -x "$smt" ] || {
		echo "no Linux binary in @microsoft/sarif-multitool ($smt)"
		exit 77
	}
fi
echo "$smt"
