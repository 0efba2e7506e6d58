#!/usr/bin/env python3
"""End-to-end tests of case subsidies and funding through two real caitiaod
servers on one database and Debian's python3-grpcio: standards by region and
date, exactly one ledger entry per mediation outcome (both success paths,
retries, two servers racing, failures, zero entries with their reason), the
case's tier, reversals, budgets, settlement batches with caps, the budget
check and four eyes, paid at most once under concurrency, the append-only
ledger in the database, scopes and bad input.

Each test works in its own county (a commission, room and mediator made for
it), so batches and budgets of one test never see another's entries.

    test_subsidy.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
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
from people import resident_id, today  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call, rid  # noqa: E402

ABORTED = grpc.StatusCode.ABORTED
FAILED_PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED

ARGS = None
SERVER = None   # server A, with the embedded cluster and the demo data
SECOND = None   # server B, on A's database
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
FUNDING = Principal("hubei funding officer")         # demo funding.token
FUNDING_2 = Principal("second funding officer")      # demo funding_second.token
REPORTING = Principal("hubei reporting")
YICHANG_FUNDING = Principal("yichang funding officer")
S = "caitiao.v1.SubsidyService/"
# Made-up counties of Wuhan (420100), one per test that needs its own.
_COUNTIES = (f"4201{n}" for n in range(50, 100))


def must(out, what="call"):
    return flow.must(out, what)


def date(d):
    return pb.common.Date(year=d.year, month=d.month, day=d.day)


def quarter_now():
    t = today()
    return pb.subsidy.Period(year=t.year, kind=pb.subsidy.PERIOD_KIND_QUARTER, number=(t.month - 1) // 3 + 1)


class County:
    """A county with its own commission, room, mediator and staff, so a test owns its ledger."""

    def __init__(self, civil_servant=False):
        self.code = next(_COUNTIES)
        must(call("caitiao.v1.DirectoryService/CreateRegion", pb.directory.CreateRegionRequest(
            region=pb.directory.Region(code=self.code, name=f"补贴测试区{self.code}",
                                       level=pb.directory.REGION_LEVEL_COUNTY, parent_code="420100"),
            request_id=rid()), ADMIN), "CreateRegion")
        commission = must(call("caitiao.v1.DirectoryService/CreateCommission", pb.directory.CreateCommissionRequest(
            commission=pb.directory.Commission(
                region_code=self.code, name=f"补贴测试仲裁委{self.code}-{uuid.uuid4().hex[:4]}",
                case_number_template=f"鄂{self.code}劳人仲案字〔{{year}}〕第{{seq}}号"),
            request_id=rid()), ADMIN), "CreateCommission")
        self.commission_id = commission.id
        room = must(call("caitiao.v1.DirectoryService/CreateRoom", pb.directory.CreateRoomRequest(room=(
            pb.directory.MediationRoom(
                name=f"补贴测试室{self.code}-{uuid.uuid4().hex[:4]}", kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM,
                region_code=self.code, host_organization="区总工会", commission_ids=[self.commission_id],
                capacity=500, min_mediators=0, opened_on=pb.common.Date(year=2026, month=1, day=5))),
            request_id=rid()), ADMIN), "CreateRoom")
        self.room_id = room.id
        self.mediator_id = self.mediator(civil_servant)
        self.staff, _ = e2e_client.issue(ADMIN, f"staff {self.code}", "arbitration_staff",
                                         commissions=[self.commission_id])
        self.room, _ = e2e_client.issue(ADMIN, f"room {self.code}", "room_staff", room=self.room_id)

    def mediator(self, civil_servant=False):
        return must(call("caitiao.v1.DirectoryService/CreateMediator", pb.directory.CreateMediatorRequest(
            mediator=pb.directory.Mediator(
                name="周调解员", resident_id_number=resident_id(), source=pb.directory.MEDIATOR_SOURCE_UNION_CADRE,
                certificate_number=f"鄂调证-{uuid.uuid4().hex[:8]}",
                certificate_expiry=pb.common.Date(year=2030, month=12, day=31),
                term_start=pb.common.Date(year=2025, month=1, day=1),
                term_end=pb.common.Date(year=2030, month=12, day=31), room_ids=[self.room_id],
                established_civil_servant=civil_servant),
            request_id=rid()), ADMIN), "CreateMediator").id

    def standard(self, **fields):
        """A version of this county's standard from today (the demo's Hubei standard applies otherwise)."""
        values = dict(region_code=self.code, effective_from=date(today()), simple_fen=40000, ordinary_fen=80000,
                      complex_fen=120000, collective_fen=200000, collective_min_workers=10,
                      settlement_period=pb.subsidy.PERIOD_KIND_QUARTER, basis="区人社规〔2026〕9号")
        values.update(fields)
        return must(call(S + "CreateSubsidyStandard", pb.subsidy.CreateSubsidyStandardRequest(
            standard=pb.subsidy.SubsidyStandard(**values), request_id=rid()), FUNDING), "CreateSubsidyStandard")

    def new_case(self, workers=1):
        return flow.create_case(self.commission_id, self.staff, workers)

    def mediating(self, workers=1, mediator_id=None, session=True):
        case = flow.mediating_case(lambda: self.new_case(workers), self.staff, self.room, self.room_id,
                                   mediator_id or self.mediator_id)
        if session:
            must(call("caitiao.v1.MediationService/RecordSession", pb.mediation.RecordSessionRequest(
                case_id=case.id, etag=flow.current_etag(case.id, self.staff), place="区总工会调解室",
                parties=[pb.docking.PartyRef(side=pb.docking.PARTY_SIDE_APPLICANT, position=0)],
                mediator_present=True, summary="双方陈述意见。", request_id=rid()), self.room), "RecordSession")
        return case

    def effective(self, workers=1, mediator_id=None, session=True, amount_fen=300000):
        case = self.mediating(workers, mediator_id, session)
        due = today() + datetime.timedelta(days=30)
        agreement = must(flow.draft(case.id, self.room, [flow.money(amount_fen, due)], self.staff), "DraftAgreement")
        return case.id, flow.sign_all(case.id, agreement, self.room, self.staff)

    def succeed(self, **kwargs):
        """A case mediated to success by path A; returns its id."""
        case_id, agreement = self.effective(**kwargs)
        done = must(flow.perform(case_id, agreement.id, 0, self.room, amount_fen=agreement.total_fen,
                                 staff=self.staff), "RecordPerformance")
        assert done.case_state == pb.case.CASE_STATE_MEDIATED, done
        return case_id

    def entries(self, who=None, **filters):
        return list(must(call(S + "ListLedgerEntries", pb.subsidy.ListLedgerEntriesRequest(
            region_code=self.code, page_size=1000, **filters), who or FUNDING), "ListLedgerEntries").entries)

    def budget(self, amount_fen, source=None, note="年度预算"):
        return must(call(S + "AddBudget", pb.subsidy.AddBudgetRequest(
            region_code=self.code, year=today().year, source=source or pb.subsidy.FUNDING_SOURCE_HRSS,
            amount_fen=amount_fen, note=note, request_id=rid()), FUNDING), "AddBudget")

    def draft(self, who=None, server=None):
        return call(S + "DraftSettlementBatch", pb.subsidy.DraftSettlementBatchRequest(
            region_code=self.code, period=quarter_now(), source=pb.subsidy.FUNDING_SOURCE_HRSS, request_id=rid()),
            who or FUNDING, channel=(server or SERVER).channel)


def step(method, batch_id, who, server=None, **fields):
    request = getattr(pb.subsidy, f"{method}SettlementBatchRequest")(batch_id=batch_id, request_id=rid(), **fields)
    return call(f"{S}{method}SettlementBatch", request, who, channel=(server or SERVER).channel)


def events(case_id):
    out = must(call("caitiao.v1.CaseService/ListCaseEvents",
                    pb.case_service.ListCaseEventsRequest(case_id=case_id, page_size=200), ADMIN))
    return list(out.events)


def setUpModule():
    global SERVER, SECOND, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    try:
        SERVER, SECOND = harness.start_pair(ARGS.caitiaod)
        e2e_client.configure(pb, SERVER)
        flow.configure(pb)
        ADMIN.token = SERVER.token("admin")
        FUNDING.token = SERVER.token("funding")
        FUNDING_2.token = SERVER.token("funding_second")
        REPORTING.token = SERVER.token("reporting")
        principal, _ = e2e_client.issue(ADMIN, "yichang funding officer", "funding", regions=["420500"])
        YICHANG_FUNDING.token = principal.token
    except BaseException:
        harness.stop_all(SECOND, SERVER)
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SECOND, SERVER)


class SubsidyTest(unittest.TestCase):

    def assertRefused(self, out, code, reason, fields=None):
        self.assertEqual((out.code, out.reason), (code, reason), out)
        if fields is not None:
            self.assertEqual(out.fields, fields, out)


# ---------------------------------------------------------------------------
# Accrual: one entry per outcome, in the outcome's transaction.

class AccrualTest(SubsidyTest):

    def test_path_a_success_accrues_once_and_a_retry_adds_nothing(self):
        county = County()
        standard = county.standard()
        case_id, agreement = county.effective()
        request = pb.mediation.RecordPerformanceRequest(
            case_id=case_id, etag=flow.current_etag(case_id, county.staff), agreement_id=agreement.id, obligation=0,
            amount_fen=agreement.total_fen, evidence_ref="转账流水", request_id=rid())
        first = must(call("caitiao.v1.MediationService/RecordPerformance", request, county.room))
        again = must(call("caitiao.v1.MediationService/RecordPerformance", request, county.room, channel=SECOND.channel))
        self.assertEqual(first, again, "a retry gets the first answer, from either server")
        entries = county.entries(case_id=case_id)
        self.assertEqual(len(entries), 1, entries)
        e = entries[0]
        self.assertEqual((e.kind, e.outcome, e.tier, e.amount_fen, e.standard_id, e.no_subsidy),
                         (pb.subsidy.LEDGER_ENTRY_KIND_ACCRUAL, "SUCCEEDED_PERFORMED", pb.subsidy.SUBSIDY_TIER_ORDINARY,
                          80000, standard.id, pb.subsidy.NO_SUBSIDY_REASON_UNSPECIFIED))
        self.assertIn("区人社规〔2026〕9号", e.rule)
        self.assertEqual((e.mediator_id, e.room_id, e.commission_id, e.region_code),
                         (county.mediator_id, county.room_id, county.commission_id, county.code))
        kinds = [ev.kind for ev in events(case_id)]
        self.assertEqual(kinds.count("SUBSIDY_ACCRUED"), 1, kinds)
        self.assertLess(kinds.index("MEDIATION_SUCCEEDED"), kinds.index("SUBSIDY_ACCRUED"))
        # Staff of the commission and the room read it; the room of another county does not.
        self.assertEqual([x.id for x in county.entries(county.staff)], [e.id])
        self.assertEqual([x.id for x in county.entries(county.room)], [e.id])
        other = County()
        self.assertEqual(county.entries(other.staff), [])
        self.assertEqual(county.entries(other.room), [])

    def test_path_b_success_accrues_once_under_the_province_standard(self):
        county = County()  # no county standard: the demo's Hubei standard (ordinary 500 yuan) applies
        case_id, agreement = county.effective()

        def review(method, **fields):
            request = getattr(pb.review, f"{method}Request")(
                case_id=case_id, etag=flow.current_etag(case_id, county.staff), request_id=rid(), **fields)
            return must(call(f"caitiao.v1.ReviewService/{method}", request, county.staff), method)
        review("ApplyForReview", evidence_ref="联合申请书")
        review("MakeArbitralDocument")
        for side in ("APPLICANT", "RESPONDENT"):
            last = review("RecordServiceReceipt", evidence_ref=f"送达回证-{side}",
                          party=pb.docking.PartyRef(side=pb.docking.PartySide.Value(f"PARTY_SIDE_{side}")))
        self.assertEqual(last.case_state, pb.case.CASE_STATE_MEDIATED)
        [e] = county.entries(case_id=case_id)
        self.assertEqual((e.outcome, e.amount_fen), ("SUCCEEDED_DOCUMENT", 50000))
        self.assertIn("420000", e.rule)
        province = must(call(S + "GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(
            region_code=county.code), REPORTING))
        self.assertEqual((e.standard_id, province.region_code), (province.id, "420000"))

    def test_two_servers_racing_the_last_performance_accrue_once(self):
        county = County()
        county.standard()
        case_id, agreement = county.effective()
        etag = flow.current_etag(case_id, county.staff)
        outcomes = []

        def perform(server):
            outcomes.append(call("caitiao.v1.MediationService/RecordPerformance", pb.mediation.RecordPerformanceRequest(
                case_id=case_id, etag=etag, agreement_id=agreement.id, obligation=0, amount_fen=agreement.total_fen,
                evidence_ref="转账流水", request_id=rid()), county.room, channel=server.channel))
        threads = [threading.Thread(target=perform, args=(s,)) for s in (SERVER, SECOND, SERVER, SECOND)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sum(1 for o in outcomes if o.code == OK), 1, outcomes)
        self.assertTrue(all(o.code in (OK, ABORTED, FAILED_PRECONDITION) for o in outcomes), outcomes)
        self.assertEqual(len(county.entries(case_id=case_id)), 1)

    def test_a_civil_servant_earns_a_zero_entry_with_the_reason(self):
        county = County(civil_servant=True)
        county.standard()
        case_id = county.succeed()
        [e] = county.entries(case_id=case_id)
        self.assertEqual((e.amount_fen, e.no_subsidy), (0, pb.subsidy.NO_SUBSIDY_CIVIL_SERVANT))
        self.assertIn("在编公职人员", e.rule)

    def test_a_success_without_a_session_earns_nothing_where_a_session_is_required(self):
        county = County()
        county.standard(require_session=True)
        case_id = county.succeed(session=False)
        [e] = county.entries(case_id=case_id)
        self.assertEqual((e.amount_fen, e.no_subsidy), (0, pb.subsidy.NO_SUBSIDY_NO_SESSION))

    def test_failures_accrue_a_zero_entry_unless_the_standard_pays_them(self):
        county = County()
        county.standard(failed_case_fen=20000, paid_failures=[pb.case.MEDIATION_FAILURE_ROOM_TERMINATED])
        outcomes = {}
        for reason in (pb.case.MEDIATION_FAILURE_ROOM_TERMINATED, pb.case.MEDIATION_FAILURE_PARTY_REFUSED):
            case = county.mediating()
            must(call("caitiao.v1.MediationService/TerminateMediation", pb.mediation.TerminateMediationRequest(
                case_id=case.id, etag=flow.current_etag(case.id, county.staff), reason=reason, note="调解无法继续",
                request_id=rid()), county.room))
            [e] = county.entries(case_id=case.id)
            outcomes[reason] = (e.outcome, e.failure, e.amount_fen, e.no_subsidy)
        self.assertEqual(outcomes[pb.case.MEDIATION_FAILURE_ROOM_TERMINATED],
                         ("FAILED", pb.case.MEDIATION_FAILURE_ROOM_TERMINATED, 20000,
                          pb.subsidy.NO_SUBSIDY_REASON_UNSPECIFIED))
        self.assertEqual(outcomes[pb.case.MEDIATION_FAILURE_PARTY_REFUSED],
                         ("FAILED", pb.case.MEDIATION_FAILURE_PARTY_REFUSED, 0, pb.subsidy.NO_SUBSIDY_FAILURE_NOT_PAID))

    def test_tier_designation_sets_the_amount_until_the_outcome_and_collective_is_computed(self):
        county = County()
        county.standard(collective_min_workers=3)
        case = county.mediating()
        set_tier = pb.subsidy.SetCaseTierRequest(case_id=case.id, etag=flow.current_etag(case.id, county.staff),
                                                 tier=pb.subsidy.SUBSIDY_TIER_COMPLEX, reason="涉及多项请求，证据复杂",
                                                 request_id=rid())
        tier = must(call(S + "SetCaseTier", set_tier, county.staff))
        self.assertEqual(tier.tier, pb.subsidy.SUBSIDY_TIER_COMPLEX)
        self.assertEqual(tier.etag, flow.current_etag(case.id, county.staff), "the answer carries the new etag")
        self.assertEqual(must(call(S + "SetCaseTier", set_tier, county.staff)), tier, "a retry gets the first answer")
        designated = [ev for ev in events(case.id) if ev.kind == "TIER_DESIGNATED"]
        self.assertEqual(len(designated), 1)
        self.assertIn("涉及多项请求", designated[0].summary)
        self.assertRefused(call(S + "SetCaseTier", pb.subsidy.SetCaseTierRequest(
            case_id=case.id, etag=flow.current_etag(case.id, county.staff), tier=pb.subsidy.SUBSIDY_TIER_COLLECTIVE,
            reason="x", request_id=rid()), county.staff), INVALID_ARGUMENT, "FIELD_INVALID", ["tier"])
        self.assertRefused(call(S + "SetCaseTier", pb.subsidy.SetCaseTierRequest(
            case_id=case.id, etag=flow.current_etag(case.id, county.staff), tier=pb.subsidy.SUBSIDY_TIER_SIMPLE,
            reason="x", request_id=rid()), county.room), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        due = today() + datetime.timedelta(days=30)
        agreement = flow.sign_all(case.id, must(flow.draft(case.id, county.room, [flow.money(1000, due)],
                                                            county.staff)), county.room, county.staff)
        must(flow.perform(case.id, agreement.id, 0, county.room, amount_fen=1000, staff=county.staff))
        [e] = county.entries(case_id=case.id)
        self.assertEqual((e.tier, e.amount_fen), (pb.subsidy.SUBSIDY_TIER_COMPLEX, 120000))
        late = call(S + "SetCaseTier", pb.subsidy.SetCaseTierRequest(
            case_id=case.id, etag=flow.current_etag(case.id, county.staff), tier=pb.subsidy.SUBSIDY_TIER_SIMPLE,
            reason="事后改为简易", request_id=rid()), county.staff)
        self.assertRefused(late, FAILED_PRECONDITION, "TIER_LOCKED")
        collective = county.succeed(workers=3)
        [c] = county.entries(case_id=collective)
        self.assertEqual((c.tier, c.amount_fen), (pb.subsidy.SUBSIDY_TIER_COLLECTIVE, 200000))


# ---------------------------------------------------------------------------
# Standards as versioned data.

class StandardTest(SubsidyTest):

    def test_versions_supersede_forward_and_the_most_specific_region_wins(self):
        county = County()
        tomorrow = today() + datetime.timedelta(days=1)
        first = county.standard()
        self.assertRefused(call(S + "CreateSubsidyStandard", pb.subsidy.CreateSubsidyStandardRequest(
            standard=pb.subsidy.SubsidyStandard(region_code=county.code, effective_from=date(today()),
                                                ordinary_fen=1, basis="重复"), request_id=rid()), FUNDING),
            FAILED_PRECONDITION, "STANDARD_VERSION_OVERLAPS")
        later = county.standard(effective_from=date(tomorrow), ordinary_fen=90000)
        now = must(call(S + "GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(region_code=county.code), ADMIN))
        then = must(call(S + "GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(
            region_code=county.code, date=date(tomorrow)), ADMIN))
        self.assertEqual((now.id, then.id), (first.id, later.id))
        self.assertRefused(call(S + "CreateSubsidyStandard", pb.subsidy.CreateSubsidyStandardRequest(
            standard=pb.subsidy.SubsidyStandard(region_code=county.code, effective_from=date(today()),
                                                ordinary_fen=1, basis="插入到中间"), request_id=rid()), FUNDING),
            FAILED_PRECONDITION, "STANDARD_VERSION_OVERLAPS")
        neighbour = must(call(S + "GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(
            region_code="420100"), FUNDING))
        self.assertEqual(neighbour.region_code, "420000", "the city has none: the province's applies")
        listed = must(call(S + "ListSubsidyStandards", pb.subsidy.ListSubsidyStandardsRequest(
            region_code=county.code), county.room)).standards
        self.assertEqual([s.id for s in listed], [first.id, later.id])
        self.assertEqual(must(call(S + "GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(id=first.id),
                                   county.staff)), first)
        self.assertRefused(call(S + "GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(
            region_code="110101"), ADMIN), NOT_FOUND, "SUBSIDY_STANDARD_NOT_FOUND")

    def test_bad_standards_are_refused_naming_each_field_and_nothing_is_stored(self):
        county = County()
        yesterday = today() - datetime.timedelta(days=1)
        bad = pb.subsidy.SubsidyStandard(
            region_code=county.code, effective_from=date(yesterday), simple_fen=-1, ordinary_fen=10000001,
            collective_min_workers=1, paid_failures=[pb.case.MEDIATION_FAILURE_PARTY_REFUSED,
                                                     pb.case.MEDIATION_FAILURE_PARTY_REFUSED],
            cap_count=3, settlement_period=pb.subsidy.PERIOD_KIND_MONTH, basis="")
        out = call(S + "CreateSubsidyStandard", pb.subsidy.CreateSubsidyStandardRequest(standard=bad, request_id=rid()),
                   FUNDING)
        self.assertEqual(out.code, INVALID_ARGUMENT, out)
        self.assertEqual(sorted(out.fields), sorted([
            "standard.effective_from", "standard.simple_fen", "standard.ordinary_fen",
            "standard.collective_min_workers", "standard.paid_failures[1]", "standard.cap_period",
            "standard.settlement_period", "standard.basis"]))
        not_a_day = pb.subsidy.SubsidyStandard(region_code=county.code, basis="x",
                                               effective_from=pb.common.Date(year=2027, month=2, day=30),
                                               effective_until=pb.common.Date(year=2027, month=1, day=1))
        out = call(S + "CreateSubsidyStandard", pb.subsidy.CreateSubsidyStandardRequest(
            standard=not_a_day, request_id=rid()), FUNDING)
        self.assertEqual((out.code, out.fields),
                         (INVALID_ARGUMENT, ["standard.effective_from", "standard.effective_until"]), out)
        outside = call(S + "CreateSubsidyStandard", pb.subsidy.CreateSubsidyStandardRequest(
            standard=pb.subsidy.SubsidyStandard(region_code=county.code, effective_from=date(today()), basis="越权"),
            request_id=rid()), YICHANG_FUNDING)
        self.assertRefused(outside, NOT_FOUND, "REGION_NOT_FOUND", ["standard.region_code"])
        self.assertEqual(list(must(call(S + "ListSubsidyStandards", pb.subsidy.ListSubsidyStandardsRequest(
            region_code=county.code), ADMIN)).standards), [])


# ---------------------------------------------------------------------------
# Budgets and settlement.

class SettlementTest(SubsidyTest):

    def test_one_period_from_successes_to_a_paid_batch_with_four_eyes(self):
        county = County()
        county.standard()
        cases = [county.succeed(), county.succeed()]
        county.budget(100000, note="年度预算")
        county.budget(100000, note="追加")
        budget = must(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(region_code=county.code, year=today().year),
                           REPORTING))
        self.assertEqual([(line.source, line.budgeted_fen, line.remaining_fen) for line in budget.lines],
                         [(pb.subsidy.FUNDING_SOURCE_HRSS, 200000, 200000)])
        self.assertEqual([e.note for e in budget.entries], ["年度预算", "追加"])

        batch = must(county.draft())
        self.assertEqual((batch.status, batch.total_fen, len(batch.items)), (pb.subsidy.BATCH_STATUS_DRAFT, 160000, 2))
        self.assertEqual(sorted(i.case_number for i in batch.items),
                         sorted(e.case_number for c in cases for e in county.entries(case_id=c)))
        self.assertRefused(step("Approve", batch.id, FUNDING_2), FAILED_PRECONDITION, "INVALID_STATE")
        self.assertRefused(step("Pay", batch.id, FUNDING_2, payment_reference="x"), FAILED_PRECONDITION,
                           "INVALID_STATE")
        checked = must(step("Check", batch.id, FUNDING))
        self.assertEqual((checked.status, checked.checked_by), (pb.subsidy.BATCH_STATUS_CHECKED, checked.drafted_by))
        self.assertRefused(step("Approve", batch.id, FUNDING), FAILED_PRECONDITION, "FOUR_EYES_REQUIRED")
        approved = must(step("Approve", batch.id, FUNDING_2, server=SECOND))
        self.assertEqual(approved.status, pb.subsidy.BATCH_STATUS_APPROVED)
        self.assertNotEqual(approved.approved_by, approved.drafted_by)
        middle = must(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(region_code=county.code,
                                                                        year=today().year), FUNDING))
        self.assertEqual((middle.lines[0].approved_fen, middle.lines[0].remaining_fen), (160000, 40000))
        self.assertRefused(step("Cancel", batch.id, FUNDING, reason="x"), FAILED_PRECONDITION, "INVALID_STATE")
        pay = pb.subsidy.PaySettlementBatchRequest(batch_id=batch.id, payment_reference="工行转账2026120001",
                                                   request_id=rid())
        paid = must(call(S + "PaySettlementBatch", pay, FUNDING))
        self.assertEqual(must(call(S + "PaySettlementBatch", pay, FUNDING, channel=SECOND.channel)), paid,
                         "a retried payment gets the first answer")
        self.assertEqual((paid.status, paid.payment_reference), (pb.subsidy.BATCH_STATUS_PAID, "工行转账2026120001"))
        self.assertTrue(paid.HasField("pay_time") and paid.HasField("approve_time") and paid.HasField("check_time"))
        self.assertFalse(paid.HasField("cancel_time"))
        self.assertRefused(step("Pay", batch.id, FUNDING, payment_reference="again"), FAILED_PRECONDITION,
                           "INVALID_STATE")
        after = must(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(region_code=county.code,
                                                                       year=today().year), FUNDING))
        self.assertEqual((after.lines[0].approved_fen, after.lines[0].paid_fen, after.lines[0].remaining_fen),
                         (0, 160000, 40000))
        for e in county.entries():
            self.assertTrue(e.HasField("paid_time"), e)
            self.assertEqual(e.batch_id, batch.id)
        self.assertRefused(county.draft(), FAILED_PRECONDITION, "NOTHING_TO_SETTLE")
        self.assertEqual(county.entries(unsettled_only=True), [])
        statement = must(call(S + "GetMediatorStatement", pb.subsidy.GetMediatorStatementRequest(
            mediator_id=county.mediator_id, period=quarter_now()), county.room))
        self.assertEqual((len(statement.entries), statement.accrued_fen, statement.paid_fen, statement.unpaid_fen),
                         (2, 160000, 160000, 0))
        self.assertEqual(SERVER.psql(f"SELECT count(*) FROM subsidy_payments WHERE batch_id = '{batch.id}'").strip(),
                         "2")

    def test_a_batch_the_budget_cannot_pay_is_refused_naming_the_shortfall(self):
        county = County()
        county.standard()
        county.succeed()
        county.budget(50000)
        batch = must(county.draft())
        out = step("Check", batch.id, FUNDING)
        self.assertRefused(out, FAILED_PRECONDITION, "BUDGET_INSUFFICIENT")
        self.assertIn("short by 300.00 yuan", out.message)
        self.assertEqual(must(call(S + "GetSettlementBatch", pb.subsidy.GetSettlementBatchRequest(
            batch_id=batch.id), FUNDING)).status, pb.subsidy.BATCH_STATUS_DRAFT, "nothing changed")
        county.budget(30000, note="追加")
        self.assertEqual(must(step("Check", batch.id, FUNDING)).status, pb.subsidy.BATCH_STATUS_CHECKED)
        # The union's budget is another line: the HRSS batch does not touch it.
        county.budget(5000, source=pb.subsidy.FUNDING_SOURCE_UNION)
        lines = must(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(region_code=county.code,
                                                                       year=today().year), FUNDING)).lines
        self.assertEqual([(line.source, line.remaining_fen) for line in lines],
                         [(pb.subsidy.FUNDING_SOURCE_HRSS, 80000), (pb.subsidy.FUNDING_SOURCE_UNION, 5000)])

    def test_entries_beyond_a_cap_are_held_back_with_the_reason(self):
        county = County()
        county.standard(cap_period=pb.subsidy.PERIOD_KIND_QUARTER, cap_count=1)
        first, second = county.succeed(), county.succeed()
        county.budget(1000000)
        batch = must(county.draft())
        checked = must(step("Check", batch.id, FUNDING))
        self.assertEqual(len(checked.items), 1)
        self.assertEqual(checked.total_fen, 80000)
        [held] = checked.held_back
        self.assertEqual((held.reason, held.mediator_id, held.amount_fen),
                         (pb.subsidy.HOLD_REASON_CAP_COUNT, county.mediator_id, 80000))
        self.assertIn("cap of 1 cases per QUARTER", held.detail)
        [second_entry] = county.entries(case_id=second)
        self.assertEqual(held.entry_id, second_entry.id, "the later entry is the one held back")
        self.assertEqual(second_entry.batch_id, "", "a held entry leaves the batch")
        statement = must(call(S + "GetMediatorStatement", pb.subsidy.GetMediatorStatementRequest(
            mediator_id=county.mediator_id, period=quarter_now()), FUNDING))
        self.assertEqual([h.entry_id for h in statement.held_back], [held.entry_id])
        self.assertEqual((statement.accrued_fen, statement.paid_fen, statement.unpaid_fen), (160000, 0, 160000))
        self.assertEqual([i.entry_id for i in checked.items], [e.id for e in county.entries(case_id=first)])

    def test_two_drafts_at_once_take_each_entry_once_and_two_approvals_never_overdraw(self):
        county = County()
        county.standard()
        county.succeed()
        results = []

        def draft(server):
            results.append(county.draft(server=server))
        threads = [threading.Thread(target=draft, args=(s,)) for s in (SERVER, SECOND)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted((r.code == OK, r.reason) for r in results),
                         [(False, "NOTHING_TO_SETTLE"), (True, None)], results)
        one = next(r.response for r in results if r.code == OK)
        county.succeed()
        two = must(county.draft())
        self.assertEqual([len(one.items), len(two.items)], [1, 1])
        self.assertNotEqual(one.items[0].entry_id, two.items[0].entry_id)
        county.budget(100000)  # pays one batch of 800 yuan, not two
        for b in (one, two):
            must(step("Check", b.id, FUNDING))
        approvals = []

        def approve(batch_id, server):
            approvals.append(step("Approve", batch_id, FUNDING_2, server=server))
        threads = [threading.Thread(target=approve, args=(b.id, s)) for b, s in ((one, SERVER), (two, SECOND))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted((a.code == OK, a.reason) for a in approvals),
                         [(False, "BUDGET_INSUFFICIENT"), (True, None)], approvals)
        budget = must(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(region_code=county.code,
                                                                        year=today().year), FUNDING))
        self.assertEqual((budget.lines[0].approved_fen, budget.lines[0].remaining_fen), (80000, 20000))

    def test_cancelling_frees_the_entries_and_a_reversal_is_written_once(self):
        county = County()
        county.standard()
        case_id = county.succeed()
        [entry] = county.entries(case_id=case_id)
        batch = must(county.draft())
        self.assertRefused(call(S + "ReverseLedgerEntry", pb.subsidy.ReverseLedgerEntryRequest(
            entry_id=entry.id, reason="调解员实际未参与", request_id=rid()), FUNDING), FAILED_PRECONDITION,
            "ENTRY_NOT_REVERSIBLE")
        cancelled = must(step("Cancel", batch.id, FUNDING, reason="金额待核实"))
        self.assertEqual((cancelled.status, cancelled.cancel_reason, len(cancelled.items)),
                         (pb.subsidy.BATCH_STATUS_CANCELLED, "金额待核实", 0))
        self.assertEqual([e.id for e in county.entries(unsettled_only=True)], [entry.id])
        reverse = pb.subsidy.ReverseLedgerEntryRequest(entry_id=entry.id, reason="调解员实际未参与", request_id=rid())
        reversal = must(call(S + "ReverseLedgerEntry", reverse, FUNDING))
        self.assertEqual(must(call(S + "ReverseLedgerEntry", reverse, FUNDING)), reversal, "a retry: the same reversal")
        self.assertEqual((reversal.kind, reversal.amount_fen, reversal.reverses_entry_id, reversal.reason),
                         (pb.subsidy.LEDGER_ENTRY_KIND_REVERSAL, -80000, entry.id, "调解员实际未参与"))
        self.assertRefused(call(S + "ReverseLedgerEntry", pb.subsidy.ReverseLedgerEntryRequest(
            entry_id=entry.id, reason="再次冲正", request_id=rid()), FUNDING), FAILED_PRECONDITION,
            "ENTRY_ALREADY_REVERSED")
        self.assertRefused(call(S + "ReverseLedgerEntry", pb.subsidy.ReverseLedgerEntryRequest(
            entry_id=reversal.id, reason="冲正的冲正", request_id=rid()), FUNDING), FAILED_PRECONDITION,
            "ENTRY_NOT_REVERSIBLE")
        self.assertRefused(call(S + "ReverseLedgerEntry", pb.subsidy.ReverseLedgerEntryRequest(
            entry_id=entry.id, reason="x", request_id=rid()), YICHANG_FUNDING), NOT_FOUND, "LEDGER_ENTRY_NOT_FOUND")
        self.assertRefused(call(S + "ReverseLedgerEntry", pb.subsidy.ReverseLedgerEntryRequest(
            entry_id=entry.id, reason="x", request_id=rid()), county.staff), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        [original] = [e for e in county.entries() if e.id == entry.id]
        self.assertEqual(original.reversed_by_entry_id, reversal.id)
        # Entry and reversal settle together: nothing to pay.
        net = must(county.draft())
        self.assertEqual((len(net.items), net.total_fen), (2, 0))


# ---------------------------------------------------------------------------
# The database keeps the invariants even against a bypassing writer.

class DatabaseTest(SubsidyTest):

    def psql_error(self, sql):
        with self.assertRaises(subprocess.CalledProcessError) as raised:
            SERVER.psql(sql)
        return raised.exception.stderr

    def test_ledger_standards_budgets_and_payments_are_append_only_and_unique(self):
        county = County()
        county.standard()
        case_id = county.succeed()
        [entry] = county.entries(case_id=case_id)
        self.assertIn("append-only", self.psql_error(
            f"UPDATE subsidy_ledger SET amount_fen = 1 WHERE id = '{entry.id}'"))
        self.assertIn("append-only", self.psql_error(f"DELETE FROM subsidy_ledger WHERE id = '{entry.id}'"))
        self.assertIn("append-only", self.psql_error(
            f"UPDATE subsidy_standards SET ordinary_fen = 1 WHERE region_code = '{county.code}'"))
        self.assertIn("subsidy_ledger_one_accrual_idx", self.psql_error(
            "INSERT INTO subsidy_ledger (id, kind, case_id, case_number, delegation_id, region_code, commission_id, "
            "room_id, mediator_id, outcome, outcome_at, period_day, tier, amount_fen, rule, created_by, created_at) "
            f"SELECT gen_random_uuid(), kind, case_id, case_number, delegation_id, region_code, commission_id, room_id, "
            f"mediator_id, outcome, outcome_at, period_day, tier, amount_fen, rule, 'intruder', now() "
            f"FROM subsidy_ledger WHERE id = '{entry.id}'"))
        county.budget(1000000)
        batch = must(county.draft())
        must(step("Check", batch.id, FUNDING))
        must(step("Approve", batch.id, FUNDING_2))
        must(step("Pay", batch.id, FUNDING, payment_reference="转账1"))
        self.assertIn("subsidy_payments_pkey", self.psql_error(
            f"INSERT INTO subsidy_payments (entry_id, batch_id, paid_at) VALUES ('{entry.id}', '{batch.id}', now())"))
        self.assertIn("settlement_items_one_live_idx", self.psql_error(
            f"INSERT INTO settlement_batches (id, region_code, period_year, period_kind, period_number, source, "
            f"status, total_fen, drafted_by, drafted_at) VALUES ('{uuid.uuid4()}', '{county.code}', 2026, 'QUARTER', "
            f"4, 'HRSS', 'DRAFT', 0, 'intruder', now()); "
            f"INSERT INTO settlement_items (batch_id, entry_id) SELECT id, '{entry.id}' FROM settlement_batches "
            f"WHERE drafted_by = 'intruder'"))
        self.assertIn("settlement_batches_check", self.psql_error(
            f"UPDATE settlement_batches SET approved_by = drafted_by WHERE id = '{batch.id}'"))


# ---------------------------------------------------------------------------
# Scopes and bad input.

class ScopeAndInputTest(SubsidyTest):

    def test_funding_officers_see_only_their_regions(self):
        county = County()
        county.standard()
        county.succeed()
        county.budget(100000)
        self.assertEqual(county.entries(YICHANG_FUNDING), [])
        self.assertRefused(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(
            region_code=county.code, year=today().year), YICHANG_FUNDING), NOT_FOUND, "REGION_NOT_FOUND")
        self.assertRefused(call(S + "AddBudget", pb.subsidy.AddBudgetRequest(
            region_code=county.code, year=today().year, source=pb.subsidy.FUNDING_SOURCE_UNION, amount_fen=1,
            note="越权", request_id=rid()), YICHANG_FUNDING), NOT_FOUND, "REGION_NOT_FOUND")
        self.assertRefused(county.draft(YICHANG_FUNDING), NOT_FOUND, "REGION_NOT_FOUND")
        batch = must(county.draft())
        for method in ("Check", "Approve"):
            self.assertRefused(step(method, batch.id, YICHANG_FUNDING), NOT_FOUND, "BATCH_NOT_FOUND")
        self.assertRefused(call(S + "GetSettlementBatch", pb.subsidy.GetSettlementBatchRequest(
            batch_id=batch.id), YICHANG_FUNDING), NOT_FOUND, "BATCH_NOT_FOUND")
        self.assertRefused(call(S + "GetSettlementBatch", pb.subsidy.GetSettlementBatchRequest(
            batch_id=batch.id), county.staff), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        self.assertRefused(step("Check", batch.id, REPORTING), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")

    def test_every_rpc_names_the_bad_field(self):
        county = County()
        q = quarter_now()
        cases = [
            ("ListSubsidyStandards", pb.subsidy.ListSubsidyStandardsRequest(region_code="42"), ["region_code"]),
            ("ListSubsidyStandards", pb.subsidy.ListSubsidyStandardsRequest(page_size=-1), ["page_size"]),
            ("GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(), ["region_code"]),
            ("GetSubsidyStandard", pb.subsidy.GetSubsidyStandardRequest(id="x", region_code="420100"), ["id"]),
            ("SetCaseTier", pb.subsidy.SetCaseTierRequest(request_id=rid()), ["case_id", "etag", "tier", "reason"]),
            ("ListLedgerEntries", pb.subsidy.ListLedgerEntriesRequest(
                period=pb.subsidy.Period(year=2026, kind=pb.subsidy.PERIOD_KIND_QUARTER, number=5)), ["period"]),
            ("ReverseLedgerEntry", pb.subsidy.ReverseLedgerEntryRequest(request_id=rid()), ["entry_id", "reason"]),
            ("AddBudget", pb.subsidy.AddBudgetRequest(region_code="4201", year=1999, amount_fen=0, request_id=rid()),
             ["region_code", "year", "source", "amount_fen", "note"]),
            ("AddBudget", pb.subsidy.AddBudgetRequest(region_code=county.code, year=2026, amount_fen=10000000001,
                                                      source=pb.subsidy.FUNDING_SOURCE_HRSS, note="x",
                                                      request_id=rid()), ["amount_fen"]),
            ("GetBudget", pb.subsidy.GetBudgetRequest(region_code="x", year=3000), ["region_code", "year"]),
            ("DraftSettlementBatch", pb.subsidy.DraftSettlementBatchRequest(
                region_code=county.code, period=pb.subsidy.Period(year=q.year, kind=pb.subsidy.PERIOD_KIND_MONTH,
                                                                  number=1),
                request_id=rid()), ["period", "source"]),
            ("DraftSettlementBatch", pb.subsidy.DraftSettlementBatchRequest(
                region_code=county.code, period=pb.subsidy.Period(year=q.year + 1, kind=pb.subsidy.PERIOD_KIND_QUARTER,
                                                                  number=1),
                source=pb.subsidy.FUNDING_SOURCE_HRSS, request_id=rid()), ["period"]),
            ("CheckSettlementBatch", pb.subsidy.CheckSettlementBatchRequest(request_id=rid()), ["batch_id"]),
            ("ApproveSettlementBatch", pb.subsidy.ApproveSettlementBatchRequest(request_id=rid()), ["batch_id"]),
            ("PaySettlementBatch", pb.subsidy.PaySettlementBatchRequest(batch_id="b", request_id=rid()),
             ["payment_reference"]),
            ("CancelSettlementBatch", pb.subsidy.CancelSettlementBatchRequest(batch_id="b", request_id=rid()),
             ["reason"]),
            ("GetSettlementBatch", pb.subsidy.GetSettlementBatchRequest(), ["batch_id"]),
            ("GetMediatorStatement", pb.subsidy.GetMediatorStatementRequest(), ["mediator_id", "period"]),
        ]
        for method, request, fields in cases:
            with self.subTest(method=method, fields=fields):
                out = call(S + method, request, ADMIN)
                self.assertEqual((out.code, out.reason), (INVALID_ARGUMENT, "FIELD_INVALID"), out)
                self.assertEqual(out.fields, fields, out)
        self.assertRefused(call(S + "GetMediatorStatement", pb.subsidy.GetMediatorStatementRequest(
            mediator_id=str(uuid.uuid4()), period=q), FUNDING), NOT_FOUND, "MEDIATOR_NOT_FOUND")
        self.assertRefused(call(S + "GetSettlementBatch", pb.subsidy.GetSettlementBatchRequest(
            batch_id=str(uuid.uuid4())), FUNDING), NOT_FOUND, "BATCH_NOT_FOUND")
        self.assertEqual(list(must(call(S + "GetBudget", pb.subsidy.GetBudgetRequest(
            region_code=county.code, year=today().year), FUNDING)).lines), [], "nothing was stored")


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
