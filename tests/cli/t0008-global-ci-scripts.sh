#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The GitHub Action (action.yml) and the GitLab template
# (ci/gitlab/osshealth.yml) as a runner would run them: their shell
# scripts, taken from the YAML, executed in a scratch clone of the
# dco-partial fixture with the variables the runner sets (no runner or
# network here: the apt-get and build steps are only checked, the upload
# step only for `if: always()`).  A failing range fails the gate and
# still leaves SARIF and JUnit; a clean range passes.  The README's
# workflow and include examples must name this action and template.
. "$SRCDIR/tests/cli/lib.sh"
. "$SRCDIR/tests/cli/examples.sh"

py=""
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import yaml' 2>/dev/null; then
		py=$p
		break
	fi
done
[ -n "$py" ] || skip "no python3 with the yaml module (Debian: python3-yaml)"

mkdir bin
ln -s "$OSSHEALTH" bin/osshealth
PATH=$TEST_DIR/bin:$PATH
export PATH

# step NAME FILE: the run: script of the action's step NAME (with its env
# as shell assignments first), or of the GitLab job NAME.
"$py" - "$SRCDIR/action.yml" "$SRCDIR/ci/gitlab/osshealth.yml" <<'PY' ||
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
steps = {s["name"]: s for s in action["runs"]["steps"]}
assert action["runs"]["using"] == "composite"
for s in steps.values():
    if "run" in s:
        assert s["shell"] == "bash", s["name"]
up = [s for s in steps.values() if "upload-sarif" in s.get("uses", "")]
assert up and up[0]["if"].startswith("always()"), "upload must run always"
assert "apt-get install" in steps["Install build dependencies (Debian/Ubuntu packages)"]["run"]
assert "make" in steps["Build osshealth"]["run"]
open("gates.sh", "w").write(steps["Run the gates"]["run"])
open("verdict.sh", "w").write(steps["Verdict"]["run"])
gl = yaml.safe_load(open(sys.argv[2]))
for job in ("osshealth-dco", "osshealth-license"):
    j = gl[job]
    assert j["extends"] == ".osshealth"
    assert j["artifacts"]["reports"]["junit"].endswith(".xml")
    assert j["artifacts"]["reports"]["codequality"].endswith(".json")
    open(job + ".sh", "w").write("\n".join(j["script"]) + "\n")
assert gl[".osshealth"]["artifacts"]["when"] == "always"
PY
	fail "action.yml or the GitLab template lacks a required part"

# The README's examples, verbatim: the workflow uses this action with
# inputs it declares (their values drive the gates run below), the
# permissions the upload needs and a full history; the GitLab example
# includes this template and sets only variables the template reads.
example github-workflow >wf.yml
example gitlab-ci >gl.yml
"$py" - wf.yml gl.yml "$SRCDIR/action.yml" "$SRCDIR/ci/gitlab/osshealth.yml" \
	"$SRCDIR/Makefile" <<'PY' >example.env || fail "README CI examples"
import re, sys, yaml
wf, gl, action, tmpl = (yaml.safe_load(open(f)) for f in sys.argv[1:5])
mk = open(sys.argv[5]).read()
job = list(wf["jobs"].values())[0]
assert wf[True] == "pull_request" or "pull_request" in wf[True], wf[True]
perm = wf.get("permissions", {})
assert perm.get("security-events") == "write", perm
steps = job["steps"]
assert steps[0]["uses"].startswith("actions/checkout@")
assert steps[0]["with"]["fetch-depth"] == 0
ours = [s for s in steps if s.get("uses", "").startswith("OWNER/osshealth@")]
assert len(ours) == 1, steps
inputs = action["inputs"]
given = ours[0].get("with", {})
for k in given:
    assert k in inputs, "the example sets an input the action lacks: " + k
checks = given.get("checks", inputs["checks"]["default"])
for c in checks.split():
    assert c in ("dco", "license"), c
print("EX_CHECKS='%s'" % checks)
# GitLab: the include names this repository's template; every variable
# the example sets is one the template reads.
inc = gl["include"]
inc = inc if isinstance(inc, list) else [inc]
assert any(i["remote"].endswith("/ci/gitlab/osshealth.yml") for i in inc), inc
for k in gl.get("variables", {}):
    assert k in tmpl["variables"], "the example sets a variable the template does not read: " + k
    assert "$" + k in open(sys.argv[4]).read(), k
# The action's install step has a -dev package for every library the
# Makefile links (the runner builds osshealth from source).
dev = {"libgit2": "libgit2-dev", "sqlite3": "libsqlite3-dev",
       "libcjson": "libcjson-dev", "libxml-2.0": "libxml2-dev",
       "libpcre2-8": "libpcre2-dev", "libcurl": "libcurl4-openssl-dev",
       "libcrypto": "libssl-dev", "yaml-0.1": "libyaml-dev",
       "libzip": "libzip-dev"}
libs = re.search(r"^LIBS_PC\s*:=(.*)$", mk, re.M).group(1).split()
install = [s for s in action["runs"]["steps"] if "apt-get install" in s.get("run", "")][0]["run"]
for lib in libs:
    assert lib in dev, "no Debian package known for " + lib
    assert re.search(r"\b%s\b" % re.escape(dev[lib]), install), "action.yml does not install " + dev[lib]
PY
. ./example.env

git clone -q "$FIXTURES/dco-partial" repo
cd repo
head=$(git rev-parse HEAD)
root=$(git rev-list --max-parents=0 HEAD | tail -1)

# GitHub: the gates on a range with failing commits.
: >"$TEST_DIR/gh_output"
rc=0
GITHUB_OUTPUT=$TEST_DIR/gh_output OH_CHECKS="$EX_CHECKS" OH_BASE=$root \
	OH_HEAD=$head OH_OUT=results OH_POLICY="" \
	bash "$TEST_DIR/gates.sh" >"$TEST_DIR/gates.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || fail "gates step exited $rc: $(cat "$TEST_DIR/gates.log")"
grep -q '^failed=dco' "$TEST_DIR/gh_output" ||
	fail "dco failure not reported: $(cat "$TEST_DIR/gh_output")"
for f in dco.sarif dco.xml license.sarif license.xml; do
	[ -s "results/$f" ] || fail "no results/$f"
done
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["runs"][0]["results"]' \
	results/dco.sarif || fail "no dco results"
grep -q '::error::osshealth dco gate failed' "$TEST_DIR/gates.log" ||
	fail "no error annotation"
failed=$(sed -n 's/^failed=//p' "$TEST_DIR/gh_output")
rc=0
OH_FAILED=$failed bash "$TEST_DIR/verdict.sh" >/dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "verdict step exited $rc for failed gates"
OH_FAILED="" bash "$TEST_DIR/verdict.sh" || fail "verdict failed without failures"

# GitLab: the same range fails the dco job with its reports written.
rc=0
CI_MERGE_REQUEST_DIFF_BASE_SHA=$root CI_COMMIT_SHA=$head \
	sh -e "$TEST_DIR/osshealth-dco.sh" >"$TEST_DIR/gl.log" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "GitLab dco job exited $rc: $(cat "$TEST_DIR/gl.log")"
grep -q '^FAIL ' "$TEST_DIR/gl.log" || fail "no verdict in the job log"
for xsd in jenkins-junit10 ant-junit; do
	xmllint --noout --schema "$SRCDIR/tests/data/junit/$xsd.xsd" \
		osshealth-dco.xml 2>/dev/null || fail "GitLab JUnit invalid ($xsd)"
done
[ -s osshealth-dco.sarif ] || fail "no SARIF artifact"
# GitLab Code Quality: the fields the merge request widget reads.
python3 - osshealth-dco.cq.json <<'PY' || fail "bad Code Quality report"
import json, sys
issues = json.load(open(sys.argv[1]))
assert len(issues) == 6, len(issues)
assert len({i["fingerprint"] for i in issues}) == len(issues)
for i in issues:
    assert i["description"] and i["check_name"].startswith("dco/")
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert i["location"]["path"] == ".git"
    assert i["location"]["lines"]["begin"] >= 1
PY

# A range of signed-off commits passes both, in both.
cd ..
git clone -q "$FIXTURES/dco-signed" ok
cd ok
h=$(git rev-parse HEAD)
b=$(git rev-list --max-parents=0 HEAD | tail -1)
rc=0
CI_MERGE_REQUEST_DIFF_BASE_SHA=$b CI_COMMIT_SHA=$h \
	sh -e "$TEST_DIR/osshealth-dco.sh" >"$TEST_DIR/gl.log" 2>&1 || rc=$?
[ "$rc" = 0 ] || fail "GitLab dco job failed on signed commits: $(cat "$TEST_DIR/gl.log")"
: >"$TEST_DIR/gh_output"
GITHUB_OUTPUT=$TEST_DIR/gh_output OH_CHECKS=dco OH_BASE=$b OH_HEAD=$h \
	OH_OUT=results OH_POLICY="" bash "$TEST_DIR/gates.sh" >/dev/null 2>&1 ||
	fail "gates step failed on signed commits"
grep -qx 'failed=' "$TEST_DIR/gh_output" || fail "signed range reported as failed"
