#!/usr/bin/env python3
"""End-to-end drill, short form: the embedded PostgreSQL's postmaster is
killed (kill -9) under the real caitiaod, three times. Each time: calls fail
fast with UNAVAILABLE (none waits out its deadline), health says
NOT_SERVING within a second, the server starts its cluster again by itself
and serves again without being restarted, and every write acknowledged
before is there. At the end caitiaod still stops cleanly on SIGTERM (the
module's teardown checks its exit code).

    test_recovery.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import os
import shutil
import signal
import sys
import tempfile
import time
import unittest

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call  # noqa: E402

SERVING = 1
ARGS = None
SERVER = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
DEMO = {}
ROUNDS = 3


def setUpModule():
    global SERVER, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    SERVER = harness.CaitiaoServer(ARGS.caitiaod)
    try:
        SERVER.start()
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        out = flow.must(call("caitiao.v1.DirectoryService/ListCommissions",
                             pb.directory.ListCommissionsRequest(page_size=100), ADMIN), "ListCommissions")
        DEMO.update({c.region_code: c.id for c in out.commissions})
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


def postmaster_pid():
    with open(os.path.join(SERVER.cluster_dir, "pgdata", "postmaster.pid")) as f:
        return int(f.readline())


def get_case(case_id, timeout=5):
    return call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), STAFF,
                timeout=timeout)


class PostgresKilledTest(unittest.TestCase):

    def test_the_server_restarts_its_cluster_and_loses_no_acknowledged_write(self):
        acknowledged, numbers = [], set()
        for round_ in range(ROUNDS):
            with self.subTest(round=round_):
                for _ in range(3):
                    case = flow.create_case(DEMO["420100"], STAFF)
                    acknowledged.append(case.id)
                    numbers.add(case.case_number)
                old = postmaster_pid()
                os.kill(old, signal.SIGKILL)
                killed = time.monotonic()
                longest, not_serving_at, codes = 0.0, None, set()
                while True:
                    start = time.monotonic()
                    out = get_case(acknowledged[0])
                    longest = max(longest, time.monotonic() - start)
                    codes.add(out.code)
                    status = harness.health_check(SERVER.channel, "caitiao.v1.CaseService", timeout=2)
                    if status != (grpc.StatusCode.OK, SERVING) and not_serving_at is None:
                        not_serving_at = time.monotonic() - killed
                    if out.code == OK and not_serving_at is not None:
                        break
                    self.assertLess(time.monotonic() - killed, 60, f"not serving again after a minute: {out}")
                    time.sleep(0.05)
                recovered = time.monotonic() - killed
                print(f"round {round_}: NOT_SERVING after {not_serving_at:.2f} s, serving again after "
                      f"{recovered:.2f} s, longest call {longest:.3f} s, codes {sorted(c.name for c in codes)}",
                      file=sys.stderr)
                self.assertIn(grpc.StatusCode.UNAVAILABLE, codes, "calls during the outage fail as UNAVAILABLE")
                self.assertLess(longest, 2.0, "no call waits out its 5 s deadline")
                self.assertLess(not_serving_at, 1.5, "health says NOT_SERVING within about a second")
                self.assertNotEqual(postmaster_pid(), old, "a new postmaster")
                for case_id in acknowledged:
                    self.assertEqual(get_case(case_id).code, OK, case_id)
                after = flow.create_case(DEMO["420100"], STAFF)
                self.assertNotIn(after.case_number, numbers, "case numbers go on, never reused")
                acknowledged.append(after.id)
                numbers.add(after.case_number)


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
