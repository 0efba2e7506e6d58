#!/usr/bin/env python3
"""End-to-end tests of PolicyService: the deadline policy per region and the
holiday calendars per year, over a real gRPC channel against one real
caitiaod (embedded PostgreSQL, --demo directory: 420000 Hubei, 420100 Wuhan
with its county 420102, 420500 Yichang, ...).

  * the shipped 2025 and 2026 State Council calendars are there at start;
  * an admin sets a Wuhan policy from a date; a Wuhan county inherits it from
    that day on, Yichang keeps the built-in defaults;
  * a version in force is never changed, one not yet in force is replaced;
  * validation errors name their field paths; non-admin writes are refused;
  * an operator loads a 2027 calendar and sees it listed; a malformed one is
    refused with the offending line number.

    test_policy.py --caitiaod build/services/caitiaod --proto-dir proto
"""

import datetime
import importlib
import os
import shutil
import sys
import tempfile
import unittest
import uuid

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402

OK = grpc.StatusCode.OK
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
ALREADY_EXISTS = grpc.StatusCode.ALREADY_EXISTS
PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED
UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
RPC_TIMEOUT_S = 30
CHINA = datetime.timezone(datetime.timedelta(hours=8))
SERVICE = "caitiao.v1.PolicyService"
DEFAULTS = (15, 10, 3, 15)  # pre-filing, post-filing, acceptance, extension

ARGS = None
SERVER = None
PROTO_OUT = None
pb = None      # generated modules (pb.common, ...) and pb.policy
CALLERS = {}   # name -> Caller


# ---------------------------------------------------------------------------
# Callers and calls (as in test_security.py).

class Caller:
    def __init__(self, name, token=None):
        self.name, self.token = name, token

    def metadata(self):
        return [("authorization", f"Bearer {self.token}")] if self.token else None

    def __repr__(self):
        return self.name


class Outcome:
    def __init__(self, code, response=None, message="", trailing=()):
        self.code, self.response, self.message = code, response, message
        self.reason, self.fields = None, []
        raw = dict(trailing or ()).get("grpc-status-details-bin")
        if raw is not None:
            for detail in pb.common.RpcStatus.FromString(raw).details:
                if detail.Is(pb.common.ErrorDetail.DESCRIPTOR):
                    error = pb.common.ErrorDetail()
                    detail.Unpack(error)
                    self.reason = error.reason
                    self.fields = [v.field for v in error.field_violations]

    def __repr__(self):
        return f"{self.code.name} reason={self.reason} fields={self.fields} message={self.message!r}"


RESPONSES = {
    "SetDeadlinePolicy": "SetDeadlinePolicyResponse",
    "ListDeadlinePolicies": "ListDeadlinePoliciesResponse",
    "GetEffectiveDeadlinePolicy": "GetEffectiveDeadlinePolicyResponse",
    "LoadHolidayCalendar": "LoadHolidayCalendarResponse",
    "ListHolidayCalendars": "ListHolidayCalendarsResponse",
}


def call(method, request, who=None):
    stub = SERVER.channel.unary_unary(f"/{SERVICE}/{method}", request_serializer=lambda m: m.SerializeToString(),
                                      response_deserializer=getattr(pb.policy, RESPONSES[method]).FromString)
    try:
        response, rpc = stub.with_call(request, metadata=(who or CALLERS["admin"]).metadata(),
                                       timeout=RPC_TIMEOUT_S)
        return Outcome(OK, response, "", rpc.trailing_metadata())
    except grpc.RpcError as e:
        return Outcome(e.code(), None, e.details(), e.trailing_metadata())


def rid():
    return str(uuid.uuid4())


def date(d):
    return pb.common.Date(year=d.year, month=d.month, day=d.day)


def as_date(message):
    return datetime.date(message.year, message.month, message.day)


def values(policy):
    return (policy.pre_filing_mediation_days, policy.post_filing_mediation_days, policy.acceptance_working_days,
            policy.max_extension_days)


def set_policy(region, day, policy_values, who=None, request_id=None):
    pre, post, acceptance, extension = policy_values
    return call("SetDeadlinePolicy", pb.policy.SetDeadlinePolicyRequest(
        region_code=region, effective_from=date(day),
        policy=pb.policy.DeadlinePolicy(pre_filing_mediation_days=pre, post_filing_mediation_days=post,
                                        acceptance_working_days=acceptance, max_extension_days=extension),
        request_id=request_id or rid()), who)


def effective(region, day=None, who=None):
    request = pb.policy.GetEffectiveDeadlinePolicyRequest(region_code=region)
    if day is not None:
        request.date.CopyFrom(date(day))
    return call("GetEffectiveDeadlinePolicy", request, who)


def list_calendars(who=None, **kwargs):
    out = call("ListHolidayCalendars", pb.policy.ListHolidayCalendarsRequest(**kwargs), who)
    assert out.code == OK, out
    return out.response


def shipped_counts(year):
    """(holidays, workdays) of deploy/calendars/CN-<year>.txt, counted here
    independently of the server's parser."""
    path = os.path.join(os.path.dirname(ARGS.proto_dir.rstrip("/")), "deploy", "calendars", f"CN-{year}.txt")
    holidays = workdays = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#")[0].split()
            if words and words[0] == "holiday":
                first = datetime.date.fromisoformat(words[1])
                last = datetime.date.fromisoformat(words[-1])
                holidays += (last - first).days + 1
            elif words and words[0] == "workday":
                workdays += 1
    return holidays, workdays


CALENDAR_2027 = """# A test calendar for 2027 (not the real notice).
year 2027
version 国办发明电〔2026〕测试1号

# 元旦
holiday 2027-01-01 2027-01-03
# 春节
holiday 2027-02-06 2027-02-12
workday 2027-02-13
"""


def setUpModule():
    global SERVER, PROTO_OUT, pb
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    pb.policy = importlib.import_module("caitiao.v1.policy_pb2")
    SERVER = harness.CaitiaoServer(ARGS.caitiaod)
    try:
        SERVER.start()
        CALLERS["admin"] = Caller("admin", SERVER.token("admin"))
        for name in ("arbitration_staff", "room_staff", "reporting"):
            CALLERS[name] = Caller(name, SERVER.token(name))
    except BaseException:
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


# ---------------------------------------------------------------------------
# Deadline policy.

class DeadlinePolicyTest(unittest.TestCase):

    def test_a_wuhan_policy_applies_to_its_counties_from_its_first_day_and_not_to_yichang(self):
        start = datetime.date(2026, 3, 1)
        out = set_policy("420100", start, (20, 12, 5, 10))
        self.assertEqual(out.code, OK, out)
        self.assertEqual(out.response.version.region_code, "420100")
        self.assertEqual(as_date(out.response.version.effective_from), start)
        self.assertEqual(values(out.response.version.policy), (20, 12, 5, 10))
        self.assertTrue(out.response.version.created_by)
        self.assertFalse(out.response.HasField("replaced"))

        before = effective("420102", start - datetime.timedelta(days=1), CALLERS["room_staff"])
        self.assertEqual(before.code, OK, before)
        self.assertEqual(values(before.response.policy), DEFAULTS)
        self.assertEqual(before.response.source, "built-in defaults")
        self.assertFalse(before.response.HasField("version"))

        for day in (start, start + datetime.timedelta(days=200)):
            with self.subTest(day=day):
                after = effective("420102", day, CALLERS["arbitration_staff"])
                self.assertEqual(after.code, OK, after)
                self.assertEqual(values(after.response.policy), (20, 12, 5, 10))
                self.assertEqual(after.response.source, "420100 from 2026-03-01")
                self.assertEqual(after.response.version.region_code, "420100")
                self.assertEqual(after.response.region_code, "420102")
                self.assertEqual(as_date(after.response.date), day)

        yichang = effective("420500", start + datetime.timedelta(days=30), CALLERS["reporting"])
        self.assertEqual(yichang.code, OK, yichang)
        self.assertEqual(values(yichang.response.policy), DEFAULTS)
        self.assertEqual(yichang.response.source, "built-in defaults")

    def test_the_date_defaults_to_today_in_china(self):
        out = effective("420500")
        self.assertEqual(out.code, OK, out)
        self.assertEqual(as_date(out.response.date), datetime.datetime.now(CHINA).date())

    def test_a_version_in_force_is_never_changed_and_a_future_one_is_replaced(self):
        # Xiantao (429004), a county-level city: no other test's region inherits from it.
        past = datetime.date(2025, 7, 1)
        request_id = rid()
        first = set_policy("429004", past, (16, 11, 4, 12), request_id=request_id)
        self.assertEqual(first.code, OK, first)
        retry = set_policy("429004", past, (16, 11, 4, 12), request_id=request_id)
        self.assertEqual(retry.code, OK, "a retry with the same request_id gets the first answer")
        self.assertEqual(retry.response, first.response)
        again = set_policy("429004", past, (17, 11, 4, 12))
        self.assertEqual((again.code, again.reason, again.fields),
                         (ALREADY_EXISTS, "POLICY_VERSION_EXISTS", ["effective_from"]), again)

        future = datetime.date(2099, 1, 1)
        self.assertEqual(set_policy("420600", future, (30, 20, 6, 0)).code, OK)
        replaced = set_policy("420600", future, (31, 20, 6, 0))
        self.assertEqual(replaced.code, OK, replaced)
        self.assertEqual(values(replaced.response.replaced.policy), (30, 20, 6, 0))
        self.assertEqual(values(replaced.response.version.policy), (31, 20, 6, 0))
        self.assertEqual(effective("420600", future).response.source, "420600 from 2099-01-01")
        self.assertEqual(values(effective("420600", future).response.policy), (31, 20, 6, 0))

    def test_list_pages_through_a_region_and_its_subregions(self):
        for day in (datetime.date(2030, 1, 1), datetime.date(2031, 1, 1)):
            self.assertEqual(set_policy("421000", day, (15, 10, 3, 15)).code, OK)
        request = pb.policy.ListDeadlinePoliciesRequest(region_code="421000", page_size=1)
        first = call("ListDeadlinePolicies", request, CALLERS["reporting"])
        self.assertEqual(first.code, OK, first)
        self.assertEqual([as_date(v.effective_from).year for v in first.response.versions], [2030])
        self.assertTrue(first.response.next_page_token)
        request.page_token = first.response.next_page_token
        second = call("ListDeadlinePolicies", request, CALLERS["reporting"])
        self.assertEqual([as_date(v.effective_from).year for v in second.response.versions], [2031])
        other = call("ListDeadlinePolicies", pb.policy.ListDeadlinePoliciesRequest(
            region_code="420100", page_token=first.response.next_page_token))
        self.assertEqual((other.code, other.reason), (INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"), other)
        everything = call("ListDeadlinePolicies", pb.policy.ListDeadlinePoliciesRequest(page_size=1000))
        self.assertEqual(everything.code, OK, everything)
        self.assertFalse(everything.response.next_page_token)
        self.assertIn("421000", [v.region_code for v in everything.response.versions])

    def test_validation_errors_name_every_field(self):
        out = call("SetDeadlinePolicy", pb.policy.SetDeadlinePolicyRequest(
            region_code="4201", policy=pb.policy.DeadlinePolicy(
                pre_filing_mediation_days=0, post_filing_mediation_days=366, acceptance_working_days=31,
                max_extension_days=-1), request_id=rid()))
        self.assertEqual((out.code, out.reason), (INVALID_ARGUMENT, "FIELD_INVALID"), out)
        self.assertEqual(sorted(out.fields), sorted([
            "region_code", "effective_from", "policy.pre_filing_mediation_days",
            "policy.post_filing_mediation_days", "policy.acceptance_working_days", "policy.max_extension_days"]))

        bad_day = call("SetDeadlinePolicy", pb.policy.SetDeadlinePolicyRequest(
            region_code="420100", effective_from=pb.common.Date(year=2026, month=2, day=30),
            policy=pb.policy.DeadlinePolicy(pre_filing_mediation_days=15, post_filing_mediation_days=10,
                                            acceptance_working_days=3), request_id=rid()))
        self.assertEqual((bad_day.code, bad_day.fields), (INVALID_ARGUMENT, ["effective_from"]), bad_day)

        no_request_id = set_policy("420100", datetime.date(2026, 3, 2), DEFAULTS, request_id=" ")
        self.assertEqual((no_request_id.code, no_request_id.fields), (INVALID_ARGUMENT, ["request_id"]))

        for region, field in (("", "region_code"), ("42010X", "region_code")):
            with self.subTest(region=region):
                got = effective(region)
                self.assertEqual((got.code, got.fields), (INVALID_ARGUMENT, [field]), got)
        bad_date = call("GetEffectiveDeadlinePolicy", pb.policy.GetEffectiveDeadlinePolicyRequest(
            region_code="420100", date=pb.common.Date(year=2026, month=13, day=1)))
        self.assertEqual((bad_date.code, bad_date.fields), (INVALID_ARGUMENT, ["date"]), bad_date)

    def test_the_further_periods_are_policy_with_defaults_when_unset(self):
        day = datetime.date(2031, 1, 1)
        out = call("SetDeadlinePolicy", pb.policy.SetDeadlinePolicyRequest(
            region_code="420500", effective_from=date(day), policy=pb.policy.DeadlinePolicy(
                pre_filing_mediation_days=15, post_filing_mediation_days=10, acceptance_working_days=3,
                max_extension_days=10, review_application_days=20, review_working_days=7, max_mediation_extensions=2),
            request_id=rid()))
        self.assertEqual(out.code, grpc.StatusCode.OK, out)
        got = effective("420500", day).response.policy
        self.assertEqual((got.review_application_days, got.review_working_days, got.max_mediation_extensions),
                         (20, 7, 2), "set values are kept")
        self.assertEqual((got.acceptance_decision_working_days, got.review_extension_working_days), (5, 5),
                         "unset ones take the defaults")
        defaults = effective("420600", datetime.date(2026, 6, 1)).response.policy
        self.assertEqual((defaults.acceptance_decision_working_days, defaults.review_application_days,
                          defaults.review_working_days, defaults.review_extension_working_days,
                          defaults.max_mediation_extensions), (5, 15, 5, 5, 1))
        bad = call("SetDeadlinePolicy", pb.policy.SetDeadlinePolicyRequest(
            region_code="420500", effective_from=date(datetime.date(2031, 2, 1)), policy=pb.policy.DeadlinePolicy(
                pre_filing_mediation_days=15, post_filing_mediation_days=10, acceptance_working_days=3,
                acceptance_decision_working_days=0, review_application_days=400, review_working_days=31,
                review_extension_working_days=-1, max_mediation_extensions=11), request_id=rid()))
        self.assertEqual((bad.code, sorted(bad.fields)), (INVALID_ARGUMENT, sorted([
            "policy.acceptance_decision_working_days", "policy.review_application_days", "policy.review_working_days",
            "policy.review_extension_working_days", "policy.max_mediation_extensions"])), bad)

    def test_a_region_not_in_the_directory_is_not_found(self):
        out = set_policy("420189", datetime.date(2026, 1, 1), DEFAULTS)
        self.assertEqual((out.code, out.reason, out.fields), (NOT_FOUND, "REGION_NOT_FOUND", ["region_code"]), out)
        got = effective("420189")
        self.assertEqual((got.code, got.reason), (NOT_FOUND, "REGION_NOT_FOUND"), got)


# ---------------------------------------------------------------------------
# Holiday calendars.

class HolidayCalendarTest(unittest.TestCase):

    def test_the_shipped_2025_and_2026_calendars_are_there_at_start(self):
        calendars = {c.year: c for c in list_calendars(CALLERS["room_staff"]).calendars}
        self.assertIn(2025, calendars)
        self.assertIn(2026, calendars)
        self.assertEqual(calendars[2025].version, "国办发明电〔2024〕12号")
        self.assertEqual(calendars[2026].version, "国办发明电〔2025〕7号")
        for year in (2025, 2026):
            with self.subTest(year=year):
                self.assertEqual((calendars[year].holiday_count, calendars[year].workday_count),
                                 shipped_counts(year))
                self.assertEqual(calendars[year].loaded_by, "system/built-in")

    def test_an_operator_loads_2027_then_sees_it_listed_and_a_reload_names_the_version_it_replaced(self):
        out = call("LoadHolidayCalendar", pb.policy.LoadHolidayCalendarRequest(
            calendar_text=CALENDAR_2027, request_id=rid()))
        self.assertEqual(out.code, OK, out)
        c = out.response.calendar
        self.assertEqual((c.year, c.version, c.holiday_count, c.workday_count),
                         (2027, "国办发明电〔2026〕测试1号", 10, 1))
        self.assertEqual(out.response.replaced_version, "")
        listed = {c.year: c for c in list_calendars(CALLERS["arbitration_staff"]).calendars}
        self.assertEqual(listed[2027].version, "国办发明电〔2026〕测试1号")
        self.assertEqual(listed[2027].holiday_count, 10)

        corrected = CALENDAR_2027.replace("测试1号", "测试2号") + "holiday 2027-10-01 2027-10-07\n"
        again = call("LoadHolidayCalendar", pb.policy.LoadHolidayCalendarRequest(
            calendar_text=corrected, request_id=rid()))
        self.assertEqual(again.code, OK, again)
        self.assertEqual(again.response.replaced_version, "国办发明电〔2026〕测试1号")
        self.assertEqual(again.response.calendar.holiday_count, 17)

        # One year per page still reaches every year.
        years, token = [], ""
        while True:
            page = list_calendars(page_size=1, page_token=token)
            years += [c.year for c in page.calendars]
            token = page.next_page_token
            if not token:
                break
        self.assertEqual(years, sorted(years))
        self.assertTrue({2025, 2026, 2027} <= set(years), years)

    def test_a_malformed_calendar_is_refused_with_its_line_number(self):
        text = "year 2028\nversion 国办发明电〔2027〕1号\nholiday 2028-01-01\nholiday 2028-02-30\n"
        out = call("LoadHolidayCalendar", pb.policy.LoadHolidayCalendarRequest(calendar_text=text, request_id=rid()))
        self.assertEqual((out.code, out.reason, out.fields),
                         (INVALID_ARGUMENT, "HOLIDAY_CALENDAR_INVALID", ["calendar_text"]), out)
        self.assertRegex(out.message, r"\bline 4\b")
        for bad, line in (("year 2028\nversion x\nworkday 2028-01-03\n", 3),   # a Monday
                          ("year 2028\nversion x\nvacation 2028-05-01\n", 3),
                          ("version x\nholiday 2028-01-01\n", 2)):
            with self.subTest(text=bad):
                got = call("LoadHolidayCalendar", pb.policy.LoadHolidayCalendarRequest(
                    calendar_text=bad, request_id=rid()))
                self.assertEqual(got.code, INVALID_ARGUMENT, got)
                self.assertRegex(got.message, rf"\bline {line}\b")
        empty = call("LoadHolidayCalendar", pb.policy.LoadHolidayCalendarRequest(calendar_text="", request_id=rid()))
        self.assertEqual((empty.code, empty.fields), (INVALID_ARGUMENT, ["calendar_text"]), empty)
        self.assertNotIn(2028, [c.year for c in list_calendars().calendars])


# ---------------------------------------------------------------------------
# Who may call.

class PermissionTest(unittest.TestCase):

    def test_only_admins_write_and_everyone_reads(self):
        for name in ("arbitration_staff", "room_staff", "reporting"):
            who = CALLERS[name]
            with self.subTest(caller=name):
                out = set_policy("420100", datetime.date(2098, 1, 1), DEFAULTS, who)
                self.assertEqual((out.code, out.reason), (PERMISSION_DENIED, "ROLE_NOT_ALLOWED"), out)
                out = call("LoadHolidayCalendar", pb.policy.LoadHolidayCalendarRequest(
                    calendar_text=CALENDAR_2027, request_id=rid()), who)
                self.assertEqual((out.code, out.reason), (PERMISSION_DENIED, "ROLE_NOT_ALLOWED"), out)
                self.assertEqual(effective("420100", who=who).code, OK)
                self.assertEqual(call("ListDeadlinePolicies", pb.policy.ListDeadlinePoliciesRequest(), who).code, OK)
                self.assertEqual(call("ListHolidayCalendars", pb.policy.ListHolidayCalendarsRequest(), who).code, OK)
        nobody = effective("420100", who=Caller("nobody"))
        self.assertEqual((nobody.code, nobody.reason), (UNAUTHENTICATED, "CREDENTIALS_MISSING"), nobody)


def main():
    harness.main(sys.modules[__name__])

if __name__ == "__main__":
    main()
