#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Install the Kubernetes schema validator that tests/cli/t2103 runs on
# deploy/*.yaml, into DIR/k8s (once; later runs reuse it), and print that
# directory.
#
#   kubernetes-models  npm (MIT): a class per Kubernetes kind whose
#                      validate() checks an object against the
#                      Kubernetes OpenAPI schema (5.1.0: Kubernetes 1.34)
#   yaml               npm (ISC): the YAML parser for the manifests
#
# tools/k8s-validate.mjs uses them.  Exit 77 with the reason on stdout
# when npm is not installed or the registry cannot be reached, so the test
# reports a skipped schema check rather than a failure.  (Debian 12's
# kubernetes-client is kubectl 1.20: it knows neither Indexed Jobs nor
# CronJob time zones, and --dry-run=client needs a cluster.)
#
# Usage: tools/validators-k8s.sh DIR   (DIR: e.g. build/tools)
set -eu

K8S_MODELS_VERSION=5.1.0
YAML_VERSION=2.9.1
dir=${1:?usage: tools/validators-k8s.sh DIR}/k8s
probe=$dir/node_modules/kubernetes-models/batch/v1/Job.js

if [ ! -f "$probe" ] || [ ! -d "$dir/node_modules/yaml" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "npm is not installed (Debian: apt-get install npm): cannot install kubernetes-models"
		exit 77
	fi
	mkdir -p "$dir"
	if ! npm install --prefix "$dir" --no-audit --no-fund --no-save \
		--loglevel=error "kubernetes-models@$K8S_MODELS_VERSION" \
		"yaml@$YAML_VERSION" >&2; then
		echo "npm could not install kubernetes-models@$K8S_MODELS_VERSION (registry unreachable?)"
		exit 77
	fi
	[ -f "$probe" ] || {
		echo "kubernetes-models has no batch/v1/Job model ($probe)"
		exit 77
	}
fi
echo "$dir"
