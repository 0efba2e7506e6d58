#!/usr/bin/env python3
"""End-to-end drill, short form: the embedded PostgreSQL's postmaster is
killed (kill -9) under two real caitiaod, three times: server A, whose
embedded cluster it is, and server B, which uses it as its --database. Each
time, on both: calls fail fast with UNAVAILABLE (none waits out its
deadline), health says NOT_SERVING within a second, and the server serves
again without being restarted (A starts its cluster again by itself; B's
pool replaces its broken connections); every write acknowledged before, on
either, is there. At the end both still stop cleanly on SIGTERM (the
module's teardown checks their exit codes).

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
SECOND = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
DEMO = {}
ROUNDS = 3


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
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        harness.stop_all(SECOND, SERVER)
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SECOND, SERVER)


def postmaster_pid():
    with open(os.path.join(SERVER.cluster_dir, "pgdata", "postmaster.pid")) as f:
        return int(f.readline())


def new_postmaster(old):
    """True once postmaster.pid names another postmaster than `old`."""
    try:
        return postmaster_pid() != old
    except (FileNotFoundError, ValueError):
        return False


def get_case(case_id, server, timeout=5):
    return call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), STAFF,
                channel=server.channel, timeout=timeout)


class PostgresKilledTest(unittest.TestCase):

    def test_both_servers_serve_again_and_lose_no_acknowledged_write(self):
        acknowledged, numbers = [], set()
        for round_ in range(ROUNDS):
            with self.subTest(round=round_):
                for server in (SERVER, SECOND, SERVER):
                    case = flow.create_case(DEMO["420100"], STAFF, channel=server.channel)
                    acknowledged.append(case.id)
                    numbers.add(case.case_number)
                old = postmaster_pid()
                os.kill(old, signal.SIGKILL)
                killed = time.monotonic()
                self.assert_both_recover(round_, killed, acknowledged[0], old)
                self.assertNotEqual(postmaster_pid(), old, "a new postmaster")
                for server in (SERVER, SECOND):
                    for case_id in acknowledged:
                        self.assertEqual(get_case(case_id, server).code, OK, case_id)
                for server in (SERVER, SECOND):
                    after = flow.create_case(DEMO["420100"], STAFF, channel=server.channel)
                    self.assertNotIn(after.case_number, numbers, "case numbers go on, never reused")
                    acknowledged.append(after.id)
                    numbers.add(after.case_number)

    def assert_both_recover(self, round_, killed, case_id, old):
        """Polls A and B in turn until each has been seen NOT_SERVING and
        then answering again on a new postmaster (the killed one's backends
        may still answer for a moment after the kill)."""
        state = {name: {"longest": 0.0, "not_serving_at": None, "codes": set(), "back_at": None}
                 for name in ("A", "B")}
        servers = {"A": SERVER, "B": SECOND}
        while any(st["back_at"] is None for st in state.values()):
            self.assertLess(time.monotonic() - killed, 60, f"not serving again after a minute: {state}")
            for name, st in state.items():
                if st["back_at"] is not None:
                    continue
                start = time.monotonic()
                out = get_case(case_id, servers[name])
                st["longest"] = max(st["longest"], time.monotonic() - start)
                st["codes"].add(out.code)
                status = harness.health_check(servers[name].channel, "caitiao.v1.CaseService", timeout=2)
                if status != (grpc.StatusCode.OK, SERVING) and st["not_serving_at"] is None:
                    st["not_serving_at"] = time.monotonic() - killed
                if out.code == OK and st["not_serving_at"] is not None and new_postmaster(old):
                    st["back_at"] = time.monotonic() - killed
            time.sleep(0.02)
        for name, st in state.items():
            print(f"round {round_}, server {name}: NOT_SERVING after {st['not_serving_at']:.2f} s, serving again "
                  f"after {st['back_at']:.2f} s, longest call {st['longest']:.3f} s, "
                  f"codes {sorted(c.name for c in st['codes'])}", file=sys.stderr)
            self.assertIn(grpc.StatusCode.UNAVAILABLE, st["codes"], f"{name}: calls during the outage fail as UNAVAILABLE")
            self.assertLess(st["longest"], 2.0, f"{name}: no call waits out its 5 s deadline")
            self.assertLess(st["not_serving_at"], 1.5, f"{name}: health says NOT_SERVING within about a second")


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
