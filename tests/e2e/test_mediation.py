#!/usr/bin/env python3
"""End-to-end tests of mediation and its outcomes through the real caitiaod
and Debian's python3-grpcio: sessions, the agreement and its signature
checklist, performance to success (path A), every way mediation fails and
the case returns with a reply letter, the commission filing, refusing and
closing a case, numbered documents verified against their hashes, racing
writes, idempotent retries, bad input and room isolation.

    test_mediation.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import uuid

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
from people import credit_code, resident_id, today  # noqa: E402,F401
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call, rid  # noqa: E402

ABORTED = grpc.StatusCode.ABORTED
ALREADY_EXISTS = grpc.StatusCode.ALREADY_EXISTS
FAILED_PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND

ARGS = None
SERVER = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("wuhan staff")
ROOM = Principal("mediation test room")  # staff of a room made for this module
OTHER_ROOM = Principal("wuhan demo room")  # the demo room: another room
DEMO = {}
ROOM_ID = None
MEDIATOR_ID = None


def must(out, what="call"):
    return flow.must(out, what)


def new_case(route_stage=None):
    c = pb.case.Case(commission_id=DEMO["420100"], facts_and_reasons="被申请人拖欠工资两个月。")
    c.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="钱某", resident_id_number=resident_id(),
                     phone="13900002222")
    c.respondents.add(kind=pb.case.PARTY_KIND_EMPLOYER, name="武汉某物流有限公司",
                      unified_social_credit_code=credit_code())
    c.claims.add(dispute_type=pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION, description="支付拖欠工资",
                 amount_fen=1200000)
    applied = today() - datetime.timedelta(days=2)
    c.application_date.year, c.application_date.month, c.application_date.day = applied.year, applied.month, applied.day
    return must(call("caitiao.v1.CaseService/CreateCase", pb.case_service.CreateCaseRequest(
        case=c, route_stage=route_stage or pb.case.ROUTE_STAGE_RECEIVED, request_id=rid()), STAFF), "CreateCase")


def filed_case():
    return new_case(pb.case.ROUTE_STAGE_FILED)


def get_case(case_id, who=None):
    return must(call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case_id), who or STAFF))


def events(case_id):
    out = must(call("caitiao.v1.CaseService/ListCaseEvents",
                    pb.case_service.ListCaseEventsRequest(case_id=case_id, page_size=200), ADMIN))
    return [e.kind for e in out.events]


def documents(case_id, who=None):
    return list(must(call("caitiao.v1.DocumentService/ListDocuments", pb.document.ListDocumentsRequest(
        case_id=case_id), who or STAFF)).documents)


def mediating(route_stage=None):
    create = (lambda: new_case(route_stage)) if route_stage else new_case
    if route_stage == pb.case.ROUTE_STAGE_FILED:
        case, delegation = flow.ready_case(create, STAFF), None
        delegation = must(call("caitiao.v1.DockingService/DelegateCase", flow.delegate_request(
            case.id, STAFF, ROOM_ID, pb.docking.DELEGATION_ROUTE_AFTER_FILING), STAFF), "DelegateCase")
        must(call("caitiao.v1.RoomService/AcceptDelegation", pb.docking.AcceptDelegationRequest(
            case_id=case.id, etag=delegation.case_etag, mediator_id=MEDIATOR_ID, request_id=rid()), ROOM))
        return get_case(case.id)
    return flow.mediating_case(create, STAFF, ROOM, ROOM_ID, MEDIATOR_ID)


def session_request(case_id, **overrides):
    fields = dict(case_id=case_id, etag=flow.current_etag(case_id, STAFF), online=False, place="武汉市总工会三楼调解室",
                  parties=[pb.docking.PartyRef(side=pb.docking.PARTY_SIDE_APPLICANT, position=0),
                           pb.docking.PartyRef(side=pb.docking.PARTY_SIDE_RESPONDENT, position=0)],
                  mediator_present=True, agent_names=["孙律师"], summary="双方陈述意见，同意分期支付。",
                  request_id=rid())
    fields.update(overrides)
    return pb.mediation.RecordSessionRequest(**fields)


def terminate(case_id, reason, note="", who=None):
    return call("caitiao.v1.MediationService/TerminateMediation", pb.mediation.TerminateMediationRequest(
        case_id=case_id, etag=flow.current_etag(case_id, STAFF), reason=reason, note=note, request_id=rid()),
        who or ROOM)


def setUpModule():
    global SERVER, PROTO_OUT, pb, ROOM_ID, MEDIATOR_ID
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    SERVER = harness.CaitiaoServer(ARGS.caitiaod)
    try:
        SERVER.start()
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        STAFF.token = SERVER.token("arbitration_staff")
        OTHER_ROOM.token = SERVER.token("room_staff")
        DEMO.update(flow.demo_commissions(ADMIN))
        room = must(call("caitiao.v1.DirectoryService/CreateRoom", pb.directory.CreateRoomRequest(room=(
            pb.directory.MediationRoom(
                name=f"调解结果测试室{uuid.uuid4().hex[:6]}", kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM,
                region_code="420100", host_organization="武汉市总工会", commission_ids=[DEMO["420100"]],
                capacity=500, min_mediators=0, opened_on=pb.common.Date(year=2026, month=1, day=5))),
            request_id=rid()), ADMIN), "CreateRoom")
        ROOM_ID = room.id
        mediator = must(call("caitiao.v1.DirectoryService/CreateMediator", pb.directory.CreateMediatorRequest(
            mediator=pb.directory.Mediator(
                name="李调解员", resident_id_number=resident_id(), source=pb.directory.MEDIATOR_SOURCE_UNION_CADRE,
                certificate_number=f"鄂调证-{uuid.uuid4().hex[:6]}",
                certificate_expiry=pb.common.Date(year=2030, month=12, day=31),
                term_start=pb.common.Date(year=2025, month=1, day=1),
                term_end=pb.common.Date(year=2030, month=12, day=31), room_ids=[ROOM_ID]),
            request_id=rid()), ADMIN), "CreateMediator")
        MEDIATOR_ID = mediator.id
        principal, _ = e2e_client.issue(ADMIN, "mediation test room", "room_staff", room=ROOM_ID)
        ROOM.token = principal.token
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


class MediationTest(unittest.TestCase):

    def assertRefused(self, out, code, reason):
        self.assertEqual((out.code, out.reason), (code, reason), out)


# ---------------------------------------------------------------------------
# Path A: agreement signed by all, every obligation performed.

class PathATest(MediationTest):

    def test_sessions_agreement_signatures_and_performance_to_success(self):
        case = mediating()
        self.assertEqual(case.state, pb.case.CASE_STATE_IN_MEDIATION)
        session = must(call("caitiao.v1.MediationService/RecordSession", session_request(case.id), ROOM))
        self.assertEqual(list(session.agent_names), ["孙律师"])
        self.assertTrue(session.mediator_present)
        self.assertEqual(len(session.parties), 2)
        self.assertEqual(session.case_etag, flow.current_etag(case.id, STAFF))
        listed = must(call("caitiao.v1.MediationService/ListSessions",
                           pb.mediation.ListSessionsRequest(case_id=case.id), STAFF)).sessions
        self.assertEqual([s.id for s in listed], [session.id], "staff read the room's sessions")
        self.assertEqual((list(listed[0].parties), listed[0].mediator_present, list(listed[0].agent_names)),
                         (list(session.parties), True, ["孙律师"]), "attendees as stored")
        odd = must(call("caitiao.v1.MediationService/RecordSession", session_request(
            case.id, agent_names=['律师"甲", {乙}', "王 五"], mediator_present=False), ROOM))
        again = [x for x in must(call("caitiao.v1.MediationService/ListSessions", pb.mediation.ListSessionsRequest(
            case_id=case.id), STAFF)).sessions if x.id == odd.id][0]
        self.assertEqual((list(again.agent_names), again.mediator_present), (['律师"甲", {乙}', "王 五"], False))

        due = today() + datetime.timedelta(days=30)
        agreement = must(flow.draft(case.id, ROOM, [flow.money(600000, due), flow.money(400000, due),
                                                    flow.act("出具解除劳动合同证明", due)], STAFF))
        self.assertRegex(agreement.number, r"^鄂武劳人仲调协字〔\d{4}〕第\d+号$")
        self.assertEqual(agreement.total_fen, 1000000)
        self.assertEqual([o.position for o in agreement.obligations], [0, 1, 2])
        self.assertEqual(list(agreement.missing_signatures), ["APPLICANT/0", "RESPONDENT/0", "MEDIATOR", "ROOM_SEAL"])
        self.assertEqual(agreement.case_state, pb.case.CASE_STATE_IN_MEDIATION)
        self.assertRefused(flow.draft(case.id, ROOM, [flow.money(1, due)], STAFF), FAILED_PRECONDITION,
                           "AGREEMENT_OPEN")

        for item in ["APPLICANT/0", "RESPONDENT/0", "MEDIATOR"]:
            out = must(flow.sign(case.id, agreement.id, item, ROOM, STAFF), item)
            self.assertEqual(out.case_state, pb.case.CASE_STATE_IN_MEDIATION, "not effective until every item")
            self.assertFalse(out.HasField("effective_time"))
        self.assertRefused(flow.sign(case.id, agreement.id, "MEDIATOR", ROOM, STAFF), ALREADY_EXISTS,
                           "SIGNATURE_RECORDED")
        bogus = flow.sign(case.id, agreement.id, "RESPONDENT/1", ROOM, STAFF)
        self.assertEqual((bogus.code, bogus.fields), (INVALID_ARGUMENT, ["item"]), bogus)
        effective = must(flow.sign(case.id, agreement.id, "ROOM_SEAL", ROOM, STAFF, pb.mediation.SIGNATURE_FORM_SEAL))
        self.assertEqual(effective.case_state, pb.case.CASE_STATE_AGREEMENT_EFFECTIVE)
        self.assertTrue(effective.HasField("effective_time"))
        self.assertEqual(list(effective.missing_signatures), [])
        self.assertEqual(effective.effective_time, effective.signatures[-1].record_time,
                         "effective when the last item was recorded")
        void_late = call("caitiao.v1.MediationService/VoidAgreement", pb.mediation.VoidAgreementRequest(
            case_id=case.id, etag=flow.current_etag(case.id, STAFF), agreement_id=agreement.id, reason="x",
            request_id=rid()), ROOM)
        self.assertRefused(void_late, FAILED_PRECONDITION, "INVALID_STATE")

        partial = must(flow.perform(case.id, agreement.id, 0, ROOM, amount_fen=250000, staff=STAFF))
        self.assertEqual((partial.obligations[0].performed_fen, partial.obligations[0].performed), (250000, False))
        over = flow.perform(case.id, agreement.id, 0, ROOM, amount_fen=350001, staff=STAFF)
        self.assertRefused(over, FAILED_PRECONDITION, "PERFORMANCE_EXCEEDS_OBLIGATION")
        self.assertEqual(over.fields, ["amount_fen"])
        missing = flow.perform(case.id, agreement.id, 7, ROOM, amount_fen=1, staff=STAFF)
        self.assertRefused(missing, NOT_FOUND, "OBLIGATION_NOT_FOUND")
        must(flow.perform(case.id, agreement.id, 0, ROOM, amount_fen=350000, staff=STAFF))
        must(flow.perform(case.id, agreement.id, 1, ROOM, amount_fen=400000, staff=STAFF))
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_AGREEMENT_EFFECTIVE, "the act is still owed")
        done = must(flow.perform(case.id, agreement.id, 2, ROOM, act_done=True, staff=STAFF, evidence="证明书编号88"))
        self.assertEqual(done.case_state, pb.case.CASE_STATE_MEDIATED)
        self.assertTrue(all(o.performed for o in done.obligations))
        again = flow.perform(case.id, agreement.id, 2, ROOM, act_done=True, staff=STAFF)
        self.assertRefused(again, FAILED_PRECONDITION, "INVALID_STATE")

        final = get_case(case.id)
        self.assertEqual((final.state, final.mediation_outcome), (pb.case.CASE_STATE_MEDIATED, "SUCCEEDED_PERFORMED"))
        self.assertEqual(final.agreement_number, agreement.number, "the case carries its agreement's number")
        self.assertFalse(final.HasField("current_due"))
        self.assertEqual(events(case.id)[-15:], [
            "CASE_DELEGATION_ACCEPTED", "MEDIATION_SESSION_RECORDED", "MEDIATION_SESSION_RECORDED",
            "AGREEMENT_DRAFTED",
            "AGREEMENT_SIGNATURE_RECORDED", "AGREEMENT_SIGNATURE_RECORDED", "AGREEMENT_SIGNATURE_RECORDED",
            "AGREEMENT_SIGNATURE_RECORDED", "AGREEMENT_EFFECTIVE", "PERFORMANCE_RECORDED", "PERFORMANCE_RECORDED",
            "PERFORMANCE_RECORDED", "PERFORMANCE_RECORDED", "MEDIATION_SUCCEEDED", "SUBSIDY_ACCRUED"])
        history = must(call("caitiao.v1.DockingService/ListDelegations",
                            pb.docking.ListDelegationsRequest(case_id=case.id), STAFF)).delegations
        self.assertEqual([d.status for d in history], [pb.docking.DELEGATION_STATUS_ENDED])

        docs = documents(case.id)
        self.assertEqual([d.kind for d in docs], [pb.document.DOCUMENT_KIND_DELEGATION_LETTER,
                                                  pb.document.DOCUMENT_KIND_MEDIATION_AGREEMENT])
        agreement_doc = docs[1]
        self.assertEqual(agreement_doc.number, agreement.number)
        self.assertIn("调解协议书", agreement_doc.rendering)
        self.assertIn("********", agreement_doc.rendering, "identity numbers are masked in the rendering")
        self.assertIn("ROOM_SEAL 盖章", agreement_doc.rendering)
        self.assertEqual(agreement_doc.sha256, hashlib.sha256(agreement_doc.rendering.encode()).hexdigest())
        self.assertEqual(get_case(case.id, ROOM).state, pb.case.CASE_STATE_MEDIATED, "the room still sees its case")

    def test_the_mediation_period_is_extended_once_with_every_partys_consent(self):
        case = mediating()
        before = get_case(case.id).current_due
        m = pb.mediation

        def extend(days, consents, reason="双方同意延长调解期限"):
            return call("caitiao.v1.MediationService/ExtendMediation", m.ExtendMediationRequest(
                case_id=case.id, etag=flow.current_etag(case.id, STAFF), days=days, reason=reason,
                consents=[m.PartyConsent(party=party(side), evidence_ref=f"延期同意书-{side}") for side in consents],
                request_id=rid()), ROOM)
        self.assertRefused(extend(10, ["APPLICANT"]), FAILED_PRECONDITION, "EXTENSION_CONSENT_MISSING")
        too_long = extend(16, ["APPLICANT", "RESPONDENT"])
        self.assertEqual((too_long.code, too_long.fields), (INVALID_ARGUMENT, ["days"]))
        extended = must(extend(10, ["APPLICANT", "RESPONDENT"]))
        self.assertEqual(extended.previous_due, before)
        new_due = datetime.date(extended.due.due.year, extended.due.due.month, extended.due.due.day)
        self.assertGreaterEqual(new_due, datetime.date(before.year, before.month, before.day) +
                                datetime.timedelta(days=10))
        self.assertEqual((extended.due.kind, extended.due.length), ("CALENDAR_DAYS", 10))
        self.assertEqual(get_case(case.id).current_due, extended.due.due, "the case's due date moves")
        history = must(call("caitiao.v1.DockingService/ListDelegations", pb.docking.ListDelegationsRequest(
            case_id=case.id), STAFF)).delegations
        self.assertEqual(history[0].mediation_due.due, before, "the original period is never edited")
        self.assertRefused(extend(5, ["APPLICANT", "RESPONDENT"]), FAILED_PRECONDITION, "EXTENSION_LIMIT_REACHED")
        self.assertIn("MEDIATION_EXTENDED", events(case.id))

    def test_a_retried_performance_is_recorded_once(self):
        due = today() + datetime.timedelta(days=10)
        case_id, agreement = flow.effective_case(new_case, STAFF, ROOM, [flow.money(1000, due)], ADMIN, ROOM_ID)
        request = pb.mediation.RecordPerformanceRequest(
            case_id=case_id, etag=flow.current_etag(case_id, STAFF), agreement_id=agreement.id, obligation=0,
            amount_fen=400, evidence_ref="流水1", request_id=rid())
        first = must(call("caitiao.v1.MediationService/RecordPerformance", request, ROOM))
        second = must(call("caitiao.v1.MediationService/RecordPerformance", request, ROOM))
        self.assertEqual(first, second, "the retry gets the first answer")
        self.assertEqual(first.obligations[0].performed_fen, 400)
        self.assertEqual(events(case_id).count("PERFORMANCE_RECORDED"), 1)

    def test_racing_signatures_and_payments_apply_once(self):
        due = today() + datetime.timedelta(days=10)
        case = mediating()
        agreement = must(flow.draft(case.id, ROOM, [flow.money(1000, due)], STAFF))
        etag = flow.current_etag(case.id, STAFF)
        results = []

        def sign_it():
            results.append(call("caitiao.v1.MediationService/RecordSignature", pb.mediation.RecordSignatureRequest(
                case_id=case.id, etag=etag, agreement_id=agreement.id, item="APPLICANT/0",
                form=pb.mediation.SIGNATURE_FORM_FINGERPRINT, evidence_ref="指印", request_id=rid()), ROOM))
        threads = [threading.Thread(target=sign_it) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(r.code == OK for r in results), [False, False, False, True], results)
        self.assertTrue(all(r.code == ABORTED for r in results if r.code != OK), results)
        stored = must(call("caitiao.v1.MediationService/GetAgreement", pb.mediation.GetAgreementRequest(
            case_id=case.id), STAFF))
        self.assertEqual([s.item for s in stored.signatures], ["APPLICANT/0"])

        effective = flow.sign_all(case.id, stored, ROOM, STAFF)
        etag = flow.current_etag(case.id, STAFF)
        paid = []

        def pay():
            paid.append(call("caitiao.v1.MediationService/RecordPerformance", pb.mediation.RecordPerformanceRequest(
                case_id=case.id, etag=etag, agreement_id=effective.id, obligation=0, amount_fen=1000,
                evidence_ref="流水", request_id=rid()), ROOM))
        threads = [threading.Thread(target=pay) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sum(p.code == OK for p in paid), 1, paid)
        final = must(call("caitiao.v1.MediationService/GetAgreement", pb.mediation.GetAgreementRequest(
            case_id=case.id), STAFF))
        self.assertEqual(final.obligations[0].performed_fen, 1000, "never paid twice")
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_MEDIATED)

    def test_void_and_redraft_before_signing_is_complete(self):
        due = today() + datetime.timedelta(days=10)
        case = mediating()
        first = must(flow.draft(case.id, ROOM, [flow.money(5000, due)], STAFF))
        must(flow.sign(case.id, first.id, "APPLICANT/0", ROOM, STAFF))
        voided = must(call("caitiao.v1.MediationService/VoidAgreement", pb.mediation.VoidAgreementRequest(
            case_id=case.id, etag=flow.current_etag(case.id, STAFF), agreement_id=first.id,
            reason="金额计算有误，重新起草", request_id=rid()), ROOM))
        self.assertTrue(voided.HasField("void_time"))
        self.assertRefused(flow.sign(case.id, first.id, "RESPONDENT/0", ROOM, STAFF), FAILED_PRECONDITION,
                           "AGREEMENT_VOIDED")
        self.assertEqual(get_case(case.id).agreement_number, "", "no current agreement once voided")
        second = must(flow.draft(case.id, ROOM, [flow.money(6000, due)], STAFF))
        self.assertNotEqual(second.number, first.number, "numbers are never reused")
        self.assertEqual(get_case(case.id).agreement_number, second.number)
        current = must(call("caitiao.v1.MediationService/GetAgreement", pb.mediation.GetAgreementRequest(
            case_id=case.id), STAFF))
        self.assertEqual(current.id, second.id)
        old = must(call("caitiao.v1.MediationService/GetAgreement", pb.mediation.GetAgreementRequest(
            case_id=case.id, agreement_id=first.id), STAFF))
        self.assertEqual(old.void_reason, "金额计算有误，重新起草")


# ---------------------------------------------------------------------------
# Path B: an arbitral mediation document, served on every party.

def review_call(method, who=None, **fields):
    request = getattr(pb.review, f"{method}Request")(
        etag=flow.current_etag(fields["case_id"], STAFF), request_id=rid(), **fields)
    return call(f"caitiao.v1.ReviewService/{method}", request, who or STAFF)


def party(side, position=0):
    return pb.docking.PartyRef(side=pb.docking.PartySide.Value(f"PARTY_SIDE_{side}"), position=position)


def effective(obligations=None, route_stage=None):
    due = today() + datetime.timedelta(days=30)
    case = mediating(route_stage)
    agreement = must(flow.draft(case.id, ROOM, obligations or [flow.money(800000, due)], STAFF))
    return case.id, flow.sign_all(case.id, agreement, ROOM, STAFF)


class PathBTest(MediationTest):

    def test_review_document_and_service_to_success(self):
        case_id, agreement = effective()
        self.assertRefused(call("caitiao.v1.ReviewService/ApplyForReview", pb.review.ApplyForReviewRequest(
            case_id=case_id, etag=flow.current_etag(case_id, STAFF), evidence_ref="x", request_id=rid()), ROOM),
            grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        review = must(review_call("ApplyForReview", case_id=case_id, evidence_ref="联合申请书-2026-7"))
        self.assertEqual(review.case_state, pb.case.CASE_STATE_UNDER_REVIEW)
        self.assertEqual((review.review_due.kind, review.review_due.length), ("WORKING_DAYS", 5))
        self.assertEqual(review.agreement_id, agreement.id)
        under = get_case(case_id)
        self.assertEqual(under.current_due, review.review_due.due, "the review's due date is the case's")
        self.assertEqual(must(call("caitiao.v1.ReviewService/GetReview", pb.review.GetReviewRequest(
            case_id=case_id), ROOM)).id, review.id, "the room may read the review")
        queued = [e for e in must(call("caitiao.v1.RoomService/ListRoomQueue", pb.docking.ListRoomQueueRequest(
            state=pb.case.CASE_STATE_UNDER_REVIEW, page_size=1000), ROOM)).entries if e.case.id == case_id]
        self.assertEqual(len(queued), 1, "the case stays in the room's queue while under review")
        self.assertEqual(queued[0].current_due, review.review_due.due)
        no_reason = review_call("ExtendReview", case_id=case_id)
        self.assertEqual((no_reason.code, no_reason.fields), (INVALID_ARGUMENT, ["reason"]))
        extended = must(review_call("ExtendReview", case_id=case_id, reason="案情复杂需补充材料"))
        self.assertGreater((extended.extended_due.due.year, extended.extended_due.due.month,
                            extended.extended_due.due.day),
                           (review.review_due.due.year, review.review_due.due.month, review.review_due.due.day))
        self.assertEqual(get_case(case_id).current_due, extended.extended_due.due)
        self.assertRefused(review_call("ExtendReview", case_id=case_id, reason="再延"), FAILED_PRECONDITION,
                           "REVIEW_ALREADY_EXTENDED")
        self.assertRefused(review_call("RecordServiceReceipt", case_id=case_id, party=party("APPLICANT"),
                                       evidence_ref="回证1"), FAILED_PRECONDITION, "INVALID_STATE")

        made = must(review_call("MakeArbitralDocument", case_id=case_id))
        self.assertEqual(made.case_state, pb.case.CASE_STATE_DOCUMENT_SERVICE)
        self.assertRegex(made.document_number, r"^鄂武劳人仲调字〔\d{4}〕第\d+号$")
        docs = {d.kind: d for d in documents(case_id)}
        document = docs[pb.document.DOCUMENT_KIND_ARBITRAL_MEDIATION_DOCUMENT]
        self.assertEqual(document.number, made.document_number)
        self.assertIn(agreement.number, document.rendering)
        self.assertIn(docs[pb.document.DOCUMENT_KIND_MEDIATION_AGREEMENT].sha256, document.rendering,
                      "the document carries the agreement's hash")
        self.assertFalse(get_case(case_id).HasField("current_due"))

        first = must(review_call("RecordServiceReceipt", case_id=case_id, party=party("APPLICANT"),
                                 evidence_ref="送达回证1"))
        self.assertEqual(first.case_state, pb.case.CASE_STATE_DOCUMENT_SERVICE, "not in effect until every party")
        self.assertRefused(review_call("RecordServiceReceipt", case_id=case_id, party=party("APPLICANT"),
                                       evidence_ref="送达回证1"), ALREADY_EXISTS, "RECEIPT_RECORDED")
        stranger = review_call("RecordServiceReceipt", case_id=case_id, party=party("RESPONDENT", 4),
                               evidence_ref="x")
        self.assertEqual((stranger.code, stranger.fields), (INVALID_ARGUMENT, ["item"]))
        last = must(review_call("RecordServiceReceipt", case_id=case_id, party=party("RESPONDENT"),
                                evidence_ref="送达回证2"))
        self.assertEqual(last.case_state, pb.case.CASE_STATE_MEDIATED)
        self.assertEqual([r.item for r in last.receipts], ["APPLICANT/0", "RESPONDENT/0"])
        final = get_case(case_id)
        self.assertEqual((final.state, final.mediation_outcome), (pb.case.CASE_STATE_MEDIATED, "SUCCEEDED_DOCUMENT"))
        self.assertEqual((final.agreement_number, final.arbitral_document_number),
                         (agreement.number, made.document_number))
        self.assertEqual([e for e in events(case_id) if e in (
            "REVIEW_APPLIED", "REVIEW_EXTENDED", "ARBITRAL_DOCUMENT_MADE", "SERVICE_RECEIPT_RECORDED",
            "MEDIATION_SUCCEEDED")], ["REVIEW_APPLIED", "REVIEW_EXTENDED", "ARBITRAL_DOCUMENT_MADE",
                                      "SERVICE_RECEIPT_RECORDED", "SERVICE_RECEIPT_RECORDED", "MEDIATION_SUCCEEDED"])

    def test_full_performance_during_review_succeeds_by_path_a(self):
        case_id, agreement = effective()
        must(review_call("ApplyForReview", case_id=case_id, evidence_ref="联合申请书"))
        done = must(flow.perform(case_id, agreement.id, 0, ROOM, amount_fen=800000, staff=STAFF))
        self.assertEqual(done.case_state, pb.case.CASE_STATE_MEDIATED)
        self.assertEqual(get_case(case_id).mediation_outcome, "SUCCEEDED_PERFORMED")

    def test_refused_review_returns_the_case(self):
        case_id, _ = effective(route_stage=pb.case.ROUTE_STAGE_FILED)
        must(review_call("ApplyForReview", case_id=case_id, evidence_ref="联合申请书"))
        other = review_call("RefuseReview", case_id=case_id, refusal=pb.review.REVIEW_REFUSAL_OTHER)
        self.assertEqual((other.code, other.fields), (INVALID_ARGUMENT, ["note"]))
        unset = review_call("RefuseReview", case_id=case_id)
        self.assertEqual((unset.code, unset.fields), (INVALID_ARGUMENT, ["refusal"]))
        refused = must(review_call("RefuseReview", case_id=case_id,
                                   refusal=pb.review.REVIEW_REFUSAL_VIOLATES_MANDATORY_LAW, note="约定低于最低工资标准"))
        self.assertEqual(refused.refusal, pb.review.REVIEW_REFUSAL_VIOLATES_MANDATORY_LAW)
        back = get_case(case_id)
        self.assertEqual((back.state, back.failure_reason),
                         (pb.case.CASE_STATE_FILED, pb.case.MEDIATION_FAILURE_REVIEW_REFUSED))
        letter = [d for d in documents(case_id) if d.kind == pb.document.DOCUMENT_KIND_REPLY_LETTER][0]
        self.assertIn("VIOLATES_MANDATORY_LAW: 约定低于最低工资标准", letter.rendering)

    def test_a_party_refusing_service_returns_the_case(self):
        case_id, _ = effective()
        must(review_call("ApplyForReview", case_id=case_id, evidence_ref="联合申请书"))
        must(review_call("MakeArbitralDocument", case_id=case_id))
        must(review_call("RecordServiceReceipt", case_id=case_id, party=party("APPLICANT"), evidence_ref="回证1"))
        refused = must(review_call("RecordServiceRefusal", case_id=case_id, party=party("RESPONDENT"),
                                   evidence_ref="回证2:拒签"))
        self.assertEqual(refused.case_state, pb.case.CASE_STATE_RECEIVED)
        self.assertEqual(get_case(case_id).failure_reason, pb.case.MEDIATION_FAILURE_SERVICE_REFUSED)

    def test_an_application_after_the_window_is_refused(self):
        case_id, agreement = effective()
        # The agreement took effect 20 days ago (its window is 15 calendar days).
        SERVER.psql(f"UPDATE agreements SET effective_at = effective_at - interval '20 days' "
                    f"WHERE id = '{agreement.id}'")
        late = review_call("ApplyForReview", case_id=case_id, evidence_ref="联合申请书")
        self.assertRefused(late, FAILED_PRECONDITION, "REVIEW_WINDOW_PASSED")
        self.assertEqual(get_case(case_id).state, pb.case.CASE_STATE_AGREEMENT_EFFECTIVE)


# ---------------------------------------------------------------------------
# Failure: the case returns to arbitration with a reply letter.

class FailureTest(MediationTest):

    def test_consent_withdrawn_during_mediation_ends_it_and_needs_fresh_consent(self):
        case = mediating()
        must(call("caitiao.v1.MediationService/RecordSession", session_request(case.id), ROOM))
        consents = must(call("caitiao.v1.DockingService/ListConsents",
                             pb.docking.ListConsentsRequest(case_id=case.id), ROOM)).consents
        must(call("caitiao.v1.DockingService/WithdrawConsent", pb.docking.WithdrawConsentRequest(
            consent_id=consents[1].id, reason="被申请人表示不再调解", request_id=rid()), ROOM))
        returned = get_case(case.id)
        self.assertEqual(returned.state, pb.case.CASE_STATE_RECEIVED, "before filing: back to the commission")
        self.assertEqual((returned.mediation_outcome, returned.failure_reason),
                         ("FAILED", pb.case.MEDIATION_FAILURE_CONSENT_WITHDRAWN))
        self.assertTrue(returned.HasField("return_time"))
        self.assertEqual(returned.delegated_room_id, "")
        self.assertTrue(returned.HasField("current_due"), "the commission must decide acceptance by then")
        self.assertGreater(datetime.date(returned.current_due.year, returned.current_due.month,
                                         returned.current_due.day), today())
        self.assertEqual(events(case.id)[-3:], ["CONSENT_WITHDRAWN", "MEDIATION_FAILED", "SUBSIDY_ACCRUED"],
                         "the failure writes the mediator's ledger entry with it")
        letter = [d for d in documents(case.id) if d.kind == pb.document.DOCUMENT_KIND_REPLY_LETTER]
        self.assertEqual(len(letter), 1)
        self.assertRegex(letter[0].number, r"^鄂武劳人仲委调复字〔\d{4}〕第\d+号$")
        self.assertIn("CONSENT_WITHDRAWN", letter[0].rendering)
        self.assertIn("调解次数: 1", letter[0].rendering)
        self.assertRefused(call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=case.id), ROOM),
                           NOT_FOUND, "CASE_NOT_FOUND")

        # Re-delegation needs every party's fresh consent and a fresh assessment.
        redelegate = call("caitiao.v1.DockingService/DelegateCase",
                          flow.delegate_request(case.id, STAFF, ROOM_ID), STAFF)
        self.assertRefused(redelegate, FAILED_PRECONDITION, "CONSENT_MISSING")
        flow.consent_all(returned, STAFF)
        self.assertRefused(call("caitiao.v1.DockingService/DelegateCase",
                                flow.delegate_request(case.id, STAFF, ROOM_ID), STAFF),
                           FAILED_PRECONDITION, "ELIGIBILITY_STALE")
        must(flow.assess(case.id, STAFF))
        again = must(call("caitiao.v1.DockingService/DelegateCase", flow.delegate_request(case.id, STAFF, ROOM_ID),
                          STAFF))
        self.assertEqual(again.status, pb.docking.DELEGATION_STATUS_PENDING)

    def test_returned_case_is_filed_then_closed(self):
        case = mediating()
        out = terminate(case.id, pb.case.MEDIATION_FAILURE_PARTY_REFUSED, "申请人拒绝分期方案")
        self.assertEqual(must(out).state, pb.case.CASE_STATE_RECEIVED)
        self.assertRefused(call("caitiao.v1.CaseService/CloseCase", pb.case_service.CloseCaseRequest(
            id=case.id, etag=flow.current_etag(case.id, STAFF), manner=pb.case.CLOSING_MANNER_AWARD,
            request_id=rid()), STAFF), FAILED_PRECONDITION, "INVALID_STATE")
        filed = must(call("caitiao.v1.CaseService/FileCase", pb.case_service.FileCaseRequest(
            id=case.id, etag=flow.current_etag(case.id, STAFF), request_id=rid()), STAFF))
        self.assertEqual(filed.state, pb.case.CASE_STATE_FILED)
        self.assertFalse(filed.HasField("current_due"), "the acceptance decision is made")
        closed = must(call("caitiao.v1.CaseService/CloseCase", pb.case_service.CloseCaseRequest(
            id=case.id, etag=filed.etag, manner=pb.case.CLOSING_MANNER_AWARD, note="裁决书第7号", request_id=rid()),
            STAFF))
        self.assertEqual((closed.state, closed.closing_manner, closed.closing_note),
                         (pb.case.CASE_STATE_CLOSED, pb.case.CLOSING_MANNER_AWARD, "裁决书第7号"))
        self.assertEqual(closed.failure_reason, pb.case.MEDIATION_FAILURE_PARTY_REFUSED, "the history stays")
        self.assertEqual(events(case.id)[-4:], ["MEDIATION_FAILED", "SUBSIDY_ACCRUED", "CASE_FILED", "CASE_CLOSED"])

    def test_returned_case_not_accepted(self):
        case = mediating()
        must(terminate(case.id, pb.case.MEDIATION_FAILURE_ROOM_TERMINATED, "被申请人下落不明，无法联系"))
        empty = call("caitiao.v1.CaseService/RefuseAcceptance", pb.case_service.RefuseAcceptanceRequest(
            id=case.id, etag=flow.current_etag(case.id, STAFF), reason="", request_id=rid()), STAFF)
        self.assertEqual((empty.code, empty.fields), (INVALID_ARGUMENT, ["reason"]))
        refused = must(call("caitiao.v1.CaseService/RefuseAcceptance", pb.case_service.RefuseAcceptanceRequest(
            id=case.id, etag=flow.current_etag(case.id, STAFF), reason="不属于本委管辖", request_id=rid()), STAFF))
        self.assertEqual((refused.state, refused.closing_note), (pb.case.CASE_STATE_NOT_ACCEPTED, "不属于本委管辖"))
        letter = [d for d in documents(case.id) if d.kind == pb.document.DOCUMENT_KIND_REPLY_LETTER][0]
        self.assertIn("被申请人下落不明，无法联系", letter.rendering)

    def test_after_filing_a_failure_returns_to_filed(self):
        case = mediating(pb.case.ROUTE_STAGE_FILED)
        back = must(terminate(case.id, pb.case.MEDIATION_FAILURE_PARTY_REFUSED))
        self.assertEqual(back.state, pb.case.CASE_STATE_FILED, "the hearing proceeds")
        self.assertFalse(back.HasField("current_due"))

    def test_termination_reasons_must_hold(self):
        case = mediating()
        no_note = terminate(case.id, pb.case.MEDIATION_FAILURE_ROOM_TERMINATED)
        self.assertEqual((no_note.code, no_note.fields), (INVALID_ARGUMENT, ["note"]), no_note)
        self.assertRefused(terminate(case.id, pb.case.MEDIATION_FAILURE_PERIOD_EXPIRED), FAILED_PRECONDITION,
                           "INVALID_STATE")
        self.assertRefused(terminate(case.id, pb.case.MEDIATION_FAILURE_NOT_PERFORMED), FAILED_PRECONDITION,
                           "INVALID_STATE")
        consent = terminate(case.id, pb.case.MEDIATION_FAILURE_CONSENT_WITHDRAWN)
        self.assertEqual((consent.code, consent.fields), (INVALID_ARGUMENT, ["reason"]))
        due = today() + datetime.timedelta(days=5)
        agreement = must(flow.draft(case.id, ROOM, [flow.money(100, due)], STAFF))
        flow.sign_all(case.id, agreement, ROOM, STAFF)
        self.assertRefused(terminate(case.id, pb.case.MEDIATION_FAILURE_PARTY_REFUSED), FAILED_PRECONDITION,
                           "INVALID_STATE")
        self.assertRefused(terminate(case.id, pb.case.MEDIATION_FAILURE_NOT_PERFORMED), FAILED_PRECONDITION,
                           "INVALID_STATE")
        self.assertEqual(get_case(case.id).state, pb.case.CASE_STATE_AGREEMENT_EFFECTIVE, "refusals change nothing")


# ---------------------------------------------------------------------------
# Documents: verification of a copy.

class DocumentTest(MediationTest):

    def test_a_copy_verifies_and_a_tampered_copy_does_not(self):
        case, delegation = flow.delegated_case(new_case, STAFF, ROOM_ID)
        letter = documents(case.id)[0]
        self.assertEqual((letter.kind, letter.number), (pb.document.DOCUMENT_KIND_DELEGATION_LETTER,
                                                        delegation.letter_number))
        self.assertIn(delegation.letter_number, letter.rendering)
        fetched = must(call("caitiao.v1.DocumentService/GetDocument", pb.document.GetDocumentRequest(id=letter.id),
                            ROOM))
        self.assertEqual(fetched, letter)
        ok = must(call("caitiao.v1.DocumentService/VerifyDocument", pb.document.VerifyDocumentRequest(
            number=letter.number, sha256=hashlib.sha256(letter.rendering.encode()).hexdigest().upper()), STAFF))
        self.assertTrue(ok.matches)
        tampered = letter.rendering.replace("立案前委托", "立案后委托")
        self.assertNotEqual(tampered, letter.rendering)
        bad = must(call("caitiao.v1.DocumentService/VerifyDocument", pb.document.VerifyDocumentRequest(
            number=letter.number, sha256=hashlib.sha256(tampered.encode()).hexdigest()), STAFF))
        self.assertFalse(bad.matches)
        self.assertEqual(bad.sha256, letter.sha256)
        unknown = call("caitiao.v1.DocumentService/VerifyDocument", pb.document.VerifyDocumentRequest(
            number="鄂武劳人仲委调字〔1999〕第1号", sha256="0" * 64), STAFF)
        self.assertRefused(unknown, NOT_FOUND, "DOCUMENT_NOT_FOUND")
        malformed = call("caitiao.v1.DocumentService/VerifyDocument", pb.document.VerifyDocumentRequest(
            number="", sha256="xyz"), STAFF)
        self.assertEqual((malformed.code, sorted(malformed.fields)), (INVALID_ARGUMENT, ["number", "sha256"]))
        self.assertRefused(call("caitiao.v1.DocumentService/GetDocument", pb.document.GetDocumentRequest(
            id=letter.id), OTHER_ROOM), NOT_FOUND, "DOCUMENT_NOT_FOUND")
        self.assertRefused(call("caitiao.v1.DocumentService/VerifyDocument", pb.document.VerifyDocumentRequest(
            number=letter.number, sha256=letter.sha256), OTHER_ROOM), NOT_FOUND, "DOCUMENT_NOT_FOUND")
        with self.assertRaises(subprocess.CalledProcessError) as edit:
            SERVER.psql(f"UPDATE documents SET sha256 = 'x' WHERE id = '{letter.id}'")
        self.assertIn("documents is append-only", edit.exception.stderr, "not even in the database")


# ---------------------------------------------------------------------------
# Isolation and bad input.

class IsolationAndInputTest(MediationTest):

    def test_another_room_sees_none_of_it(self):
        due = today() + datetime.timedelta(days=10)
        case = mediating()
        agreement = must(flow.draft(case.id, ROOM, [flow.money(100, due)], STAFF))
        etag = flow.current_etag(case.id, STAFF)
        m = pb.mediation
        for method, request in [
            ("RecordSession", session_request(case.id)),
            ("ListSessions", m.ListSessionsRequest(case_id=case.id)),
            ("DraftAgreement", m.DraftAgreementRequest(case_id=case.id, etag=etag, terms="x",
                                                       obligations=[flow.money(1, due)], request_id=rid())),
            ("GetAgreement", m.GetAgreementRequest(case_id=case.id)),
            ("RecordSignature", m.RecordSignatureRequest(case_id=case.id, etag=etag, agreement_id=agreement.id,
                                                         item="MEDIATOR", form=m.SIGNATURE_FORM_SIGNATURE,
                                                         evidence_ref="x", request_id=rid())),
            ("VoidAgreement", m.VoidAgreementRequest(case_id=case.id, etag=etag, agreement_id=agreement.id,
                                                     reason="x", request_id=rid())),
            ("RecordPerformance", m.RecordPerformanceRequest(case_id=case.id, etag=etag, agreement_id=agreement.id,
                                                             amount_fen=1, evidence_ref="x", request_id=rid())),
            ("TerminateMediation", m.TerminateMediationRequest(case_id=case.id, etag=etag,
                                                               reason=pb.case.MEDIATION_FAILURE_PARTY_REFUSED,
                                                               request_id=rid())),
        ]:
            with self.subTest(method=method):
                self.assertRefused(call(f"caitiao.v1.MediationService/{method}", request, OTHER_ROOM), NOT_FOUND,
                                   "CASE_NOT_FOUND")
        self.assertRefused(call("caitiao.v1.DocumentService/ListDocuments", pb.document.ListDocumentsRequest(
            case_id=case.id), OTHER_ROOM), NOT_FOUND, "CASE_NOT_FOUND")
        self.assertEqual(flow.current_etag(case.id, STAFF), etag, "nothing changed")

    def test_invalid_utf8_on_the_wire_is_invalid_argument_with_a_request_id(self):
        class Raw:
            """A request whose bytes are given as they are."""
            def __init__(self, data):
                self.data = data

            def SerializeToString(self):
                return self.data
        # GetCaseRequest.id (field 1) = ff fe: not UTF-8.
        for method, data, field in [
                ("caitiao.v1.CaseService/GetCase", b"\x0a\x02\xff\xfe", "caitiao.v1.GetCaseRequest.id"),
                ("caitiao.v1.MediationService/RecordSession", b"\x0a\x03\xe4\xb8", "RecordSessionRequest.case_id"),
                ("caitiao.v1.CaseService/CreateCase", b"\x0a\x05\x4a\x03\xc0\xaf\x41", "Case.facts_and_reasons")]:
            with self.subTest(method=method):
                out = call(method, Raw(data), STAFF)
                self.assertRefused(out, INVALID_ARGUMENT, "REQUEST_MALFORMED")
                self.assertIn("UTF-8", out.message)
                self.assertIn(field, out.message, "the message names the field")
                self.assertRegex(out.request_id or "", r"^[0-9a-f]{32}$")
                self.assertIn(out.request_id, SERVER.read_log(), "the refusal is logged with its request id")

    def test_a_person_named_twice_or_not_born_yet_is_refused(self):
        worker = resident_id()
        c = pb.case.Case(commission_id=DEMO["420100"], facts_and_reasons="拖欠工资。")
        c.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="钱某", resident_id_number=worker)
        c.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="钱某某", resident_id_number=worker)
        c.respondents.add(kind=pb.case.PARTY_KIND_EMPLOYER, name="某公司", unified_social_credit_code=credit_code())
        c.claims.add(dispute_type=pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION, description="工资", amount_fen=1)
        c.application_date.year, c.application_date.month, c.application_date.day = \
            today().year, today().month, today().day
        twice = call("caitiao.v1.CaseService/CreateCase", pb.case_service.CreateCaseRequest(
            case=c, route_stage=pb.case.ROUTE_STAGE_RECEIVED, request_id=rid()), STAFF)
        self.assertEqual((twice.code, twice.fields), (INVALID_ARGUMENT, ["case.applicants[1].resident_id_number"]))
        future = today() + datetime.timedelta(days=3)
        c.applicants[1].resident_id_number = resident_id(born=future)
        unborn = call("caitiao.v1.CaseService/CreateCase", pb.case_service.CreateCaseRequest(
            case=c, route_stage=pb.case.ROUTE_STAGE_RECEIVED, request_id=rid()), STAFF)
        self.assertEqual((unborn.code, unborn.fields), (INVALID_ARGUMENT, ["case.applicants[1].resident_id_number"]))
        self.assertIn("future", unborn.message)

    def test_a_recorded_contest_is_cleared_only_with_a_reason_and_evidence(self):
        case = new_case()
        flow.consent_all(case, STAFF)
        must(flow.assess(case.id, STAFF, contests=True))
        silently = flow.assess(case.id, STAFF)
        self.assertEqual((silently.code, sorted(silently.fields)),
                         (INVALID_ARGUMENT, ["contest_cleared_evidence_ref", "contest_cleared_reason"]), silently)
        request = pb.docking.AssessEligibilityRequest(
            case_id=case.id, etag=flow.current_etag(case.id, STAFF), within_arbitration_scope=flow.passed(),
            acceptance_dispute_type=flow.passed(), acceptance_clear_claim=flow.passed(),
            acceptance_parties=flow.passed(), acceptance_jurisdiction=flow.passed(),
            suitable_for_mediation=flow.passed("双方同意调解"), contest_cleared_reason="被申请人书面确认存在劳动关系",
            contest_cleared_evidence_ref="确认书-2026-15", request_id=rid())
        cleared = must(call("caitiao.v1.DockingService/AssessEligibility", request, STAFF))
        self.assertTrue(cleared.eligible)
        self.assertEqual((cleared.contest_cleared_reason, cleared.contest_cleared_evidence_ref),
                         ("被申请人书面确认存在劳动关系", "确认书-2026-15"))
        summaries = [e.summary for e in must(call("caitiao.v1.CaseService/ListCaseEvents",
                                                  pb.case_service.ListCaseEventsRequest(case_id=case.id), STAFF)).events
                     if e.kind == "ELIGIBILITY_ASSESSED"]
        self.assertIn("contest_cleared evidence=确认书-2026-15", summaries[-1])
        stray = flow.assess(case.id, STAFF)
        self.assertEqual(stray.code, grpc.StatusCode.OK, "no contest to clear any more: a plain assessment is fine")
        extra = pb.docking.AssessEligibilityRequest()
        extra.CopyFrom(request)
        extra.etag, extra.request_id = flow.current_etag(case.id, STAFF), rid()
        refused = call("caitiao.v1.DockingService/AssessEligibility", extra, STAFF)
        self.assertEqual((refused.code, sorted(refused.fields)),
                         (INVALID_ARGUMENT, ["contest_cleared_evidence_ref", "contest_cleared_reason"]),
                         "only when clearing a recorded contest")

    def test_a_failed_criterion_names_the_request_field(self):
        case = new_case()
        d = pb.docking
        out = call("caitiao.v1.DockingService/AssessEligibility", d.AssessEligibilityRequest(
            case_id=case.id, etag=case.etag, within_arbitration_scope=d.Determination(passed=False),
            acceptance_dispute_type=flow.passed(), acceptance_clear_claim=flow.passed(),
            acceptance_parties=flow.passed(), acceptance_jurisdiction=flow.passed(),
            suitable_for_mediation=flow.passed("可以调解"), request_id=rid()), STAFF)
        self.assertEqual((out.code, out.fields), (INVALID_ARGUMENT, ["within_arbitration_scope.explanation"]))
        self.assertIn("within_arbitration_scope", pb.docking.AssessEligibilityRequest.DESCRIPTOR.fields_by_name)

    def test_bad_input_names_the_fields_and_stores_nothing(self):
        case = mediating()
        etag = flow.current_etag(case.id, STAFF)
        m = pb.mediation
        past = today() - datetime.timedelta(days=1)
        future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
        cases = [
            ("RecordSession", m.RecordSessionRequest(request_id=rid()), ["case_id", "etag", "place", "summary"]),
            ("RecordSession", session_request(case.id, place="", summary="好\u200b", agent_names=[""],
                                              held_time={"seconds": int(future.timestamp())}),
             ["agent_names[0]", "held_time", "place", "summary"]),
            ("RecordSession", session_request(case.id, parties=[pb.docking.PartyRef(
                side=pb.docking.PARTY_SIDE_RESPONDENT, position=3)]), ["parties[0]"]),
            ("DraftAgreement", m.DraftAgreementRequest(request_id=rid()), ["case_id", "etag"]),
            ("DraftAgreement", m.DraftAgreementRequest(case_id=case.id, etag=etag, terms="", request_id=rid()),
             ["obligations", "terms"]),
            ("DraftAgreement", m.DraftAgreementRequest(case_id=case.id, etag=etag, terms="协议", obligations=[
                flow.money(0, past), flow.money(5, today(), obligor=("APPLICANT", 0)),
                flow.act("", today()), m.Obligation(obligor=pb.docking.PartyRef(
                    side=pb.docking.PARTY_SIDE_RESPONDENT, position=9), obligee=pb.docking.PartyRef(
                    side=pb.docking.PARTY_SIDE_APPLICANT), due_date=flow.day(today()))], request_id=rid()),
             ["obligations[0].amount_fen", "obligations[0].due_date", "obligations[1].obligee",
              "obligations[2].description", "obligations[3].kind", "obligations[3].obligor"]),
            ("RecordSignature", m.RecordSignatureRequest(request_id=rid()),
             ["agreement_id", "case_id", "etag", "evidence_ref", "form", "item"]),
            ("VoidAgreement", m.VoidAgreementRequest(request_id=rid()), ["agreement_id", "case_id", "etag", "reason"]),
            ("RecordPerformance", m.RecordPerformanceRequest(obligation=-1, amount_fen=-5, request_id=rid()),
             ["agreement_id", "amount_fen", "case_id", "etag", "evidence_ref", "obligation"]),
            ("TerminateMediation", m.TerminateMediationRequest(request_id=rid()), ["case_id", "etag", "reason"]),
            ("ListSessions", m.ListSessionsRequest(), ["case_id"]),
            ("GetAgreement", m.GetAgreementRequest(), ["case_id"]),
        ]
        for method, request, fields in cases:
            with self.subTest(method=method, fields=fields):
                out = call(f"caitiao.v1.MediationService/{method}", request, ROOM)
                self.assertEqual((out.code, sorted(set(out.fields))), (INVALID_ARGUMENT, fields), out)
        rv = pb.review
        for method, request, fields in [
            ("ApplyForReview", rv.ApplyForReviewRequest(request_id=rid()), ["case_id", "etag", "evidence_ref"]),
            ("ApplyForReview", rv.ApplyForReviewRequest(case_id=case.id, etag=etag, evidence_ref="x",
                                                        apply_time={"seconds": int(future.timestamp())},
                                                        request_id=rid()), ["apply_time"]),
            ("GetReview", rv.GetReviewRequest(), ["case_id"]),
            ("ExtendReview", rv.ExtendReviewRequest(request_id=rid()), ["case_id", "etag", "reason"]),
            ("MakeArbitralDocument", rv.MakeArbitralDocumentRequest(request_id=rid()), ["case_id", "etag"]),
            ("RefuseReview", rv.RefuseReviewRequest(request_id=rid()), ["case_id", "etag", "refusal"]),
            ("RecordServiceReceipt", rv.RecordServiceReceiptRequest(
                party=pb.docking.PartyRef(position=-1), request_id=rid()),
             ["case_id", "etag", "evidence_ref", "party"]),
            ("RecordServiceRefusal", rv.RecordServiceRefusalRequest(request_id=rid()),
             ["case_id", "etag", "evidence_ref", "party"]),
        ]:
            with self.subTest(method=method, fields=fields):
                out = call(f"caitiao.v1.ReviewService/{method}", request, STAFF)
                self.assertEqual((out.code, sorted(set(out.fields))), (INVALID_ARGUMENT, fields), out)
        ext = call("caitiao.v1.MediationService/ExtendMediation", m.ExtendMediationRequest(
            consents=[m.PartyConsent(party=pb.docking.PartyRef(side=pb.docking.PARTY_SIDE_APPLICANT))],
            request_id=rid()), ROOM)
        self.assertEqual((ext.code, sorted(set(ext.fields))), (INVALID_ARGUMENT, [
            "case_id", "consents[0].evidence_ref", "days", "etag", "reason"]), ext)
        for method, request, fields in [
            ("FileCase", pb.case_service.FileCaseRequest(request_id=rid()), ["etag", "id"]),
            ("RefuseAcceptance", pb.case_service.RefuseAcceptanceRequest(request_id=rid()), ["etag", "id"]),
            ("CloseCase", pb.case_service.CloseCaseRequest(id=case.id, etag=etag, note="\u202e", request_id=rid()),
             ["manner"]),
        ]:
            with self.subTest(method=method):
                out = call(f"caitiao.v1.CaseService/{method}", request, STAFF)
                self.assertEqual((out.code, sorted(set(out.fields))), (INVALID_ARGUMENT, fields), out)
        self.assertEqual(flow.current_etag(case.id, STAFF), etag, "bad input stores nothing")
        self.assertEqual(len(must(call("caitiao.v1.MediationService/ListSessions", m.ListSessionsRequest(
            case_id=case.id), STAFF)).sessions), 0)


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
