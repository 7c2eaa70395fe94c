#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A hostile server on 127.0.0.1 that logs the credentials it is sent
(standard library only).  Every request appends one line to LOGFILE:

    METHOD HOST PATH AUTHORIZATION-or-"-"

Git smart-HTTP discovery (.../info/refs) answers 401 with a Basic
challenge, as a server fishing for credentials would; everything else
answers 404 with a small JSON body.  With CERT and KEY it speaks TLS.

Usage: auth-log.py PORTFILE LOGFILE [CERT KEY]
"""
import os
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        with lock, open(sys.argv[2], "a") as f:
            f.write("%s %s %s %s\n" % (self.command, self.headers.get("Host", "-"),
                                       self.path, self.headers.get("Authorization", "-")))
        if "/info/refs" in self.path:
            body = b"authentication required\n"
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
        else:
            body = b'{"message":"not found"}'
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = answer
    do_POST = answer


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    if len(sys.argv) > 4:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
