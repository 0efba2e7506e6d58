#!/usr/bin/env python3
"""End-to-end tests of three caitiaod servers on one database, through
Debian's python3-grpcio: one case driven across them (created on A,
delegated on B, accepted on C) while A's room-queue watch sees every event;
a token revoked on one server refused by the others within a second (the
revocation notifies every server as it commits, instead of waiting out
their credential caches), also after a listener lost its connection; and a
change retried with its request_id on a different server returning the
original answer and changing nothing twice; and the deadline sweepers of all
three, each running every second, acting on each expiry exactly once.

    test_scale_out.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import os
import shutil
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

UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
ARGS = None
SERVER = None
SECOND = None
THIRD = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
ROOM = Principal("the demo room")
DEMO = {}


def setUpModule():
    global SERVER, SECOND, THIRD, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    try:
        # A long credential cache, so that only the notification can explain
        # a refusal within the second.
        SERVER, SECOND, THIRD = harness.start_many(ARGS.caitiaod, 3, extra_args=["--credential_cache=30s", "--sweep_interval=1s"])
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        ROOM.token = SERVER.token("room_staff")
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        harness.stop_all(THIRD, SECOND, SERVER)
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, THIRD, SECOND, SERVER)


def summarize(who, server):
    return call("caitiao.v1.ReportingService/SummarizeCases", pb.reporting.SummarizeCasesRequest(), who,
                channel=server.channel)


def watch(who, server, seconds):
    """The room's events streamed by `server` for `seconds` (from the first)."""
    stub = server.channel.unary_stream("/caitiao.v1.RoomService/WatchRoomQueue",
                                       request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=pb.docking.RoomQueueEvent.FromString)
    return list(stub(pb.docking.WatchRoomQueueRequest(after_sequence=0), metadata=who.metadata(), timeout=seconds))


class OneCaseAcrossServersTest(unittest.TestCase):

    def test_created_on_a_delegated_on_b_accepted_on_c_watched_from_a(self):
        seen = []
        watcher = threading.Thread(target=lambda: seen.extend(watch(ROOM, SERVER, 6)))
        watcher.start()
        time.sleep(0.5)
        case = flow.create_case(DEMO["420100"], STAFF, channel=SERVER.channel)
        flow.consent_all(case, STAFF)
        flow.must(flow.assess(case.id, STAFF), "AssessEligibility")
        delegation = flow.must(call("caitiao.v1.DockingService/DelegateCase", flow.delegate_request(case.id, STAFF),
                                    STAFF, channel=SECOND.channel), "DelegateCase on B")
        mediator = flow.demo_mediators(ADMIN)[0].id
        flow.must(call("caitiao.v1.RoomService/AcceptDelegation", pb.docking.AcceptDelegationRequest(
            case_id=case.id, etag=delegation.case_etag, mediator_id=mediator, request_id=rid()), ROOM,
            channel=THIRD.channel), "AcceptDelegation on C")
        watcher.join()
        mine = [(e.kind, e.state) for e in seen if e.case_id == case.id]
        self.assertEqual(mine, [("CASE_DELEGATED", pb.case.CASE_STATE_DELEGATED),
                                ("CASE_DELEGATION_ACCEPTED", pb.case.CASE_STATE_IN_MEDIATION)],
                         "A's watch streams what B and C wrote")
        got = flow.must(call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case.id), STAFF,
                             channel=THIRD.channel), "GetCase on C")
        self.assertEqual(got.state, pb.case.CASE_STATE_IN_MEDIATION)


class RevocationTest(unittest.TestCase):

    def test_a_token_revoked_on_one_server_is_refused_by_the_other_within_a_second(self):
        for round_ in range(3):
            with self.subTest(round=round_):
                who, token = e2e_client.issue(ADMIN, f"revoked reporting {round_}", "reporting", regions=["420000"])
                for server in (SECOND, THIRD):
                    self.assertEqual(summarize(who, server).code, OK, "B and C know the token and cache it")
                    self.assertEqual(summarize(who, server).code, OK)
                revoked = call("caitiao.v1.AccessService/RevokeToken", pb.access.RevokeTokenRequest(
                    id=token.id, request_id=rid()), ADMIN, channel=SERVER.channel)
                self.assertEqual(revoked.code, OK, revoked)
                start = time.monotonic()
                for server in (SECOND, THIRD):
                    while True:
                        out = summarize(who, server)
                        if out.code != OK or time.monotonic() - start > 5:
                            break
                        time.sleep(0.02)
                    elapsed = time.monotonic() - start
                    self.assertEqual((out.code, out.reason), (UNAUTHENTICATED, "TOKEN_REVOKED"), out)
                    self.assertLess(elapsed, 1.0, f"it took {elapsed:.3f} s to be refused on {server.port}")

    def test_a_listener_that_reconnects_forgets_what_it_may_have_missed(self):
        who, token = e2e_client.issue(ADMIN, "revoked while B does not listen", "reporting", regions=["420000"])
        self.assertEqual(summarize(who, SECOND).code, OK)
        # B's listener loses its connection; the token is revoked meanwhile
        # behind every server's back (as another release or a script would).
        SERVER.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE query LIKE 'LISTEN%caitiao_credentials%'")
        SERVER.psql(f"UPDATE api_tokens SET revoked_at = now(), revoked_by = 'test' WHERE id = '{token.id}'")
        deadline = time.monotonic() + 5
        out = summarize(who, SECOND)
        while out.code == OK and time.monotonic() < deadline:
            time.sleep(0.05)
            out = summarize(who, SECOND)
        self.assertEqual((out.code, out.reason), (UNAUTHENTICATED, "TOKEN_REVOKED"), out)


class RetryElsewhereTest(unittest.TestCase):

    def test_a_change_retried_on_another_server_returns_the_original_answer(self):
        request = flow.case_request(DEMO["420100"])
        first = call("caitiao.v1.CaseService/CreateCase", request, STAFF, channel=SERVER.channel)
        cases = SERVER.psql("SELECT count(*) FROM cases").strip()
        again = call("caitiao.v1.CaseService/CreateCase", request, STAFF, channel=SECOND.channel)
        self.assertEqual((first.code, again.code), (OK, OK), (first, again))
        self.assertEqual((again.response.id, again.response.case_number),
                         (first.response.id, first.response.case_number))
        self.assertEqual(SERVER.psql("SELECT count(*) FROM cases").strip(), cases, "no second case")
        changed = request.case.facts_and_reasons + "（补充）"
        request.case.facts_and_reasons = changed
        other = call("caitiao.v1.CaseService/CreateCase", request, STAFF, channel=SECOND.channel)
        self.assertEqual((other.code, other.reason), (grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_ID_REUSED"), other)


class SweeperOnceTest(unittest.TestCase):

    def test_three_sweeping_servers_act_on_each_expiry_once(self):
        def new_case():
            return flow.create_case(DEMO["420100"], STAFF)
        cases = [flow.mediating_case(new_case, STAFF, ROOM, admin=ADMIN) for _ in range(4)]
        ids = ", ".join(f"'{c.id}'" for c in cases)
        SERVER.psql(f"UPDATE delegations SET mediation_due = current_date - 1 WHERE case_id IN ({ids}); "
                    f"UPDATE cases SET current_due = current_date - 1 WHERE id IN ({ids})")

        def state(c):
            return flow.must(call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=c.id), STAFF),
                             "GetCase").state
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(state(c) != pb.case.CASE_STATE_RECEIVED for c in cases):
            time.sleep(0.2)
        self.assertEqual([state(c) for c in cases], [pb.case.CASE_STATE_RECEIVED] * len(cases),
                         "every expired mediation returned to arbitration")
        time.sleep(3)  # three more rounds on each server
        by_server = {}
        for c in cases:
            with self.subTest(case=c.id):
                history = flow.must(call("caitiao.v1.CaseService/ListCaseEvents", pb.case_service.ListCaseEventsRequest(
                    case_id=c.id, page_size=200), ADMIN), "ListCaseEvents").events
                self.assertEqual([e.actor for e in history if e.kind == "MEDIATION_FAILED"], ["system/sweeper"])
                acted = [name for name, server in (("A", SERVER), ("B", SECOND), ("C", THIRD))
                         for line in server.read_log().splitlines() if "msg=swept" in line and c.id in line]
                self.assertEqual(len(acted), 1, f"swept by {acted}")
                by_server[acted[0]] = by_server.get(acted[0], 0) + 1
        print(f"\n[e2e] 4 expiries, 3 sweeping servers: acted once each, by {by_server}", file=sys.stderr)


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
