#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scan --enrich osv with an SBOM as input: OSV is asked by the package's
# purl (with its version) as well as by the reviewed commit, and a paged
# reply (next_page_token) is followed to its last page; the same for the
# SBOM as SPDX 3 JSON-LD.  Fake OSV API and git over HTTP, 127.0.0.1 only.
. "$SRCDIR/tests/cli/lib.sh"

unset GITHUB_TOKEN GITLAB_TOKEN GITEA_TOKEN
[ -d "$FIXTURES/lic-mit" ] || fail "fixtures not built (make fixtures)"
server=$SRCDIR/tests/lib/git-http-server.sh

start_fake_api
osv=$base
mkdir srv
git clone -q --bare "$FIXTURES/lic-mit" srv/lic-mit.git
port=$("$server" start srv)
trap '"$server" stop "$TEST_DIR/srv" || :; kill "$fake_api_pid" 2>/dev/null || :; rm -rf "$TEST_DIR"' EXIT
git_base=http://127.0.0.1:$port/git

batches() {
	python3 -c '
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))
print(d["paths"].get("/paged/v1/querybatch", 0))' "$osv"
}

# sbom PURL: an SPDX 2.3 document of lic-mit at v1.0.0 with that purl.
sbom() {
	cat <<JSON
{"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
 "SPDXID": "SPDXRef-DOCUMENT", "name": "product",
 "documentNamespace": "https://example.org/product-osv",
 "creationInfo": {"created": "2026-10-01T00:00:00Z", "creators": ["Tool: t"]},
 "packages": [
  {"SPDXID": "SPDXRef-mit", "name": "fakepkg", "versionInfo": "1.0.0",
   "downloadLocation": "git+$git_base/lic-mit.git@v1.0.0",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
     "referenceType": "purl", "referenceLocator": "$1"}]}],
 "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT",
   "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-mit"}]}
JSON
}

# check DB PURL_FACT: the purl was asked and its records are the
# component's: OSV-2026-33 (withdrawn) on page 1, PYSEC-2026-7 on page 2.
check() {
	expect_exit 0 report --db "$1" --format json
	python3 - "$2" <<'PY' || fail "$1: OSV by purl: $(cat out | head -c 600)"
import json, sys
c = json.load(open("out"))["components"][0]
f = c["facts"]
assert f["osv.status"] == "ok", f
assert f["osv.purl"] == sys.argv[1], f
assert f["osv.ids"] == "PYSEC-2026-7", f
assert f["osv.vulnerabilities"] == "1", f  # OSV-2026-33 is withdrawn
PY
}

sbom pkg:pypi/fakepkg@1.0.0 >s.spdx.json
expect_exit 0 scan --db a.db --enrich osv --osv-url "$osv/paged" s.spdx.json
check a.db "pkg:pypi/fakepkg@1.0.0"
[ "$(batches)" = 2 ] || fail "batches asked: $(batches), expected 2 (one page each)"

# A purl without a version is asked with the package's version.
sbom pkg:pypi/fakepkg >nov.spdx.json
expect_exit 0 scan --db b.db --enrich osv --osv-url "$osv/ok" nov.spdx.json
expect_exit 0 report --db b.db --format json
python3 - <<'PY' || fail "purl without version: $(grep osv out)"
import json
f = json.load(open("out"))["components"][0]["facts"]
assert f["osv.purl"] == "pkg:pypi/fakepkg version 1.0.0", f
PY

# The same SBOM as SPDX 3 JSON-LD.
expect_exit 0 sbom convert -o s.spdx3.json s.spdx.json
expect_exit 0 scan --db c.db --enrich osv --osv-url "$osv/paged" s.spdx3.json
check c.db "pkg:pypi/fakepkg@1.0.0"

# Without enrichment no purl is asked.
expect_exit 0 scan --db d.db s.spdx.json
expect_exit 0 report --db d.db --format json
python3 -c 'import json; f=json.load(open("out"))["components"][0]["facts"]; assert "osv.purl" not in f, f' ||
	fail "osv.purl without --enrich"

# A package that is not reviewed (a registry-only purl, no download
# location) is asked by its purl too: its row among the packages not
# reviewed carries what OSV knows, every page followed.
cat >unrev.spdx.json <<JSON
{"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
 "SPDXID": "SPDXRef-DOCUMENT", "name": "product",
 "documentNamespace": "https://example.org/product-osv-unreviewed",
 "creationInfo": {"created": "2026-10-01T00:00:00Z", "creators": ["Tool: t"]},
 "packages": [
  {"SPDXID": "SPDXRef-mit", "name": "reviewed", "versionInfo": "1.0.0",
   "downloadLocation": "git+$git_base/lic-mit.git@v1.0.0"},
  {"SPDXID": "SPDXRef-reg", "name": "fakepkg", "versionInfo": "1.0.0",
   "downloadLocation": "NOASSERTION",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
     "referenceType": "purl", "referenceLocator": "pkg:pypi/fakepkg@1.0.0"}]},
  {"SPDXID": "SPDXRef-clean", "name": "cleanpkg", "versionInfo": "2.0",
   "downloadLocation": "NOASSERTION",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
     "referenceType": "purl", "referenceLocator": "pkg:pypi/cleanpkg"}]},
  {"SPDXID": "SPDXRef-nopurl", "name": "bare", "versionInfo": "3.0",
   "downloadLocation": "NOASSERTION"}],
 "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT",
   "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-mit"}]}
JSON
expect_exit 0 scan --db e.db --enrich osv --osv-url "$osv/paged" unrev.spdx.json
expect_exit 0 report --db e.db --format json
python3 - <<'PY' || fail "OSV for packages not reviewed: $(grep -A40 unreviewed out | head -c 1500)"
import json
u = {x["name"]: x for x in json.load(open("out"))["unreviewed"]}
r = u["fakepkg"]["reason"]
assert "OSV pkg:pypi/fakepkg@1.0.0: 1 known vulnerability: PYSEC-2026-7" in r, r
r = u["cleanpkg"]["reason"]
assert "OSV pkg:pypi/cleanpkg version 2.0: no known vulnerability" in r, r
assert "OSV" not in u["bare"]["reason"], u["bare"]
PY
expect_exit 0 report --db e.db
grep -q "fakepkg 1.0.0 (SPDXRef-reg): .*OSV pkg:pypi/fakepkg@1.0.0: 1 known vulnerability: PYSEC-2026-7" out ||
	fail "text report: $(grep fakepkg out)"

# Without enrichment, the packages not reviewed are not asked either.
expect_exit 0 scan --db f.db unrev.spdx.json
expect_exit 0 report --db f.db --format json
python3 -c 'import json; u=json.load(open("out"))["unreviewed"]; assert all("OSV" not in x["reason"] for x in u), u' ||
	fail "OSV asked without --enrich"

# Many packages not reviewed are asked together: 250 purls in batches of
# 100 (OSV's limit), pages followed per query, each record fetched once;
# every package still gets its own answer.  Before, one lookup per package.
python3 - "$git_base" >many.spdx.json <<'PY'
import json, sys
pk = [{"SPDXID": "SPDXRef-mit", "name": "reviewed", "versionInfo": "1.0.0",
       "downloadLocation": "git+%s/lic-mit.git@v1.0.0" % sys.argv[1]}]
for i in range(250):
    purl = "pkg:pypi/fakepkg@1.0.0" if i in (7, 207) else "pkg:pypi/p%d@1.0" % i
    pk.append({"SPDXID": "SPDXRef-p%d" % i, "name": "p%d" % i,
               "versionInfo": "1.0", "downloadLocation": "NOASSERTION",
               "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
                                 "referenceType": "purl", "referenceLocator": purl}]})
print(json.dumps({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0",
  "SPDXID": "SPDXRef-DOCUMENT", "name": "many",
  "documentNamespace": "https://example.org/many",
  "creationInfo": {"created": "2026-10-01T00:00:00Z", "creators": ["Tool: t"]},
  "packages": pk,
  "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT",
    "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-mit"}]}))
PY
count() {
	python3 -c '
import json, sys, urllib.request
d = json.load(urllib.request.urlopen(sys.argv[1] + "/_count"))
print(d["paths"].get(sys.argv[2], 0))' "$osv" "$1"
}
b0=$(batches)
v0=$(count /paged/v1/vulns/PYSEC-2026-7)
expect_exit 0 scan --db g.db --enrich osv --osv-url "$osv/paged" many.spdx.json
# the component's commit: 1 batch; the packages: 3 batches of 100, 100
# and 50, two of them with a second page for fakepkg: 5.
[ $(($(batches) - b0)) = 6 ] || fail "querybatch requests: $(($(batches) - b0)), expected 6"
[ $(($(count /paged/v1/vulns/PYSEC-2026-7) - v0)) = 1 ] ||
	fail "PYSEC-2026-7 fetched $(($(count /paged/v1/vulns/PYSEC-2026-7) - v0)) times"
expect_exit 0 report --db g.db --format json
python3 - <<'PY' || fail "per-package answers: $(head -c 1500 out)"
import json
u = {x["name"]: x["reason"] for x in json.load(open("out"))["unreviewed"]}
assert len(u) == 250, len(u)
for n in ("p7", "p207"):
    assert "OSV pkg:pypi/fakepkg@1.0.0: 1 known vulnerability: PYSEC-2026-7" in u[n], u[n]
for n in ("p0", "p100", "p249"):
    assert "OSV pkg:pypi/%s@1.0: no known vulnerability" % n in u[n], u[n]
PY
