"""Calling caitiaod from end-to-end tests: principals with bearer tokens, one
call helper for every RPC (by full method name, unary or server-streaming),
and the outcome with its ErrorDetail. Message classes come from the
generated modules' descriptor pool, so any RPC can be called by name.

    e2e_client.configure(pb, server)          # once, after the server started
    out = call("caitiao.v1.CaseService/GetCase", request, principal)
    out.code, out.reason, out.fields, out.response, out.request_id
"""

import uuid

import grpc
from google.protobuf import descriptor_pool, message_factory

OK = grpc.StatusCode.OK
RPC_TIMEOUT_S = 30

_pb = None
_server = None


def configure(pb, server):
    global _pb, _server
    _pb, _server = pb, server


class Principal:
    def __init__(self, name, token=None):
        self.name, self.token = name, token

    def metadata(self):
        return [("authorization", f"Bearer {self.token}")] if self.token else None

    def __repr__(self):
        return self.name


NOBODY = Principal("nobody")


class Outcome:
    def __init__(self, code, response=None, message="", trailing=()):
        self.code, self.response, self.message = code, response, message
        self.trailing = dict(trailing or ())
        self.request_id = self.trailing.get("x-request-id")
        self.reason = None
        self.fields = []
        self.partial = []  # what a stream delivered before it failed
        raw = self.trailing.get("grpc-status-details-bin")
        if raw is not None:
            for detail in _pb.common.RpcStatus.FromString(raw).details:
                if detail.Is(_pb.common.ErrorDetail.DESCRIPTOR):
                    error = _pb.common.ErrorDetail()
                    detail.Unpack(error)
                    self.reason = error.reason
                    self.fields = [v.field for v in error.field_violations]

    def __repr__(self):
        return f"{self.code.name} reason={self.reason} message={self.message!r} request_id={self.request_id}"


def message_class(descriptor):
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(descriptor_pool.Default()).GetPrototype(descriptor)


def response_class(full_method):
    service, method = full_method.split("/")
    descriptor = descriptor_pool.Default().FindServiceByName(service).FindMethodByName(method).output_type
    return message_class(descriptor)


def call(full_method, request, who, channel=None, streaming=False, timeout=RPC_TIMEOUT_S):
    """One RPC; a streaming one is read to its end (response = list)."""
    channel = channel or _server.channel
    factory = channel.unary_stream if streaming else channel.unary_unary
    stub = factory(f"/{full_method}", request_serializer=lambda m: m.SerializeToString(),
                   response_deserializer=response_class(full_method).FromString)
    items = []
    try:
        if streaming:
            responses = stub(request, metadata=who.metadata(), timeout=timeout)
            for item in responses:
                items.append(item)
            return Outcome(OK, items, "", responses.trailing_metadata())
        response, rpc = stub.with_call(request, metadata=who.metadata(), timeout=timeout)
        return Outcome(OK, response, "", rpc.trailing_metadata())
    except grpc.RpcError as e:
        out = Outcome(e.code(), None, e.details(), e.trailing_metadata())
        out.partial = items
        return out


def rid():
    return str(uuid.uuid4())


def issue(admin, label, role, commissions=(), room="", regions=(), unmask=False):
    """A new token; returns (Principal, ApiToken)."""
    a = _pb.access
    out = call("caitiao.v1.AccessService/IssueToken", a.IssueTokenRequest(
        label=label, role=a.Role.Value(f"ROLE_{role.upper()}"),
        scope=a.AccessScope(commission_ids=list(commissions), room_id=room, region_codes=list(regions)),
        unmask_personal_data=unmask, request_id=rid()), admin)
    if out.code != OK:
        raise RuntimeError(f"cannot issue a {role} token: {out}")
    return Principal(label, out.response.secret), out.response.token
