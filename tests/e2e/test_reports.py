#!/usr/bin/env python3
"""End-to-end tests of the province's figures through the real caitiaod and
Debian's python3-grpcio: the share of disputes resolved by mediation
(GetMediationShare) and the half-yearly room review (ReviewRooms), checked
figure by figure against a known history built in a made-up city of Hubei
with two counties and a room in each, plus bad input and scopes.

    test_reports.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import os
import shutil
import sys
import tempfile
import unittest
import uuid

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
import docking_flow as flow  # noqa: E402
from people import resident_id, today  # noqa: E402
import e2e_client  # noqa: E402
from e2e_client import Principal, call, rid  # noqa: E402

INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
ARGS = None
SERVER = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
STAFF = Principal("staff of the test city")
REPORTING = Principal("hubei reporting")
YICHANG_REPORTING = Principal("yichang reporting")
R = "caitiao.v1.ReportingService/"
CITY, COUNTY_A, COUNTY_B = "429800", "429801", "429802"
NO_ID = "00000000-0000-0000-0000-000000000000"
H = {}  # the history: case ids and room ids by name


def must(out, what="call"):
    return flow.must(out, what)


def region(code, name, level, parent):
    must(call("caitiao.v1.DirectoryService/CreateRegion", pb.directory.CreateRegionRequest(
        region=pb.directory.Region(code=code, name=name, level=level, parent_code=parent), request_id=rid()),
        ADMIN), "CreateRegion")


def commission(code):
    return must(call("caitiao.v1.DirectoryService/CreateCommission", pb.directory.CreateCommissionRequest(
        commission=pb.directory.Commission(region_code=code, name=f"报表测试仲裁委{code}",
                                           case_number_template=f"报{code}〔{{year}}〕第{{seq}}号"),
        request_id=rid()), ADMIN), "CreateCommission").id


def room(code, commission_id, min_mediators=0, with_mediator=True):
    r = must(call("caitiao.v1.DirectoryService/CreateRoom", pb.directory.CreateRoomRequest(room=(
        pb.directory.MediationRoom(
            name=f"报表测试室{code}", kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM, region_code=code,
            host_organization="总工会", commission_ids=[commission_id], capacity=50, min_mediators=min_mediators,
            opened_on=pb.common.Date(year=2026, month=1, day=5))), request_id=rid()), ADMIN), "CreateRoom")
    mediator = None
    if with_mediator:
        mediator = must(call("caitiao.v1.DirectoryService/CreateMediator", pb.directory.CreateMediatorRequest(
            mediator=pb.directory.Mediator(
                name="吴调解员", resident_id_number=resident_id(), source=pb.directory.MEDIATOR_SOURCE_LAWYER,
                certificate_number=f"鄂调证-{uuid.uuid4().hex[:8]}",
                certificate_expiry=pb.common.Date(year=2030, month=12, day=31),
                term_start=pb.common.Date(year=2025, month=1, day=1),
                term_end=pb.common.Date(year=2030, month=12, day=31), room_ids=[r.id]),
            request_id=rid()), ADMIN), "CreateMediator").id
    who, _ = e2e_client.issue(ADMIN, f"room {code}", "room_staff", room=r.id)
    return r.id, mediator, who


def new_case(commission_id):
    return flow.create_case(commission_id, STAFF)


def succeed(commission_id, room_id, mediator_id, who):
    case = flow.mediating_case(lambda: new_case(commission_id), STAFF, who, room_id, mediator_id)
    due = today() + datetime.timedelta(days=30)
    agreement = flow.sign_all(case.id, must(flow.draft(case.id, who, [flow.money(1000, due)], STAFF)), who, STAFF)
    must(flow.perform(case.id, agreement.id, 0, who, amount_fen=1000, staff=STAFF), "perform")
    return case.id


def fail_then_award(commission_id, room_id, mediator_id, who):
    case = flow.mediating_case(lambda: new_case(commission_id), STAFF, who, room_id, mediator_id)
    must(call("caitiao.v1.MediationService/TerminateMediation", pb.mediation.TerminateMediationRequest(
        case_id=case.id, etag=flow.current_etag(case.id, STAFF), reason=pb.case.MEDIATION_FAILURE_PARTY_REFUSED,
        request_id=rid()), who), "TerminateMediation")
    filed = must(call("caitiao.v1.CaseService/FileCase", pb.case_service.FileCaseRequest(
        id=case.id, etag=flow.current_etag(case.id, STAFF), request_id=rid()), STAFF), "FileCase")
    must(call("caitiao.v1.CaseService/CloseCase", pb.case_service.CloseCaseRequest(
        id=case.id, etag=filed.etag, manner=pb.case.CLOSING_MANNER_AWARD, request_id=rid()), STAFF), "CloseCase")
    return case.id


def withdraw(commission_id):
    c = new_case(commission_id)
    must(call("caitiao.v1.CaseService/WithdrawCase", pb.case_service.WithdrawCaseRequest(
        id=c.id, etag=c.etag, reason="申请人撤回", request_id=rid()), STAFF), "WithdrawCase")
    return c.id


def refuse(commission_id):
    c = new_case(commission_id)
    must(call("caitiao.v1.CaseService/RefuseAcceptance", pb.case_service.RefuseAcceptanceRequest(
        id=c.id, etag=c.etag, reason="不属于本委管辖", request_id=rid()), STAFF), "RefuseAcceptance")
    return c.id


def this_month():
    t = today()
    return pb.subsidy.Period(year=t.year, kind=pb.subsidy.PERIOD_KIND_MONTH, number=t.month)


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
        REPORTING.token = SERVER.token("reporting")
        YICHANG_REPORTING.token = e2e_client.issue(ADMIN, "yichang reporting", "reporting", regions=["420500"])[0].token
        region(CITY, "报表测试市", pb.directory.REGION_LEVEL_CITY, "420000")
        region(COUNTY_A, "甲区", pb.directory.REGION_LEVEL_COUNTY, CITY)
        region(COUNTY_B, "乙县", pb.directory.REGION_LEVEL_COUNTY, CITY)
        c_city, c_a, c_b = commission(CITY), commission(COUNTY_A), commission(COUNTY_B)
        STAFF.token = e2e_client.issue(ADMIN, "staff of the test city", "arbitration_staff",
                                       commissions=[c_city, c_a, c_b])[0].token
        room_a, mediator_a, who_a = room(COUNTY_A, c_a)
        room_b, mediator_b, who_b = room(COUNTY_B, c_b)
        room_c, _, _ = room(CITY, c_city, min_mediators=1, with_mediator=False)
        H.update(room_a=room_a, room_b=room_b, room_c=room_c)
        # The history (all today): county A: a success, a withdrawal, a refusal;
        # county B: a failure closed by award and a success; the city itself:
        # a withdrawal.
        H["a_success"] = succeed(c_a, room_a, mediator_a, who_a)
        withdraw(c_a)
        refuse(c_a)
        H["b_failed"] = fail_then_award(c_b, room_b, mediator_b, who_b)
        H["b_success"] = succeed(c_b, room_b, mediator_b, who_b)
        withdraw(c_city)
        # For the docking report: in county A, a case found ineligible (no
        # consent, not suitable, the labor relationship contested) and one
        # room A declines for want of capacity; in county B, one still in
        # mediation.
        ineligible = new_case(c_a)
        must(flow.assess(ineligible.id, STAFF, contests=True, suitable=False), "AssessEligibility")
        declined, delegation = flow.delegated_case(lambda: new_case(c_a), STAFF, room_a)
        must(call("caitiao.v1.RoomService/DeclineDelegation", pb.docking.DeclineDelegationRequest(
            case_id=declined.id, etag=delegation.case_etag, reason="调解员已满", request_id=rid(),
            ground=pb.docking.DECLINE_GROUND_NO_CAPACITY), who_a), "DeclineDelegation")
        flow.mediating_case(lambda: new_case(c_b), STAFF, who_b, room_b, mediator_b)
        H.update(c_a=c_a, c_b=c_b, mediator_a=mediator_a, mediator_b=mediator_b)
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


def figures(row):
    share = round(row.share, 4) if row.HasField("share") else None
    return (row.by_mediation, row.by_award, row.by_tribunal_mediation, row.terminated, row.withdrawn,
            row.not_accepted, row.closed, share)


class ShareTest(unittest.TestCase):

    def test_every_figure_of_the_share_by_region_and_month(self):
        out = must(call(R + "GetMediationShare", pb.reporting.GetMediationShareRequest(
            region_code=CITY, period=this_month()), REPORTING))
        t = today()
        start = getattr(out, "from")
        self.assertEqual((start.year, start.month, start.day, out.to.day),
                         (t.year, t.month, 1, [31, 29 if t.year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31,
                                               30, 31][t.month - 1]))
        rows = {(r.region_code, r.own, r.month): r for r in out.rows}
        self.assertEqual(len(out.rows), 8, "A, B, the city's own and the total; each whole and for the month")
        self.assertEqual([(r.region_code, r.own, r.month) for r in out.rows][::2],
                         [(COUNTY_A, False, 0), (COUNTY_B, False, 0), (CITY, True, 0), (CITY, False, 0)])
        #                           med award trib term withdr notacc closed share
        self.assertEqual(figures(rows[(COUNTY_A, False, 0)]), (1, 0, 0, 0, 1, 1, 3, 0.3333))
        self.assertEqual(figures(rows[(COUNTY_B, False, 0)]), (1, 1, 0, 0, 0, 0, 2, 0.5))
        self.assertEqual(figures(rows[(CITY, True, 0)]), (0, 0, 0, 0, 1, 0, 1, 0.0))
        self.assertEqual(figures(rows[(CITY, False, 0)]), (2, 1, 0, 0, 2, 1, 6, 0.3333))
        self.assertEqual(figures(rows[(CITY, False, t.month)]), figures(rows[(CITY, False, 0)]))
        self.assertEqual(rows[(COUNTY_B, False, 0)].region_name, "乙县")
        before = must(call(R + "GetMediationShare", pb.reporting.GetMediationShareRequest(
            region_code=CITY, period=pb.subsidy.Period(year=2025, kind=pb.subsidy.PERIOD_KIND_YEAR, number=1)),
            REPORTING))
        total = [r for r in before.rows if r.region_code == CITY and not r.own and r.month == 0][0]
        self.assertEqual(figures(total), (0, 0, 0, 0, 0, 0, 0, None), "nothing closed in 2025: no share")
        self.assertEqual(len(before.rows), 3 * 13, "A, B and the total, each whole and for 12 months")

    def test_bad_input_and_scope(self):
        cases = [
            (pb.reporting.GetMediationShareRequest(region_code="4298"), ["region_code"]),
            (pb.reporting.GetMediationShareRequest(region_code=CITY, period=pb.subsidy.Period(
                year=2026, kind=pb.subsidy.PERIOD_KIND_HALF_YEAR, number=3)), ["period"]),
            (pb.reporting.GetMediationShareRequest(region_code=CITY, **{
                "from": pb.common.Date(year=2026, month=2, day=30), "to": pb.common.Date(year=2026, month=3, day=1)}),
             ["from"]),
            (pb.reporting.GetMediationShareRequest(region_code=CITY, **{
                "from": pb.common.Date(year=2026, month=3, day=2), "to": pb.common.Date(year=2026, month=3, day=1)}),
             ["from"]),
            (pb.reporting.GetMediationShareRequest(region_code=CITY, period=this_month(), **{
                "from": pb.common.Date(year=2026, month=3, day=2)}), ["period"]),
        ]
        for request, fields in cases:
            with self.subTest(fields=fields):
                out = call(R + "GetMediationShare", request, REPORTING)
                self.assertEqual((out.code, out.reason, out.fields), (INVALID_ARGUMENT, "FIELD_INVALID", fields), out)
        for request, who in ((pb.reporting.GetMediationShareRequest(region_code=CITY), YICHANG_REPORTING),
                             (pb.reporting.GetMediationShareRequest(region_code="429899"), REPORTING)):
            out = call(R + "GetMediationShare", request, who)
            self.assertEqual((out.code, out.reason, out.fields), (NOT_FOUND, "REGION_NOT_FOUND", ["region_code"]))
        out = call(R + "ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code=CITY, min_success_rate_percent=101,
                                                                      min_outcomes=-1), REPORTING)
        self.assertEqual((out.code, out.fields), (INVALID_ARGUMENT, ["min_success_rate_percent", "min_outcomes"]))
        denied = call(R + "ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code=CITY), STAFF)
        self.assertEqual(denied.reason, "ROLE_NOT_ALLOWED")


class RoomReviewTest(unittest.TestCase):

    def test_every_room_ranked_with_its_figures_and_flags(self):
        t = today()
        half = pb.subsidy.Period(year=t.year, kind=pb.subsidy.PERIOD_KIND_HALF_YEAR, number=(t.month - 1) // 6 + 1)
        out = must(call(R + "ReviewRooms", pb.reporting.ReviewRoomsRequest(
            region_code=CITY, period=half, min_success_rate_percent=60, min_outcomes=2), REPORTING))
        rooms = [(r.rank, r.room_id) for r in out.rooms]
        self.assertEqual(rooms, [(1, H["room_a"]), (2, H["room_b"]), (3, H["room_c"])])
        a, b, c = out.rooms
        self.assertEqual((a.delegated, a.accepted, a.declined, a.succeeded, a.failed, round(a.success_rate, 4),
                          a.median_days, a.overdue_now, a.active_mediators, a.min_mediators, list(a.flags)),
                         (2, 1, 1, 1, 0, 1.0, 0, 0, 1, 0, []))
        self.assertEqual((b.delegated, b.accepted, b.succeeded, b.failed, round(b.success_rate, 4), b.median_days,
                          list(b.flags)),
                         (3, 3, 1, 1, 0.5, 0, [pb.reporting.ROOM_FLAG_LOW_SUCCESS_RATE]))
        self.assertEqual((c.delegated, c.HasField("success_rate"), c.HasField("median_days"), c.active_mediators,
                          c.min_mediators, list(c.flags)),
                         (0, False, False, 0, 1, [pb.reporting.ROOM_FLAG_NO_CASE,
                                                 pb.reporting.ROOM_FLAG_MEDIATORS_BELOW_MINIMUM]))
        self.assertEqual(c.kind, pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM)
        lenient = must(call(R + "ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code=CITY, period=half),
                            REPORTING)).rooms
        self.assertEqual(list(lenient[1].flags), [], "at the default 50% over 3 outcomes room B is not flagged")
        county = must(call(R + "ReviewRooms", pb.reporting.ReviewRoomsRequest(region_code=COUNTY_B, period=half),
                           ADMIN)).rooms
        self.assertEqual([r.room_id for r in county], [H["room_b"]])


def docking(**kw):
    return must(call(R + "GetDockingReport", pb.reporting.GetDockingReportRequest(
        region_code=kw.pop("region_code", CITY), period=this_month(), **kw), REPORTING), "GetDockingReport")


def counts(details):
    return {d.detail: d.cases for d in details}


class DockingReportTest(unittest.TestCase):
    """Every figure of the history above, worked out by hand: 9 cases (A: the
    two successes' and the failure's counterparts, a withdrawal, a refusal,
    the ineligible and the declined one; ...) — see each assertion."""

    def test_every_figure_of_the_total(self):
        out = docking(by_month=True)
        self.assertEqual([(r.group_id, r.month) for r in out.rows], [("", 0), ("", today().month)])
        whole, month = out.rows
        f = whole.figures
        # Cases: A 5 (success, withdrawal, refusal, ineligible, declined),
        # B 3 (failure, success, in mediation), the city 1 (withdrawal).
        self.assertEqual(f.received, 9)
        self.assertEqual((f.assessed_eligible, f.assessed_ineligible, f.labor_relationship_excluded), (5, 1, 1))
        self.assertEqual(counts(f.unmet_criteria), {"SUITABLE_FOR_MEDIATION": 1, "BOTH_PARTIES_CONSENT": 1,
                                                    "NOT_LABOR_RELATIONSHIP_CONFIRMATION": 1})
        self.assertEqual((f.delegated, f.delegated_before_filing, f.delegated_after_filing), (5, 5, 0))
        self.assertAlmostEqual(f.delegation_rate, 5 / 9)
        self.assertEqual((f.accepted, f.declined, f.acceptance_overdue, f.conflicts_declared), (4, 1, 0, 0))
        self.assertEqual(counts(f.declines_by_ground), {"NO_CAPACITY": 1})
        self.assertEqual((f.succeeded, f.succeeded_performed, f.succeeded_document, f.failed), (2, 2, 0, 1))
        self.assertEqual(counts(f.failures_by_reason), {"PARTY_REFUSED": 1})
        self.assertEqual((f.open_now, f.overdue_now), (1, 0), "B's case in mediation, not yet due")
        self.assertEqual(f.agreements_effective, 2)
        self.assertAlmostEqual(f.success_rate, 2 / 3)
        self.assertAlmostEqual(f.performance_rate, 1.0)
        self.assertEqual((f.median_days, f.p90_days), (0, 0), "all on one day")
        self.assertEqual((f.claimed_fen, f.agreed_fen, f.performed_fen), (5 * 500000, 2 * 1000, 2 * 1000))
        ledger = must(call("caitiao.v1.SubsidyService/ListLedgerEntries", pb.subsidy.ListLedgerEntriesRequest(
            region_code=CITY, period=this_month(), page_size=100), ADMIN), "ListLedgerEntries")
        self.assertEqual(len(ledger.entries), 3, "one entry per outcome")
        self.assertEqual(f.subsidy_accrued_fen, sum(e.amount_fen for e in ledger.entries))
        self.assertEqual((f.subsidy_held_back_fen, f.subsidy_approved_fen, f.subsidy_paid_fen), (0, 0, 0))
        self.assertEqual(out.budget_left_fen, out.budget_fen, "nothing paid")
        m = month.figures
        self.assertEqual((m.received, m.delegated, m.succeeded, m.failed, m.HasField("open_now")), (9, 5, 2, 1, False))

    def test_breakdowns_by_region_room_and_mediator(self):
        out = docking(breakdown=pb.reporting.REPORT_DIMENSION_REGION)
        rows = {r.group_id: r.figures for r in out.rows}
        self.assertEqual([r.group_id for r in out.rows], [COUNTY_A, COUNTY_B, CITY, ""])
        self.assertEqual([r.group_name for r in out.rows][:2], ["甲区", "乙县"])
        self.assertEqual([(rows[g].received, rows[g].delegated, rows[g].succeeded, rows[g].failed, rows[g].open_now)
                          for g in (COUNTY_A, COUNTY_B, CITY, "")],
                         [(5, 2, 1, 0, 0), (3, 3, 1, 1, 1), (1, 0, 0, 0, 0), (9, 5, 2, 1, 1)])
        out = docking(breakdown=pb.reporting.REPORT_DIMENSION_ROOM)
        rows = {r.group_id: r.figures for r in out.rows}
        self.assertEqual([r.group_id for r in out.rows], [NO_ID, H["room_a"], H["room_b"], ""],
                         "by name: (no room), 报表测试室429801, …429802; then the total")
        self.assertEqual(rows[NO_ID].received, 9, "cases are received in no room")
        a, b = rows[H["room_a"]], rows[H["room_b"]]
        self.assertEqual((a.delegated, a.accepted, a.declined, a.succeeded, a.failed, a.open_now), (2, 1, 1, 1, 0, 0))
        self.assertEqual((b.delegated, b.accepted, b.declined, b.succeeded, b.failed, b.open_now), (3, 3, 0, 1, 1, 1))
        self.assertEqual(rows[""].received, 9, "the total")
        out = docking(commission_id=H["c_b"], breakdown=pb.reporting.REPORT_DIMENSION_MEDIATOR)
        by_mediator = {r.group_id: r for r in out.rows}
        mb = by_mediator[H["mediator_b"]]
        self.assertEqual((mb.figures.accepted, mb.figures.succeeded, mb.figures.failed, mb.figures.open_now),
                         (3, 1, 1, 1))
        self.assertEqual(mb.group_name, "吴**员", "a natural person's name is masked")
        self.assertFalse(out.HasField("budget_fen"), "no budget for a commission's cut")
        room_a = docking(room_id=H["room_a"]).rows[-1].figures
        self.assertEqual((room_a.received, room_a.delegated, room_a.declined), (0, 2, 1),
                         "a room's cut counts what concerns the room")

    def test_bad_input(self):
        cases = [
            (dict(commission_id="nope"), ["commission_id"]),
            (dict(room_id=H["room_a"], breakdown=pb.reporting.REPORT_DIMENSION_COMMISSION), ["breakdown"]),
            (dict(mediator_id=H["mediator_a"], breakdown=pb.reporting.REPORT_DIMENSION_ROOM), ["breakdown"]),
            (dict(room_id=H["room_a"], breakdown=pb.reporting.REPORT_DIMENSION_ROOM), ["breakdown"]),
            (dict(breakdown=17), ["breakdown"]),
            (dict(region_code="42"), ["region_code"]),
        ]
        for kw, fields in cases:
            with self.subTest(kw=kw):
                out = call(R + "GetDockingReport", pb.reporting.GetDockingReportRequest(**kw, period=this_month(),
                                                                                     **({} if "region_code" in kw
                                                                                        else {"region_code": CITY})),
                           REPORTING)
                self.assertEqual((out.code, out.reason, out.fields), (INVALID_ARGUMENT, "FIELD_INVALID", fields), out)
        out = call(R + "GetDockingReport", pb.reporting.GetDockingReportRequest(
            region_code=CITY, commission_id=str(uuid.uuid4())), REPORTING)
        self.assertEqual((out.code, out.reason, out.fields), (NOT_FOUND, "COMMISSION_NOT_FOUND", ["commission_id"]))
        out = call(R + "GetDockingReport", pb.reporting.GetDockingReportRequest(
            region_code=COUNTY_A, room_id=H["room_b"]), REPORTING)
        self.assertEqual((out.code, out.reason), (NOT_FOUND, "ROOM_NOT_FOUND"), "room B is not in county A")
        out = call(R + "GetDockingReport", pb.reporting.GetDockingReportRequest(region_code=CITY), YICHANG_REPORTING)
        self.assertEqual((out.code, out.reason), (NOT_FOUND, "REGION_NOT_FOUND"))


if __name__ == "__main__":
    harness.main(sys.modules[__name__])
