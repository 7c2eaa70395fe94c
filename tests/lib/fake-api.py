#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fake OSV API on 127.0.0.1 for the enrichment tests (standard library
only).  Replies are our own writing in the shape of api.osv.dev.

Usage: fake-api.py PORTFILE    (binds a free port, writes it to PORTFILE)

The first path segment picks a scenario; the rest is the OSV API path:
  /ok/v1/querybatch, /ok/v1/vulns/ID   normal replies; records carry an
                                       ETag and honour If-None-Match (304)
  /ratelimit/...   429 with Retry-After: 1 once per path, then as ok
  /always429/...   429 with Retry-After: 1 every time
  /flaky/...       500 once per path, then as ok
  /slow/...        waits 5 s before answering
  /truncated/...   promises 1000 bytes, sends 10, closes
  /badjson/...     200 with a body that is not JSON
  /big/...         a 9 MiB body with Content-Length
  /bigstream/...   a 9 MiB body without Content-Length
  /loop/...        302 to itself
  /paged/...       a batch reply with a next_page_token
Control paths (not counted):
  /_count          {"requests": N, "not_modified": N, "gzip": N,
                    "paths": {path: N}}
  /_reset          zero the counters and the once-only failures
"""
import gzip
import json
import sys
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
state = {"requests": 0, "not_modified": 0, "gzip": 0, "paths": {}}
failed_once = set()


def reset():
    with lock:
        state.update(requests=0, not_modified=0, gzip=0, paths={})
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
        elif scenario not in ("ok", "paged"):
            return self.send_body(404, '{"message":"no such scenario"}')
        return self.osv(scenario, rest, body)

    def osv(self, scenario, rest, body):
        if rest == "/v1/querybatch" and body is not None:
            try:
                queries = json.loads(body)["queries"]
            except (ValueError, KeyError, TypeError):
                return self.send_body(400, '{"message":"bad query"}')
            results = []
            for q in queries:
                ids = []
                if q.get("commit") == COMMIT_HIT:
                    ids = BY_COMMIT
                elif q.get("package", {}).get("purl") == PURL_HIT:
                    ids = BY_PURL
                r = {}
                if ids:
                    r["vulns"] = [{"id": i, "modified": VULNS[i]["modified"]}
                                  for i in ids]
                if scenario == "paged":
                    r["next_page_token"] = "page2"
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
    import os
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
