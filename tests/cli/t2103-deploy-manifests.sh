#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Kubernetes manifests of deploy/: they parse, they agree with each
# other (names, keys, shard count, the CronJobs' jobs are the Jobs), the
# pod scripts of the Indexed scan Job and of the merge Job do a review
# when run here (three shard "pods" at once, then the merge), and every
# document validates against the Kubernetes OpenAPI schema
# (kubernetes-models from npm, tools/validators-k8s.sh; that one check is
# skipped, saying so, where npm cannot install it).
. "$SRCDIR/tests/cli/lib.sh"

python3 -c 'import yaml' 2>/dev/null || skip "no PyYAML (python3-yaml)"
[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"
dep=$SRCDIR/deploy

# --- structure ----------------------------------------------------------
python3 - "$dep" >structure.txt 2>&1 <<'PY' || fail "deploy/: $(cat structure.txt)"
import copy, glob, os, sys, yaml

dep = sys.argv[1]
docs = {}
for f in sorted(glob.glob(os.path.join(dep, "*.yaml"))):
    with open(f) as fh:
        first = fh.readline()
        assert first.startswith("# SPDX-License-Identifier:"), f + ": no SPDX line"
    for d in yaml.safe_load_all(open(f)):
        if d is None:
            continue
        for k in ("apiVersion", "kind", "metadata"):
            assert k in d, "%s: no %s" % (f, k)
        docs[(d["kind"], d["metadata"]["name"])] = d

cm = docs[("ConfigMap", "osshealth-config")]
secret = docs[("Secret", "osshealth-forge-tokens")]
pvc = docs[("PersistentVolumeClaim", "osshealth-data")]
scan = docs[("Job", "osshealth-scan")]
merge = docs[("Job", "osshealth-merge")]
cscan = docs[("CronJob", "osshealth-review-scan")]
cmerge = docs[("CronJob", "osshealth-review-merge")]
shards = int(cm["data"]["shards"])
assert "manifest.json" in cm["data"]
assert "ReadWriteMany" in pvc["spec"]["accessModes"]

s = scan["spec"]
assert s["completionMode"] == "Indexed", "scan Job is not Indexed"
assert s["completions"] == shards == s["parallelism"], \
    "completions %s, parallelism %s, shards %s" % (s["completions"], s["parallelism"], shards)

def pod(spec):
    return spec["template"]["spec"]

for job in (scan, merge):
    p = pod(job["spec"])
    c = p["containers"][0]
    assert p["securityContext"]["runAsNonRoot"] is True
    assert c["image"] == pod(scan["spec"])["containers"][0]["image"]
    req = c["resources"]["requests"]
    assert "cpu" in req and "memory" in req, "no resource requests"
    assert "memory" in c["resources"]["limits"]
    vols = {v["name"]: v for v in p["volumes"]}
    for m in c["volumeMounts"]:
        v = vols[m["name"]]
        if "persistentVolumeClaim" in v:
            assert v["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"]
        if "configMap" in v:
            assert v["configMap"]["name"] == cm["metadata"]["name"]
    for e in c.get("env", []):
        ref = e.get("valueFrom", {}).get("configMapKeyRef")
        if ref:
            assert ref["name"] == cm["metadata"]["name"] and ref["key"] in cm["data"]
    for e in c.get("envFrom", []):
        assert e["secretRef"]["name"] == secret["metadata"]["name"]

script = pod(scan["spec"])["containers"][0]["args"][0]
assert '--shard "$JOB_COMPLETION_INDEX/$SHARDS"' in script, "no --shard from JOB_COMPLETION_INDEX"
assert "db merge" in pod(merge["spec"])["containers"][0]["args"][0]

# The CronJobs run the Jobs' specs, without the fixed review name.
def strip(spec, wait=None):
    spec = copy.deepcopy(spec)
    spec.pop("ttlSecondsAfterFinished", None)
    c = spec["template"]["spec"]["containers"][0]
    c["env"] = [e for e in c["env"] if e["name"] != "REVIEW"]
    for e in c["env"]:
        if e["name"] == "WAIT_SECONDS" and wait is not None:
            e["value"] = wait
    return spec
for cj, job in ((cscan, scan), (cmerge, merge)):
    js = cj["spec"]["jobTemplate"]["spec"]
    wait = None
    for e in js["template"]["spec"]["containers"][0]["env"]:
        if e["name"] == "WAIT_SECONDS":
            wait = e["value"]
            assert int(wait) > 0, "the monthly merge does not wait for the shards"
    assert js == strip(job["spec"], wait), "%s differs from %s" % (
        cj["metadata"]["name"], job["metadata"]["name"])
    assert cj["spec"]["concurrencyPolicy"] == "Forbid"
assert cscan["spec"]["schedule"] == cmerge["spec"]["schedule"]

# The pod scripts, for the run below.
open("scan.sh", "w").write(script)
open("merge.sh", "w").write(pod(merge["spec"])["containers"][0]["args"][0])
print("structure ok: %d documents, %d shards" % (len(docs), shards))
PY

# --- the pod scripts, run here ------------------------------------------
# /data and /config become folders of the test; three shard pods at once.
mkdir -p bin data config
ln -s "$OSSHEALTH" bin/osshealth
sed "s#\.\./build/fixtures#$FIXTURES#" "$SRCDIR/fixtures/demo.json" >config/manifest.json
for f in scan merge; do
	sed -e "s#/data#$TEST_DIR/data#g" -e "s#/config#$TEST_DIR/config#g" \
		$f.sh >$f.local.sh
done
for i in 0 1 2; do
	(PATH=$TEST_DIR/bin:$PATH JOB_COMPLETION_INDEX=$i SHARDS=3 REVIEW=t \
		sh -e scan.local.sh >pod$i.out 2>&1; echo $? >pod$i.rc) &
done
wait
for i in 0 1 2; do
	[ "$(cat pod$i.rc)" = 0 ] || fail "scan pod $i: $(cat pod$i.out)"
done
PATH=$TEST_DIR/bin:$PATH SHARDS=3 REVIEW=t WAIT_SECONDS=0 \
	sh -e merge.local.sh >merge.out 2>&1 || fail "merge pod: $(cat merge.out)"
grep -q '^run 1: merged 3 shards, 11 components, 0 failed' merge.out ||
	fail "merge pod: $(cat merge.out)"
for f in text json html sarif; do
	[ -s data/reports/t/report.$f ] || fail "no $f report"
done
[ -e data/shards/t/merged ] || fail "the review is not marked merged"
PATH=$TEST_DIR/bin:$PATH SHARDS=3 REVIEW=t WAIT_SECONDS=0 \
	sh -e merge.local.sh >merge2.out 2>&1 || fail "second merge: $(cat merge2.out)"
grep -q 'review t is merged already' merge2.out || fail "merged twice"
# A shard missing: the merge pod fails, with db merge's message.
mkdir -p data/shards/u
cp data/shards/t/shard-0.db data/shards/t/shard-1.db data/shards/u/
if PATH=$TEST_DIR/bin:$PATH SHARDS=3 REVIEW=u WAIT_SECONDS=0 \
	sh -e merge.local.sh >merge3.out 2>&1; then
	fail "merge pod succeeded without shard 2"
fi
grep -q 'shard-2.db' merge3.out || fail "merge pod: $(cat merge3.out)"

# --- the Kubernetes schema -----------------------------------------------
rc=0
mods=$("$SRCDIR/tools/validators-k8s.sh" "$SRCDIR/build/tools") || rc=$?
if [ "$rc" = 77 ]; then
	echo "schema check skipped: $mods"
	exit 0
fi
[ "$rc" = 0 ] || fail "tools/validators-k8s.sh failed"
node "$SRCDIR/tools/k8s-validate.mjs" "$mods" "$dep"/*.yaml >schema.out 2>&1 ||
	fail "schema: $(grep -v ': valid$' schema.out)"
[ "$(grep -c ': valid$' schema.out)" = 7 ] || fail "schema: $(cat schema.out)"
# The validator rejects what the API server would.
sed 's/completions: 8/completions: eight/' "$dep/scan-job.yaml" >broken.yaml
if node "$SRCDIR/tools/k8s-validate.mjs" "$mods" broken.yaml >broken.out 2>&1; then
	fail "the schema check accepted completions: eight"
fi
grep -q 'completions must be integer' broken.out || fail "schema: $(cat broken.out)"
