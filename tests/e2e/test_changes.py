#!/usr/bin/env python3
"""End-to-end tests of the reporting change feed (ReportingService
ListChanges and WatchChanges) through two real caitiaod servers on one
database and Debian's python3-grpcio: 8 concurrent writers on both servers
and a transaction that writes an event early and commits late, while a
reader pages and streams, disconnects and resumes from its cursor: every
committed event of its regions exactly once. Also scopes, summaries without
free text, and garbage or foreign cursors.

    test_changes.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call, rid  # noqa: E402

INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
ARGS = None
SERVER = None
SECOND = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
YICHANG_STAFF = Principal("yichang staff")
REPORTING = Principal("hubei reporting")
WUHAN_REPORTING = Principal("wuhan reporting")
DEMO = {}
R = "caitiao.v1.ReportingService/"


def must(out, what="call"):
    return flow.must(out, what)


def new_case(commission_region="420100", who=None, server=None):
    return flow.create_case(DEMO[commission_region], who or STAFF, channel=(server or SERVER).channel)


def page(who, after="", page_size=50):
    return must(call(R + "ListChanges", pb.reporting.ListChangesRequest(after=after, page_size=page_size), who),
                "ListChanges")


def drain(who, after=""):
    """Every change ready now, from `after`; returns (changes, cursor)."""
    seen = []
    while True:
        out = page(who, after, 1000)
        seen.extend(out.changes)
        after = out.next_cursor
        if not out.changes:
            return seen, after


def setUpModule():
    global SERVER, SECOND, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    try:
        SERVER, SECOND = harness.start_pair(ARGS.caitiaod)
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        YICHANG_STAFF.token = SERVER.token("arbitration_staff_yichang")
        REPORTING.token = SERVER.token("reporting")
        WUHAN_REPORTING.token = e2e_client.issue(ADMIN, "wuhan reporting", "reporting", regions=["420100"])[0].token
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        harness.stop_all(SECOND, SERVER)
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SECOND, SERVER)


class ChangeFeedTest(unittest.TestCase):

    def test_the_feed_resumes_from_its_cursor_without_gaps_or_repeats(self):
        _, start = drain(REPORTING)
        cases = [new_case() for _ in range(5)]
        seen, cursor = [], start
        while len(seen) < 5:
            out = page(REPORTING, cursor, 2)
            self.assertLessEqual(len(out.changes), 2)
            seen.extend(out.changes)
            cursor = out.next_cursor
        self.assertEqual([c.event.case_id for c in seen], [c.id for c in cases])
        self.assertEqual({c.event.kind for c in seen}, {"CASE_CREATED"})
        self.assertEqual({(c.region_code, c.commission_id) for c in seen}, {("420100", DEMO["420100"])})
        self.assertEqual(list(page(REPORTING, cursor).changes), [], "nothing more")
        self.assertEqual(page(REPORTING, cursor).next_cursor, cursor, "an empty page keeps the cursor")
        again = page(REPORTING, seen[1].cursor, 2).changes
        self.assertEqual([c.event.sequence for c in again], [c.event.sequence for c in seen[2:4]],
                         "each change's own cursor resumes right after it")

    def test_scope_summaries_and_cursors(self):
        _, wuhan_start = drain(WUHAN_REPORTING)
        yichang = new_case("420500", YICHANG_STAFF)
        wuhan = new_case()
        must(call("caitiao.v1.CaseService/WithdrawCase", pb.case_service.WithdrawCaseRequest(
            id=wuhan.id, etag=wuhan.etag, reason="申请人王建国已与单位和解", request_id=rid()), STAFF))
        seen, _ = drain(WUHAN_REPORTING, wuhan_start)
        self.assertEqual({c.event.case_id for c in seen}, {wuhan.id}, "Yichang's case is outside 420100")
        hubei, _ = drain(REPORTING)
        self.assertIn(yichang.id, {c.event.case_id for c in hubei})
        withdrawn = [c.event for c in seen if c.event.kind == "CASE_WITHDRAWN"]
        self.assertEqual(len(withdrawn), 1)
        self.assertNotIn("王建国", withdrawn[0].summary, "free text stays out of reporting feeds")
        for after in ("garbage", seen[-1].cursor):
            with self.subTest(after=after[:10]):
                who = REPORTING if after != "garbage" else WUHAN_REPORTING
                out = call(R + "ListChanges", pb.reporting.ListChangesRequest(after=after), who)
                self.assertEqual((out.code, out.reason, out.fields), (INVALID_ARGUMENT, "PAGE_TOKEN_INVALID",
                                                                       ["after"]), out)
        watch = call(R + "WatchChanges", pb.reporting.WatchChangesRequest(after="garbage"), REPORTING,
                     streaming=True, timeout=3)
        self.assertEqual((watch.code, watch.reason), (INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"))
        denied = call(R + "ListChanges", pb.reporting.ListChangesRequest(), STAFF)
        self.assertEqual(denied.reason, "ROLE_NOT_ALLOWED")

    def test_concurrent_writers_and_a_late_commit_are_each_seen_exactly_once(self):
        before, start = drain(REPORTING)
        anchor = new_case()  # a case for the late transaction's event
        stop_writing = threading.Event()
        errors = []

        def writer(server):
            try:
                while not stop_writing.is_set():
                    c = new_case(server=server)
                    must(call("caitiao.v1.CaseService/WithdrawCase", pb.case_service.WithdrawCaseRequest(
                        id=c.id, etag=c.etag, reason="撤回", request_id=rid()), STAFF, channel=server.channel))
            except Exception as e:  # reported below
                errors.append(e)

        # A transaction that takes its sequence number early and commits
        # seconds later, after many younger ones: a reader that trusted
        # sequence order alone would skip its event.
        late = subprocess.Popen(SERVER.psql_command(
            "BEGIN; INSERT INTO case_events (case_id, kind, from_state, to_state, actor, actor_role, occurred_at, "
            f"summary) VALUES ('{anchor.id}', 'CASE_UPDATED', 'RECEIVED', 'RECEIVED', 'test/late', 'admin', now(), "
            "'late=1'); SELECT pg_sleep(3); COMMIT;"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(0.3)
        writers = [threading.Thread(target=writer, args=(server,)) for server in (SERVER, SECOND) * 4]
        for t in writers:
            t.start()
        seen, cursor = [], start
        deadline = time.monotonic() + 8
        rng = random.Random(7)
        while time.monotonic() < deadline:
            if rng.random() < 0.5:
                out = page(REPORTING, cursor, rng.randint(1, 7))  # a page, then "disconnect"
                seen.extend(out.changes)
                cursor = out.next_cursor
            else:
                out = call(R + "WatchChanges", pb.reporting.WatchChangesRequest(after=cursor), REPORTING,
                           streaming=True, timeout=rng.uniform(0.7, 1.5))
                # A stream cut by its deadline still delivered what it wrote.
                changes = out.response if out.code == OK else out.partial
                seen.extend(changes)
                if changes:
                    cursor = changes[-1].cursor
        stop_writing.set()
        for t in writers:
            t.join()
        self.assertEqual(late.wait(timeout=20), 0, late.stderr.read())
        self.assertEqual(errors, [])
        time.sleep(0.5)
        rest, _ = drain(REPORTING, cursor)
        seen.extend(rest)
        sequences = [c.event.sequence for c in seen]
        self.assertEqual(len(sequences), len(set(sequences)), "an event was delivered twice")
        earlier = {c.event.sequence for c in before}
        self.assertFalse(earlier & set(sequences), "an event before the cursor came again")
        committed = {int(x) for x in SERVER.psql(
            "SELECT e.sequence FROM case_events e JOIN cases c ON c.id = e.case_id "
            "WHERE c.region_code LIKE '42%'").split()} - earlier
        self.assertEqual(set(sequences), committed, "the reader missed or invented events")
        self.assertGreater(len(committed), 100, "the writers wrote too little to prove anything")
        late_events = [c for c in seen if c.event.actor == "test/late"]
        self.assertEqual(len(late_events), 1, "the late transaction's event was not seen exactly once")
        self.assertLess(late_events[0].event.sequence, max(sequences), "it took its sequence before others")


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
