#!/usr/bin/env python3
"""Simulate the LGTM Enterprise API v1.0 for the check_lgtm tests.

The simulator serves GET /api/v1.0/ and the paginated GET /api/v1.0/projects
listing over HTTP/1.1 with keep-alive, plain or over TLS. It can inject the
faults that the plugin has to diagnose: error statuses, redirects, HTML
sign-in pages, broken JSON, pagination loops, stalls and oversized pages.
It writes one JSON object per line to the --log file for every accepted
connection, failed TLS handshake and HTTP request, so that tests can assert
what the plugin sent.

It only listens on 127.0.0.1 or ::1 and stops by itself after --lifetime
seconds. It uses the Python standard library only.
"""

import argparse
import base64
import hashlib
import hmac
import html
import http.server
import json
import os
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import urllib.parse

API_PATH = "/api/v1.0"
PROJECTS_PATH = API_PATH + "/projects"

MAX_LIMIT = 100
REQUIRED_SCOPE = "projects:read"

# LGTM project ids are int64 values far above 2^32, so ids start here.
FIRST_PROJECT_ID = 1_500_000_000_000

MESSAGE_NO_TOKEN = (
    "An authorization token must be provided to access this part of the API."
)
MESSAGE_INVALID_TOKEN = "The authorization token you provided was not valid."
MESSAGE_MISSING_SCOPE = f"Missing required scopes: [{REQUIRED_SCOPE}]"
MESSAGE_INVALID_START = "The start parameter is not valid."

ALLOWED_BIND_ADDRESSES = ("127.0.0.1", "::1")
TLS_VERSIONS = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}

HANDSHAKE_TIMEOUT = 30.0  # seconds for a client to finish the TLS handshake
IDLE_TIMEOUT = 60.0  # seconds a kept-alive connection may wait for a request
STREAM_CHUNK = 64 * 1024  # bytes written per send when streaming a body
ACCEPT_POLL_INTERVAL = 0.1  # seconds between checks for a shutdown request

# Faults that replace the API's response to a /projects request without
# looking at the token, as a broken server or a proxy in front of it would.
REPLACING_FAULTS = (
    "status",
    "redirect",
    "html",
    "not-json",
    "no-data",
    "data-not-array",
)
# Faults that change a page the API would send (after the token checks).
PAGE_FAULTS = ("loop", "relative-next", "big-page", "big-page-chunked")
# Faults that delay or close the connection of whatever response is sent.
STALL_FAULTS = ("stall-response", "stall-headers", "stall-body")
CONNECTION_FAULTS = ("close", "stall-handshake")

FAULT_MODES = REPLACING_FAULTS + PAGE_FAULTS + STALL_FAULTS + CONNECTION_FAULTS
FAULTS_WITH_ARGUMENT = (
    "status",
    "redirect",
    "stall-response",
    "stall-headers",
    "stall-body",
    "stall-handshake",
    "big-page",
    "big-page-chunked",
)

SIGN_IN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sign in - Example SSO</title>
</head>
<body>
<h1>Sign in</h1>
<form method="post" action="/sso/login">
<label>User name <input name="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form>
</body>
</html>
"""

NOT_FOUND_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>No page exists at this address.</p></body>
</html>
"""


class Fault:
    """One --fault MODE[:ARG] option, parsed and checked."""

    def __init__(self, text):
        mode, separator, argument = text.partition(":")
        if mode not in FAULT_MODES:
            raise ValueError(
                f"unknown fault mode {mode!r}, expected one of: "
                + ", ".join(FAULT_MODES)
            )
        if mode in FAULTS_WITH_ARGUMENT and not argument:
            raise ValueError(f"fault mode {mode!r} requires an argument")
        if mode not in FAULTS_WITH_ARGUMENT and separator:
            raise ValueError(f"fault mode {mode!r} takes no argument")

        self.mode = mode
        self.status = None
        self.url = None
        self.seconds = None
        self.size = None

        if mode == "status":
            self.status = parse_int(argument, "status code", 200, 599)
        elif mode == "redirect":
            self.url = argument
        elif mode.startswith("stall-"):
            self.seconds = parse_seconds(argument)
        elif mode.startswith("big-page"):
            self.size = parse_size(argument)

    def __repr__(self):
        return f"Fault({self.mode!r})"


class FaultPlan:
    """The faults to inject and the /projects request they start from."""

    def __init__(self, faults, from_page, body, content_type, headers):
        self.from_page = from_page
        self.body = body
        self.content_type = content_type
        self.headers = headers

        self.content = None  # a replacing or page fault
        self.stall = None  # a stall-response, -headers or -body fault
        self.close = False
        self.handshake_stall = None  # seconds, or None

        for fault in faults:
            self._add(fault)

    def _add(self, fault):
        if fault.mode in REPLACING_FAULTS or fault.mode in PAGE_FAULTS:
            if self.content is not None:
                raise ValueError(
                    f"faults {self.content.mode!r} and {fault.mode!r} both "
                    "decide the response body; give only one of them"
                )
            self.content = fault
        elif fault.mode in STALL_FAULTS:
            if self.stall is not None:
                raise ValueError(
                    f"faults {self.stall.mode!r} and {fault.mode!r} cannot "
                    "be combined"
                )
            self.stall = fault
        elif fault.mode == "close":
            self.close = True
        elif fault.mode == "stall-handshake":
            self.handshake_stall = fault.seconds

    def applies(self, page_number):
        """Return whether the faults apply to a request.

        page_number counts /projects requests from 1 and is None for any
        other path. Other paths only get the stall and close faults, and
        only when those apply from the first page on.
        """
        if page_number is None:
            transport = self.stall is not None or self.close
            return transport and self.from_page <= 1
        return page_number >= self.from_page


class StartCodec:
    """Encoder and decoder of opaque, tamper-evident start values.

    A start value is the offset followed by a truncated HMAC of it, in
    URL-safe base64 without padding. The HMAC key is new for every run, so
    a made-up start value or one from an earlier run is rejected.
    """

    _OFFSET = struct.Struct(">Q")
    _TAG_BYTES = 10

    def __init__(self):
        self._key = os.urandom(16)

    def _tag(self, packed):
        digest = hmac.new(self._key, packed, hashlib.sha256).digest()
        return digest[: self._TAG_BYTES]

    def encode(self, offset):
        packed = self._OFFSET.pack(offset)
        raw = packed + self._tag(packed)
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def decode(self, start):
        """Return the offset of a start value, or None if it is not valid."""
        padded = start + "=" * (-len(start) % 4)
        try:
            raw = base64.b64decode(padded, altchars=b"-_", validate=True)
        except (ValueError, UnicodeEncodeError):
            return None

        if len(raw) != self._OFFSET.size + self._TAG_BYTES:
            return None
        packed, tag = raw[: self._OFFSET.size], raw[self._OFFSET.size :]
        if not hmac.compare_digest(tag, self._tag(packed)):
            return None
        return self._OFFSET.unpack(packed)[0]


class EventLog:
    """Thread-safe writer of one JSON object per line to the --log file."""

    def __init__(self, path):
        self._lock = threading.Lock()
        self._file = None
        if path:
            self._file = open(path, "a", encoding="utf-8")

    def write(self, **fields):
        line = json.dumps(fields, sort_keys=True) + "\n"
        with self._lock:
            if self._file is None:
                return
            self._file.write(line)
            self._file.flush()

    def close(self):
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


class Response:
    """An HTTP response whose body is produced in chunks when it is sent.

    size is the body length in bytes. With chunked set, the body goes out
    with Transfer-Encoding: chunked instead of a Content-Length.
    """

    def __init__(self, status, body=b"", content_type="application/json"):
        self.status = status
        self.content_type = content_type
        self.headers = []
        self.chunks = [body]
        self.size = len(body)
        self.chunked = False

    def replace_body(self, body):
        self.chunks = [body]
        self.size = len(body)


def json_response(status, document):
    body = json.dumps(document).encode("utf-8")
    return Response(status, body)


def error_response(status, message):
    return json_response(status, {"code": status, "error": message})


def html_response(status, page):
    return Response(status, page.encode("utf-8"), "text/html; charset=utf-8")


def padded_page(page, size, chunked):
    """Build a 200 response for page, padded to size bytes of JSON.

    The padding is a long "description" string in the first project, or a
    top-level "padding" string when the page has no project. It is streamed
    in STREAM_CHUNK pieces, so even a 64 MiB page never sits in memory. The
    body is larger than size only when the page without padding already is.
    """
    marker = "@@padding@@"
    if page["data"]:
        page["data"][0]["description"] = marker
    else:
        page["padding"] = marker
    head, tail = json.dumps(page).encode("utf-8").split(marker.encode())
    padding = max(0, size - len(head) - len(tail))
    filler = b"x" * min(padding, STREAM_CHUNK)

    def chunks():
        yield head
        remaining = padding
        while remaining > 0:
            count = min(remaining, len(filler))
            yield filler[:count]
            remaining -= count
        yield tail

    response = Response(200)
    response.chunks = chunks()
    response.size = len(head) + padding + len(tail)
    response.chunked = chunked
    return response


def read_limit(values):
    """Return the page size for the limit parameter values.

    As in LGTM, a missing limit or one outside 1..100 means 100.
    """
    if not values:
        return MAX_LIMIT
    text = values[0]
    if not text.isascii() or not text.isdigit():
        return MAX_LIMIT
    limit = int(text)
    if limit < 1 or limit > MAX_LIMIT:
        return MAX_LIMIT
    return limit


class SimHandler(http.server.BaseHTTPRequestHandler):
    """Handler for the HTTP requests of one connection, after any TLS setup."""

    protocol_version = "HTTP/1.1"
    server_version = "lgtm-sim/1.0"
    timeout = IDLE_TIMEOUT

    def __init__(self, request, client_address, server, conn):
        self.conn = conn
        super().__init__(request, client_address, server)

    def version_string(self):
        return self.server_version

    def do_GET(self):
        self.dispatch(send_body=True)

    def do_HEAD(self):
        self.dispatch(send_body=False)

    def dispatch(self, send_body):
        self.discard_request_body()
        target = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(target.query, keep_blank_values=True)
        page_number = None

        if target.path == PROJECTS_PATH:
            page_number = self.server.next_page_number()
            response = self.projects(query, page_number)
        elif target.path in (API_PATH, API_PATH + "/"):
            response = json_response(200, {"apiVersion": "1.0"})
        else:
            response = html_response(404, NOT_FOUND_PAGE)

        plan = self.server.faults
        active = plan is not None and plan.applies(page_number)
        if active:
            self.apply_fault_overrides(plan, response)
        self.send(response, send_body, plan if active else None)

    def discard_request_body(self):
        """Read and drop a request body, so the next request parses.

        The API takes no body on GET. A chunked or oversized one cannot be
        skipped, so the connection closes after the response instead.
        """
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
        elif length is not None:
            if length.isdigit() and int(length) <= STREAM_CHUNK:
                self.rfile.read(int(length))
            else:
                self.close_connection = True

    def projects(self, query, page_number):
        plan = self.server.faults
        fault = None
        if plan is not None and plan.applies(page_number):
            fault = plan.content
        if fault is not None and fault.mode in REPLACING_FAULTS:
            return self.fault_response(fault)

        auth_error = self.check_token()
        if auth_error is not None:
            return auth_error

        limit = read_limit(query.get("limit"))
        offset = 0
        start = query.get("start", [""])[0]
        if start:
            offset = self.server.starts.decode(start)
            if offset is None:
                return error_response(400, MESSAGE_INVALID_START)

        return self.page(offset, limit, fault)

    def check_token(self):
        """Return the 403 response for the request's token, or None."""
        value = self.headers.get("Authorization")
        if value is None:
            return error_response(403, MESSAGE_NO_TOKEN)
        scheme, _, token = value.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return error_response(403, MESSAGE_NO_TOKEN)

        if token in self.server.revoked or token not in self.server.tokens:
            return error_response(403, MESSAGE_INVALID_TOKEN)
        if REQUIRED_SCOPE not in self.server.tokens[token]:
            return error_response(403, MESSAGE_MISSING_SCOPE)
        return None

    def page(self, offset, limit, fault):
        count = self.server.project_count
        end = min(offset + limit, count)
        page = {"data": [self.project(index) for index in range(offset, end)]}

        next_offset = end if end < count else None
        mode = fault.mode if fault is not None else None
        if mode == "loop":
            next_offset = limit  # the offset of page 2, again and again

        if next_offset is not None:
            base = "" if mode == "relative-next" else self.server.external_url
            start = self.server.starts.encode(next_offset)
            page["nextPageUrl"] = (
                f"{base}{PROJECTS_PATH}?limit={limit}&start={start}"
            )

        if mode in ("big-page", "big-page-chunked"):
            chunked = mode == "big-page-chunked"
            return padded_page(page, fault.size, chunked)
        return json_response(200, page)

    def project(self, index):
        number = index + 1
        project_id = FIRST_PROJECT_ID + index
        identifier = f"g/org/repo-{number}"
        return {
            "id": project_id,
            "url-identifier": identifier,
            "name": f"org/repo-{number}",
            "url": f"{self.server.external_url}/projects/{project_id}/"
            + identifier,
        }

    def fault_response(self, fault):
        if fault.mode == "status":
            return error_response(fault.status, "Simulated failure")
        if fault.mode == "redirect":
            link = html.escape(fault.url)
            page = f'<html><body><a href="{link}">Moved</a></body></html>\n'
            response = html_response(302, page)
            response.headers.append(("Location", fault.url))
            return response
        if fault.mode == "html":
            return html_response(200, SIGN_IN_PAGE)
        if fault.mode == "not-json":
            return Response(200, b"this is not json")
        if fault.mode == "no-data":
            return json_response(200, {"items": []})
        return json_response(200, {"data": {"id": 1}})  # data-not-array

    def apply_fault_overrides(self, plan, response):
        if plan.body is not None:
            # Python decodes argv bytes that are not UTF-8 as surrogate
            # escapes; encoding them back sends the bytes as given, so a
            # test can send invalid UTF-8.
            response.replace_body(plan.body.encode("utf-8", "surrogateescape"))
            response.chunked = False
        if plan.content_type is not None:
            response.content_type = plan.content_type
        response.headers.extend(plan.headers)

    def send(self, response, send_body, plan):
        """Send response, stalling or closing as the active faults require."""
        self.log_request_event(response.status)

        close = plan is not None and plan.close
        stall = plan.stall if plan is not None else None
        has_body = response.status not in (204, 304)  # statuses are >= 200

        # The request was read; nothing of the response goes out before
        # the pause, so the client is still waiting for its first byte.
        if stall is not None and stall.mode == "stall-response":
            self.server.pause(stall.seconds)
            stall = None

        self.send_response(response.status)
        if has_body:
            self.send_header("Content-Type", response.content_type)
            if response.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(response.size))
        for name, value in response.headers:
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
        self.end_headers()

        if not send_body or not has_body:
            return
        stall_at = None
        if stall is not None and stall.mode == "stall-headers":
            stall_at = 0
        elif stall is not None:
            stall_at = response.size // 2
        self.write_body(response, stall_at, stall.seconds if stall else 0)

    def write_body(self, response, stall_at, seconds):
        """Write the body, pausing for seconds once stall_at bytes are out."""
        written = 0
        for chunk in response.chunks:
            if stall_at is not None and written + len(chunk) >= stall_at:
                cut = stall_at - written
                self.write_chunk(chunk[:cut], response.chunked)
                self.wfile.flush()
                self.server.pause(seconds)
                chunk = chunk[cut:]
                written += cut
                stall_at = None
            self.write_chunk(chunk, response.chunked)
            written += len(chunk)

        if stall_at is not None:  # the body was shorter than the stall point
            self.server.pause(seconds)
        if response.chunked:
            self.wfile.write(b"0\r\n\r\n")

    def write_chunk(self, data, chunked):
        if not data:
            return
        if chunked:
            self.wfile.write(b"%x\r\n" % len(data))
            self.wfile.write(data)
            self.wfile.write(b"\r\n")
        else:
            self.wfile.write(data)

    def send_error(self, code, message=None, explain=None):
        # Requests that never reach dispatch(): malformed request lines and
        # methods other than GET and HEAD.
        self.log_request_event(code)
        super().send_error(code, message, explain)

    def log_request_event(self, status):
        target = urllib.parse.urlsplit(getattr(self, "path", "") or "")
        headers = {}
        message = getattr(self, "headers", None)
        if message is not None:
            for name, value in message.items():
                key = name.lower()
                if key in headers:
                    headers[key] += ", " + value
                else:
                    headers[key] = value
        self.server.events.write(
            event="request",
            conn=self.conn,
            method=getattr(self, "command", "") or "",
            path=target.path,
            query=target.query,
            headers=headers,
            status=status,
        )

    def log_message(self, format, *args):
        if self.server.verbose:
            sys.stderr.write(
                f"lgtm_sim: conn {self.conn}: {format % args}\n"
            )


class SimServer(socketserver.TCPServer):
    """TCP server that serves each accepted connection in its own thread.

    The TLS handshake happens in the connection's thread, so a client that
    stalls it cannot hold up the accept loop or other clients.
    """

    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, options, tls_context, events):
        if ":" in options.bind:
            self.address_family = socket.AF_INET6
        super().__init__((options.bind, options.port), SimHandler)

        self.tls_context = tls_context
        self.events = events
        self.project_count = options.projects
        self.tokens = dict(options.token)
        self.revoked = set(options.revoked)
        self.faults = options.fault_plan
        self.verbose = options.verbose
        self.starts = StartCodec()
        self.stopping = threading.Event()

        scheme = "https" if tls_context else "http"
        self.port = self.server_address[1]
        self.url = f"{scheme}://{format_host(options.bind)}:{self.port}"
        default_external = f"{scheme}://localhost:{self.port}"
        self.external_url = (options.external_url or default_external).rstrip(
            "/"
        )

        self._lock = threading.Lock()
        self._connections = 0
        self._pages = 0

    def next_page_number(self):
        with self._lock:
            self._pages += 1
            return self._pages

    def pause(self, seconds):
        """Sleep for seconds, returning early when the server stops."""
        self.stopping.wait(seconds)

    def process_request(self, request, client_address):
        with self._lock:
            self._connections += 1
            conn = self._connections
        self.events.write(event="connection", conn=conn)
        thread = threading.Thread(
            target=self.serve_connection,
            args=(request, client_address, conn),
            name=f"conn-{conn}",
            daemon=True,
        )
        thread.start()

    def serve_connection(self, sock, client_address, conn):
        try:
            # Headers and body go out in separate writes; without this,
            # Nagle's algorithm and the client's delayed ACK add ~40 ms.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.faults is not None and self.faults.handshake_stall:
                self.pause(self.faults.handshake_stall)
            if self.tls_context is not None:
                sock = self.handshake(sock, conn)
            if sock is not None:
                SimHandler(sock, client_address, self, conn)
        except OSError as error:
            # Clients that close early, for example at a body size limit,
            # are expected, so they are reported only with --verbose.
            if self.verbose:
                print(f"lgtm_sim: conn {conn}: {error}", file=sys.stderr)
        finally:
            if sock is not None:
                close_socket(sock)

    def handshake(self, sock, conn):
        """Return the TLS socket for sock, or None if the handshake failed."""
        sock.settimeout(HANDSHAKE_TIMEOUT)
        tls = self.tls_context.wrap_socket(
            sock, server_side=True, do_handshake_on_connect=False
        )
        try:
            tls.do_handshake()
        except OSError as error:  # ssl.SSLError, timeouts and resets
            message = str(error) or type(error).__name__
            self.events.write(event="tls-error", conn=conn, error=message)
            if self.verbose:
                print(f"lgtm_sim: conn {conn}: TLS handshake failed: "
                      f"{message}", file=sys.stderr)
            close_socket(tls)
            return None
        return tls


def close_socket(sock):
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    sock.close()


def format_host(address):
    return f"[{address}]" if ":" in address else address


def parse_int(text, name, low, high):
    try:
        value = int(text, 10)
    except ValueError:
        raise ValueError(f"invalid {name} {text!r}: not an integer") from None
    if value < low or value > high:
        raise ValueError(f"invalid {name} {value}: must be {low}..{high}")
    return value


def parse_seconds(text):
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"invalid seconds {text!r}: not a number") from None
    if not 0 <= value < 86400:
        raise ValueError(f"invalid seconds {text!r}: must be at least 0 "
                         "and below 86400")
    return value


def parse_size(text):
    """Parse a byte count with an optional K, M or G (binary) suffix."""
    multipliers = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    factor = multipliers.get(text[-1:].upper(), 1)
    digits = text[:-1] if factor > 1 else text
    return parse_int(digits, "size", 0, (1 << 40) // factor) * factor


def argument_type(parse):
    """Wrap parse so that argparse reports its ValueError as a usage error."""

    def convert(text):
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def parse_token(text):
    """Parse TOKEN[=SCOPES] into (token, frozenset of scopes)."""
    token, separator, scopes = text.partition("=")
    if not token:
        raise ValueError(f"invalid token {text!r}: the token is empty")
    if not separator:
        return token, frozenset([REQUIRED_SCOPE])
    return token, frozenset(s for s in scopes.split(",") if s)


def parse_header(text):
    name, separator, value = text.partition(":")
    if not separator or not name.strip() or name != name.strip():
        raise ValueError(f"invalid header {text!r}: expected 'Name: value'")
    return name, value.strip()


def positive_seconds(text):
    value = parse_seconds(text)
    if value <= 0:
        raise ValueError(f"invalid seconds {text!r}: must be above 0")
    return value


FAULT_HELP = """\
fault modes (--fault MODE[:ARG]):
  status:CODE              send CODE with {"code": CODE, "error": ...}
  redirect:URL             send 302 with Location URL
  html                     send 200 with an HTML sign-in page
  not-json                 send 200 application/json "this is not json"
  no-data                  send 200 {"items": []}
  data-not-array           send 200 {"data": {"id": 1}}
  loop                     every nextPageUrl points to page 2 again
  relative-next            nextPageUrl is a relative reference
  big-page:BYTES           pad the page to BYTES (K, M, G suffixes allowed)
  big-page-chunked:BYTES   the same, with Transfer-Encoding: chunked
  stall-response:SECONDS   read the request, wait, then send the response
  stall-headers:SECONDS    send the headers, wait, then send the body
  stall-body:SECONDS       send half of the body, wait, then the rest
  stall-handshake:SECONDS  wait after accepting each connection, before the
                           TLS handshake or reading the request
  close                    send Connection: close and close after replying

The first six replace the response to /projects without checking the
token. loop, relative-next and big-page change pages sent to a valid token.
A fault applies from the --fault-from-page'th /projects request on. The
stall and close faults also apply to every other path when that number is
1, and stall-handshake applies to every connection. --fault may be repeated
to combine one body fault with one stall fault, close and stall-handshake.
--fault-body, --fault-content-type and --fault-header change every response
that a fault applies to.
"""


def build_parser():
    parser = argparse.ArgumentParser(
        prog="lgtm_sim.py",
        description="Simulate the LGTM Enterprise API v1.0 on loopback.",
        epilog=FAULT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    tls = parser.add_argument_group("TLS")
    tls.add_argument("--cert", metavar="FILE",
                     help="serve HTTPS with this PEM certificate chain "
                     "(leaf first); without it, serve plain HTTP")
    tls.add_argument("--key", metavar="FILE",
                     help="PEM private key for --cert (default: read it "
                     "from the --cert file)")
    tls.add_argument("--client-ca", metavar="FILE",
                     help="require a client certificate issued by a CA in "
                     "this PEM file")
    tls.add_argument("--tls-min-version", choices=sorted(TLS_VERSIONS),
                     help="lowest TLS version to accept")
    tls.add_argument("--tls-max-version", choices=sorted(TLS_VERSIONS),
                     help="highest TLS version to accept")

    listener = parser.add_argument_group("listener and log")
    listener.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                          help="listen address: 127.0.0.1 (default) or ::1")
    listener.add_argument("--port", type=argument_type(
                          lambda text: parse_int(text, "port", 0, 65535)),
                          default=0,
                          help="TCP port (default 0: an ephemeral port)")
    listener.add_argument("--port-file", metavar="FILE",
                          help="once listening, write the port number to "
                          "FILE")
    listener.add_argument("--log", metavar="FILE",
                          help="append one JSON event per line to FILE")
    listener.add_argument("--lifetime", default=300.0, metavar="SECONDS",
                          type=argument_type(positive_seconds),
                          help="exit after SECONDS (default 300)")
    listener.add_argument("-v", "--verbose", action="store_true",
                          help="print requests and connection errors to "
                          "stderr")

    api = parser.add_argument_group("API data")
    api.add_argument("--projects", default=0, metavar="N",
                     type=argument_type(lambda text: parse_int(
                         text, "project count", 0, 10_000_000)),
                     help="number of projects the tokens see (default 0)")
    api.add_argument("--token", action="append", default=[],
                     type=argument_type(parse_token),
                     metavar="TOKEN[=SCOPES]",
                     help="accept TOKEN with the comma-separated SCOPES "
                     f"(default {REQUIRED_SCOPE}, and 'TOKEN=' means none); "
                     "repeatable")
    api.add_argument("--revoked", action="append", default=[],
                     metavar="TOKEN",
                     help="reject TOKEN as not valid; repeatable")
    api.add_argument("--external-url", metavar="URL",
                     help="base URL used in nextPageUrl and project URLs "
                     "(default <scheme>://localhost:<port>)")

    faults = parser.add_argument_group("faults")
    faults.add_argument("--fault", action="append", default=[],
                        type=argument_type(Fault), metavar="MODE[:ARG]",
                        help="inject a fault (see below); repeatable")
    faults.add_argument("--fault-from-page", default=1, metavar="K",
                        type=argument_type(lambda text: parse_int(
                            text, "page", 1, 1 << 31)),
                        help="apply faults from the K'th /projects request "
                        "on (default 1)")
    faults.add_argument("--fault-body", metavar="TEXT",
                        help="body to send instead where a fault applies")
    faults.add_argument("--fault-content-type", metavar="TYPE",
                        help="Content-Type to send where a fault applies")
    faults.add_argument("--fault-header", action="append", default=[],
                        type=argument_type(parse_header),
                        metavar="'Name: value'",
                        help="header to add where a fault applies; "
                        "repeatable")
    return parser


def parse_options(argv):
    parser = build_parser()
    options = parser.parse_args(argv)

    if options.bind not in ALLOWED_BIND_ADDRESSES:
        parser.error(f"invalid --bind {options.bind!r}: the simulator only "
                     "listens on 127.0.0.1 or ::1")
    if options.cert is None:
        for name in ("key", "client_ca", "tls_min_version",
                     "tls_max_version"):
            if getattr(options, name) is not None:
                flag = "--" + name.replace("_", "-")
                parser.error(f"{flag} requires --cert")
    if (options.tls_min_version and options.tls_max_version
            and options.tls_min_version > options.tls_max_version):
        parser.error("--tls-min-version is above --tls-max-version")

    fault_options = (options.fault_body is not None
                     or options.fault_content_type is not None
                     or options.fault_header
                     or options.fault_from_page != 1)
    if fault_options and not options.fault:
        parser.error("--fault-body, --fault-content-type, --fault-header and "
                     "--fault-from-page require --fault")
    options.fault_plan = None
    if options.fault:
        try:
            options.fault_plan = FaultPlan(
                options.fault, options.fault_from_page, options.fault_body,
                options.fault_content_type, options.fault_header)
        except ValueError as error:
            parser.error(str(error))
    return options


def make_tls_context(options):
    """Build the server TLS context; raise ValueError naming a bad file."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(options.cert, options.key)
    except (OSError, ssl.SSLError) as error:
        key = options.key or options.cert
        raise ValueError(f"cannot load the certificate {options.cert} or "
                         f"its key {key}: {error}") from None

    if options.tls_min_version:
        context.minimum_version = TLS_VERSIONS[options.tls_min_version]
    if options.tls_max_version:
        context.maximum_version = TLS_VERSIONS[options.tls_max_version]

    if options.client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        try:
            context.load_verify_locations(cafile=options.client_ca)
        except (OSError, ssl.SSLError) as error:
            raise ValueError(f"cannot load the client CA file "
                             f"{options.client_ca}: {error}") from None

    context.set_alpn_protocols(["http/1.1"])
    return context


def write_port_file(path, port):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="ascii") as file:
        file.write(f"{port}\n")
    os.replace(temporary, path)


def main(argv=None):
    options = parse_options(argv)

    tls_context = None
    if options.cert:
        try:
            tls_context = make_tls_context(options)
        except ValueError as error:
            print(f"lgtm_sim: {error}", file=sys.stderr)
            return 1

    try:
        events = EventLog(options.log)
    except OSError as error:
        print(f"lgtm_sim: cannot open the log file {options.log}: {error}",
              file=sys.stderr)
        return 1

    try:
        server = SimServer(options, tls_context, events)
    except OSError as error:
        print(f"lgtm_sim: cannot listen on {options.bind} port "
              f"{options.port}: {error}", file=sys.stderr)
        return 1

    stop = threading.Event()
    stop_reason = []

    def request_stop(signum, _frame):
        stop_reason.append(signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    accept_thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": ACCEPT_POLL_INTERVAL},
        name="accept",
        daemon=True,
    )
    accept_thread.start()

    try:
        if options.port_file:
            write_port_file(options.port_file, server.port)
        print(f"lgtm_sim: listening on {server.url} "
              f"(external URL {server.external_url})", file=sys.stderr)

        if not stop.wait(options.lifetime):
            stop_reason.append(f"lifetime of {options.lifetime:g} s ended")
    except OSError as error:
        print(f"lgtm_sim: cannot write the port file {options.port_file}: "
              f"{error}", file=sys.stderr)
        return 1
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        server.events.close()

    print(f"lgtm_sim: stopped ({stop_reason[0]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
