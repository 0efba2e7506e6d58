#!/usr/bin/python3
"""End-to-end tests of mediation rooms (裁调对接工作室) and mediators (调解员)
in DirectoryService, over gRPC.

Starts one real caitiaod (embedded PostgreSQL, --demo directory) for the whole
module and talks to it the way a client would: generated message classes,
plain gRPC calls, API tokens. Nothing here links the server's code; the
expectations come from the protos and the documented rules.

Run (as CTest does):
    /usr/bin/python3 tests/e2e/test_rooms.py \\
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caitiao_harness as harness  # noqa: E402
from people import resident_id  # noqa: E402

OK = grpc.StatusCode.OK
INVALID_ARGUMENT = grpc.StatusCode.INVALID_ARGUMENT
NOT_FOUND = grpc.StatusCode.NOT_FOUND
ALREADY_EXISTS = grpc.StatusCode.ALREADY_EXISTS
PERMISSION_DENIED = grpc.StatusCode.PERMISSION_DENIED
ABORTED = grpc.StatusCode.ABORTED

RPC_TIMEOUT_S = 30
CHINA = datetime.timezone(datetime.timedelta(hours=8))

# The Wuhan demo joint docking room (the demo room-staff token's scope).
DEMO_ROOM_ID = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201"

# Set up by setUpModule.
ARGS = None     # --caitiaod, --proto-dir
SERVER = None   # harness.CaitiaoServer
PROTO_OUT = None
pb = None       # generated modules: pb.common, pb.directory, pb.access, ...
DEMO = {}       # region code -> demo Commission


# ---------------------------------------------------------------------------
# Callers: principals with API tokens, issued through the admin token on first use.

class Caller:
    """A principal: role and scope (commissions are demo region codes). The
    token is issued when first used."""

    def __init__(self, label, role, commissions=(), room="", regions=(), token=None):
        self.label, self.role, self.room = label, role, room
        self.commissions, self.regions = list(commissions), list(regions)
        self.token = token
        self.lock = threading.Lock()

    def metadata(self):
        with self.lock:
            if self.token is None:
                self.token = issue_token(self)
            return [("authorization", f"Bearer {self.token}")]

    def __repr__(self):
        return f"{self.label}/{self.role}"


def issue_token(caller):
    scope = pb.access.AccessScope(commission_ids=[DEMO[c].id for c in caller.commissions], room_id=caller.room,
                                  region_codes=caller.regions)
    out = call("IssueToken", pb.access.IssueTokenRequest(
        label=caller.label, role=pb.access.Role.Value(f"ROLE_{caller.role.upper()}"), scope=scope,
        request_id=request_id()), ADMIN)
    if out.code != OK:
        raise RuntimeError(f"cannot issue a token for {caller}: {out}")
    return out.response.secret


ADMIN = Caller("e2e-admin", "admin")  # its token is the server's bootstrap admin token
STAFF = Caller("e2e-rooms-staff", "arbitration_staff", ["420100"])
ROOM_STAFF = Caller("e2e-rooms-room", "room_staff", room=DEMO_ROOM_ID)
REPORTING = Caller("e2e-rooms-reporting", "reporting", regions=["420000"])
NOT_ADMINS = (STAFF, ROOM_STAFF, REPORTING)


# ---------------------------------------------------------------------------
# Calling the server.

def _methods():
    d = pb.directory
    return {
        "CreateRoom": ("DirectoryService", d.MediationRoom),
        "UpdateRoom": ("DirectoryService", d.MediationRoom),
        "DeactivateRoom": ("DirectoryService", d.MediationRoom),
        "GetRoom": ("DirectoryService", d.MediationRoom),
        "ListRooms": ("DirectoryService", d.ListRoomsResponse),
        "CreateMediator": ("DirectoryService", d.Mediator),
        "UpdateMediator": ("DirectoryService", d.Mediator),
        "GetMediator": ("DirectoryService", d.Mediator),
        "ListMediators": ("DirectoryService", d.ListMediatorsResponse),
        "CreateRegion": ("DirectoryService", d.Region),
        "CreateCommission": ("DirectoryService", d.Commission),
        "ListCommissions": ("DirectoryService", d.ListCommissionsResponse),
        "IssueToken": ("AccessService", pb.access.IssueTokenResponse),
        "CreateCase": ("CaseService", pb.case.Case),
    }


class Outcome:
    """What one unary call returned: status, response, ErrorDetail, x-request-id."""

    def __init__(self, method, code, response, message, trailing):
        self.method, self.code, self.response, self.message = method, code, response, message
        self.trailing = dict(trailing or ())
        self.request_id = self.trailing.get("x-request-id")
        self.error = None
        raw = self.trailing.get("grpc-status-details-bin")
        if raw is not None:
            for any_detail in pb.common.RpcStatus.FromString(raw).details:
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


def call(method, request, caller=ADMIN):
    service, response_class = _methods()[method]
    stub = SERVER.channel.unary_unary(
        f"/caitiao.v1.{service}/{method}", request_serializer=lambda m: m.SerializeToString(),
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
# Building rooms and mediators.

def masked(number):
    """The server's mask of an 18-character identity number."""
    return number[:6] + "*" * 8 + number[-4:]


def today_in_china():
    return datetime.datetime.now(CHINA).date()


def date_msg(d):
    return pb.common.Date(year=d.year, month=d.month, day=d.day)


def as_date(msg):
    return datetime.date(msg.year, msg.month, msg.day)


def unique_name(prefix):
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def room(region="420100", commissions=None, **fields):
    """A valid room of the demo commission of `region`; fields override."""
    r = pb.directory.MediationRoom(
        name=unique_name("测试调解工作室"), kind=pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM, region_code=region,
        host_organization="武汉市总工会", capacity=20, min_mediators=2,
        opened_on=date_msg(datetime.date(2025, 3, 1)))
    r.commission_ids.extend(commissions if commissions is not None else [DEMO[region].id])
    return _override(r, fields)


def _override(message, fields):
    """Sets each field: a list replaces a repeated field, None clears a
    message field, a message is copied in."""
    for key, value in fields.items():
        if isinstance(value, list):
            del getattr(message, key)[:]
            getattr(message, key).extend(value)
        elif value is None:
            message.ClearField(key)
        elif hasattr(value, "DESCRIPTOR"):
            getattr(message, key).CopyFrom(value)
        else:
            setattr(message, key, value)
    return message


def mediator(rooms=(), **fields):
    """A valid, certified, in-term mediator of `rooms`; fields override."""
    m = pb.directory.Mediator(
        name="调解员" + random.choice("张王李赵刘陈杨黄周吴") + "某", resident_id_number=resident_id(),
        source=pb.directory.MEDIATOR_SOURCE_LAWYER, certificate_number=unique_name("鄂调证-"),
        certificate_expiry=date_msg(datetime.date(2028, 12, 31)), term_start=date_msg(datetime.date(2025, 1, 1)),
        term_end=date_msg(datetime.date(2028, 12, 31)), training_hours=40)
    m.room_ids.extend(rooms)
    return _override(m, fields)


def create_room_request(r, rid=None):
    return pb.directory.CreateRoomRequest(room=r, request_id=rid or request_id())


def create_mediator_request(m, rid=None):
    return pb.directory.CreateMediatorRequest(mediator=m, request_id=rid or request_id())


def update_room_request(current, paths, **changes):
    patch = _override(pb.directory.MediationRoom(id=current.id, etag=current.etag), changes)
    return pb.directory.UpdateRoomRequest(room=patch, update_mask={"paths": paths}, request_id=request_id())


def update_mediator_request(current, paths, **changes):
    patch = _override(pb.directory.Mediator(id=current.id, etag=current.etag), changes)
    return pb.directory.UpdateMediatorRequest(mediator=patch, update_mask={"paths": paths},
                                              request_id=request_id())


class E2ETest(unittest.TestCase):

    def assertOk(self, outcome):
        self.assertEqual(outcome.code, OK, repr(outcome))
        return outcome.response

    def assertError(self, outcome, code, reason=None, fields=None):
        self.assertEqual(outcome.code, code, repr(outcome))
        if reason is not None:
            self.assertEqual(outcome.reason, reason, repr(outcome))
        if fields is not None:
            self.assertEqual(sorted(outcome.fields), sorted(fields), repr(outcome))
        self.assertRegex(outcome.request_id or "", r"^[0-9a-f]{32}$")
        return outcome

    def create_room(self, r=None, caller=ADMIN):
        return self.assertOk(call("CreateRoom", create_room_request(r or room()), caller))

    def create_mediator(self, m):
        return self.assertOk(call("CreateMediator", create_mediator_request(m)))

    def get_room(self, room_id):
        return self.assertOk(call("GetRoom", pb.directory.GetRoomRequest(id=room_id), STAFF))

    def list_all(self, method, request, items, caller=STAFF):
        """Every page of a List; checks the page token chain ends."""
        out, token = [], ""
        for _ in range(1000):
            request.page_token = token
            response = self.assertOk(call(method, request, caller))
            out.extend(getattr(response, items))
            token = response.next_page_token
            if not token:
                return out
        self.fail("the page tokens never ended")


# ---------------------------------------------------------------------------
# The demo directory's rooms and mediators.

class DemoRoomsTest(E2ETest):

    def test_wuhan_demo_room_serves_the_wuhan_commission(self):
        r = self.get_room(DEMO_ROOM_ID)
        self.assertEqual(r.kind, pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM)
        self.assertEqual(r.region_code, "420100")
        self.assertEqual(list(r.commission_ids), [DEMO["420100"].id])
        self.assertEqual((r.capacity, r.min_mediators), (20, 3))
        self.assertTrue(r.active)
        self.assertGreaterEqual(r.active_mediators, 3)
        self.assertFalse(r.below_minimum_mediators)

    def test_wuhan_demo_room_has_three_active_certified_in_term_mediators(self):
        today = today_in_china()
        members = self.list_all("ListMediators", pb.directory.ListMediatorsRequest(
            room_id=DEMO_ROOM_ID, status=pb.directory.MEDIATOR_STATUS_ACTIVE), "mediators")
        usable = [m for m in members if as_date(m.certificate_expiry) >= today
                  and as_date(m.term_start) <= today <= as_date(m.term_end)]
        self.assertGreaterEqual(len(usable), 3, members)
        for m in members:
            self.assertTrue(m.name.startswith("调解员"), m.name)
            self.assertRegex(m.resident_id_number, r"^\d{6}\*{8}[\dX]{4}$")

    def test_demo_has_every_room_kind_and_a_room_below_its_minimum(self):
        rooms = self.list_all("ListRooms", pb.directory.ListRoomsRequest(region_code="420000"), "rooms")
        demo = [r for r in rooms if r.id.startswith("7c1e0c52-")]
        self.assertEqual({r.kind for r in demo}, {pb.directory.ROOM_KIND_JOINT_DOCKING_ROOM,
                                                  pb.directory.ROOM_KIND_UNION_LEGAL_SERVICE_STATION,
                                                  pb.directory.ROOM_KIND_RESIDENT_ARBITRATION_TRIBUNAL})
        below = [r for r in demo if r.below_minimum_mediators]
        self.assertTrue(below, "no demo room is below its minimum mediator count")
        for r in below:
            self.assertLess(r.active_mediators, r.min_mediators)
        for r in demo:
            self.assertIn(r.region_code, DEMO, "a demo room lies outside the demo regions")
            self.assertEqual(list(r.commission_ids), [DEMO[r.region_code].id])

    def test_demo_has_a_mediator_out_of_term(self):
        today = today_in_china()
        everyone = self.list_all("ListMediators", pb.directory.ListMediatorsRequest(page_size=1000), "mediators")
        self.assertTrue([m for m in everyone if as_date(m.term_end) < today])


# ---------------------------------------------------------------------------
# Rooms.

class RoomTest(E2ETest):

    def test_admin_creates_a_room_and_everyone_reads_it(self):
        wanted = room(region="420102", commissions=[DEMO["420102"].id, DEMO["420100"].id],
                      kind=pb.directory.ROOM_KIND_UNION_LEGAL_SERVICE_STATION, active=False, open_cases=9,
                      etag="v99")
        created = self.create_room(wanted)
        self.assertRegex(created.id, r"^[0-9a-f-]{36}$")
        self.assertEqual(created.name, wanted.name)
        self.assertEqual(created.kind, pb.directory.ROOM_KIND_UNION_LEGAL_SERVICE_STATION)
        self.assertEqual(created.region_code, "420102")
        self.assertEqual(list(created.commission_ids), sorted(wanted.commission_ids), "a sorted set")
        self.assertEqual(as_date(created.opened_on), datetime.date(2025, 3, 1))
        self.assertTrue(created.active, "a new room is active whatever the request says")
        self.assertEqual((created.open_cases, created.active_mediators), (0, 0), "output-only fields are ignored")
        self.assertTrue(created.below_minimum_mediators)
        self.assertEqual(created.etag, "v1")
        self.assertGreater(created.create_time.seconds, 0)
        for caller in (ADMIN,) + NOT_ADMINS:
            with self.subTest(caller=caller):
                self.assertEqual(self.assertOk(call("GetRoom", pb.directory.GetRoomRequest(id=created.id), caller)),
                                 created)

    def test_create_retry_returns_the_first_answer_and_reuse_is_refused(self):
        rid = request_id()
        r = room()
        first = self.create_room_with(r, rid)
        again = self.create_room_with(r, rid)
        self.assertEqual(again, first, "a retry gets the stored response")
        listed = self.list_all("ListRooms", pb.directory.ListRoomsRequest(region_code="420100"), "rooms")
        self.assertEqual([x.id for x in listed if x.name == r.name], [first.id], "a retry creates nothing")
        other = room()
        self.assertError(call("CreateRoom", create_room_request(other, rid)), INVALID_ARGUMENT, "REQUEST_ID_REUSED")

    def create_room_with(self, r, rid):
        return self.assertOk(call("CreateRoom", create_room_request(r, rid)))

    def test_room_name_is_unique_within_its_region(self):
        first = self.create_room()
        self.assertError(call("CreateRoom", create_room_request(room(name=first.name))), ALREADY_EXISTS,
                         "ROOM_EXISTS")
        self.create_room(room(region="420500", name=first.name))  # another region may use it

    def test_invalid_rooms_name_every_offending_field(self):
        cases = [
            (room(name=""), ["room.name"]),
            (room(name="室" * 101), ["room.name"]),
            (room(kind=pb.directory.ROOM_KIND_UNSPECIFIED), ["room.kind"]),
            (room(kind=42), ["room.kind"]),
            (room(region_code="4201"), ["room.region_code"]),
            (room(host_organization="\u3000"), ["room.host_organization"]),
            (room(commission_ids=[]), ["room.commission_ids"]),
            (room(commission_ids=[DEMO["420100"].id, DEMO["420100"].id]), ["room.commission_ids[1]"]),
            (room(capacity=0), ["room.capacity"]),
            (room(capacity=10001), ["room.capacity"]),
            (room(min_mediators=-1), ["room.min_mediators"]),
            (room(min_mediators=1001), ["room.min_mediators"]),
            (room(opened_on=None), ["room.opened_on"]),
            (room(opened_on=pb.common.Date(year=2026, month=2, day=30)), ["room.opened_on"]),
            (room(opened_on=date_msg(datetime.date(1999, 12, 31))), ["room.opened_on"]),
            (pb.directory.MediationRoom(), ["room.name", "room.kind", "room.region_code", "room.host_organization",
                                            "room.commission_ids", "room.capacity", "room.opened_on"]),
        ]
        for r, fields in cases:
            with self.subTest(fields=fields):
                self.assertError(call("CreateRoom", create_room_request(r)), INVALID_ARGUMENT, "FIELD_INVALID",
                                 fields)
        self.assertError(call("CreateRoom", pb.directory.CreateRoomRequest(room=room())), INVALID_ARGUMENT,
                         fields=["request_id"])

    def test_unknown_region_or_commission_is_not_found(self):
        self.assertError(call("CreateRoom", create_room_request(room(region_code="429099"))), NOT_FOUND,
                         "REGION_NOT_FOUND", ["room.region_code"])
        bad = [DEMO["420100"].id, str(uuid.uuid4())]
        self.assertError(call("CreateRoom", create_room_request(room(commission_ids=bad))), NOT_FOUND,
                         "COMMISSION_NOT_FOUND", ["room.commission_ids[1]"])
        self.assertError(call("CreateRoom", create_room_request(room(commission_ids=["not-an-id"]))), NOT_FOUND,
                         "COMMISSION_NOT_FOUND", ["room.commission_ids[0]"])

    def test_update_changes_only_masked_fields_under_the_current_etag(self):
        created = self.create_room()
        request = update_room_request(created, ["capacity", "name"], capacity=35, name=unique_name("改名工作室"),
                                      min_mediators=99)
        updated = self.assertOk(call("UpdateRoom", request))
        self.assertEqual(updated.capacity, 35)
        self.assertEqual(updated.name, request.room.name)
        self.assertEqual(updated.min_mediators, created.min_mediators, "a field outside the mask is untouched")
        self.assertEqual(updated.etag, "v2")
        self.assertEqual(self.get_room(created.id), updated)
        # The retry of the same request answers the same, even though the etag moved on.
        self.assertEqual(self.assertOk(call("UpdateRoom", request)), updated)
        stale = update_room_request(created, ["capacity"], capacity=40)
        self.assertError(call("UpdateRoom", stale), ABORTED, "ETAG_MISMATCH")
        self.assertEqual(self.get_room(created.id).capacity, 35, "a stale write changes nothing")

    def test_update_moves_a_room_to_other_commissions(self):
        created = self.create_room()
        changed = self.assertOk(call("UpdateRoom", update_room_request(
            created, ["commission_ids"], commission_ids=[DEMO["420102"].id, DEMO["420100"].id])))
        self.assertEqual(list(changed.commission_ids), sorted([DEMO["420102"].id, DEMO["420100"].id]))
        jiangan = self.list_all("ListRooms", pb.directory.ListRoomsRequest(commission_id=DEMO["420102"].id), "rooms")
        self.assertIn(created.id, [r.id for r in jiangan])

    def test_bad_updates_are_refused_with_their_field(self):
        created = self.create_room()
        cases = [
            (update_room_request(created, []), INVALID_ARGUMENT, None, ["update_mask"]),
            (update_room_request(created, ["open_cases"]), INVALID_ARGUMENT, None, ["update_mask"]),
            (update_room_request(created, ["capacity"], capacity=0), INVALID_ARGUMENT, "FIELD_INVALID",
             ["room.capacity"]),
            (update_room_request(created, ["opened_on"]), INVALID_ARGUMENT, "FIELD_INVALID", ["room.opened_on"]),
            (update_room_request(created, ["region_code"], region_code="429099"), NOT_FOUND, "REGION_NOT_FOUND",
             ["room.region_code"]),
        ]
        for request, code, reason, fields in cases:
            with self.subTest(paths=list(request.update_mask.paths)):
                self.assertError(call("UpdateRoom", request), code, reason, fields)
        no_etag = update_room_request(created, ["capacity"], capacity=3)
        no_etag.room.etag = ""
        self.assertError(call("UpdateRoom", no_etag), INVALID_ARGUMENT, fields=["room.etag"])
        unknown = update_room_request(created, ["capacity"], capacity=3)
        unknown.room.id = str(uuid.uuid4())
        self.assertError(call("UpdateRoom", unknown), NOT_FOUND, "ROOM_NOT_FOUND")
        self.assertEqual(self.get_room(created.id).etag, "v1", "no refused update changed the room")

    def test_deactivate_is_idempotent_and_the_room_leaves_active_lists(self):
        created = self.create_room()
        closed = self.assertOk(call("DeactivateRoom", pb.directory.DeactivateRoomRequest(
            id=created.id, etag=created.etag, request_id=request_id())))
        self.assertFalse(closed.active)
        self.assertEqual(closed.etag, "v2")
        again = self.assertOk(call("DeactivateRoom", pb.directory.DeactivateRoomRequest(
            id=created.id, etag=created.etag, request_id=request_id())))
        self.assertEqual(again, closed, "deactivating an inactive room changes nothing")
        serving = pb.directory.ListRoomsRequest(commission_id=DEMO["420100"].id)
        self.assertIn(created.id, [r.id for r in self.list_all("ListRooms", serving, "rooms")])
        serving.active_only = True
        self.assertNotIn(created.id, [r.id for r in self.list_all("ListRooms", serving, "rooms")])
        reopened = self.assertOk(call("UpdateRoom", update_room_request(closed, ["active"], active=True)))
        self.assertTrue(reopened.active)
        stale = pb.directory.DeactivateRoomRequest(id=created.id, etag=closed.etag, request_id=request_id())
        self.assertError(call("DeactivateRoom", stale), ABORTED, "ETAG_MISMATCH")
        self.assertError(call("DeactivateRoom", pb.directory.DeactivateRoomRequest(
            id=str(uuid.uuid4()), etag="v1", request_id=request_id())), NOT_FOUND, "ROOM_NOT_FOUND")
        self.assertError(call("DeactivateRoom", pb.directory.DeactivateRoomRequest(request_id=request_id())),
                         INVALID_ARGUMENT, "FIELD_INVALID", ["id", "etag"])

    def test_get_unknown_or_malformed_room_is_not_found(self):
        for room_id in (str(uuid.uuid4()), "x'; DROP TABLE mediation_rooms; --"):
            with self.subTest(id=room_id):
                self.assertError(call("GetRoom", pb.directory.GetRoomRequest(id=room_id), STAFF), NOT_FOUND,
                                 "ROOM_NOT_FOUND")
        self.assertError(call("GetRoom", pb.directory.GetRoomRequest(), STAFF), INVALID_ARGUMENT, fields=["id"])

    def test_list_pages_in_region_then_name_order_without_gaps_or_duplicates(self):
        code = next_county_code()
        self.assertOk(call("CreateRegion", pb.directory.CreateRegionRequest(
            region=pb.directory.Region(code=code, name="分页测试区", level=pb.directory.REGION_LEVEL_COUNTY,
                                       parent_code="420100"), request_id=request_id())))
        commission = self.assertOk(call("CreateCommission", pb.directory.CreateCommissionRequest(
            commission=pb.directory.Commission(region_code=code, name="分页测试区仲裁委",
                                               case_number_template="分〔{year}〕第{seq}号"),
            request_id=request_id())))
        names = [f"分页工作室{i:02d}" for i in range(11)]
        for name in random.sample(names, len(names)):
            self.create_room(room(region_code=code, commission_ids=[commission.id], name=name))
        request = pb.directory.ListRoomsRequest(region_code=code, page_size=3)
        pages = []
        while True:
            response = self.assertOk(call("ListRooms", request, REPORTING))
            pages.append([r.name for r in response.rooms])
            if not response.next_page_token:
                break
            request.page_token = response.next_page_token
        self.assertEqual([len(p) for p in pages], [3, 3, 3, 2])
        self.assertEqual(sum(pages, []), sorted(names))
        by_commission = self.list_all("ListRooms", pb.directory.ListRoomsRequest(commission_id=commission.id), "rooms")
        self.assertEqual(sorted(r.name for r in by_commission), sorted(names))

    def test_list_refuses_bad_filters_and_tokens(self):
        first = self.assertOk(call("ListRooms", pb.directory.ListRoomsRequest(page_size=1), STAFF))
        self.assertTrue(first.next_page_token)
        other_filter = pb.directory.ListRoomsRequest(page_size=1, active_only=True, page_token=first.next_page_token)
        self.assertError(call("ListRooms", other_filter, STAFF), INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["page_token"])
        garbage = pb.directory.ListRoomsRequest(page_token="not-a-token")
        self.assertError(call("ListRooms", garbage, STAFF), INVALID_ARGUMENT, "PAGE_TOKEN_INVALID", ["page_token"])
        self.assertError(call("ListRooms", pb.directory.ListRoomsRequest(region_code="42x100"), STAFF),
                         INVALID_ARGUMENT, fields=["region_code"])
        self.assertError(call("ListRooms", pb.directory.ListRoomsRequest(page_size=-1), STAFF), INVALID_ARGUMENT,
                         fields=["page_size"])
        nothing = self.assertOk(call("ListRooms", pb.directory.ListRoomsRequest(commission_id="nope"), STAFF))
        self.assertEqual(list(nothing.rooms), [])

    def test_below_minimum_flag_follows_active_members(self):
        created = self.create_room(room(min_mediators=2))
        self.assertTrue(created.below_minimum_mediators)
        first = self.create_mediator(mediator([created.id]))
        r = self.get_room(created.id)
        self.assertEqual((r.active_mediators, r.below_minimum_mediators), (1, True))
        self.create_mediator(mediator([created.id]))
        r = self.get_room(created.id)
        self.assertEqual((r.active_mediators, r.below_minimum_mediators), (2, False))
        self.assertOk(call("UpdateMediator", update_mediator_request(
            first, ["status"], status=pb.directory.MEDIATOR_STATUS_SUSPENDED)))
        r = self.get_room(created.id)
        self.assertEqual((r.active_mediators, r.below_minimum_mediators), (1, True))

    def test_open_cases_counts_cases_delegated_to_the_room(self):
        created = self.create_room()
        case = self.assertOk(call("CreateCase", new_case(DEMO["420100"].id), STAFF))
        # The delegation workflow sets these; the count follows the column and state names.
        SERVER.psql(f"UPDATE cases SET delegated_room_id = '{created.id}', state = 'IN_MEDIATION' "
                    f"WHERE id = '{case.id}'")
        self.assertEqual(self.get_room(created.id).open_cases, 1)


def new_case(commission_id):
    applied = today_in_china() - datetime.timedelta(days=2)
    case = pb.case.Case(commission_id=commission_id, facts_and_reasons="拖欠工资三个月。")
    case.applicants.add(kind=pb.case.PARTY_KIND_WORKER, name="王小明", resident_id_number=resident_id(),
                        phone="13912345678")
    case.respondents.add(kind=pb.case.PARTY_KIND_EMPLOYER, name="武汉某公司",
                         unified_social_credit_code="91350100M000100Y43")
    case.claims.add(dispute_type=pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION, description="支付工资",
                    amount_fen=900000)
    case.application_date.CopyFrom(date_msg(applied))
    return pb.case_service.CreateCaseRequest(case=case, route_stage=pb.case.ROUTE_STAGE_RECEIVED,
                                             request_id=request_id())


_county_codes = iter(range(420160, 420199))


def next_county_code():
    return str(next(_county_codes))


# ---------------------------------------------------------------------------
# Mediators.

class MediatorTest(E2ETest):

    def test_identity_numbers_are_masked_in_every_response_and_sealed_at_rest(self):
        wanted = mediator([DEMO_ROOM_ID])
        number = wanted.resident_id_number
        created = self.create_mediator(wanted)
        self.assertEqual(created.resident_id_number, masked(number))
        for caller in (ADMIN,) + NOT_ADMINS:
            with self.subTest(caller=caller):
                got = self.assertOk(call("GetMediator", pb.directory.GetMediatorRequest(id=created.id), caller))
                self.assertEqual(got.resident_id_number, masked(number))
        listed = self.list_all("ListMediators", pb.directory.ListMediatorsRequest(room_id=DEMO_ROOM_ID), "mediators")
        self.assertIn(masked(number), [m.resident_id_number for m in listed])
        for m in listed:
            self.assertNotIn(number, m.SerializeToString().decode("utf-8", "replace"))
        self.assertEqual(SERVER.psql(
            f"SELECT count(*) FROM mediators m WHERE m::text LIKE '%{number}%' "
            f"OR encode(m.resident_id_number_enc, 'escape') LIKE '%{number}%'").strip(), "0")
        self.assertEqual(SERVER.psql(
            f"SELECT count(*) FROM idempotency_keys WHERE encode(response, 'escape') LIKE '%{number}%'").strip(), "0",
            "the stored response of the create holds the number in clear")
        self.assertNotIn(number, SERVER.read_log())

    def test_create_round_trips_every_field_and_defaults_to_active(self):
        room_a, room_b = self.create_room(), self.create_room()
        wanted = mediator([room_b.id, room_a.id], source=pb.directory.MEDIATOR_SOURCE_RETIRED_JUDGE_OR_PROCURATOR,
                          established_civil_servant=True, training_hours=0, etag="v9")
        created = self.create_mediator(wanted)
        self.assertEqual(created.status, pb.directory.MEDIATOR_STATUS_ACTIVE)
        self.assertEqual(list(created.room_ids), sorted([room_a.id, room_b.id]))
        for field in ("name", "source", "certificate_number", "certificate_expiry", "term_start", "term_end",
                      "training_hours", "established_civil_servant"):
            self.assertEqual(getattr(created, field), getattr(wanted, field), field)
        self.assertEqual(created.etag, "v1")
        self.assertEqual(self.assertOk(call("GetMediator", pb.directory.GetMediatorRequest(id=created.id), REPORTING)),
                         created)

    def test_create_retry_returns_the_first_answer(self):
        request = create_mediator_request(mediator([DEMO_ROOM_ID]))
        first = self.assertOk(call("CreateMediator", request))
        self.assertEqual(self.assertOk(call("CreateMediator", request)), first,
                         "a retry gets the stored answer, not MEDIATOR_EXISTS")

    def test_one_mediator_per_identity_number(self):
        first = mediator()
        self.create_mediator(first)
        again = mediator(resident_id_number=first.resident_id_number)
        out = self.assertError(call("CreateMediator", create_mediator_request(again)), ALREADY_EXISTS,
                               "MEDIATOR_EXISTS")
        self.assertNotIn(first.resident_id_number, out.message)

    def test_invalid_mediators_name_every_offending_field(self):
        good = resident_id()
        wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
        cases = [
            (mediator(name=""), ["mediator.name"]),
            (mediator(resident_id_number=""), ["mediator.resident_id_number"]),
            (mediator(resident_id_number=wrong_check), ["mediator.resident_id_number"]),
            (mediator(source=pb.directory.MEDIATOR_SOURCE_UNSPECIFIED), ["mediator.source"]),
            (mediator(source=77), ["mediator.source"]),
            (mediator(certificate_number=""), ["mediator.certificate_number"]),
            (mediator(certificate_expiry=None), ["mediator.certificate_expiry"]),
            (mediator(term_end=date_msg(datetime.date(2024, 12, 31))), ["mediator.term_end"]),
            (mediator(term_start=pb.common.Date(year=2025, month=13, day=1)), ["mediator.term_start"]),
            (mediator(training_hours=-1), ["mediator.training_hours"]),
            (mediator(status=9), ["mediator.status"]),
            (mediator([DEMO_ROOM_ID, DEMO_ROOM_ID]), ["mediator.room_ids[1]"]),
            (pb.directory.Mediator(), ["mediator.name", "mediator.resident_id_number", "mediator.source",
                                       "mediator.certificate_number", "mediator.certificate_expiry",
                                       "mediator.term_start", "mediator.term_end"]),
        ]
        for m, fields in cases:
            with self.subTest(fields=fields):
                self.assertError(call("CreateMediator", create_mediator_request(m)), INVALID_ARGUMENT,
                                 "FIELD_INVALID", fields)

    def test_unknown_room_is_not_found(self):
        self.assertError(call("CreateMediator", create_mediator_request(mediator([DEMO_ROOM_ID, str(uuid.uuid4())]))),
                         NOT_FOUND, "ROOM_NOT_FOUND", ["mediator.room_ids[1]"])

    def test_update_moves_rooms_and_suspends_under_the_current_etag(self):
        room_a, room_b = self.create_room(), self.create_room()
        created = self.create_mediator(mediator([room_a.id]))
        moved = self.assertOk(call("UpdateMediator", update_mediator_request(
            created, ["room_ids", "status"], room_ids=[room_b.id], status=pb.directory.MEDIATOR_STATUS_SUSPENDED,
            name="不应改变")))
        self.assertEqual(list(moved.room_ids), [room_b.id])
        self.assertEqual(moved.status, pb.directory.MEDIATOR_STATUS_SUSPENDED)
        self.assertEqual(moved.name, created.name)
        self.assertEqual(moved.resident_id_number, created.resident_id_number, "still masked")
        self.assertEqual(moved.etag, "v2")
        in_a = self.list_all("ListMediators", pb.directory.ListMediatorsRequest(room_id=room_a.id), "mediators")
        self.assertEqual(in_a, [])
        suspended_in_b = self.list_all("ListMediators", pb.directory.ListMediatorsRequest(
            room_id=room_b.id, status=pb.directory.MEDIATOR_STATUS_SUSPENDED), "mediators")
        self.assertEqual([m.id for m in suspended_in_b], [created.id])
        self.assertError(call("UpdateMediator", update_mediator_request(created, ["training_hours"],
                                                                        training_hours=80)),
                         ABORTED, "ETAG_MISMATCH")
        cases = [
            (update_mediator_request(moved, ["etag"]), INVALID_ARGUMENT, None, ["update_mask"]),
            (update_mediator_request(moved, ["term_end"], term_end=date_msg(datetime.date(2020, 1, 1))),
             INVALID_ARGUMENT, "FIELD_INVALID", ["mediator.term_end"]),
            (update_mediator_request(moved, ["term_end"]), INVALID_ARGUMENT, "FIELD_INVALID", ["mediator.term_end"]),
            (update_mediator_request(moved, ["room_ids"], room_ids=[str(uuid.uuid4())]), NOT_FOUND,
             "ROOM_NOT_FOUND", ["mediator.room_ids[0]"]),
        ]
        for request, code, reason, fields in cases:
            with self.subTest(paths=list(request.update_mask.paths)):
                self.assertError(call("UpdateMediator", request), code, reason, fields)
        self.assertError(call("GetMediator", pb.directory.GetMediatorRequest(id=str(uuid.uuid4())), STAFF), NOT_FOUND,
                         "MEDIATOR_NOT_FOUND")

    def test_list_pages_oldest_first_without_gaps_or_duplicates(self):
        r = self.create_room()
        ids = [self.create_mediator(mediator([r.id])).id for _ in range(7)]
        request = pb.directory.ListMediatorsRequest(room_id=r.id, page_size=2)
        seen, pages = [], 0
        while True:
            response = self.assertOk(call("ListMediators", request, ROOM_STAFF))
            seen.extend(m.id for m in response.mediators)
            pages += 1
            if not response.next_page_token:
                break
            request.page_token = response.next_page_token
        self.assertEqual(seen, ids)
        self.assertEqual(pages, 4)
        first = self.assertOk(call("ListMediators", pb.directory.ListMediatorsRequest(room_id=r.id, page_size=1),
                                   STAFF))
        other_room = pb.directory.ListMediatorsRequest(room_id=DEMO_ROOM_ID, page_token=first.next_page_token)
        self.assertError(call("ListMediators", other_room, STAFF), INVALID_ARGUMENT, "PAGE_TOKEN_INVALID",
                         ["page_token"])
        self.assertError(call("ListMediators", pb.directory.ListMediatorsRequest(status=5), STAFF), INVALID_ARGUMENT,
                         fields=["status"])


# ---------------------------------------------------------------------------
# Who may change the directory.

class PermissionTest(E2ETest):

    def test_only_admins_change_rooms_and_mediators_and_everyone_reads_them(self):
        existing_mediator = self.create_mediator(mediator([self.create_room().id]))
        existing_room = self.get_room(existing_mediator.room_ids[0])
        writes = {
            "CreateRoom": lambda: create_room_request(room()),
            "UpdateRoom": lambda: update_room_request(existing_room, ["capacity"], capacity=5),
            "DeactivateRoom": lambda: pb.directory.DeactivateRoomRequest(id=existing_room.id, etag=existing_room.etag,
                                                                         request_id=request_id()),
            "CreateMediator": lambda: create_mediator_request(mediator()),
            "UpdateMediator": lambda: update_mediator_request(existing_mediator, ["training_hours"],
                                                              training_hours=1),
        }
        reads = {
            "GetRoom": lambda: pb.directory.GetRoomRequest(id=existing_room.id),
            "ListRooms": lambda: pb.directory.ListRoomsRequest(),
            "GetMediator": lambda: pb.directory.GetMediatorRequest(id=existing_mediator.id),
            "ListMediators": lambda: pb.directory.ListMediatorsRequest(),
        }
        for caller in NOT_ADMINS:
            for method, make in writes.items():
                with self.subTest(caller=caller, method=method):
                    out = self.assertError(call(method, make(), caller), PERMISSION_DENIED, "ROLE_NOT_ALLOWED")
                    self.assertIn("admin", out.message)
            for method, make in reads.items():
                with self.subTest(caller=caller, method=method):
                    self.assertOk(call(method, make(), caller))
        self.assertEqual(self.get_room(existing_room.id), existing_room, "no refused write changed the room")
        for method, make in list(writes.items()) + list(reads.items()):
            with self.subTest(caller=None, method=method):
                self.assertError(call(method, make(), None), grpc.StatusCode.UNAUTHENTICATED)


# ---------------------------------------------------------------------------
# Module fixture: one server for every test.

def setUpModule():
    global SERVER, PROTO_OUT, pb
    if ARGS is None:
        raise RuntimeError("run as: test_rooms.py --caitiaod <path> --proto-dir <repo>/proto")
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
        SERVER.stop()
        shutil.rmtree(PROTO_OUT, ignore_errors=True)
        raise


def tearDownModule():
    harness.end_module(PROTO_OUT, SERVER)


def main():
    harness.main(sys.modules[__name__])

if __name__ == "__main__":
    main()
