#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fake OSV API on 127.0.0.1 for the enrichment tests (standard library
only).  Replies are our own writing in the shape of api.osv.dev.

Usage: fake-api.py PORTFILE    (binds a free port, writes it to PORTFILE)

The first path segment picks a scenario; the rest is the OSV API path:
  /ok/v1/querybatch, /ok/v1/vulns/ID   normal replies; records carry an
                                       ETag and honour If-None-Match (304)
  /anycommit/...                       like /ok, but every commit query is a hit
  /ratelimit/...   429 with Retry-After: 1 once per path, then as ok
  /always429/...   429 with Retry-After: 1 every time
  /flaky/...       500 once per path, then as ok
  /slow/...        waits 5 s before answering
  /truncated/...   promises 1000 bytes, sends 10, closes
  /badjson/...     200 with a body that is not JSON
  /big/...         a 9 MiB body with Content-Length
  /bigstream/...   a 9 MiB body without Content-Length
  /loop/...        302 to itself
  /paged/...       like /ok, but a batch result with hits gives its last
                   id and next_page_token "page2"; asked again with
                   page_token "page2" it gives the others and no token
  /pagedloop/...   a batch reply whose every result has a next_page_token
Forge scenarios (project acme/widget; times relative to 2026-11-01):
  /gh/...          GitHub REST: /repos/P and /repos/P/issues (102 items
                   over two pages, every fifth a pull request, every tenth
                   merged; #2 opened by dependabot[bot]), and per item
                   /issues/N/comments and /pulls/N/reviews (GH_REPLIES);
                   /repos/P/releases (GH_RELEASES: 3 releases, 1
                   pre-release, a draft and one dated in the future)
  /ghflaky/...     like /gh, but /issues/3/comments always answers 500
  /ghboth/...      like /gh, but merged #11 also has frank's comment after
                   5 days (before bob's review): both replies are read
  /ghfull/...      like /gh, but /issues/4/comments is a full page of 100
                   bot comments and /pulls/11/reviews 100 of its author's
                   (the replies that count would be on page 2)
  /ghrel500/...    like /gh, but /releases always answers 500
  /ghlow/...       like /gh, but the lists say X-RateLimit-Remaining: 30
                   (the /gh lists say 4990)
  /ghcap/...       GitHub issues whose pages never end
  /ghrl/...        GitHub 403 with X-RateLimit-Remaining: 0
  /gl/...          GitLab v4: /projects/acme%2Fwidget, /issues, /merge_requests,
                   /issues/N/notes, /merge_requests/N/notes and /approvals
  /gt/...          Gitea v1: /repos/P, /issues?type=issues|pulls,
                   /issues/N/comments, /pulls/N/reviews
SPDX license list (from $FAKE_API_LICENSES, a licenses.tsv):
  /spdx/good.json     every id of that file plus Fake-New-1.0, version 9.99
  /spdx/missing.json  the same without MIT (categories.json needs it)
  /spdx/few.json      only 10 licenses
  /spdx/bad.json      not JSON
Control paths (not counted):
  /_count          {"requests": N, "not_modified": N, "gzip": N,
                    "auth": N (requests with a Bearer token),
                    "paths": {path: N}}
  /_reset          zero the counters and the once-only failures
"""
import gzip
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COMMIT_HIT = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
PURL_HIT = "pkg:pypi/fakepkg@1.0.0"

VULNS = {
    "GHSA-f3xq-8m2v-test": {
        "schema_version": "1.6.0",
        "id": "GHSA-f3xq-8m2v-test",
        "modified": "2026-03-01T10:00:00Z",
        "published": "2026-02-20T09:00:00Z",
        "aliases": ["CVE-2026-10001"],
        "summary": "Template injection in fakepkg",
        "severity": [
            {"type": "CVSS_V3",
             "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}
        ],
        "affected": [{
            "package": {"ecosystem": "PyPI", "name": "fakepkg",
                        "purl": "pkg:pypi/fakepkg"},
            "ranges": [{"type": "ECOSYSTEM",
                        "events": [{"introduced": "0"}, {"fixed": "1.2.4"}]}],
            "database_specific": {"severity": "CRITICAL"},
        }],
    },
    "PYSEC-2026-7": {
        "id": "PYSEC-2026-7",
        "modified": "2026-04-02T00:00:00Z",
        "aliases": ["GHSA-9h7c-q2w4-test", "CVE-2026-10002"],
        "details": "Denial of service on crafted input.",
        "affected": [{
            "package": {"ecosystem": "PyPI", "name": "fakepkg"},
            "ranges": [{"type": "GIT", "repo": "https://example.org/fake",
                        "events": [{"introduced": "0"},
                                   {"last_affected": COMMIT_HIT}]}],
        }],
        "database_specific": {"severity": "MODERATE"},
    },
    "OSV-2026-33": {
        "id": "OSV-2026-33",
        "modified": "2026-05-05T05:05:05Z",
        "withdrawn": "2026-05-05T05:05:05Z",
        "summary": "Heap overflow\nin the parser",
        "severity": [{"type": "CVSS_V4",
                      "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N"}],
        "affected": [{"package": {"ecosystem": "OSS-Fuzz", "name": "fake"},
                      "ranges": [{"type": "GIT", "repo": "https://example.org/fake",
                                  "events": [{"introduced": "0"},
                                             {"fixed": "bbbb"}]}]}],
    },
}

BY_COMMIT = ["GHSA-f3xq-8m2v-test", "PYSEC-2026-7"]
BY_PURL = ["PYSEC-2026-7", "OSV-2026-33"]

lock = threading.Lock()
state = {"requests": 0, "not_modified": 0, "gzip": 0, "auth": 0, "paths": {}}
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def iso(t, frac=False):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + (".123Z" if frac else "Z")


def gh_created(i):
    return NOW - timedelta(days=i * 3 + 1)


def gh_release(tag, days, body="", pre=False, draft=False):
    return {"tag_name": tag, "draft": draft, "prerelease": pre,
            "published_at": None if draft else iso(NOW - timedelta(days=days)),
            "body": body}


# Newest first, as GitHub lists them: releases 10, 100 and 400 days old
# (2 in 365 days, 2 with notes, median interval 195 days), a
# pre-release, a draft, and one dated after NOW (left out).
GH_RELEASES = [
    gh_release("v9.0.0", -30, "from the future"),
    gh_release("v3.0.0", 0, "draft", draft=True),
    gh_release("v2.1.0", 10, "Fixes the parser."),
    gh_release("v2.1.0-rc1", 20, "", pre=True),
    gh_release("v2.0.0", 100, "  \n"),
    gh_release("v1.0.0", 400, "First release."),
]
# GitLab: one release with notes, one upcoming.
GL_RELEASES = [
    {"tag_name": "v1.1", "released_at": iso(NOW + timedelta(days=5)),
     "upcoming_release": True, "description": "soon"},
    {"tag_name": "v1.0", "released_at": iso(NOW - timedelta(days=50)),
     "upcoming_release": False, "description": "notes"},
]


def gh_item(i):
    created = gh_created(i)
    closed = created + timedelta(days=i % 10 + 1) if i % 2 == 0 else None
    it = {"number": i + 1, "created_at": iso(created),
          "closed_at": iso(closed) if closed else None, "comments": 0,
          "user": {"login": "dependabot[bot]" if i == 1 else "alice"}}
    if i % 5 == 0:
        it["pull_request"] = {"url": "x",
                              "merged_at": iso(closed) if i % 10 == 0
                              else None}
    return it


def gh_reply(n, login, days, state=None):
    """A comment (or, with a state, a review) on item number n."""
    t = iso(gh_created(n - 1) + timedelta(days=days))
    r = {"user": {"login": login}}
    if state:
        r.update(state=state, submitted_at=t)
    else:
        r["created_at"] = t
    return r


# Per item: (comments, reviews).  The 20 most recent items other than the
# bot's #2 are sampled for the first response: #1 (reviewed by bob after
# 2 days), #3 (a bot first, carol after 1 day), #4 (dave, 4 days), #5
# (only renovate-bot), #6 (a pending review only), #7 (erin, 10 days),
# #8 (a full first page of the author's own comments, frank on page 2
# after 12 days), #11 (bob's review after 30 days): 6 of 20 answered,
# median 7.0 days.
# Merged changes #1, #11, ..., #101: reviewed by another are #1 and #11
# (#21 only by its author, #31 only by a bot): 2 of 11.
GH_REPLIES = {
    1: ([gh_reply(1, "alice", 0.1)], [gh_reply(1, "bob", 2, "APPROVED")]),
    3: ([gh_reply(3, "github-actions[bot]", 0.5), gh_reply(3, "carol", 1)],
        []),
    4: ([gh_reply(4, "dave", 4)], []),
    5: ([gh_reply(5, "renovate-bot", 0.2)], []),
    6: ([], [gh_reply(6, "bob", 1, "PENDING")]),
    7: ([gh_reply(7, "erin", 10)], []),
    8: ([gh_reply(8, "alice", 0.01 * k) for k in range(100)] +
        [gh_reply(8, "frank", 12)], []),
    11: ([], [gh_reply(11, "bob", 30, "COMMENTED")]),
    21: ([], [gh_reply(21, "alice", 1, "APPROVED")]),
    31: ([], [gh_reply(31, "dependabot[bot]", 1, "APPROVED")]),
}


GL_ISSUES = [
    {"iid": 1, "created_at": iso(NOW - timedelta(days=10), True),
     "closed_at": iso(NOW - timedelta(days=6), True),
     "author": {"username": "ann"}},
    {"iid": 2, "created_at": iso(NOW - timedelta(days=200), True),
     "closed_at": None, "author": {"username": "ann"}},
]
GL_MRS = [
    {"iid": 3, "created_at": iso(NOW - timedelta(days=30), True),
     "closed_at": None, "merged_at": iso(NOW - timedelta(days=29), True),
     "author": {"username": "ben"}},
]


def gl_note(days_ago, who, system=False):
    return {"author": {"username": who}, "system": system,
            "created_at": iso(NOW - timedelta(days=days_ago), True)}


# Issue 1: its author, a system note, a project bot, then carl after 2
# days; issue 2: nothing; MR 3: dana after 0.6 days, and her approval.
# First response: 2 of 3, median 1.3 days; review: 1 of 1.
GL_NOTES = {
    "/issues/1/notes": [gl_note(9.9, "ann"), gl_note(9.5, "carl", True),
                        gl_note(9.4, "project_17_bot_0a1b"),
                        gl_note(8, "carl")],
    "/issues/2/notes": [],
    "/merge_requests/3/notes": [gl_note(29.4, "dana")],
}
GL_APPROVALS = {"/merge_requests/3/approvals": {
    "approved": True, "approved_by": [{"user": {"username": "dana"}}]}}
GT_ISSUES = [
    {"number": 1, "created_at": "2026-10-20T08:00:00+02:00",
     "closed_at": "2026-10-22T08:00:00+02:00", "pull_request": None,
     "user": {"login": "gus"}},
]
GT_PULLS = [
    {"number": 2, "created_at": "2025-12-01T00:00:00Z", "closed_at": None,
     "pull_request": {"merged": False}, "user": {"login": "gus"}},
    {"number": 3, "created_at": "2026-09-01T00:00:00Z",
     "closed_at": "2026-09-02T00:00:00Z",
     "pull_request": {"merged": True, "merged_at": "2026-09-02T00:00:00Z"},
     "user": {"login": "gus"}},
]
# #1: hal after 12 h; #2: hal's review after 2.5 days; #3: ivy's approval
# after 6 h.  First response 3 of 3, median 0.5 days; review 1 of 1.
GT_REPLIES = {
    "/issues/1/comments": [{"user": {"login": "hal"},
                            "created_at": "2026-10-20T20:00:00+02:00"}],
    "/issues/2/comments": [],
    "/issues/3/comments": [],
    "/pulls/2/reviews": [{"user": {"login": "hal"}, "state": "REQUEST_CHANGES",
                          "submitted_at": "2025-12-03T12:00:00Z"}],
    "/pulls/3/reviews": [{"user": {"login": "ivy"}, "state": "APPROVED",
                          "submitted_at": "2026-09-01T06:00:00Z"}],
}
failed_once = set()


def reset():
    with lock:
        state.update(requests=0, not_modified=0, gzip=0, auth=0, paths={})
        failed_once.clear()


def etag_of(vid):
    return '"v1-%s"' % vid


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server_version = "fake-osv/1"

    def log_message(self, fmt, *args):
        pass

    def send_body(self, status, body, ctype="application/json", extra=None):
        data = body if isinstance(body, bytes) else body.encode()
        headers = dict(extra or {})
        if "gzip" in self.headers.get("Accept-Encoding", "") and len(data) > 64:
            data = gzip.compress(data)
            headers["Content-Encoding"] = "gzip"
            with lock:
                state["gzip"] += 1
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def count(self):
        with lock:
            state["requests"] += 1
            if self.headers.get("Authorization", "").startswith("Bearer "):
                state["auth"] += 1
            state["paths"][self.path] = state["paths"].get(self.path, 0) + 1

    def once(self, key):
        with lock:
            if key in failed_once:
                return False
            failed_once.add(key)
            return True

    def do_GET(self):
        self.route(None)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        self.route(self.rfile.read(n) if n > 0 else b"")

    def route(self, body):
        if self.path == "/_count":
            with lock:
                return self.send_body(200, json.dumps(state))
        if self.path == "/_reset":
            reset()
            return self.send_body(200, "{}")
        self.count()
        parts = self.path.split("/", 2)
        if len(parts) < 3:
            return self.send_body(404, '{"message":"not found"}')
        scenario, rest = parts[1], "/" + parts[2]
        try:
            self.scenario(scenario, rest, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def scenario(self, scenario, rest, body):
        if scenario in ("ratelimit", "always429"):
            if scenario == "always429" or self.once(self.path):
                return self.send_body(429, '{"message":"slow down"}',
                                      extra={"Retry-After": "1"})
        elif scenario == "flaky":
            if self.once(self.path):
                return self.send_body(500, '{"message":"oops"}')
        elif scenario == "slow":
            time.sleep(5)
        elif scenario == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"results":')
            self.wfile.flush()
            self.close_connection = True
            return
        elif scenario == "badjson":
            return self.send_body(200, '{"results": [ {"vulns": [ nope ')
        elif scenario == "big":
            return self.send_body(200, b"[" + b" " * (9 << 20) + b"]",
                                  ctype="application/octet-stream")
        elif scenario == "bigstream":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            chunk = b" " * 65536
            for _ in range(144):
                self.wfile.write(chunk)
            return
        elif scenario == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif scenario == "spdx":
            return self.spdx(rest)
        elif scenario in ("gh", "ghcap", "ghrl", "ghflaky", "ghfull", "ghboth",
                          "ghlow", "ghrel500", "gl",
                          "gt"):
            return self.forge(scenario, rest)
        elif scenario not in ("ok", "paged", "pagedloop", "anycommit"):
            return self.send_body(404, '{"message":"no such scenario"}')
        return self.osv(scenario, rest, body)

    def spdx(self, rest):
        if rest == "/bad.json":
            return self.send_body(200, '{"licenseListVersion": "9.99", "licenses": [')
        rows = []
        with open(os.environ["FAKE_API_LICENSES"]) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                lid, osi, dep, _text, name = line.rstrip("\n").split("\t")
                rows.append({"reference": "https://spdx.org/licenses/%s.html" % lid,
                             "isDeprecatedLicenseId": dep == "1",
                             "name": name or lid, "licenseId": lid,
                             "seeAlso": [], "isOsiApproved": osi == "1"})
        rows.append({"licenseId": "Fake-New-1.0", "name": "Fake New\tLicense 1.0",
                     "isDeprecatedLicenseId": False, "isOsiApproved": True})
        if rest == "/missing.json":
            rows = [r for r in rows if r["licenseId"] != "MIT"]
        elif rest == "/few.json":
            rows = rows[:10]
        elif rest != "/good.json":
            return self.send_body(404, '{"message":"not found"}')
        return self.send_body(200, json.dumps({
            "licenseListVersion": "9.99", "licenses": rows,
            "releaseDate": "2026-10-01"}))

    def forge(self, scenario, rest):
        u = urlsplit(rest)
        q = parse_qs(u.query)
        page = int(q.get("page", ["1"])[0])
        per = int(q.get("per_page", q.get("limit", ["30"]))[0])
        path = u.path
        if scenario == "ghrl":
            return self.send_body(403, '{"message":"API rate limit exceeded"}',
                                  extra={"X-RateLimit-Remaining": "0"})
        if scenario in ("gh", "ghcap", "ghflaky", "ghfull", "ghboth", "ghlow",
                        "ghrel500"):
            if path == "/repos/acme/widget/releases":
                if scenario == "ghrel500":
                    return self.send_body(500, '{"message":"Server Error"}')
                return self.send_body(200, json.dumps(
                    GH_RELEASES[(page - 1) * per:page * per]))
            if scenario == "ghflaky" and path == "/repos/acme/widget/issues/3/comments":
                return self.send_body(500, '{"message":"Server Error"}')
            if scenario == "ghfull" and path == "/repos/acme/widget/issues/4/comments":
                return self.send_body(200, json.dumps(
                    [gh_reply(4, "renovate-bot", 0.1)] * per))
            if scenario == "ghfull" and path == "/repos/acme/widget/pulls/11/reviews":
                return self.send_body(200, json.dumps(
                    [gh_reply(11, "alice", 1, "COMMENTED")] * per))
            if scenario == "ghboth" and path == "/repos/acme/widget/issues/11/comments":
                return self.send_body(200, json.dumps(
                    [gh_reply(11, "frank", 5)] if page == 1 else []))
            m = re.match(r"^/repos/acme/widget/(issues|pulls)/(\d+)/(comments|reviews)$", path)
            if m:
                replies = GH_REPLIES.get(int(m.group(2)), ([], []))
                page_items = (replies[0] if m.group(3) == "comments"
                              else replies[1])[(page - 1) * per:page * per]
                return self.send_body(200, json.dumps(page_items))
            if path == "/repos/acme/widget":
                return self.send_body(200, json.dumps({
                    "full_name": "acme/widget", "archived": False,
                    "disabled": False, "stargazers_count": 42,
                    "forks_count": 7, "open_issues_count": 3}))
            if path == "/repos/acme/widget/issues":
                if scenario == "ghcap":
                    items = [gh_item(1) for _ in range(per)]
                else:
                    all_items = [gh_item(i) for i in range(102)]
                    items = all_items[(page - 1) * per:page * per]
                left = "30" if scenario == "ghlow" else "4990"
                return self.send_body(200, json.dumps(items),
                                      extra={"X-RateLimit-Remaining": left})
        if scenario == "gl":
            if path == "/projects/acme%2Fwidget":
                return self.send_body(200, json.dumps({
                    "path_with_namespace": "acme/widget", "archived": True,
                    "star_count": 5, "forks_count": 1,
                    "open_issues_count": 1}))
            if path == "/projects/acme%2Fwidget/releases":
                return self.send_body(200, json.dumps(
                    GL_RELEASES if page == 1 else []))
            sub = path[len("/projects/acme%2Fwidget"):]
            if sub in GL_NOTES:
                return self.send_body(200, json.dumps(GL_NOTES[sub]))
            if sub in GL_APPROVALS:
                return self.send_body(200, json.dumps(GL_APPROVALS[sub]))
            lists = {"/projects/acme%2Fwidget/issues": GL_ISSUES,
                     "/projects/acme%2Fwidget/merge_requests": GL_MRS}
            if path in lists:
                return self.send_body(200, json.dumps(
                    lists[path] if page == 1 else []))
        if scenario == "gt":
            if path == "/repos/acme/widget":
                return self.send_body(200, json.dumps({
                    "full_name": "acme/widget", "archived": False,
                    "stars_count": 9, "forks_count": 2,
                    "open_issues_count": 0}))
            if path == "/repos/acme/widget/releases":
                return self.send_body(200, "[]")
            sub = path[len("/repos/acme/widget"):]
            if sub in GT_REPLIES:
                return self.send_body(200, json.dumps(GT_REPLIES[sub]))
            if path == "/repos/acme/widget/issues":
                items = GT_PULLS if q.get("type") == ["pulls"] else GT_ISSUES
                return self.send_body(200, json.dumps(
                    items if page == 1 else []))
        return self.send_body(404, '{"message":"Not Found"}')

    def osv(self, scenario, rest, body):
        if rest == "/v1/querybatch" and body is not None:
            try:
                queries = json.loads(body)["queries"]
            except (ValueError, KeyError, TypeError):
                return self.send_body(400, '{"message":"bad query"}')
            results = []
            for q in queries:
                ids = []
                if q.get("commit") == COMMIT_HIT or (
                        scenario == "anycommit" and q.get("commit")):
                    ids = BY_COMMIT
                elif q.get("package", {}).get("purl") == PURL_HIT:
                    ids = BY_PURL
                r = {}
                if scenario == "paged" and ids:
                    if q.get("page_token") == "page2":
                        ids = ids[:-1]
                    elif q.get("page_token") is None:
                        ids = ids[-1:]
                        r["next_page_token"] = "page2"
                    else:
                        return self.send_body(400, '{"message":"bad page_token"}')
                if ids:
                    r["vulns"] = [{"id": i, "modified": VULNS[i]["modified"]}
                                  for i in ids]
                if scenario == "pagedloop":
                    r["next_page_token"] = "again"
                results.append(r)
            return self.send_body(200, json.dumps({"results": results}))
        if rest.startswith("/v1/vulns/") and body is None:
            vid = rest[len("/v1/vulns/"):]
            if vid not in VULNS:
                return self.send_body(404, '{"code":5,"message":"Bug not found."}')
            tag = etag_of(vid)
            if self.headers.get("If-None-Match") == tag:
                with lock:
                    state["not_modified"] += 1
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            return self.send_body(200, json.dumps(VULNS[vid], indent=1),
                                  extra={"ETag": tag})
        return self.send_body(404, '{"message":"not found"}')


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
