#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan with SBOMs as input, over real smart HTTP on 127.0.0.1: an SPDX JSON
# document, the same in tag-value, and a CycloneDX JSON BOM.  Packages with
# a git location (or a purl with vcs_url) are reviewed at the revision the
# SBOM names; the others are listed with the reason, in the scan output
# and in every report format.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"
server=$SRCDIR/tests/lib/git-http-server.sh

mkdir srv
for f in mature lic-mit dco-signed; do
	git clone -q --bare "$FIXTURES/$f" "srv/$f.git"
done
port=$("$server" start srv)
cleanup() {
	"$server" stop "$TEST_DIR/srv" || :
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
base=http://127.0.0.1:$port/git
enc_base=http%3A%2F%2F127.0.0.1%3A$port%2Fgit

cat >s.spdx.json <<JSON
{"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
 "SPDXID": "SPDXRef-DOCUMENT", "name": "product",
 "documentNamespace": "https://example.org/product-1",
 "creationInfo": {"created": "2026-10-01T00:00:00Z", "creators": ["Tool: t"]},
 "packages": [
  {"SPDXID": "SPDXRef-mature", "name": "mature", "versionInfo": "1.2.0",
   "supplier": "Organization: Mature Org",
   "downloadLocation": "git+$base/mature.git@v1.2.0"},
  {"SPDXID": "SPDXRef-mit", "name": "lic-mit", "versionInfo": "1.0.0",
   "downloadLocation": "NOASSERTION",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
     "referenceType": "purl",
     "referenceLocator": "pkg:generic/lic-mit@1.0.0?vcs_url=git%2B$enc_base%2Flic-mit.git%40v1.0.0"}]},
  {"SPDXID": "SPDXRef-leftpad", "name": "left-pad", "versionInfo": "1.3.0",
   "downloadLocation": "NOASSERTION",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
     "referenceType": "purl", "referenceLocator": "pkg:npm/left-pad@1.3.0"}]},
  {"SPDXID": "SPDXRef-tar", "name": "tarball", "versionInfo": "2",
   "downloadLocation": "https://downloads.example.org/tarball-2.tar.gz"},
  {"SPDXID": "SPDXRef-hg", "name": "hgthing",
   "downloadLocation": "hg+https://hg.example.org/hgthing"}
 ]}
JSON

expect_exit 0 scan --db s.db --cache cache s.spdx.json
expect_stdout_match '^run 1: 2 components, 2 scanned, 0 failed, 0 already done$'
expect_stdout_match '^3 SBOM packages not reviewed \(all listed in `osshealth report`\)$'
expect_stdout_match "^  not reviewed: left-pad 1\.3\.0: download location is NOASSERTION; purl type 'npm' names a registry package"
expect_stdout_match "^  not reviewed: tarball 2: download location is a web address, not a git repository: https://downloads\.example\.org/tarball-2\.tar\.gz"
expect_stdout_match "^  not reviewed: hgthing: Mercurial source; osshealth reviews git repositories only"

v120=$(git -C "$FIXTURES/mature" rev-parse 'v1.2.0^{commit}')
v100=$(git -C "$FIXTURES/lic-mit" rev-parse 'v1.0.0^{commit}')
expect_exit 0 report --db s.db --format json
python3 - "$v120" "$v100" <<'PY' || fail "JSON report assertions (SPDX)"
import json, sys
v120, v100 = sys.argv[1], sys.argv[2]
d = json.load(open("out"))
comps = {c["name"]: c for c in d["components"]}
assert sorted(comps) == ["lic-mit", "mature"], sorted(comps)
assert comps["mature"]["status"] == "done", comps["mature"]
assert comps["mature"]["revision"] == v120, comps["mature"]["revision"]
assert comps["lic-mit"]["revision"] == v100, comps["lic-mit"]["revision"]
decl = comps["mature"]["declared"]
assert decl["sbom"]["element"] == "SPDXRef-mature", decl
assert decl["sbom"]["source_from"] == "download location", decl
assert decl["sbom"]["revision"] == "v1.2.0", decl
assert comps["lic-mit"]["declared"]["sbom"]["source_from"] == "purl vcs_url"
u = d["unreviewed"]
assert [x["name"] for x in u] == ["left-pad", "tarball", "hgthing"], u
assert u[0]["version"] == "1.3.0" and u[0]["element"] == "SPDXRef-leftpad", u
assert u[2]["version"] is None, u
assert "Mercurial" in u[2]["reason"], u
PY

# Text, Markdown, CSV and HTML reports list them too.
expect_exit 0 report --db s.db --format text
expect_stdout_match '^SBOM packages not reviewed: 3$'
expect_stdout_match '^  left-pad 1\.3\.0 \(SPDXRef-leftpad\): download location is NOASSERTION; '
expect_exit 0 report --db s.db --format markdown
expect_stdout_match '^## SBOM packages not reviewed \(3\)$'
expect_stdout_match '^\| tarball \| 2 \| SPDXRef-tar \| download location is a web address'
expect_exit 0 report --db s.db --format csv
expect_stdout_match '^1,"hgthing",not-reviewed,,,,,"Mercurial source; osshealth reviews git repositories only: hg\+https://hg\.example\.org/hgthing"'
expect_exit 0 report --db s.db --format html
expect_stdout_match '<h2>SBOM packages not reviewed \(3\)</h2>'

# The same document in tag-value gives the same components and list.
expect_exit 0 sbom convert -o s.spdx s.spdx.json
expect_exit 0 scan --db tv.db --cache cache s.spdx
expect_stdout_match '^run 1: 2 components, 2 scanned, 0 failed, 0 already done$'
expect_stdout_match '^3 SBOM packages not reviewed'
expect_exit 0 report --db tv.db --format json
python3 - "$v120" <<'PY' || fail "JSON report assertions (tag-value)"
import json, sys
d = json.load(open("out"))
comps = {c["name"]: c for c in d["components"]}
assert comps["mature"]["revision"] == sys.argv[1]
assert [x["name"] for x in d["unreviewed"]] == ["left-pad", "tarball", "hgthing"]
PY

# CycloneDX: a vcs external reference is reviewed at the tag of the
# version when the repository has one (mature 1.1.0 -> v1.1.0), else at
# HEAD, saying so; git:// on a known forge would become https; nested
# components are read, registry-only packages are listed.
cat >b.cdx.json <<JSON
{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
 "metadata": {"component": {"type": "application", "name": "product",
   "bom-ref": "product"}},
 "components": [
  {"type": "library", "name": "dco-signed", "bom-ref": "c-dco",
   "purl": "pkg:pypi/dco-signed@0.1",
   "externalReferences": [{"type": "vcs", "url": "$base/dco-signed.git"}],
   "components": [{"type": "library", "name": "requests",
     "version": "2.31.0", "purl": "pkg:pypi/requests@2.31.0"}]},
  {"type": "library", "name": "mature", "version": "1.1.0",
   "externalReferences": [{"type": "vcs", "url": "$base/mature.git"}]},
  {"type": "library", "name": "lic-mit", "version": "9.9",
   "externalReferences": [{"type": "vcs", "url": "$base/lic-mit.git"}]}
 ]}
JSON
expect_exit 0 scan --db c.db --cache cache b.cdx.json
expect_stdout_match '^run 1: 3 components, 3 scanned, 0 failed, 0 already done$'
expect_stdout_match '^2 SBOM packages not reviewed'
expect_stdout_match "^  not reviewed: product: no vcs external reference"
expect_stdout_match "^  not reviewed: requests 2\.31\.0: no vcs external reference; purl type 'pypi'"
head=$(git -C "$FIXTURES/dco-signed" rev-parse HEAD)
v110=$(git -C "$FIXTURES/mature" rev-parse 'v1.1.0^{commit}')
mithead=$(git -C "$FIXTURES/lic-mit" rev-parse HEAD)
expect_exit 0 report --db c.db --format json
python3 - "$head" "$v110" "$mithead" <<'PY' || fail "JSON report assertions (CycloneDX)"
import json, sys
d = json.load(open("out"))
comps = {c["name"]: c for c in d["components"]}
c = comps["dco-signed"]
assert c["revision"] == sys.argv[1], c
assert "sbom.revision" not in c["facts"], c["facts"]
assert c["declared"]["sbom"]["source_from"] == "vcs external reference", c
assert c["declared"]["sbom"]["format"] == "CycloneDX", c
m = comps["mature"]
assert m["revision"] == sys.argv[2], m["revision"]
assert m["facts"]["sbom.revision"] == "tag v1.1.0 (version 1.1.0)", m["facts"]
l = comps["lic-mit"]
assert l["revision"] == sys.argv[3], l["revision"]
assert l["facts"]["sbom.revision"].startswith("HEAD: no tag names version 9.9 (tried v9.9, 9.9, lic-mit-9.9, lic-mit@9.9)"), l["facts"]
assert [x["name"] for x in d["unreviewed"]] == ["product", "requests"]
PY

# A revision the repository does not have fails that component, clearly.
sed "s/@v1\.2\.0/@v9.9.9/" s.spdx.json >bad-ref.spdx.json
expect_exit 3 scan --db b.db --cache cache bad-ref.spdx.json
expect_stdout_match '^run 1: 2 components, 1 scanned, 1 failed, 0 already done$'
expect_stderr_match "mature: .*v9\.9\.9"

# Unreadable input: the file and the place are named, nothing is recorded.
printf '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library"}]}' >bad.cdx.json
expect_exit 2 scan --db e.db --offline bad.cdx.json
expect_stderr_match "bad\.cdx\.json: components\[0\]\.name must be a string"
printf 'spdxVersion: SPDX-2.3\nname: &a x\ncomment: *a\n' >s.spdx.yaml
expect_exit 2 scan --db e.db s.spdx.yaml
expect_stderr_match "s\.spdx\.yaml:3:10: YAML aliases are refused"
printf '{"hello": 1}' >what.json
expect_exit 2 scan --db e.db --offline what.json
expect_stderr_match "what\.json: neither a manifest"
[ ! -s e.db ] || [ "$(sqlite3 e.db 'SELECT count(*) FROM runs')" = 0 ] ||
	fail "a run was recorded for unreadable input"

# The air gap: with the server gone, --offline reviews the cached mirrors
# as they are and says how old they are; a package never mirrored fails
# with a clear reason, and nothing is fetched.
"$server" stop "$TEST_DIR/srv"
expect_exit 0 scan --db off.db --cache cache --offline s.spdx.json
expect_stdout_match '^run 1: 2 components, 2 scanned, 0 failed, 0 already done$'
expect_exit 0 report --db off.db --format json
python3 - "$v120" <<'PY' || fail "JSON report assertions (offline)"
import json, sys
d = json.load(open("out"))
comps = {c["name"]: c for c in d["components"]}
m = comps["mature"]
assert m["revision"] == sys.argv[1], m["revision"]
assert m["facts"]["mirror.offline"].startswith(
    "not fetched (--offline): the cached mirror, last fetched 20"), m["facts"]
PY
expect_exit 3 scan --db off2.db --cache empty-cache --offline s.spdx.json
expect_stderr_match "mature: http://127\.0\.0\.1:$port/git/mature\.git: not in the mirror cache, and --offline forbids fetching it"
[ ! -d empty-cache/mirrors ] || [ -z "$(ls empty-cache/mirrors)" ] ||
	fail "--offline created a mirror"

# A manifest can give the version in use too: its tag is reviewed.
cat >m.json <<JSON
{"components": [{"name": "mature", "repo": "$FIXTURES/mature", "version": "1.1.0"}]}
JSON
expect_exit 0 scan --db man.db m.json
expect_exit 0 report --db man.db --format json
python3 - "$v110" <<'PY' || fail "JSON report assertions (manifest version)"
import json, sys
c = json.load(open("out"))["components"][0]
assert c["revision"] == sys.argv[1], c["revision"]
assert c["facts"]["sbom.revision"] == "tag v1.1.0 (version 1.1.0)", c["facts"]
PY
