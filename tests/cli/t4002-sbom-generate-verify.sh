#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sbom generate writes a document that passes our own validator for every
# fixture, whose checksums and verification code agree with git and an
# independent computation, that is reproducible with --created and
# --namespace, and that sbom verify accepts; tampering with the source is
# caught with both values.
. "$SRCDIR/tests/cli/lib.sh"

T=2026-11-01T00:00:00Z

# Every fixture: valid under the SPDX profile, verified against itself.
for fx in dco-signed dco-partial multi-org lic-mit lic-apache lic-gpl-tags \
	lic-dual lic-none lic-busl lic-changed mature; do
	expect_exit 0 sbom generate --created "$T" -o "$fx.json" "$FIXTURES/$fx"
	expect_exit 0 sbom validate "$fx.json"
	expect_stdout_match "^$fx\\.json: valid SPDX-2\\.3 "
	expect_exit 0 sbom verify --repo "$FIXTURES/$fx" "$fx.json"
	expect_stdout_match "^$fx\\.json: verified SPDXRef-Package-$fx: 0 mismatches"
done

# Checksums and the verification code, computed independently from git.
python3 - "$FIXTURES/lic-gpl-tags" lic-gpl-tags.json <<'PY' || fail "independent checksums"
import hashlib, json, subprocess, sys
repo, doc = sys.argv[1], json.load(open(sys.argv[2]))
ls = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "HEAD"],
                    capture_output=True, text=True, check=True).stdout
want = {}
for line in ls.splitlines():
    meta, path = line.split("\t", 1)
    mode, kind, oid = meta.split()
    if kind != "blob" or mode == "120000":
        continue
    data = subprocess.run(["git", "-C", repo, "cat-file", "blob", oid],
                          capture_output=True, check=True).stdout
    want["./" + path] = (hashlib.sha1(data).hexdigest(),
                         hashlib.sha256(data).hexdigest())
got = {f["fileName"]: tuple(c["checksumValue"] for c in f["checksums"])
       for f in doc["files"]}
assert got == want, (sorted(got), sorted(want))
code = hashlib.sha1("".join(sorted(v[0] for v in want.values()))
                    .encode()).hexdigest()
pkg = doc["packages"][0]
assert pkg["packageVerificationCode"]["packageVerificationCodeValue"] == code
rels = {(r["spdxElementId"], r["relationshipType"]) for r in doc["relationships"]}
assert ("SPDXRef-DOCUMENT", "DESCRIBES") in rels
assert sum(r["relationshipType"] == "CONTAINS" for r in doc["relationships"]) == len(want)
# the SPDX tags of the files are their licenseInfoInFiles
tags = {f["fileName"]: f["licenseInfoInFiles"] for f in doc["files"]}
assert any(v != ["NONE"] and v != ["NOASSERTION"] for v in tags.values()), tags
assert doc["creationInfo"]["created"] == "2026-11-01T00:00:00Z"
assert doc["creationInfo"]["creators"][0].startswith("Tool: osshealth-")
PY

# Reproducible: same options, same bytes; only --created and --namespace vary.
expect_exit 0 sbom generate --created "$T" --namespace https://example.org/sbom/1 \
	-o a.json "$FIXTURES/mature"
expect_exit 0 sbom generate --created "$T" --namespace https://example.org/sbom/1 \
	-o b.json "$FIXTURES/mature"
cmp -s a.json b.json || fail "two generations differ"
grep -q '"documentNamespace":.*"https://example.org/sbom/1"' a.json ||
	fail "namespace option ignored"

# A clone with a GitHub origin gets a download location and a purl; with a
# supplier the NTIA minimum elements are all there.
git clone -q "$FIXTURES/lic-mit.git" repo
git -C repo remote set-url origin https://github.com/Example/lic-mit.git
expect_exit 0 sbom generate --created "$T" --supplier "Organization: Example" \
	-o mit.json repo
expect_exit 0 sbom validate --profile all mit.json
grep -q '"downloadLocation":.*"git+https://github.com/Example/lic-mit.git@[0-9a-f]\{40\}"' mit.json ||
	fail "download location"
grep -q '"referenceLocator":.*"pkg:github/example/lic-mit@v1.0.0"' mit.json ||
	fail "purl"
grep -q '"versionInfo":.*"v1.0.0"' mit.json || fail "version from the tag"

# Tampering: a changed file, a new file, a new commit.
g() { git -C repo -c user.name=T -c user.email=t@example.org "$@"; }
printf '// changed\n' >>repo/index.js
printf 'new\n' >repo/new.txt
g add -A
g commit -q -m change
expect_exit 1 sbom verify --repo repo mit.json
expect_stdout_match "^mit\\.json: mismatch file-checksum \\./index\\.js SHA1 .*: sbom '[0-9a-f]{40}', source '[0-9a-f]{40}'$"
expect_stdout_match "^mit\\.json: mismatch file-checksum \\./index\\.js SHA256 "
expect_stdout_match "^mit\\.json: mismatch file-unlisted \\./new\\.txt "
expect_stdout_match "^mit\\.json: mismatch verification-code "
expect_stdout_match "^mit\\.json: mismatch version versionInfo .*sbom 'v1\\.0\\.0', source 'no tag at the commit; describe: v1\\.0\\.0-1-g[0-9a-f]+'$"
expect_stdout_match "^mit\\.json: mismatch download-commit "
# ... and the old revision still verifies.
expect_exit 0 sbom verify --repo repo --rev v1.0.0 mit.json

# A different origin is a download-url mismatch; JSON has both values.
git -C repo remote set-url origin https://gitlab.com/other/fork.git
expect_exit 1 sbom verify --repo repo --rev v1.0.0 --format json mit.json
python3 - <<'PY' || fail "verify json"
import json
r = json.load(open("out"))
assert r["status"] == "mismatch" and r["mismatches"] == 1, r
f = r["findings"][0]
assert f["code"] == "download-url", f
assert f["source"] == "https://gitlab.com/other/fork.git", f
PY

# Licenses: an SBOM that claims another license is caught.
sed 's/"licenseDeclared":[^,]*/"licenseDeclared": "Apache-2.0"/' mit.json >lie.json
git -C repo remote set-url origin https://github.com/Example/lic-mit.git
expect_exit 1 sbom verify --repo repo --rev v1.0.0 lie.json
expect_stdout_match "^lie\\.json: mismatch license-declared licenseDeclared .*: sbom 'Apache-2\\.0', source 'MIT'$"

# Errors: bad options and unreadable inputs name the problem.
expect_exit 2 sbom verify mit.json
expect_stderr_match "--repo names the source"
expect_exit 2 sbom generate --created yesterday repo
expect_stderr_match "--created: 'yesterday' is not a time"
expect_exit 2 sbom generate --rev no-such-rev repo
expect_stderr_match "no-such-rev"
expect_exit 2 sbom verify --repo repo "$SRCDIR/README.md"
expect_stderr_match "README\\.md: not an SPDX document"
# A failed write leaves no partial file.
expect_exit 2 sbom generate -o /nonexistent/dir/x.json repo
test ! -e /nonexistent/dir/x.json || fail "partial output"
expect_exit 2 sbom generate --format cyclonedx repo
expect_stderr_match "unknown format 'cyclonedx'"

# Tag-value: generated directly, converted both ways, the same document.
for fx in lic-gpl-tags mature; do
	expect_exit 0 sbom generate --created "$T" --format spdx-tv -o "$fx.spdx" \
		"$FIXTURES/$fx"
	expect_exit 0 sbom validate "$fx.spdx"
	expect_exit 0 sbom verify --repo "$FIXTURES/$fx" "$fx.spdx"
	expect_exit 0 sbom convert -o "$fx.back.json" "$fx.spdx"
	expect_exit 0 sbom convert -o "$fx.tv.spdx" "$fx.json"
	cmp -s "$fx.spdx" "$fx.tv.spdx" || fail "$fx: JSON -> tag-value differs"
	python3 - "$fx.json" "$fx.back.json" <<'PY' || fail "$fx: round trip"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a == b, "tag-value -> JSON differs"
PY
done
expect_exit 2 sbom convert -o x.json x.json
expect_stderr_match "the output would replace the input"
expect_exit 2 sbom convert -o out.txt mature.json
expect_stderr_match "give --format"
