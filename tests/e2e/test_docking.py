#!/usr/bin/env python3
"""End-to-end tests of the docking (裁调对接) through the real caitiaod and
Debian's python3-grpcio: consent, eligibility, room proposal, delegation
with its letter and acceptance window, the room's queue (accept with a
mediator, decline, conflicts), every refusal with its reason code, racing
delegations, the resumable watch stream, deadline filters and policy.

    test_docking.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import os
import shutil
import sys
import tempfile
import threading
import unittest
import uuid

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
from people import credit_code, resident_id, today  # noqa: E402
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call, rid  # noqa: E402

ABORTED = grpc.StatusCode.ABORTED
FAILED_PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
ALREADY_EXISTS = grpc.StatusCode.ALREADY_EXISTS
CHINA = datetime.timezone(datetime.timedelta(hours=8))

ARGS = None
SERVER = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")  # the demo token of the Wuhan commission
ROOM = Principal("wuhan room")    # the demo token of the Wuhan demo room
YICHANG = Principal("yichang staff")
DEMO = {}  # region code -> commission id

def must(out, what="call"):
    return flow.must(out, what)


def new_case(region="420100", claim_types=None, who=None, route_stage=None, worker_id=None, employer_code=None):
    """Creates a case with one worker applicant and one employer respondent."""
    c = pb.case.Case(commission_id=DEMO[region], facts_and_reasons="被申请人拖欠工资两个月。")
    c.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="赵某", resident_id_number=worker_id or resident_id(),
                     phone="13900001111")
    c.respondents.add(kind=pb.case.PARTY_KIND_EMPLOYER, name="武汉某科技有限公司",
                      unified_social_credit_code=employer_code or credit_code())
    for t in claim_types or [pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION]:
        c.claims.add(dispute_type=t, description="请求", amount_fen=500000)
    applied = today() - datetime.timedelta(days=1)
    c.application_date.year, c.application_date.month, c.application_date.day = applied.year, applied.month, applied.day
    request = pb.case_service.CreateCaseRequest(case=c, route_stage=route_stage or pb.case.ROUTE_STAGE_RECEIVED,
                                                request_id=rid())
    return must(call("caitiao.v1.CaseService/CreateCase", request, who or STAFF), "CreateCase")


def get_case(case_id, who=None):
    return must(call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), who or STAFF))


def delegate(case_id, who=None, room=flow.DEMO_ROOM_ID, route=None, etag=None):
    return call("caitiao.v1.DockingService/DelegateCase",
                flow.delegate_request(case_id, who or STAFF, room, route, etag), who or STAFF)


def events(case_id):
    out = must(call("caitiao.v1.CaseService/ListCaseEvents",
                    pb.case_service.ListCaseEventsRequest(case_id=case_id, page_size=100), ADMIN))
    return [e.kind for e in out.events]


def new_room(capacity, region="420100", name=None):
    room = pb.directory.MediationRoom(
        name=name or f"测试调解室{uuid.uuid4().hex[:6]}", kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM,
        region_code=region, host_organization="武汉市总工会", commission_ids=[DEMO[region]], capacity=capacity,
        min_mediators=0, opened_on=pb.common.Date(year=2026, month=1, day=5))
    return must(call("caitiao.v1.DirectoryService/CreateRoom",
                     pb.directory.CreateRoomRequest(room=room, request_id=rid()), ADMIN), "CreateRoom")


def queue(who=None, **filters):
    out = must(call("caitiao.v1.RoomService/ListRoomQueue", pb.docking.ListRoomQueueRequest(page_size=1000, **filters),
                    who or ROOM), "ListRoomQueue")
    return list(out.entries)


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
        ROOM.token = SERVER.token("room_staff")
        YICHANG.token = SERVER.token("arbitration_staff_yichang")
        DEMO.update(flow.demo_commissions(ADMIN))
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


class DockingTest(unittest.TestCase):

    def assertRefused(self, out, code, reason):
        self.assertEqual((out.code, out.reason), (code, reason), out)


# ---------------------------------------------------------------------------
# 1. The whole path: intake -> consent x2 -> assess -> propose -> delegate ->
#    the room accepts with a mediator.

class FullPathTest(DockingTest):

    def test_intake_to_a_mediator_in_the_room(self):
        case = new_case()
        consents = flow.consent_all(case, STAFF)
        self.assertEqual(len(consents), 2)
        self.assertEqual(get_case(case.id).etag, "v3", "each consent is a change of the case")
        listed = must(call("caitiao.v1.DockingService/ListConsents",
                           pb.docking.ListConsentsRequest(case_id=case.id), STAFF))
        self.assertEqual([c.id for c in listed.consents], [c.id for c in consents])

        assessment = must(flow.assess(case.id, STAFF), "AssessEligibility")
        self.assertTrue(assessment.eligible)
        self.assertEqual([c.code for c in assessment.criteria], [
            "WITHIN_ARBITRATION_SCOPE", "ACCEPTANCE_DISPUTE_TYPE", "ACCEPTANCE_CLEAR_CLAIM", "ACCEPTANCE_PARTIES",
            "ACCEPTANCE_JURISDICTION", "SUITABLE_FOR_MEDIATION", "BOTH_PARTIES_CONSENT",
            "NOT_LABOR_RELATIONSHIP_CONFIRMATION"])
        self.assertTrue(all(c.passed for c in assessment.criteria))
        self.assertEqual(assessment.case_etag, "v3")
        stored = must(call("caitiao.v1.DockingService/GetEligibility",
                           pb.docking.GetEligibilityRequest(case_id=case.id), STAFF))
        self.assertEqual(stored, assessment, "the whole result is stored")

        proposals = must(call("caitiao.v1.DockingService/ProposeRooms",
                              pb.docking.ProposeRoomsRequest(case_id=case.id), STAFF)).proposals
        self.assertEqual(proposals[0].room_id, flow.DEMO_ROOM_ID)
        self.assertEqual(proposals[0].rank, 1)
        self.assertTrue(proposals[0].available)
        self.assertIn("same region as the case (420100)", proposals[0].reasons)
        again = must(call("caitiao.v1.DockingService/ProposeRooms",
                          pb.docking.ProposeRoomsRequest(case_id=case.id), STAFF)).proposals
        self.assertEqual([p.room_id for p in again], [p.room_id for p in proposals], "deterministic")

        delegation = must(delegate(case.id), "DelegateCase")
        self.assertEqual(delegation.status, pb.docking.DELEGATION_STATUS_PENDING)
        self.assertRegex(delegation.letter_number, r"^鄂武劳人仲委调字〔\d{4}〕第\d+号$")
        due = delegation.acceptance_due
        self.assertEqual((due.kind, due.length), ("WORKING_DAYS", 3))
        self.assertGreater(datetime.date(due.due.year, due.due.month, due.due.day), today())
        self.assertIn(str(today().year), due.calendar_versions)
        self.assertEqual(due.policy_source, "built-in defaults")
        delegated = get_case(case.id)
        self.assertEqual(delegated.state, pb.case.CASE_STATE_DELEGATED)
        self.assertEqual(delegated.etag, delegation.case_etag)

        entry = [e for e in queue() if e.case.id == case.id]
        self.assertEqual(len(entry), 1, "the room sees the case in its queue")
        self.assertTrue(entry[0].case.personal_data_masked)
        self.assertEqual(entry[0].delegation.id, delegation.id)
        self.assertEqual(entry[0].current_due, due.due)
        self.assertEqual(get_case(case.id, ROOM).id, case.id, "the room may read a case delegated to it")

        mediator = flow.demo_mediators(ADMIN)[0]
        accepted = must(call("caitiao.v1.RoomService/AcceptDelegation", pb.docking.AcceptDelegationRequest(
            case_id=case.id, etag=delegated.etag, mediator_id=mediator.id, request_id=rid()), ROOM), "Accept")
        self.assertEqual(accepted.status, pb.docking.DELEGATION_STATUS_ACCEPTED)
        self.assertEqual(accepted.mediator_id, mediator.id)
        period = accepted.mediation_due
        self.assertEqual((period.kind, period.length), ("CALENDAR_DAYS", 15))
        start = datetime.date(period.start.year, period.start.month, period.start.day)
        self.assertEqual(start, today(), "before filing, the period runs from the room's acceptance")
        end = datetime.date(period.due.year, period.due.month, period.due.day)
        self.assertGreaterEqual(end, start + datetime.timedelta(days=15), "may roll to a working day, never back")
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_IN_MEDIATION)
        self.assertEqual(events(case.id), ["CASE_CREATED", "CONSENT_RECORDED", "CONSENT_RECORDED",
                                           "ELIGIBILITY_ASSESSED", "CASE_DELEGATED", "CASE_DELEGATION_ACCEPTED"])
        history = must(call("caitiao.v1.DockingService/ListDelegations",
                            pb.docking.ListDelegationsRequest(case_id=case.id), STAFF)).delegations
        self.assertEqual([d.status for d in history], [pb.docking.DELEGATION_STATUS_ACCEPTED])

    def test_after_filing_route_counts_from_consent_and_needs_a_filed_case(self):
        case = flow.ready_case(lambda: new_case(route_stage=pb.case.ROUTE_STAGE_FILED), STAFF)
        self.assertRefused(delegate(case.id, route=pb.docking.DELEGATION_ROUTE_BEFORE_FILING),
                           FAILED_PRECONDITION, "INVALID_STATE")
        delegation = must(delegate(case.id, route=pb.docking.DELEGATION_ROUTE_AFTER_FILING))
        mediator = flow.demo_mediators(ADMIN)[0]
        accepted = must(call("caitiao.v1.RoomService/AcceptDelegation", pb.docking.AcceptDelegationRequest(
            case_id=case.id, etag=delegation.case_etag, mediator_id=mediator.id, request_id=rid()), ROOM))
        self.assertEqual((accepted.mediation_due.kind, accepted.mediation_due.length), ("CALENDAR_DAYS", 10))
        declined_case = flow.ready_case(lambda: new_case(route_stage=pb.case.ROUTE_STAGE_FILED), STAFF)
        d = must(delegate(declined_case.id, route=pb.docking.DELEGATION_ROUTE_AFTER_FILING))
        must(call("caitiao.v1.RoomService/DeclineDelegation", pb.docking.DeclineDelegationRequest(
            case_id=declined_case.id, etag=d.case_etag, reason="满员", request_id=rid()), ROOM))
        self.assertEqual(get_case(declined_case.id).state, pb.case.CASE_STATE_FILED, "back where it came from")


# ---------------------------------------------------------------------------
# 2. Every refusal, with its reason.

class RefusalTest(DockingTest):

    def test_labor_relationship_confirmation_is_never_delegated(self):
        for claims in ([pb.case.DISPUTE_TYPE_LABOR_RELATIONSHIP_CONFIRMATION],
                       [pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION,
                        pb.case.DISPUTE_TYPE_LABOR_RELATIONSHIP_CONFIRMATION]):
            with self.subTest(claims=claims):
                case = new_case(claim_types=claims)
                flow.consent_all(case, STAFF)
                assessment = must(flow.assess(case.id, STAFF))
                self.assertFalse(assessment.eligible)
                failed = [c.code for c in assessment.criteria if not c.passed]
                self.assertEqual(failed, ["NOT_LABOR_RELATIONSHIP_CONFIRMATION"])
                self.assertRefused(delegate(case.id), FAILED_PRECONDITION, "LABOR_RELATIONSHIP_CONFIRMATION")
        contested = new_case()
        flow.consent_all(contested, STAFF)
        must(flow.assess(contested.id, STAFF, contests=True))
        self.assertRefused(delegate(contested.id), FAILED_PRECONDITION, "LABOR_RELATIONSHIP_CONFIRMATION")
        unassessed = new_case(claim_types=[pb.case.DISPUTE_TYPE_LABOR_RELATIONSHIP_CONFIRMATION])
        self.assertRefused(delegate(unassessed.id), FAILED_PRECONDITION, "LABOR_RELATIONSHIP_CONFIRMATION")
        self.assertEqual(get_case(unassessed.id).state, pb.case.CASE_STATE_RECEIVED)

    def test_consent_missing_or_withdrawn(self):
        case = new_case()
        d = pb.docking
        must(call("caitiao.v1.DockingService/RecordConsent", d.RecordConsentRequest(
            case_id=case.id, party=d.PartyRef(side=d.PARTY_SIDE_APPLICANT, position=0),
            form=d.CONSENT_FORM_ORAL_ON_RECORD, evidence_ref="笔录第3页", request_id=rid()), STAFF))
        self.assertRefused(delegate(case.id), FAILED_PRECONDITION, "CONSENT_MISSING")
        respondent = must(call("caitiao.v1.DockingService/RecordConsent", d.RecordConsentRequest(
            case_id=case.id, party=d.PartyRef(side=d.PARTY_SIDE_RESPONDENT, position=0),
            form=d.CONSENT_FORM_ELECTRONIC, evidence_ref="e-sign-77", request_id=rid()), STAFF))
        twice = call("caitiao.v1.DockingService/RecordConsent", d.RecordConsentRequest(
            case_id=case.id, party=d.PartyRef(side=d.PARTY_SIDE_RESPONDENT, position=0),
            form=d.CONSENT_FORM_WRITTEN, evidence_ref="again", request_id=rid()), STAFF)
        self.assertRefused(twice, ALREADY_EXISTS, "CONSENT_EXISTS")
        must(flow.assess(case.id, STAFF))
        must(call("caitiao.v1.DockingService/WithdrawConsent", d.WithdrawConsentRequest(
            consent_id=respondent.id, reason="被申请人不同意调解", request_id=rid()), STAFF))
        self.assertRefused(delegate(case.id), FAILED_PRECONDITION, "CONSENT_MISSING")
        again = call("caitiao.v1.DockingService/WithdrawConsent", d.WithdrawConsentRequest(
            consent_id=respondent.id, reason="x", request_id=rid()), STAFF)
        self.assertRefused(again, FAILED_PRECONDITION, "CONSENT_WITHDRAWN")
        nobody = call("caitiao.v1.DockingService/RecordConsent", d.RecordConsentRequest(
            case_id=case.id, party=d.PartyRef(side=d.PARTY_SIDE_APPLICANT, position=5),
            form=d.CONSENT_FORM_WRITTEN, evidence_ref="x", request_id=rid()), STAFF)
        self.assertEqual((nobody.code, nobody.fields), (INVALID_ARGUMENT, ["party.position"]))

    def test_not_eligible_and_stale_assessments(self):
        unassessed = new_case()
        flow.consent_all(unassessed, STAFF)
        self.assertRefused(delegate(unassessed.id), FAILED_PRECONDITION, "NOT_ELIGIBLE")
        unsuitable = new_case()
        flow.consent_all(unsuitable, STAFF)
        result = must(flow.assess(unsuitable.id, STAFF, suitable=False))
        self.assertFalse(result.eligible)
        self.assertRefused(delegate(unsuitable.id), FAILED_PRECONDITION, "NOT_ELIGIBLE")
        stale = flow.ready_case(new_case, STAFF)
        current = get_case(stale.id)
        changed = pb.case.Case(id=stale.id, etag=current.etag, facts_and_reasons="补充事实：另欠加班费。")
        must(call("caitiao.v1.CaseService/UpdateCase", pb.case_service.UpdateCaseRequest(
            case=changed, update_mask={"paths": ["facts_and_reasons"]}, request_id=rid()), STAFF))
        self.assertRefused(delegate(stale.id), FAILED_PRECONDITION, "ELIGIBILITY_STALE")
        missing_reason = pb.docking.AssessEligibilityRequest(
            case_id=stale.id, etag=get_case(stale.id).etag, within_arbitration_scope=flow.passed(),
            acceptance_dispute_type=pb.docking.Determination(passed=False), acceptance_clear_claim=flow.passed(),
            acceptance_parties=flow.passed(), acceptance_jurisdiction=flow.passed(),
            suitable_for_mediation=pb.docking.Determination(passed=True), request_id=rid())
        out = call("caitiao.v1.DockingService/AssessEligibility", missing_reason, STAFF)
        self.assertEqual(out.code, INVALID_ARGUMENT, out)

    def test_warnings_do_not_block(self):
        worker, employer = resident_id(), credit_code()
        earlier = new_case(worker_id=worker, employer_code=employer)
        case = new_case(worker_id=worker, employer_code=employer)
        flow.consent_all(case, STAFF)
        long_ago = today() - datetime.timedelta(days=400)
        assessment = must(flow.assess(case.id, STAFF, infringement=long_ago))
        self.assertTrue(assessment.eligible, "warnings never make a case ineligible")
        self.assertEqual(sorted(w.code for w in assessment.warnings),
                         ["LIMITATION_PERIOD_MAY_HAVE_EXPIRED", "OTHER_OPEN_CASE_SAME_PARTIES"])
        self.assertEqual(assessment.infringement_date.year, long_ago.year)
        must(delegate(case.id))
        self.assertEqual(get_case(earlier.id).state, pb.case.CASE_STATE_RECEIVED)

    def test_stale_etag_and_wrong_state(self):
        case = flow.ready_case(new_case, STAFF)
        self.assertRefused(delegate(case.id, etag="v1"), ABORTED, "ETAG_MISMATCH")
        must(delegate(case.id))
        self.assertRefused(delegate(case.id), FAILED_PRECONDITION, "INVALID_STATE")

    def test_room_inactive_full_or_not_serving(self):
        small = new_room(capacity=1)
        first = flow.ready_case(new_case, STAFF)
        must(delegate(first.id, room=small.id))
        second = flow.ready_case(new_case, STAFF)
        self.assertRefused(delegate(second.id, room=small.id), FAILED_PRECONDITION, "ROOM_AT_CAPACITY")
        closed = new_room(capacity=5)
        must(call("caitiao.v1.DirectoryService/DeactivateRoom", pb.directory.DeactivateRoomRequest(
            id=closed.id, etag=closed.etag, request_id=rid()), ADMIN))
        self.assertRefused(delegate(second.id, room=closed.id), FAILED_PRECONDITION, "ROOM_INACTIVE")
        yichang_room = new_room(capacity=5, region="420500")
        self.assertRefused(delegate(second.id, room=yichang_room.id), FAILED_PRECONDITION,
                           "ROOM_NOT_SERVING_COMMISSION")
        self.assertRefused(delegate(second.id, room=str(uuid.uuid4())), NOT_FOUND, "ROOM_NOT_FOUND")
        self.assertEqual(get_case(second.id).state, pb.case.CASE_STATE_RECEIVED, "nothing half-written")
        proposals = must(call("caitiao.v1.DockingService/ProposeRooms",
                              pb.docking.ProposeRoomsRequest(case_id=second.id), STAFF)).proposals
        by_id = {p.room_id: p for p in proposals}
        self.assertFalse(by_id[small.id].available)
        self.assertIn("at capacity: 1 open cases of 1", by_id[small.id].reasons)
        self.assertFalse(by_id[closed.id].available)
        self.assertNotIn(yichang_room.id, by_id, "only rooms serving the case's commission are proposed")
        available = [p.rank for p in proposals if p.available]
        unavailable = [p.rank for p in proposals if not p.available]
        self.assertLess(max(available), min(unavailable), "rooms that can take the case come first")

    def test_other_commissions_staff_cannot_see_or_delegate(self):
        case = flow.ready_case(new_case, STAFF)
        self.assertRefused(delegate(case.id, who=YICHANG, etag="v4"), NOT_FOUND, "CASE_NOT_FOUND")
        self.assertRefused(call("caitiao.v1.DockingService/ProposeRooms",
                                pb.docking.ProposeRoomsRequest(case_id=case.id), YICHANG), NOT_FOUND, "CASE_NOT_FOUND")


class BadInputTest(DockingTest):

    def test_every_docking_and_room_rpc_names_the_bad_fields(self):
        d = pb.docking
        case = new_case()
        room_calls = {"ListRoomQueue", "AcceptDelegation", "DeclineDelegation", "DeclareConflict", "WatchRoomQueue"}
        cases = [
            ("RecordConsent", d.RecordConsentRequest(request_id=rid()),
             ["case_id", "party.side", "form", "evidence_ref"]),
            ("RecordConsent", d.RecordConsentRequest(
                case_id=case.id, party=d.PartyRef(side=d.PARTY_SIDE_APPLICANT, position=-1), form=7,
                evidence_ref="x" * 201, give_time={"seconds": 4102444800}, request_id=rid()),
             ["party.position", "form", "evidence_ref", "give_time"]),
            ("WithdrawConsent", d.WithdrawConsentRequest(request_id=rid()), ["consent_id", "reason"]),
            ("ListConsents", d.ListConsentsRequest(), ["case_id"]),
            ("AssessEligibility", d.AssessEligibilityRequest(
                within_arbitration_scope=d.Determination(passed=True, explanation="\x07"),
                infringement_date=pb.common.Date(year=2025, month=2, day=30), request_id=rid()),
             ["case_id", "etag", "infringement_date", "within_arbitration_scope.explanation"]),
            ("GetEligibility", d.GetEligibilityRequest(), ["case_id"]),
            ("ProposeRooms", d.ProposeRoomsRequest(), ["case_id"]),
            ("DelegateCase", d.DelegateCaseRequest(route=9, request_id=rid()), ["case_id", "etag", "room_id", "route"]),
            ("ListDelegations", d.ListDelegationsRequest(), ["case_id"]),
            ("ListRoomQueue", d.ListRoomQueueRequest(state=pb.case.CASE_STATE_FILED,
                                                     due_before=pb.common.Date(year=2026, month=13, day=1)),
             ["state", "due_before"]),
            ("AcceptDelegation", d.AcceptDelegationRequest(request_id=rid()), ["case_id", "etag"]),
            ("AcceptDelegation", d.AcceptDelegationRequest(case_id=case.id, etag="v1", request_id=rid()),
             ["mediator_id"]),
            ("DeclineDelegation", d.DeclineDelegationRequest(case_id=case.id, etag="v1", request_id=rid()), ["reason"]),
            ("DeclareConflict", d.DeclareConflictRequest(request_id=rid()), ["case_id", "mediator_id", "reason"]),
            ("WatchRoomQueue", d.WatchRoomQueueRequest(after_sequence=-1), ["after_sequence"]),
            ("DelegateCase", d.DelegateCaseRequest(case_id=case.id, etag="v1", room_id=flow.DEMO_ROOM_ID,
                                                   route=d.DELEGATION_ROUTE_BEFORE_FILING), ["request_id"]),
        ]
        for method, request, fields in cases:
            with self.subTest(method=method, fields=fields):
                service = "RoomService" if method in room_calls else "DockingService"
                out = call(f"caitiao.v1.{service}/{method}", request, ROOM if method in room_calls else STAFF,
                           streaming=method == "WatchRoomQueue")
                self.assertEqual(out.code, INVALID_ARGUMENT, out)
                self.assertEqual(out.fields, fields, out)
                self.assertTrue(out.message, "a message a person can act on")
        self.assertEqual(get_case(case.id).etag, "v1", "nothing was stored")


# ---------------------------------------------------------------------------
# 3. The room's side.

class RoomTest(DockingTest):

    def test_a_room_cannot_see_or_accept_another_rooms_case(self):
        other_room = new_room(capacity=10)
        other_staff, _ = e2e_client.issue(ADMIN, "other-room", "room_staff", room=other_room.id)
        case, delegation = flow.delegated_case(new_case, STAFF)
        self.assertNotIn(case.id, [e.case.id for e in queue(other_staff)])
        mediator = flow.demo_mediators(ADMIN)[0]
        out = call("caitiao.v1.RoomService/AcceptDelegation", pb.docking.AcceptDelegationRequest(
            case_id=case.id, etag=delegation.case_etag, mediator_id=mediator.id, request_id=rid()), other_staff)
        self.assertRefused(out, NOT_FOUND, "CASE_NOT_FOUND")
        peek = call("caitiao.v1.RoomService/ListRoomQueue",
                    pb.docking.ListRoomQueueRequest(room_id=flow.DEMO_ROOM_ID), other_staff)
        self.assertRefused(peek, NOT_FOUND, "ROOM_NOT_FOUND")
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_DELEGATED)

    def test_decline_returns_the_case_and_the_history_keeps_both_delegations(self):
        case, first = flow.delegated_case(new_case, STAFF)
        declined = must(call("caitiao.v1.RoomService/DeclineDelegation", pb.docking.DeclineDelegationRequest(
            case_id=case.id, etag=first.case_etag, reason="本室调解员均需回避", request_id=rid()), ROOM))
        self.assertEqual(declined.status, pb.docking.DELEGATION_STATUS_DECLINED)
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_RECEIVED)
        self.assertNotIn(case.id, [e.case.id for e in queue()])
        another = new_room(capacity=10)
        second = must(delegate(case.id, room=another.id))
        history = must(call("caitiao.v1.DockingService/ListDelegations",
                            pb.docking.ListDelegationsRequest(case_id=case.id), STAFF)).delegations
        self.assertEqual([(d.id, d.status) for d in history],
                         [(second.id, pb.docking.DELEGATION_STATUS_PENDING),
                          (first.id, pb.docking.DELEGATION_STATUS_DECLINED)])
        self.assertNotEqual(second.letter_number, first.letter_number, "a new letter, never a reused number")

    def test_mediator_must_be_active_in_the_room_and_without_conflict(self):
        case, delegation = flow.delegated_case(new_case, STAFF)
        able = flow.demo_mediators(ADMIN)
        conflicted = able[-1]
        declared = must(call("caitiao.v1.RoomService/DeclareConflict", pb.docking.DeclareConflictRequest(
            mediator_id=conflicted.id, case_id=case.id, reason="与申请人系同学", request_id=rid()), ROOM))
        self.assertFalse(declared.was_assigned)

        def accept(mediator_id):
            return call("caitiao.v1.RoomService/AcceptDelegation", pb.docking.AcceptDelegationRequest(
                case_id=case.id, etag=delegation.case_etag, mediator_id=mediator_id, request_id=rid()), ROOM)
        self.assertRefused(accept(conflicted.id), FAILED_PRECONDITION, "MEDIATOR_CONFLICT")
        everyone = must(call("caitiao.v1.DirectoryService/ListMediators",
                             pb.directory.ListMediatorsRequest(page_size=1000), ADMIN)).mediators
        suspended = [m for m in everyone if m.status == pb.directory.MEDIATOR_STATUS_SUSPENDED]
        elsewhere = [m for m in everyone if flow.DEMO_ROOM_ID not in m.room_ids
                     and m.status == pb.directory.MEDIATOR_STATUS_ACTIVE]
        self.assertTrue(suspended and elsewhere, "the demo has a suspended mediator and other rooms' mediators")
        self.assertRefused(accept(suspended[0].id), FAILED_PRECONDITION, "MEDIATOR_NOT_ACTIVE")
        self.assertRefused(accept(elsewhere[0].id), FAILED_PRECONDITION, "MEDIATOR_NOT_IN_ROOM")
        self.assertRefused(accept(str(uuid.uuid4())), NOT_FOUND, "MEDIATOR_NOT_FOUND")
        self.assertEqual(must(accept(able[0].id)).mediator_id, able[0].id)

    def test_two_staff_delegating_one_case_at_once_exactly_one_wins(self):
        case = flow.ready_case(new_case, STAFF)
        etag = get_case(case.id).etag
        other_staff, _ = e2e_client.issue(ADMIN, "second-desk", "arbitration_staff", [DEMO["420100"]])
        outcomes = []
        barrier = threading.Barrier(2)

        def race(who):
            request = flow.delegate_request(case.id, who, etag=etag)
            barrier.wait()
            outcomes.append(call("caitiao.v1.DockingService/DelegateCase", request, who))
        threads = [threading.Thread(target=race, args=(w,)) for w in (STAFF, other_staff)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(o.code.value[0] for o in outcomes)
        self.assertEqual(sum(1 for o in outcomes if o.code == OK), 1, outcomes)
        loser = [o for o in outcomes if o.code != OK][0]
        self.assertIn(loser.code, (ABORTED, FAILED_PRECONDITION), outcomes)
        history = must(call("caitiao.v1.DockingService/ListDelegations",
                            pb.docking.ListDelegationsRequest(case_id=case.id), STAFF)).delegations
        self.assertEqual(len(history), 1, "one delegation, one letter")
        self.assertEqual(len(codes), 2)


# ---------------------------------------------------------------------------
# 4. The watch stream: pushed as committed, resumable without gaps or repeats.

def watch(who, after, seconds):
    """Reads the room's events for `seconds`; returns (events, end code)."""
    stub = SERVER.channel.unary_stream("/caitiao.v1.RoomService/WatchRoomQueue",
                                       request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=pb.docking.RoomQueueEvent.FromString)
    got = []
    try:
        for event in stub(pb.docking.WatchRoomQueueRequest(after_sequence=after), metadata=who.metadata(),
                          timeout=seconds):
            got.append(event)
        return got, OK
    except grpc.RpcError as e:
        return got, e.code()


class WatchTest(DockingTest):

    def test_watcher_that_disconnects_and_resumes_misses_nothing(self):
        watch_room = new_room(capacity=50)
        watcher, _ = e2e_client.issue(ADMIN, "watch-room", "room_staff", room=watch_room.id)
        first_batch = [flow.delegated_case(new_case, STAFF, room_id=watch_room.id)[0] for _ in range(2)]
        live = []

        def listen():
            live.extend(watch(watcher, 0, 4)[0])
        listener = threading.Thread(target=listen)
        listener.start()
        pushed = flow.delegated_case(new_case, STAFF, room_id=watch_room.id)[0]  # while connected
        listener.join()
        self.assertEqual([e.case_id for e in live], [c.id for c in first_batch] + [pushed.id])
        self.assertTrue(all(e.kind == "CASE_DELEGATED" for e in live))
        self.assertEqual([e.sequence for e in live], sorted(e.sequence for e in live))

        # Disconnected: the room declines one case and another is delegated.
        d = pb.docking
        must(call("caitiao.v1.RoomService/DeclineDelegation", d.DeclineDelegationRequest(
            case_id=pushed.id, etag=get_case(pushed.id).etag, reason="案情复杂", request_id=rid()), watcher))
        later = flow.delegated_case(new_case, STAFF, room_id=watch_room.id)[0]
        resumed, code = watch(watcher, live[-1].sequence, 2)
        self.assertEqual(code, OK, "the server ends a watch cleanly at its deadline")
        self.assertEqual([(e.kind, e.case_id) for e in resumed],
                         [("CASE_DELEGATION_DECLINED", pushed.id), ("CASE_DELEGATED", later.id)])
        everything, _ = watch(watcher, 0, 2)
        self.assertEqual([e.sequence for e in everything], [e.sequence for e in live + resumed],
                         "from the start again: the same events, no gaps, no repeats")
        others = [e.case_id for e in watch(ROOM, 0, 2)[0]]
        self.assertFalse(set(others) & {c.id for c in first_batch}, "another room's stream has none of them")


class WatcherLimitTest(DockingTest):

    def test_watchers_beyond_the_limit_are_refused_not_queued(self):
        server = harness.CaitiaoServer(ARGS.caitiaod, extra_args=["--max_watchers=1"])
        server.start()
        self.addCleanup(server.stop)
        room = Principal("room", server.token("room_staff"))
        request = pb.docking.WatchRoomQueueRequest()

        # Two watches at once, each lasting about two seconds: whichever comes
        # second finds the one slot taken. (A single holder raced its own
        # probes on a loaded machine: a probe could take the slot first.)
        refused = None
        for _ in range(10):
            outcomes = []

            def watch_once():
                outcomes.append(call("caitiao.v1.RoomService/WatchRoomQueue", request, room, channel=server.channel,
                                     streaming=True, timeout=2.5))
            pair = [threading.Thread(target=watch_once) for _ in range(2)]
            for t in pair:
                t.start()
            for t in pair:
                t.join()
            self.assertEqual(len(outcomes), 2)
            failed = [o for o in outcomes if o.code != OK]
            if failed:
                self.assertEqual(len(failed), 1, "one of the two held the slot")
                refused = failed[0]
                break
        self.assertIsNotNone(refused, "two watches at once were never refused")
        self.assertEqual((refused.code, refused.reason), (grpc.StatusCode.RESOURCE_EXHAUSTED, "TOO_MANY_WATCHERS"))
        after = call("caitiao.v1.RoomService/WatchRoomQueue", request, room, channel=server.channel, streaming=True,
                     timeout=1.5)
        self.assertEqual(after.code, OK, "a slot frees up when a watch ends")


# ---------------------------------------------------------------------------
# 5. Deadlines: filters and policy.

class DeadlineTest(DockingTest):

    def test_overdue_and_due_before_filters(self):
        case, delegation = flow.delegated_case(new_case, STAFF)
        due = delegation.acceptance_due.due
        due_text = f"{due.year:04d}-{due.month:02d}-{due.day:02d}"

        def listed(filter_text):
            out = must(call("caitiao.v1.CaseService/ListCases",
                            pb.case_service.ListCasesRequest(filter=filter_text, page_size=1000), STAFF))
            return [c.id for c in out.cases]
        self.assertIn(case.id, listed(f'due_date <= "{due_text}"'))
        self.assertNotIn(case.id, listed(f'due_date < "{due_text}"'))
        self.assertNotIn(case.id, listed("overdue = true"))
        self.assertIn(case.id, listed("overdue = false"))
        # As if the window had passed: the delegation's deadline and the case's
        # copy of it (what the filters read) two days ago.
        SERVER.psql(f"UPDATE cases SET current_due = current_date - 2 WHERE id = '{case.id}'; "
                    f"UPDATE delegations SET acceptance_due = current_date - 2 WHERE id = '{delegation.id}'")
        self.assertIn(case.id, listed("overdue = true"))
        overdue = [e.case.id for e in queue(overdue_only=True)]
        self.assertIn(case.id, overdue)
        self.assertTrue(all(e.overdue for e in queue(overdue_only=True)))
        bad = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(filter="overdue = maybe"),
                   STAFF)
        self.assertEqual(bad.code, INVALID_ARGUMENT)

    def test_a_regions_policy_sets_the_acceptance_window(self):
        policy = __import__("caitiao.v1.policy_pb2", fromlist=["_"])
        t = today()
        must(call("caitiao.v1.PolicyService/SetDeadlinePolicy", policy.SetDeadlinePolicyRequest(
            region_code="420102", effective_from=pb.common.Date(year=t.year, month=t.month, day=t.day),
            policy={"pre_filing_mediation_days": 20, "post_filing_mediation_days": 10,
                    "acceptance_working_days": 5, "max_extension_days": 15}, request_id=rid()), ADMIN))
        jiangan_staff, _ = e2e_client.issue(ADMIN, "jiangan", "arbitration_staff", [DEMO["420102"]])
        rooms = must(call("caitiao.v1.DirectoryService/ListRooms",
                          pb.directory.ListRoomsRequest(commission_id=DEMO["420102"]), ADMIN)).rooms
        self.assertTrue(rooms, "the demo has a room serving Jiang'an")
        case = flow.ready_case(lambda: new_case(region="420102", who=jiangan_staff), jiangan_staff)
        delegation = must(delegate(case.id, who=jiangan_staff, room=rooms[0].id))
        self.assertEqual(delegation.acceptance_due.length, 5)
        self.assertEqual(delegation.acceptance_due.policy_source, f"420102 from {t.isoformat()}")


def main():
    harness.main(sys.modules[__name__])

if __name__ == "__main__":
    main()
