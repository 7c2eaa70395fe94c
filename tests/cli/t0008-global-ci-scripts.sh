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

example github-workflow >wf.yml
grep -q 'uses: OWNER/osshealth@COMMIT' wf.yml || fail "workflow example"
grep -q 'security-events: write' wf.yml || fail "workflow lacks permissions"
grep -q 'fetch-depth: 0' wf.yml || fail "workflow checks out one commit"
example gitlab-ci | grep -q '/ci/gitlab/osshealth.yml' ||
	fail "GitLab example does not include the template"

git clone -q "$FIXTURES/dco-partial" repo
cd repo
head=$(git rev-parse HEAD)
root=$(git rev-list --max-parents=0 HEAD | tail -1)

# GitHub: the gates on a range with failing commits.
: >"$TEST_DIR/gh_output"
rc=0
GITHUB_OUTPUT=$TEST_DIR/gh_output OH_CHECKS="dco license" OH_BASE=$root \
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
