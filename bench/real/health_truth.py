#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Facts of real repositories for the health checks, computed without
osshealth: git (for-each-ref, log --no-merges with .mailmap, ls-tree,
cat-file, grep), file(1) and reading CI files.  Used by health.sh to
(re)compute the truth columns of health.tsv from its hand-written
columns: `release_regex` (the project's release tags, written by reading
`git tag`), `prerelease_regex`, and `bot_regex` (identities that are
machinery, written by reading the author lists).

usage: health_truth.py MIRRORS NOW TSV   prints TSV with computed columns
"""
import re
import subprocess
import sys
import time
import calendar

MIRRORS, NOW, TSV = sys.argv[1], sys.argv[2], sys.argv[3]
now = calendar.timegm(time.strptime(NOW, "%Y-%m-%dT%H:%M:%SZ"))
TEST_DIRS = {"test", "tests", "testdata", "test-data", "test_data", "t",
             "testing", "fixtures", "corpus", "testfiles", "__tests__",
             "testsuite"}
CI_FILES = re.compile(r"^(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.yml|"
                      r"\.travis\.yml|\.cirrus\.yml|\.?appveyor\.yml|"
                      r"azure-pipelines\.yml|\.circleci/config\.yml|"
                      r"Jenkinsfile|\.buildkite/pipeline\.yml|\.?zuul\.yaml|"
                      r"\.forgejo/workflows/.*|\.gitea/workflows/.*)$")
SAST = re.compile(r"codeql|coverity|cov-build|sonarcloud|sonarqube|"
                  r"sonar-scanner|clang-tidy|cppcheck|semgrep|scan-build|"
                  r"flawfinder|snyk|bandit|gosec|pvs-studio|-fanalyzer|"
                  r"clang-analyzer|analyze-build", re.I)
# file(1) descriptions of executables, object code, byte code, archives
FILE_KIND = [("ELF", "ELF"), ("PE32", "PE/MZ"), ("MS-DOS executable", "PE/MZ"),
             ("Mach-O", "Mach-O"), ("compiled Java class", "Java class"),
             ("Java archive", "jar"), ("WebAssembly", "wasm"),
             ("current ar archive", "ar"), ("Debian binary package", "ar"),
             ("byte-compiled", "pyc"), ("gzip compressed", "gzip"),
             ("Zip archive", "zip"), ("XZ compressed", "xz"),
             ("bzip2 compressed", "bzip2"), ("Zstandard compressed", "zstd"),
             ("7-zip archive", "7z")]


def git(repo, *args, data=False):
    out = subprocess.run(["git", "--git-dir", repo] + list(args),
                         stdout=subprocess.PIPE, check=True).stdout
    return out if data else out.decode("utf-8", "replace")


def releases(repo, rel_re, pre_re):
    rel, pre = {}, 0
    for line in git(repo, "for-each-ref", "--format=%(refname:short)\t"
                    "%(creatordate:unix)\t%(*committerdate:unix)",
                    "refs/tags").splitlines():
        name, t, target = line.split("\t")
        t = t or target  # a tag object without a tagger (git's v0.99)
        if not t or int(t) > now:
            continue
        if rel_re and re.fullmatch(rel_re, name):
            rel[name] = int(t)
        elif pre_re and re.fullmatch(pre_re, name):
            pre += 1
    if not rel:
        return 0, pre, "-", "-"
    last = max(rel, key=lambda n: (rel[n], n))
    day = time.strftime("%Y-%m-%d", time.gmtime(rel[last]))
    return len(rel), pre, last, day


def people(repo, bot_re):
    authors, bots = {}, {}
    # the mirrors are bare without a config: name the .mailmap blob
    log = git(repo, "-c", "mailmap.blob=HEAD:.mailmap", "log", "--no-merges",
              "--format=%at%x09%aN%x09%aE", "HEAD")
    for line in log.splitlines():
        t, name, email = line.split("\t")
        if not (now - 365 * 86400 < int(t) <= now):
            continue
        ident = "%s <%s>" % (name, email)
        if bot_re and re.search(bot_re, ident, re.I):
            bots[email.lower()] = bots.get(email.lower(), 0) + 1
        else:
            authors[email.lower()] = authors.get(email.lower(), 0) + 1
    # CHAOSS contributor absence factor: fewest authors, most commits
    # first, whose commits reach half of all (sum * 2 >= total)
    total, acc, absence = sum(authors.values()), 0, 0
    for n in sorted(authors.values(), reverse=True):
        if acc * 2 >= total:
            break
        acc += n
        absence += 1
    return len(authors), absence, ",".join(sorted(bots)) or "-"


def tree(repo):
    rows = []
    for line in git(repo, "ls-tree", "-r", "-l", "HEAD").splitlines():
        meta, path = line.split("\t", 1)
        mode, kind, oid, size = meta.split()
        if kind == "blob" and mode != "120000" and size.isdigit():
            rows.append((path, oid, int(size)))
    return rows


def binaries(repo, rows):
    scored, tests = [], 0
    batch = subprocess.Popen(["git", "--git-dir", repo, "cat-file",
                              "--batch"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    for path, oid, size in rows:
        batch.stdin.write((oid + "\n").encode())
        batch.stdin.flush()
        head = batch.stdout.readline().split()
        n = int(head[2])
        body = batch.stdout.read(n)
        batch.stdout.read(1)
        first = body[:64]
        if not any(b < 9 or b > 126 for b in first) and b"\0" not in body[:8000]:
            continue  # plainly text: file(1) need not look
        desc = subprocess.run(["file", "-b", "-"], input=body[:65536],
                              stdout=subprocess.PIPE).stdout.decode()
        kind = next((k for key, k in FILE_KIND if key in desc), None)
        if not kind:
            continue
        if TEST_DIRS & set(path.split("/")[:-1]):
            tests += 1
        else:
            scored.append("%s(%s)" % (path, kind))
    batch.stdin.close()
    batch.wait()
    return scored, tests


def ci_texts(repo, rows):
    for path, oid, size in rows:
        if CI_FILES.match(path) and size < 1 << 20:
            yield path, git(repo, "cat-file", "blob", oid)


def fuzzing(repo, rows):
    why = []
    grep = subprocess.run(["git", "--git-dir", repo, "grep", "-l", "-E",
                           r"LLVMFuzzerTestOneInput|^func Fuzz[A-Z]|fuzz_target!|"
                           r"afl-fuzz|afl-gcc|afl-clang|__AFL_",
                           "HEAD"], stdout=subprocess.PIPE).stdout.decode()
    hits = [l.split(":", 1)[1] for l in grep.splitlines()]
    if hits:
        why.append("harness:%d:%s" % (len(hits), hits[0]))
    if any(p.startswith(".clusterfuzzlite/") for p, _, _ in rows):
        why.append("clusterfuzzlite")
    for path, text in ci_texts(repo, rows):
        for line in text.splitlines():
            if "fuzz" in line.lower() and not line.strip().startswith("#"):
                why.append("ci:" + path)
                break
    return why


def sast(repo, rows):
    for path, text in ci_texts(repo, rows):
        for line in text.splitlines():
            m = SAST.search(line)
            if m and not line.strip().startswith("#"):
                return "ci:%s:%s" % (path, m.group(0).lower())
    return None


def main():
    for line in open(TSV):
        if line.startswith("#") or not line.strip():
            print(line, end="")
            continue
        f = line.rstrip("\n").split("\t")
        if f[0] == "mirror":
            print(line, end="")
            continue
        mirror, rel_re, pre_re, bot_re = f[0], f[1], f[2], f[3]
        note = f[-1] if len(f) > 14 else "-"  # the last column
        repo = "%s/%s/repo" % (MIRRORS, mirror)
        nrel, npre, last, day = releases(repo, rel_re if rel_re != "-" else None,
                                         pre_re if pre_re != "-" else None)
        nauth, absence, bots = people(repo, bot_re if bot_re != "-" else None)
        rows = tree(repo)
        scored, _ = binaries(repo, rows)
        fz = fuzzing(repo, rows)
        sa = sast(repo, rows)
        print("\t".join([mirror, rel_re, pre_re, bot_re, str(nrel), str(npre),
                         last, day, str(nauth), str(absence), bots,
                         str(len(scored)),
                         "yes" if fz else "no", "yes" if sa else "no",
                         note]))
        sys.stdout.flush()
        print("# %s: binaries %s; fuzzing %s; sast %s" % (
            mirror, " ".join(scored[:5]) or "-", ";".join(fz[:3]) or "-",
            sa or "-"), file=sys.stderr)


main()
