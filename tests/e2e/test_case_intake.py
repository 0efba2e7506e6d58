#!/usr/bin/python3
"""End-to-end tests of case intake: CaseService and DirectoryService over gRPC.

Starts one real caitiaod (embedded PostgreSQL, --demo directory) for the whole
module and talks to it the way a client would: generated message classes,
plain gRPC calls, development identity metadata. Nothing here links the
server's code; the expectations come from the protos and the documented rules.

Run (as CTest does):
    /usr/bin/python3 tests/e2e/test_case_intake.py \
        --caitiaod build/services/caitiaod --proto-dir proto [unittest args...]

Needs Debian's python3-grpcio and python3-protobuf and protoc on PATH.
"""

import datetime
import os
import random
import shutil
import sys
import tempfile
import threading
import unittest
import uuid

import grpc
from google.protobuf import field_mask_pb2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
from people import credit_code, resident_id  # noqa: E402

OK = grpc.StatusCode.OK
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
ALREADY_EXISTS = grpc.StatusCode.ALREADY_EXISTS
PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED
UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
FAILED_PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION
ABORTED = grpc.StatusCode.ABORTED

RPC_TIMEOUT_S = 30
CHINA = datetime.timezone(datetime.timedelta(hours=8))
UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)

# Set up by setUpModule.
ARGS = None     # --caitiaod, --proto-dir
SERVER = None   # harness.CaitiaoServer
PROTO_OUT = None
pb = None       # generated modules: pb.common, pb.case, pb.case_service, pb.directory
DEMO = {}       # region code -> demo Commission


# ---------------------------------------------------------------------------
# Callers: principals with API tokens, issued through the admin token on first use.

# The Wuhan demo mediation room (the server's demo room id).
DEMO_ROOM_ID = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201"


class Caller:
    """A principal: role and scope. Commissions are demo region codes (their
    demo commission) or commission ids; the token is issued when first used
    and re-issued when the scope grows."""

    MAX_COMMISSIONS = 50  # the server's limit per token

    def __init__(self, label, role, commissions=(), room="", regions=(), unmask=False, token=None):
        self.label, self.role, self.room, self.unmask = label, role, room, unmask
        self.commissions, self.regions = list(commissions), list(regions)
        self.token = token
        self.principal = None  # "token/<id>" once issued
        self.lock = threading.Lock()

    def allow_commission(self, commission_id):
        """Adds a commission (the oldest added ones drop out beyond the limit)."""
        with self.lock:
            if commission_id not in self.commissions:
                self.commissions.append(commission_id)
                fixed = [c for c in self.commissions if c in ALL_DEMO]
                added = [c for c in self.commissions if c not in ALL_DEMO]
                self.commissions = fixed + added[-(self.MAX_COMMISSIONS - len(fixed)):]
                self.token = None

    def metadata(self):
        with self.lock:  # concurrent first calls must share one token (one principal)
            if self.token is None:
                self.token = issue_token(self)
            return [("authorization", f"Bearer {self.token}")]

    def __repr__(self):
        return f"{self.label}/{self.role}"


def commission_id_of(ref):
    return DEMO[ref].id if ref in DEMO else ref


def issue_token(caller):
    scope = pb.access.AccessScope(commission_ids=[commission_id_of(c) for c in caller.commissions],
                                  room_id=caller.room, region_codes=caller.regions)
    out = call("IssueToken", pb.access.IssueTokenRequest(
        label=caller.label, role=pb.access.Role.Value(f"ROLE_{caller.role.upper()}"), scope=scope,
        unmask_personal_data=caller.unmask, request_id=request_id()), ADMIN)
    if out.code != OK:
        raise RuntimeError(f"cannot issue a token for {caller}: {out}")
    caller.principal = f"token/{out.response.token.id}"
    return out.response.secret


ADMIN = Caller("e2e-admin", "admin")  # its token is the server's bootstrap admin token
ALL_DEMO = ("420000", "420100", "420102", "420500", "420600", "421000", "429004")
# Plus every commission a test creates; may ask for unmasked reads.
STAFF = Caller("e2e-staff", "arbitration_staff", ALL_DEMO, unmask=True)
REPORTING = Caller("e2e-reporting", "reporting", regions=["420000"])
ROOM_STAFF = Caller("e2e-room", "room_staff", room=DEMO_ROOM_ID)
YICHANG_STAFF = Caller("e2e-yichang", "arbitration_staff", ["420500"])
HUBEI_STAFF = Caller("e2e-hubei", "arbitration_staff", ["420000", "420100", "420102"])
JIANGAN_STAFF = Caller("e2e-jiangan", "arbitration_staff", ["420102"])
NO_IDENTITY = None


# ---------------------------------------------------------------------------
# Calling the server.

def _methods():
    c, s, d = pb.case, pb.case_service, pb.directory
    return {
        "CreateCase": ("CaseService", c.Case),
        "GetCase": ("CaseService", c.Case),
        "ListCases": ("CaseService", s.ListCasesResponse),
        "UpdateCase": ("CaseService", c.Case),
        "WithdrawCase": ("CaseService", c.Case),
        "ListCaseEvents": ("CaseService", s.ListCaseEventsResponse),
        "CreateRegion": ("DirectoryService", d.Region),
        "ListRegions": ("DirectoryService", d.ListRegionsResponse),
        "CreateCommission": ("DirectoryService", d.Commission),
        "GetCommission": ("DirectoryService", d.Commission),
        "ListCommissions": ("DirectoryService", d.ListCommissionsResponse),
        "IssueToken": ("AccessService", pb.access.IssueTokenResponse),
        "ListTokens": ("AccessService", pb.access.ListTokensResponse),
        "RevokeToken": ("AccessService", pb.access.ApiToken),
        "ListAuditRecords": ("AccessService", pb.access.ListAuditRecordsResponse),
        "SummarizeCases": ("ReportingService", pb.reporting.SummarizeCasesResponse),
    }


class Outcome:
    """What one unary call returned: status, response, ErrorDetail, x-request-id."""

    def __init__(self, method, code, response, message, trailing):
        self.method, self.code, self.response, self.message = method, code, response, message
        self.trailing = dict(trailing or ())
        self.request_id = self.trailing.get("x-request-id")
        self.rpc_status = None
        self.error = None
        raw = self.trailing.get("grpc-status-details-bin")
        if raw is not None:
            self.rpc_status = pb.common.RpcStatus.FromString(raw)
            for any_detail in self.rpc_status.details:
                if any_detail.Is(pb.common.ErrorDetail.DESCRIPTOR):
                    self.error = pb.common.ErrorDetail()
                    any_detail.Unpack(self.error)

    @property
    def reason(self):
        return self.error.reason if self.error else None

    @property
    def fields(self):
        return [v.field for v in self.error.field_violations] if self.error else []

    def __repr__(self):
        if self.code == OK:
            return f"{self.method}: OK (x-request-id {self.request_id})"
        violations = ", ".join(f"{v.field}: {v.description}" for v in self.error.field_violations) \
            if self.error else ""
        return (f"{self.method}: {self.code.name} reason={self.reason} fields=[{violations}] "
                f"message={self.message!r} x-request-id={self.request_id}")


def call(method, request, caller=STAFF, serializer=None):
    service, response_class = _methods()[method]
    stub = SERVER.channel.unary_unary(
        f"/caitiao.v1.{service}/{method}",
        request_serializer=serializer or (lambda m: m.SerializeToString()),
        response_deserializer=response_class.FromString)
    metadata = caller.metadata() if caller else None
    try:
        response, rpc = stub.with_call(request, metadata=metadata, timeout=RPC_TIMEOUT_S)
        return Outcome(method, OK, response, "", rpc.trailing_metadata())
    except grpc.RpcError as e:
        return Outcome(method, e.code(), None, e.details(), e.trailing_metadata())


def request_id():
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------
# Valid identity numbers, computed with the national check algorithms.

def with_wrong_check(number):
    """The same number with a check character that does not match."""
    right = number[-1]
    return number[:-1] + ("0" if right != "0" else "1")


# ---------------------------------------------------------------------------
# Building cases.

_GIVEN_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国玉兰志红"


def unique_cjk(n=5):
    """n random Chinese characters: a party name fragment no other test uses."""
    return "".join(random.choice(_GIVEN_NAMES) for _ in range(n))


def today_in_china():
    return datetime.datetime.now(CHINA).date()


def date_msg(d):
    return pb.common.Date(year=d.year, month=d.month, day=d.day)


def _set(party, fields):
    for key, value in fields.items():
        if key == "agents":
            party.agents.extend(value)
        else:
            setattr(party, key, value)
    return party


def worker(name=None, **fields):
    """A valid worker (劳动者) with a resident identity number; fields override."""
    return _set(pb.case.Party(kind=pb.case.PARTY_KIND_WORKER, name=name or "张" + unique_cjk(2),
                              resident_id_number=resident_id(), phone="13800138000",
                              address="武汉市江岸区解放大道1000号"), fields)


def employer(name=None, **fields):
    """A valid employer (用人单位) with a unified social credit code; fields override."""
    return _set(pb.case.Party(kind=pb.case.PARTY_KIND_EMPLOYER, name=name or "武汉某某建设有限公司",
                              unified_social_credit_code=credit_code(), phone="027-87654321"), fields)


def claim(dispute_type=None, description="支付拖欠的工资", amount_fen=None):
    c = pb.case.Claim(dispute_type=dispute_type or pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION,
                      description=description)
    if amount_fen is not None:
        c.amount_fen = amount_fen
    return c


def valid_case(commission_id, applicants=None, respondents=None, claims=None,
               facts="申请人于2024年3月入职被申请人处，被申请人拖欠工资三个月。",
               application_date=None):
    case = pb.case.Case(commission_id=commission_id, facts_and_reasons=facts)
    case.applicants.extend(applicants if applicants is not None else [worker()])
    case.respondents.extend(respondents if respondents is not None else [employer()])
    case.claims.extend(claims if claims is not None else [claim(amount_fen=1_500_000)])
    case.application_date.CopyFrom(date_msg(application_date or today_in_china() - datetime.timedelta(days=3)))
    return case


def create_request(case, route_stage=None, rid=None):
    return pb.case_service.CreateCaseRequest(
        case=case, route_stage=route_stage if route_stage is not None else pb.case.ROUTE_STAGE_RECEIVED,
        request_id=rid if rid is not None else request_id())


def case_number(template, year, seq):
    return template.replace("{year}", str(year)).replace("{seq}", str(seq))


def to_datetime(ts):
    return EPOCH + datetime.timedelta(seconds=ts.seconds, microseconds=ts.nanos // 1000)


def rfc3339(ts):
    return to_datetime(ts).astimezone(CHINA).isoformat(timespec="microseconds")


def china_year(ts):
    return to_datetime(ts).astimezone(CHINA).year


# ---------------------------------------------------------------------------
# Shared assertions and steps.

class E2ETest(unittest.TestCase):
    maxDiff = None

    def assertOk(self, outcome):
        self.assertEqual(outcome.code, OK, f"expected OK, got {outcome}")
        self.assertTrue(outcome.request_id, f"no x-request-id trailer: {outcome}")
        return outcome.response

    def assertFails(self, outcome, code, reason=None, fields=None):
        """Status code, ErrorDetail.reason, the violated fields (exact list) if given."""
        self.assertEqual(outcome.code, code, f"expected {code.name}, got {outcome}")
        self.assertIsNotNone(outcome.error, f"no caitiao.v1.ErrorDetail in grpc-status-details-bin: {outcome}")
        self.assertTrue(outcome.request_id, f"no x-request-id trailer: {outcome}")
        self.assertEqual(outcome.error.request_id, outcome.request_id,
                         "ErrorDetail.request_id differs from the x-request-id trailer")
        self.assertEqual(outcome.rpc_status.code, code.value[0], "RpcStatus.code differs from the status")
        if reason is not None:
            self.assertEqual(outcome.reason, reason, f"reason: {outcome}")
        if fields is not None:
            self.assertEqual(outcome.fields, list(fields), f"field violations: {outcome}")
        return outcome.error

    # Directory.

    def fresh_commission(self, region_code="420100", name=None, template=None):
        """A new commission (as admin): its case numbers start at 1."""
        tag = uuid.uuid4().hex[:8].upper()
        commission = pb.directory.Commission(
            region_code=region_code, name=name or f"测试仲裁委员会{tag}",
            case_number_template=template or f"测{tag}劳人仲案字〔{{year}}〕第{{seq}}号")
        out = call("CreateCommission", pb.directory.CreateCommissionRequest(
            commission=commission, request_id=request_id()), ADMIN)
        created = self.assertOk(out)
        STAFF.allow_commission(created.id)
        return created

    # Cases.

    def create(self, commission_id, route_stage=None, caller=STAFF, **content):
        """Creates a valid case (content overridable); returns (Case, Outcome)."""
        out = call("CreateCase", create_request(valid_case(commission_id, **content), route_stage), caller)
        return self.assertOk(out), out

    def get(self, case_id, caller=STAFF, unmask=False):
        return self.assertOk(call("GetCase", pb.case_service.GetCaseRequest(id=case_id, unmask_personal_data=unmask),
                                  caller))

    def unmasked(self, case_id):
        """The case as stored, identity numbers and phones in full (an audited read)."""
        case = self.get(case_id, unmask=True)
        self.assertFalse(case.personal_data_masked)
        return case

    def events(self, case_id, caller=STAFF):
        out = call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(case_id=case_id, page_size=100),
                   caller)
        return list(self.assertOk(out).events)

    def list_cases(self, filter_text, caller=STAFF, page_size=1000):
        """All cases matching (one page of up to 1000); returns the Case list."""
        out = call("ListCases", pb.case_service.ListCasesRequest(filter=filter_text, page_size=page_size),
                   caller)
        response = self.assertOk(out)
        self.assertEqual(response.next_page_token, "", "more than one page where one was expected")
        return list(response.cases)

    def ids(self, cases):
        return [c.id for c in cases]

    def update(self, case, paths, caller=STAFF, rid=None, **new_content):
        patch = pb.case.Case(id=case.id, etag=case.etag)
        for key, value in new_content.items():
            if key in ("applicants", "respondents", "claims"):
                getattr(patch, key).extend(value)
            elif key == "application_date":
                patch.application_date.CopyFrom(value)
            else:
                setattr(patch, key, value)
        return call("UpdateCase", pb.case_service.UpdateCaseRequest(
            case=patch, update_mask=field_mask_pb2.FieldMask(paths=paths),
            request_id=rid or request_id()), caller)

    def withdraw(self, case_id, etag, reason="双方已自行和解，申请人撤回仲裁申请", caller=STAFF, rid=None):
        return call("WithdrawCase", pb.case_service.WithdrawCaseRequest(
            id=case_id, etag=etag, reason=reason, request_id=rid or request_id()), caller)


# ---------------------------------------------------------------------------
# 1. Directory.

_next_county = [420150]  # made-up codes: the region list has no 42015x..42019x


def next_wuhan_county_code():
    code = _next_county[0]
    _next_county[0] += 1
    return str(code)


class DirectoryTest(E2ETest):

    def list_commissions(self, region_code="", caller=STAFF, page_size=1000):
        out = call("ListCommissions", pb.directory.ListCommissionsRequest(
            region_code=region_code, page_size=page_size), caller)
        return list(self.assertOk(out).commissions)

    def test_demo_directory_has_a_commission_for_each_hubei_region(self):
        codes = {c.region_code for c in self.list_commissions()}
        for code in ("420000", "420100", "420102", "420500", "420600", "421000", "429004"):
            self.assertIn(code, codes)
        self.assertEqual(DEMO["420100"].case_number_template, "鄂武劳人仲案字〔{year}〕第{seq}号")

    def test_commissions_are_listed_in_region_code_order(self):
        codes = [c.region_code for c in self.list_commissions()]
        self.assertEqual(codes, sorted(codes))

    def test_region_filter_includes_sub_regions(self):
        wuhan = self.list_commissions("420100")
        codes = {c.region_code for c in wuhan}
        self.assertIn(DEMO["420100"].id, self.ids(wuhan))
        self.assertIn(DEMO["420102"].id, self.ids(wuhan))
        self.assertTrue(all(code.startswith("4201") for code in codes), codes)

    def test_region_filter_of_a_city_excludes_other_cities(self):
        yichang = self.list_commissions("420500")  # other tests may add commissions in Yichang
        self.assertIn(DEMO["420500"].id, self.ids(yichang))
        self.assertEqual({c.region_code for c in yichang}, {"420500"})
        self.assertEqual(DEMO["420500"].name, "宜昌市劳动人事争议仲裁委员会")

    def test_province_filter_lists_every_hubei_commission(self):
        self.assertEqual(self.ids(self.list_commissions("420000")), self.ids(self.list_commissions()))

    def test_commissions_of_one_region_are_ordered_by_name(self):
        # DirectoryService.ListCommissions: "ordered by region code then name".
        region = self.create_wuhan_county()
        names = [f"排序测试{letter}仲裁委员会" for letter in "EBDAC"]
        for name in names:
            self.fresh_commission(region.code, name=name)
        listed = [c.name for c in self.list_commissions(region.code)]
        self.assertEqual(listed, sorted(names))

    def test_list_commissions_pages_without_gaps_or_duplicates(self):
        everything = self.list_commissions()
        seen, token = [], ""
        for _ in range(100):
            out = call("ListCommissions", pb.directory.ListCommissionsRequest(page_size=2, page_token=token))
            page = self.assertOk(out)
            self.assertLessEqual(len(page.commissions), 2)
            seen.extend(c.id for c in page.commissions)
            token = page.next_page_token
            if not token:
                break
        self.assertEqual(seen, self.ids(everything))

    def create_wuhan_county(self, name=None):
        code = next_wuhan_county_code()
        region = pb.directory.Region(code=code, name=name or f"测试区{code}",
                                     level=pb.directory.REGION_LEVEL_COUNTY, parent_code="420100")
        return self.assertOk(call("CreateRegion", pb.directory.CreateRegionRequest(
            region=region, request_id=request_id()), ADMIN))

    def test_admin_creates_region_and_commission(self):
        region = self.create_wuhan_county("测试新区")
        self.assertEqual(region.name, "测试新区")
        self.assertEqual(region.level, pb.directory.REGION_LEVEL_COUNTY)
        self.assertEqual(region.parent_code, "420100")
        self.assertGreater(region.create_time.seconds, 0)
        children = self.assertOk(call("ListRegions", pb.directory.ListRegionsRequest(
            parent_code="420100", page_size=1000)))
        self.assertIn(region.code, [r.code for r in children.regions])

        created = self.fresh_commission(region.code, name="测试新区劳动人事争议仲裁委员会",
                                        template="新劳人仲案字〔{year}〕第{seq}号")
        self.assertTrue(created.id)
        self.assertEqual(created.region_code, region.code)
        self.assertEqual(created.case_number_template, "新劳人仲案字〔{year}〕第{seq}号")
        fetched = self.assertOk(call("GetCommission", pb.directory.GetCommissionRequest(id=created.id)))
        self.assertEqual(fetched, created)
        self.assertEqual(self.ids(self.list_commissions(region.code)), [created.id])
        self.assertIn(created.id, self.ids(self.list_commissions("420100")))

    def test_create_region_retry_returns_the_first_answer(self):
        code = next_wuhan_county_code()
        req = pb.directory.CreateRegionRequest(
            region=pb.directory.Region(code=code, name="重试区", level=pb.directory.REGION_LEVEL_COUNTY,
                                       parent_code="420100"),
            request_id=request_id())
        first = self.assertOk(call("CreateRegion", req, ADMIN))
        again = self.assertOk(call("CreateRegion", req, ADMIN))
        self.assertEqual(again, first)

    def test_only_admin_may_change_the_directory(self):
        region = pb.directory.Region(code=next_wuhan_county_code(), name="无权区",
                                     level=pb.directory.REGION_LEVEL_COUNTY, parent_code="420100")
        for caller in (STAFF, REPORTING, ROOM_STAFF):
            with self.subTest(caller=caller):
                self.assertFails(call("CreateRegion", pb.directory.CreateRegionRequest(
                    region=region, request_id=request_id()), caller), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        commission = pb.directory.Commission(region_code="420100", name="无权委员会",
                                             case_number_template="无〔{year}〕第{seq}号")
        self.assertFails(call("CreateCommission", pb.directory.CreateCommissionRequest(
            commission=commission, request_id=request_id()), STAFF), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        self.assertNotIn(region.code, [r.code for r in self.assertOk(call(
            "ListRegions", pb.directory.ListRegionsRequest(parent_code="420100", page_size=1000))).regions])

    def test_duplicate_region_code_is_already_exists(self):
        region = pb.directory.Region(code="420102", name="江岸区", level=pb.directory.REGION_LEVEL_COUNTY,
                                     parent_code="420100")
        self.assertFails(call("CreateRegion", pb.directory.CreateRegionRequest(
            region=region, request_id=request_id()), ADMIN), ALREADY_EXISTS, "REGION_EXISTS")

    def test_malformed_region_code_is_invalid(self):
        for code in ("4201X2", "42010", "4201023", "000000", "990100"):
            with self.subTest(code=code):
                region = pb.directory.Region(code=code, name="坏代码", level=pb.directory.REGION_LEVEL_COUNTY,
                                             parent_code="420100")
                self.assertFails(call("CreateRegion", pb.directory.CreateRegionRequest(
                    region=region, request_id=request_id()), ADMIN),
                    INVALID_ARGUMENT, "FIELD_INVALID", ["region.code"])

    def test_level_must_fit_the_code(self):
        region = pb.directory.Region(code=next_wuhan_county_code(), name="错级",
                                     level=pb.directory.REGION_LEVEL_CITY, parent_code="420100")
        self.assertFails(call("CreateRegion", pb.directory.CreateRegionRequest(
            region=region, request_id=request_id()), ADMIN), INVALID_ARGUMENT, "FIELD_INVALID", ["region.level"])

    def test_unknown_parent_region_is_not_found(self):
        # 429900 is no region (the region list has no 4299xx).
        region = pb.directory.Region(code="429901", name="测试区", level=pb.directory.REGION_LEVEL_COUNTY,
                                     parent_code="429900")
        self.assertFails(call("CreateRegion", pb.directory.CreateRegionRequest(
            region=region, request_id=request_id()), ADMIN),
            NOT_FOUND, "REGION_NOT_FOUND", ["region.parent_code"])

    def test_commission_template_without_seq_is_invalid(self):
        commission = pb.directory.Commission(region_code="420100", name="无序号委员会",
                                             case_number_template="鄂武劳人仲案字〔{year}〕号")
        self.assertFails(call("CreateCommission", pb.directory.CreateCommissionRequest(
            commission=commission, request_id=request_id()), ADMIN),
            INVALID_ARGUMENT, "FIELD_INVALID", ["commission.case_number_template"])

    def test_commission_in_unknown_region_is_not_found(self):
        commission = pb.directory.Commission(region_code="429900", name="测试劳动人事争议仲裁委员会",
                                             case_number_template="鄂州劳人仲案字〔{year}〕第{seq}号")
        self.assertFails(call("CreateCommission", pb.directory.CreateCommissionRequest(
            commission=commission, request_id=request_id()), ADMIN),
            NOT_FOUND, "REGION_NOT_FOUND", ["commission.region_code"])

    def test_duplicate_commission_name_in_a_region_is_already_exists(self):
        commission = pb.directory.Commission(region_code="420500", name="宜昌市劳动人事争议仲裁委员会",
                                             case_number_template="宜二〔{year}〕第{seq}号")
        out = call("CreateCommission", pb.directory.CreateCommissionRequest(
            commission=commission, request_id=request_id()), ADMIN)
        self.assertFails(out, ALREADY_EXISTS)
        self.assertTrue(out.reason)

    def test_get_unknown_commission_is_not_found(self):
        for unknown in (str(uuid.uuid4()), "no-such-commission"):
            with self.subTest(id=unknown):
                self.assertFails(call("GetCommission", pb.directory.GetCommissionRequest(id=unknown)),
                                 NOT_FOUND, "COMMISSION_NOT_FOUND")
        self.assertFails(call("GetCommission", pb.directory.GetCommissionRequest(id="")),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["id"])

    def test_directory_reads_are_open_to_every_authenticated_role(self):
        for caller in (STAFF, ADMIN, REPORTING, ROOM_STAFF, YICHANG_STAFF):
            with self.subTest(caller=caller):
                self.assertOk(call("ListCommissions", pb.directory.ListCommissionsRequest(), caller))
                self.assertOk(call("GetCommission", pb.directory.GetCommissionRequest(id=DEMO["420100"].id),
                                   caller))
        self.assertFails(call("ListCommissions", pb.directory.ListCommissionsRequest(), NO_IDENTITY),
                         UNAUTHENTICATED, "CREDENTIALS_MISSING")


# ---------------------------------------------------------------------------
# 2. CreateCase.

class CreateCaseTest(E2ETest):

    def test_received_case_is_numbered_from_the_template_and_recorded(self):
        commission = self.fresh_commission()
        applicant = worker("王小明", resident_id_number="11010519491231002X")
        respondent = employer("武汉长江建设有限公司", unified_social_credit_code="91350100M000100Y43")
        applied = today_in_china() - datetime.timedelta(days=10)
        sent = valid_case(commission.id, applicants=[applicant], respondents=[respondent],
                          claims=[claim(amount_fen=2_345_600), claim(pb.case.DISPUTE_TYPE_LABOR_CONTRACT,
                                                                     "确认解除劳动合同违法")],
                          application_date=applied)
        out = call("CreateCase", create_request(sent, pb.case.ROUTE_STAGE_RECEIVED))
        created = self.assertOk(out)

        self.assertRegex(created.id, r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(created.state, pb.case.CASE_STATE_RECEIVED)
        self.assertEqual(created.case_number,
                         case_number(commission.case_number_template, china_year(created.receive_time), 1))
        self.assertEqual(created.commission_id, commission.id)
        self.assertEqual(created.region_code, "420100")
        self.assertEqual(created.etag, "v1")
        self.assertEqual(created.withdrawal_reason, "")
        self.assertTrue(created.personal_data_masked)
        self.assertEqual(list(self.unmasked(created.id).applicants), [applicant])
        self.assertEqual(list(self.unmasked(created.id).respondents), [respondent])
        self.assertEqual(list(created.claims), list(sent.claims))
        self.assertEqual(created.facts_and_reasons, sent.facts_and_reasons)
        self.assertEqual(created.application_date, date_msg(applied))
        received = to_datetime(created.receive_time)
        self.assertLess(abs((datetime.datetime.now(UTC) - received).total_seconds()), 120)
        self.assertEqual(created.update_time, created.receive_time)

        self.assertEqual(self.get(created.id), created)
        events = self.events(created.id)
        self.assertEqual(len(events), 1)
        event = events[0]
        self.assertEqual(event.kind, "CASE_CREATED")
        self.assertEqual(event.case_id, created.id)
        self.assertEqual(event.from_state, pb.case.CASE_STATE_UNSPECIFIED)
        self.assertEqual(event.to_state, pb.case.CASE_STATE_RECEIVED)
        self.assertEqual(event.actor, STAFF.principal)
        self.assertEqual(event.actor_role, "arbitration_staff")
        self.assertEqual(event.request_id, out.request_id)
        self.assertEqual(event.summary, "applicants=1 respondents=1 claims=2")
        self.assertGreater(event.sequence, 0)

    def test_filed_route_stage_starts_filed_and_numbers_are_consecutive(self):
        commission = self.fresh_commission()
        first, _ = self.create(commission.id, pb.case.ROUTE_STAGE_FILED)
        second, _ = self.create(commission.id, pb.case.ROUTE_STAGE_RECEIVED)
        third, _ = self.create(commission.id, pb.case.ROUTE_STAGE_FILED)
        self.assertEqual(first.state, pb.case.CASE_STATE_FILED)
        self.assertEqual(second.state, pb.case.CASE_STATE_RECEIVED)
        self.assertEqual(self.events(first.id)[0].to_state, pb.case.CASE_STATE_FILED)
        year = china_year(first.receive_time)
        self.assertEqual([first.case_number, second.case_number, third.case_number],
                         [case_number(commission.case_number_template, year, n) for n in (1, 2, 3)])

    def test_each_commission_has_its_own_sequence(self):
        a, b = self.fresh_commission(), self.fresh_commission("420500")
        case_a, _ = self.create(a.id)
        case_b, _ = self.create(b.id)
        year = china_year(case_a.receive_time)
        self.assertEqual(case_a.case_number, case_number(a.case_number_template, year, 1))
        self.assertEqual(case_b.case_number, case_number(b.case_number_template, year, 1))
        self.assertEqual(case_b.region_code, "420500")

    def test_demo_commission_numbers_use_its_template(self):
        created, _ = self.create(DEMO["420100"].id)
        self.assertRegex(created.case_number, r"^鄂武劳人仲案字〔\d{4}〕第[1-9]\d*号$")
        self.assertIn(f"〔{china_year(created.receive_time)}〕", created.case_number)

    def test_output_only_fields_in_the_request_are_ignored(self):
        commission = self.fresh_commission()
        sent = valid_case(commission.id)
        sent.id = str(uuid.uuid4())
        sent.case_number = "伪造〔1999〕第999号"
        sent.state = pb.case.CASE_STATE_WITHDRAWN
        sent.etag = "v99"
        sent.withdrawal_reason = "伪造"
        sent.region_code = "420500"
        created = self.assertOk(call("CreateCase", create_request(sent)))
        self.assertNotEqual(created.id, sent.id)
        self.assertEqual(created.case_number,
                         case_number(commission.case_number_template, china_year(created.receive_time), 1))
        self.assertEqual(created.state, pb.case.CASE_STATE_RECEIVED)
        self.assertEqual((created.etag, created.withdrawal_reason, created.region_code), ("v1", "", "420100"))

    def test_worker_may_give_another_identity_document_and_agents(self):
        commission = self.fresh_commission()
        applicant = pb.case.Party(
            kind=pb.case.PARTY_KIND_WORKER, name="John Smith",
            other_identity_document=pb.case.OtherIdentityDocument(kind="passport", number="E12345678"),
            phone="+8613912345678",
            agents=[pb.case.Agent(name="李律师", kind=pb.case.AGENT_KIND_LAWYER, phone="027-12345678-123"),
                    pb.case.Agent(name="李某", kind=pb.case.AGENT_KIND_RELATIVE)])
        third_party = pb.case.Party(kind=pb.case.PARTY_KIND_OTHER, name="某劳务派遣公司")
        created, _ = self.create(commission.id, applicants=[applicant],
                                 respondents=[employer(), third_party])
        self.assertEqual(list(self.unmasked(created.id).applicants), [applicant])
        self.assertEqual(self.unmasked(created.id).respondents[1], third_party)

    def test_sql_looking_text_is_stored_verbatim(self):
        commission = self.fresh_commission()
        name = "Robert'); DROP TABLE cases;--"
        facts = "'; DELETE FROM case_events WHERE '1'='1\n\\x00 %_ $1 \"quoted\""
        created, _ = self.create(commission.id, applicants=[worker(name)], facts=facts)
        fetched = self.get(created.id)
        self.assertEqual(fetched.applicants[0].name, name)
        self.assertEqual(fetched.facts_and_reasons, facts)
        found = self.list_cases(f'party_name : "Robert\'); DROP" AND commission_id = "{commission.id}"')
        self.assertEqual(self.ids(found), [created.id])
        self.assertEqual(len(self.events(created.id)), 1)  # the events table is still there
        self.assertOk(call("ListCases", pb.case_service.ListCasesRequest(page_size=1)))  # cases table intact

    def test_20000_chinese_characters_of_facts_are_accepted(self):
        commission = self.fresh_commission()
        facts = "拖" * 20000  # 60000 bytes: the limit counts characters, not bytes
        created, _ = self.create(commission.id, facts=facts)
        self.assertEqual(self.get(created.id).facts_and_reasons, facts)

    def test_unknown_commission_is_not_found(self):
        for unknown in (str(uuid.uuid4()), "no-such-commission"):
            with self.subTest(commission_id=unknown):
                self.assertFails(call("CreateCase", create_request(valid_case(unknown))),
                                 NOT_FOUND, "COMMISSION_NOT_FOUND", ["case.commission_id"])

    def test_order_of_parties_claims_and_agents_is_kept(self):
        commission = self.fresh_commission()
        applicants = [worker(f"申请人{n}号") for n in "三一二"]
        applicants[1].agents.extend([pb.case.Agent(name="乙代理", kind=pb.case.AGENT_KIND_TRADE_UNION),
                                     pb.case.Agent(name="甲代理", kind=pb.case.AGENT_KIND_LAWYER)])
        respondents = [employer("乙公司"), employer("甲公司")]
        claims = [claim(description=f"请求{n}", amount_fen=a) for n, a in (("三", 3), ("一", 1), ("二", 2))]
        created, _ = self.create(commission.id, applicants=applicants, respondents=respondents, claims=claims)
        names = lambda parties: [(p.name, [a.name for a in p.agents]) for p in parties]  # noqa: E731
        listed = self.list_cases(f'commission_id = "{commission.id}"')[0]  # masked, same order
        self.assertEqual(names(listed.applicants), names(applicants))
        self.assertEqual(list(listed.claims), claims)
        stored = self.unmasked(created.id)
        self.assertEqual(list(stored.applicants), applicants)
        self.assertEqual(list(stored.respondents), respondents)
        self.assertEqual(list(stored.claims), claims)
        reordered = list(reversed(applicants))
        updated = self.assertOk(self.update(created, ["applicants"], applicants=reordered))
        self.assertEqual(list(self.unmasked(created.id).applicants), reordered)
        self.assertEqual(names(updated.applicants), names(reordered))

    def test_amount_presence_is_kept_apart_from_zero(self):
        commission = self.fresh_commission()
        no_amount, zero = claim(description="确认劳动关系"), claim(description="零元请求", amount_fen=0)
        created, _ = self.create(commission.id, claims=[no_amount, zero])
        stored = self.get(created.id).claims
        self.assertFalse(stored[0].HasField("amount_fen"))
        self.assertTrue(stored[1].HasField("amount_fen"))
        self.assertEqual(stored[1].amount_fen, 0)

    def test_boundary_values_are_accepted(self):
        commission = self.fresh_commission()
        rare = "𠮷"  # 𠮷, outside the BMP: four bytes, one character
        created, _ = self.create(
            commission.id, applicants=[worker(rare * 100, address="址" * 200)],
            claims=[claim(description="请" * 2000, amount_fen=10**12)],
            application_date=today_in_china(), facts=rare * 20000)
        fetched = self.get(created.id)
        self.assertEqual(fetched.applicants[0].name, rare * 100)
        self.assertEqual(fetched.facts_and_reasons, rare * 20000)
        self.assertEqual(fetched.claims[0].amount_fen, 10**12)
        self.assertEqual(fetched.application_date, date_msg(today_in_china()))
        oldest, _ = self.create(commission.id, application_date=datetime.date(1995, 1, 1))
        self.assertEqual(self.get(oldest.id).application_date, pb.common.Date(year=1995, month=1, day=1))


# ---------------------------------------------------------------------------
# 4. CreateCase input validation.

class CreateCaseValidationTest(E2ETest):

    @classmethod
    def setUpClass(cls):
        cls.commission = E2ETest.fresh_commission(cls())

    def assertRejected(self, case, fields, route_stage=None, rid=None):
        out = call("CreateCase", create_request(case, route_stage, rid))
        self.assertFails(out, INVALID_ARGUMENT, "FIELD_INVALID", fields)
        self.assertEqual(self.list_cases(f'commission_id = "{self.commission.id}"'), [],
                         "a rejected request stored a case")
        return out

    def base(self, **content):
        return valid_case(self.commission.id, **content)

    def test_no_applicants(self):
        self.assertRejected(self.base(applicants=[]), ["case.applicants"])

    def test_no_respondents(self):
        self.assertRejected(self.base(respondents=[]), ["case.respondents"])

    def test_no_claims(self):
        self.assertRejected(self.base(claims=[]), ["case.claims"])

    def test_resident_id_with_wrong_check_character(self):
        bad = worker(resident_id_number=with_wrong_check("11010519491231002X"))
        self.assertRejected(self.base(applicants=[bad]), ["case.applicants[0].resident_id_number"])

    def test_resident_id_of_second_applicant_is_named_by_index(self):
        bad = worker(resident_id_number="42010219900101123")  # 17 characters
        self.assertRejected(self.base(applicants=[worker(), bad]), ["case.applicants[1].resident_id_number"])

    def test_credit_code_with_wrong_check_character(self):
        bad = employer(unified_social_credit_code=with_wrong_check("91350100M000100Y43"))
        self.assertRejected(self.base(respondents=[bad]), ["case.respondents[0].unified_social_credit_code"])

    def test_employer_with_a_personal_identity_number(self):
        bad = employer(resident_id_number=resident_id())
        self.assertRejected(self.base(respondents=[bad]), ["case.respondents[0].resident_id_number"])

    def test_bad_phone(self):
        for phone in ("12345", "138-0013-8000", "１３８００１３８０００", "+1 555 0100"):
            with self.subTest(phone=phone):
                self.assertRejected(self.base(applicants=[worker(phone=phone)]), ["case.applicants[0].phone"])

    def test_negative_amount(self):
        self.assertRejected(self.base(claims=[claim(amount_fen=-1)]), ["case.claims[0].amount_fen"])

    def test_amount_above_ten_billion_yuan(self):
        self.assertRejected(self.base(claims=[claim(amount_fen=10**12 + 1)]), ["case.claims[0].amount_fen"])

    def test_application_date_in_the_future(self):
        tomorrow = today_in_china() + datetime.timedelta(days=2)
        self.assertRejected(self.base(application_date=tomorrow), ["case.application_date"])

    def test_application_date_before_the_labor_law(self):
        self.assertRejected(self.base(application_date=datetime.date(1994, 12, 31)), ["case.application_date"])

    def test_nul_character_in_a_name(self):
        self.assertRejected(self.base(respondents=[employer("某\x00公司")]), ["case.respondents[0].name"])

    def test_name_over_100_characters(self):
        self.assertRejected(self.base(applicants=[worker("\U00020BB7" * 101)]), ["case.applicants[0].name"])

    def test_missing_or_impossible_application_date(self):
        case = self.base()
        case.ClearField("application_date")
        self.assertRejected(case, ["case.application_date"])
        case.application_date.CopyFrom(pb.common.Date(year=2023, month=2, day=29))
        self.assertRejected(case, ["case.application_date"])

    def test_unknown_dispute_type_number(self):
        unknown = claim()
        unknown.dispute_type = 99  # not in the enum: sent as the raw number
        self.assertRejected(self.base(claims=[unknown]), ["case.claims[0].dispute_type"])

    def test_unspecified_dispute_type(self):
        unspecified = claim()
        unspecified.dispute_type = pb.case.DISPUTE_TYPE_UNSPECIFIED
        self.assertRejected(self.base(claims=[claim(), unspecified]), ["case.claims[1].dispute_type"])

    def test_unknown_party_kind_number(self):
        odd = employer()
        odd.kind = 42
        self.assertRejected(self.base(respondents=[odd]), ["case.respondents[0].kind"])

    def test_unspecified_or_unknown_route_stage(self):
        for stage in (pb.case.ROUTE_STAGE_UNSPECIFIED, 7):
            with self.subTest(route_stage=stage):
                self.assertRejected(self.base(), ["route_stage"], route_stage=stage)

    def test_oversize_facts_and_reasons(self):
        self.assertRejected(self.base(facts="事" * 20001), ["case.facts_and_reasons"])

    def test_blank_or_control_character_text(self):
        self.assertRejected(self.base(facts="\u3000\u3000 "), ["case.facts_and_reasons"])
        self.assertRejected(self.base(applicants=[worker("张\x01三")]), ["case.applicants[0].name"])
        self.assertRejected(self.base(applicants=[worker("张\n三")]), ["case.applicants[0].name"])

    def test_too_many_applicants(self):
        self.assertRejected(self.base(applicants=[worker() for _ in range(1001)]), ["case.applicants"])

    def test_too_many_agents(self):
        agents = [pb.case.Agent(name=f"代理人{i}", kind=pb.case.AGENT_KIND_LAWYER) for i in range(3)]
        self.assertRejected(self.base(applicants=[worker(agents=agents)]), ["case.applicants[0].agents"])

    def test_every_problem_is_reported_at_once(self):
        out = self.assertRejected(self.base(applicants=[worker(phone="12345")], claims=[]), None)
        self.assertEqual(set(out.fields), {"case.applicants[0].phone", "case.claims"})

    def test_missing_commission_id(self):
        self.assertRejected(valid_case(""), ["case.commission_id"])

    def test_missing_or_malformed_request_id(self):
        self.assertRejected(self.base(), ["request_id"], rid="")
        self.assertRejected(self.base(), ["request_id"], rid="not a uuid; has spaces")

    def test_rejected_requests_consume_no_case_number(self):
        self.assertRejected(self.base(claims=[]), ["case.claims"])
        created = self.assertOk(call("CreateCase", create_request(valid_case(self.__class__.commission.id))))
        try:
            self.assertEqual(created.case_number,
                             case_number(self.commission.case_number_template,
                                         china_year(created.receive_time), 1))
        finally:
            # Later tests of this class expect the commission to be empty.
            self.__class__.commission = E2ETest.fresh_commission(self)


# ---------------------------------------------------------------------------
# 3. Idempotency.

class IdempotencyTest(E2ETest):

    def test_retry_with_same_request_id_returns_the_original_case(self):
        commission = self.fresh_commission()
        req = create_request(valid_case(commission.id))
        first_out = call("CreateCase", req)
        first = self.assertOk(first_out)
        retry_out = call("CreateCase", req)
        retry = self.assertOk(retry_out)
        self.assertEqual(retry, first)
        self.assertNotEqual(retry_out.request_id, first_out.request_id, "each call gets its own x-request-id")
        self.assertEqual(self.ids(self.list_cases(f'commission_id = "{commission.id}"')), [first.id])
        self.assertEqual([e.kind for e in self.events(first.id)], ["CASE_CREATED"])
        second, _ = self.create(commission.id)  # the sequence was not consumed by the retry
        self.assertEqual(second.case_number,
                         case_number(commission.case_number_template, china_year(second.receive_time), 2))

    def test_same_request_id_with_a_different_request_is_rejected(self):
        commission = self.fresh_commission()
        rid = request_id()
        first = self.assertOk(call("CreateCase", create_request(valid_case(commission.id), rid=rid)))
        different = valid_case(commission.id, facts="另一份申请")
        self.assertFails(call("CreateCase", create_request(different, rid=rid)),
                         INVALID_ARGUMENT, "REQUEST_ID_REUSED", ["request_id"])
        self.assertEqual(self.ids(self.list_cases(f'commission_id = "{commission.id}"')), [first.id])

    def test_missing_request_id_is_invalid(self):
        commission = self.fresh_commission()
        self.assertFails(call("CreateCase", create_request(valid_case(commission.id), rid="")),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["request_id"])
        self.assertEqual(self.list_cases(f'commission_id = "{commission.id}"'), [])

    def test_update_retry_returns_the_first_answer_and_changes_once(self):
        case, _ = self.create(self.fresh_commission().id)
        rid = request_id()
        first = self.assertOk(self.update(case, ["facts_and_reasons"], rid=rid, facts_and_reasons="更正后的事实"))
        again = self.assertOk(self.update(case, ["facts_and_reasons"], rid=rid, facts_and_reasons="更正后的事实"))
        self.assertEqual(again, first)
        self.assertEqual(first.etag, "v2")
        self.assertEqual(self.get(case.id).etag, "v2")
        self.assertEqual([e.kind for e in self.events(case.id)], ["CASE_CREATED", "CASE_UPDATED"])

    def test_withdraw_retry_returns_the_first_answer(self):
        case, _ = self.create(self.fresh_commission().id)
        rid = request_id()
        first = self.assertOk(self.withdraw(case.id, case.etag, rid=rid))
        again = self.assertOk(self.withdraw(case.id, case.etag, rid=rid))
        self.assertEqual(again, first)
        self.assertEqual([e.kind for e in self.events(case.id)], ["CASE_CREATED", "CASE_WITHDRAWN"])


# ---------------------------------------------------------------------------
# 5. GetCase and ListCaseEvents of unknown cases.

class GetCaseTest(E2ETest):

    def test_unknown_case_is_not_found(self):
        for unknown in (str(uuid.uuid4()), "no-such-case", "'; DROP TABLE cases;--"):
            with self.subTest(id=unknown):
                self.assertFails(call("GetCase", pb.case_service.GetCaseRequest(id=unknown)),
                                 NOT_FOUND, "CASE_NOT_FOUND")
                self.assertFails(call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(case_id=unknown)),
                                 NOT_FOUND, "CASE_NOT_FOUND")

    def test_empty_id_is_invalid(self):
        self.assertFails(call("GetCase", pb.case_service.GetCaseRequest(id="")),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["id"])
        self.assertFails(call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(case_id="")),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["case_id"])


class CaseEventsTest(E2ETest):

    def test_events_page_oldest_first_and_tokens_are_bound_to_the_case(self):
        case, _ = self.create(self.fresh_commission().id)
        updated = self.assertOk(self.update(case, ["facts_and_reasons"], facts_and_reasons="更正一"))
        self.assertOk(self.withdraw(case.id, updated.etag))
        seen, token = [], ""
        for _ in range(10):
            page = self.assertOk(call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(
                case_id=case.id, page_size=1, page_token=token)))
            self.assertLessEqual(len(page.events), 1)
            seen.extend(page.events)
            token = page.next_page_token
            if not token:
                break
        self.assertEqual([e.kind for e in seen], ["CASE_CREATED", "CASE_UPDATED", "CASE_WITHDRAWN"])
        self.assertEqual(seen, self.events(case.id))
        self.assertEqual([e.sequence for e in seen], sorted({e.sequence for e in seen}))
        self.assertEqual([(e.from_state, e.to_state) for e in seen],
                         [(pb.case.CASE_STATE_UNSPECIFIED, pb.case.CASE_STATE_RECEIVED),
                          (pb.case.CASE_STATE_RECEIVED, pb.case.CASE_STATE_RECEIVED),
                          (pb.case.CASE_STATE_RECEIVED, pb.case.CASE_STATE_WITHDRAWN)])

        other, _ = self.create(self.fresh_commission().id)
        self.create(other.commission_id)
        first = self.assertOk(call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(
            case_id=case.id, page_size=1)))
        self.assertFails(call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(
            case_id=other.id, page_size=1, page_token=first.next_page_token)),
            INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["page_token"])


# ---------------------------------------------------------------------------
# 6. ListCases.

class ListCasesTest(E2ETest):
    """One commission with five cases of known state, types and names, plus
    cases sharing a name fragment in Jiang'an (420102) and Yichang (420500)."""

    @classmethod
    def setUpClass(cls):
        t = cls()
        cls.commission = t.fresh_commission()
        cls.tag = unique_cjk(5)  # in the names of c5, jiangan and yichang only
        cid = cls.commission.id
        remuneration = pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION
        cls.c1, _ = t.create(cid, pb.case.ROUTE_STAGE_RECEIVED, claims=[claim(remuneration)])
        cls.c2, _ = t.create(cid, pb.case.ROUTE_STAGE_FILED,
                             claims=[claim(pb.case.DISPUTE_TYPE_LABOR_CONTRACT, "继续履行劳动合同")])
        cls.c3, _ = t.create(cid, pb.case.ROUTE_STAGE_RECEIVED,
                             claims=[claim(pb.case.DISPUTE_TYPE_LABOR_RELATIONSHIP_CONFIRMATION, "确认劳动关系"),
                                     claim(remuneration, "支付加班费", 880000)])
        c4, _ = t.create(cid, pb.case.ROUTE_STAGE_FILED,
                         claims=[claim(pb.case.DISPUTE_TYPE_OTHER, "其他争议")])
        cls.c4 = t.assertOk(t.withdraw(c4.id, c4.etag))
        cls.c5, _ = t.create(cid, pb.case.ROUTE_STAGE_RECEIVED, applicants=[worker("李" + cls.tag)],
                             claims=[claim(pb.case.DISPUTE_TYPE_HOURS_LEAVE_INSURANCE_WELFARE, "补缴社会保险")])
        cls.jiangan, _ = t.create(DEMO["420102"].id, respondents=[employer("武汉" + cls.tag + "科技有限公司")])
        cls.yichang, _ = t.create(DEMO["420500"].id, applicants=[worker("赵" + cls.tag + "芳")])

    def where(self, extra=""):
        text = f'commission_id = "{self.commission.id}"'
        return f"{text} AND {extra}" if extra else text

    def test_commission_filter_lists_its_cases_newest_first(self):
        cases = self.list_cases(self.where())
        self.assertEqual(self.ids(cases), [c.id for c in (self.c5, self.c4, self.c3, self.c2, self.c1)])
        times = [(c.receive_time.seconds, c.receive_time.nanos) for c in cases]
        self.assertEqual(times, sorted(times, reverse=True))
        self.assertEqual(cases[1], self.get(self.c4.id))  # list entries are whole cases

    def test_state_filter(self):
        self.assertEqual(self.ids(self.list_cases(self.where("state = RECEIVED"))),
                         [self.c5.id, self.c3.id, self.c1.id])
        self.assertEqual(self.ids(self.list_cases(self.where("state = FILED"))), [self.c2.id])
        self.assertEqual(self.ids(self.list_cases(self.where("state = CASE_STATE_WITHDRAWN"))), [self.c4.id])

    def test_dispute_type_filter_matches_any_claim(self):
        self.assertEqual(self.ids(self.list_cases(self.where("dispute_type = REMUNERATION_COMPENSATION"))),
                         [self.c3.id, self.c1.id])
        self.assertEqual(self.ids(self.list_cases(self.where("dispute_type = DISPUTE_TYPE_LABOR_CONTRACT"))),
                         [self.c2.id])
        self.assertEqual(self.list_cases(self.where("dispute_type = REMOVAL_DISMISSAL_RESIGNATION")), [])

    def test_party_name_filter_matches_a_chinese_substring_of_any_party(self):
        everywhere = self.list_cases(f'party_name : "{self.tag}"')
        self.assertEqual(self.ids(everywhere), [self.yichang.id, self.jiangan.id, self.c5.id])
        self.assertEqual(self.ids(self.list_cases(self.where(f'party_name : "{self.tag[1:4]}"'))), [self.c5.id])
        self.assertEqual(self.ids(self.list_cases(f'party_name : "{self.tag}科技"')), [self.jiangan.id])

    def test_party_name_wildcards_are_literal(self):
        for pattern in ("%", "_", "\\\\"):
            with self.subTest(pattern=pattern):
                self.assertEqual(self.list_cases(self.where(f'party_name : "{pattern}"')), [])

    def test_region_filter_includes_sub_regions(self):
        named = f'party_name : "{self.tag}"'
        self.assertEqual(self.ids(self.list_cases(f'region_code = "420100" AND {named}')),
                         [self.jiangan.id, self.c5.id])
        self.assertEqual(self.ids(self.list_cases(f'region_code = 420102 AND {named}')), [self.jiangan.id])
        self.assertEqual(self.ids(self.list_cases(f'region_code = "420500" AND {named}')), [self.yichang.id])
        self.assertEqual(self.ids(self.list_cases(f'region_code = "420000" AND {named}')),
                         [self.yichang.id, self.jiangan.id, self.c5.id])
        wuhan = self.list_cases('region_code = "420100"')
        self.assertTrue(all(c.region_code.startswith("4201") for c in wuhan))

    def test_receive_time_range(self):
        c2, c3, c4 = self.c2.receive_time, self.c3.receive_time, self.c4.receive_time
        self.assertEqual(self.ids(self.list_cases(self.where(
            f'receive_time >= "{rfc3339(c2)}" AND receive_time <= "{rfc3339(c4)}"'))),
            [self.c4.id, self.c3.id, self.c2.id])
        self.assertEqual(self.ids(self.list_cases(self.where(
            f'receive_time > "{rfc3339(c2)}" AND receive_time < "{rfc3339(c4)}"'))), [self.c3.id])
        utc_text = to_datetime(c3).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.assertEqual(self.ids(self.list_cases(self.where(f'receive_time < "{utc_text}"'))),
                         [self.c2.id, self.c1.id])
        self.assertEqual(self.list_cases(self.where('receive_time < "2001-01-01T00:00:00+08:00"')), [])

    def test_combined_filter(self):
        self.assertEqual(self.ids(self.list_cases(self.where(
            'state = RECEIVED AND dispute_type = REMUNERATION_COMPENSATION AND region_code = "420100"'))),
            [self.c3.id, self.c1.id])

    def test_non_uuid_commission_id_matches_nothing(self):
        self.assertEqual(self.list_cases('commission_id = "not-a-uuid"'), [])

    def test_pages_of_two_have_no_gaps_duplicates_or_reordering(self):
        commission = self.fresh_commission()
        created = [self.create(commission.id)[0] for _ in range(5)]
        newest_first = [c.id for c in reversed(created)]
        where = f'commission_id = "{commission.id}"'

        seen, token, pages = [], "", 0
        while True:
            out = call("ListCases", pb.case_service.ListCasesRequest(filter=where, page_size=2, page_token=token))
            page = self.assertOk(out)
            pages += 1
            self.assertLessEqual(len(page.cases), 2)
            seen.extend(c.id for c in page.cases)
            token = page.next_page_token
            if pages == 1:
                self.create(commission.id)  # a newer case must not shift the later pages
            if not token:
                break
            self.assertLess(pages, 10, "pagination does not end")
        self.assertEqual(seen, newest_first)
        self.assertEqual(pages, 3)

        exact = self.assertOk(call("ListCases", pb.case_service.ListCasesRequest(filter=where, page_size=6)))
        self.assertEqual(len(exact.cases), 6)
        self.assertEqual(exact.next_page_token, "", "a page that holds the rest must have no token")

    def test_page_token_is_bound_to_its_filter(self):
        first = self.assertOk(call("ListCases", pb.case_service.ListCasesRequest(filter=self.where(), page_size=2)))
        token = first.next_page_token
        self.assertTrue(token)
        self.assertFails(call("ListCases", pb.case_service.ListCasesRequest(
            filter=self.where("state = RECEIVED"), page_size=2, page_token=token)),
            INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["page_token"])
        self.assertFails(call("ListCases", pb.case_service.ListCasesRequest(page_size=2, page_token=token)),
                         INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["page_token"])

    def test_page_token_accepts_the_same_filter_spelled_differently(self):
        a = self.where("state = RECEIVED")
        b = f'state = CASE_STATE_RECEIVED AND commission_id = "{self.commission.id}"'
        first = self.assertOk(call("ListCases", pb.case_service.ListCasesRequest(filter=a, page_size=2)))
        second = self.assertOk(call("ListCases", pb.case_service.ListCasesRequest(
            filter=b, page_size=2, page_token=first.next_page_token)))
        self.assertEqual(self.ids(first.cases) + self.ids(second.cases), [self.c5.id, self.c3.id, self.c1.id])

    def test_garbage_page_token_is_rejected(self):
        commissions_token = self.assertOk(call("ListCommissions", pb.directory.ListCommissionsRequest(
            page_size=1))).next_page_token
        for token in ("garbage!", "AAAA", "x" * 2000, commissions_token):
            with self.subTest(token=token[:20]):
                self.assertFails(call("ListCases", pb.case_service.ListCasesRequest(page_token=token)),
                                 INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["page_token"])

    def test_bad_filters_are_rejected(self):
        for text in ('colour = "red"', "state >= FILED", 'party_name : "unterminated', "state = OPEN",
                     'region_code = "4201"', 'receive_time >= "yesterday"', "state = FILED AND",
                     "state = FILED OR state = RECEIVED", "state = FILED AND state = RECEIVED",
                     'party_name = "张三"', 'party_name : ""', 'party_name : "' + "张" * 101 + '"',
                     'commission_id = ', "(state = FILED)", 'receive_time = "2026-01-01T00:00:00Z"'):
            with self.subTest(filter=text):
                self.assertFails(call("ListCases", pb.case_service.ListCasesRequest(filter=text)),
                                 INVALID_ARGUMENT, "FILTER_INVALID", ["filter"])

    def test_negative_page_size_is_rejected(self):
        self.assertFails(call("ListCases", pb.case_service.ListCasesRequest(page_size=-1)),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["page_size"])

    def test_huge_page_size_is_clamped_not_rejected(self):
        self.assertOk(call("ListCases", pb.case_service.ListCasesRequest(filter=self.where(),
                                                                         page_size=2_000_000_000)))


# ---------------------------------------------------------------------------
# 7. UpdateCase.

class UpdateCaseTest(E2ETest):

    def setUp(self):
        self.case, _ = self.create(self.fresh_commission().id)

    def test_claims_mask_replaces_claims_only(self):
        new_claims = [claim(pb.case.DISPUTE_TYPE_LABOR_CONTRACT, "支付违法解除劳动合同赔偿金", 6_000_000),
                      claim(pb.case.DISPUTE_TYPE_HOURS_LEAVE_INSURANCE_WELFARE, "支付未休年休假工资")]
        out = self.update(self.case, ["claims"], claims=new_claims, facts_and_reasons="不应被修改")
        updated = self.assertOk(out)
        self.assertEqual(list(updated.claims), new_claims)
        self.assertEqual(updated.etag, "v2")
        self.assertEqual(updated.facts_and_reasons, self.case.facts_and_reasons)
        self.assertEqual(list(updated.applicants), list(self.case.applicants))
        self.assertEqual((updated.case_number, updated.receive_time), (self.case.case_number, self.case.receive_time))
        self.assertEqual(self.get(self.case.id), updated)
        events = self.events(self.case.id)
        self.assertEqual([e.kind for e in events], ["CASE_CREATED", "CASE_UPDATED"])
        self.assertEqual(events[1].summary, "fields=claims")
        self.assertEqual((events[1].from_state, events[1].to_state),
                         (pb.case.CASE_STATE_RECEIVED, pb.case.CASE_STATE_RECEIVED))
        self.assertEqual(events[1].request_id, out.request_id)
        self.assertGreater(events[1].sequence, events[0].sequence)

    def test_two_fields_are_both_named_in_the_event(self):
        new_date = date_msg(today_in_china() - datetime.timedelta(days=30))
        updated = self.assertOk(self.update(self.case, ["facts_and_reasons", "application_date"],
                                            facts_and_reasons="补充事实与理由", application_date=new_date))
        self.assertEqual((updated.facts_and_reasons, updated.application_date), ("补充事实与理由", new_date))
        self.assertEqual(self.events(self.case.id)[-1].summary, "fields=facts_and_reasons,application_date")

    def test_stale_etag_is_aborted(self):
        self.assertOk(self.update(self.case, ["facts_and_reasons"], facts_and_reasons="第一次更正"))
        current = self.get(self.case.id)
        self.assertFails(self.update(self.case, ["facts_and_reasons"], facts_and_reasons="过期的更正"),
                         ABORTED, "ETAG_MISMATCH")
        self.assertEqual(self.get(self.case.id), current)

    def test_missing_etag_is_invalid(self):
        no_etag = pb.case.Case(id=self.case.id)
        self.assertFails(self.update(no_etag, ["facts_and_reasons"], facts_and_reasons="无版本"),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["etag"])

    def test_unknown_mask_path_is_invalid(self):
        for path in ("state", "case_number", "applicants.name", "withdrawal_reason", "Claims", ""):
            with self.subTest(path=path):
                self.assertFails(self.update(self.case, [path], facts_and_reasons="x"),
                                 INVALID_ARGUMENT, "FIELD_INVALID", ["update_mask"])
        self.assertEqual(self.get(self.case.id), self.case)

    def test_empty_mask_is_invalid(self):
        self.assertFails(self.update(self.case, [], facts_and_reasons="无掩码"),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["update_mask"])
        self.assertEqual(self.get(self.case.id), self.case)

    def test_invalid_new_content_leaves_the_case_unchanged(self):
        future = date_msg(today_in_china() + datetime.timedelta(days=5))
        for paths, content, fields in (
                (["claims"], {"claims": []}, ["case.claims"]),
                (["claims"], {"claims": [claim(amount_fen=-5)]}, ["case.claims[0].amount_fen"]),
                (["applicants"], {"applicants": [worker(phone="123")]}, ["case.applicants[0].phone"]),
                (["facts_and_reasons"], {"facts_and_reasons": ""}, ["case.facts_and_reasons"]),
                (["application_date"], {"application_date": future}, ["case.application_date"])):
            with self.subTest(paths=paths, fields=fields):
                self.assertFails(self.update(self.case, paths, **content), INVALID_ARGUMENT, "FIELD_INVALID", fields)
        self.assertEqual(self.get(self.case.id), self.case)
        self.assertEqual([e.kind for e in self.events(self.case.id)], ["CASE_CREATED"])

    def test_unknown_case_is_not_found(self):
        ghost = pb.case.Case(id=str(uuid.uuid4()), etag="v1")
        self.assertFails(self.update(ghost, ["facts_and_reasons"], facts_and_reasons="不存在"),
                         NOT_FOUND, "CASE_NOT_FOUND")

    def test_reporting_may_not_update(self):
        self.assertFails(self.update(self.case, ["facts_and_reasons"], REPORTING, facts_and_reasons="只读"),
                         PERMISSION_DENIED, "ROLE_NOT_ALLOWED")


# ---------------------------------------------------------------------------
# 8. WithdrawCase.

class WithdrawCaseTest(E2ETest):

    def test_withdrawal_records_state_reason_and_event(self):
        case, _ = self.create(self.fresh_commission().id, pb.case.ROUTE_STAGE_RECEIVED)
        out = self.withdraw(case.id, case.etag, reason="已与用人单位达成和解")
        withdrawn = self.assertOk(out)
        self.assertEqual(withdrawn.state, pb.case.CASE_STATE_WITHDRAWN)
        self.assertEqual(withdrawn.withdrawal_reason, "已与用人单位达成和解")
        self.assertEqual(withdrawn.etag, "v2")
        self.assertEqual(self.get(case.id), withdrawn)
        events = self.events(case.id)
        self.assertEqual([e.kind for e in events], ["CASE_CREATED", "CASE_WITHDRAWN"])
        self.assertEqual((events[1].from_state, events[1].to_state),
                         (pb.case.CASE_STATE_RECEIVED, pb.case.CASE_STATE_WITHDRAWN))
        self.assertEqual(events[1].request_id, out.request_id)
        self.assertNotIn("和解", events[1].summary)  # the reason is not copied into the history

    def test_filed_case_withdrawal_event_is_from_filed(self):
        case, _ = self.create(self.fresh_commission().id, pb.case.ROUTE_STAGE_FILED)
        self.assertOk(self.withdraw(case.id, case.etag))
        self.assertEqual(self.events(case.id)[-1].from_state, pb.case.CASE_STATE_FILED)

    def test_withdrawing_again_is_failed_precondition(self):
        case, _ = self.create(self.fresh_commission().id)
        withdrawn = self.assertOk(self.withdraw(case.id, case.etag))
        self.assertFails(self.withdraw(case.id, withdrawn.etag), FAILED_PRECONDITION, "CASE_ALREADY_WITHDRAWN")
        self.assertEqual(self.get(case.id), withdrawn)
        self.assertEqual(len(self.events(case.id)), 2)

    def test_withdrawn_case_is_not_editable(self):
        case, _ = self.create(self.fresh_commission().id)
        withdrawn = self.assertOk(self.withdraw(case.id, case.etag))
        self.assertFails(self.update(withdrawn, ["facts_and_reasons"], facts_and_reasons="撤回后修改"),
                         FAILED_PRECONDITION, "CASE_NOT_EDITABLE")
        self.assertEqual(self.get(case.id), withdrawn)

    def test_reason_is_required_and_bounded(self):
        case, _ = self.create(self.fresh_commission().id)
        for reason in ("", "\u3000 ", "理" * 2001):
            with self.subTest(reason_length=len(reason)):
                self.assertFails(self.withdraw(case.id, case.etag, reason=reason),
                                 INVALID_ARGUMENT, "FIELD_INVALID", ["reason"])
        self.assertEqual(self.get(case.id), case)

    def test_stale_etag_is_aborted(self):
        case, _ = self.create(self.fresh_commission().id)
        self.assertOk(self.update(case, ["facts_and_reasons"], facts_and_reasons="更正"))
        self.assertFails(self.withdraw(case.id, case.etag), ABORTED, "ETAG_MISMATCH")
        self.assertEqual(self.get(case.id).state, pb.case.CASE_STATE_RECEIVED)

    def test_unknown_case_is_not_found(self):
        self.assertFails(self.withdraw(str(uuid.uuid4()), "v1"), NOT_FOUND, "CASE_NOT_FOUND")


# ---------------------------------------------------------------------------
# 9. Authentication, roles and scopes (the full matrix is in test_security.py).

class AuthTest(E2ETest):

    @classmethod
    def setUpClass(cls):
        t = cls()
        cls.wuhan_case, _ = t.create(DEMO["420100"].id)
        cls.yichang_case, _ = t.create(DEMO["420500"].id, caller=YICHANG_STAFF)

    def test_no_credentials_is_unauthenticated(self):
        for method, req in (("GetCase", pb.case_service.GetCaseRequest(id=self.wuhan_case.id)),
                            ("ListCases", pb.case_service.ListCasesRequest()),
                            ("CreateCase", create_request(valid_case(DEMO["420100"].id))),
                            ("ListRegions", pb.directory.ListRegionsRequest())):
            with self.subTest(method=method):
                self.assertFails(call(method, req, NO_IDENTITY), UNAUTHENTICATED, "CREDENTIALS_MISSING")

    def test_bad_tokens_are_unauthenticated(self):
        for token, reason in (("", "TOKEN_MALFORMED"), ("ct1.short", "TOKEN_MALFORMED"),
                              ("x" * 47, "TOKEN_MALFORMED"), ("ct1." + "A" * 43, "TOKEN_UNKNOWN"),
                              (STAFF.metadata()[0][1][len("Bearer "):] + "x", "TOKEN_MALFORMED")):
            with self.subTest(token=token[:8]):
                self.assertFails(call("ListCases", pb.case_service.ListCasesRequest(),
                                      Caller("bad", "admin", token=token)), UNAUTHENTICATED, reason)

    def test_the_old_development_headers_identify_nobody(self):
        stub = SERVER.channel.unary_unary("/caitiao.v1.CaseService/ListCases",
                                          request_serializer=lambda m: m.SerializeToString(),
                                          response_deserializer=pb.case_service.ListCasesResponse.FromString)
        with self.assertRaises(grpc.RpcError) as raised:
            stub(pb.case_service.ListCasesRequest(), timeout=RPC_TIMEOUT_S,
                 metadata=[("x-caitiao-user", "mallory"), ("x-caitiao-role", "admin")])
        self.assertEqual(raised.exception.code(), UNAUTHENTICATED)

    def test_reporting_may_not_read_or_write_single_cases(self):
        for method, req in (("GetCase", pb.case_service.GetCaseRequest(id=self.wuhan_case.id)),
                            ("ListCases", pb.case_service.ListCasesRequest(page_size=5)),
                            ("ListCaseEvents", pb.case_service.ListCaseEventsRequest(case_id=self.wuhan_case.id)),
                            ("CreateCase", create_request(valid_case(DEMO["420100"].id)))):
            with self.subTest(method=method):
                self.assertFails(call(method, req, REPORTING), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
        self.assertFails(self.withdraw(self.wuhan_case.id, self.wuhan_case.etag, caller=REPORTING),
                         PERMISSION_DENIED, "ROLE_NOT_ALLOWED")

    def test_room_staff_see_only_cases_delegated_to_their_room(self):
        # Nothing is delegated yet: the room sees no case at all.
        self.assertEqual(self.list_cases("", ROOM_STAFF), [])
        self.assertFails(call("GetCase", pb.case_service.GetCaseRequest(id=self.wuhan_case.id), ROOM_STAFF),
                         NOT_FOUND, "CASE_NOT_FOUND")
        self.assertFails(call("CreateCase", create_request(valid_case(DEMO["420100"].id)), ROOM_STAFF),
                         PERMISSION_DENIED, "ROLE_NOT_ALLOWED")

    def test_commission_scope_hides_other_commissions_cases(self):
        wuhan = self.wuhan_case
        self.assertFails(call("GetCase", pb.case_service.GetCaseRequest(id=wuhan.id), YICHANG_STAFF),
                         NOT_FOUND, "CASE_NOT_FOUND")
        self.assertFails(call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(case_id=wuhan.id),
                              YICHANG_STAFF), NOT_FOUND, "CASE_NOT_FOUND")
        self.assertFails(self.update(wuhan, ["facts_and_reasons"], YICHANG_STAFF, facts_and_reasons="越权"),
                         NOT_FOUND, "CASE_NOT_FOUND")
        self.assertFails(self.withdraw(wuhan.id, wuhan.etag, caller=YICHANG_STAFF), NOT_FOUND, "CASE_NOT_FOUND")
        self.assertEqual(self.get(wuhan.id), wuhan)

        visible = self.list_cases("", YICHANG_STAFF)
        self.assertIn(self.yichang_case.id, self.ids(visible))
        self.assertNotIn(wuhan.id, self.ids(visible))
        self.assertTrue(all(c.commission_id == DEMO["420500"].id for c in visible),
                        {c.commission_id for c in visible})
        self.assertEqual(self.list_cases('region_code = "420100"', YICHANG_STAFF), [])

    def test_commission_scope_hides_other_commissions_from_create(self):
        self.assertFails(call("CreateCase", create_request(valid_case(DEMO["420100"].id)), YICHANG_STAFF),
                         NOT_FOUND, "COMMISSION_NOT_FOUND", ["case.commission_id"])

    def test_staff_of_several_commissions_see_each_and_no_more(self):
        self.assertEqual(self.get(self.wuhan_case.id, HUBEI_STAFF), self.wuhan_case)
        self.assertFails(call("GetCase", pb.case_service.GetCaseRequest(id=self.yichang_case.id), HUBEI_STAFF),
                         NOT_FOUND, "CASE_NOT_FOUND")
        # A county commission's staff do not see the city commission's cases.
        self.assertFails(call("GetCase", pb.case_service.GetCaseRequest(id=self.wuhan_case.id), JIANGAN_STAFF),
                         NOT_FOUND, "CASE_NOT_FOUND")
        jiangan_case, _ = self.create(DEMO["420102"].id, caller=HUBEI_STAFF)
        self.assertEqual(self.get(jiangan_case.id, JIANGAN_STAFF).id, jiangan_case.id)


# ---------------------------------------------------------------------------
# 10. x-request-id on every response.

class RequestIdTest(E2ETest):

    def test_every_response_carries_x_request_id_and_error_detail_repeats_it(self):
        case, created_out = self.create(DEMO["420100"].id)
        outcomes = [
            created_out,
            call("GetCase", pb.case_service.GetCaseRequest(id=case.id)),
            call("ListCases", pb.case_service.ListCasesRequest(page_size=1)),
            call("ListCaseEvents", pb.case_service.ListCaseEventsRequest(case_id=case.id)),
            call("ListCommissions", pb.directory.ListCommissionsRequest()),
            call("GetCase", pb.case_service.GetCaseRequest(id=str(uuid.uuid4()))),           # NOT_FOUND
            call("GetCase", pb.case_service.GetCaseRequest(id="")),                          # INVALID_ARGUMENT
            call("ListCases", pb.case_service.ListCasesRequest(), NO_IDENTITY),              # UNAUTHENTICATED
            call("ListCases", pb.case_service.ListCasesRequest(), REPORTING),                # PERMISSION_DENIED
            self.withdraw(case.id, "v9"),                                                    # ABORTED
            call("CreateRegion", pb.directory.CreateRegionRequest(
                region=pb.directory.Region(code="420102", name="江岸区", level=pb.directory.REGION_LEVEL_COUNTY,
                                           parent_code="420100"), request_id=request_id()), ADMIN),  # ALREADY_EXISTS
        ]
        seen = set()
        for out in outcomes:
            with self.subTest(outcome=repr(out)):
                self.assertRegex(out.request_id or "", r"^[0-9a-f]{32}$")
                self.assertNotIn(out.request_id, seen, "request ids must differ per call")
                seen.add(out.request_id)
                if out.code == OK:
                    self.assertNotIn("grpc-status-details-bin", out.trailing)
                else:
                    self.assertIsNotNone(out.error, "error without ErrorDetail")
                    self.assertEqual(out.error.request_id, out.request_id)
                    self.assertEqual(out.rpc_status.code, out.code.value[0])
                    self.assertEqual(out.rpc_status.message, out.message)
                    self.assertRegex(out.error.reason, r"^[A-Z][A-Z0-9_]*$")
        self.assertEqual({o.code for o in outcomes[5:]},
                         {NOT_FOUND, INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, ABORTED, ALREADY_EXISTS})


# ---------------------------------------------------------------------------
# 11. Concurrency.

def race(n, fn):
    """Runs fn(i) for i in 0..n-1 on n threads released together; returns the results in order."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        barrier.wait(timeout=30)
        results[i] = fn(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


class ConcurrencyTest(E2ETest):

    def test_racing_withdrawals_with_one_etag_let_exactly_one_win(self):
        case, _ = self.create(self.fresh_commission().id)
        outcomes = race(8, lambda i: self.withdraw(case.id, case.etag, reason=f"并发撤回{i}"))
        winners = [o for o in outcomes if o.code == OK]
        losers = [o for o in outcomes if o.code != OK]
        self.assertEqual(len(winners), 1, outcomes)
        for out in losers:
            self.assertFails(out, ABORTED, "ETAG_MISMATCH")
        final = self.get(case.id)
        self.assertEqual(final.state, pb.case.CASE_STATE_WITHDRAWN)
        self.assertEqual(final, winners[0].response)
        self.assertEqual([e.kind for e in self.events(case.id)], ["CASE_CREATED", "CASE_WITHDRAWN"])

    def test_concurrent_retries_of_one_create_make_one_case(self):
        commission = self.fresh_commission()
        req = create_request(valid_case(commission.id))
        outcomes = race(6, lambda i: call("CreateCase", req))
        for out in outcomes:
            self.assertOk(out)
        self.assertEqual(len({o.response.id for o in outcomes}), 1, outcomes)
        self.assertTrue(all(o.response == outcomes[0].response for o in outcomes))
        self.assertEqual(len(self.list_cases(f'commission_id = "{commission.id}"')), 1)

    def test_concurrent_creates_get_distinct_consecutive_numbers(self):
        commission = self.fresh_commission()
        outcomes = race(10, lambda i: call("CreateCase", create_request(valid_case(commission.id))))
        cases = [self.assertOk(o) for o in outcomes]
        year = china_year(cases[0].receive_time)
        self.assertEqual(sorted(c.case_number for c in cases),
                         sorted(case_number(commission.case_number_template, year, n) for n in range(1, 11)))
        self.assertEqual(len({c.id for c in cases}), 10)
        self.assertEqual(len(self.list_cases(f'commission_id = "{commission.id}"')), 10)


# ---------------------------------------------------------------------------
# 12. Health and reflection.

class StandardServicesTest(E2ETest):

    def test_health_is_serving(self):
        for service in ("", "caitiao.v1.CaseService", "caitiao.v1.DirectoryService"):
            with self.subTest(service=service):
                self.assertEqual(harness.health_check(SERVER.channel, service), (OK, harness.HEALTH_SERVING))

    def test_health_of_an_unknown_service_is_not_found(self):
        self.assertEqual(harness.health_check(SERVER.channel, "caitiao.v1.NoSuchService")[0], NOT_FOUND)

    def test_reflection_lists_the_caitiao_services(self):
        names = harness.reflection_list_services(SERVER.channel)
        self.assertIn("caitiao.v1.CaseService", names)
        self.assertIn("caitiao.v1.DirectoryService", names)
        self.assertIn("grpc.health.v1.Health", names)

    def test_reflection_describes_health_so_tools_need_no_proto_file(self):
        # grpcurl and buf curl ask for the file that defines a symbol before
        # they call it; the health service must be described, not only listed.
        for symbol, wanted in (("grpc.health.v1.Health", "grpc/health/v1/health.proto"),
                               ("grpc.health.v1.HealthCheckRequest", "grpc/health/v1/health.proto"),
                               ("caitiao.v1.CaseService", "caitiao/v1/case_service.proto")):
            with self.subTest(symbol=symbol):
                files, error = harness.reflection_file_containing_symbol(SERVER.channel, symbol)
                self.assertEqual(error, 0, f"reflection has no descriptor for {symbol}")
                self.assertIn(wanted, files)
        files, error = harness.reflection_file_containing_symbol(SERVER.channel, "grpc.health.v1.NoSuchThing")
        self.assertEqual(error, 5)  # NOT_FOUND


# ---------------------------------------------------------------------------
# 13. Bytes that are not UTF-8 where the proto has a string.

class MalformedWireTest(E2ETest):

    def test_invalid_utf8_in_a_string_field_is_rejected_and_stores_nothing(self):
        commission = self.fresh_commission()
        rid = request_id()
        req = create_request(valid_case(commission.id, facts="QZ"), rid=rid)
        wire = req.SerializeToString()
        self.assertEqual(wire.count(b"QZ"), 1)
        bad_wire = wire.replace(b"QZ", b"\xc0\xaf")  # overlong '/': never valid UTF-8; same length
        out = call("CreateCase", req, serializer=lambda _: bad_wire)
        print(f"\n[e2e] invalid UTF-8 in CreateCaseRequest.case.facts_and_reasons -> {out.code.name}: "
              f"{out.message!r}; reason={out.reason}; x-request-id={'present' if out.request_id else 'absent'}",
              file=sys.stderr)
        self.assertNotEqual(out.code, OK)
        self.assertIn(out.code, (INVALID_ARGUMENT, grpc.StatusCode.INTERNAL), repr(out))
        self.assertEqual(self.list_cases(f'commission_id = "{commission.id}"'), [])
        # The request id was not used up either: a valid request with it creates case 1.
        created = self.assertOk(call("CreateCase", create_request(valid_case(commission.id), rid=rid)))
        self.assertEqual(created.case_number,
                         case_number(commission.case_number_template, china_year(created.receive_time), 1))


# ---------------------------------------------------------------------------
# Module fixture: one server for every test.

def setUpModule():
    global SERVER, PROTO_OUT, pb
    if ARGS is None:
        raise RuntimeError("run as: test_case_intake.py --caitiaod <path> --proto-dir <repo>/proto")
    PROTO_OUT = tempfile.mkdtemp(prefix="caitiao-e2e-proto-", dir="/tmp")
    pb = harness.generate_messages(ARGS.proto_dir, PROTO_OUT)
    SERVER = harness.CaitiaoServer(ARGS.caitiaod)
    try:
        SERVER.start()
        ADMIN.token = SERVER.token("admin")
        out = call("ListCommissions", pb.directory.ListCommissionsRequest(page_size=1000), ADMIN)
        if out.code != OK:
            raise RuntimeError(f"cannot list the demo commissions: {out}")
        for c in out.response.commissions:
            DEMO.setdefault(c.region_code, c)
    except BaseException:
        SERVER.stop()  # main() prints the server's output
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


def main():
    harness.main(sys.modules[__name__])

if __name__ == "__main__":
    main()
