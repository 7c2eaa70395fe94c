#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Real producers and the official schema: a tiny npm project (one local
# dependency, no registry) described by `npm sbom` (CycloneDX and SPDX) and
# by @cyclonedx/cyclonedx-npm (JSON and XML) is read and judged valid, its
# dependency graph intact; our own CycloneDX BOMs pass the official JSON
# schema (ajv over the schemas @cyclonedx/cyclonedx-library ships).  Skips
# (77) without npm or when tools/cdx-validators.sh cannot install.
. "$SRCDIR/tests/cli/lib.sh"

command -v npm >/dev/null 2>&1 || skip "npm is not installed"
tools=$("$SRCDIR/tools/cdx-validators.sh" "$SRCDIR/build/tools/cdx") || {
	rc=$?
	[ "$rc" = 77 ] && skip "$tools"
	fail "tools/cdx-validators.sh failed"
}

mkdir -p app/dep
cat >app/dep/package.json <<'J'
{"name": "tiny-dep", "version": "1.0.0", "license": "MIT"}
J
cat >app/package.json <<'J'
{"name": "tiny-app", "version": "0.1.0", "license": "Apache-2.0",
 "dependencies": {"tiny-dep": "file:dep"}}
J
(cd app && npm install --offline --no-audit --no-fund --loglevel=error \
	>../npm.log 2>&1) || { cat npm.log >&2; skip "npm install of a local dependency failed"; }

(cd app && npm sbom --sbom-format cyclonedx >../npm.cdx.json) ||
	fail "npm sbom (CycloneDX) failed"
(cd app && npm sbom --sbom-format spdx >../npm.spdx.json) ||
	fail "npm sbom (SPDX) failed"
(cd app && "$tools/node_modules/.bin/cyclonedx-npm" --output-file \
	../cnpm.cdx.json >/dev/null 2>&1) || fail "cyclonedx-npm (JSON) failed"
(cd app && "$tools/node_modules/.bin/cyclonedx-npm" --output-format XML \
	--output-file ../cnpm.cdx.xml >/dev/null 2>&1) ||
	fail "cyclonedx-npm (XML) failed"

for f in npm.cdx.json cnpm.cdx.json cnpm.cdx.xml; do
	expect_exit 0 sbom validate "$f"
	expect_stdout_match "^$f: valid CycloneDX-1\\.[56] .2 packages, 0 files, 2 relationships"
	expect_exit 0 sbom convert -o "$f.spdx" "$f"
	grep -q '^Relationship: .*tiny-app.* DEPENDS_ON .*tiny-dep' "$f.spdx" ||
		fail "$f: the dependency on tiny-dep was lost"
	grep -q '^PackageLicenseDeclared: MIT$' "$f.spdx" ||
		fail "$f: tiny-dep's license was lost"
done
# npm's SPDX: read; its creation time carries milliseconds, which SPDX
# 2.3 (6.9: YYYY-MM-DDThh:mm:ssZ) does not allow, and only that is wrong.
expect_exit 1 sbom validate npm.spdx.json
expect_stdout_match "error SPDX-CREATED creationInfo.created"
expect_lines 2 out

# Our BOMs against the official JSON schema.
schema=$(find "$tools/node_modules" -path '*cyclonedx-library/res/schema' \
	-type d | head -1)
[ -n "$schema" ] || fail "no schemas in @cyclonedx/cyclonedx-library"
mkdir schema
for s in bom-1.5 bom-1.6 spdx jsf-0.82; do
	sed 's/\.SNAPSHOT\.schema\.json/.schema.json/g' \
		"$schema/$s.SNAPSHOT.schema.json" >"schema/$s.schema.json"
done
expect_exit 0 sbom generate --created 2026-11-01T00:00:00Z \
	--format cyclonedx-json -o gen.cdx.json "$FIXTURES/lic-gpl-tags"
cp "$SRCDIR/tests/data/sbom/valid.spdx.json" .
expect_exit 0 sbom convert -o conv.cdx.json valid.spdx.json
for f in gen.cdx.json conv.cdx.json; do
	"$tools/node_modules/.bin/ajv" validate --spec=draft7 --strict=false \
		-c ajv-formats -s schema/bom-1.6.schema.json \
		-r schema/spdx.schema.json -r schema/jsf-0.82.schema.json \
		-d "$f" >ajv.out 2>&1 || { cat ajv.out >&2; fail "$f: not valid under the CycloneDX 1.6 JSON schema"; }
done
# and the schema agrees with us on a broken one
sed "s/\"type\":[[:space:]]*\"library\"/\"type\": \"librar\"/" conv.cdx.json >bad.cdx.json
cmp -s conv.cdx.json bad.cdx.json && fail "could not break conv.cdx.json"
expect_exit 1 sbom validate bad.cdx.json
"$tools/node_modules/.bin/ajv" validate --spec=draft7 --strict=false \
	-c ajv-formats -s schema/bom-1.6.schema.json -r schema/spdx.schema.json \
	-r schema/jsf-0.82.schema.json -d bad.cdx.json >ajv.out 2>&1 &&
	fail "ajv accepts bad.cdx.json"
:
