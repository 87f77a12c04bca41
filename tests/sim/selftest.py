#!/usr/bin/env python3
"""Self-test of the LGTM API simulator and the test certificates.

Creates the certificates with make-certs.sh in a temporary directory, starts
lgtm_sim.py on 127.0.0.1 with an ephemeral port and talks to it with
http.client and ssl, trusting only ca.pem.

Run: python3 tests/sim/selftest.py [-v]
"""

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SIMULATOR = os.path.join(HERE, "lgtm_sim.py")
MAKE_CERTS = os.path.join(HERE, "make-certs.sh")

TOKEN = "3f1c0aa7e5b94d2c8e61b7f0d9a4c2e1"
NO_SCOPE_TOKEN = "no-scope-token"
OTHER_SCOPE_TOKEN = "other-scope-token"
REVOKED_TOKEN = "revoked-token"
TOKEN_OPTIONS = (
    "--token", TOKEN,
    "--token", NO_SCOPE_TOKEN + "=",
    "--token", OTHER_SCOPE_TOKEN + "=issues:read,alerts:read",
    "--revoked", REVOKED_TOKEN,
)

PROJECTS_PATH = "/api/v1.0/projects"
STARTUP_TIMEOUT = 10.0  # seconds for the simulator to write its port file
STOP_TIMEOUT = 5.0  # seconds for the simulator to exit after SIGTERM

# Set up once by setUpModule().
CERTS = None
WORKDIR = None


def setUpModule():
    global CERTS, WORKDIR
    WORKDIR = tempfile.mkdtemp(prefix="lgtm-sim-selftest.")
    CERTS = os.path.join(WORKDIR, "certs")
    result = subprocess.run(
        ["sh", MAKE_CERTS, CERTS], capture_output=True, text=True, timeout=30
    )
    if result.returncode != 0:
        raise RuntimeError(f"make-certs.sh failed:\n{result.stderr}")


def tearDownModule():
    shutil.rmtree(WORKDIR, ignore_errors=True)


def cert(name):
    return os.path.join(CERTS, name)


def client_context(client_cert=None, client_key=None):
    context = ssl.create_default_context(cafile=cert("ca.pem"))
    if client_cert:
        context.load_cert_chain(cert(client_cert), cert(client_key))
    return context


class Simulator:
    """An lgtm_sim.py process with its own port file, log and stderr file."""

    def __init__(self, *arguments):
        self.directory = tempfile.mkdtemp(prefix="sim.", dir=WORKDIR)
        self.log_path = os.path.join(self.directory, "events.log")
        self.stderr_path = os.path.join(self.directory, "stderr")
        port_path = os.path.join(self.directory, "port")
        command = [
            sys.executable, SIMULATOR,
            "--port-file", port_path,
            "--log", self.log_path,
            "--lifetime", "60",
            *arguments,
        ]
        with open(self.stderr_path, "w") as stderr:
            self.process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=stderr
            )
        self.port = self._wait_for_port(port_path)

    def _wait_for_port(self, path):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if os.path.exists(path):
                with open(path, encoding="ascii") as file:
                    return int(file.read())
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        self.process.kill()
        self.process.wait()
        raise RuntimeError(f"simulator did not start:\n{self.stderr_text()}")

    def stderr_text(self):
        with open(self.stderr_path, encoding="utf-8") as file:
            return file.read()

    def stop(self):
        """Send SIGTERM and return the exit status."""
        self.process.terminate()
        try:
            return self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def events(self, kind=None):
        with open(self.log_path, encoding="utf-8") as file:
            events = [json.loads(line) for line in file]
        return [e for e in events if kind is None or e["event"] == kind]

    def wait_for_event(self, kind, timeout=3.0):
        """Return the events of kind, waiting until there is at least one."""
        deadline = time.monotonic() + timeout
        while True:
            events = self.events(kind)
            if events or time.monotonic() > deadline:
                return events
            time.sleep(0.02)


class SimulatorTestCase(unittest.TestCase):
    """Test case that starts simulators and checks that each stops cleanly."""

    def start(self, *arguments):
        simulator = Simulator(*arguments)
        self.addCleanup(self._check_stop, simulator)
        return simulator

    def _check_stop(self, simulator):
        status = simulator.stop()
        self.assertEqual(status, 0, "simulator did not exit 0 on SIGTERM:\n"
                         + simulator.stderr_text())

    def start_https(self, *arguments, chain="server.pem", key="server.key"):
        return self.start("--cert", cert(chain), "--key", cert(key),
                          *arguments)

    def connect(self, simulator, context=None):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", simulator.port, timeout=10,
            context=context or client_context())
        self.addCleanup(connection.close)
        return connection

    def get(self, connection, target, token=None, authorization=None):
        """Send a GET and return (response, body bytes)."""
        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        if authorization is not None:
            headers["Authorization"] = authorization
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        return response, response.read()

    def get_json(self, connection, target, token=TOKEN):
        response, body = self.get(connection, target, token)
        self.assertEqual(response.status, 200, body)
        self.assertEqual(response.getheader("Content-Type"),
                         "application/json")
        return json.loads(body)


def handshake_as_localhost(simulator):
    """Connect to 127.0.0.1 and verify the certificate for "localhost"."""
    context = client_context()
    with socket.create_connection(("127.0.0.1", simulator.port),
                                  timeout=10) as sock:
        with context.wrap_socket(sock, server_hostname="localhost"):
            pass


def start_of(next_page_url):
    query = urllib.parse.urlsplit(next_page_url).query
    return urllib.parse.parse_qs(query)["start"][0]


def next_target(page):
    """Return the request target of the page after page, on the simulator."""
    return f"{PROJECTS_PATH}?start={start_of(page['nextPageUrl'])}"


class PaginationTest(SimulatorTestCase):

    def test_pages_share_one_connection(self):
        simulator = self.start_https("--projects", "250", *TOKEN_OPTIONS)
        connection = self.connect(simulator)
        external = f"https://localhost:{simulator.port}"

        pages = []
        target = PROJECTS_PATH + "?limit=100"
        while target is not None and len(pages) < 5:
            page = self.get_json(connection, target)
            pages.append(page)
            target = None
            if "nextPageUrl" in page:
                next_url = page["nextPageUrl"]
                self.assertTrue(next_url.startswith(
                    external + PROJECTS_PATH + "?limit=100&start="), next_url)
                target = (PROJECTS_PATH + "?limit=100&start="
                          + start_of(next_url))

        self.assertEqual([len(page["data"]) for page in pages], [100, 100, 50])
        self.assertNotIn("nextPageUrl", pages[-1])

        projects = [project for page in pages for project in page["data"]]
        ids = [project["id"] for project in projects]
        self.assertEqual(len(set(ids)), 250)
        self.assertTrue(all(i > 2**32 for i in ids))
        self.assertEqual(projects[0]["name"], "org/repo-1")
        self.assertEqual(projects[-1]["url-identifier"], "g/org/repo-250")
        self.assertEqual(projects[-1]["url"],
                         f"{external}/projects/{ids[-1]}/g/org/repo-250")

        requests = simulator.wait_for_event("request")
        self.assertEqual(len(simulator.events("connection")), 1)
        self.assertEqual(len(requests), 3)
        self.assertEqual({event["conn"] for event in requests}, {1})
        for event in requests:
            self.assertEqual(event["headers"]["authorization"],
                             "Bearer " + TOKEN)
            self.assertEqual(event["path"], PROJECTS_PATH)
            self.assertEqual(event["status"], 200)
        self.assertEqual(requests[0]["query"], "limit=100")
        self.assertTrue(requests[1]["query"].startswith("limit=100&start="))

    def test_empty_listing_has_no_next(self):
        simulator = self.start_https(*TOKEN_OPTIONS)
        connection = self.connect(simulator)

        self.assertEqual(self.get_json(connection, PROJECTS_PATH),
                         {"data": []})

    def test_limit_values(self):
        simulator = self.start_https("--projects", "250", *TOKEN_OPTIONS)
        connection = self.connect(simulator)
        cases = [
            ("", 100, 100),
            ("limit=1", 1, 1),
            ("limit=7", 7, 7),
            ("limit=100", 100, 100),
            ("limit=0", 100, 100),
            ("limit=500", 100, 100),
            ("limit=-3", 100, 100),
            ("limit=abc", 100, 100),
        ]
        for query, count, next_limit in cases:
            with self.subTest(query=query):
                page = self.get_json(connection, PROJECTS_PATH + "?" + query)
                self.assertEqual(len(page["data"]), count)
                next_query = urllib.parse.urlsplit(page["nextPageUrl"]).query
                self.assertEqual(
                    urllib.parse.parse_qs(next_query)["limit"],
                    [str(next_limit)])

    def test_unknown_start_rejected(self):
        simulator = self.start_https("--projects", "250", *TOKEN_OPTIONS)
        connection = self.connect(simulator)
        page = self.get_json(connection, PROJECTS_PATH)
        start = start_of(page["nextPageUrl"])
        tampered = start[:-1] + ("A" if start[-1] != "A" else "B")

        for value in ("bogus", "0", tampered, start + "AAAA"):
            with self.subTest(start=value):
                response, body = self.get(
                    connection, f"{PROJECTS_PATH}?start={value}", TOKEN)
                self.assertEqual(response.status, 400)
                self.assertEqual(json.loads(body)["code"], 400)


class AuthorizationTest(SimulatorTestCase):

    def test_api_root_needs_no_token(self):
        simulator = self.start_https()
        connection = self.connect(simulator)

        for target in ("/api/v1.0/", "/api/v1.0"):
            with self.subTest(target=target):
                self.assertEqual(self.get_json(connection, target, None),
                                 {"apiVersion": "1.0"})

    def test_token_errors_are_403(self):
        simulator = self.start_https("--projects", "3", *TOKEN_OPTIONS)
        connection = self.connect(simulator)
        no_token = ("An authorization token must be provided to access "
                    "this part of the API.")
        not_valid = "The authorization token you provided was not valid."
        no_scope = "Missing required scopes: [projects:read]"
        cases = [
            ("no header", None, no_token),
            ("basic scheme", "Basic dXNlcjpwYXNz", no_token),
            ("empty bearer", "Bearer ", no_token),
            ("unknown token", "Bearer unknown-token", not_valid),
            ("revoked token", "Bearer " + REVOKED_TOKEN, not_valid),
            ("no scopes", "Bearer " + NO_SCOPE_TOKEN, no_scope),
            ("other scopes", "Bearer " + OTHER_SCOPE_TOKEN, no_scope),
        ]
        for name, authorization, message in cases:
            with self.subTest(name):
                response, body = self.get(connection, PROJECTS_PATH,
                                          authorization=authorization)
                self.assertEqual(response.status, 403)
                self.assertEqual(response.getheader("Content-Type"),
                                 "application/json")
                self.assertEqual(json.loads(body),
                                 {"code": 403, "error": message})

    def test_unknown_path_not_found(self):
        simulator = self.start_https(*TOKEN_OPTIONS)
        connection = self.connect(simulator)

        response, body = self.get(connection, "/api/v1.0/nothing", TOKEN)

        self.assertEqual(response.status, 404)
        self.assertTrue(
            response.getheader("Content-Type").startswith("text/html"))
        self.assertIn(b"Not Found", body)


class FaultTest(SimulatorTestCase):

    def test_loop_repeats_page_two(self):
        simulator = self.start_https("--projects", "250", "--fault", "loop",
                                     *TOKEN_OPTIONS)
        connection = self.connect(simulator)

        page_one = self.get_json(connection, PROJECTS_PATH)
        start_two = start_of(page_one["nextPageUrl"])
        page_two = self.get_json(connection, next_target(page_one))
        page_three = self.get_json(connection, next_target(page_two))

        self.assertEqual(start_of(page_two["nextPageUrl"]), start_two)
        self.assertEqual(start_of(page_three["nextPageUrl"]), start_two)
        self.assertEqual(page_two["data"], page_three["data"])

    def test_status_500_replaces_listing(self):
        simulator = self.start_https("--projects", "3",
                                     "--fault", "status:500")
        connection = self.connect(simulator)

        response, body = self.get(connection, PROJECTS_PATH, TOKEN)

        self.assertEqual(response.status, 500)
        self.assertEqual(response.getheader("Content-Type"),
                         "application/json")
        self.assertEqual(json.loads(body),
                         {"code": 500, "error": "Simulated failure"})
        self.assertEqual(simulator.wait_for_event("request")[0]["status"],
                         500)

    def test_fault_from_page_two(self):
        simulator = self.start_https("--projects", "250", "--fault",
                                     "status:503", "--fault-from-page", "2",
                                     *TOKEN_OPTIONS)
        connection = self.connect(simulator)

        page = self.get_json(connection, PROJECTS_PATH)
        response, _ = self.get(connection, next_target(page), TOKEN)

        self.assertEqual(response.status, 503)

    def test_big_page_chunked_size(self):
        size = 1 << 20
        simulator = self.start_https("--projects", "3", "--fault",
                                     f"big-page-chunked:{size}",
                                     *TOKEN_OPTIONS)
        connection = self.connect(simulator)

        response, body = self.get(connection, PROJECTS_PATH, TOKEN)

        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Transfer-Encoding"), "chunked")
        self.assertIsNone(response.getheader("Content-Length"))
        self.assertEqual(len(body), size)
        self.assertEqual(len(json.loads(body)["data"]), 3)


class CertificateTest(SimulatorTestCase):

    def test_trusted_chains_verify(self):
        for chain, key in (("server.pem", "server.key"),
                           ("inter-server-chain.pem", "inter-server.key"),
                           ("soon.pem", "soon.key")):
            with self.subTest(chain=chain):
                simulator = self.start_https(chain=chain, key=key)
                connection = self.connect(simulator)
                self.assertEqual(self.get_json(connection, "/api/v1.0/"),
                                 {"apiVersion": "1.0"})

    def test_bad_certificates_rejected(self):
        # Expected OpenSSL X509_V_ERR_* codes. Unlike the messages, they are
        # the same in every OpenSSL version.
        cases = [
            ("expired", 10),  # CERT_HAS_EXPIRED
            ("future", 9),  # CERT_NOT_YET_VALID
            ("other-server", 20),  # UNABLE_TO_GET_ISSUER_CERT_LOCALLY
            ("self-signed", 18),  # DEPTH_ZERO_SELF_SIGNED_CERT
            ("wrong-host", 62),  # HOSTNAME_MISMATCH
        ]
        for name, verify_code in cases:
            with self.subTest(certificate=name):
                simulator = self.start_https(chain=name + ".pem",
                                             key=name + ".key")
                with self.assertRaises(ssl.SSLCertVerificationError) as error:
                    handshake_as_localhost(simulator)
                self.assertEqual(error.exception.verify_code, verify_code,
                                 error.exception.verify_message)
                self.assertEqual(
                    len(simulator.wait_for_event("tls-error")), 1)

    def test_client_certificate_required(self):
        simulator = self.start_https("--client-ca", cert("client-ca.pem"))

        anonymous = self.connect(simulator)
        with self.assertRaises((ssl.SSLError, ConnectionError)):
            self.get(anonymous, "/api/v1.0/")
        errors = simulator.wait_for_event("tls-error")
        self.assertEqual(len(errors), 1)
        self.assertIn("CERTIFICATE", errors[0]["error"].upper())

        context = client_context("client.pem", "client.key")
        authenticated = self.connect(simulator, context)
        self.assertEqual(self.get_json(authenticated, "/api/v1.0/"),
                         {"apiVersion": "1.0"})

    def test_mismatched_client_key_fails(self):
        context = ssl.create_default_context()
        with self.assertRaises(ssl.SSLError):
            context.load_cert_chain(cert("client.pem"),
                                    cert("client-mismatch.key"))

    def test_private_keys_owner_only(self):
        keys = [name for name in os.listdir(CERTS) if name.endswith(".key")]
        self.assertEqual(len(keys), 14)
        for name in keys:
            with self.subTest(key=name):
                mode = os.stat(cert(name)).st_mode & 0o777
                self.assertEqual(mode, 0o600)


class CommandLineTest(unittest.TestCase):

    def test_bind_rejects_other_addresses(self):
        for address in ("0.0.0.0", "localhost", "192.0.2.1"):
            with self.subTest(address=address):
                result = subprocess.run(
                    [sys.executable, SIMULATOR, "--bind", address,
                     "--lifetime", "1"],
                    capture_output=True, text=True, timeout=10)
                self.assertEqual(result.returncode, 2)
                self.assertIn("127.0.0.1 or ::1", result.stderr)


if __name__ == "__main__":
    unittest.main()
