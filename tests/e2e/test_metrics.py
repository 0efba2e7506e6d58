#!/usr/bin/env python3
"""End-to-end tests of the Prometheus metrics endpoint (--metrics_listen):
the page passes `promtool check metrics` (Debian's prometheus package); the
request counters of a method and status code rise by exactly the calls made
(OK, UNAUTHENTICATED, INVALID_ARGUMENT) and so do the latency histograms'
counts; the pool, watcher, sweeper, database and build gauges are there and
plausible; only GET /metrics answers; and without the flag caitiaod opens no
port but its gRPC one.

    test_metrics.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call  # noqa: E402

PROMTOOL = "/usr/bin/promtool"
POOL_SIZE = 3
ARGS = None
SERVER = None
METRICS_PORT = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
ROOM = Principal("the demo room")
STRANGER = Principal("stranger", token="ct_not-a-real-token-at-all")
DEMO = {}

GET_CASE = "caitiao.v1.CaseService/GetCase"
LIST_CASES = "caitiao.v1.CaseService/ListCases"
CREATE_CASE = "caitiao.v1.CaseService/CreateCase"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(path, method="GET", port=None):
    """(status, content type, body) of one plain HTTP request to the endpoint."""
    request = urllib.request.Request(f"http://127.0.0.1:{port or METRICS_PORT}{path}", method=method,
                                     data=b"x" if method in ("POST", "PUT") else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode("utf-8", errors="replace")


def scrape_text():
    status, content_type, body = http("/metrics")
    if status != 200:
        raise AssertionError(f"GET /metrics: HTTP {status}: {body[:200]}")
    if not content_type.startswith("text/plain; version=0.0.4"):
        raise AssertionError(f"GET /metrics: content type {content_type}")
    return body


_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(text):
    """{(name, frozenset of (label, value)): value}; fails on a line it cannot read."""
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE.match(line)
        if not m:
            raise AssertionError(f"unreadable sample line: {line!r}")
        name, labels, value = m.groups()
        pairs = frozenset((k, re.sub(r'\\(.)', lambda x: {"n": "\n"}.get(x.group(1), x.group(1)), v))
                          for k, v in _LABEL.findall(labels or ""))
        samples[(name, pairs)] = float(value)
    return samples


def value(samples, name, **labels):
    """A sample's value; 0 when absent (a counter not yet incremented is not shown)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests(samples, method, code):
    return value(samples, "caitiao_requests_total", method=method, code=code)


def calls_counted(samples, method):
    return value(samples, "caitiao_request_duration_seconds_count", method=method)


def wait_for(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def listening_ports(pid):
    """The TCP ports process `pid` listens on (from /proc: its socket inodes in LISTEN state)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            next(f)
            for row in f:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def setUpModule():
    global SERVER, METRICS_PORT, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    METRICS_PORT = free_port()
    try:
        # A fixed gRPC port (the later --listen wins): with port 0, gRPC's
        # second listener socket gets a port of its own.
        SERVER = harness.CaitiaoServer(ARGS.caitiaod, extra_args=[
            f"--listen=127.0.0.1:{free_port()}",
            f"--metrics_listen=127.0.0.1:{METRICS_PORT}", f"--pool_size={POOL_SIZE}", "--sweep_interval=1s"])
        SERVER.start()
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        ROOM.token = SERVER.token("room_staff")
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        harness.stop_all(SERVER)
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


class MetricsTest(unittest.TestCase):

    def test_the_page_passes_promtool(self):
        flow.create_case(DEMO["420100"], STAFF)  # some requests and a histogram on the page
        text = scrape_text()
        checked = subprocess.run([PROMTOOL, "check", "metrics"], input=text, capture_output=True, text=True)
        verdict = (checked.stdout + checked.stderr).strip()
        print(f"\npromtool check metrics: exit {checked.returncode}"
              f"{': ' + verdict if verdict else ' (no problems reported)'} "
              f"({len(text.splitlines())} lines)", file=sys.stderr)
        self.assertEqual(checked.returncode, 0, f"promtool: {verdict}\n{text}")
        for family, kind in (("caitiao_requests_total", "counter"),
                             ("caitiao_request_duration_seconds", "histogram"),
                             ("caitiao_db_pool_connections_in_use", "gauge"),
                             ("caitiao_db_pool_waiting", "gauge"),
                             ("caitiao_db_pool_size", "gauge"),
                             ("caitiao_room_queue_watchers", "gauge"),
                             ("caitiao_sweeper_runs_total", "counter"),
                             ("caitiao_sweeper_lag_seconds", "gauge"),
                             ("caitiao_database_up", "gauge"),
                             ("caitiao_build_info", "gauge")):
            self.assertIn(f"\n# TYPE {family} {kind}\n", text)
            self.assertRegex(text, rf"(^|\n)# HELP {family} \S")

    def test_requests_are_counted_by_method_and_code_exactly(self):
        case = flow.create_case(DEMO["420100"], STAFF)
        before = parse(scrape_text())
        made = {(GET_CASE, "OK"): 3, (LIST_CASES, "OK"): 2, (GET_CASE, "UNAUTHENTICATED"): 4,
                (GET_CASE, "INVALID_ARGUMENT"): 2, (CREATE_CASE, "OK"): 1}
        for _ in range(3):
            self.assertEqual(call(GET_CASE, pb.case_service.GetCaseRequest(id=case.id), STAFF).code, OK)
        for _ in range(2):
            self.assertEqual(call(LIST_CASES, pb.case_service.ListCasesRequest(page_size=10), STAFF).code, OK)
        for _ in range(4):
            self.assertEqual(call(GET_CASE, pb.case_service.GetCaseRequest(id=case.id), STRANGER).code,
                             grpc.StatusCode.UNAUTHENTICATED)
        for _ in range(2):
            self.assertEqual(call(GET_CASE, pb.case_service.GetCaseRequest(id=""), STAFF).code,
                             grpc.StatusCode.INVALID_ARGUMENT)
        flow.create_case(DEMO["420100"], STAFF)
        after = parse(scrape_text())
        for (method, code), n in made.items():
            self.assertEqual(requests(after, method, code) - requests(before, method, code), n,
                             f"{method} {code}")
        self.assertEqual(requests(after, GET_CASE, "NOT_FOUND"), requests(before, GET_CASE, "NOT_FOUND"))
        self.assertEqual(calls_counted(after, GET_CASE) - calls_counted(before, GET_CASE), 9)
        self.assertEqual(calls_counted(after, LIST_CASES) - calls_counted(before, LIST_CASES), 2)
        self.assertEqual(calls_counted(after, CREATE_CASE) - calls_counted(before, CREATE_CASE), 1)
        # Buckets are cumulative, +Inf is the count, the sum grew.
        inf = value(after, "caitiao_request_duration_seconds_bucket", method=GET_CASE, le="+Inf")
        self.assertEqual(inf, calls_counted(after, GET_CASE))
        buckets = sorted((float(dict(labels)["le"]), v) for (name, labels), v in after.items()
                         if name == "caitiao_request_duration_seconds_bucket" and dict(labels)["method"] == GET_CASE)
        self.assertEqual(len(buckets), 15, "14 bounds and +Inf")
        self.assertEqual([v for _, v in buckets], sorted(v for _, v in buckets), "cumulative")
        self.assertGreater(value(after, "caitiao_request_duration_seconds_sum", method=GET_CASE),
                           value(before, "caitiao_request_duration_seconds_sum", method=GET_CASE))

    def test_gauges_of_the_pool_database_and_sweeper(self):
        samples = parse(scrape_text())
        self.assertEqual(value(samples, "caitiao_database_up"), 1)
        self.assertEqual(value(samples, "caitiao_db_pool_size"), POOL_SIZE)
        self.assertIn(("caitiao_db_pool_connections_in_use", frozenset()), samples)
        self.assertIn(("caitiao_db_pool_waiting", frozenset()), samples)
        self.assertLessEqual(value(samples, "caitiao_db_pool_connections_in_use"), POOL_SIZE)
        self.assertLessEqual(value(samples, "caitiao_db_pool_connections_in_use"),
                             value(samples, "caitiao_db_pool_connections_open"))
        self.assertEqual(value(samples, "caitiao_db_pool_waiting"), 0)
        self.assertEqual(value(samples, "caitiao_build_info", version="0.1.0"), 1)
        self.assertEqual(value(samples, "caitiao_sweeper_interval_seconds"), 1)
        # With --sweep_interval=1s the sweeper has run and its lag stays small.
        self.assertTrue(wait_for(lambda: value(parse(scrape_text()), "caitiao_sweeper_runs_total",
                                               outcome="swept") >= 2))
        samples = parse(scrape_text())
        self.assertLess(value(samples, "caitiao_sweeper_lag_seconds"), 5)
        self.assertEqual(value(samples, "caitiao_sweeper_runs_total", outcome="failed"), 0)

    def test_room_queue_watchers_are_gauged_while_they_stream(self):
        self.assertEqual(value(parse(scrape_text()), "caitiao_room_queue_watchers"), 0)
        self.assertGreater(value(parse(scrape_text()), "caitiao_room_queue_watchers_max"), 0)
        outcome = []
        watcher = threading.Thread(target=lambda: outcome.append(call(
            "caitiao.v1.RoomService/WatchRoomQueue", pb.docking.WatchRoomQueueRequest(), ROOM, streaming=True,
            timeout=3)))
        watcher.start()
        try:
            self.assertTrue(wait_for(lambda: value(parse(scrape_text()), "caitiao_room_queue_watchers") == 1, 3),
                            "one watcher while the stream is open")
        finally:
            watcher.join()
        # The server ends the stream just before the client's deadline.
        self.assertIn(outcome[0].code, (OK, grpc.StatusCode.DEADLINE_EXCEEDED), outcome[0])
        self.assertTrue(wait_for(lambda: value(parse(scrape_text()), "caitiao_room_queue_watchers") == 0, 5),
                        "none once it ended")

    def test_only_get_metrics_answers(self):
        self.assertEqual(http("/metrics", "HEAD")[0], 200)
        self.assertEqual(http("/metrics", "POST")[0], 405)
        self.assertEqual(http("/metrics", "PUT")[0], 405)
        self.assertEqual(http("/")[0], 404)
        self.assertEqual(http("/metrics/extra")[0], 404)
        self.assertEqual(http("/debug", "POST")[0], 404)

    def test_the_endpoint_has_its_own_port_besides_grpc(self):
        self.assertEqual(listening_ports(SERVER.process.pid), {SERVER.port, METRICS_PORT})
        self.assertIn(f"address=127.0.0.1:{METRICS_PORT}", SERVER.read_log())


class WithoutTheFlagTest(unittest.TestCase):

    def test_off_by_default_only_the_grpc_port_is_open(self):
        plain = harness.CaitiaoServer(ARGS.caitiaod, demo=False, extra_args=[f"--listen=127.0.0.1:{free_port()}"])
        try:
            plain.start()
            self.assertEqual(listening_ports(plain.process.pid), {plain.port}, "no metrics port")
            self.assertNotIn("serving metrics", plain.read_log())
        finally:
            self.assertEqual(harness.stop_all(plain), [0])

    def test_a_malformed_address_is_refused_before_anything_starts(self):
        data_dir = tempfile.mkdtemp(prefix="caitiao-e2e-metrics-")
        try:
            for bad in ("nonsense", "127.0.0.1:", "127.0.0.1:port", ":9464"):
                run = subprocess.run([ARGS.caitiaod, f"--data_dir={data_dir}/cluster", f"--metrics_listen={bad}"],
                                     capture_output=True, text=True, timeout=30)
                self.assertEqual(run.returncode, 1, bad)
                self.assertIn("--metrics_listen must be host:port", run.stdout + run.stderr, bad)
            run = subprocess.run([ARGS.caitiaod, f"--data_dir={data_dir}/cluster"], capture_output=True, text=True,
                                 timeout=30, env={**os.environ, "CAITIAO_METRICS_LISTEN": "nonsense"})
            self.assertEqual(run.returncode, 1, "the environment variable is read too")
            self.assertIn("--metrics_listen must be host:port", run.stdout + run.stderr)
            self.assertFalse(os.path.exists(f"{data_dir}/cluster"), "no database was started")
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)

    def test_a_port_in_use_stops_the_server_cleanly(self):
        taken = harness.CaitiaoServer(ARGS.caitiaod, demo=False, extra_args=[
            f"--metrics_listen=127.0.0.1:{METRICS_PORT}"])  # the module's server holds it
        try:
            with self.assertRaisesRegex(RuntimeError, "exited with code 1"):
                taken.start()
            log = taken.read_log()
            self.assertIn("cannot serve metrics", log)
            self.assertIn("msg=stopped", log, "the embedded PostgreSQL was stopped")
        finally:
            harness.stop_all(taken)


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
