#!/usr/bin/env python3
"""End-to-end tests of CoverageService against one real caitiaod (embedded
PostgreSQL, --demo) over Debian's python3-grpcio:

  * the shipped region list is in the directory from the first start: 3,339
    regions, Hubei with 13 cities and prefectures and 105 county-level units;
  * rooms active and inactive on a day (opened later, deactivated today),
    pilots marked and unmarked from a day, and the report's counts and three
    lists against values computed by hand, in Hunan (430000), where the demo
    has no rooms;
  * a province's target by date: which milestone applies and whether it is
    met; the demo's Hubei target;
  * LoadRegions adds and renames, never deletes, and refuses a bad line
    naming it;
  * bad input names its fields; a province outside a reporting job's
    regions is NOT_FOUND.

    test_coverage.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import csv
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
import e2e_client  # noqa: E402
from e2e_client import OK, Principal, call, rid  # noqa: E402
from people import today  # noqa: E402

INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED
C = "caitiao.v1.CoverageService/"
D = "caitiao.v1.DirectoryService/"
REGION_LIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "deploy", "data",
                           "cn-regions-2023.csv")

ARGS = None
SERVER = None
PROTO_OUT = None
pb = None
ADMIN = Principal("admin")
REPORTING = Principal("hubei reporting")  # demo reporting.token (420000)
STAFF = Principal("wuhan staff")          # demo arbitration_staff.token


def shipped_regions():
    with open(REGION_LIST, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def date(d):
    return pb.common.Date(year=d.year, month=d.month, day=d.day)


def pydate(d):
    return datetime.date(d.year, d.month, d.day)


def must(out, what):
    if out.code != OK:
        raise AssertionError(f"{what}: {out}")
    return out.response


def coverage(province, day=None, who=ADMIN):
    req = pb.coverage.GetCoverageRequest(province_code=province)
    if day is not None:
        req.date.CopyFrom(date(day))
    return call(C + "GetCoverage", req, who)


def mark(region, day, pilot=True, note=""):
    method = "MarkPilot" if pilot else "UnmarkPilot"
    cls = pb.coverage.MarkPilotRequest if pilot else pb.coverage.UnmarkPilotRequest
    return call(C + method, cls(region_code=region, effective_from=date(day), note=note, request_id=rid()), ADMIN)


def set_target(province, effective, start, milestones, who=ADMIN):
    t = pb.coverage.CoverageTarget(province_code=province, effective_from=date(effective), pilot_start=date(start))
    for m in milestones:
        t.milestones.add(**m)
    return call(C + "SetCoverageTarget", pb.coverage.SetCoverageTargetRequest(target=t, request_id=rid()), who)


def codes(regions):
    return [r.code for r in regions]


def setUpModule():
    global SERVER, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    SERVER = harness.CaitiaoServer(ARGS.caitiaod)
    try:
        SERVER.start()
        e2e_client.configure(pb, SERVER)
        ADMIN.token = SERVER.token("admin")
        REPORTING.token = SERVER.token("reporting")
        STAFF.token = SERVER.token("arbitration_staff")
        HunanTest.build()
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


class RegionListTest(unittest.TestCase):

    def test_the_shipped_list_is_loaded_at_first_start(self):
        regions, token = [], ""
        while True:
            out = must(call(D + "ListRegions", pb.directory.ListRegionsRequest(page_size=1000, page_token=token),
                            ADMIN), "ListRegions")
            regions.extend(out.regions)
            token = out.next_page_token
            if not token:
                break
        shipped = shipped_regions()
        self.assertEqual(len(shipped), 3339)
        # The other tests add a few made-up regions; every shipped one is there as shipped.
        by_code = {r.code: r for r in regions}
        for row in shipped:
            self.assertEqual(by_code[row["code"]].name, row["name"], row)
        self.assertEqual(sum(1 for r in regions if r.level == pb.directory.REGION_LEVEL_PROVINCE), 31)
        hubei = must(call(D + "ListRegions", pb.directory.ListRegionsRequest(
            parent_code="420000", level=pb.directory.REGION_LEVEL_CITY, page_size=1000), ADMIN), "Hubei cities")
        self.assertEqual(len(hubei.regions), 13)
        report = must(coverage("420000"), "Hubei coverage")
        self.assertEqual(report.province_name, "湖北省")
        self.assertEqual(report.total, 118)  # 13 cities and prefectures + 105 county-level units
        counties = [r for r in list(report.covered_regions) + list(report.pilot_without_room) +
                    list(report.uncovered_regions) if r.level == pb.directory.REGION_LEVEL_COUNTY]
        self.assertEqual(len(counties), 105)
        self.assertIn("429021", codes(report.uncovered_regions) + codes(report.covered_regions))  # 神农架林区

    def test_load_regions_adds_and_renames_and_never_deletes(self):
        text = ("code,name,level,parent_code\r\n"
                "520000,贵州省,province,\r\n"
                "520100,贵阳市（测试更名）,city,520000\r\n"
                "520198,测试新区,county,520100\r\n")
        out = must(call(C + "LoadRegions", pb.coverage.LoadRegionsRequest(csv_text=text, request_id=rid()), ADMIN),
                   "LoadRegions")
        self.assertEqual((out.added, out.renamed, out.moved, out.unchanged), (1, 1, 0, 1), out)
        self.assertEqual(out.total, out.absent + 3, out)
        report = must(coverage("520000"), "Guizhou")
        names = {r.code: r.name for r in report.uncovered_regions}
        self.assertEqual(names["520100"], "贵阳市（测试更名）")
        self.assertEqual(names["520198"], "测试新区")
        # The shipped list again: the name comes back, the new county stays.
        with open(REGION_LIST, encoding="utf-8", newline="") as f:
            shipped = f.read()
        again = must(call(C + "LoadRegions", pb.coverage.LoadRegionsRequest(csv_text=shipped, request_id=rid()),
                          ADMIN), "LoadRegions again")
        self.assertEqual((again.added, again.renamed, again.moved), (0, 1, 0), again)
        self.assertEqual(again.unchanged, 3338)
        self.assertGreaterEqual(again.absent, 1)
        report = must(coverage("520000"), "Guizhou")
        names = {r.code: r.name for r in report.uncovered_regions}
        self.assertEqual((names["520100"], names["520198"]), ("贵阳市", "测试新区"))

    def test_a_bad_line_is_refused_with_its_number_and_nothing_is_stored(self):
        header = "code,name,level,parent_code\n"
        cases = {
            "line 3": header + "530000,云南省,province,\n5301,昆明市,city,530000\n",
            "line 2": "\ufeff" + header + "530100,昆明市,county,530000\n",
            "line 4": header + "530000,云南省,province,\n530197,测试区,county,530100\n530197,测试区,county,530100\n",
            "neither in the list nor in the directory": header + "539901,测试区,county,539900\n",
            "fields": header + "530197,测试区,county\n",
            "header": "code;name;level;parent_code\n530197,测试区,county,530100\n",
        }
        for expected, text in cases.items():
            with self.subTest(expected=expected):
                out = call(C + "LoadRegions", pb.coverage.LoadRegionsRequest(csv_text=text, request_id=rid()), ADMIN)
                self.assertEqual((out.code, out.reason, out.fields),
                                 (INVALID_ARGUMENT, "REGION_LIST_INVALID", ["csv_text"]), out)
                self.assertIn(expected, out.message)
        empty = call(C + "LoadRegions", pb.coverage.LoadRegionsRequest(csv_text="", request_id=rid()), ADMIN)
        self.assertEqual((empty.code, empty.reason, empty.fields), (INVALID_ARGUMENT, "FIELD_INVALID", ["csv_text"]))
        report = must(coverage("530000"), "Yunnan")
        self.assertNotIn("530197", codes(report.uncovered_regions))


class HunanTest(unittest.TestCase):
    """Hunan (430000) has no demo rooms. Changsha's counties:
    430102 a room opened 2024-01-01;               430103 a room opened 2024-01-01, deactivated today;
    430104 a room opening in 60 days;              430105 a pilot from 2024-03-01, no room;
    430111 a pilot from 2024-01-01 until 2024-06-01; 430112 a pilot from 2024-01-01 with a room from 2024-02-01;
    430100 (the city itself) two rooms opened 2024-01-01."""

    @classmethod
    def build(cls):
        commission = must(call(D + "CreateCommission", pb.directory.CreateCommissionRequest(
            commission=pb.directory.Commission(region_code="430100", name="长沙市劳动人事争议仲裁委员会",
                                               case_number_template="湘长劳人仲案字〔{year}〕第{seq}号"),
            request_id=rid()), ADMIN), "commission").id
        cls.opening_day = today() + datetime.timedelta(days=60)

        def room(region, opened):
            r = pb.directory.MediationRoom(
                name=f"覆盖测试工作室{uuid.uuid4().hex[:6]}", kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM,
                region_code=region, host_organization="长沙市总工会", commission_ids=[commission], capacity=5,
                min_mediators=0, opened_on=date(opened))
            return must(call(D + "CreateRoom", pb.directory.CreateRoomRequest(room=r, request_id=rid()), ADMIN),
                        "room")

        start = datetime.date(2024, 1, 1)
        room("430102", start)
        closed = room("430103", start)
        must(call(D + "DeactivateRoom", pb.directory.DeactivateRoomRequest(
            id=closed.id, etag=closed.etag, request_id=rid()), ADMIN), "deactivate")
        room("430104", cls.opening_day)
        room("430112", datetime.date(2024, 2, 1))
        room("430100", start)
        room("430100", start)
        must(mark("430105", datetime.date(2024, 3, 1), note="第一批试点"), "pilot")
        must(mark("430111", start), "pilot")
        must(mark("430111", datetime.date(2024, 6, 1), pilot=False), "unpilot")
        must(mark("430112", start), "pilot")
        cls.total = sum(1 for r in shipped_regions() if r["code"].startswith("43") and r["level"] != "province")
        must(set_target("430000", datetime.date(2024, 1, 1), datetime.date(2024, 1, 1),
                        [{"after_months": 12, "min_covered": 4}, {"after_months": 24, "all": True}]), "target")

    def test_the_report_on_a_past_day(self):
        r = must(coverage("430000", datetime.date(2024, 5, 1)), "coverage")
        self.assertEqual((r.total, r.covered, r.pilots), (self.total, 4, 3), r)
        self.assertEqual(codes(r.covered_regions), ["430100", "430102", "430103", "430112"])
        self.assertEqual([x.rooms_active for x in r.covered_regions], [2, 1, 1, 1])
        self.assertEqual(codes(r.pilot_without_room), ["430105", "430111"])
        self.assertEqual(pydate(r.pilot_without_room[0].pilot_since), datetime.date(2024, 3, 1))
        self.assertTrue(r.covered_regions[3].pilot)
        self.assertEqual(len(r.uncovered_regions), self.total - 6)
        self.assertNotIn("430104", codes(r.covered_regions))
        # Target: nothing due yet; the first milestone (4) would be met, the second (all) not.
        self.assertEqual(r.applicable_milestone, -1)
        self.assertEqual([(pydate(m.due_on), m.required, m.due, m.met) for m in r.milestones],
                         [(datetime.date(2025, 1, 1), 4, False, True),
                          (datetime.date(2026, 1, 1), self.total, False, False)])

    def test_the_report_today_and_on_a_day_to_come(self):
        r = must(coverage("430000"), "coverage today")
        self.assertEqual(pydate(r.date), today())
        self.assertEqual(codes(r.covered_regions), ["430100", "430102", "430112"])  # 430103 deactivated today
        self.assertEqual(codes(r.pilot_without_room), ["430105"])                  # 430111 no pilot since 2024-06-01
        self.assertIn("430103", codes(r.uncovered_regions))
        self.assertIn("430111", codes(r.uncovered_regions))
        self.assertEqual((r.covered, r.pilots), (3, 2))
        # Both milestones due: 3 < 4 and 3 < all, the second applies.
        self.assertEqual(r.applicable_milestone, 1)
        self.assertEqual([(m.due, m.met) for m in r.milestones], [(True, False), (True, False)])
        later = must(coverage("430000", self.opening_day), "coverage later")
        self.assertEqual(codes(later.covered_regions), ["430100", "430102", "430104", "430112"])
        self.assertTrue(later.milestones[0].met)

    def test_a_target_version_and_a_pilot_entry_replace_their_day(self):
        out = must(set_target("430000", datetime.date(2030, 1, 1), datetime.date(2030, 1, 1),
                              [{"after_months": 6, "min_covered": 1}]), "target 2030")
        self.assertFalse(out.replaced)
        again = must(set_target("430000", datetime.date(2030, 1, 1), datetime.date(2030, 1, 1),
                                [{"after_months": 6, "min_covered": 2}]), "target 2030 again")
        self.assertTrue(again.replaced)
        r = must(coverage("430000", datetime.date(2030, 7, 1)), "coverage 2030")
        self.assertEqual([(m.required, m.due) for m in r.milestones], [(2, True)])
        self.assertEqual(pydate(r.target.pilot_start), datetime.date(2030, 1, 1))
        r = must(coverage("430000", datetime.date(2029, 12, 31)), "coverage 2029")
        self.assertEqual(len(r.milestones), 2)
        entry = must(mark("430121", datetime.date(2031, 1, 1), note="a"), "pilot")
        self.assertFalse(entry.replaced)
        entry = must(mark("430121", datetime.date(2031, 1, 1), note="b"), "pilot again")
        self.assertEqual((entry.replaced, entry.note, entry.pilot), (True, "b", True))


class DemoTargetTest(unittest.TestCase):

    def test_hubei_target_of_the_demo(self):
        r = must(coverage("420000", datetime.date(2024, 7, 1)), "Hubei 2024-07-01")
        self.assertEqual(pydate(r.target.pilot_start), datetime.date(2023, 6, 1))
        self.assertEqual([(pydate(m.due_on), m.required, m.due) for m in r.milestones],
                         [(datetime.date(2024, 6, 1), 50, True), (datetime.date(2025, 6, 1), 118, False)])
        self.assertEqual(r.applicable_milestone, 0)
        before = must(coverage("420000", datetime.date(2023, 5, 31)), "Hubei before the pilot")
        self.assertFalse(before.HasField("target"))
        self.assertEqual(before.applicable_milestone, -1)


class BadInputTest(unittest.TestCase):

    def test_get_coverage_names_its_fields(self):
        for province, day, code, reason, fields in (
                ("", None, INVALID_ARGUMENT, "FIELD_INVALID", ["province_code"]),
                ("420100", None, INVALID_ARGUMENT, "FIELD_INVALID", ["province_code"]),
                ("42000", None, INVALID_ARGUMENT, "FIELD_INVALID", ["province_code"]),
                ("710000", None, NOT_FOUND, "REGION_NOT_FOUND", ["province_code"])):
            with self.subTest(province=province):
                out = coverage(province, day)
                self.assertEqual((out.code, out.reason, out.fields), (code, reason, fields), out)
        bad_day = call(C + "GetCoverage", pb.coverage.GetCoverageRequest(
            province_code="420000", date=pb.common.Date(year=2023, month=2, day=30)), ADMIN)
        self.assertEqual((bad_day.code, bad_day.fields), (INVALID_ARGUMENT, ["date"]), bad_day)

    def test_pilots_name_their_fields(self):
        out = call(C + "MarkPilot", pb.coverage.MarkPilotRequest(region_code="420000", request_id=rid()), ADMIN)
        self.assertEqual((out.code, sorted(out.fields)), (INVALID_ARGUMENT, ["effective_from", "region_code"]), out)
        out = mark("420150", datetime.date(2024, 1, 1))
        self.assertEqual((out.code, out.reason, out.fields), (NOT_FOUND, "REGION_NOT_FOUND", ["region_code"]), out)
        out = call(C + "UnmarkPilot", pb.coverage.UnmarkPilotRequest(
            region_code="420102", effective_from=pb.common.Date(year=2024, month=13, day=1), note="x" * 501,
            request_id=rid()), ADMIN)
        self.assertEqual((out.code, sorted(out.fields)), (INVALID_ARGUMENT, ["effective_from", "note"]), out)

    def test_targets_name_their_fields(self):
        out = set_target("420100", datetime.date(2024, 1, 1), datetime.date(2024, 1, 1),
                         [{"after_months": 0, "min_covered": 1}, {"after_months": 12, "min_covered": 0},
                          {"after_months": 6, "all": True, "min_covered": 3}])
        self.assertEqual((out.code, sorted(out.fields)), (INVALID_ARGUMENT, [
            "target.milestones[0].after_months", "target.milestones[1].min_covered",
            "target.milestones[2].after_months", "target.milestones[2].min_covered", "target.province_code"]), out)
        out = call(C + "SetCoverageTarget", pb.coverage.SetCoverageTargetRequest(
            target=pb.coverage.CoverageTarget(province_code="710000"), request_id=rid()), ADMIN)
        self.assertEqual((out.code, sorted(out.fields)), (INVALID_ARGUMENT, [
            "target.effective_from", "target.milestones", "target.pilot_start"]), out)
        out = set_target("710000", datetime.date(2024, 1, 1), datetime.date(2024, 1, 1),
                         [{"after_months": 12, "all": True}])
        self.assertEqual((out.code, out.reason, out.fields),
                         (NOT_FOUND, "REGION_NOT_FOUND", ["target.province_code"]), out)


class ScopeTest(unittest.TestCase):

    def test_reporting_sees_its_province_only_and_others_may_not_call(self):
        self.assertEqual(coverage("420000", who=REPORTING).code, OK)
        out = coverage("430000", who=REPORTING)
        self.assertEqual((out.code, out.reason), (NOT_FOUND, "REGION_NOT_FOUND"), out)
        wuhan_only = e2e_client.issue(ADMIN, "coverage-wuhan-reporting", "reporting", regions=["420100"])[0]
        out = coverage("420000", who=wuhan_only)
        self.assertEqual((out.code, out.reason), (NOT_FOUND, "REGION_NOT_FOUND"), out)
        out = coverage("420000", who=STAFF)
        self.assertEqual((out.code, out.reason), (PERMISSION_DENIED, "ROLE_NOT_ALLOWED"), out)
        out = call(C + "MarkPilot", pb.coverage.MarkPilotRequest(
            region_code="420102", effective_from=date(datetime.date(2024, 1, 1)), request_id=rid()), REPORTING)
        self.assertEqual((out.code, out.reason), (PERMISSION_DENIED, "ROLE_NOT_ALLOWED"), out)


def main():
    harness.main(sys.modules[__name__])


if __name__ == "__main__":
    main()
