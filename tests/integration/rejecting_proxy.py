#!/usr/bin/env python3
"""An HTTP proxy on 127.0.0.1 that rejects every request.

It sends "403 Forbidden" in response to each request, CONNECT included,
and logs the request line. A test can then show what the plugin reports
when a proxy will not open a tunnel, and whether the plugin used the
proxy at all. It needs only the Python standard library.
"""

import argparse
import json
import os
import signal
import socketserver
import sys
import threading

HEAD_LINE_MAX = 8192  # bytes per request or header line
HEAD_LINES_MAX = 100  # header lines read before the response is sent
REJECTION_BODY = b"Tunnel not permitted.\n"
REJECTION = (b"HTTP/1.1 403 Forbidden\r\n"
             b"Content-Type: text/plain\r\n"
             b"Content-Length: %d\r\n"
             b"Connection: close\r\n"
             b"\r\n" % len(REJECTION_BODY)) + REJECTION_BODY


class RejectingHandler(socketserver.StreamRequestHandler):
    """Read one request head, log its request line and reject it."""

    def handle(self):
        request_line = self.rfile.readline(HEAD_LINE_MAX)
        for _ in range(HEAD_LINES_MAX):
            header = self.rfile.readline(HEAD_LINE_MAX)
            if header in (b"", b"\r\n", b"\n"):
                break
        self.server.log_request(request_line)
        self.wfile.write(REJECTION)


class RejectingProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, log_path):
        super().__init__(("127.0.0.1", 0), RejectingHandler)
        self.log_lock = threading.Lock()
        self.log_path = log_path

    def log_request(self, request_line):
        text = request_line.decode("latin-1").rstrip("\r\n")
        with self.log_lock, open(self.log_path, "a",
                                 encoding="utf-8") as log:
            log.write(json.dumps({"request": text}) + "\n")


def write_port_file(path, port):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="ascii") as file:
        file.write(f"{port}\n")
    os.replace(temporary, path)


def stop(signum, frame):
    raise SystemExit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True, metavar="FILE",
                        help="once listening, write the port number to FILE")
    parser.add_argument("--log", required=True, metavar="FILE",
                        help="append one JSON line per request to FILE")
    parser.add_argument("--lifetime", type=int, default=120,
                        metavar="SECONDS",
                        help="exit after SECONDS (default 120)")
    options = parser.parse_args()

    open(options.log, "a", encoding="utf-8").close()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(options.lifetime)
    with RejectingProxy(options.log) as server:
        write_port_file(options.port_file, server.server_address[1])
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
