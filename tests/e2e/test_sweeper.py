#!/usr/bin/env python3
"""End-to-end tests of the deadline sweeper with two caitiaod servers on one
database, both sweeping every second: each expiry is acted on exactly once
(one event, one reply letter, one "swept" log line across both servers),
and what has not expired is left alone. Time is made to pass by moving the
stored due dates into the past, not by a clock a production build could
turn on.

    test_sweeper.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
from people import credit_code, resident_id, today  # noqa: E402,F401
import e2e_client  # noqa: E402
from e2e_client import Principal, call, rid  # noqa: E402

ARGS = None
SERVER = None   # server A, with the embedded cluster
SECOND = None   # server B, on A's database
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
ROOM = Principal("wuhan room")
DEMO = {}


def must(out, what="call"):
    return flow.must(out, what)


def new_case():
    c = pb.case.Case(commission_id=DEMO["420100"], facts_and_reasons="拖欠工资。")
    c.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="孙某", resident_id_number=resident_id())
    c.respondents.add(kind=pb.case.PARTY_KIND_EMPLOYER, name="某公司", unified_social_credit_code=credit_code())
    c.claims.add(dispute_type=pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION, description="工资", amount_fen=100000)
    d = today()
    c.application_date.year, c.application_date.month, c.application_date.day = d.year, d.month, d.day
    return must(call("caitiao.v1.CaseService/CreateCase", pb.case_service.CreateCaseRequest(
        case=c, route_stage=pb.case.ROUTE_STAGE_RECEIVED, request_id=rid()), STAFF), "CreateCase")


def get_case(case_id):
    return must(call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), STAFF))


def events(case_id):
    out = must(call("caitiao.v1.CaseService/ListCaseEvents",
                         pb.case_service.ListCaseEventsRequest(case_id=case_id, page_size=200), ADMIN))
    return [e.kind for e in out.events]


def swept_lines(case_id):
    return sum(line.count("msg=swept") for server in (SERVER, SECOND) for line in server.read_log().splitlines()
               if case_id in line)


def wait_for(predicate, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def setUpModule():
    global SERVER, SECOND, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    try:
        SERVER, SECOND = harness.start_pair(ARGS.caitiaod, extra_args=["--sweep_interval=1s"])
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        ROOM.token = SERVER.token("room_staff")
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        harness.stop_all(SECOND, SERVER)
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SECOND, SERVER)


class SweeperTest(unittest.TestCase):

    def test_an_expired_mediation_period_returns_the_case_once(self):
        case = flow.mediating_case(new_case, STAFF, ROOM, admin=ADMIN)
        untouched = flow.mediating_case(new_case, STAFF, ROOM, admin=ADMIN)
        SERVER.psql(f"UPDATE delegations SET mediation_due = current_date - 1 WHERE case_id = '{case.id}'; "
                    f"UPDATE cases SET current_due = current_date - 1 WHERE id = '{case.id}'")
        self.assertTrue(wait_for(lambda: get_case(case.id).state == pb.case.CASE_STATE_RECEIVED),
                        "the sweeper did not return the case")
        back = get_case(case.id)
        self.assertEqual(back.failure_reason, pb.case.MEDIATION_FAILURE_PERIOD_EXPIRED)
        time.sleep(2.5)  # more rounds on both servers
        self.assertEqual(events(case.id).count("MEDIATION_FAILED"), 1)
        letters = [d for d in must(call("caitiao.v1.DocumentService/ListDocuments", pb.document.ListDocumentsRequest(
            case_id=case.id), STAFF)).documents if d.kind == pb.document.DOCUMENT_KIND_REPLY_LETTER]
        self.assertEqual(len(letters), 1, "one reply letter")
        self.assertEqual(swept_lines(case.id), 1, "exactly one server acted, once")
        self.assertEqual(get_case(untouched.id).state, pb.case.CASE_STATE_IN_MEDIATION, "not expired: left alone")
        history = must(call("caitiao.v1.CaseService/ListCaseEvents", pb.case_service.ListCaseEventsRequest(
            case_id=case.id, page_size=200), ADMIN)).events
        self.assertEqual([e.actor for e in history if e.kind == "MEDIATION_FAILED"], ["system/sweeper"])

    def test_an_overdue_obligation_returns_the_case(self):
        due = today() + datetime.timedelta(days=3)
        case_id, agreement = flow.effective_case(new_case, STAFF, ROOM, [flow.money(1000, due)], ADMIN)
        SERVER.psql("SET session_replication_role = replica; "  # the obligations table is append-only
                    f"UPDATE agreement_obligations SET due_date = current_date - 1 WHERE agreement_id = '{agreement.id}'")
        self.assertTrue(wait_for(lambda: get_case(case_id).state == pb.case.CASE_STATE_RECEIVED))
        self.assertEqual(get_case(case_id).failure_reason, pb.case.MEDIATION_FAILURE_NOT_PERFORMED)
        time.sleep(2)
        self.assertEqual(swept_lines(case_id), 1)

    def test_a_lapsed_acceptance_window_is_flagged_not_declined(self):
        case, _ = flow.delegated_case(new_case, STAFF)
        SERVER.psql(f"UPDATE cases SET current_due = current_date - 1 WHERE id = '{case.id}'")
        self.assertTrue(wait_for(lambda: "DELEGATION_ACCEPTANCE_OVERDUE" in events(case.id)))
        time.sleep(2.5)
        self.assertEqual(events(case.id).count("DELEGATION_ACCEPTANCE_OVERDUE"), 1, "flagged once")
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_DELEGATED, "never auto-declined")
        overdue = must(call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(
            filter="overdue = true", page_size=1000), STAFF)).cases
        self.assertIn(case.id, [c.id for c in overdue], "ListCases shows it overdue")
        queue = must(call("caitiao.v1.RoomService/ListRoomQueue", pb.docking.ListRoomQueueRequest(
            overdue_only=True, page_size=1000), ROOM)).entries
        self.assertIn(case.id, [e.case.id for e in queue], "the room's queue shows it overdue")

    def test_an_unanswered_review_is_refused(self):
        due = today() + datetime.timedelta(days=30)
        case_id, _ = flow.effective_case(new_case, STAFF, ROOM, [flow.money(1000, due)], ADMIN)
        must(call("caitiao.v1.ReviewService/ApplyForReview", pb.review.ApplyForReviewRequest(
            case_id=case_id, etag=flow.current_etag(case_id, STAFF), evidence_ref="联合申请书", request_id=rid()),
            STAFF))
        SERVER.psql(f"UPDATE cases SET current_due = current_date - 1 WHERE id = '{case_id}'")
        self.assertTrue(wait_for(lambda: get_case(case_id).state == pb.case.CASE_STATE_RECEIVED))
        self.assertEqual(get_case(case_id).failure_reason, pb.case.MEDIATION_FAILURE_REVIEW_REFUSED)
        self.assertEqual(swept_lines(case_id), 1)


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
