#!/usr/bin/env python3
"""End-to-end security tests of caitiaod, over real gRPC channels with
Debian's python3-grpcio as an independent client:

  * the permission matrix: every RPC the server reflects x every kind of
    principal, in and out of scope -> allowed or refused with the documented
    code and reason, and every refusal in the audit log;
  * credentials: missing, malformed, unknown, expired and revoked tokens;
    issuing (secret shown once, stored only as a hash) and revoking;
  * personal data: masked for everyone by default, never unmasked for
    reporting, unmasked reads audited with their fields; identity numbers
    encrypted at rest and still found by exact lookup; none in the logs;
  * TLS and mutual TLS with certificates made by openssl at test time,
    including a client certificate from an untrusted CA.

    test_security.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
from people import credit_code, resident_id  # noqa: E402

from google.protobuf import descriptor_pb2  # noqa: E402

OK = grpc.StatusCode.OK
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED
UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
UNAVAILABLE = grpc.StatusCode.UNAVAILABLE
RPC_TIMEOUT_S = 30

ARGS = None
SERVER = None
PROTO_OUT = None
pb = None
WUHAN = YICHANG = None  # demo commission ids
DEMO_ROOM_ID = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201"


# ---------------------------------------------------------------------------
# Principals and calls.

from e2e_client import NOBODY, Outcome, Principal, call, message_class, rid  # noqa: E402,F401
import docking_flow as flow  # noqa: E402
import e2e_client  # noqa: E402


def issue(label, role, commissions=(), room="", regions=(), unmask=False, admin=None):
    return e2e_client.issue(admin or ADMIN, label, role, commissions, room, regions, unmask)


# ---------------------------------------------------------------------------
# Case content with valid identity numbers.

def mobile():
    return f"139{random.randrange(10**8):08d}"


def new_case(commission_id, worker_id=None, phone=None):
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    applied = today - datetime.timedelta(days=2)
    case = pb.case.Case(commission_id=commission_id, facts_and_reasons="拖欠工资三个月。")
    case.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="王小明", resident_id_number=worker_id or resident_id(),
                        phone=phone or mobile(), address="武汉市江岸区")
    case.respondents.add(kind=pb.case.PARTY_KIND_EMPLOYER, name="武汉某公司",
                         unified_social_credit_code=credit_code(), phone="027-87654321")
    case.claims.add(dispute_type=pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION, description="支付工资",
                    amount_fen=900000)
    case.application_date.year, case.application_date.month, case.application_date.day = \
        applied.year, applied.month, applied.day
    return pb.case_service.CreateCaseRequest(case=case, route_stage=pb.case.ROUTE_STAGE_RECEIVED, request_id=rid())


def create_case(who=None, **kwargs):
    out = call("caitiao.v1.CaseService/CreateCase", new_case(WUHAN, **kwargs), who or ADMIN)
    if out.code != OK:
        raise RuntimeError(f"cannot create a case: {out}")
    return out.response


# ---------------------------------------------------------------------------
# Reflection: the methods the running server serves.

def reflect_methods(channel):
    """{"pkg.Service/Method": MethodDescriptorProto} over server reflection."""
    stream = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                   request_serializer=None, response_deserializer=None)
    services = [s for s in harness.reflection_list_services(channel) if s.startswith("caitiao.")]
    methods = {}
    for service in services:
        request = harness.encode_bytes_field(4, service)  # file_containing_symbol
        for response in stream(iter([request]), timeout=RPC_TIMEOUT_S):
            for fd_response in harness.field_values(response, 4):  # file_descriptor_response
                for raw in harness.field_values(fd_response, 1):  # file_descriptor_proto
                    fd = descriptor_pb2.FileDescriptorProto.FromString(raw)
                    for s in fd.service:
                        if f"{fd.package}.{s.name}" == service:
                            for m in s.method:
                                methods[f"{service}/{m.name}"] = m
    return methods


ADMIN = Principal("admin")
P = {}  # principal name -> Principal


def setUpModule():
    global SERVER, PROTO_OUT, pb, WUHAN, YICHANG
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    from google.protobuf import descriptor_pool
    pb.pool = descriptor_pool.Default()
    SERVER = harness.CaitiaoServer(ARGS.caitiaod)
    try:
        SERVER.start()
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        out = call("caitiao.v1.DirectoryService/ListCommissions",
                   pb.directory.ListCommissionsRequest(page_size=100), ADMIN)
        demo = {c.region_code: c.id for c in out.response.commissions}
        WUHAN, YICHANG = demo["420100"], demo["420500"]
        P["admin"] = ADMIN
        P["staff"], _ = issue("matrix-wuhan-staff", "arbitration_staff", [WUHAN], unmask=True)
        P["staff_other"], _ = issue("matrix-yichang-staff", "arbitration_staff", [YICHANG])
        P["room"], _ = issue("matrix-room", "room_staff", room=DEMO_ROOM_ID)
        P["reporting"], _ = issue("matrix-reporting", "reporting", regions=["420000"])
        P["reporting_other"], _ = issue("matrix-reporting-yichang", "reporting", regions=["420500"])
        P["funding"], _ = issue("matrix-funding", "funding", regions=["420000"])
        P["funding_other"], _ = issue("matrix-funding-yichang", "funding", regions=["420500"])
        P["drafter"], _ = issue("matrix-funding-drafter", "funding", regions=["420100"])
        P["nobody"] = NOBODY
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


# ---------------------------------------------------------------------------
# 1. The permission matrix.

_region_counter = iter(range(420150, 420199))

ALLOWED = "allowed"  # OK for these requests
DENIED = (PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
HIDDEN_CASE = (NOT_FOUND, "CASE_NOT_FOUND")
HIDDEN_COMMISSION = (NOT_FOUND, "COMMISSION_NOT_FOUND")
ROLES = ("admin", "staff", "staff_other", "room", "reporting", "reporting_other", "funding", "funding_other")


def expect(admin=ALLOWED, staff=DENIED, staff_other=DENIED, room=DENIED, reporting=DENIED, reporting_other=None,
           funding=DENIED, funding_other=None):
    return {"admin": admin, "staff": staff, "staff_other": staff_other, "room": room, "reporting": reporting,
            "reporting_other": reporting if reporting_other is None else reporting_other,
            "funding": funding, "funding_other": funding if funding_other is None else funding_other}


EVERYONE = expect(staff=ALLOWED, staff_other=ALLOWED, room=ALLOWED, reporting=ALLOWED, funding=ALLOWED)
ADMIN_ONLY = expect()
CASE_READ = expect(staff=ALLOWED, staff_other=HIDDEN_CASE, room=HIDDEN_CASE)
CASE_WRITE = expect(staff=ALLOWED, staff_other=HIDDEN_CASE)
REPORT = expect(reporting=ALLOWED)


def fresh_token_id():
    return issue(f"to-revoke-{uuid.uuid4().hex[:6]}", "reporting", regions=["420000"])[1].id


def fresh_mapping_id():
    out = call("caitiao.v1.AccessService/CreateCertificateMapping", pb.access.CreateCertificateMappingRequest(
        subject=f"CN=matrix-{uuid.uuid4().hex},O=Caitiao Test", label="matrix", role=pb.access.ROLE_REPORTING,
        scope=pb.access.AccessScope(region_codes=["420000"]), request_id=rid()), ADMIN)
    assert out.code == OK, out
    return out.response.id


def update_request(case):
    changed = pb.case.Case(id=case.id, etag=case.etag, facts_and_reasons="补充：另有加班费未付。")
    return pb.case_service.UpdateCaseRequest(case=changed, update_mask={"paths": ["facts_and_reasons"]},
                                             request_id=rid())


def new_room():
    d = pb.common.Date(year=2025, month=1, day=1)
    return pb.directory.MediationRoom(
        name=f"矩阵工作室{uuid.uuid4().hex[:8]}", kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM, region_code="420100",
        host_organization="武汉市总工会", commission_ids=[WUHAN], capacity=10, min_mediators=1, opened_on=d)


def fresh_room():
    out = call("caitiao.v1.DirectoryService/CreateRoom",
               pb.directory.CreateRoomRequest(room=new_room(), request_id=rid()), ADMIN)
    assert out.code == OK, out
    return out.response


def new_mediator():
    return pb.directory.Mediator(
        name="调解员矩阵", resident_id_number=resident_id(), source=pb.directory.MEDIATOR_SOURCE_LAWYER,
        certificate_number="矩阵证-1", certificate_expiry=pb.common.Date(year=2028, month=12, day=31),
        term_start=pb.common.Date(year=2025, month=1, day=1), term_end=pb.common.Date(year=2028, month=12, day=31),
        room_ids=[DEMO_ROOM_ID])


def fresh_mediator():
    for _ in range(5):  # a random identity number may, rarely, be taken already
        out = call("caitiao.v1.DirectoryService/CreateMediator",
                   pb.directory.CreateMediatorRequest(mediator=new_mediator(), request_id=rid()), ADMIN)
        if out.reason != "MEDIATOR_EXISTS":
            break
    assert out.code == OK, out
    return out.response


# method -> (request factory, expectations, streaming). A factory makes a new,
# valid request per call (fresh ids and etags), so every allowed call is OK.
def matrix():
    case = create_case()
    mediator = fresh_mediator()
    a = pb.access
    return {
        "caitiao.v1.DirectoryService/CreateRegion": (lambda: pb.directory.CreateRegionRequest(
            region=pb.directory.Region(code=str(next(_region_counter)), name="矩阵测试区",
                                       level=pb.directory.REGION_LEVEL_COUNTY, parent_code="420100"),
            request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/ListRegions": (lambda: pb.directory.ListRegionsRequest(), EVERYONE, False),
        "caitiao.v1.DirectoryService/CreateCommission": (lambda: pb.directory.CreateCommissionRequest(
            commission=pb.directory.Commission(region_code="420600", name=f"矩阵仲裁委{uuid.uuid4().hex[:6]}",
                                               case_number_template="矩〔{year}〕第{seq}号"),
            request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/GetCommission": (lambda: pb.directory.GetCommissionRequest(id=WUHAN),
                                                      EVERYONE, False),
        "caitiao.v1.DirectoryService/ListCommissions": (lambda: pb.directory.ListCommissionsRequest(),
                                                        EVERYONE, False),
        "caitiao.v1.DirectoryService/CreateRoom": (lambda: pb.directory.CreateRoomRequest(
            room=new_room(), request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/UpdateRoom": (lambda: (lambda r: pb.directory.UpdateRoomRequest(
            room=pb.directory.MediationRoom(id=r.id, etag=r.etag, capacity=30), update_mask={"paths": ["capacity"]},
            request_id=rid()))(fresh_room()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/DeactivateRoom": (lambda: (lambda r: pb.directory.DeactivateRoomRequest(
            id=r.id, etag=r.etag, request_id=rid()))(fresh_room()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/GetRoom": (lambda: pb.directory.GetRoomRequest(id=DEMO_ROOM_ID), EVERYONE,
                                                False),
        "caitiao.v1.DirectoryService/ListRooms": (lambda: pb.directory.ListRoomsRequest(), EVERYONE, False),
        "caitiao.v1.DirectoryService/CreateMediator": (lambda: pb.directory.CreateMediatorRequest(
            mediator=new_mediator(), request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/UpdateMediator": (lambda: (lambda m: pb.directory.UpdateMediatorRequest(
            mediator=pb.directory.Mediator(id=m.id, etag=m.etag, training_hours=60),
            update_mask={"paths": ["training_hours"]}, request_id=rid()))(fresh_mediator()), ADMIN_ONLY, False),
        "caitiao.v1.DirectoryService/GetMediator": (lambda: pb.directory.GetMediatorRequest(id=mediator.id),
                                                    EVERYONE, False),
        "caitiao.v1.DirectoryService/ListMediators": (lambda: pb.directory.ListMediatorsRequest(
            room_id=DEMO_ROOM_ID), EVERYONE, False),
        "caitiao.v1.CaseService/CreateCase": (lambda: new_case(WUHAN),
                                              expect(staff=ALLOWED, staff_other=HIDDEN_COMMISSION), False),
        "caitiao.v1.CaseService/GetCase": (lambda: pb.case_service.GetCaseRequest(id=case.id), CASE_READ, False),
        # Lists are scoped rather than refused: staff of another commission
        # and rooms get lists without this case (checked below).
        "caitiao.v1.CaseService/ListCases": (lambda: pb.case_service.ListCasesRequest(),
                                             expect(staff=ALLOWED, staff_other=ALLOWED, room=ALLOWED), False),
        "caitiao.v1.CaseService/UpdateCase": (lambda: update_request(create_case()), CASE_WRITE, False),
        "caitiao.v1.CaseService/WithdrawCase": (lambda: (lambda c: pb.case_service.WithdrawCaseRequest(
            id=c.id, etag=c.etag, reason="已和解", request_id=rid()))(create_case()), CASE_WRITE, False),
        "caitiao.v1.CaseService/ListCaseEvents": (lambda: pb.case_service.ListCaseEventsRequest(case_id=case.id),
                                                  CASE_READ, False),
        "caitiao.v1.ReportingService/SummarizeCases": (lambda: pb.reporting.SummarizeCasesRequest(), REPORT,
                                                       False),
        "caitiao.v1.ReportingService/ExportCases": (lambda: pb.reporting.ExportCasesRequest(
            filter=f'commission_id = "{WUHAN}"'), REPORT, True),
        "caitiao.v1.ReportingService/ListChanges": (lambda: pb.reporting.ListChangesRequest(page_size=5), REPORT,
                                                    False),
        "caitiao.v1.ReportingService/WatchChanges": (lambda: pb.reporting.WatchChangesRequest(), REPORT, "watch"),
        "caitiao.v1.ReportingService/GetDockingReport": (lambda: pb.reporting.GetDockingReportRequest(
            region_code="420100"), expect(reporting=ALLOWED, reporting_other=(NOT_FOUND, "REGION_NOT_FOUND")), False),
        "caitiao.v1.ReportingService/GetMediationShare": (lambda: pb.reporting.GetMediationShareRequest(
            region_code="420100"), expect(reporting=ALLOWED, reporting_other=(NOT_FOUND, "REGION_NOT_FOUND")), False),
        "caitiao.v1.ReportingService/ReviewRooms": (lambda: pb.reporting.ReviewRoomsRequest(region_code="420100"),
                                                    expect(reporting=ALLOWED,
                                                           reporting_other=(NOT_FOUND, "REGION_NOT_FOUND")), False),
        "caitiao.v1.AccessService/IssueToken": (lambda: a.IssueTokenRequest(
            label="matrix-issued", role=a.ROLE_REPORTING, scope=a.AccessScope(region_codes=["420100"]),
            request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.AccessService/ListTokens": (lambda: a.ListTokensRequest(), ADMIN_ONLY, False),
        "caitiao.v1.AccessService/RevokeToken": (lambda: a.RevokeTokenRequest(id=fresh_token_id(), request_id=rid()),
                                                 ADMIN_ONLY, False),
        "caitiao.v1.AccessService/CreateCertificateMapping": (lambda: a.CreateCertificateMappingRequest(
            subject=f"CN=matrix-{uuid.uuid4().hex},O=Caitiao Test", label="matrix", role=a.ROLE_ADMIN,
            request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.AccessService/ListCertificateMappings": (lambda: a.ListCertificateMappingsRequest(),
                                                             ADMIN_ONLY, False),
        "caitiao.v1.AccessService/RevokeCertificateMapping": (lambda: a.RevokeCertificateMappingRequest(
            id=fresh_mapping_id(), request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.AccessService/ListAuditRecords": (lambda: a.ListAuditRecordsRequest(), ADMIN_ONLY, False),
        # PolicyService (its module imported on first use; a future version
        # and a made-up year, so that a repeat call replaces and stays OK).
        "caitiao.v1.PolicyService/SetDeadlinePolicy": (lambda: __import__(
            "caitiao.v1.policy_pb2", fromlist=["_"]).SetDeadlinePolicyRequest(
            region_code="420600", effective_from=pb.common.Date(year=2099, month=1, day=1),
            policy={"pre_filing_mediation_days": 15, "post_filing_mediation_days": 10,
                    "acceptance_working_days": 3, "max_extension_days": 15},
            request_id=rid()), ADMIN_ONLY, False),
        "caitiao.v1.PolicyService/ListDeadlinePolicies": (lambda: __import__(
            "caitiao.v1.policy_pb2", fromlist=["_"]).ListDeadlinePoliciesRequest(), EVERYONE, False),
        "caitiao.v1.PolicyService/GetEffectiveDeadlinePolicy": (lambda: __import__(
            "caitiao.v1.policy_pb2", fromlist=["_"]).GetEffectiveDeadlinePolicyRequest(region_code="420102"),
            EVERYONE, False),
        "caitiao.v1.PolicyService/LoadHolidayCalendar": (lambda: __import__(
            "caitiao.v1.policy_pb2", fromlist=["_"]).LoadHolidayCalendarRequest(
            calendar_text="year 2099\nversion 矩阵测试\nholiday 2099-01-01\n", request_id=rid()),
            ADMIN_ONLY, False),
        "caitiao.v1.PolicyService/ListHolidayCalendars": (lambda: __import__(
            "caitiao.v1.policy_pb2", fromlist=["_"]).ListHolidayCalendarsRequest(), EVERYONE, False),
        **docking_matrix(case),
        **mediation_matrix(),
        **subsidy_matrix(),
        **coverage_matrix(),
    }, case


def coverage_matrix():
    """CoverageService: admins load a (one-line) region list, mark pilots and
    set targets on days far ahead; reporting jobs read Hubei's coverage, one
    of Yichang only is refused it like a province that does not exist."""
    cv, C = pb.coverage, "caitiao.v1.CoverageService/"
    far = pb.common.Date(year=2099, month=1, day=1)
    hidden_province = (NOT_FOUND, "REGION_NOT_FOUND")
    return {
        C + "LoadRegions": (lambda: cv.LoadRegionsRequest(
            csv_text="code,name,level,parent_code\n420000,湖北省,province,\n", request_id=rid()), ADMIN_ONLY, False),
        C + "MarkPilot": (lambda: cv.MarkPilotRequest(region_code="420102", effective_from=far, note="矩阵",
                                                      request_id=rid()), ADMIN_ONLY, False),
        C + "UnmarkPilot": (lambda: cv.UnmarkPilotRequest(region_code="420102", effective_from=far,
                                                          request_id=rid()), ADMIN_ONLY, False),
        C + "SetCoverageTarget": (lambda: cv.SetCoverageTargetRequest(target=cv.CoverageTarget(
            province_code="420000", effective_from=far, pilot_start=far,
            milestones=[cv.CoverageMilestone(after_months=12, all=True)]), request_id=rid()), ADMIN_ONLY, False),
        C + "GetCoverage": (lambda: cv.GetCoverageRequest(province_code="420000"),
                            expect(reporting=ALLOWED, reporting_other=hidden_province), False),
    }


def subsidy_matrix():
    """SubsidyService: standards of Wuhan from later days, entries of Wuhan
    successes in the demo room, batches a third funding officer drafted and
    checked (so that anyone else may approve them), a budget that pays them."""
    sb, S = pb.subsidy, "caitiao.v1.SubsidyService/"
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    quarter = sb.Period(year=today.year, kind=sb.PERIOD_KIND_QUARTER, number=(today.month - 1) // 3 + 1)
    later_days = iter(range(1, 1000))
    flow.must(call(S + "AddBudget", sb.AddBudgetRequest(
        region_code="420100", year=today.year, source=sb.FUNDING_SOURCE_HRSS, amount_fen=10000000000,
        note="矩阵预算", request_id=rid()), ADMIN), "AddBudget")

    def success():
        """A Wuhan case mediated to success with a session: the demo standard pays it."""
        case = flow.mediating_case(create_case, ADMIN, P["room"], admin=ADMIN)
        flow.must(call("caitiao.v1.MediationService/RecordSession", pb.mediation.RecordSessionRequest(
            case_id=case.id, etag=flow.current_etag(case.id, ADMIN), place="调解室", summary="调解",
            mediator_present=True, request_id=rid()), P["room"]), "RecordSession")
        agreement = flow.must(flow.draft(case.id, P["room"], [flow.money(100, today + datetime.timedelta(days=30))],
                                         ADMIN), "DraftAgreement")
        agreement = flow.sign_all(case.id, agreement, P["room"], ADMIN)
        flow.must(flow.perform(case.id, agreement.id, 0, P["room"], amount_fen=100, staff=ADMIN), "perform")
        return case.id

    def entry_of(case_id):
        return flow.must(call(S + "ListLedgerEntries", sb.ListLedgerEntriesRequest(case_id=case_id), ADMIN),
                         "ListLedgerEntries").entries[0]

    def batch(stage):
        success()
        b = flow.must(call(S + "DraftSettlementBatch", sb.DraftSettlementBatchRequest(
            region_code="420100", period=quarter, source=sb.FUNDING_SOURCE_HRSS, request_id=rid()), P["drafter"]),
            "DraftSettlementBatch")
        for method, who in (("Check", P["drafter"]), ("Approve", ADMIN))[:stage]:
            flow.must(call(f"{S}{method}SettlementBatch", getattr(sb, f"{method}SettlementBatchRequest")(
                batch_id=b.id, request_id=rid()), who), method)
        return b.id

    shown = batch(0)
    mediator = entry_of(success()).mediator_id
    hidden_region = (NOT_FOUND, "REGION_NOT_FOUND")
    hidden_batch = (NOT_FOUND, "BATCH_NOT_FOUND")
    money = expect(funding=ALLOWED, funding_other=hidden_region)
    batch_work = expect(funding=ALLOWED, funding_other=hidden_batch)
    ledger_reads = expect(staff=ALLOWED, staff_other=ALLOWED, room=ALLOWED, funding=ALLOWED)
    return {
        S + "CreateSubsidyStandard": (lambda: sb.CreateSubsidyStandardRequest(standard=sb.SubsidyStandard(
            region_code="420100", effective_from=flow.day(today + datetime.timedelta(days=next(later_days))),
            ordinary_fen=60000, basis="武人社规〔2026〕矩阵"), request_id=rid()),
            expect(funding=ALLOWED, funding_other=(NOT_FOUND, "REGION_NOT_FOUND")), False),
        S + "ListSubsidyStandards": (lambda: sb.ListSubsidyStandardsRequest(region_code="420000"), EVERYONE, False),
        S + "GetSubsidyStandard": (lambda: sb.GetSubsidyStandardRequest(region_code="420100"), EVERYONE, False),
        S + "SetCaseTier": (UntilUsed(lambda: (lambda c: sb.SetCaseTierRequest(
            case_id=c.id, etag=c.etag, tier=sb.SUBSIDY_TIER_COMPLEX, reason="案情复杂", request_id=rid()))(
                create_case())), STAFF_CASE_WRITE, False),
        S + "ListLedgerEntries": (lambda: sb.ListLedgerEntriesRequest(), ledger_reads, False),
        S + "ReverseLedgerEntry": (UntilUsed(lambda: sb.ReverseLedgerEntryRequest(
            entry_id=entry_of(success()).id, reason="矩阵冲正", request_id=rid())),
            expect(funding=ALLOWED, funding_other=(NOT_FOUND, "LEDGER_ENTRY_NOT_FOUND")), False),
        S + "AddBudget": (lambda: sb.AddBudgetRequest(region_code="420100", year=today.year,
                                                      source=sb.FUNDING_SOURCE_UNION, amount_fen=100, note="追加",
                                                      request_id=rid()), money, False),
        S + "GetBudget": (lambda: sb.GetBudgetRequest(region_code="420100", year=today.year),
                          expect(funding=ALLOWED, funding_other=hidden_region, reporting=ALLOWED,
                                 reporting_other=hidden_region), False),
        S + "DraftSettlementBatch": (UntilUsed(lambda: (success(), sb.DraftSettlementBatchRequest(
            region_code="420100", period=quarter, source=sb.FUNDING_SOURCE_HRSS, request_id=rid()))[1]),
            money, False),
        S + "CheckSettlementBatch": (UntilUsed(lambda: sb.CheckSettlementBatchRequest(
            batch_id=batch(0), request_id=rid())), batch_work, False),
        S + "ApproveSettlementBatch": (UntilUsed(lambda: sb.ApproveSettlementBatchRequest(
            batch_id=batch(1), request_id=rid())), batch_work, False),
        S + "PaySettlementBatch": (UntilUsed(lambda: sb.PaySettlementBatchRequest(
            batch_id=batch(2), payment_reference="矩阵转账", request_id=rid())), batch_work, False),
        S + "CancelSettlementBatch": (UntilUsed(lambda: sb.CancelSettlementBatchRequest(
            batch_id=batch(0), reason="矩阵撤销", request_id=rid())), batch_work, False),
        S + "GetSettlementBatch": (lambda: sb.GetSettlementBatchRequest(batch_id=shown), batch_work, False),
        S + "GetMediatorStatement": (lambda: sb.GetMediatorStatementRequest(mediator_id=mediator, period=quarter),
                                     ledger_reads, False),
    }


HIDDEN_CONSENT = (NOT_FOUND, "CONSENT_NOT_FOUND")
STAFF_CASE_WRITE = expect(staff=ALLOWED, staff_other=HIDDEN_CASE)
STAFF_CASE_READ = expect(staff=ALLOWED, staff_other=HIDDEN_CASE, room=HIDDEN_CASE)
ROOM_WORK = expect(room=ALLOWED)


class UntilUsed:
    """A request made once and reused until a call succeeds with it: refused
    calls change nothing, so they may share one prepared case (the demo room
    has room for only so many)."""

    def __init__(self, make):
        self.make, self.request = make, None

    def __call__(self):
        if self.request is None:
            self.request = self.make()
        return self.request

    def reset(self):
        self.request = None


def docking_matrix(case):
    """DockingService and RoomService rows: fresh prepared cases per call."""
    d = pb.docking
    flow.must(flow.assess(case.id, ADMIN), "assess the matrix case")
    mediators = flow.demo_mediators(ADMIN)
    assert mediators, "the demo room has no mediator who can take a case"

    def consent_to_withdraw():
        fresh = create_case()
        return flow.consent_all(fresh, ADMIN)[0].id

    def delegated():
        return flow.delegated_case(create_case, ADMIN)[0]

    def accept_request():
        c = delegated()
        return d.AcceptDelegationRequest(case_id=c.id, etag=flow.current_etag(c.id, ADMIN),
                                         mediator_id=mediators[0].id, request_id=rid())

    def decline_request():
        c = delegated()
        return d.DeclineDelegationRequest(case_id=c.id, etag=flow.current_etag(c.id, ADMIN), reason="调解员不足",
                                          request_id=rid())

    return {
        "caitiao.v1.DockingService/RecordConsent": (lambda: d.RecordConsentRequest(
            case_id=create_case().id, party=d.PartyRef(side=d.PARTY_SIDE_APPLICANT, position=0),
            form=d.CONSENT_FORM_WRITTEN, evidence_ref="同意书", request_id=rid()), STAFF_CASE_WRITE, False),
        "caitiao.v1.DockingService/WithdrawConsent": (lambda: d.WithdrawConsentRequest(
            consent_id=consent_to_withdraw(), reason="不愿调解", request_id=rid()),
            expect(staff=ALLOWED, staff_other=HIDDEN_CONSENT, room=HIDDEN_CONSENT), False),
        "caitiao.v1.DockingService/ListConsents": (lambda: d.ListConsentsRequest(case_id=case.id), STAFF_CASE_READ,
                                                   False),
        "caitiao.v1.DockingService/AssessEligibility": (lambda: flow_assess_request(create_case().id),
                                                        STAFF_CASE_WRITE, False),
        "caitiao.v1.DockingService/GetEligibility": (lambda: d.GetEligibilityRequest(case_id=case.id),
                                                     STAFF_CASE_WRITE, False),
        "caitiao.v1.DockingService/ProposeRooms": (lambda: d.ProposeRoomsRequest(case_id=case.id), STAFF_CASE_WRITE,
                                                   False),
        "caitiao.v1.DockingService/DelegateCase": (UntilUsed(lambda: flow.delegate_request(
            flow.ready_case(create_case, ADMIN).id, ADMIN)), STAFF_CASE_WRITE, False),
        "caitiao.v1.DockingService/ListDelegations": (lambda: d.ListDelegationsRequest(case_id=case.id),
                                                      STAFF_CASE_READ, False),
        "caitiao.v1.RoomService/ListRoomQueue": (lambda: d.ListRoomQueueRequest(room_id=flow.DEMO_ROOM_ID), ROOM_WORK,
                                                 False),
        "caitiao.v1.RoomService/AcceptDelegation": (UntilUsed(accept_request), ROOM_WORK, False),
        "caitiao.v1.RoomService/DeclineDelegation": (UntilUsed(decline_request), ROOM_WORK, False),
        "caitiao.v1.RoomService/DeclareConflict": (UntilUsed(lambda: d.DeclareConflictRequest(
            mediator_id=mediators[-1].id, case_id=delegated().id, reason="与被申请人负责人系亲属", request_id=rid())),
            ROOM_WORK, False),
        "caitiao.v1.RoomService/WatchRoomQueue": (lambda: d.WatchRoomQueueRequest(room_id=flow.DEMO_ROOM_ID),
                                                  ROOM_WORK, "watch"),
    }


def mediation_matrix():
    """MediationService, DocumentService and the commission's decisions: a
    few shared cases in the demo room (its capacity is small), each request
    made from the case as it is at the call."""
    m, cs = pb.mediation, pb.case_service
    # These rows keep a dozen cases open in the demo room: give it room.
    room = flow.must(call("caitiao.v1.DirectoryService/GetRoom", pb.directory.GetRoomRequest(id=DEMO_ROOM_ID), ADMIN),
                     "GetRoom")
    flow.must(call("caitiao.v1.DirectoryService/UpdateRoom", pb.directory.UpdateRoomRequest(
        room=pb.directory.MediationRoom(id=room.id, etag=room.etag, capacity=200), update_mask={"paths": ["capacity"]},
        request_id=rid()), ADMIN), "UpdateRoom")
    def mediating():
        return flow.mediating_case(create_case, ADMIN, P["room"], admin=ADMIN)

    def obligations():
        return [flow.money(100, datetime.date.today() + datetime.timedelta(days=30))]

    shared = mediating()
    flow.must(flow.draft(shared.id, ADMIN, obligations()), "draft on the shared case")
    letter = flow.must(call("caitiao.v1.DocumentService/ListDocuments", pb.document.ListDocumentsRequest(
        case_id=shared.id), ADMIN), "ListDocuments").documents[0]
    drafting, signing, voiding = mediating(), mediating(), mediating()
    flow.must(flow.draft(signing.id, ADMIN, obligations()), "draft to sign")

    def agreement_of(case_id):
        out = call("caitiao.v1.MediationService/GetAgreement", m.GetAgreementRequest(case_id=case_id), ADMIN)
        return out.response if out.code == OK else None

    def draft_request():
        current = agreement_of(drafting.id)
        if current is not None:  # void the last one so that a new draft is allowed
            flow.must(call("caitiao.v1.MediationService/VoidAgreement", m.VoidAgreementRequest(
                case_id=drafting.id, etag=flow.current_etag(drafting.id, ADMIN), agreement_id=current.id,
                reason="重拟", request_id=rid()), ADMIN), "VoidAgreement")
        return m.DraftAgreementRequest(case_id=drafting.id, etag=flow.current_etag(drafting.id, ADMIN), terms="协议",
                                       obligations=obligations(), request_id=rid())

    def sign_request():
        current = agreement_of(signing.id)
        return m.RecordSignatureRequest(case_id=signing.id, etag=flow.current_etag(signing.id, ADMIN),
                                        agreement_id=current.id, item=current.missing_signatures[0],
                                        form=m.SIGNATURE_FORM_SIGNATURE, evidence_ref="原件", request_id=rid())

    def void_request():
        current = agreement_of(voiding.id) or flow.must(flow.draft(voiding.id, ADMIN, obligations()), "draft")
        return m.VoidAgreementRequest(case_id=voiding.id, etag=flow.current_etag(voiding.id, ADMIN),
                                      agreement_id=current.id, reason="重拟", request_id=rid())

    def perform_request():
        case_id, agreement = flow.effective_case(create_case, ADMIN, P["room"], obligations(), admin=ADMIN)
        return m.RecordPerformanceRequest(case_id=case_id, etag=flow.current_etag(case_id, ADMIN),
                                          agreement_id=agreement.id, obligation=0, amount_fen=100,
                                          evidence_ref="流水", request_id=rid())

    def terminate_request():
        c = mediating()
        return m.TerminateMediationRequest(case_id=c.id, etag=flow.current_etag(c.id, ADMIN),
                                           reason=pb.case.MEDIATION_FAILURE_PARTY_REFUSED, request_id=rid())

    def filed():
        request = new_case(WUHAN)
        request.route_stage = pb.case.ROUTE_STAGE_FILED
        return flow.must(call("caitiao.v1.CaseService/CreateCase", request, ADMIN), "CreateCase")

    rv = pb.review

    def effective_case():
        return flow.effective_case(create_case, ADMIN, P["room"], obligations(), admin=ADMIN)[0]

    def under_review():
        case_id = effective_case()
        flow.must(call("caitiao.v1.ReviewService/ApplyForReview", rv.ApplyForReviewRequest(
            case_id=case_id, etag=flow.current_etag(case_id, ADMIN), evidence_ref="联合申请书", request_id=rid()),
            ADMIN), "ApplyForReview")
        return case_id

    def in_service():
        case_id = under_review()
        flow.must(call("caitiao.v1.ReviewService/MakeArbitralDocument", rv.MakeArbitralDocumentRequest(
            case_id=case_id, etag=flow.current_etag(case_id, ADMIN), request_id=rid()), ADMIN), "MakeArbitralDocument")
        return case_id

    # Receipts: the next party of one case in service (two parties, two successes).
    serving = in_service()

    def receipt_request():
        done = {r.item for r in call("caitiao.v1.ReviewService/GetReview", rv.GetReviewRequest(case_id=serving),
                                     ADMIN).response.receipts}
        side = "APPLICANT" if "APPLICANT/0" not in done else "RESPONDENT"
        return rv.RecordServiceReceiptRequest(case_id=serving, etag=flow.current_etag(serving, ADMIN),
                                              party=pb.docking.PartyRef(side=pb.docking.PartySide.Value(
                                                  f"PARTY_SIDE_{side}")), evidence_ref="送达回证", request_id=rid())

    reviewed = under_review()

    def with_etag(request_type, case_id, **fields):
        return lambda: request_type(case_id=case_id, etag=flow.current_etag(case_id, ADMIN), request_id=rid(),
                                    **fields)

    def fresh(request_type, make_case, **fields):
        return UntilUsed(lambda: (lambda c: request_type(case_id=c, etag=flow.current_etag(c, ADMIN),
                                                         request_id=rid(), **fields))(make_case()))

    review_rows = {
        "caitiao.v1.ReviewService/ApplyForReview": (fresh(rv.ApplyForReviewRequest, effective_case,
                                                          evidence_ref="联合申请书"), STAFF_CASE_WRITE, False),
        "caitiao.v1.ReviewService/GetReview": (lambda: rv.GetReviewRequest(case_id=reviewed),
                                               expect(staff=ALLOWED, staff_other=HIDDEN_CASE, room=ALLOWED), False),
        "caitiao.v1.ReviewService/ExtendReview": (fresh(rv.ExtendReviewRequest, under_review, reason="需补充材料"),
                                                  STAFF_CASE_WRITE, False),
        "caitiao.v1.ReviewService/MakeArbitralDocument": (fresh(rv.MakeArbitralDocumentRequest, under_review),
                                                          STAFF_CASE_WRITE, False),
        "caitiao.v1.ReviewService/RefuseReview": (fresh(rv.RefuseReviewRequest, under_review,
                                                        refusal=rv.REVIEW_REFUSAL_UNCLEAR), STAFF_CASE_WRITE, False),
        "caitiao.v1.ReviewService/RecordServiceReceipt": (UntilUsed(receipt_request), STAFF_CASE_WRITE, False),
        "caitiao.v1.ReviewService/RecordServiceRefusal": (fresh(rv.RecordServiceRefusalRequest, in_service,
                                                                party=pb.docking.PartyRef(
                                                                    side=pb.docking.PARTY_SIDE_RESPONDENT),
                                                                evidence_ref="拒签"), STAFF_CASE_WRITE, False),
    }
    del with_etag

    room_reads = expect(staff=ALLOWED, staff_other=HIDDEN_CASE, room=ALLOWED)
    hidden_document = (NOT_FOUND, "DOCUMENT_NOT_FOUND")
    return {
        "caitiao.v1.MediationService/RecordSession": (lambda: m.RecordSessionRequest(
            case_id=shared.id, etag=flow.current_etag(shared.id, ADMIN), place="调解室", summary="第一次调解",
            mediator_present=True, request_id=rid()), ROOM_WORK, False),
        "caitiao.v1.MediationService/ExtendMediation": (UntilUsed(lambda: (lambda c: m.ExtendMediationRequest(
            case_id=c.id, etag=flow.current_etag(c.id, ADMIN), days=5, reason="双方同意", consents=[
                m.PartyConsent(party=pb.docking.PartyRef(side=pb.docking.PARTY_SIDE_APPLICANT), evidence_ref="同意"),
                m.PartyConsent(party=pb.docking.PartyRef(side=pb.docking.PARTY_SIDE_RESPONDENT), evidence_ref="同意")],
            request_id=rid()))(mediating())), ROOM_WORK, False),
        "caitiao.v1.MediationService/ListSessions": (lambda: m.ListSessionsRequest(case_id=shared.id), room_reads,
                                                     False),
        "caitiao.v1.MediationService/DraftAgreement": (draft_request, ROOM_WORK, False),
        "caitiao.v1.MediationService/GetAgreement": (lambda: m.GetAgreementRequest(case_id=shared.id), room_reads,
                                                     False),
        "caitiao.v1.MediationService/RecordSignature": (UntilUsed(sign_request), ROOM_WORK, False),
        "caitiao.v1.MediationService/VoidAgreement": (UntilUsed(void_request), ROOM_WORK, False),
        "caitiao.v1.MediationService/RecordPerformance": (UntilUsed(perform_request), ROOM_WORK, False),
        "caitiao.v1.MediationService/TerminateMediation": (UntilUsed(terminate_request), ROOM_WORK, False),
        "caitiao.v1.DocumentService/GetDocument": (lambda: pb.document.GetDocumentRequest(id=letter.id),
                                                   expect(staff=ALLOWED, staff_other=hidden_document, room=ALLOWED),
                                                   False),
        "caitiao.v1.DocumentService/ListDocuments": (lambda: pb.document.ListDocumentsRequest(case_id=shared.id),
                                                     room_reads, False),
        "caitiao.v1.DocumentService/VerifyDocument": (lambda: pb.document.VerifyDocumentRequest(
            number=letter.number, sha256=letter.sha256), expect(staff=ALLOWED, staff_other=hidden_document,
                                                               room=ALLOWED), False),
        "caitiao.v1.CaseService/FileCase": (UntilUsed(lambda: (lambda c: cs.FileCaseRequest(
            id=c.id, etag=c.etag, request_id=rid()))(create_case())), CASE_WRITE, False),
        "caitiao.v1.CaseService/RefuseAcceptance": (UntilUsed(lambda: (lambda c: cs.RefuseAcceptanceRequest(
            id=c.id, etag=c.etag, reason="不属于本委管辖", request_id=rid()))(create_case())), CASE_WRITE, False),
        "caitiao.v1.CaseService/CloseCase": (UntilUsed(lambda: (lambda c: cs.CloseCaseRequest(
            id=c.id, etag=c.etag, manner=pb.case.CLOSING_MANNER_AWARD, request_id=rid()))(filed())),
            CASE_WRITE, False),
        **review_rows,
    }


def flow_assess_request(case_id):
    d = pb.docking
    return d.AssessEligibilityRequest(
        case_id=case_id, etag=flow.current_etag(case_id, ADMIN), within_arbitration_scope=flow.passed(),
        acceptance_dispute_type=flow.passed(), acceptance_clear_claim=flow.passed(), acceptance_parties=flow.passed(),
        acceptance_jurisdiction=flow.passed(), suitable_for_mediation=flow.passed("双方有调解意愿"), request_id=rid())


def audit_records(**filters):
    records, token = [], ""
    while True:
        out = call("caitiao.v1.AccessService/ListAuditRecords",
                   pb.access.ListAuditRecordsRequest(page_size=1000, page_token=token, **filters), ADMIN)
        assert out.code == OK, out
        records.extend(out.response.records)
        token = out.response.next_page_token
        if not token:
            return records


class PermissionMatrixTest(unittest.TestCase):

    def test_every_rpc_for_every_principal_in_and_out_of_scope(self):
        table, case = matrix()
        served = reflect_methods(SERVER.channel)
        self.assertEqual(set(served), set(table),
                         "the server's RPCs and this matrix differ: add the new RPC to the matrix (and to the "
                         "server's permission table)")
        refused, mutated = [], []
        for method, (make_request, expectations, streaming) in sorted(table.items()):
            for role in ROLES + ("nobody",):
                want = (UNAUTHENTICATED, "CREDENTIALS_MISSING") if role == "nobody" else expectations[role]
                with self.subTest(method=method, principal=role):
                    # A watch streams until its deadline; a short one ends it cleanly.
                    out = call(method, make_request(), P[role], streaming=bool(streaming),
                               timeout=2 if streaming == "watch" else e2e_client.RPC_TIMEOUT_S)
                    self.assertRegex(out.request_id or "", r"^[0-9a-f]{32}$")
                    if out.code == OK and hasattr(make_request, "reset"):
                        make_request.reset()
                    if want == ALLOWED:
                        self.assertEqual(out.code, OK, out)
                        if served[method].input_type.endswith("Request") and "request_id" in \
                                pb.pool.FindMessageTypeByName(served[method].input_type.lstrip(".")).fields_by_name:
                            mutated.append((method, out.request_id))
                    else:
                        self.assertEqual((out.code, out.reason), want, out)
                        if out.code in (PERMISSION_DENIED, UNAUTHENTICATED):
                            refused.append((method, role, out.request_id))
        # Scoped lists show only what is in scope.
        for role in ("staff_other", "room"):
            listed = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(page_size=1000),
                          P[role])
            self.assertNotIn(case.id, [c.id for c in listed.response.cases], role)
        yichang_report = call("caitiao.v1.ReportingService/ExportCases", pb.reporting.ExportCasesRequest(),
                              P["reporting_other"], streaming=True)
        self.assertNotIn(case.id, [r.case.id for r in yichang_report.response])
        # Every refusal and every change is in the audit log.
        # A refusal of a kind (peer, caller, method, reason) already refused
        # in the last 10 s (by another test, say) is folded: counted in one
        # record with `repeats`, written when the interval ends, which
        # carries the request id of the last refusal it folded.
        def unaccounted(records):
            audited = {r.request_id: r for r in records}
            folded = {(r.method, r.principal == "-") for r in records if r.repeats > 0}
            return [(method, role, request_id) for method, role, request_id in refused
                    if request_id not in audited and (method, role == "nobody") not in folded]
        records = audit_records()
        deadline = time.monotonic() + 15
        while unaccounted(records) and time.monotonic() < deadline:
            time.sleep(0.5)
            records = audit_records()
        audited = {r.request_id: r for r in records}
        self.assertEqual(unaccounted(records), [], "refused calls missing from the audit log, neither written "
                                                   "nor folded")
        for method, role, request_id in refused:
            if request_id not in audited:
                continue  # folded, counted above
            with self.subTest(refusal=(method, role)):
                record = audited[request_id]
                self.assertEqual(record.method, method)
                self.assertIn(record.outcome, ("PERMISSION_DENIED", "UNAUTHENTICATED"))
                self.assertEqual(record.principal == "-", role == "nobody")
        for method, request_id in mutated:
            with self.subTest(change=method):
                self.assertIn(request_id, audited, "a change is missing from the audit log")
                self.assertEqual(audited[request_id].outcome, "OK")

    def test_room_staff_read_a_case_once_it_is_delegated_to_their_room(self):
        case = flow.ready_case(create_case, ADMIN)
        get = pb.case_service.GetCaseRequest(id=case.id)
        self.assertEqual(call("caitiao.v1.CaseService/GetCase", get, P["room"]).reason, "CASE_NOT_FOUND")
        delegation = flow.must(call("caitiao.v1.DockingService/DelegateCase",
                                    flow.delegate_request(case.id, ADMIN), ADMIN), "DelegateCase")
        self.assertEqual(call("caitiao.v1.CaseService/GetCase", get, P["room"]).code, OK)
        listed = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(page_size=1000), P["room"])
        self.assertIn(case.id, [c.id for c in listed.response.cases])
        self.assertEqual(call("caitiao.v1.CaseService/WithdrawCase", pb.case_service.WithdrawCaseRequest(
            id=case.id, etag=delegation.case_etag, reason="x", request_id=rid()), P["room"]).reason,
            "ROLE_NOT_ALLOWED")


# ---------------------------------------------------------------------------
# 2. Credentials.

class CredentialTest(unittest.TestCase):

    def test_access_and_reporting_rpcs_name_the_bad_fields(self):
        a, r = pb.access, pb.reporting
        cases = [
            ("AccessService/RevokeToken", a.RevokeTokenRequest(request_id=rid()), ["id"]),
            ("AccessService/RevokeCertificateMapping", a.RevokeCertificateMappingRequest(request_id=rid()), ["id"]),
            ("AccessService/CreateCertificateMapping", a.CreateCertificateMappingRequest(
                label="x", role=a.ROLE_ADMIN, request_id=rid()), ["subject"]),
            ("AccessService/IssueToken", a.IssueTokenRequest(label="x", role=a.ROLE_ADMIN), ["request_id"]),
            ("AccessService/ListTokens", a.ListTokensRequest(page_size=-1), ["page_size"]),
            ("AccessService/ListTokens", a.ListTokensRequest(page_token="garbage"), ["page_token"]),
            ("AccessService/ListCertificateMappings", a.ListCertificateMappingsRequest(page_token="garbage"),
             ["page_token"]),
            ("AccessService/ListAuditRecords", a.ListAuditRecordsRequest(page_token="garbage"), ["page_token"]),
            ("AccessService/ListAuditRecords", a.ListAuditRecordsRequest(principal="\x01"), ["principal"]),
            ("ReportingService/SummarizeCases", r.SummarizeCasesRequest(filter="state = ARCHIVED"), ["filter"]),
        ]
        for method, request, fields in cases:
            with self.subTest(method=method, fields=fields):
                out = call(f"caitiao.v1.{method}", request, ADMIN)
                self.assertEqual((out.code, out.fields), (INVALID_ARGUMENT, fields), out)
                self.assertTrue(out.message)

    def test_a_bad_resume_token_names_its_field(self):
        out = call("caitiao.v1.ReportingService/ExportCases", pb.reporting.ExportCasesRequest(resume_token="garbage"),
                   P["reporting"], streaming=True)
        self.assertEqual((out.code, out.reason, out.fields), (INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["resume_token"]))

    def assertRefused(self, who, reason):
        out = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(), who)
        self.assertEqual((out.code, out.reason), (UNAUTHENTICATED, reason), out)
        return out

    def test_missing_malformed_and_unknown_tokens(self):
        self.assertRefused(NOBODY, "CREDENTIALS_MISSING")
        for token in ("ct1.short", "Basic abc", "ct2." + "A" * 43, "ct1." + "A" * 42 + "!", "ct1." + "A" * 44):
            with self.subTest(token=token):
                self.assertRefused(Principal("bad", token), "TOKEN_MALFORMED")
        self.assertRefused(Principal("unknown", "ct1." + "A" * 43), "TOKEN_UNKNOWN")
        stub = SERVER.channel.unary_unary("/caitiao.v1.CaseService/ListCases",
                                          request_serializer=lambda m: m.SerializeToString(),
                                          response_deserializer=pb.case_service.ListCasesResponse.FromString)
        for header in ("Bearer", "Token " + ADMIN.token, ADMIN.token):
            with self.subTest(header=header[:10]):
                with self.assertRaises(grpc.RpcError) as raised:
                    stub(pb.case_service.ListCasesRequest(), metadata=[("authorization", header)],
                         timeout=RPC_TIMEOUT_S)
                self.assertEqual(raised.exception.code(), UNAUTHENTICATED)

    def test_expired_token(self):
        who, token = issue("soon-expired", "arbitration_staff", [WUHAN])
        SERVER.psql(f"UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = '{token.id}'")
        out = self.assertRefused(who, "TOKEN_EXPIRED")
        self.assertIn("expired", out.message)

    def test_revoked_token_is_refused_at_once_and_revoking_again_is_harmless(self):
        who, token = issue("to-revoke", "arbitration_staff", [WUHAN])
        self.assertEqual(call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(), who).code, OK)
        for _ in range(2):
            out = call("caitiao.v1.AccessService/RevokeToken",
                       pb.access.RevokeTokenRequest(id=token.id, request_id=rid()), ADMIN)
            self.assertEqual(out.code, OK, out)
            self.assertTrue(out.response.HasField("revoke_time"))
        refused = self.assertRefused(who, "TOKEN_REVOKED")
        record = [r for r in audit_records(refused_only=True) if r.request_id == refused.request_id]
        self.assertEqual([r.principal for r in record], [f"token/{token.id}"], "the audit names the dead token")
        missing = call("caitiao.v1.AccessService/RevokeToken",
                       pb.access.RevokeTokenRequest(id=str(uuid.uuid4()), request_id=rid()), ADMIN)
        self.assertEqual((missing.code, missing.reason), (NOT_FOUND, "TOKEN_NOT_FOUND"))

    def test_secret_is_shown_once_and_stored_only_as_a_hash(self):
        request = pb.access.IssueTokenRequest(label="shown-once", role=pb.access.ROLE_REPORTING,
                                              scope=pb.access.AccessScope(region_codes=["420100"]),
                                              request_id=rid())
        first = call("caitiao.v1.AccessService/IssueToken", request, ADMIN)
        self.assertEqual(first.code, OK, first)
        secret = first.response.secret
        self.assertRegex(secret, r"^ct1\.[A-Za-z0-9_-]{43}$")
        retry = call("caitiao.v1.AccessService/IssueToken", request, ADMIN)
        self.assertEqual(retry.response.token.id, first.response.token.id, "a retry issues no second token")
        self.assertEqual(retry.response.secret, "", "the secret is never shown again")
        listed = call("caitiao.v1.AccessService/ListTokens", pb.access.ListTokensRequest(page_size=1000), ADMIN)
        self.assertNotIn(secret.encode(), listed.response.SerializeToString())
        self.assertIn(first.response.token.id, [t.id for t in listed.response.tokens])
        tail = secret[4:]
        self.assertEqual(SERVER.psql(
            f"SELECT count(*) FROM api_tokens t WHERE t::text LIKE '%{tail}%'"
            f" OR encode(secret_hash, 'escape') LIKE '%{tail}%'").strip(), "0")
        self.assertEqual(SERVER.psql(
            f"SELECT count(*) FROM idempotency_keys k WHERE encode(k.response, 'escape') LIKE '%{tail}%'").strip(),
            "0", "the stored retry answer must not hold the secret")
        self.assertNotIn(tail, SERVER.read_log())

    def test_grants_are_checked(self):
        a = pb.access
        cases = [
            (a.IssueTokenRequest(label="x", role=a.ROLE_REPORTING, scope=a.AccessScope(region_codes=["420000"]),
                                 unmask_personal_data=True), INVALID_ARGUMENT, ["unmask_personal_data"]),
            (a.IssueTokenRequest(label="x", role=a.ROLE_ARBITRATION_STAFF), INVALID_ARGUMENT,
             ["scope.commission_ids"]),
            (a.IssueTokenRequest(label="x", role=a.ROLE_ROOM_STAFF, scope=a.AccessScope(room_id="room-1")),
             INVALID_ARGUMENT, ["scope.room_id"]),
            (a.IssueTokenRequest(label="", role=a.ROLE_ADMIN), INVALID_ARGUMENT, ["label"]),
            (a.IssueTokenRequest(label="x", role=a.ROLE_ADMIN, ttl={"seconds": 60}), INVALID_ARGUMENT, ["ttl"]),
            (a.IssueTokenRequest(label="x", role=99), INVALID_ARGUMENT, ["role"]),
            (a.IssueTokenRequest(label="x", role=a.ROLE_ARBITRATION_STAFF,
                                 scope=a.AccessScope(commission_ids=[str(uuid.uuid4())])), NOT_FOUND,
             ["scope.commission_ids[0]"]),
            (a.IssueTokenRequest(label="x", role=a.ROLE_REPORTING, scope=a.AccessScope(region_codes=["429999"])),
             NOT_FOUND, ["scope.region_codes[0]"]),
        ]
        for request, code, fields in cases:
            with self.subTest(request=str(request).replace("\n", " ")):
                request.request_id = rid()
                out = call("caitiao.v1.AccessService/IssueToken", request, ADMIN)
                self.assertEqual(out.code, code, out)
                self.assertEqual(out.fields, fields)


# ---------------------------------------------------------------------------
# 3. Personal data.

class PersonalDataTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.worker_id, cls.phone = resident_id(), mobile()
        cls.case = create_case(P["staff"], worker_id=cls.worker_id, phone=cls.phone)

    def secrets(self):
        return (self.worker_id.encode(), self.phone.encode())

    def assertNoPersonalData(self, blob, what):
        for secret in self.secrets():
            self.assertNotIn(secret, blob, f"{what} reveals {secret!r}")

    def test_every_response_masks_by_default(self):
        self.assertNoPersonalData(self.case.SerializeToString(), "CreateCase")
        self.assertTrue(self.case.personal_data_masked)
        self.assertEqual(self.case.applicants[0].resident_id_number, self.worker_id[:6] + "*" * 8 + self.worker_id[-4:])
        self.assertEqual(self.case.applicants[0].phone, self.phone[:3] + "****" + self.phone[-4:])
        for who in ("admin", "staff"):
            got = call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=self.case.id), P[who])
            self.assertNoPersonalData(got.response.SerializeToString(), f"GetCase for {who}")
            listed = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(), P[who])
            self.assertNoPersonalData(listed.response.SerializeToString(), f"ListCases for {who}")

    def test_reporting_exports_carry_no_names_addresses_or_narratives_of_people(self):
        request = new_case(WUHAN)
        worker = request.case.applicants[0]
        worker.name, worker.address = "欧阳建国", "武汉市江岸区解放大道1000号3栋502室"
        worker.agents.add(name="孙立平", kind=pb.case.AGENT_KIND_LAWYER, phone="13911112222")
        request.case.facts_and_reasons = "欧阳建国住解放大道1000号，被申请人拖欠其工资。"
        case = flow.must(call("caitiao.v1.CaseService/CreateCase", request, P["staff"]), "CreateCase")
        exported = call("caitiao.v1.ReportingService/ExportCases", pb.reporting.ExportCasesRequest(),
                        P["reporting"], streaming=True)
        [row] = [r.case for r in exported.response if r.case.id == case.id]
        shown = row.applicants[0]
        self.assertEqual((shown.name, shown.address, shown.agents[0].name), ("欧**国", "武汉市江岸区", "孙*平"))
        self.assertEqual(row.facts_and_reasons, "", "free text that names people stays out of reports")
        self.assertEqual(row.respondents[0].name, "武汉某公司", "employers' names may appear")
        blob = row.SerializeToString()
        for secret in ("欧阳建国", "孙立平", "解放大道", worker.resident_id_number, worker.phone, "13911112222"):
            self.assertNotIn(secret.encode(), blob, secret)

    def test_reporting_never_sees_identity_numbers_or_phones_in_any_response(self):
        reporting = P["reporting"]
        outcomes = [
            call("caitiao.v1.ReportingService/ExportCases", pb.reporting.ExportCasesRequest(), reporting,
                 streaming=True),
            call("caitiao.v1.ReportingService/SummarizeCases", pb.reporting.SummarizeCasesRequest(), reporting),
            call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(
                id=self.case.id, unmask_personal_data=True), reporting),
            call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(), reporting),
            call("caitiao.v1.DirectoryService/ListCommissions", pb.directory.ListCommissionsRequest(), reporting),
            call("caitiao.v1.ReportingService/ListChanges", pb.reporting.ListChangesRequest(page_size=1000),
                 reporting),
            call("caitiao.v1.ReportingService/GetDockingReport", pb.reporting.GetDockingReportRequest(
                region_code="420000", breakdown=pb.reporting.REPORT_DIMENSION_MEDIATOR, by_month=True), reporting),
            call("caitiao.v1.ReportingService/GetMediationShare", pb.reporting.GetMediationShareRequest(
                region_code="420000"), reporting),
            call("caitiao.v1.ReportingService/ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code="420000"),
                 reporting),
        ]
        exported = outcomes[0].response
        self.assertIn(self.case.id, [r.case.id for r in exported])
        self.assertTrue(all(r.case.personal_data_masked for r in exported))
        for out in outcomes:
            blob = b"".join(r.SerializeToString() for r in out.response) if isinstance(out.response, list) else \
                (out.response.SerializeToString() if out.response is not None else out.message.encode())
            self.assertNoPersonalData(blob, repr(out))
        lookup = call("caitiao.v1.ReportingService/SummarizeCases", pb.reporting.SummarizeCasesRequest(
            filter=f'party_resident_id_number = "{self.worker_id}"'), reporting)
        self.assertEqual((lookup.code, lookup.reason), (PERMISSION_DENIED, "FILTER_NOT_ALLOWED"))

    def test_unmasked_read_needs_the_permission_and_is_audited_with_its_fields(self):
        plain_staff, _ = issue("no-unmask", "arbitration_staff", [WUHAN])
        ask = pb.case_service.GetCaseRequest(id=self.case.id, unmask_personal_data=True)
        refused = call("caitiao.v1.CaseService/GetCase", ask, plain_staff)
        self.assertEqual((refused.code, refused.reason), (PERMISSION_DENIED, "UNMASK_NOT_ALLOWED"))
        got = call("caitiao.v1.CaseService/GetCase", ask, P["staff"])
        self.assertEqual(got.code, OK, got)
        self.assertFalse(got.response.personal_data_masked)
        self.assertEqual(got.response.applicants[0].resident_id_number, self.worker_id)
        self.assertEqual(got.response.applicants[0].phone, self.phone)
        records = [r for r in audit_records(unmasked_only=True) if r.request_id == got.request_id]
        self.assertEqual(len(records), 1, "the unmasked read is recorded once")
        record = records[0]
        self.assertEqual(record.resource, f"cases/{self.case.id}")
        self.assertEqual(record.method, "caitiao.v1.CaseService/GetCase")
        self.assertTrue(record.principal.startswith("token/"))
        self.assertEqual(list(record.unmasked_fields), ["applicants[0].resident_id_number", "applicants[0].phone",
                                                        "respondents[0].phone"])
        refusals = [r for r in audit_records(refused_only=True) if r.request_id == refused.request_id]
        self.assertEqual([r.reason for r in refusals], ["UNMASK_NOT_ALLOWED"])

    def test_identity_numbers_are_encrypted_at_rest_and_found_by_exact_lookup(self):
        self.assertEqual(SERVER.psql(
            f"SELECT count(*) FROM case_parties p WHERE p::text LIKE '%{self.worker_id}%'").strip(), "0")
        self.assertEqual(SERVER.psql(
            f"SELECT count(*) FROM case_parties p JOIN cases c ON c.id = p.case_id "
            f"WHERE c.id = '{self.case.id}' AND p.resident_id_number_enc IS NOT NULL "
            f"AND p.resident_id_number_hash IS NOT NULL").strip(), "1")
        found = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(
            filter=f'party_resident_id_number = "{self.worker_id}"'), P["staff"])
        self.assertEqual([c.id for c in found.response.cases], [self.case.id])
        self.assertNoPersonalData(found.response.SerializeToString(), "ListCases by identity number")
        other = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(
            filter=f'party_resident_id_number = "{self.worker_id}"'), P["staff_other"])
        self.assertEqual(list(other.response.cases), [], "the lookup stays within the caller's scope")

    def test_a_server_with_another_data_key_refuses_to_start(self):
        folder = tempfile.mkdtemp(prefix="caitiao-e2e-key-")
        self.addCleanup(shutil.rmtree, folder, True)
        dsn = f"host={SERVER.cluster_dir}/run port=5432 user=postgres dbname=caitiao"
        env = dict(os.environ, CAITIAO_DATA_KEY=os.urandom(32).hex())
        result = subprocess.run([ARGS.caitiaod, f"--database={dsn}", f"--data_dir={folder}", "--listen=127.0.0.1:0"],
                                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DATA_KEY_MISMATCH", result.stderr)
        got = call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(id=self.case.id), P["staff"])
        self.assertEqual(got.code, OK, "the running server is unaffected")

    def test_no_personal_data_or_secrets_in_the_server_log(self):
        call("caitiao.v1.CaseService/GetCase", pb.case_service.GetCaseRequest(
            id=self.case.id, unmask_personal_data=True), P["staff"])
        log = SERVER.read_log()
        for secret in (self.worker_id, self.phone, P["staff"].token[4:], ADMIN.token[4:]):
            self.assertNotIn(secret, log)


# ---------------------------------------------------------------------------
# 4. TLS and mutual TLS.

def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder):
    """A CA, a server certificate for 127.0.0.1, a client certificate from the
    CA, and a client certificate from another (untrusted) CA."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for ca in ("ca", "rogue-ca"):
        openssl("req", "-x509", *ec, "-keyout", f"{ca}.key", "-out", f"{ca}.pem", "-days", "2",
                "-subj", f"/CN=Caitiao Test {ca}", cwd=folder)
    with open(os.path.join(folder, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    with open(os.path.join(folder, "client.ext"), "w") as f:
        f.write("extendedKeyUsage=clientAuth\n")
    for name, ca, subject, ext in (("server", "ca", "/CN=localhost", "server.ext"),
                                   ("client", "ca", "/C=CN/O=Caitiao Test/CN=wuhan-clerk-01", "client.ext"),
                                   ("rogue", "rogue-ca", "/C=CN/O=Caitiao Test/CN=wuhan-clerk-01", "client.ext")):
        openssl("req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", subject, cwd=folder)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
                "-CAcreateserial", "-out", f"{name}.pem", "-days", "2", "-extfile", ext, cwd=folder)

    def read(name):
        with open(os.path.join(folder, name), "rb") as f:
            return f.read()
    return read


class TlsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.certs = tempfile.mkdtemp(prefix="caitiao-e2e-certs-")
        cls.read = staticmethod(make_certificates(cls.certs))
        cls.path = staticmethod(lambda name: os.path.join(cls.certs, name))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.certs, ignore_errors=True)

    def start(self, mutual):
        args = [f"--tls_cert={self.path('server.pem')}", f"--tls_key={self.path('server.key')}"]
        credentials = grpc.ssl_channel_credentials(root_certificates=self.read("ca.pem"))
        if mutual:
            args.append(f"--tls_client_ca={self.path('ca.pem')}")
            credentials = self.client_credentials("client")
        server = harness.CaitiaoServer(ARGS.caitiaod, extra_args=args, channel_credentials=credentials)
        server.start()
        self.addCleanup(server.stop)
        return server

    def client_credentials(self, name):
        return grpc.ssl_channel_credentials(root_certificates=self.read("ca.pem"),
                                            private_key=self.read(f"{name}.key"),
                                            certificate_chain=self.read(f"{name}.pem"))

    def list_commissions(self, channel, who):
        return call("caitiao.v1.DirectoryService/ListCommissions", pb.directory.ListCommissionsRequest(), who,
                    channel=channel)

    def test_tls_serves_token_holders_and_refuses_plaintext(self):
        server = self.start(mutual=False)
        admin = Principal("tls-admin", server.token("admin"))
        self.assertEqual(self.list_commissions(server.channel, admin).code, OK)
        self.assertEqual(self.list_commissions(server.channel, NOBODY).reason, "CREDENTIALS_MISSING")
        plaintext = server.new_channel()
        self.addCleanup(plaintext.close)
        self.assertEqual(self.list_commissions(plaintext, admin).code, UNAVAILABLE)
        self.assertIn("transport=tls", server.read_log())

    def test_mutual_tls_maps_certificate_subjects_and_refuses_untrusted_ones(self):
        server = self.start(mutual=True)
        clerk = Principal("certificate only")  # no token: the certificate speaks
        unmapped = self.list_commissions(server.channel, clerk)
        self.assertEqual((unmapped.code, unmapped.reason), (UNAUTHENTICATED, "CERTIFICATE_NOT_MAPPED"))
        subject = "CN=wuhan-clerk-01,O=Caitiao Test,C=CN"
        self.assertIn(subject, unmapped.message)
        admin = Principal("mtls-admin", server.token("admin"))  # a token wins over the certificate
        mapped = call("caitiao.v1.AccessService/CreateCertificateMapping", pb.access.CreateCertificateMappingRequest(
            subject=subject, label="wuhan clerk 01", role=pb.access.ROLE_REPORTING,
            scope=pb.access.AccessScope(region_codes=["420100"]), request_id=rid()), admin, channel=server.channel)
        self.assertEqual(mapped.code, OK, mapped)
        self.assertEqual(self.list_commissions(server.channel, clerk).code, OK)
        summary = call("caitiao.v1.ReportingService/SummarizeCases", pb.reporting.SummarizeCasesRequest(), clerk,
                       channel=server.channel)
        self.assertEqual(summary.code, OK, summary)
        denied = call("caitiao.v1.CaseService/ListCases", pb.case_service.ListCasesRequest(), clerk,
                      channel=server.channel)
        self.assertEqual((denied.code, denied.reason), (PERMISSION_DENIED, "ROLE_NOT_ALLOWED"))
        again = call("caitiao.v1.AccessService/CreateCertificateMapping", pb.access.CreateCertificateMappingRequest(
            subject=subject, label="twice", role=pb.access.ROLE_ADMIN, request_id=rid()), admin,
            channel=server.channel)
        self.assertEqual((again.code, again.reason), (grpc.StatusCode.ALREADY_EXISTS, "CERTIFICATE_MAPPING_EXISTS"))
        revoked = call("caitiao.v1.AccessService/RevokeCertificateMapping", pb.access.RevokeCertificateMappingRequest(
            id=mapped.response.id, request_id=rid()), admin, channel=server.channel)
        self.assertEqual(revoked.code, OK, revoked)
        self.assertEqual(self.list_commissions(server.channel, clerk).reason, "CERTIFICATE_NOT_MAPPED")

        for name, credentials in (
                ("rogue CA", self.client_credentials("rogue")),
                ("no client certificate", grpc.ssl_channel_credentials(root_certificates=self.read("ca.pem")))):
            with self.subTest(client=name):
                channel = server.new_channel(credentials)
                self.addCleanup(channel.close)
                self.assertEqual(self.list_commissions(channel, admin).code, UNAVAILABLE,
                                 "the TLS handshake must fail")

    def test_plaintext_beyond_loopback_is_refused_at_start(self):
        folder = tempfile.mkdtemp(prefix="caitiao-e2e-remote-")
        self.addCleanup(shutil.rmtree, folder, True)
        result = subprocess.run([ARGS.caitiaod, f"--data_dir={folder}/cluster", "--listen=0.0.0.0:0"],
                                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("refusing plaintext", result.stderr)


def main():
    harness.main(sys.modules[__name__])

if __name__ == "__main__":
    main()
