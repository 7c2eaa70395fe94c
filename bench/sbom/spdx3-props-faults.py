#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Single-fault edits of the SPDX 3.0.1 conformance documents for the
# property rule (SPDX3-PROPERTY): for every class met in a document (the
# nodes of "@graph" and the values written inside them), three mutants
# of its first object:
#   unknown  a key no class of the model has       -> must be refused
#   foreign  a property of another class only       -> must be refused
#   iri      a key with ':' (outside the model)     -> must pass (warning)
# Each binary given is run on every mutant; the table counts the mutants
# it refuses (exit 1), by kind and class.  The documents come from local
# git copies (bench/sbom/spdx3-conformance.sh) and are never stored here.
# Never part of `make check`.
#
# Usage: bench/sbom/spdx3-props-faults.py SPEC_GIT_DIR EXAMPLES_GIT_DIR BINARY...
import collections
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "props", os.path.join(here, "..", "..", "tools", "spdx3-props.py"))
props = importlib.util.module_from_spec(spec)
spec.loader.exec_module(props)

FOREIGN = ["software_fileKind", "software_packageVersion", "relationshipType",
           "simplelicensing_licenseExpression", "hashValue", "createdBy",
           "build_buildType", "security_score", "ai_domain"]


def docs(git, pattern):
    names = subprocess.run(["git", "--git-dir=" + git, "ls-tree", "-r",
                            "HEAD", "--name-only"], check=True,
                           capture_output=True, text=True).stdout.split()
    for n in names:
        if re.search(pattern, n):
            yield n, subprocess.run(["git", "--git-dir=" + git, "show",
                                     "HEAD:" + n], check=True,
                                    capture_output=True).stdout


def objects(x, path):
    """(path, object) of every typed object, depth first."""
    if isinstance(x, dict):
        if isinstance(x.get("type"), str):
            yield path, x
        for k, v in x.items():
            yield from objects(v, path + [k])
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from objects(v, path + [i])


def main():
    specgit, exgit, bins = sys.argv[1], sys.argv[2], sys.argv[3:]
    parent, own, _ = props.load(specgit, "3.0.1")
    tally = collections.Counter()
    classes = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        doc = os.path.join(tmp, "doc.json")
        for git, pat in ((exgit, r"(spdx3\.0/.*|\.spdx3)\.json$"),
                         (specgit, r"^examples/jsonld/.*\.json$")):
            for name, text in docs(git, pat):
                base = json.loads(text)
                seen = set()
                for path, o in list(objects(base, [])):
                    t = o["type"]
                    if t not in own or t in seen:
                        continue
                    seen.add(t)
                    ok = props.allowed(parent, own, t)
                    foreign = next(p for p in FOREIGN if p not in ok)
                    for kind, key in (("unknown", "osshealthBogus"),
                                      ("foreign", foreign),
                                      ("iri", "http://example.com/x")):
                        o[key] = "x"
                        with open(doc, "w") as f:
                            json.dump(base, f)
                        del o[key]
                        classes[(kind, t)] += 1
                        tally[(kind, "mutants")] += 1
                        for b in bins:
                            rc = subprocess.run([b, "sbom", "validate", doc],
                                                capture_output=True).returncode
                            if rc == 1:
                                tally[(kind, b)] += 1
    for kind in ("unknown", "foreign", "iri"):
        print("%-8s %4d mutants, refused: %s" % (
            kind, tally[(kind, "mutants")],
            ", ".join("%s %d" % (b, tally[(kind, b)]) for b in bins)))
    print("classes mutated:", ", ".join(
        "%s x%d" % (t, n) for (k, t), n in sorted(classes.items())
        if k == "unknown"))


main()
